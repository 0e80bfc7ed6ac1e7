//! The routing graph of a design: one position per node, one more per VNet that has a gateway or a
//! gateway link (the gateway itself), and edges that say how traffic may move between them.
//!
//! Built once per design in O(nodes + links); the searches reuse it for every source. Each edge
//! carries what the move rules need (its class, whether its connection runs BGP, whether a peering
//! forwards traffic) and, when Azure would refuse or not carry it, the reason as a static [`Block`].

use crate::catalog::Catalog;
use crate::design::{Design, Link, LinkId, LinkKind, Node, Vnet, VpnType};
use crate::fix::Fixer;
use crate::hash::FxMap;
use crate::region;
use crate::throughput::Estimate;

use super::moves::{Block, Class};

/// No position, no link, no state.
pub(crate) const NONE: u32 = u32::MAX;

/// One directed edge from a position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edge {
    /// The position it leads to.
    pub to: u32,
    /// The link it belongs to (index into [`Graph::links`]; [`NONE`] for a VNet-to-gateway edge).
    pub link: u32,
    /// What kind of move it is.
    pub class: Class,
    /// The connection runs BGP (both ends have it on): S2S and VNet-to-VNet; always for ExpressRoute.
    pub bgp: bool,
    /// Peering: the `to` end lets traffic forwarded from this end in (allowForwardedTraffic on its side).
    pub fwd: bool,
    /// Peering: this end lets traffic forwarded from the `to` end in (the way back).
    pub fwd_back: bool,
    /// Why Azure would not carry traffic over it, if it would not.
    pub block: Option<Block>,
}

/// A sound link of the design with its ends' node indexes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct LinkRef<'d> {
    /// Its id in the design.
    pub id: LinkId,
    /// The link.
    pub link: &'d Link,
    /// Node index of the VNet end.
    pub a: u32,
    /// Node index of the other end.
    pub b: u32,
    /// Index of its entry in the estimate, when the estimate has one.
    pub est: Option<u32>,
}

/// What a gateway position offers.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Gw {
    /// Node index of its VNet.
    pub vnet: u32,
    /// Its VPN gateway offers gateway transit to peered VNets (not Basic) \[S22\].
    pub vpn_transit: bool,
}

/// The routing graph.
pub(crate) struct Graph<'d> {
    /// The design.
    pub design: &'d Design,
    /// The estimate the path figures come from.
    pub estimate: &'d Estimate,
    /// Node names by node index (name order).
    pub names: Vec<&'d str>,
    /// Nodes by node index.
    pub nodes: Vec<&'d Node>,
    /// Gateway positions: position `nodes.len() + k` is `gws[k]`.
    pub gws: Vec<Gw>,
    /// The gateway position of each node ([`NONE`] without one).
    pub gw_of: Vec<u32>,
    /// Edges of position `p`: `edges[start[p]..start[p + 1]]`, in link order.
    pub start: Vec<u32>,
    /// Every edge.
    pub edges: Vec<Edge>,
    /// The sound links, in id order.
    pub links: Vec<LinkRef<'d>>,
    /// The blockers' fix lines are written by the same helpers as the findings' (`fix.rs`).
    pub fix: Fixer<'d>,
}

/// Every node of the design in name order (the one place that walks `design.nodes`).
fn all_nodes(design: &Design) -> impl Iterator<Item = (&String, &Node)> {
    design.nodes().iter()
}

/// Every link of the design in id order (the one place that walks `design.links`).
fn all_links(design: &Design) -> impl Iterator<Item = (&LinkId, &Link)> {
    design.links().iter()
}

/// Effective BGP on a connection: flagged, and BGP on at every end (gateway ASN set, SKU offers it,
/// RouteBased; a site with an ASN).
fn bgp_on(catalog: &Catalog, link: &Link, a: &Vnet, b: &Node) -> bool {
    let gw_ok = |v: &Vnet| {
        v.vpn.as_ref().is_some_and(|g| {
            g.asn.is_some()
                && g.vpn_type == VpnType::RouteBased
                && catalog
                    .vpn(g.sku, g.generation)
                    .or_else(|| catalog.vpn_any(g.sku))
                    .is_none_or(|s| s.bgp)
        })
    };
    link.bgp
        && gw_ok(a)
        && match b {
            Node::Site(s) => s.asn.is_some(),
            Node::Vnet(v) => gw_ok(v),
            Node::Users(_) => false,
        }
}

