//! VNet peering: transitivity, gateway transit, regions, classic VNets and both sides.

use super::ends::Adj;
use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::design::{Link, LinkId, LinkKind, Vnet};
use crate::hash::FxSet;

/// Sound peerings: id, link and the two VNets (`a`, `b`).
fn peerings<'c, 'd>(ctx: &'c Ctx<'d>) -> impl Iterator<Item = (LinkId, &'d Link, &'d Vnet, &'d Vnet)> + 'c {
    ctx.sound_of_kind(LinkKind::Peering)
        .filter_map(|s| Some((s.id, s.link, s.a, s.b.as_vnet()?)))
}

fn has_gateway(v: &Vnet) -> bool {
    v.vpn.is_some() || v.er.is_some()
}

pub const PEER_NONTRANSITIVE: Rule = Rule {
    id: "peer-nontransitive",
    severity: Severity::Warning,
    doc: "two VNets peered to a common hub but not to each other cannot talk through it (peering is not transitive) unless an NVA forwards",
    source: "S20, S21",
    check: peer_nontransitive,
};

fn peer_nontransitive(ctx: &Ctx<'_>, out: &mut Out) {
    // Whether two VNets are peered: a scan of the smaller adjacency when it is short (spokes have a
    // handful of links), else a probe in a set of every peering, built the first time it is needed.
    const SCAN: usize = 64;
    let all_pairs: std::cell::OnceCell<FxSet<(u32, u32)>> = std::cell::OnceCell::new();
    let peered = |x: u32, y: u32| {
        let (ax, ay) = (ctx.adj_at(x), ctx.adj_at(y));
        let (near, far) = if ax.len() <= ay.len() { (ax, y) } else { (ay, x) };
        if near.len() <= SCAN {
            return near.iter().any(|e| e.other_idx == far && e.kind == LinkKind::Peering);
        }
        all_pairs
            .get_or_init(|| {
                let mut set = FxSet::default();
                for (i, _, adj) in ctx.vnets_adj() {
                    for e in adj.iter().filter(|e| e.kind == LinkKind::Peering && e.other_idx > i) {
                        set.insert((i, e.other_idx));
                    }
                }
                set
            })
            .contains(&(x.min(y), x.max(y)))
    };
    let mut peers: Vec<(LinkId, &str, u32, bool)> = Vec::new();
    for (_, hub, adj) in ctx.vnets_adj() {
        peers.clear();
        peers.extend(
            Ctx::of_kind(adj, LinkKind::Peering).map(|x| (x.id, x.other.name(), x.other_idx, x.link.forwarded_traffic)),
        );
        if peers.len() < 2 {
            continue;
        }
        // Each peer once, with its first peering.
        peers.sort_unstable_by_key(|p| (p.2, p.0));
        peers.dedup_by_key(|p| p.2);
        // A pair is fine when directly peered, or when both peerings forward traffic (an NVA in the hub).
        let found = peers
            .iter()
            .filter(|p| !p.3)
            .find_map(|p| peers.iter().find(|q| q.2 != p.2 && !peered(p.2, q.2)).map(|q| (p, q)));
        if let Some((p, q)) = found {
            out.emit(
                format!("{} and {} are both peered to {} but not to each other: peering is not transitive ({} peers of {} in all)", p.1, q.1, hub.name, peers.len(), hub.name),
                &[p.1, q.1, &hub.name],
                &[p.0, q.0],
                format!("link peering {} {}, or route through an NVA in {} (forwarded-traffic on both peerings, plus route tables)", p.1, q.1, hub.name),
            );
        }
    }
}

pub const PEER_REMOTE_GW: Rule = Rule {
    id: "peer-remote-gw",
    severity: Severity::Error,
    doc: "use-remote-gateways needs a gateway in the remote VNet and allow-gateway-transit on its side of the peering",
    source: "S22",
    check: peer_remote_gw,
};

fn peer_remote_gw(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, l, a, b) in peerings(ctx) {
        for (at_a, user, remote, r) in [(true, &l.a, &l.b, b), (false, &l.b, &l.a, a)] {
            if !l.uses_remote_at(at_a) {
                continue;
            }
            let (problem, hint) = if !has_gateway(r) {
                (
                    format!("{remote} has no gateway"),
                    format!("gateway {remote} vpn VpnGw1AZ, or clear use-remote-gateways on {user}"),
                )
            } else if !l.allows_transit_at(!at_a) {
                (
                    format!("{remote} does not allow gateway transit on this peering"),
                    format!(
                        "unlink peering {} {}, then link peering {} {} allow-gateway-transit={remote} use-remote-gateways={user}",
                        l.a, l.b, l.a, l.b
                    ),
                )
            } else {
                continue;
            };
            out.emit(
                format!("{user} uses the remote gateways of {remote}, but {problem}"),
                &[user, remote],
                &[id],
                hint,
            );
        }
    }
}

