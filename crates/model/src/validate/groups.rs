//! The VPN groups: the networks around each VNet that terminates VPN connections (itself, its peers,
//! its S2S sites, its VNet-to-VNet partners and its P2S pools), and the overlaps inside each group,
//! found once per run for the rules that read them (through the index's `Ctx::vpn_overlaps`).

use ipnet::IpNet;

use super::ends::Adj;
use crate::cidr;
use crate::design::{LinkId, LinkKind, Vnet};
use crate::hash::FxSet;

/// The most pairs of sets one relation reports ([`cidr::set_overlaps`]): a hostile design (thousands
/// of networks on one range in one relation) stays bounded.
pub(crate) const MAX_SET_PAIRS: usize = 10_000;

/// How a network is related to a VNet that terminates VPN connections (the "hub" of its group).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Via {
    /// The VNet itself.
    Hub,
    /// A peered VNet; `transit` when it uses the hub's gateways (the hub allows transit, it uses remote gateways).
    Peer { transit: bool },
    /// A site over S2S; `nat` when the connection is translated by the gateway's NAT rules.
    Site { nat: bool },
    /// A VNet over VNet-to-VNet.
    V2v,
    /// A P2S user group's client pool.
    Pool,
}

/// One network of a hub's group: the node, how it hangs off the hub, the link and its prefixes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Member<'d> {
    /// Node name.
    pub node: &'d str,
    /// The node's dense index.
    pub idx: u32,
    /// Relation to the hub.
    pub via: Via,
    /// The link to the hub (`None` for the hub itself).
    pub link: Option<LinkId>,
    /// The node's prefixes.
    pub prefixes: &'d [IpNet],
}

/// Two members of one hub's group whose address spaces overlap.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GroupOverlap<'d> {
    /// The hub VNet.
    pub hub: &'d str,
    /// One member (the earlier in group order).
    pub x: Member<'d>,
    /// The other member.
    pub y: Member<'d>,
    /// The first overlapping prefix pair (x's, y's).
    pub nets: (IpNet, IpNet),
    /// How many prefix pairs overlap in all.
    pub count: usize,
}

/// `true` when the link `x` (seen from a hub) brings its other end into the hub's group: a peering
/// or a VNet-to-VNet at either end, an S2S or P2S at the hub's `a` end.
fn member_kind(x: &Adj<'_>) -> bool {
    match x.kind {
        LinkKind::Peering | LinkKind::V2v => true,
        LinkKind::S2s | LinkKind::P2s => x.at_a,
        LinkKind::Er => false,
    }
}

/// The networks around a VNet that terminates VPN connections: itself, its peers, its S2S sites,
/// its VNet-to-VNet partners and its P2S pools, each node once (first relation wins).
pub(crate) fn vpn_group<'d>(hub_idx: u32, hub: &'d Vnet, adj: &[Adj<'d>]) -> Vec<Member<'d>> {
    // Small groups (the common case) are searched linearly; a set takes over past `SMALL` members.
    const SMALL: usize = 32;
    let nat_rules = hub.vpn.as_ref().is_some_and(|g| g.nat_rules > 0);
    let mut seen: FxSet<u32> = FxSet::default();
    // One member per link at most, and the hub: one allocation.
    let mut out = Vec::with_capacity(adj.len() + 1);
    out.push(Member {
        node: hub.name.as_str(),
        idx: hub_idx,
        via: Via::Hub,
        link: None,
        prefixes: &hub.prefixes,
    });
    for x in adj {
        let l = x.link;
        let via = match x.kind {
            // The hub is the `a` end when `x.at_a`: read the flags by side, not by name.
            LinkKind::Peering => Via::Peer {
                transit: l.allows_transit_at(x.at_a) && l.uses_remote_at(!x.at_a),
            },
            LinkKind::S2s if x.at_a => Via::Site {
                nat: l.nat && nat_rules,
            },
            LinkKind::V2v => Via::V2v,
            LinkKind::P2s if x.at_a => Via::Pool,
            _ => continue,
        };
        let fresh = if out.len() < SMALL {
            out.iter().all(|m| m.idx != x.other_idx)
        } else {
            if seen.is_empty() {
                seen.extend(out.iter().map(|m| m.idx));
            }
            seen.insert(x.other_idx)
        };
        if fresh {
            out.push(Member {
                node: x.other.name(),
                idx: x.other_idx,
                via,
                link: Some(x.id),
                prefixes: x.other.prefixes(),
            });
        }
    }
    out
}

/// Overlapping pairs inside the group of every hub of `hubs` (the VNets with S2S, P2S or VNet-to-VNet
/// links, with their adjacency), leaving out the members `may_overlap` rules out; one sweep per group
/// (the groups' sizes add up to O(links)).
pub(crate) fn overlaps<'d, 'a>(
    hubs: impl Iterator<Item = (u32, &'d Vnet, &'a [Adj<'d>])>,
    may_overlap: impl Fn(u32) -> bool,
) -> Vec<GroupOverlap<'d>>
where
    'd: 'a,
{
    let mut out = Vec::new();
    for (i, hub, adj) in hubs {
        // At most this many members may overlap (each node counted at each of its links): most
        // groups have fewer than two, and are skipped without reading their links' flags.
        let candidates = usize::from(may_overlap(i))
            + adj
                .iter()
                .filter(|x| member_kind(x) && may_overlap(x.other_idx))
                .count();
        if candidates < 2 {
            continue;
        }
        let group: Vec<Member<'d>> = vpn_group(i, hub, adj)
            .into_iter()
            .filter(|m| may_overlap(m.idx))
            .collect();
        if group.len() < 2 {
            continue;
        }
        let sets: Vec<&[IpNet]> = group.iter().map(|m| m.prefixes).collect();
        for o in cidr::set_overlaps(&sets, MAX_SET_PAIRS) {
            out.push(GroupOverlap {
                hub: &hub.name,
                x: group[o.sets.0],
                y: group[o.sets.1],
                nets: o.nets,
                count: o.count,
            });
        }
    }
    out
}
