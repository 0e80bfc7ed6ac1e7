//! What a gateway SKU offers: active-active, P2S protocols and RADIUS, custom IPsec/IKE policy, NAT,
//! and the Basic SKU's place (dev/test).

use super::finding::{Out, Rule, Severity};
use super::gateways::suggest_vpn;
use super::index::Ctx;
use crate::design::{LinkKind, Protocol, Vnet, VpnType};
use crate::sku::VpnSku;

pub const AA_SKU: Rule = Rule {
    id: "aa-sku",
    severity: Severity::Error,
    doc: "active-active needs a RouteBased gateway of a SKU that offers it (not Basic; in 2017 HighPerformance or VpnGw1-3)",
    source: "S36, S1",
    check: aa_sku,
};

fn aa_sku(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let Some(gw) = v.vpn.as_ref().filter(|g| g.active_active) else {
            continue;
        };
        let policy = gw.vpn_type == VpnType::PolicyBased;
        let Some(spec) = ctx.vpn_spec(v) else { continue };
        if policy || !spec.active_active {
            let why = if policy {
                "a PolicyBased gateway".to_owned()
            } else {
                format!("the {} SKU", gw.sku)
            };
            // Active-active off, unless redundant VNet-to-VNet tunnels need it: then a SKU that offers it.
            let redundant = {
                let mut partners: Vec<&str> = ctx.vnet_links(&v.name, LinkKind::V2v).map(|(_, _, o)| o).collect();
                partners.sort_unstable();
                partners.windows(2).any(|w| w[0] == w[1])
            };
            let fix = if redundant {
                ctx.fix().vpn_sku(v, suggest_vpn(ctx, VpnSku::VpnGw1))
            } else {
                vec![format!("set {} active-active=false", v.name)]
            };
            out.emit(
                format!("{}'s VPN gateway is active-active, which {why} does not offer", v.name),
                &[&v.name],
                &[],
                format!(
                    "set {} active-active=false, or set {} vpn-sku={}",
                    v.name,
                    v.name,
                    suggest_vpn(ctx, VpnSku::VpnGw1)
                ),
                fix,
            );
        }
    }
}

pub const BASIC_P2S: Rule = Rule {
    id: "basic-p2s",
    severity: Severity::Error,
    doc: "P2S protocol and RADIUS are offered by the gateway SKU (Basic: SSTP only, no RADIUS; the 2017 offer is SSTP only)",
    source: "S9, S16, S4",
    check: basic_p2s,
};

fn basic_p2s(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets().filter(|v| v.vpn.is_some()) {
        let Some(spec) = ctx.vpn_spec(v) else { continue };
        for (id, _, name) in ctx.vnet_links(&v.name, LinkKind::P2s) {
            let Some(u) = ctx.users(name) else { continue };
            if u.protocol != Protocol::Sstp && spec.p2s_ikev2_openvpn.is_none() {
                out.emit(
                    format!(
                        "user group {name} uses {} but {}'s {} gateway offers SSTP only in the {} catalog",
                        u.protocol,
                        v.name,
                        spec.sku,
                        ctx.era()
                    ),
                    &[name, &v.name],
                    &[id],
                    format!(
                        "set {name} protocol=sstp, or set {} vpn-sku={}",
                        v.name,
                        suggest_vpn(ctx, VpnSku::VpnGw1)
                    ),
                    vec![format!("set {name} protocol=sstp")],
                );
            }
            if u.radius && !spec.radius {
                out.emit(
                    format!(
                        "user group {name} uses RADIUS, which {}'s {} gateway does not offer in the {} catalog",
                        v.name,
                        spec.sku,
                        ctx.era()
                    ),
                    &[name, &v.name],
                    &[id],
                    format!("set {name} radius=false (certificate authentication)"),
                    vec![format!("set {name} radius=false")],
                );
            }
        }
    }
}

pub const BASIC_IPSEC_NAT: Rule = Rule {
    id: "basic-ipsec-nat",
    severity: Severity::Error,
    doc: "custom IPsec/IKE policy needs a SKU that offers it (not Basic); NAT needs VpnGw2+ (max 500 rules) and only on S2S connections",
    source: "S16",
    check: basic_ipsec_nat,
};