pub const PEER_REMOTE_GW_OWN: Rule = Rule {
    id: "peer-remote-gw-own",
    severity: Severity::Error,
    doc: "a VNet with a gateway of its own cannot use a peer's remote gateways",
    source: "S20, S22",
    check: peer_remote_gw_own,
};

fn peer_remote_gw_own(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, l, a, b) in peerings(ctx) {
        for (at_a, user, remote, u) in [(true, &l.a, &l.b, a), (false, &l.b, &l.a, b)] {
            if l.uses_remote_at(at_a) && has_gateway(u) {
                out.emit(
                    format!("{user} has its own gateway, so it cannot use the remote gateways of {remote}"),
                    &[user, remote],
                    &[id],
                    format!(
                        "remove {user}'s gateway (gateway {user} vpn none), or clear use-remote-gateways on the peering"
                    ),
                );
            }
        }
    }
}

pub const PEER_REMOTE_GW_ONE: Rule = Rule {
    id: "peer-remote-gw-one",
    severity: Severity::Error,
    doc: "only one peering of a VNet may use remote gateways",
    source: "S22",
    check: peer_remote_gw_one,
};

fn peer_remote_gw_one(ctx: &Ctx<'_>, out: &mut Out) {
    let uses_remote = |x: &&Adj<'_>| x.link.uses_remote_at(x.at_a);
    for (_, v, adj) in ctx.vnets_adj() {
        if Ctx::of_kind(adj, LinkKind::Peering)
            .filter(uses_remote)
            .nth(1)
            .is_none()
        {
            continue;
        }
        let using: Vec<(LinkId, &str)> = Ctx::of_kind(adj, LinkKind::Peering)
            .filter(uses_remote)
            .map(|x| (x.id, x.other.name()))
            .collect();
        let mut nodes = vec![v.name.as_str()];
        nodes.extend(using.iter().map(|(_, r)| *r));
        let ids: Vec<LinkId> = using.iter().map(|(id, _)| *id).collect();
        out.emit(
            format!(
                "{} uses remote gateways on {} peerings ({}); only one is allowed",
                v.name,
                using.len(),
                nodes[1..].join(", ")
            ),
            &nodes,
            &ids,
            format!("keep use-remote-gateways on the peering with {} only", nodes[1]),
        );
    }
}

pub const PEER_TRANSIT_BASIC: Rule = Rule {
    id: "peer-transit-basic",
    severity: Severity::Error,
    doc: "gateway transit is not offered by the Basic VPN SKU",
    source: "S22",
    check: peer_transit_basic,
};

fn peer_transit_basic(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, l, a, b) in peerings(ctx) {
        for (at_a, hub, other, v) in [(true, &l.a, &l.b, a), (false, &l.b, &l.a, b)] {
            if !l.allows_transit_at(at_a) {
                continue;
            }
            if let Some(spec) = ctx.vpn_spec(v).filter(|s| !s.gateway_transit) {
                out.emit(
                    format!(
                        "{hub} allows gateway transit to {other}, but its {} VPN gateway does not offer transit",
                        spec.sku
                    ),
                    &[hub, other],
                    &[id],
                    format!(
                        "set {hub} vpn-sku={}",
                        super::gateways::suggest_vpn(ctx, crate::sku::VpnSku::VpnGw1)
                    ),
                );
            }
        }
    }
}

pub const PEER_GLOBAL: Rule = Rule {
    id: "peer-global",
    severity: Severity::Error,
    doc: "cross-region peering: in 2017 a preview without gateway transit (transit is an error, plain is info); now allowed with transit",
    source: "S20, S21",
    check: peer_global,
};

fn peer_global(ctx: &Ctx<'_>, out: &mut Out) {
    if ctx.catalog.global_peering_transit {
        return;
    }
    for (id, l, a, b) in peerings(ctx) {
        let (Some(ra), Some(rb)) = (&a.region, &b.region) else {
            continue;
        };
        if ra == rb {
            continue;
        }
        let transit = l.a_allow_transit || l.b_allow_transit || l.a_use_remote || l.b_use_remote;
        if transit {
            out.emit(
                format!("{} ({ra}) and {} ({rb}) peer across regions with gateway transit, which {} global peering does not carry", l.a, l.b, ctx.era()),
                &[&l.a, &l.b],
                &[id],
                format!("unlink peering {} {}, then link peering {} {} without transit (or give {} its own gateway)", l.a, l.b, l.a, l.b, l.b),
            );
        } else {
            out.emit_with(
                Severity::Info,
                format!("{} ({ra}) and {} ({rb}) peer across regions: global peering was a preview in late 2017 (same region only before)", l.a, l.b),
                &[&l.a, &l.b],
                &[id],
                "for a 2017 production design, join them VNet-to-VNet instead",
            );
        }
    }
}

