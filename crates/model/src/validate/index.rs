//! The index of one validation run ([`Ctx`]): dense node indexes in name order, the links' ends
//! resolved once (sound links, with their VNet end and the node of the kind they need; the rest kept
//! apart as unsound), compressed adjacency per node, the VNets with gateways and those that terminate
//! tunnels, and, built on first use, links by node name and the per-node overlap marks.

use std::sync::OnceLock;

use super::ends::{Adj, Sound};
use super::groups::{self, GroupOverlap};
use crate::catalog::{Catalog, ErSkuSpec, VpnSkuSpec};
use crate::cidr;
use crate::design::{Design, Link, LinkId, LinkKind, NameIndex, Node, Site, Users, Vnet};
use crate::fix::{Fixer, NodeLinks};
use crate::hash::FxMap;
use crate::sku::Era;

/// What checks read: the design, its catalog and indexes built once per run.
pub struct Ctx<'d> {
    /// The design.
    pub design: &'d Design,
    /// The catalog of the design's era.
    pub catalog: &'static Catalog,
    /// Links (sound or not) by node name, built on first use.
    by_node: OnceLock<FxMap<&'d str, Vec<(LinkId, &'d Link)>>>,
    /// Node names to dense indexes (name order): the design's ranks, shared with the fixer's links
    /// by node.
    index: &'d NameIndex,
    /// Nodes by dense index.
    pub(super) nodes: Vec<&'d Node>,
    /// VNets in name order, with their dense index.
    vnets: Vec<(u32, &'d Vnet)>,
    /// The VNets with a VPN or ExpressRoute gateway, in name order (a few percent of an estate:
    /// rules about gateways walk these, not every VNet).
    gateway_vnets: Vec<(u32, &'d Vnet)>,
    /// The VNets that terminate tunnels (the `a` end of an S2S or P2S link, or either end of a
    /// VNet-to-VNet link), in name order.
    tunnel_vnets: Vec<(u32, &'d Vnet)>,
    /// Sites in name order.
    sites: Vec<&'d Site>,
    /// Sound links in id order, their ends resolved.
    sound: Vec<Sound<'d>>,
    /// The other links (dangling, wrong kinds, self-links), in id order.
    unsound: Vec<LinkId>,
    /// Sound links per node: `adj[adj_start[i]..adj_start[i + 1]]` for the node of index `i`, in id order.
    adj_start: Vec<u32>,
    adj: Vec<Adj<'d>>,
    /// Overlaps among the networks around each VPN-connected VNet, built on first use.
    vpn_overlaps: OnceLock<Vec<GroupOverlap<'d>>>,
    /// Per node: whether any of its prefixes overlaps any prefix of the design, built on first use.
    marks: OnceLock<Vec<bool>>,
    /// What the findings' fixes read (free space, the ASN plan), built on first use.
    fixer: Fixer<'d>,
}

impl<'d> Ctx<'d> {
    /// Builds the indexes for `design`. The nodes' positions and the links' resolved ends come from
    /// the design's ranks (`design/ranks.rs`), kept across edits: no name is hashed here.
    pub fn new(design: &'d Design) -> Ctx<'d> {
        let ranks = design.ranks();
        let mut nodes = Vec::with_capacity(design.nodes().len());
        // Kinds and VNets by dense index, so resolving a link end reads these arrays, not the node.
        let mut kinds = Vec::with_capacity(design.nodes().len());
        let mut as_vnet: Vec<Option<&Vnet>> = Vec::with_capacity(design.nodes().len());
        let (mut vnets, mut sites, mut gateway_vnets) = (Vec::new(), Vec::new(), Vec::new());
        for (i, node) in design.nodes().values().enumerate() {
            nodes.push(node);
            kinds.push(node.kind());
            as_vnet.push(node.as_vnet());
            match node {
                Node::Vnet(v) => {
                    vnets.push((i as u32, v));
                    if v.vpn.is_some() || v.er.is_some() {
                        gateway_vnets.push((i as u32, v));
                    }
                }
                Node::Site(s) => sites.push(s),
                Node::Users(_) => {}
            }
        }
        // Each link's ends as dense indexes (the design's ranks), `None` when the link is not sound.
        debug_assert_eq!(ranks.of.len(), nodes.len());
        debug_assert_eq!(ranks.ends.len(), design.links().len());
        let resolved = design
            .links()
            .iter()
            .zip(&ranks.ends)
            .map(|((&id, link), &(rid, ia, ib))| {
                debug_assert_eq!(id, rid);
                let ends = match (ia, ib) {
                    (Some(ia), Some(ib))
                        if ia != ib && as_vnet[ia as usize].is_some() && kinds[ib as usize] == link.kind.b_kind() =>
                    {
                        Some((ia, ib))
                    }
                    _ => None,
                };
                ((id, link), ends)
            });
        let mut sound = Vec::with_capacity(design.links().len());
        let mut unsound = Vec::new();
        let mut degree = vec![0u32; nodes.len() + 1];
        let mut tunnel = vec![false; nodes.len()];
        for ((id, link), end) in resolved {
            let Some((ia, ib)) = end else {
                unsound.push(id);
                continue;
            };
            let (Some(a), b) = (as_vnet[ia as usize], nodes[ib as usize]) else {
                unsound.push(id);
                continue;
            };
            sound.push(Sound {
                id,
                link,
                kind: link.kind,
                a,
                b,
                ends: (ia, ib),
            });
            match link.kind {
                LinkKind::S2s | LinkKind::P2s => tunnel[ia as usize] = true,
                LinkKind::V2v => {
                    tunnel[ia as usize] = true;
                    tunnel[ib as usize] = true;
                }
                LinkKind::Peering | LinkKind::Er => {}
            }
            degree[ia as usize] += 1;
            degree[ib as usize] += 1;
        }
        // Compressed adjacency: prefix sums of the degrees, then each link at both ends, in id order.
        let mut adj_start = Vec::with_capacity(nodes.len() + 1);
        let mut total = 0u32;
        for d in &degree {
            adj_start.push(total);
            total += d;
        }
        let mut cursor = adj_start.clone();
        let mut adj: Vec<Adj<'d>> = Vec::new();
        if let Some(first) = sound.first() {
            let ib = first.ends.1;
            // Every slot is overwritten below; the first link only fills the vector.
            let filler = Adj {
                id: first.id,
                link: first.link,
                kind: first.kind,
                other: nodes[ib as usize],
                other_idx: ib,
                at_a: true,
            };
            adj = vec![filler; total as usize];
        }
        for s in &sound {
            let (ia, ib) = s.ends;
            for (here, there, at_a) in [(ia, ib, true), (ib, ia, false)] {
                let slot = &mut cursor[here as usize];
                adj[*slot as usize] = Adj {
                    id: s.id,
                    link: s.link,
                    kind: s.kind,
                    other: nodes[there as usize],
                    other_idx: there,
                    at_a,
                };
                *slot += 1;
            }
        }
        Ctx {
            design,
            catalog: Catalog::get(design.era),
            by_node: OnceLock::new(),
            index: &ranks.of,
            nodes,
            tunnel_vnets: vnets.iter().copied().filter(|(i, _)| tunnel[*i as usize]).collect(),
            vnets,
            gateway_vnets,
            sites,
            sound,
            unsound,
            adj_start,
            adj,
            vpn_overlaps: OnceLock::new(),
            fixer: Fixer::new(design),
            marks: OnceLock::new(),
        }
    }

    /// Per node (dense index): `true` when one of its prefixes shares addresses with some prefix of the
    /// design (any node, itself included). One [`cidr::sweep`] reading only the top of its stack,
    /// O(n log n): a node left unmarked cannot take part in any overlap finding, so the relation checks
    /// skip it and a design without overlaps costs one sort, however its relations look.
    pub(crate) fn overlap_marks(&self) -> &[bool] {
        self.marks.get_or_init(|| {
            let mut marks = vec![false; self.nodes.len()];
            let prefixes = self
                .nodes
                .iter()
                .enumerate()
                .flat_map(|(i, node)| node.prefixes().iter().map(move |net| (*net, i as u32)));
            // A prefix inside another marks both. The innermost container is enough: the ones
            // around it were marked when it met them.
            cidr::sweep(prefixes, |node, containers| {
                if let Some(&top) = containers.last() {
                    marks[node as usize] = true;
                    marks[top as usize] = true;
                }
            });
            marks
        })
    }

    /// `true` when the node of dense index `i` may overlap something (see [`Ctx::overlap_marks`]).
    pub(crate) fn may_overlap(&self, i: u32) -> bool {
        self.overlap_marks().get(i as usize).copied().unwrap_or(true)
    }

    /// Overlapping pairs inside the group of every VNet with S2S, P2S or VNet-to-VNet links (see
    /// `groups`), found once per run.
    pub(crate) fn vpn_overlaps(&self) -> &[GroupOverlap<'d>] {
        self.vpn_overlaps
            .get_or_init(|| groups::overlaps(self.tunnel_vnets_adj(), |i| self.may_overlap(i)))
    }

    /// What the findings' fixes read: the design's free space, its ASN plan and the lines they write.
    pub(crate) fn fix(&self) -> &Fixer<'d> {
        self.fixer.seed_links(|| self.links_by_name());
        &self.fixer
    }

    /// Every node's links (sound or not) in id order, for the fixer: the sound ones with the ends
    /// the index resolved, the few unsound ones looked up by name. When every link is sound they are
    /// the adjacency as it is.
    fn links_by_name(&self) -> NodeLinks<'d> {
        if self.unsound.is_empty() {
            let links = self.adj.iter().map(|x| x.link).collect();
            return NodeLinks::laid_out(self.index, self.adj_start.clone(), links);
        }
        let mut ends = Vec::with_capacity(self.sound.len() + self.unsound.len());
        let lookup = |l: &'d Link| (l, self.node_index(&l.a), self.node_index(&l.b));
        let mut odd = self.unsound().peekable();
        for s in &self.sound {
            while let Some((_, l)) = odd.next_if(|(id, _)| *id < s.id) {
                ends.push(lookup(l));
            }
            ends.push((s.link, Some(s.ends.0), Some(s.ends.1)));
        }
        ends.extend(odd.map(|(_, l)| lookup(l)));
        NodeLinks::build(self.index, &ends)
    }

    /// The design's era.
    pub fn era(&self) -> Era {
        self.design.era
    }

    /// The node called `name`.
    pub fn node(&self, name: &str) -> Option<&'d Node> {
        self.index.get(name).map(|&i| self.nodes[i as usize])
    }

    /// The dense index of the node called `name` (its position in name order).
    pub(crate) fn node_index(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    /// The VNet called `name`.
    pub fn vnet(&self, name: &str) -> Option<&'d Vnet> {
        self.node(name).and_then(Node::as_vnet)
    }

    /// The site called `name`.
    pub fn site(&self, name: &str) -> Option<&'d Site> {
        self.node(name).and_then(Node::as_site)
    }

    /// The user group called `name`.
    pub fn users(&self, name: &str) -> Option<&'d Users> {
        self.node(name).and_then(Node::as_users)
    }

    /// Every VNet, in name order.
    pub fn vnets(&self) -> impl Iterator<Item = &'d Vnet> + '_ {
        self.vnets.iter().map(|(_, v)| *v)
    }

    /// The VNets with a VPN or ExpressRoute gateway, in name order: for checks that have nothing to
    /// say about a VNet without one.
    pub(crate) fn gateway_vnets(&self) -> impl Iterator<Item = &'d Vnet> + '_ {
        self.gateway_vnets.iter().map(|(_, v)| *v)
    }

    /// The VNets that terminate tunnels (S2S or P2S at their `a` end, VNet-to-VNet at either), in
    /// name order with their dense index and sound links: for checks about tunnels.
    pub(crate) fn tunnel_vnets_adj(&self) -> impl Iterator<Item = (u32, &'d Vnet, &[Adj<'d>])> + '_ {
        self.tunnel_vnets.iter().map(|&(i, v)| (i, v, self.adj_at(i)))
    }

    /// The VNets with a VPN or ExpressRoute gateway in name order, with their dense index and sound
    /// links.
    pub(crate) fn gateway_vnets_adj(&self) -> impl Iterator<Item = (u32, &'d Vnet, &[Adj<'d>])> + '_ {
        self.gateway_vnets.iter().map(|&(i, v)| (i, v, self.adj_at(i)))
    }

    /// Every VNet in name order with its dense index and its sound links.
    pub(crate) fn vnets_adj(&self) -> impl Iterator<Item = (u32, &'d Vnet, &[Adj<'d>])> + '_ {
        self.vnets.iter().map(|&(i, v)| (i, v, self.adj_at(i)))
    }

    /// Every site, in name order.
    pub fn sites(&self) -> impl Iterator<Item = &'d Site> + '_ {
        self.sites.iter().copied()
    }

    /// Links touching `name` (sound or not).
    pub fn links_of(&self, name: &str) -> &[(LinkId, &'d Link)] {
        let by_node = self.by_node.get_or_init(|| {
            let mut by_node: FxMap<&str, Vec<(LinkId, &Link)>> = FxMap::default();
            for (id, link) in self.design.links() {
                by_node.entry(link.a.as_str()).or_default().push((*id, link));
                if link.b != link.a {
                    by_node.entry(link.b.as_str()).or_default().push((*id, link));
                }
            }
            by_node
        });
        by_node.get(name).map_or(&[], Vec::as_slice)
    }

    /// Links of `kind` touching `name`.
    pub fn links_of_kind<'s>(&'s self, name: &str, kind: LinkKind) -> impl Iterator<Item = (LinkId, &'d Link)> + 's {
        self.links_of(name).iter().filter(move |(_, l)| l.kind == kind).copied()
    }

    /// Links whose both ends exist with the kinds the link kind needs, in id order.
    pub fn sound_links(&self) -> impl Iterator<Item = (LinkId, &'d Link)> + '_ {
        self.sound.iter().map(|s| (s.id, s.link))
    }

    /// Every sound link with its ends resolved, in id order.
    pub(crate) fn sound(&self) -> &[Sound<'d>] {
        &self.sound
    }

    /// The links that are not sound (see [`Ctx::sound_links`]), in id order.
    pub(crate) fn unsound(&self) -> impl Iterator<Item = (LinkId, &'d Link)> + '_ {
        self.unsound
            .iter()
            .filter_map(|id| self.design.links().get(id).map(|l| (*id, l)))
    }

    /// Sound links of `kind` with their ends resolved.
    pub(crate) fn sound_of_kind(&self, kind: LinkKind) -> impl Iterator<Item = Sound<'d>> + '_ {
        self.sound.iter().filter(move |s| s.kind == kind).copied()
    }

    /// Sound links at the node of dense index `i`.
    pub(crate) fn adj_at(&self, i: u32) -> &[Adj<'d>] {
        let i = i as usize;
        match (self.adj_start.get(i), self.adj_start.get(i + 1)) {
            (Some(&s), Some(&e)) => self.adj.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Sound links at the node called `name`.
    pub(crate) fn adj_of(&self, name: &str) -> &[Adj<'d>] {
        self.node_index(name).map_or(&[], |i| self.adj_at(i))
    }

    /// `true` when both ends exist and are of the right kinds.
    pub fn link_is_sound(&self, l: &Link) -> bool {
        self.vnet(&l.a).is_some() && self.node(&l.b).is_some_and(|n| n.kind() == l.kind.b_kind()) && l.a != l.b
    }

    /// The catalog row of a VNet's VPN gateway (`None` without a gateway or when the era lacks the SKU).
    pub fn vpn_spec(&self, vnet: &Vnet) -> Option<&'static VpnSkuSpec> {
        let gw = vnet.vpn.as_ref()?;
        self.catalog
            .vpn(gw.sku, gw.generation)
            .or_else(|| self.catalog.vpn_any(gw.sku))
    }

    /// The catalog row of a VNet's ExpressRoute gateway.
    pub fn er_spec(&self, vnet: &Vnet) -> Option<&'static ErSkuSpec> {
        self.catalog.er(vnet.er.as_ref()?.sku)
    }

    /// `adj` filtered to links of `kind` that the VNet terminates: for S2S, P2S and ExpressRoute the
    /// VNet must be the `a` end; peerings and VNet-to-VNet count at either end.
    pub(crate) fn of_kind<'a>(adj: &'a [Adj<'d>], kind: LinkKind) -> impl Iterator<Item = &'a Adj<'d>> + 'a {
        adj.iter()
            .filter(move |x| x.kind == kind && (x.at_a || matches!(kind, LinkKind::Peering | LinkKind::V2v)))
    }

    /// Sound links of `kind` at the VNet `vnet`, with the name of the other end (see `Ctx::of_kind`).
    pub fn vnet_links<'s>(
        &'s self,
        vnet: &str,
        kind: LinkKind,
    ) -> impl Iterator<Item = (LinkId, &'d Link, &'d str)> + 's {
        Self::of_kind(self.adj_of(vnet), kind).map(|x| (x.id, x.link, x.other.name()))
    }
}