impl<'d> Graph<'d> {
    /// Builds the graph of `design`, taking link figures from `estimate`.
    pub fn new(design: &'d Design, estimate: &'d Estimate) -> Graph<'d> {
        let catalog = Catalog::get(design.era);
        let mut index: FxMap<&str, u32> = FxMap::default();
        index.reserve(design.nodes().len());
        let (mut names, mut nodes) = (
            Vec::with_capacity(design.nodes().len()),
            Vec::with_capacity(design.nodes().len()),
        );
        for (i, (name, node)) in all_nodes(design).enumerate() {
            index.insert(name.as_str(), i as u32);
            names.push(name.as_str());
            nodes.push(node);
        }
        let n = nodes.len();
        // Sound links, and which VNets need a gateway position.
        let mut links = Vec::with_capacity(design.links().len());
        let mut needs_gw: Vec<bool> = nodes
            .iter()
            .map(|node| node.as_vnet().is_some_and(|v| v.vpn.is_some() || v.er.is_some()))
            .collect();
        for (k, (id, link)) in all_links(design).enumerate() {
            let (Some(&a), Some(&b)) = (index.get(link.a.as_str()), index.get(link.b.as_str())) else {
                continue;
            };
            let sound =
                a != b && nodes[a as usize].as_vnet().is_some() && nodes[b as usize].kind() == link.kind.b_kind();
            if !sound {
                continue;
            }
            match link.kind {
                LinkKind::S2s | LinkKind::P2s | LinkKind::Er => needs_gw[a as usize] = true,
                LinkKind::V2v => {
                    needs_gw[a as usize] = true;
                    needs_gw[b as usize] = true;
                }
                LinkKind::Peering => {}
            }
            // The estimate lists every link in id order: entry k is this link's when the ids agree.
            let est = match estimate.links.get(k) {
                Some(e) if e.id == *id => Some(k as u32),
                _ => estimate.links.binary_search_by_key(id, |e| e.id).ok().map(|i| i as u32),
            };
            links.push(LinkRef {
                id: *id,
                link,
                a,
                b,
                est,
            });
        }
        let mut gws = Vec::new();
        let mut gw_of = vec![NONE; n];
        for (i, node) in nodes.iter().enumerate() {
            if !needs_gw[i] {
                continue;
            }
            let Some(v) = node.as_vnet() else { continue };
            gw_of[i] = (n + gws.len()) as u32;
            let spec = v
                .vpn
                .as_ref()
                .and_then(|g| catalog.vpn(g.sku, g.generation).or_else(|| catalog.vpn_any(g.sku)));
            gws.push(Gw {
                vnet: i as u32,
                vpn_transit: v.vpn.is_some() && spec.is_none_or(|s| s.gateway_transit),
            });
        }
        let mut g = Graph {
            design,
            estimate,
            names,
            nodes,
            gws,
            gw_of,
            start: Vec::new(),
            edges: Vec::new(),
            links,
            fix: Fixer::new(design),
        };
        g.build_edges(catalog);
        g
    }

    /// The VNet at node index `i`, if it is one.
    pub fn vnet(&self, i: u32) -> Option<&'d Vnet> {
        self.nodes.get(i as usize).and_then(|n| n.as_vnet())
    }

    /// `true` when position `p` is a gateway.
    pub fn is_gw(&self, p: u32) -> bool {
        p as usize >= self.nodes.len()
    }

    /// The gateway at position `p`.
    pub fn gw(&self, p: u32) -> Gw {
        self.gws
            .get((p as usize).wrapping_sub(self.nodes.len()))
            .copied()
            .unwrap_or_default()
    }

    /// The node a position stands for (a gateway stands for its VNet).
    pub fn node_of(&self, p: u32) -> u32 {
        if self.is_gw(p) { self.gw(p).vnet } else { p }
    }

    /// The name a position is shown by.
    pub fn name(&self, p: u32) -> &'d str {
        self.names.get(self.node_of(p) as usize).copied().unwrap_or("")
    }

    /// Number of positions.
    pub fn positions(&self) -> usize {
        self.nodes.len() + self.gws.len()
    }

    /// The edges leaving position `p`.
    pub fn edges_at(&self, p: u32) -> &[Edge] {
        let p = p as usize;
        match (self.start.get(p), self.start.get(p + 1)) {
            (Some(&s), Some(&e)) => &self.edges[s as usize..e as usize],
            _ => &[],
        }
    }

    fn build_edges(&mut self, catalog: &Catalog) {
        let mut out: Vec<(u32, Edge)> = Vec::with_capacity(self.links.len() * 3 + self.gws.len() * 2);
        for (k, gw) in self.gws.iter().enumerate() {
            let p = (self.nodes.len() + k) as u32;
            let local = |to| Edge {
                to,
                link: NONE,
                class: Class::Local,
                bgp: false,
                fwd: false,
                fwd_back: false,
                block: None,
            };
            out.push((gw.vnet, local(p)));
            out.push((p, local(gw.vnet)));
        }
        for (li, l) in self.links.iter().enumerate() {
            let li = li as u32;
            let link = l.link;
            let (Some(a), b) = (self.vnet(l.a), self.nodes[l.b as usize]) else {
                continue;
            };
            let (ga, gb) = (self.gw_of[l.a as usize], self.gw_of[l.b as usize]);
            let edge = |to, class, bgp, block| Edge {
                to,
                link: li,
                class,
                bgp,
                fwd: false,
                fwd_back: false,
                block,
            };
            let bgp = bgp_on(catalog, link, a, b);
            match link.kind {
                LinkKind::Peering => {
                    let Some(bv) = b.as_vnet() else { continue };
                    let peer_block = peering_block(link, a, bv);
                    let (fa, fb) = (link.a_allow_forwarded, link.b_allow_forwarded);
                    out.push((
                        l.a,
                        Edge {
                            fwd: fb,
                            fwd_back: fa,
                            ..edge(l.b, Class::Peer, false, peer_block)
                        },
                    ));
                    out.push((
                        l.b,
                        Edge {
                            fwd: fa,
                            fwd_back: fb,
                            ..edge(l.a, Class::Peer, false, peer_block)
                        },
                    ));
                    // Gateway transit, each way a side has a gateway position.
                    for (spoke_i, spoke, hub, hub_g, hub_at_a) in [(l.a, a, bv, gb, false), (l.b, bv, a, ga, true)] {
                        if hub_g == NONE {
                            continue;
                        }
                        let block = peer_block.or_else(|| transit_block(catalog, link, spoke, hub, hub_at_a));
                        out.push((spoke_i, edge(hub_g, Class::Transit, false, block)));
                        out.push((hub_g, edge(spoke_i, Class::Transit, false, block)));
                    }
                }
                LinkKind::S2s | LinkKind::P2s | LinkKind::Er => {
                    let class = match link.kind {
                        LinkKind::S2s => Class::S2s,
                        LinkKind::P2s => Class::P2s,
                        _ => Class::Er,
                    };
                    let block = gateway_block(link.kind, a, b, l.a);
                    let bgp = bgp || link.kind == LinkKind::Er;
                    out.push((ga, edge(l.b, class, bgp, block)));
                    out.push((l.b, edge(ga, class, bgp, block)));
                }
                LinkKind::V2v => {
                    let Some(bv) = b.as_vnet() else { continue };
                    let block = v2v_block(a, bv, l.a, l.b);
                    out.push((ga, edge(gb, Class::V2v, bgp, block)));
                    out.push((gb, edge(ga, Class::V2v, bgp, block)));
                }
            }
        }
        // Counting sort by position, stable: each position's edges stay in link order.
        let positions = self.positions();
        let mut start = vec![0u32; positions + 1];
        for (p, _) in &out {
            start[*p as usize + 1] += 1;
        }
        for i in 0..positions {
            start[i + 1] += start[i];
        }
        let mut cursor = start.clone();
        let mut edges = vec![
            Edge {
                to: NONE,
                link: NONE,
                class: Class::Local,
                bgp: false,
                fwd: false,
                fwd_back: false,
                block: None
            };
            out.len()
        ];
        for (p, e) in out {
            let slot = &mut cursor[p as usize];
            edges[*slot as usize] = e;
            *slot += 1;
        }
        self.start = start;
        self.edges = edges;
    }
}