pub const PEER_CLASSIC: Rule = Rule {
    id: "peer-classic",
    severity: Severity::Error,
    doc: "two classic VNets cannot peer, and a classic VNet cannot be the transit hub (the gateway must be in Resource Manager)",
    source: "S20, S22",
    check: peer_classic,
};

fn peer_classic(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, l, a, b) in peerings(ctx) {
        if a.classic && b.classic {
            out.emit(
                format!("{} and {} are both classic VNets, which cannot peer", l.a, l.b),
                &[&l.a, &l.b],
                &[id],
                format!(
                    "move one to Resource Manager (set {} classic=false) or join them VNet-to-VNet",
                    l.a
                ),
            );
        } else {
            for (at_a, hub, other, v) in [(true, &l.a, &l.b, a), (false, &l.b, &l.a, b)] {
                if v.classic && l.allows_transit_at(at_a) {
                    out.emit(
                        format!("classic VNet {hub} offers gateway transit to {other}; the transit hub must be a Resource Manager VNet"),
                        &[hub, other],
                        &[id],
                        format!("set {hub} classic=false, or clear allow-gateway-transit on the peering"),
                    );
                }
            }
        }
    }
}

pub const PEER_BOTH_SIDES: Rule = Rule {
    id: "peer-both-sides",
    severity: Severity::Warning,
    doc: "a peering is created on both VNets (Initiated until the second side exists; no traffic flows); a classic remote needs only one",
    source: "S21",
    check: peer_both_sides,
};

fn peer_both_sides(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, l, _, b) in peerings(ctx).filter(|p| p.1.one_sided) {
        if b.classic {
            continue;
        }
        out.emit(
            format!(
                "the peering {} exists on {}'s side only: it stays Initiated and carries no traffic",
                l.describe(),
                l.a
            ),
            &[&l.a, &l.b],
            &[id],
            format!(
                "create it on {}'s side too: unlink peering {} {}, then link peering {} {}",
                l.b, l.a, l.b, l.a, l.b
            ),
        );
    }
}

pub const PEER_COUNT: Rule = Rule {
    id: "peer-count",
    severity: Severity::Error,
    doc: "peerings per VNet stay within the era's limit (2017: 50; now 500)",
    source: "S23",
    check: peer_count,
};

