//! VNet peering: transitivity, gateway transit, regions, classic VNets and both sides.

use super::ends::Adj;
use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::cidr;
use crate::design::{Link, LinkId, LinkKind, Vnet};
use crate::fix::clear_side;
use crate::hash::FxSet;
use crate::sku::VpnSku;

/// Sound peerings: id, link and the two VNets (`a`, `b`).
fn peerings<'c, 'd>(ctx: &'c Ctx<'d>) -> impl Iterator<Item = (LinkId, &'d Link, &'d Vnet, &'d Vnet)> + 'c {
    ctx.sound_of_kind(LinkKind::Peering)
        .filter_map(|s| Some((s.id, s.link, s.a, s.b.as_vnet()?)))
}

fn has_gateway(v: &Vnet) -> bool {
    v.vpn.is_some() || v.er.is_some()
}

/// `true` when a new peering between `a` and `b` would raise no error: not peered yet, no address in
/// common, neither overlapping a peer of the other, not both classic, one cloud, both under the
/// peering limit.
pub(super) fn can_peer(ctx: &Ctx<'_>, a: &Vnet, b: &Vnet) -> bool {
    let limit = ctx.catalog.peerings_per_vnet as usize;
    let peers = |v: &Vnet| -> Vec<&str> {
        ctx.adj_of(&v.name)
            .iter()
            .filter(|x| x.kind == LinkKind::Peering)
            .map(|x| x.other.name())
            .collect()
    };
    let (pa, pb) = (peers(a), peers(b));
    let clash = |peers: &[&str], v: &Vnet| {
        peers
            .iter()
            .filter_map(|p| ctx.vnet(p))
            .any(|p| cidr::any_overlap(&p.prefixes, &v.prefixes))
    };
    let both_classic = a.classic && b.classic;
    let overlap = cidr::any_overlap(&a.prefixes, &b.prefixes) || clash(&pa, b) || clash(&pb, a);
    !pa.contains(&b.name.as_str())
        && !both_classic
        && !overlap
        && super::regions::same_cloud(a, b)
        && pa.len() < limit
        && pb.len() < limit
}

/// `set-link peering A B KEY...` for the peering `id`.
fn set_link(ctx: &Ctx<'_>, id: LinkId, keys: &str) -> Option<String> {
    let l = ctx.design.link(id)?;
    Some(format!("set-link peering {} {} {keys}", l.a, l.b))
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
        peers.extend(Ctx::of_kind(adj, LinkKind::Peering).map(|x| {
            (
                x.id,
                x.other.name(),
                x.other_idx,
                // The peer's side of the peering (a sound link's ends differ).
                x.link.allows_forwarded_at(!x.at_a),
            )
        }));
        if peers.len() < 2 {
            continue;
        }
        // Each peer once, with its first peering.
        peers.sort_unstable_by_key(|p| (p.2, p.0));
        peers.dedup_by_key(|p| p.2);
        // A pair is fine when directly peered, or when both spokes let traffic forwarded from the hub
        // in (an NVA in the hub; allowForwardedTraffic on each spoke's side of its peering).
        let found = peers
            .iter()
            .filter(|p| !p.3)
            .find_map(|p| peers.iter().find(|q| q.2 != p.2 && !peered(p.2, q.2)).map(|q| (p, q)));
        if let Some((p, q)) = found {
            // A peering of their own where it raises no error, else forwarding through the hub (an
            // NVA there, which the model does not see).
            let fix = match (ctx.vnet(p.1), ctx.vnet(q.1)) {
                (Some(x), Some(y)) if can_peer(ctx, x, y) => vec![format!("link peering {} {}", p.1, q.1)],
                _ => [p, q]
                    .iter()
                    .filter(|x| !x.3)
                    .filter_map(|x| set_link(ctx, x.0, "forwarded-traffic"))
                    .collect(),
            };
            out.emit(
                format!("{} and {} are both peered to {} but not to each other: peering is not transitive ({} peers of {} in all)", p.1, q.1, hub.name, peers.len(), hub.name),
                &[p.1, q.1, &hub.name],
                &[p.0, q.0],
                format!("link peering {} {}, or route through an NVA in {} (forwarded-traffic on both peerings, plus route tables)", p.1, q.1, hub.name),
                fix,
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
            let (problem, hint, fix) = if !has_gateway(r) {
                let sku = ctx.fix().suggest_vpn(VpnSku::VpnGw1);
                let fix = ctx
                    .fix()
                    .add_vpn_gateway(r, sku)
                    .filter(|_| transit_ok(ctx, l, r))
                    .map_or_else(
                        || clear_side(l, false, user),
                        |mut lines| {
                            lines.push(format!(
                                "set-link peering {} {} allow-gateway-transit={remote}",
                                l.a, l.b
                            ));
                            lines
                        },
                    );
                (
                    format!("{remote} has no gateway"),
                    format!("gateway {remote} vpn {sku}, or clear use-remote-gateways on {user}"),
                    fix,
                )
            } else if !l.allows_transit_at(!at_a) {
                let fix = if transit_ok(ctx, l, r) {
                    let mut lines = Vec::new();
                    if ctx.vpn_spec(r).is_some_and(|s| !s.gateway_transit) {
                        lines.extend(ctx.fix().vpn_sku(r, ctx.fix().suggest_vpn(VpnSku::VpnGw1)));
                    }
                    lines.push(format!(
                        "set-link peering {} {} allow-gateway-transit={remote}",
                        l.a, l.b
                    ));
                    lines
                } else {
                    clear_side(l, false, user)
                };
                (
                    format!("{remote} does not allow gateway transit on this peering"),
                    format!(
                        "unlink peering {} {}, then link peering {} {} allow-gateway-transit={remote} use-remote-gateways={user}",
                        l.a, l.b, l.a, l.b
                    ),
                    fix,
                )
            } else {
                continue;
            };
            out.emit(
                format!("{user} uses the remote gateways of {remote}, but {problem}"),
                &[user, remote],
                &[id],
                hint,
                fix,
            );
        }
    }
}

/// `true` when hub `r` may offer gateway transit on peering `l`: a Resource Manager VNet, and in
/// 2017 not across regions.
fn transit_ok(ctx: &Ctx<'_>, l: &Link, r: &Vnet) -> bool {
    let global = || {
        let region = |n: &str| ctx.vnet(n).and_then(|v| v.region.clone());
        let (ra, rb) = (region(&l.a), region(&l.b));
        ra.is_some() && rb.is_some() && ra != rb
    };
    !r.classic && (ctx.catalog.global_peering_transit || !global())
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
                    clear_side(l, false, user),
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
        let fix: Vec<String> = ids[1..]
            .iter()
            .filter_map(|id| ctx.design.link(*id))
            .flat_map(|l| clear_side(l, false, &v.name))
            .collect();
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
            fix,
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
                let sku = super::gateways::suggest_vpn(ctx, crate::sku::VpnSku::VpnGw1);
                out.emit(
                    format!(
                        "{hub} allows gateway transit to {other}, but its {} VPN gateway does not offer transit",
                        spec.sku
                    ),
                    &[hub, other],
                    &[id],
                    format!("set {hub} vpn-sku={sku}"),
                    ctx.fix().vpn_sku(v, sku),
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
                vec![format!(
                    "set-link peering {} {} allow-gateway-transit=none use-remote-gateways=none",
                    l.a, l.b
                )],
            );
        } else {
            out.emit_with(
                Severity::Info,
                format!("{} ({ra}) and {} ({rb}) peer across regions: global peering was a preview in late 2017 (same region only before)", l.a, l.b),
                &[&l.a, &l.b],
                &[id],
                "for a 2017 production design, join them VNet-to-VNet instead",
                v2v_instead(l, a, b),
            );
        }
    }
}

