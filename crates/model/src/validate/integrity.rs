//! Integrity of the design itself: links that name missing nodes or need a gateway that is not there.

use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::design::LinkKind;
use crate::props::check_name;
use crate::sku::{ErSku, VpnSku};

/// A link names a node that does not exist, or one of the wrong kind.
pub const LINK_DANGLING: Rule = Rule {
    id: "link-dangling",
    severity: Severity::Error,
    doc: "every link names two existing nodes of the kinds its kind needs (a VNet, then a site, users or VNet)",
    source: "model",
    check: link_dangling,
};

fn link_dangling(ctx: &Ctx<'_>, out: &mut Out) {
    // `Ctx` resolved every link once: only the unsound ones need a look.
    for (id, l) in ctx.unsound() {
        let a = ctx.node(&l.a);
        let b = ctx.node(&l.b);
        let problem = match (a, b) {
            (None, _) => Some(format!("names `{}`, which does not exist", l.a)),
            (_, None) => Some(format!("names `{}`, which does not exist", l.b)),
            (Some(a), _) if a.as_vnet().is_none() => Some(format!("starts at {} `{}`, not at a VNet", a.kind(), l.a)),
            (_, Some(b)) if b.kind() != l.kind.b_kind() => Some(format!(
                "ends at {} `{}`, but a {} link ends at a {}",
                b.kind(),
                l.b,
                l.kind.label(),
                l.kind.b_kind()
            )),
            _ if l.a == l.b => Some(format!("links `{}` to itself", l.a)),
            _ => None,
        };
        if let Some(problem) = problem {
            let nodes: Vec<&str> = [l.a.as_str(), l.b.as_str()]
                .into_iter()
                .filter(|n| ctx.node(n).is_some())
                .collect();
            // `unlink` takes every link of the kind between the two names: all of them are as broken.
            let named = check_name(&l.a).is_ok() && check_name(&l.b).is_ok();
            let fix = if named {
                vec![format!("unlink {} {} {}", l.kind, l.a, l.b)]
            } else {
                Vec::new()
            };
            out.emit(
                format!("{} link {} {}", l.kind.label(), l.describe(), problem),
                &nodes,
                &[id],
                "delete the link, or add the missing node with the right kind",
                fix,
            );
        }
    }
}

/// S2S, P2S and V2V need a VPN gateway at each VNet end; ExpressRoute needs an ER gateway and a circuit.
pub const LINK_NEEDS_GATEWAY: Rule = Rule {
    id: "link-needs-gateway",
    severity: Severity::Error,
    doc: "S2S, P2S and VNet-to-VNet links need a VPN gateway on each VNet end; ExpressRoute needs an ER gateway and a site circuit",
    source: "S4",
    check: link_needs_gateway,
};

fn link_needs_gateway(ctx: &Ctx<'_>, out: &mut Out) {
    for s in ctx.sound() {
        let (id, l, a) = (s.id, s.link, s.a);
        match l.kind {
            LinkKind::S2s | LinkKind::P2s | LinkKind::V2v => {
                let mut missing: Vec<&str> = Vec::new();
                if a.vpn.is_none() {
                    missing.push(&l.a);
                }
                if l.kind == LinkKind::V2v && s.b.as_vnet().is_some_and(|b| b.vpn.is_none()) {
                    missing.push(&l.b);
                }
                for vnet in missing {
                    let sku = ctx.fix().suggest_vpn(VpnSku::VpnGw1);
                    let fix = ctx
                        .vnet(vnet)
                        .and_then(|v| ctx.fix().add_vpn_gateway(v, sku))
                        .unwrap_or_default();
                    out.emit(
                        format!(
                            "{} link {} needs a VPN gateway in `{vnet}`, which has none",
                            l.kind.label(),
                            l.describe()
                        ),
                        &[vnet],
                        &[id],
                        format!("add one: gateway {vnet} vpn {sku}"),
                        fix,
                    );
                }
            }
            LinkKind::Er => {
                if a.er.is_none() {
                    out.emit(
                        format!(
                            "ExpressRoute link {} needs an ExpressRoute gateway in `{}`",
                            l.describe(),
                            l.a
                        ),
                        &[&l.a],
                        &[id],
                        format!("add one: gateway {} er {}", l.a, ctx.fix().suggest_er(ErSku::ErGw1AZ)),
                        ctx.fix().add_er_gateway(a).unwrap_or_default(),
                    );
                }
                if s.b.as_site().is_some_and(|site| site.circuit.is_none()) {
                    out.emit(
                        format!(
                            "ExpressRoute link {} needs a circuit at site `{}`, which has none",
                            l.describe(),
                            l.b
                        ),
                        &[&l.b],
                        &[id],
                        format!("give the site a circuit: set {} circuit=1000", l.b),
                        super::expressroute::circuit_for(ctx, &l.b).into_iter().collect(),
                    );
                }
            }
            LinkKind::Peering => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::design::{Link, LinkKind};
    use crate::validate::test_support::{fires, silent};
    use crate::validate::validate;

    #[test]
    fn link_dangling_fires_on_a_missing_end_and_stays_silent_on_sound_links() {
        let mut d = crate::validate::test_support::design("vnet a 10.0.0.0/16\nsite s 192.168.0.0/24");
        d.push_link_unchecked(Link::new(LinkKind::S2s, "a", "ghost"));
        d.push_link_unchecked(Link::new(LinkKind::P2s, "a", "s"));
        let found: Vec<_> = validate(&d)
            .findings
            .into_iter()
            .filter(|f| f.rule == "link-dangling")
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|f| f.message.contains("ghost")));
        assert!(found.iter().any(|f| f.message.contains("Point-to-Site")));
        silent(
            "link-dangling",
            "vnet a 10.0.0.0/16\nsite s 192.168.0.0/24\nlink s2s a s",
        );
    }

    #[test]
    fn link_needs_gateway_fires_without_a_gateway_and_stays_silent_with_one() {
        let f = fires(
            "link-needs-gateway",
            "vnet a 10.0.0.0/16\nsite s 192.168.0.0/24\nlink s2s a s",
            "a",
        );
        assert!(f.hint.contains("gateway a vpn"), "{}", f.hint);
        fires(
            "link-needs-gateway",
            "vnet a 10.0.0.0/16\nsite s 192.168.0.0/24\nlink er a s",
            "s",
        );
        silent(
            "link-needs-gateway",
            "vnet a 10.0.0.0/16\nsubnet a GatewaySubnet 10.0.0.0/27\ngateway a vpn VpnGw1AZ\nsite s 192.168.0.0/24\nlink s2s a s",
        );
    }
}