fn peer_count(ctx: &Ctx<'_>, out: &mut Out) {
    let limit = ctx.catalog.peerings_per_vnet as usize;
    for (_, v, adj) in ctx.vnets_adj().filter(|(_, _, adj)| adj.len() > limit) {
        let ids: Vec<LinkId> = Ctx::of_kind(adj, LinkKind::Peering).map(|x| x.id).collect();
        if ids.len() > limit {
            out.emit(
                format!(
                    "{} has {} peerings; the {} limit is {limit}",
                    v.name,
                    ids.len(),
                    ctx.era()
                ),
                &[&v.name],
                &ids,
                "split the spokes over a second hub, or use Virtual WAN",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::Severity;
    use crate::validate::test_support::{findings, fires, silent};
    use std::fmt::Write;

    const HUB: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ\nvnet spoke 10.1.0.0/16\n";

    #[test]
    fn peer_nontransitive_reads_peerings_of_busy_vnets_right() {
        // s00 and s01 peer with every spoke and with each other: more links than a scan takes, so
        // the pair is looked up in the set of every peering. The first unpeered pair is s02, s03.
        let mut script = String::from("vnet hub 10.0.0.0/16\n");
        for i in 0..70 {
            let _ = writeln!(script, "vnet s{i:02} 10.{}.0.0/16\nlink peering hub s{i:02}", i + 1);
        }
        for busy in ["s00", "s01"] {
            for i in 2..70 {
                let _ = writeln!(script, "link peering {busy} s{i:02}");
            }
        }
        script.push_str("link peering s00 s01\n");
        let found = findings("peer-nontransitive", &script);
        let at_hub: Vec<_> = found.iter().filter(|f| f.nodes.iter().any(|n| n == "hub")).collect();
        assert_eq!(at_hub.len(), 1, "{found:?}");
        assert_eq!(at_hub[0].nodes[..2], ["s02".to_owned(), "s03".to_owned()], "{found:?}");
    }

    #[test]
    fn peer_nontransitive_warns_once_per_hub_unless_peered_or_forwarding() {
        let script = "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\nvnet c 10.3.0.0/16\nlink peering hub a\nlink peering hub b\nlink peering c hub";
        let found = findings("peer-nontransitive", script);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].nodes, vec!["a", "b", "hub"]);
        silent(
            "peer-nontransitive",
            &format!("{script}\nlink peering a b\nlink peering b c\nlink peering a c"),
        );
        silent(
            "peer-nontransitive",
            "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\nlink peering hub a forwarded-traffic\nlink peering hub b forwarded-traffic",
        );
        silent(
            "peer-nontransitive",
            "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nlink peering hub a",
        );
    }

    #[test]
    fn peer_remote_gw_needs_a_remote_gateway_and_transit() {
        let f = fires(
            "peer-remote-gw",
            &format!("{HUB}link peering hub spoke use-remote-gateways=spoke"),
            "spoke",
        );
        assert!(f.message.contains("does not allow gateway transit"), "{}", f.message);
        let f = fires(
            "peer-remote-gw",
            "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nlink peering spoke hub use-remote-gateways=spoke allow-gateway-transit=hub",
            "hub",
        );
        assert!(f.message.contains("hub has no gateway"), "{}", f.message);
        silent(
            "peer-remote-gw",
            &format!("{HUB}link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"),
        );
    }

    #[test]
    fn peer_remote_gw_own_fires_when_the_user_has_a_gateway() {
        let script = format!(
            "{HUB}subnet spoke GatewaySubnet 10.1.255.0/27\ngateway spoke er ErGw1AZ\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"
        );
        fires("peer-remote-gw-own", &script, "spoke");
        silent("peer-remote-gw-own", &script.replace("gateway spoke er ErGw1AZ\n", ""));
    }

    #[test]
    fn peer_remote_gw_one_fires_on_two_remote_gateway_peerings() {
        let script = format!(
            "{HUB}vnet hub2 10.2.0.0/16\ngateway hub2 vpn VpnGw1AZ\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke\nlink peering hub2 spoke allow-gateway-transit=hub2 use-remote-gateways=spoke"
        );
        let f = fires("peer-remote-gw-one", &script, "spoke");
        assert_eq!(f.links.len(), 2);
        silent(
            "peer-remote-gw-one",
            &script.replace(" use-remote-gateways=spoke\n", "\n"),
        );
    }

    #[test]
    fn peer_transit_basic_fires_on_transit_from_a_basic_gateway() {
        let script = format!("{HUB}link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke");
        fires("peer-transit-basic", &script.replace("VpnGw1AZ", "Basic"), "hub");
        silent("peer-transit-basic", &script);
    }

    #[test]
    fn peer_global_is_graded_by_era() {
        let script = format!(
            "{HUB}set hub region=westeurope\nset spoke region=eastus\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"
        );
        silent("peer-global", &script);
        let f = fires(
            "peer-global",
            &format!("catalog 2017\n{}", script.replace("VpnGw1AZ", "VpnGw1")),
            "spoke",
        );
        assert_eq!(f.severity, Severity::Error);
        let plain =
            "catalog 2017\nvnet a 10.0.0.0/16 region=westeurope\nvnet b 10.1.0.0/16 region=eastus\nlink peering a b";
        assert_eq!(fires("peer-global", plain, "a").severity, Severity::Info);
        silent("peer-global", &plain.replace("eastus", "westeurope"));
    }

    #[test]
    fn peer_classic_refuses_classic_pairs_and_classic_hubs() {
        fires(
            "peer-classic",
            "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nset a classic=true\nset b classic=true\nlink peering a b",
            "b",
        );
        fires(
            "peer-classic",
            &format!("{HUB}set hub classic=true\nlink peering hub spoke allow-gateway-transit=hub"),
            "hub",
        );
        silent(
            "peer-classic",
            "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nset b classic=true\nlink peering a b",
        );
    }

    #[test]
    fn peer_both_sides_warns_on_a_one_sided_peering_to_a_resource_manager_vnet() {
        let f = fires(
            "peer-both-sides",
            "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nlink peering a b one-sided",
            "b",
        );
        assert!(f.message.contains("Initiated"), "{}", f.message);
        silent(
            "peer-both-sides",
            "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nset b classic=true\nlink peering a b one-sided",
        );
        silent(
            "peer-both-sides",
            "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nlink peering a b",
        );
    }

    #[test]
    fn peer_count_uses_the_era_limit() {
        let mut script = String::from("vnet hub 10.0.0.0/16\n");
        for i in 0..51 {
            let _ = writeln!(script, "vnet s{i} 10.{}.0.0/16\nlink peering hub s{i}", i + 1);
        }
        silent("peer-count", &script);
        let f = fires("peer-count", &format!("catalog 2017\n{script}"), "hub");
        assert!(
            f.message.contains("51 peerings") && f.message.contains("limit is 50"),
            "{}",
            f.message
        );
    }
}
