//! Policy-based traffic selectors on S2S connections (`policy-based-selectors`, Azure's
//! `usePolicyBasedTrafficSelectors`): how a RouteBased gateway connects to policy-based on-premises
//! devices, several of them (a PolicyBased gateway has one S2S connection).
//!
//! What Azure documents \[S40\]\[S41\]: the option is part of a custom IPsec/IKE policy on the
//! connection (the complete policy must be given), on a RouteBased gateway of a SKU that offers
//! custom policies (not Basic); the device must speak IKEv2; the connection proposes one selector
//! per VNet prefix and site prefix pair instead of any-to-any, so the device needs each pair; and the
//! site reaches the gateway's VNet only, no other network through that gateway. Such connections
//! are S2S tunnels like the others: no count of their own, the gateway's tunnel limit applies
//! (`gw-tunnel-cap`), and the estimate treats them as any tunnel.

use super::ends::Adj;
use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::cidr;
use crate::design::{Link, LinkId, LinkKind, Site, Vnet, VpnType};
use crate::sku::VpnSku;
use crate::text::show_names;

/// A sound S2S connection with policy-based selectors.
struct Selected<'c, 'd> {
    id: LinkId,
    link: &'d Link,
    vnet: &'d Vnet,
    site: &'d Site,
    /// Every sound link of the VNet.
    adj: &'c [Adj<'d>],
}

/// The sound S2S connections with policy-based selectors, by VNet.
fn selector_links<'c, 'd>(ctx: &'c Ctx<'d>) -> impl Iterator<Item = Selected<'c, 'd>> + 'c {
    // The `a` end of an S2S link terminates tunnels: the other VNets have none.
    ctx.tunnel_vnets_adj().flat_map(move |(_, vnet, adj)| {
        Ctx::of_kind(adj, LinkKind::S2s)
            .filter(|x| x.link.policy_selectors)
            .filter_map(move |x| {
                Some(Selected {
                    id: x.id,
                    link: x.link,
                    vnet,
                    site: x.other.as_site()?,
                    adj,
                })
            })
    })
}

/// The line that turns the option off (any-to-any selectors, for a route-based device).
fn off(vnet: &str, site: &str) -> String {
    format!("set-link s2s {vnet} {site} policy-based-selectors=false")
}

fn off_hint(vnet: &str, site: &str) -> String {
    format!("{} (any-to-any selectors, for a route-based device)", off(vnet, site))
}

pub const PBTS_ROUTEBASED: Rule = Rule {
    id: "pbts-routebased",
    severity: Severity::Error,
    doc: "policy-based traffic selectors are an option of a RouteBased gateway's connections",
    source: "S40",
    check: pbts_routebased,
};

fn pbts_routebased(ctx: &Ctx<'_>, out: &mut Out) {
    for Selected {
        id, vnet: v, site: s, ..
    } in selector_links(ctx)
    {
        let Some(gw) = &v.vpn else { continue };
        if gw.vpn_type == VpnType::PolicyBased {
            out.emit(
                format!(
                    "{} to {}: policy-based traffic selectors are an option of RouteBased gateways; {}'s is PolicyBased",
                    v.name, s.name, v.name
                ),
                &[&v.name, &s.name],
                &[id],
                format!("set {} policy-based=false, or {}", v.name, off_hint(&v.name, &s.name)),
                vec![off(&v.name, &s.name)],
            );
        }
    }
}

pub const PBTS_CUSTOM_IPSEC: Rule = Rule {
    id: "pbts-custom-ipsec",
    severity: Severity::Error,
    doc: "policy-based traffic selectors are part of a custom IPsec/IKE policy on the connection",
    source: "S40, S41",
    check: pbts_custom_ipsec,
};

