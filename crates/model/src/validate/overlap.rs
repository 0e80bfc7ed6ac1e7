//! Overlapping address spaces between networks that are connected to each other.
//!
//! One pass over every prefix of the design ([`Ctx::overlap_marks`]: a sort and a laminar stack)
//! marks the nodes whose space overlaps anything at all; only those enter the relation checks. Each
//! check then sweeps ([`cidr::set_overlaps`], built on the same [`cidr::sweep`]) one
//! relation at a time: the two ends of a link, the peers of one hub, or the group around one
//! VPN-connected VNet ([`Ctx::vpn_overlaps`]). The relations' sizes add up to O(links), so the family
//! is O(n log n) in the design's size, and unrelated VNets reusing the same space cost nothing extra
//! (a single sweep over all prefixes would enumerate every such pair: n² for n copies of one range).

use std::collections::BTreeMap;

use ipnet::IpNet;

use super::ends::Adj;
use super::finding::{Out, Rule, Severity};
use super::groups::{GroupOverlap, MAX_SET_PAIRS, Via};
use super::index::Ctx;
use crate::cidr;
use crate::design::{LinkId, LinkKind};
use crate::sku::VpnSku;

fn more(count: usize) -> String {
    if count > 1 {
        format!(" (and {} more overlapping prefix pairs)", count - 1)
    } else {
        String::new()
    }
}

/// The lines that move the first of `nodes` that has room to free private space (its subnets, or
/// its BGP address, along), else `otherwise`.
fn renumber_or(ctx: &Ctx<'_>, nodes: &[&str], otherwise: impl FnOnce() -> Vec<String>) -> Vec<String> {
    nodes
        .iter()
        .find_map(|n| ctx.node(n).and_then(|node| ctx.fix().renumber(node)))
        .unwrap_or_else(otherwise)
}

/// Overlaps between the two ends of every sound link of `kind`, as `(id, a, b, a's net, b's net, count)`.
fn link_overlaps<'d>(ctx: &Ctx<'d>, kind: LinkKind) -> Vec<(LinkId, &'d str, &'d str, IpNet, IpNet, usize)> {
    let mut out = Vec::new();
    for s in ctx
        .sound_of_kind(kind)
        .filter(|s| ctx.may_overlap(s.ends.0) && ctx.may_overlap(s.ends.1))
    {
        for o in cidr::set_overlaps(&[&s.a.prefixes, s.b.prefixes()], MAX_SET_PAIRS) {
            out.push((s.id, s.a.name.as_str(), s.b.name(), o.nets.0, o.nets.1, o.count));
        }
    }
    out
}

pub const OVERLAP_PEERING: Rule = Rule {
    id: "overlap-peering",
    severity: Severity::Error,
    doc: "two peered VNets have no address in common (IPv4 and IPv6, every prefix)",
    source: "S20, S21",
    check: overlap_peering,
};

fn overlap_peering(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, a, b, na, nb, count) in link_overlaps(ctx, LinkKind::Peering) {
        out.emit(
            format!(
                "peered VNets {a} ({na}) and {b} ({nb}) overlap{}: Azure refuses the peering",
                more(count)
            ),
            &[a, b],
            &[id],
            format!("renumber one side (set {b} prefixes=...) or unlink peering {a} {b}"),
            renumber_or(ctx, &[b, a], || vec![format!("unlink peering {a} {b}")]),
        );
    }
}

pub const OVERLAP_V2V: Rule = Rule {
    id: "overlap-v2v",
    severity: Severity::Error,
    doc: "the two VNets of a VNet-to-VNet connection have no address in common",
    source: "S18",
    check: overlap_v2v,
};

fn overlap_v2v(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, a, b, na, nb, count) in link_overlaps(ctx, LinkKind::V2v) {
        out.emit(
            format!("VNet-to-VNet ends {a} ({na}) and {b} ({nb}) overlap{}", more(count)),
            &[a, b],
            &[id],
            format!("renumber one side (set {b} prefixes=...) or unlink v2v {a} {b}"),
            renumber_or(ctx, &[b, a], || vec![format!("unlink v2v {a} {b}")]),
        );
    }
}