/// The lines that replace peering `l` by a VNet-to-VNet connection, where both VNets have a VPN
/// gateway that takes one and their spaces do not overlap; empty otherwise (the gateways are a
/// design decision of their own).
fn v2v_instead(l: &Link, a: &Vnet, b: &Vnet) -> Vec<String> {
    let ready = |v: &Vnet| {
        v.vpn
            .as_ref()
            .is_some_and(|g| g.vpn_type == crate::design::VpnType::RouteBased)
    };
    if ready(a) && ready(b) && !cidr::any_overlap(&a.prefixes, &b.prefixes) {
        vec![
            format!("unlink peering {} {}", l.a, l.b),
            format!("link v2v {} {}", l.a, l.b),
        ]
    } else {
        Vec::new()
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
                vec![format!("set {} classic=false", l.a)],
            );
        } else {
            for (at_a, hub, other, v) in [(true, &l.a, &l.b, a), (false, &l.b, &l.a, b)] {
                if v.classic && l.allows_transit_at(at_a) {
                    out.emit(
                        format!("classic VNet {hub} offers gateway transit to {other}; the transit hub must be a Resource Manager VNet"),
                        &[hub, other],
                        &[id],
                        format!("set {hub} classic=false, or clear allow-gateway-transit on the peering"),
                        vec![format!("set {hub} classic=false")],
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
            vec![format!("set-link peering {} {} one-sided=false", l.a, l.b)],
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
                // A limit: the design needs another hub, which no single edit gives.
                Vec::new(),
            );
        }
    }
}

#[cfg(test)]
mod tests;