fn pbts_custom_ipsec(ctx: &Ctx<'_>, out: &mut Out) {
    for Selected {
        id, vnet: v, site: s, ..
    } in selector_links(ctx).filter(|x| !x.link.custom_ipsec)
    {
        out.emit(
            format!(
                "{} to {}: policy-based traffic selectors need a custom IPsec/IKE policy on the connection",
                v.name, s.name
            ),
            &[&v.name, &s.name],
            &[id],
            format!(
                "set-link s2s {} {} custom-ipsec (the complete policy: IKE and IPsec algorithms, DH and PFS groups)",
                v.name, s.name
            ),
            // Where the SKU offers no custom policy (pbts-sku says so), the fix turns the option off.
            if ctx.vpn_spec(v).is_some_and(|spec| spec.custom_ipsec) {
                vec![format!("set-link s2s {} {} custom-ipsec", v.name, s.name)]
            } else {
                vec![off(&v.name, &s.name)]
            },
        );
    }
}

pub const PBTS_SKU: Rule = Rule {
    id: "pbts-sku",
    severity: Severity::Error,
    doc: "policy-based traffic selectors need a gateway SKU that offers custom IPsec/IKE policies (not Basic)",
    source: "S40, S41",
    check: pbts_sku,
};

fn pbts_sku(ctx: &Ctx<'_>, out: &mut Out) {
    for Selected {
        id, vnet: v, site: s, ..
    } in selector_links(ctx)
    {
        let (Some(gw), Some(spec)) = (&v.vpn, ctx.vpn_spec(v)) else {
            continue;
        };
        if !spec.custom_ipsec {
            let upgrade = ctx.fix().suggest_vpn(VpnSku::VpnGw1);
            let offered = ctx.catalog.vpn_any(upgrade).is_some_and(|r| r.custom_ipsec);
            let fix = if offered {
                ctx.fix().vpn_sku(v, upgrade)
            } else {
                vec![off(&v.name, &s.name)]
            };
            out.emit(
                format!(
                    "{} to {}: policy-based traffic selectors need a custom IPsec/IKE policy, which {} does not offer",
                    v.name, s.name, gw.sku
                ),
                &[&v.name, &s.name],
                &[id],
                format!("set {} vpn-sku={upgrade}, or {}", v.name, off_hint(&v.name, &s.name)),
                fix,
            );
        }
    }
}

pub const PBTS_NO_TRANSIT: Rule = Rule {
    id: "pbts-no-transit",
    severity: Severity::Warning,
    doc: "a site on policy-based traffic selectors reaches the gateway's VNet only: no other site, VNet or client through it",
    source: "S40",
    check: pbts_no_transit,
};

fn pbts_no_transit(ctx: &Ctx<'_>, out: &mut Out) {
    for Selected {
        id,
        vnet: v,
        site: s,
        adj,
        ..
    } in selector_links(ctx)
    {
        // What else the gateway carries: other sites, VNet-to-VNet, P2S clients, spokes using it.
        let mut others: Vec<&str> = adj
            .iter()
            .filter(|x| x.id != id)
            .filter(|x| match x.kind {
                LinkKind::S2s | LinkKind::V2v | LinkKind::P2s => x.other.name() != s.name,
                LinkKind::Peering => x.link.allows_transit_at(x.at_a) && x.link.uses_remote_at(!x.at_a),
                LinkKind::Er => false,
            })
            .map(|x| x.other.name())
            .collect();
        others.sort_unstable();
        others.dedup();
        if others.is_empty() {
            continue;
        }
        out.emit(
            format!(
                "{} connects to {} with policy-based traffic selectors: it reaches {}'s own prefixes only, not {} through the gateway",
                s.name,
                v.name,
                v.name,
                show_names(&others)
            ),
            &[&v.name, &s.name],
            &[id],
            format!(
                "if {} must reach them, use any-to-any selectors where the device allows it: {}",
                s.name,
                off_hint(&v.name, &s.name)
            ),
            vec![off(&v.name, &s.name)],
        );
    }
}

pub const PBTS_SELECTORS: Rule = Rule {
    id: "pbts-selectors",
    severity: Severity::Info,
    doc: "the device of a connection on policy-based traffic selectors needs one selector per VNet prefix and site prefix pair, and IKEv2",
    source: "S40, S41",
    check: pbts_selectors,
};

