//! The layout's view of a design: nodes by index (name order), their neighbours, which nodes move, and
//! the hub groups — a hub with the spokes that hang under it.
//!
//! A VNet's *tier* is 2 when it has a gateway, 1 when it has three or more peerings, else 0; its
//! *rank* is (tier, peerings, earlier name), a total order. Each moving VNet hangs under one peered
//! VNet of its region that outranks it: the one whose gateway it uses (use-remote-gateways on its
//! side, or gateway transit allowed on the other), else the highest ranked. Ranks only rise along
//! these parent links, so they form a forest; each tree is a group, its root the hub. Everything here
//! is keyed by names and link contents, never by link ids or creation order.

use std::collections::BTreeMap;

use crate::design::{LinkKind, Node};

use super::super::scene::Scene;

/// A neighbour of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Edge {
    /// The neighbour's index.
    pub to: u32,
    /// The link's kind.
    pub kind: LinkKind,
    /// Peering: this node uses the neighbour's gateway (or the neighbour offers transit).
    pub via: bool,
}

/// Nodes, neighbours and movers.
pub(super) struct Graph<'d> {
    /// Nodes in name order.
    pub nodes: Vec<(&'d str, &'d Node)>,
    /// Neighbours of each node, sorted, one entry per (neighbour, kind).
    pub adj: Vec<Vec<Edge>>,
    /// `true` for the nodes the layout places.
    pub mover: Vec<bool>,
}

impl<'d> Graph<'d> {
    /// The graph of the scene's design; `mover` says which nodes the layout places.
    pub fn new(scene: &Scene<'d>, mover: Vec<bool>) -> Graph<'d> {
        let n = scene.len();
        let nodes: Vec<(&'d str, &'d Node)> = (0..n as u32).filter_map(|i| scene.node(i)).collect();
        let mut adj: Vec<Vec<Edge>> = vec![Vec::new(); n];
        for (id, ends) in scene.topology().links() {
            let (Some((a, b)), Some(link)) = (*ends, scene.design().link(*id)) else {
                continue;
            };
            let peering = link.kind == LinkKind::Peering;
            let a_via = peering && (link.a_use_remote || link.b_allow_transit);
            let b_via = peering && (link.b_use_remote || link.a_allow_transit);
            adj[a as usize].push(Edge {
                to: b,
                kind: link.kind,
                via: a_via,
            });
            adj[b as usize].push(Edge {
                to: a,
                kind: link.kind,
                via: b_via,
            });
        }
        for list in &mut adj {
            list.sort_unstable();
            // One entry per neighbour and kind; a `via` on any of the duplicates is kept (sorted last).
            list.dedup_by(|later, kept| {
                let same = later.to == kept.to && later.kind == kept.kind;
                if same {
                    kept.via |= later.via;
                }
                same
            });
        }
        Graph { nodes, adj, mover }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The region of VNet `i` (`None` for no region or another kind).
    pub fn region(&self, i: u32) -> Option<&'d str> {
        self.nodes[i as usize].1.as_vnet().and_then(|v| v.region.as_deref())
    }

    fn is_vnet(&self, i: u32) -> bool {
        matches!(self.nodes[i as usize].1, Node::Vnet(_))
    }

    fn peerings(&self, i: u32) -> usize {
        self.adj[i as usize]
            .iter()
            .filter(|e| e.kind == LinkKind::Peering)
            .count()
    }

    /// (tier, peerings, earlier name): see the module doc.
    fn rank(&self, i: u32) -> (u8, usize, std::cmp::Reverse<u32>) {
        let gateway = self.nodes[i as usize]
            .1
            .as_vnet()
            .is_some_and(|v| v.vpn.is_some() || v.er.is_some());
        let peerings = self.peerings(i);
        let tier = if gateway { 2 } else { u8::from(peerings >= 3) };
        (tier, peerings, std::cmp::Reverse(i))
    }

    /// The hub each moving VNet hangs under (`None` for a root).
    pub fn parents(&self) -> Vec<Option<u32>> {
        let ranks: Vec<_> = (0..self.len() as u32).map(|i| self.rank(i)).collect();
        (0..self.len() as u32)
            .map(|v| {
                if !self.mover[v as usize] || !self.is_vnet(v) {
                    return None;
                }
                self.adj[v as usize]
                    .iter()
                    .filter(|e| {
                        e.kind == LinkKind::Peering
                            && self.mover[e.to as usize]
                            && self.is_vnet(e.to)
                            && self.region(e.to) == self.region(v)
                            && ranks[e.to as usize] > ranks[v as usize]
                    })
                    .max_by_key(|e| (e.via, ranks[e.to as usize]))
                    .map(|e| e.to)
            })
            .collect()
    }
}

/// A hub and the VNets under it, or the loose VNets of a region (no hub, no spokes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Group {
    /// The hub (`None` for the loose VNets).
    pub root: Option<u32>,
    /// The VNets under the hub by depth (1, 2, …), or the loose VNets as one level.
    pub levels: Vec<Vec<u32>>,
}