/// Why a peering carries nothing at all.
fn peering_block(link: &Link, a: &Vnet, b: &Vnet) -> Option<Block> {
    if a.classic && b.classic {
        Some(Block::ClassicPair)
    } else if link.one_sided && !b.classic {
        Some(Block::OneSided)
    } else if across_clouds(a, b) {
        Some(Block::PeerCloud)
    } else {
        None
    }
}

/// `true` when both VNets' regions are known and in different Azure clouds: no peering and no
/// VNet-to-VNet connection joins them.
fn across_clouds(a: &Vnet, b: &Vnet) -> bool {
    region::clouds_differ(a.region.as_deref(), b.region.as_deref())
}

/// Why `spoke` cannot use `hub`'s gateways over this peering (the hub is the `a` end when `hub_at_a`).
fn transit_block(catalog: &Catalog, link: &Link, spoke: &Vnet, hub: &Vnet, hub_at_a: bool) -> Option<Block> {
    let allows = link.allows_transit_at(hub_at_a);
    let uses = link.uses_remote_at(!hub_at_a);
    if hub.vpn.is_none() && hub.er.is_none() {
        Some(Block::HubNoGateway)
    } else if spoke.vpn.is_some() || spoke.er.is_some() {
        Some(Block::SpokeOwnGateway)
    } else if !allows || !uses {
        Some(Block::NoTransitFlags { allows, uses })
    } else if hub.classic {
        Some(Block::ClassicHub)
    } else if !catalog.global_peering_transit && matches!((&spoke.region, &hub.region), (Some(x), Some(y)) if x != y) {
        Some(Block::GlobalTransit2017)
    } else {
        None
    }
}