pub const OVERLAP_HUB_PEERS: Rule = Rule {
    id: "overlap-hub-peers",
    severity: Severity::Error,
    doc: "a VNet cannot peer to a hub when it overlaps a VNet already peered to that hub (the later peering is refused)",
    source: "S34",
    check: overlap_hub_peers,
};

fn overlap_hub_peers(ctx: &Ctx<'_>, out: &mut Out) {
    // Buffers reused across hubs.
    let mut peers: Vec<(LinkId, &str, u32, &[IpNet])> = Vec::new();
    let mut sets: Vec<&[IpNet]> = Vec::new();
    // Only peers whose space overlaps something at all can conflict.
    let may_overlap = |x: &&Adj<'_>| ctx.may_overlap(x.other_idx);
    for (_, hub, adj) in ctx.vnets_adj() {
        // Most VNets (the spokes) have one peering: nothing to pair, and nothing to collect.
        if Ctx::of_kind(adj, LinkKind::Peering)
            .filter(may_overlap)
            .nth(1)
            .is_none()
        {
            continue;
        }
        peers.clear();
        peers.extend(
            Ctx::of_kind(adj, LinkKind::Peering)
                .filter(may_overlap)
                .map(|x| (x.id, x.other.name(), x.other_idx, x.other.prefixes())),
        );
        if peers.len() < 2 {
            continue;
        }
        // Each peer once, with its first peering.
        peers.sort_unstable_by_key(|p| (p.2, p.0));
        peers.dedup_by_key(|p| p.2);
        sets.clear();
        sets.extend(peers.iter().map(|p| p.3));
        // The peering created later (higher id) is the one Azure refuses: one finding per refused
        // peering, naming the earliest peer it collides with.
        let mut refused: BTreeMap<usize, (usize, IpNet, IpNet, usize)> = BTreeMap::new();
        for o in cidr::set_overlaps(&sets, MAX_SET_PAIRS) {
            let ((i, j), (ni, nj)) = (o.sets, o.nets);
            let (new, old, new_net, old_net) = if peers[i].0 > peers[j].0 {
                (i, j, ni, nj)
            } else {
                (j, i, nj, ni)
            };
            let entry = refused.entry(new).or_insert((old, new_net, old_net, 0));
            entry.3 += 1;
            if peers[old].0 < peers[entry.0].0 {
                (entry.0, entry.1, entry.2) = (old, new_net, old_net);
            }
        }
        for (new, (old, new_net, old_net, count)) in refused {
            let ((new_id, new, _, _), (old_id, old, _, _)) = (peers[new], peers[old]);
            let others = match count - 1 {
                0 => String::new(),
                1 => " and 1 other peer".to_owned(),
                n => format!(" and {n} other peers"),
            };
            out.emit(
                format!("{new} ({new_net}) overlaps {old} ({old_net}){others}, already peered to {}: the peering {} {new} is refused", hub.name, hub.name),
                &[new, old, &hub.name],
                &[new_id, old_id],
                format!("renumber {new} (set {new} prefixes=...) or unlink peering {} {new}", hub.name),
                renumber_or(ctx, &[new], || vec![format!("unlink peering {} {new}", hub.name)]),
            );
        }
    }
}

/// The group overlaps (see [`Ctx::vpn_overlaps`]) that `keep` accepts, with the pair ordered as `keep` returns it.
fn group_pairs<'c, 'd>(
    ctx: &'c Ctx<'d>,
    keep: impl Fn(Via, Via) -> bool + 'c,
) -> impl Iterator<Item = GroupOverlap<'d>> + 'c {
    ctx.vpn_overlaps().iter().filter_map(move |o| {
        if keep(o.x.via, o.y.via) {
            Some(*o)
        } else if keep(o.y.via, o.x.via) {
            Some(GroupOverlap {
                x: o.y,
                y: o.x,
                nets: (o.nets.1, o.nets.0),
                ..*o
            })
        } else {
            None
        }
    })
}

