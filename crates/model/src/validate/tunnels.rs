//! VPN types and tunnel topologies: what PolicyBased gateways cannot do, multi-site and redundant tunnels.

use std::collections::BTreeMap;

use super::ends::Adj;
use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::design::{LinkId, LinkKind, Vnet, VpnType};
use crate::fix::link_line;
use crate::text::show_names;

fn policy_based(v: &Vnet) -> bool {
    v.vpn.as_ref().is_some_and(|g| g.vpn_type == VpnType::PolicyBased)
}

/// The S2S links of a VNet grouped by site, in site-name order.
fn s2s_by_site<'d>(adj: &[Adj<'d>]) -> BTreeMap<&'d str, Vec<(LinkId, bool)>> {
    let mut by_site: BTreeMap<&str, Vec<(LinkId, bool)>> = BTreeMap::new();
    for x in Ctx::of_kind(adj, LinkKind::S2s) {
        by_site.entry(x.other.name()).or_default().push((x.id, x.link.bgp));
    }
    by_site
}

/// VNets with a PolicyBased VPN gateway, with their sound links.
fn policy_vnets<'c, 'd>(ctx: &'c Ctx<'d>) -> impl Iterator<Item = (&'d Vnet, &'c [Adj<'d>])> + 'c {
    ctx.gateway_vnets_adj()
        .filter(|(_, v, _)| policy_based(v))
        .map(|(_, v, adj)| (v, adj))
}

/// The lines that make `v`'s gateway RouteBased (see `Fixer::route_based`).
fn routebased_fix(ctx: &Ctx<'_>, v: &Vnet) -> Vec<String> {
    ctx.fix().route_based(v)
}

fn rb_hint(vnet: &str) -> String {
    format!("set {vnet} policy-based=false (RouteBased; policy-based traffic selectors serve policy devices)")
}

pub const PB_BASIC_ONLY: Rule = Rule {
    id: "pb-basic-only",
    severity: Severity::Error,
    doc: "a PolicyBased VPN gateway uses the Basic SKU (the only SKU offering PolicyBased)",
    source: "S14",
    check: pb_basic_only,
};

fn pb_basic_only(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets().filter(|v| policy_based(v)) {
        let Some(gw) = &v.vpn else { continue };
        let allowed = ctx.vpn_spec(v).map_or(gw.sku.is_basic(), |s| s.policy_based);
        if !allowed {
            out.emit(
                format!(
                    "{}'s VPN gateway is PolicyBased on {}, but only Basic offers PolicyBased",
                    v.name, gw.sku
                ),
                &[&v.name],
                &[],
                rb_hint(&v.name),
                routebased_fix(ctx, v),
            );
        }
    }
}

pub const PB_ONE_TUNNEL: Rule = Rule {
    id: "pb-one-tunnel",
    severity: Severity::Error,
    doc: "a PolicyBased gateway has at most one S2S connection (several to one site here; several sites: multisite-routebased)",
    source: "S14",
    check: pb_one_tunnel,
};

fn pb_one_tunnel(ctx: &Ctx<'_>, out: &mut Out) {
    for (v, adj) in policy_vnets(ctx) {
        let by_site = s2s_by_site(adj);
        if by_site.len() != 1 {
            continue;
        }
        for (site, links) in by_site.into_iter().filter(|(_, l)| l.len() > 1) {
            let ids: Vec<LinkId> = links.iter().map(|(id, _)| *id).collect();
            out.emit(
                format!(
                    "PolicyBased gateway {} has {} S2S connections to {site}; it supports one",
                    v.name,
                    ids.len()
                ),
                &[&v.name, site],
                &ids,
                format!(
                    "keep one (unlink s2s {} {site}, then link s2s {} {site}), or {}",
                    v.name,
                    v.name,
                    rb_hint(&v.name)
                ),
                ctx.design
                    .link(ids[0])
                    .map(|l| vec![format!("unlink s2s {} {site}", v.name), link_line(l)])
                    .unwrap_or_default(),
            );
        }
    }
}

pub const MULTISITE_ROUTEBASED: Rule = Rule {
    id: "multisite-routebased",
    severity: Severity::Error,
    doc: "S2S connections to more than one site on a gateway need a RouteBased gateway",
    source: "S4, S18",
    check: multisite_routebased,
};

fn multisite_routebased(ctx: &Ctx<'_>, out: &mut Out) {
    for (v, adj) in policy_vnets(ctx) {
        let by_site = s2s_by_site(adj);
        if by_site.len() < 2 {
            continue;
        }
        let sites: Vec<&str> = by_site.keys().copied().collect();
        let ids: Vec<LinkId> = by_site.values().flatten().map(|(id, _)| *id).collect();
        let mut nodes = vec![v.name.as_str()];
        nodes.extend(&sites);
        out.emit(
            format!(
                "PolicyBased gateway {} connects {} sites ({}); multi-site needs RouteBased",
                v.name,
                sites.len(),
                show_names(&sites)
            ),
            &nodes,
            &ids,
            rb_hint(&v.name),
            routebased_fix(ctx, v),
        );
    }
}

pub const PB_NO_P2S: Rule = Rule {
    id: "pb-no-p2s",
    severity: Severity::Error,
    doc: "Point-to-Site needs a RouteBased gateway, never a PolicyBased one (the fact sheet's p2s-routebased is the same condition)",
    source: "S14, S16",
    check: pb_no_p2s,
};

fn pb_no_p2s(ctx: &Ctx<'_>, out: &mut Out) {
    for (v, adj) in policy_vnets(ctx) {
        for (id, users) in Ctx::of_kind(adj, LinkKind::P2s).map(|x| (x.id, x.other.name())) {
            out.emit(
                format!(
                    "user group {users} connects P2S to {}, whose gateway is PolicyBased; P2S needs RouteBased",
                    v.name
                ),
                &[users, &v.name],
                &[id],
                rb_hint(&v.name),
                routebased_fix(ctx, v),
            );
        }
    }
}

pub const PB_NO_V2V_MULTISITE: Rule = Rule {
    id: "pb-no-v2v-multisite",
    severity: Severity::Error,
    doc: "VNet-to-VNet needs RouteBased gateways at both ends",
    source: "S18",
    check: pb_no_v2v,
};

fn pb_no_v2v(ctx: &Ctx<'_>, out: &mut Out) {
    for s in ctx.sound_of_kind(LinkKind::V2v) {
        let (id, l) = (s.id, s.link);
        for (end, v) in [(&l.a, Some(s.a)), (&l.b, s.b.as_vnet())] {
            if let Some(v) = v.filter(|v| policy_based(v)) {
                out.emit(
                    format!("VNet-to-VNet {} ends at {end}, whose gateway is PolicyBased; VNet-to-VNet needs RouteBased at both ends", l.describe()),
                    &[end, l.other(end).unwrap_or_default()],
                    &[id],
                    rb_hint(end),
                    routebased_fix(ctx, v),
                );
            }
        }
    }
}

pub const MULTITUNNEL_SAME_SITE: Rule = Rule {
    id: "multitunnel-same-site",
    severity: Severity::Error,
    doc: "several S2S connections from one gateway to one site all use BGP (with static routes their prefixes would overlap)",
    source: "S16, S17",
    check: multitunnel_same_site,
};

fn multitunnel_same_site(ctx: &Ctx<'_>, out: &mut Out) {
    // A VNet with S2S links terminates tunnels: the others have nothing to group.
    for (_, v, adj) in ctx.tunnel_vnets_adj().filter(|(_, v, _)| !policy_based(v)) {
        for (site, links) in s2s_by_site(adj) {
            if links.len() < 2 || links.iter().all(|(_, bgp)| *bgp) {
                continue;
            }
            let ids: Vec<LinkId> = links.iter().map(|(id, _)| *id).collect();
            let static_count = links.iter().filter(|(_, bgp)| !bgp).count();
            // `set-link` turns BGP on for every tunnel between the two, with what BGP needs.
            let fix = links
                .iter()
                .find(|(_, bgp)| !bgp)
                .and_then(|(id, _)| ctx.design.link(*id))
                .map(|l| ctx.fix().bgp(l))
                .filter(|f| f.complete)
                .map(|f| f.lines)
                .unwrap_or_default();
            out.emit(
                format!("{} has {} S2S connections to {site}, {static_count} of them without BGP: their static prefixes overlap", v.name, ids.len()),
                &[&v.name, site],
                &ids,
                format!("use BGP on every tunnel: unlink s2s {} {site}, then link s2s {} {site} bgp once per tunnel", v.name, v.name),
                fix,
            );
        }
    }
}

pub const V2V_REDUNDANT: Rule = Rule {
    id: "v2v-redundant",
    severity: Severity::Error,
    doc: "redundant VNet-to-VNet tunnels between two VNets need at least one active-active gateway",
    source: "S17, S18",
    check: v2v_redundant,
};

fn v2v_redundant(ctx: &Ctx<'_>, out: &mut Out) {
    let mut pairs: BTreeMap<(&str, &str), (Vec<LinkId>, bool)> = BTreeMap::new();
    let aa = |v: Option<&Vnet>| v.and_then(|v| v.vpn.as_ref()).is_some_and(|g| g.active_active);
    for s in ctx.sound_of_kind(LinkKind::V2v) {
        let l = s.link;
        let key = if l.a <= l.b {
            (l.a.as_str(), l.b.as_str())
        } else {
            (l.b.as_str(), l.a.as_str())
        };
        let entry = pairs.entry(key).or_default();
        entry.0.push(s.id);
        entry.1 |= aa(Some(s.a)) || aa(s.b.as_vnet());
    }
    for ((a, b), (ids, any_aa)) in pairs {
        if ids.len() > 1 && !any_aa {
            // Active-active where the gateway offers it (RouteBased, a SKU with it); else one tunnel.
            let can_aa = ctx
                .vnet(a)
                .filter(|v| !policy_based(v))
                .and_then(|v| ctx.vpn_spec(v))
                .is_some_and(|s| s.active_active);
            let fix = if can_aa {
                vec![format!("set {a} active-active=true")]
            } else {
                ctx.design
                    .link(ids[0])
                    .map(|l| vec![format!("unlink v2v {a} {b}"), link_line(l)])
                    .unwrap_or_default()
            };
            out.emit(
                format!(
                    "{a} and {b} have {} VNet-to-VNet connections, but neither gateway is active-active",
                    ids.len()
                ),
                &[a, b],
                &ids,
                format!("set {a} active-active=true, or unlink v2v {a} {b} and link v2v {a} {b} once"),
                fix,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::test_support::{fires, silent};

    const HUB: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n";
    const SITES: &str = "site s1 192.168.1.0/24 ip=203.0.113.1\nsite s2 192.168.2.0/24 ip=203.0.113.2\n";

    #[test]
    fn pb_basic_only_fires_on_a_policy_based_vpngw() {
        let f = fires(
            "pb-basic-only",
            &format!("{HUB}gateway hub vpn VpnGw1AZ policy-based"),
            "hub",
        );
        assert!(f.hint.starts_with("set hub policy-based=false"), "{}", f.hint);
        silent("pb-basic-only", &format!("{HUB}gateway hub vpn Basic policy-based"));
        silent(
            "pb-basic-only",
            &format!("catalog 2017\n{HUB}gateway hub vpn Basic policy-based"),
        );
    }

    #[test]
    fn pb_one_tunnel_fires_on_two_connections_to_one_site() {
        let script = format!("{HUB}gateway hub vpn Basic policy-based\n{SITES}link s2s hub s1\nlink s2s hub s1");
        let f = fires("pb-one-tunnel", &script, "s1");
        assert_eq!(f.links.len(), 2);
        silent(
            "pb-one-tunnel",
            &format!("{HUB}gateway hub vpn Basic policy-based\n{SITES}link s2s hub s1"),
        );
        silent("pb-one-tunnel", &script.replace(" policy-based", ""));
    }

    #[test]
    fn multisite_routebased_fires_on_a_policy_based_gateway_with_two_sites() {
        let script = format!("{HUB}gateway hub vpn Basic policy-based\n{SITES}link s2s hub s1\nlink s2s hub s2");
        let f = fires("multisite-routebased", &script, "s2");
        assert!(f.message.contains("2 sites (s1, s2)"), "{}", f.message);
        silent("multisite-routebased", &script.replace(" policy-based", ""));
    }

    #[test]
    fn pb_no_p2s_fires_on_p2s_to_a_policy_based_gateway() {
        let script = format!(
            "{HUB}gateway hub vpn Basic policy-based\nusers u 172.16.0.0/24 clients=5 protocol=sstp\nlink p2s hub u"
        );
        fires("pb-no-p2s", &script, "u");
        silent("pb-no-p2s", &script.replace(" policy-based", ""));
    }

    #[test]
    fn pb_no_v2v_multisite_fires_on_a_policy_based_end() {
        let script = format!(
            "{HUB}gateway hub vpn Basic policy-based\nvnet b 10.1.0.0/16\ngateway b vpn VpnGw1AZ\nlink v2v b hub"
        );
        let f = fires("pb-no-v2v-multisite", &script, "hub");
        assert_eq!(f.nodes, vec!["hub", "b"]);
        silent("pb-no-v2v-multisite", &script.replace(" policy-based", ""));
    }

    #[test]
    fn multitunnel_same_site_needs_bgp_on_every_tunnel() {
        let script = format!(
            "{HUB}gateway hub vpn VpnGw1AZ asn=65010\n{SITES}set s1 asn=65020\nlink s2s hub s1 bgp\nlink s2s hub s1"
        );
        let f = fires("multitunnel-same-site", &script, "s1");
        assert!(f.message.contains("1 of them without BGP"), "{}", f.message);
        silent("multitunnel-same-site", &format!("{script} bgp"));
        silent(
            "multitunnel-same-site",
            &format!("{HUB}gateway hub vpn VpnGw1AZ\n{SITES}link s2s hub s1\nlink s2s hub s2"),
        );
    }

    #[test]
    fn v2v_redundant_needs_an_active_active_gateway() {
        let script = format!(
            "{HUB}gateway hub vpn VpnGw1AZ\nvnet b 10.1.0.0/16\ngateway b vpn VpnGw1AZ\nlink v2v hub b\nlink v2v b hub"
        );
        let f = fires("v2v-redundant", &script, "hub");
        assert_eq!(f.links.len(), 2);
        silent(
            "v2v-redundant",
            &script.replace("gateway b vpn VpnGw1AZ", "gateway b vpn VpnGw1AZ active-active"),
        );
        silent(
            "v2v-redundant",
            &format!("{HUB}gateway hub vpn VpnGw1AZ\nvnet b 10.1.0.0/16\ngateway b vpn VpnGw1AZ\nlink v2v hub b"),
        );
    }
}