impl Group {
    /// Every member, hub first.
    pub fn members(&self) -> impl Iterator<Item = u32> + '_ {
        self.root.into_iter().chain(self.levels.iter().flatten().copied())
    }
}

/// (no region, region) -> (groups, loose VNets): regions by name, no region last.
type ByRegion<'a> = BTreeMap<(bool, Option<&'a str>), (Vec<Group>, Vec<u32>)>;

/// The regions and their groups, in column order.
pub(super) type Regions = Vec<(Option<String>, Vec<Group>)>;

/// The moving VNets by region (`None` last: VNets without a region), each region's groups in the
/// order of their hubs' names, its loose VNets last.
pub(super) fn groups(graph: &Graph<'_>) -> Regions {
    let parents = graph.parents();
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); graph.len()];
    for (v, p) in parents.iter().enumerate() {
        if let Some(p) = p {
            children[*p as usize].push(v as u32);
        }
    }
    let mut regions: ByRegion<'_> = BTreeMap::new();
    for v in 0..graph.len() as u32 {
        if !graph.mover[v as usize] || !graph.is_vnet(v) || parents[v as usize].is_some() {
            continue;
        }
        let region = graph.region(v);
        let entry = regions.entry((region.is_none(), region)).or_default();
        if children[v as usize].is_empty() {
            entry.1.push(v);
            continue;
        }
        let mut levels: Vec<Vec<u32>> = Vec::new();
        let mut level = children[v as usize].clone();
        while !level.is_empty() {
            let next: Vec<u32> = level
                .iter()
                .flat_map(|c| children[*c as usize].iter().copied())
                .collect();
            levels.push(level);
            level = next;
        }
        entry.0.push(Group { root: Some(v), levels });
    }
    regions
        .into_iter()
        .map(|((_, region), (mut groups, loose))| {
            if !loose.is_empty() {
                groups.push(Group {
                    root: None,
                    levels: vec![loose],
                });
            }
            (region.map(str::to_owned), groups)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Design, run_script};

    fn graph_groups(script: &str) -> (Vec<String>, Regions) {
        let mut d = Design::default();
        run_script(&mut d, script).expect("script");
        let scene = Scene::new(&d);
        let g = Graph::new(&scene, vec![true; scene.len()]);
        let names = g.nodes.iter().map(|(n, _)| (*n).to_owned()).collect();
        let groups = groups(&g);
        (names, groups)
    }

    #[test]
    fn spokes_hang_under_the_hub_whose_gateway_they_use() {
        // `shared` peers with every spoke (three or more peerings) but the spokes use the hub's gateway.
        let (names, regions) = graph_groups(
            "vnet hub 10.0.0.0/16 region=r\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1\n\
             vnet shared 10.1.0.0/16 region=r\nvnet s1 10.2.0.0/16 region=r\nvnet s2 10.3.0.0/16 region=r\n\
             vnet lone 10.4.0.0/16 region=r\nvnet elsewhere 10.5.0.0/16\n\
             link peering hub shared use-remote-gateways=shared allow-gateway-transit=hub\n\
             link peering hub s1 use-remote-gateways=s1\nlink peering hub s2 use-remote-gateways=s2\n\
             link peering shared s1\nlink peering shared s2\nlink peering lone elsewhere",
        );
        let name = |i: u32| names[i as usize].as_str();
        assert_eq!(regions.len(), 2);
        assert_eq!(regions[0].0.as_deref(), Some("r"));
        assert_eq!(regions[1].0, None, "VNets without a region come last");
        let r = &regions[0].1;
        assert_eq!(r[0].root.map(name), Some("hub"));
        let level: Vec<&str> = r[0].levels[0].iter().map(|i| name(*i)).collect();
        assert_eq!(level, ["s1", "s2", "shared"]);
        assert_eq!(r[1].root, None, "loose VNets of the region form the last group");
        assert_eq!(r[1].levels[0].iter().map(|i| name(*i)).collect::<Vec<_>>(), ["lone"]);
    }
}