fn links(o: &GroupOverlap<'_>) -> Vec<LinkId> {
    o.x.link.into_iter().chain(o.y.link).collect()
}

pub const OVERLAP_LNG_VNET: Rule = Rule {
    id: "overlap-lng-vnet",
    severity: Severity::Error,
    doc: "an S2S site's prefixes do not overlap its VNet unless NAT rules translate them (connection create reported to fail; one issue says it is tolerated)",
    source: "S16, S34",
    check: overlap_lng_vnet,
};

fn overlap_lng_vnet(ctx: &Ctx<'_>, out: &mut Out) {
    for o in group_pairs(ctx, |x, y| x == Via::Hub && y == Via::Site { nat: false }) {
        out.emit(
            format!(
                "site {} ({}) overlaps VNet {} ({}){}: the S2S connection cannot route it",
                o.y.node,
                o.nets.1,
                o.hub,
                o.nets.0,
                more(o.count)
            ),
            &[o.y.node, o.hub],
            &links(&o),
            format!(
                "renumber (set {} prefixes=...), or translate it: set {} nat-rules=1 and link s2s {} {} nat",
                o.y.node, o.hub, o.hub, o.y.node
            ),
            renumber_or(ctx, &[o.y.node], || nat_fix(ctx, o.hub, o.y.node)),
        );
    }
}

/// The lines that translate site `site`'s S2S connections to `hub` with the gateway's NAT rules (on a
/// SKU that offers NAT); empty when no SKU of the era does.
fn nat_fix(ctx: &Ctx<'_>, hub: &str, site: &str) -> Vec<String> {
    let Some(v) = ctx.vnet(hub) else { return Vec::new() };
    let Some(gw) = &v.vpn else { return Vec::new() };
    let mut lines = Vec::new();
    if !ctx.vpn_spec(v).is_some_and(|s| s.nat) {
        let sku = ctx.fix().suggest_vpn(VpnSku::VpnGw2);
        if !ctx.catalog.vpn_any(sku).is_some_and(|r| r.nat) {
            return Vec::new();
        }
        lines.extend(ctx.fix().vpn_sku(v, sku));
    }
    if gw.nat_rules == 0 {
        lines.push(format!("set {hub} nat-rules=1"));
    }
    lines.push(format!("set-link s2s {hub} {site} nat"));
    lines
}

pub const OVERLAP_CONNECTED: Rule = Rule {
    id: "overlap-connected",
    severity: Severity::Warning,
    doc: "networks reached through one VPN gateway (S2S sites, VNet-to-VNet partners, transit spokes) are mutually unique; one hop only",
    source: "S18, S31",
    check: overlap_connected,
};

fn overlap_connected(ctx: &Ctx<'_>, out: &mut Out) {
    // Pairs with the hub itself, peer-vs-peer and pools have their own rules; non-transit peers are not
    // reached through the gateway; NAT-translated sites are the supported escape.
    let reached = |v: Via| matches!(v, Via::Site { nat: false } | Via::V2v | Via::Peer { transit: true });
    let own_rule = |x: Via, y: Via| matches!((x, y), (Via::Peer { .. }, Via::Peer { .. }));
    for o in group_pairs(ctx, |x, y| reached(x) && reached(y) && !own_rule(x, y)) {
        out.emit(
            format!("{} ({}) and {} ({}) both connect through {}'s gateway and overlap{}: traffic to the shared range goes to only one of them", o.x.node, o.nets.0, o.y.node, o.nets.1, o.hub, more(o.count)),
            &[o.x.node, o.y.node, o.hub],
            &links(&o),
            format!("renumber one of them (set {} prefixes=...), or translate a site with NAT rules on {}", o.y.node, o.hub),
            renumber_or(ctx, &[o.y.node, o.x.node], Vec::new),
        );
    }
}