/// Why an S2S, P2S or ExpressRoute link carries nothing (`vnet` is the VNet end's node index).
fn gateway_block(kind: LinkKind, a: &Vnet, b: &Node, vnet: u32) -> Option<Block> {
    match kind {
        LinkKind::S2s | LinkKind::P2s => match &a.vpn {
            None => Some(Block::NoVpnGateway { vnet }),
            Some(g) if kind == LinkKind::P2s && g.vpn_type == VpnType::PolicyBased => Some(Block::PolicyNoP2s),
            Some(_) => None,
        },
        _ => {
            let circuit = b.as_site().and_then(|s| s.circuit.as_ref());
            if a.er.is_none() {
                Some(Block::NoErGateway)
            } else if circuit.is_none() {
                Some(Block::NoCircuit)
            } else if circuit
                .is_some_and(|c| !c.premium && region::outside_geo(a.region.as_deref(), c.location.as_deref()))
            {
                Some(Block::ErGeo)
            } else {
                None
            }
        }
    }
}

/// Why a VNet-to-VNet link carries nothing.
fn v2v_block(a: &Vnet, b: &Vnet, ia: u32, ib: u32) -> Option<Block> {
    for (v, i) in [(a, ia), (b, ib)] {
        match &v.vpn {
            None => return Some(Block::NoVpnGateway { vnet: i }),
            Some(g) if g.vpn_type == VpnType::PolicyBased => return Some(Block::PolicyNoV2v { vnet: i }),
            Some(_) => {}
        }
    }
    across_clouds(a, b).then_some(Block::V2vCloud)
}