fn pbts_selectors(ctx: &Ctx<'_>, out: &mut Out) {
    for Selected {
        id, vnet: v, site: s, ..
    } in selector_links(ctx)
    {
        let pairs: Vec<String> = v
            .prefixes
            .iter()
            .flat_map(|ours| {
                s.prefixes
                    .iter()
                    .filter(move |theirs| cidr::range(theirs).0 == cidr::range(ours).0)
                    .map(move |theirs| format!("{theirs} <=> {ours}"))
            })
            .collect();
        let shown: Vec<&str> = pairs.iter().map(String::as_str).collect();
        out.emit(
            format!(
                "{}'s device needs {} traffic selector{} for {} (each site prefix to each VNet prefix: {}), and IKEv2",
                s.name,
                pairs.len(),
                if pairs.len() == 1 { "" } else { "s" },
                v.name,
                show_names(&shown)
            ),
            &[&v.name, &s.name],
            &[id],
            "configure each pair on the device; fewer, wider prefixes on either side mean fewer selectors",
            Vec::new(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{findings, fires, silent};

    /// A RouteBased hub with a policy-based device on the connection, set up right.
    const SOUND: &str = "\
vnet hub 10.0.0.0/16,10.1.0.0/16
subnet hub GatewaySubnet 10.0.255.0/27
gateway hub vpn VpnGw1AZ
site legacy 192.168.1.0/24,192.168.2.0/24 ip=203.0.113.10
link s2s hub legacy custom-ipsec policy-based-selectors
";

    #[test]
    fn pbts_routebased_fires_on_a_policy_based_gateway() {
        let f = fires(
            "pbts-routebased",
            &SOUND.replace("gateway hub vpn VpnGw1AZ", "gateway hub vpn Basic policy-based"),
            "legacy",
        );
        assert!(f.message.contains("PolicyBased"), "{}", f.message);
        silent("pbts-routebased", SOUND);
    }

    #[test]
    fn pbts_custom_ipsec_fires_without_a_custom_policy() {
        let f = fires("pbts-custom-ipsec", &SOUND.replace(" custom-ipsec", ""), "hub");
        assert!(f.hint.starts_with("set-link s2s hub legacy custom-ipsec"), "{}", f.hint);
        silent("pbts-custom-ipsec", SOUND);
        silent("pbts-custom-ipsec", &SOUND.replace(" policy-based-selectors", ""));
    }

    #[test]
    fn pbts_sku_fires_on_basic() {
        let f = fires("pbts-sku", &SOUND.replace("VpnGw1AZ", "Basic"), "hub");
        assert!(f.message.contains("Basic"), "{}", f.message);
        silent("pbts-sku", SOUND);
    }

    #[test]
    fn pbts_no_transit_fires_when_the_gateway_carries_other_networks() {
        let f = fires(
            "pbts-no-transit",
            &format!(
                "{SOUND}site branch 192.168.9.0/24 ip=203.0.113.20\nlink s2s hub branch\nvnet spoke 10.9.0.0/16\nlink peering hub spoke allow-gateway-transit@hub use-remote-gateways@spoke"
            ),
            "legacy",
        );
        assert!(
            f.message.contains("not branch, spoke through the gateway"),
            "{}",
            f.message
        );
        silent("pbts-no-transit", SOUND);
        // A spoke that does not use the gateway is not reached through it anyway.
        silent(
            "pbts-no-transit",
            &format!("{SOUND}vnet spoke 10.9.0.0/16\nlink peering hub spoke"),
        );
    }

    #[test]
    fn pbts_selectors_counts_the_prefix_pairs() {
        let found = findings("pbts-selectors", SOUND);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .message
                .starts_with("legacy's device needs 4 traffic selectors for hub"),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.contains("192.168.1.0/24 <=> 10.0.0.0/16"),
            "{}",
            found[0].message
        );
        silent("pbts-selectors", &SOUND.replace(" policy-based-selectors", ""));
    }
}