pub const P2S_POOL_VNET: Rule = Rule {
    id: "p2s-pool-vnet",
    severity: Severity::Error,
    doc: "a P2S client pool does not overlap the address space of the VNet whose gateway serves it",
    source: "S34",
    check: p2s_pool_vnet,
};

fn p2s_pool_vnet(ctx: &Ctx<'_>, out: &mut Out) {
    for o in group_pairs(ctx, |x, y| x == Via::Pool && y == Via::Hub) {
        let fix = renumber_or(ctx, &[o.x.node], Vec::new);
        // The hint names the pool the fix picks (the lowest free one of the same size).
        let hint = match fix.first() {
            Some(line) => format!("pick a pool outside every connected network: {line}"),
            None => format!(
                "pick a pool outside every connected network: set {} pool=172.16.201.0/24",
                o.x.node
            ),
        };
        out.emit(
            format!(
                "P2S client pool of {} ({}) overlaps VNet {} ({}): Azure refuses the pool",
                o.x.node, o.nets.0, o.hub, o.nets.1
            ),
            &[o.x.node, o.hub],
            &links(&o),
            hint,
            fix,
        );
    }
}

pub const P2S_POOL_ONPREM: Rule = Rule {
    id: "p2s-pool-onprem",
    severity: Severity::Warning,
    doc: "a P2S client pool does not overlap the gateway's S2S sites, VNet-to-VNet partners or peered VNets",
    source: "S33",
    check: p2s_pool_onprem,
};

fn p2s_pool_onprem(ctx: &Ctx<'_>, out: &mut Out) {
    let other = |v: Via| matches!(v, Via::Site { .. } | Via::V2v | Via::Peer { .. });
    for o in group_pairs(ctx, |x, y| x == Via::Pool && other(y)) {
        out.emit(
            format!(
                "P2S client pool of {} ({}) overlaps {} ({}), reached through {}: clients cannot reach that range",
                o.x.node, o.nets.0, o.y.node, o.nets.1, o.hub
            ),
            &[o.x.node, o.y.node, o.hub],
            &links(&o),
            format!("pick a pool outside every connected network: set {} pool=...", o.x.node),
            renumber_or(ctx, &[o.x.node], Vec::new),
        );
    }
}

pub const OVERLAP_ER_ONPREM: Rule = Rule {
    id: "overlap-er-onprem",
    severity: Severity::Warning,
    doc: "on-premises prefixes behind ExpressRoute are unique among the networks of the same VNet's gateways: S2S sites, P2S pools, VNet-to-VNet partners and other circuits",
    source: "S18, S31",
    check: overlap_er_onprem,
};