fn basic_ipsec_nat(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let Some(gw) = &v.vpn else { continue };
        let spec = ctx.vpn_spec(v);
        let nat_ok = spec.is_some_and(|s| s.nat);
        if gw.nat_rules > 0 && spec.is_some() && !nat_ok {
            let upgrade = suggest_vpn(ctx, VpnSku::VpnGw2);
            let offered = ctx.catalog.vpn_any(upgrade).is_some_and(|r| r.nat);
            // NAT rules that translate an S2S connection stay (a larger SKU); unused ones go.
            let used = ctx.vnet_links(&v.name, LinkKind::S2s).any(|(_, l, _)| l.nat);
            let fix = match (used, offered) {
                (true, true) => ctx.fix().vpn_sku(v, upgrade),
                (true, false) => Vec::new(),
                (false, _) => vec![format!("set {} nat-rules=0", v.name)],
            };
            let hint = if offered {
                format!("set {} nat-rules=0, or set {} vpn-sku={upgrade}", v.name, v.name)
            } else {
                format!(
                    "set {} nat-rules=0 (no SKU of the {} catalog offers NAT)",
                    v.name,
                    ctx.era()
                )
            };
            out.emit(
                format!(
                    "{}'s {} gateway has {} NAT rules, but NAT needs VpnGw2 or larger",
                    v.name, gw.sku, gw.nat_rules
                ),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
        if gw.nat_rules > 500 {
            out.emit(
                format!(
                    "{}'s gateway has {} NAT rules; the maximum is 500",
                    v.name, gw.nat_rules
                ),
                &[&v.name],
                &[],
                format!("set {} nat-rules=500", v.name),
                vec![format!("set {} nat-rules=500", v.name)],
            );
        }
        let tunnels = ctx
            .adj_of(&v.name)
            .iter()
            .filter(|x| x.at_a && matches!(x.kind, LinkKind::S2s | LinkKind::V2v | LinkKind::P2s));
        for x in tunnels {
            let (id, l) = (x.id, x.link);
            let remote = if l.kind == LinkKind::V2v {
                x.other.as_vnet()
            } else {
                None
            };
            for end in std::iter::once(v).chain(remote) {
                let Some(other_spec) = ctx.vpn_spec(end) else { continue };
                let end = end.name.as_str();
                let far = if end == l.a { &l.b } else { &l.a };
                if l.custom_ipsec && !other_spec.custom_ipsec {
                    out.emit(
                        format!(
                            "{} uses a custom IPsec/IKE policy, which {end}'s {} gateway does not offer",
                            l.describe(),
                            other_spec.sku
                        ),
                        &[end, far],
                        &[id],
                        format!(
                            "unlink {} {} {} then link {} {} {} without custom-ipsec",
                            l.kind, l.a, l.b, l.kind, l.a, l.b
                        ),
                        vec![crate::fix::custom_ipsec_off(l)],
                    );
                }
            }
            if !l.nat {
                continue;
            }
            let problem = match l.kind {
                LinkKind::V2v | LinkKind::P2s => Some(format!("NAT does not apply to {} connections", l.kind.label())),
                LinkKind::S2s if spec.is_some() && !nat_ok => {
                    Some(format!("{}'s {} gateway does not offer NAT", v.name, gw.sku))
                }
                _ => None,
            };
            if let Some(problem) = problem {
                // An S2S connection's translation stays on a SKU that offers NAT; elsewhere NAT goes.
                let upgrade = suggest_vpn(ctx, VpnSku::VpnGw2);
                let fix = if l.kind != LinkKind::S2s {
                    vec![format!("set-link {} {} {} nat=false", l.kind, l.a, l.b)]
                } else if ctx.catalog.vpn_any(upgrade).is_some_and(|r| r.nat) {
                    ctx.fix().vpn_sku(v, upgrade)
                } else {
                    ctx.fix().untranslated(v, l)
                };
                out.emit(
                    format!("{} translates with NAT, but {problem}", l.describe()),
                    &[&v.name, &l.b],
                    &[id],
                    format!(
                        "unlink {} {} {} then link {} {} {} without nat",
                        l.kind, l.a, l.b, l.kind, l.a, l.b
                    ),
                    fix,
                );
            }
        }
    }
}

pub const BASIC_PROD: Rule = Rule {
    id: "basic-prod",
    severity: Severity::Warning,
    doc: "the Basic VPN SKU is for dev/test: no BGP, no active-active, no SLA-grade features; production uses VpnGw1+",
    source: "S9, S3",
    check: basic_prod,
};

fn basic_prod(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx
        .vnets()
        .filter(|v: &&Vnet| v.vpn.as_ref().is_some_and(|g| g.sku.is_basic()))
    {
        out.emit(
            format!(
                "{}'s VPN gateway is Basic, meant for dev/test rather than production",
                v.name
            ),
            &[&v.name],
            &[],
            format!("set {} vpn-sku={}", v.name, suggest_vpn(ctx, VpnSku::VpnGw1)),
            ctx.fix().vpn_sku(v, suggest_vpn(ctx, VpnSku::VpnGw1)),
        );
    }
}

pub const NAT_APIPA: Rule = Rule {
    id: "nat-apipa",
    severity: Severity::Warning,
    doc: "NAT rules and APIPA BGP addresses do not go together (the gateway's custom APIPA address, or a NAT connection's APIPA peer)",
    source: "S16",
    check: nat_apipa,
};

fn nat_apipa(ctx: &Ctx<'_>, out: &mut Out) {
    let apipa = |ip: std::net::IpAddr| matches!(ip, std::net::IpAddr::V4(v4) if v4.is_link_local());
    for v in ctx.gateway_vnets() {
        let Some(gw) = v.vpn.as_ref().filter(|g| g.nat_rules > 0) else {
            continue;
        };
        if let Some(ip) = gw.apipa {
            out.emit(
                format!(
                    "{}'s gateway has {} NAT rules and the APIPA BGP address {ip}: NAT is not supported with APIPA BGP addresses",
                    v.name, gw.nat_rules
                ),
                &[&v.name],
                &[],
                format!("set {} apipa=none, or set {} nat-rules=0", v.name, v.name),
                vec![format!("set {} apipa=none", v.name)],
            );
        }
        for (id, l, name) in ctx.vnet_links(&v.name, LinkKind::S2s) {
            let Some(ip) = ctx
                .site(name)
                .and_then(|s| s.bgp_ip)
                .filter(|ip| l.nat && l.bgp && apipa(*ip))
            else {
                continue;
            };
            out.emit(
                format!(
                    "{} translates with NAT and peers over BGP with {name}'s APIPA address {ip}: NAT is not supported with APIPA BGP addresses",
                    l.describe()
                ),
                &[&v.name, name],
                &[id],
                format!("set {name} bgp-ip=<a non-APIPA address of the device>"),
                ctx.site(name)
                    .and_then(|s| ctx.fix().bgp_ip(s))
                    .filter(|ip| !ip.is_link_local())
                    .map(|ip| format!("set {name} bgp-ip={ip}"))
                    .into_iter()
                    .collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::test_support::{findings, fires, silent};

    const GW: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n";

    #[test]
    fn aa_sku_fires_on_basic_and_on_2017_standard() {
        fires("aa-sku", &format!("{GW}gateway hub vpn Basic active-active"), "hub");
        fires(
            "aa-sku",
            &format!("catalog 2017\n{GW}gateway hub vpn Standard active-active"),
            "hub",
        );
        silent(
            "aa-sku",
            &format!("catalog 2017\n{GW}gateway hub vpn HighPerformance active-active"),
        );
        silent("aa-sku", &format!("{GW}gateway hub vpn VpnGw1AZ active-active"));
    }

    #[test]
    fn basic_p2s_fires_on_ikev2_or_radius_where_the_sku_lacks_them() {
        let script =
            format!("{GW}gateway hub vpn Basic\nusers u 172.16.0.0/24 clients=5 protocol=ikev2\nlink p2s hub u");
        let f = fires("basic-p2s", &script, "u");
        assert!(f.hint.starts_with("set u protocol=sstp"), "{}", f.hint);
        fires(
            "basic-p2s",
            &format!("catalog 2017\n{}", script.replace("Basic", "VpnGw1")),
            "u",
        );
        let f = fires(
            "basic-p2s",
            &script.replace("protocol=ikev2", "protocol=sstp radius"),
            "u",
        );
        assert!(f.message.contains("RADIUS"), "{}", f.message);
        silent("basic-p2s", &script.replace("protocol=ikev2", "protocol=sstp"));
        silent(
            "basic-p2s",
            &script
                .replace("Basic", "VpnGw1AZ")
                .replace("protocol=ikev2", "protocol=openvpn radius"),
        );
    }

    #[test]
    fn basic_ipsec_nat_fires_on_policy_and_nat_the_sku_or_link_cannot_do() {
        let base = format!(
            "{GW}site s 192.168.0.0/24 ip=203.0.113.1\nvnet b 10.1.0.0/16\nsubnet b GatewaySubnet 10.1.255.0/27\ngateway b vpn VpnGw2AZ\n"
        );
        fires(
            "basic-ipsec-nat",
            &format!("{base}gateway hub vpn Basic\nlink s2s hub s custom-ipsec"),
            "hub",
        );
        let f = fires(
            "basic-ipsec-nat",
            &format!("{base}gateway hub vpn VpnGw1AZ nat-rules=1"),
            "hub",
        );
        assert_eq!(f.hint, "set hub nat-rules=0, or set hub vpn-sku=VpnGw2AZ");
        fires(
            "basic-ipsec-nat",
            &format!("{base}gateway hub vpn VpnGw2AZ nat-rules=501"),
            "hub",
        );
        let f = fires(
            "basic-ipsec-nat",
            &format!("{base}gateway hub vpn VpnGw2AZ nat-rules=1\nlink v2v hub b nat"),
            "b",
        );
        assert!(f.message.contains("VNet-to-VNet"), "{}", f.message);
        assert_eq!(
            findings(
                "basic-ipsec-nat",
                &format!("catalog 2017\n{base}gateway hub vpn VpnGw3\nlink s2s hub s nat")
            )
            .len(),
            1
        );
        silent(
            "basic-ipsec-nat",
            &format!(
                "{base}gateway hub vpn VpnGw2AZ nat-rules=3\nlink s2s hub s nat custom-ipsec\nlink v2v hub b custom-ipsec"
            ),
        );
    }

    #[test]
    fn basic_prod_warns_on_every_basic_gateway() {
        let f = fires("basic-prod", &format!("{GW}gateway hub vpn Basic"), "hub");
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw1AZ");
        let f = fires("basic-prod", &format!("catalog 2017\n{GW}gateway hub vpn Basic"), "hub");
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw1");
        silent("basic-prod", &format!("{GW}gateway hub vpn VpnGw1AZ"));
    }

    #[test]
    fn nat_apipa_fires_on_nat_with_an_apipa_bgp_address() {
        let base = format!(
            "{GW}gateway hub vpn VpnGw2AZ asn=65010 nat-rules=2\nsite s 192.168.0.0/24 ip=203.0.113.1 asn=65020\n"
        );
        fires("nat-apipa", &format!("{base}set hub apipa=169.254.21.1"), "hub");
        let f = fires(
            "nat-apipa",
            &format!("{base}set s bgp-ip=169.254.21.9\nlink s2s hub s bgp nat"),
            "s",
        );
        assert!(f.message.contains("169.254.21.9"), "{}", f.message);
        silent(
            "nat-apipa",
            &format!("{base}set s bgp-ip=192.168.0.1\nlink s2s hub s bgp nat"),
        );
        silent(
            "nat-apipa",
            &format!("{}set hub apipa=169.254.21.1", base.replace("nat-rules=2", "")),
        );
    }

    #[test]
    fn legacy_standard_and_high_performance_offer_custom_ipsec_in_2017_and_radius_now() {
        // 2017 VPN FAQ: custom IPsec/IKE policy on VpnGw1-3, Standard and HighPerformance [S16].
        let base = "catalog 2017\nvnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
            site s 192.168.0.0/24 ip=203.0.113.1\n";
        silent(
            "basic-ipsec-nat",
            &format!("{base}gateway hub vpn Standard\nlink s2s hub s custom-ipsec"),
        );
        fires(
            "basic-ipsec-nat",
            &format!("{base}gateway hub vpn Basic\nlink s2s hub s custom-ipsec"),
            "hub",
        );
        // VPN FAQ: "For earlier SKUs, RADIUS authentication is supported on Standard and High Performance".
        silent(
            "basic-p2s",
            &format!(
                "{GW}gateway hub vpn HighPerformance\nusers u 172.16.0.0/24 clients=5 protocol=sstp radius\nlink p2s hub u"
            ),
        );
    }
}