fn overlap_er_onprem(ctx: &Ctx<'_>, out: &mut Out) {
    // Buffers reused across VNets: each network once (first relation wins), its link and its words.
    let mut members: Vec<(u32, &str, LinkId, &[IpNet], &str)> = Vec::new();
    let mut sets: Vec<&[IpNet]> = Vec::new();
    for (_, v, adj) in ctx.vnets_adj() {
        if !Ctx::of_kind(adj, LinkKind::Er).any(|x| ctx.may_overlap(x.other_idx)) {
            continue;
        }
        members.clear();
        let mut circuits = 0;
        for (kind, words) in [
            (LinkKind::Er, "ExpressRoute site"),
            (LinkKind::S2s, "S2S site"),
            (LinkKind::P2s, "P2S pool of"),
            (LinkKind::V2v, "VNet-to-VNet partner"),
        ] {
            for x in Ctx::of_kind(adj, kind).filter(|x| ctx.may_overlap(x.other_idx)) {
                if members.iter().all(|m| m.0 != x.other_idx) {
                    members.push((x.other_idx, x.other.name(), x.id, x.other.prefixes(), words));
                }
            }
            if kind == LinkKind::Er {
                circuits = members.len();
            }
        }
        sets.clear();
        sets.extend(members.iter().map(|m| m.3));
        for o in cidr::set_overlaps(&sets, MAX_SET_PAIRS) {
            let ((i, j), (ni, nj), count) = (o.sets, o.nets, o.count);
            // `i < j`, and the circuits come first: a pair with no circuit is another rule's.
            if i >= circuits {
                continue;
            }
            let (x, y) = (members[i], members[j]);
            out.emit(
                format!(
                    "ExpressRoute site {} ({ni}) overlaps {} {} ({nj}){}, both reached through {}: traffic to the shared range goes to only one of them",
                    x.1,
                    y.4,
                    y.1,
                    more(count),
                    v.name
                ),
                &[x.1, y.1, &v.name],
                &[x.2, y.2],
                format!("renumber one of them (set {} prefixes=...)", y.1),
                renumber_or(ctx, &[y.1, x.1], Vec::new),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::test_support::{findings, fires, silent};

    const GW: &str = "subnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw2AZ\n";

    #[test]
    fn overlap_peering_fires_on_any_prefix_pair_of_multi_prefix_and_ipv6_vnets() {
        let f = fires(
            "overlap-peering",
            "vnet a 10.0.0.0/16,fd00:1::/48\nvnet b 10.1.0.0/16,fd00:1:0:5::/64\nlink peering a b",
            "b",
        );
        assert!(
            f.message.contains("fd00:1::/48") && f.message.contains("fd00:1:0:5::/64"),
            "{}",
            f.message
        );
        assert_eq!(f.links.len(), 1);
        let f = fires(
            "overlap-peering",
            "vnet a 10.0.0.0/16,10.2.0.0/16\nvnet b 10.1.0.0/16,10.2.0.0/24,10.0.0.0/8\nlink peering a b",
            "a",
        );
        assert!(f.message.contains("2 more"), "{}", f.message);
        silent(
            "overlap-peering",
            "vnet a 10.0.0.0/16,fd00:1::/48\nvnet b 10.1.0.0/16,fd00:2::/48\nlink peering a b",
        );
        silent("overlap-peering", "vnet a 10.0.0.0/16\nvnet b 10.0.0.0/16");
    }

    #[test]
    fn overlap_v2v_fires_on_overlapping_ends() {
        let script = "vnet a 10.0.0.0/16\nvnet b 10.0.128.0/17\nlink v2v a b";
        let f = fires("overlap-v2v", script, "a");
        assert!(f.hint.contains("unlink v2v a b"), "{}", f.hint);
        silent("overlap-v2v", &script.replace("10.0.128.0/17", "10.1.0.0/16"));
    }

    #[test]
    fn overlap_hub_peers_blames_the_later_peering() {
        let script = "vnet hub 10.0.0.0/16\nvnet s1 10.1.0.0/16\nvnet s2 10.1.5.0/24\nvnet s3 10.3.0.0/16\nlink peering hub s1\nlink peering hub s3\nlink peering s2 hub";
        let found = findings("overlap-hub-peers", script);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].nodes, vec!["s2", "s1", "hub"]);
        assert!(
            found[0].message.contains("already peered to hub"),
            "{}",
            found[0].message
        );
        silent("overlap-hub-peers", &script.replace("10.1.5.0/24", "10.2.0.0/16"));
        // Three peers in one space: the two later peerings are refused, each reported once.
        let found = findings(
            "overlap-hub-peers",
            &format!("{script}\nvnet s4 10.1.0.0/20\nlink peering hub s4"),
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|f| f.nodes[0] == "s4" && f.nodes[1] == "s1" && f.message.contains("and 1 other peer,")),
            "{found:?}"
        );
    }

    #[test]
    fn overlap_lng_vnet_fires_unless_nat_translates_the_site() {
        let script = format!(
            "vnet hub 10.0.0.0/16\n{GW}site office 10.0.5.0/24,192.168.0.0/24 ip=203.0.113.10\nlink s2s hub office"
        );
        let f = fires("overlap-lng-vnet", &script, "office");
        assert!(f.message.contains("10.0.5.0/24"), "{}", f.message);
        silent(
            "overlap-lng-vnet",
            &script.replace("link s2s hub office", "set hub nat-rules=1\nlink s2s hub office nat"),
        );
        silent("overlap-lng-vnet", &script.replace("10.0.5.0/24,", ""));
    }

    #[test]
    fn overlap_connected_fires_between_sites_and_transit_spokes_of_one_gateway() {
        let base = format!(
            "vnet hub 10.0.0.0/16\n{GW}site s1 192.168.0.0/24 ip=203.0.113.1\nsite s2 192.168.1.0/24 ip=203.0.113.2\nlink s2s hub s1\nlink s2s hub s2\nvnet spoke 10.1.0.0/16\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke\n"
        );
        silent("overlap-connected", &base);
        let f = fires(
            "overlap-connected",
            &base.replace("192.168.1.0/24", "192.168.0.128/25"),
            "s2",
        );
        assert_eq!(f.nodes, vec!["s1", "s2", "hub"]);
        assert_eq!(f.links.len(), 2);
        fires(
            "overlap-connected",
            &base.replace("192.168.1.0/24", "10.1.0.0/24"),
            "spoke",
        );
        // A peer that does not use the gateway is not reached through it.
        silent(
            "overlap-connected",
            &base
                .replace("192.168.1.0/24", "10.1.0.0/24")
                .replace(" use-remote-gateways=spoke", ""),
        );
    }

    #[test]
    fn p2s_pool_vnet_fires_when_the_pool_is_inside_the_vnet() {
        let script = format!("vnet hub 10.0.0.0/16\n{GW}users u 10.0.200.0/24 clients=10\nlink p2s hub u");
        let f = fires("p2s-pool-vnet", &script, "u");
        assert!(
            f.message.contains("10.0.200.0/24") && f.message.contains("hub"),
            "{}",
            f.message
        );
        silent("p2s-pool-vnet", &script.replace("10.0.200.0/24", "172.16.0.0/24"));
    }

    #[test]
    fn p2s_pool_onprem_warns_on_a_pool_inside_a_site_or_peer() {
        let script = format!(
            "vnet hub 10.0.0.0/16\n{GW}site office 172.16.0.0/16 ip=203.0.113.1\nlink s2s hub office\nvnet spoke 10.1.0.0/16\nlink peering hub spoke\nusers u 172.31.0.0/24 clients=10\nlink p2s hub u"
        );
        silent("p2s-pool-onprem", &script);
        fires(
            "p2s-pool-onprem",
            &script.replace("172.31.0.0/24", "172.16.9.0/24"),
            "office",
        );
        fires(
            "p2s-pool-onprem",
            &script.replace("172.31.0.0/24", "10.1.9.0/24"),
            "spoke",
        );
    }

    #[test]
    fn overlap_er_onprem_fires_between_a_circuit_and_the_vnets_vpn_networks() {
        let base = format!(
            "vnet hub 10.0.0.0/16\n{GW}gateway hub er ErGw1AZ\nsite dc 172.16.0.0/16 circuit=1000\nlink er hub dc\n\
             site office 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub office\nusers u 172.31.0.0/24 clients=10\nlink p2s hub u\n"
        );
        silent("overlap-er-onprem", &base);
        let f = fires(
            "overlap-er-onprem",
            &base.replace("192.168.0.0/24", "172.16.4.0/24"),
            "office",
        );
        assert_eq!(f.nodes, vec!["dc", "office", "hub"]);
        assert!(f.message.contains("S2S site office"), "{}", f.message);
        fires(
            "overlap-er-onprem",
            &base.replace("172.31.0.0/24", "172.16.9.0/24"),
            "u",
        );
        // The same site over both ExpressRoute and S2S (a failover) is one network, not two.
        silent(
            "overlap-er-onprem",
            &format!("{base}set dc ip=203.0.113.9\nlink s2s hub dc"),
        );
    }
}
