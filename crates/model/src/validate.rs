//! Validation: a registry of rules, each with a stable id, a severity, a one-line doc and the source
//! key of `reference/azure-facts.md` behind it. [`validate`] runs them all and never fails: a broken
//! design (a link naming a missing node, say) gives findings, not errors.
//!
//! Rules live in one module per family (`validate/*.rs`); each family's module holds its rules'
//! checks and tests. [`RULES`] lists them all; `vnetsketch rules` and the TUI help read it.

use std::fmt;
use std::sync::OnceLock;

use ipnet::IpNet;
use serde::Serialize;

use crate::catalog::{Catalog, ErSkuSpec, VpnSkuSpec};
use crate::cidr;
use crate::design::{Design, Link, LinkId, LinkKind, Node, Site, Users, Vnet};
use crate::sku::Era;

mod addressing;
mod bgp;
mod capacity;
mod connectivity;
mod expressroute;
mod features;
mod gateways;
mod gwsubnet;
mod integrity;
mod overlap;
mod peering;
mod regions;
mod tunnels;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Azure refuses the create or update.
    #[default]
    Error,
    /// It deploys, but is risky, unsupported or degraded.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a design.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The id of the rule that found it.
    pub rule: &'static str,
    /// Its severity (a rule may report with a lower severity in one era).
    pub severity: Severity,
    /// What is wrong, naming the entities.
    pub message: String,
    /// The nodes involved, for highlighting.
    pub nodes: Vec<String>,
    /// The links involved, for highlighting.
    pub links: Vec<LinkId>,
    /// How to fix it.
    pub hint: String,
}

/// A validation rule.
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Severity (in the current era; the doc says when 2017 differs).
    pub severity: Severity,
    /// What it checks, one line.
    pub doc: &'static str,
    /// Source keys in `reference/azure-facts.md`.
    pub source: &'static str,
    /// The check.
    pub check: fn(&Ctx<'_>, &mut Out),
}

/// Where checks put their findings.
#[derive(Default)]
pub struct Out {
    findings: Vec<Finding>,
    rule: &'static str,
    severity: Severity,
}

impl Out {
    /// Reports a finding with the rule's severity.
    pub fn emit(&mut self, message: String, nodes: &[&str], links: &[LinkId], hint: impl Into<String>) {
        self.emit_with(self.severity, message, nodes, links, hint);
    }

    /// Reports a finding with an explicit severity.
    pub fn emit_with(
        &mut self,
        severity: Severity,
        message: String,
        nodes: &[&str],
        links: &[LinkId],
        hint: impl Into<String>,
    ) {
        self.findings.push(Finding {
            rule: self.rule,
            severity,
            message,
            nodes: nodes.iter().map(|n| (*n).to_owned()).collect(),
            links: links.to_vec(),
            hint: hint.into(),
        });
    }
}

pub(crate) use crate::hash::{FxMap, FxSet};

/// What checks read: the design, its catalog and indexes built once per run.
pub struct Ctx<'d> {
    /// The design.
    pub design: &'d Design,
    /// The catalog of the design's era.
    pub catalog: &'static Catalog,
    /// Links (sound or not) by node name, built on first use.
    by_node: OnceLock<FxMap<&'d str, Vec<(LinkId, &'d Link)>>>,
    /// Node names to dense indexes (name order).
    index: FxMap<&'d str, u32>,
    /// Nodes by dense index.
    nodes: Vec<&'d Node>,
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
}

/// A sound link with its ends resolved: `a` is a VNet, `b` a node of the kind the link kind needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sound<'d> {
    /// The link's id.
    pub id: LinkId,
    /// The link.
    pub link: &'d Link,
    /// Its kind, copied here so that filtering by kind reads no link.
    pub kind: LinkKind,
    /// The VNet end.
    pub a: &'d Vnet,
    /// The other end.
    pub b: &'d Node,
    /// The dense indexes of the two ends.
    pub ends: (u32, u32),
}

/// A sound link seen from one of its ends.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Adj<'d> {
    /// The link's id.
    pub id: LinkId,
    /// The link.
    pub link: &'d Link,
    /// Its kind, copied here so that filtering by kind reads no link.
    pub kind: LinkKind,
    /// The node at the other end.
    pub other: &'d Node,
    /// The dense index of the other end.
    pub other_idx: u32,
    /// `true` when this end is the link's `a` end.
    pub at_a: bool,
}

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

/// Overlaps between distinct sets of prefixes: `(i, j, net_i, net_j, count)` for each pair of sets
/// `i < j` that share addresses, with their first overlapping prefix pair and the number of such pairs.
///
/// One laminar sweep ([`cidr::overlapping_pairs`]) over the distinct prefixes: identical prefixes are
/// merged first, so the sweep's stack never holds more than one prefix per length and its output is
/// linear; the owners of each overlapping pair are then paired up. A handful of prefixes (two VNets'
/// spaces, mostly) are compared directly. At most [`MAX_SET_PAIRS`] pairs of sets are reported per
/// call, so a hostile design (thousands of networks on one range in one relation) stays bounded.
pub(crate) fn cross_overlaps(sets: &[&[IpNet]]) -> Vec<(usize, usize, IpNet, IpNet, usize)> {
    /// A prefix's range, its owner (set index) and the prefix.
    type Item = ((u8, u128, u128), usize, IpNet);
    const DIRECT: usize = 8;
    let total: usize = sets.iter().map(|s| s.len()).sum();
    let mut found: Vec<(usize, usize, IpNet, IpNet, usize)> = Vec::new();
    if total <= DIRECT {
        for (i, si) in sets.iter().enumerate() {
            for (j, sj) in sets.iter().enumerate().skip(i + 1) {
                for p in *si {
                    for q in *sj {
                        if cidr::overlaps(p, q) {
                            match found.last_mut() {
                                Some(last) if (last.0, last.1) == (i, j) => last.4 += 1,
                                _ => found.push((i, j, *p, *q, 1)),
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
    // Every prefix with its owner, grouped by identical range.
    let mut items: Vec<Item> = Vec::with_capacity(total);
    for (i, set) in sets.iter().enumerate() {
        for net in *set {
            items.push((cidr::range(net), i, *net));
        }
    }
    items.sort_unstable_by_key(|item| (item.0, item.1));
    let mut distinct: Vec<IpNet> = Vec::new();
    let mut span: Vec<(usize, usize)> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        match span.last_mut() {
            Some(last) if items[last.0].0 == item.0 => last.1 = k + 1,
            _ => {
                distinct.push(item.2);
                span.push((k, k + 1));
            }
        }
    }
    // Prefix pairs of different owners, as (owner, owner, net, net) with the lower owner first.
    let limit = MAX_SET_PAIRS * 4;
    let mut raw: Vec<(usize, usize, IpNet, IpNet)> = Vec::new();
    let mut pair_up = |xs: &[Item], ys: Option<&[Item]>| {
        for (k, a) in xs.iter().enumerate() {
            // Within one range every later item overlaps `a`; across two ranges every item of `ys` does.
            let others = ys.unwrap_or(&xs[k + 1..]);
            for b in others.iter().filter(|b| b.1 != a.1) {
                if raw.len() >= limit {
                    return;
                }
                raw.push(if a.1 < b.1 {
                    (a.1, b.1, a.2, b.2)
                } else {
                    (b.1, a.1, b.2, a.2)
                });
            }
        }
    };
    // The owners of one range overlap each other, and the owners of two overlapping ranges do.
    for &(from, to) in &span {
        pair_up(&items[from..to], None);
    }
    for (p, q) in cidr::overlapping_pairs(&distinct) {
        let ((pf, pt), (qf, qt)) = (span[p], span[q]);
        pair_up(&items[pf..pt], Some(&items[qf..qt]));
    }
    // Stable: the first pair of each (i, j) stays the first found.
    raw.sort_by_key(|r| (r.0, r.1));
    for (i, j, ni, nj) in raw {
        let full = found.len() >= MAX_SET_PAIRS;
        match found.last_mut() {
            Some(last) if (last.0, last.1) == (i, j) => last.4 += 1,
            _ if full => break,
            _ => found.push((i, j, ni, nj, 1)),
        }
    }
    found
}

/// `f` over the two halves of `items` on two threads, results in order; one thread when a second
/// cannot be started. A panic on the helper is passed on.
fn split_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    let (first, second) = items.split_at(items.len() / 2);
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("vnetsketch-index".into())
            .spawn_scoped(scope, || f(second));
        let mut out = f(first);
        match helper {
            Ok(h) => match h.join() {
                Ok(rest) => out.extend(rest),
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => out.extend(f(second)),
        }
        out
    })
}

/// The most pairs of sets [`cross_overlaps`] reports per call.
pub(crate) const MAX_SET_PAIRS: usize = 10_000;

/// Prefixes as `a,b,c` for messages (at most 4, then a count).
pub(crate) fn show_nets(nets: &[IpNet]) -> String {
    let mut s: Vec<String> = nets.iter().take(4).map(ToString::to_string).collect();
    if nets.len() > 4 {
        s.push(format!("and {} more", nets.len() - 4));
    }
    if s.is_empty() {
        "no prefix".to_owned()
    } else {
        s.join(",")
    }
}

/// Names as `a, b, c` for messages (at most 5, then a count).
pub(crate) fn show_names(names: &[&str]) -> String {
    let mut s: Vec<String> = names.iter().take(5).map(|n| (*n).to_owned()).collect();
    if names.len() > 5 {
        s.push(format!("and {} more", names.len() - 5));
    }
    s.join(", ")
}

impl<'d> Ctx<'d> {
    /// Builds the indexes for `design`.
    pub fn new(design: &'d Design) -> Ctx<'d> {
        Self::build(design, false)
    }

    /// [`Ctx::new`], resolving the links' ends on two threads (the rest is the same; see
    /// [`crate::analysis`]). Falls back to one thread when a second cannot be started.
    pub(crate) fn new_two_threads(design: &'d Design) -> Ctx<'d> {
        Self::build(design, true)
    }

    fn build(design: &'d Design, two_threads: bool) -> Ctx<'d> {
        let mut index: FxMap<&str, u32> = FxMap::default();
        index.reserve(design.nodes.len());
        let mut nodes = Vec::with_capacity(design.nodes.len());
        // Kinds and VNets by dense index, so resolving a link end reads these arrays, not the node.
        let mut kinds = Vec::with_capacity(design.nodes.len());
        let mut as_vnet: Vec<Option<&Vnet>> = Vec::with_capacity(design.nodes.len());
        let (mut vnets, mut sites, mut gateway_vnets) = (Vec::new(), Vec::new(), Vec::new());
        for (i, (name, node)) in design.nodes.iter().enumerate() {
            index.insert(name.as_str(), i as u32);
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
        // Each link's ends as dense indexes, `None` when the link is not sound. The name lookups are
        // the cost of this whole function, and they are independent: they split across threads.
        let links: Vec<(LinkId, &'d Link)> = design.links.iter().map(|(id, l)| (*id, l)).collect();
        let resolve = |chunk: &[(LinkId, &'d Link)]| -> Vec<Option<(u32, u32)>> {
            chunk
                .iter()
                .map(|(_, link)| {
                    let ia = *index.get(link.a.as_str())?;
                    let ib = *index.get(link.b.as_str())?;
                    let sound = ia != ib && as_vnet[ia as usize].is_some() && kinds[ib as usize] == link.kind.b_kind();
                    sound.then_some((ia, ib))
                })
                .collect()
        };
        let ends = if two_threads {
            split_map(&links, resolve)
        } else {
            resolve(&links)
        };
        let mut sound = Vec::with_capacity(design.links.len());
        let mut unsound = Vec::new();
        let mut degree = vec![0u32; nodes.len() + 1];
        let mut tunnel = vec![false; nodes.len()];
        for (&(id, link), end) in links.iter().zip(ends) {
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
            index,
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
            marks: OnceLock::new(),
        }
    }

    /// Per node (dense index): `true` when one of its prefixes shares addresses with some prefix of the
    /// design (any node, itself included). One sort with integer keys and one laminar pass, O(n log n):
    /// a node left unmarked cannot take part in any overlap finding, so the relation checks skip it and
    /// a design without overlaps costs one sort, however its relations look.
    pub(crate) fn overlap_marks(&self) -> &[bool] {
        self.marks.get_or_init(|| {
            let mut v4: Vec<(u64, u32)> = Vec::new();
            let mut v6: Vec<(u128, u8, u32)> = Vec::new();
            for (i, node) in self.nodes.iter().enumerate() {
                for net in node.prefixes() {
                    match net {
                        IpNet::V4(n) => v4.push((
                            (u64::from(u32::from(n.network())) << 8) | u64::from(n.prefix_len()),
                            i as u32,
                        )),
                        IpNet::V6(n) => v6.push((u128::from(n.network()), n.prefix_len(), i as u32)),
                    }
                }
            }
            // Sorted by first address, the larger of two equal starts first: the sweep order.
            v4.sort_unstable();
            v6.sort_unstable();
            let mut marks = vec![false; self.nodes.len()];
            let mut mark = |ranges: &mut dyn Iterator<Item = (u128, u128, u32)>| {
                // The prefixes containing the current one form a stack (CIDR prefixes nest or are disjoint).
                let mut stack: Vec<(u128, u32)> = Vec::new();
                for (start, end, node) in ranges {
                    while stack.last().is_some_and(|&(e, _)| e < start) {
                        stack.pop();
                    }
                    if let Some(&(_, top)) = stack.last() {
                        marks[node as usize] = true;
                        marks[top as usize] = true;
                    }
                    stack.push((end, node));
                }
            };
            mark(&mut v4.iter().map(|&(key, node)| {
                let (start, len) = (u128::from(key >> 8), (key & 0xFF) as u32);
                (start, start + (1u128 << (32 - len.min(32))) - 1, node)
            }));
            mark(&mut v6.iter().map(|&(start, len, node)| {
                let host = u128::MAX.checked_shr(u32::from(len)).unwrap_or(0);
                (start, start | host, node)
            }));
            marks
        })
    }

    /// `true` when the node of dense index `i` may overlap something (see [`Ctx::overlap_marks`]).
    pub(crate) fn may_overlap(&self, i: u32) -> bool {
        self.overlap_marks().get(i as usize).copied().unwrap_or(true)
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
            for (id, link) in &self.design.links {
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
            .filter_map(|id| self.design.links.get(id).map(|l| (*id, l)))
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

    /// The networks around a VNet that terminates VPN connections: itself, its peers, its S2S sites,
    /// its VNet-to-VNet partners and its P2S pools, each node once (first relation wins).
    pub(crate) fn vpn_group(hub_idx: u32, hub: &'d Vnet, adj: &[Adj<'d>]) -> Vec<Member<'d>> {
        // Small groups (the common case) are searched linearly; a set takes over past `SMALL` members.
        const SMALL: usize = 32;
        let nat_rules = hub.vpn.as_ref().is_some_and(|g| g.nat_rules > 0);
        let mut seen: FxSet<u32> = FxSet::default();
        let mut out = vec![Member {
            node: hub.name.as_str(),
            idx: hub_idx,
            via: Via::Hub,
            link: None,
            prefixes: &hub.prefixes,
        }];
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

    /// Overlapping pairs inside the group of every VNet with S2S, P2S or VNet-to-VNet links, found once
    /// per run with one sweep per group (the groups' sizes add up to O(links)).
    pub(crate) fn vpn_overlaps(&self) -> &[GroupOverlap<'d>] {
        self.vpn_overlaps.get_or_init(|| {
            let mut out = Vec::new();
            for (i, hub, adj) in self.tunnel_vnets_adj() {
                let group: Vec<Member<'d>> = Self::vpn_group(i, hub, adj)
                    .into_iter()
                    .filter(|m| self.may_overlap(m.idx))
                    .collect();
                if group.len() < 2 {
                    continue;
                }
                let sets: Vec<&[IpNet]> = group.iter().map(|m| m.prefixes).collect();
                for (i, j, ni, nj, count) in cross_overlaps(&sets) {
                    out.push(GroupOverlap {
                        hub: &hub.name,
                        x: group[i],
                        y: group[j],
                        nets: (ni, nj),
                        count,
                    });
                }
            }
            out
        })
    }
}

macro_rules! rules {
    ($($family:ident :: $rule:ident),+ $(,)?) => {
        /// Every rule, in report order.
        pub static RULES: &[Rule] = &[$($family::$rule),+];
        /// The family (module) of each rule of [`RULES`], in the same order.
        pub static RULE_FAMILIES: &[&str] = &[$(stringify!($family)),+];
    };
}

/// How many rules there are: `"N rules: family n, ..."`, families in alphabetical order.
pub fn rules_summary() -> String {
    let mut families: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for f in RULE_FAMILIES {
        *families.entry(f).or_default() += 1;
    }
    let parts: Vec<String> = families.iter().map(|(f, n)| format!("{f} {n}")).collect();
    format!("{} rules: {}", RULES.len(), parts.join(", "))
}

rules![
    integrity::LINK_DANGLING,
    integrity::LINK_NEEDS_GATEWAY,
    addressing::ADDR_CIDR_VALID,
    addressing::ADDR_RESERVED,
    addressing::ADDR_PRIVATE,
    addressing::SUBNET_IN_VNET,
    addressing::SUBNET_NO_OVERLAP,
    addressing::SUBNET_SIZE,
    addressing::SUBNET_CAPACITY,
    gwsubnet::GWSUBNET_NAME,
    gwsubnet::GWSUBNET_PRESENT,
    gwsubnet::GWSUBNET_MIN,
    gwsubnet::GWSUBNET_RECOMMENDED,
    gwsubnet::GWSUBNET_COEXIST,
    gwsubnet::GWSUBNET_16_CIRCUITS,
    gwsubnet::GWSUBNET_EMPTY,
    overlap::OVERLAP_PEERING,
    overlap::OVERLAP_HUB_PEERS,
    overlap::OVERLAP_V2V,
    overlap::OVERLAP_LNG_VNET,
    overlap::OVERLAP_CONNECTED,
    overlap::P2S_POOL_VNET,
    overlap::P2S_POOL_ONPREM,
    gateways::GW_SKU_KNOWN,
    gateways::GW_GENERATION,
    gateways::GW_CLASSIC_SKU,
    gateways::SKU_ERA,
    features::AA_SKU,
    features::BASIC_P2S,
    features::BASIC_IPSEC_NAT,
    features::BASIC_PROD,
    tunnels::PB_BASIC_ONLY,
    tunnels::PB_ONE_TUNNEL,
    tunnels::PB_NO_P2S,
    tunnels::PB_NO_V2V_MULTISITE,
    tunnels::MULTISITE_ROUTEBASED,
    tunnels::MULTITUNNEL_SAME_SITE,
    tunnels::V2V_REDUNDANT,
    capacity::GW_TUNNEL_CAP,
    capacity::GW_P2S_CAP,
    capacity::TPUT_SHARED,
    capacity::P2S_WIN_SELECTORS,
    connectivity::S2S_PUBLIC_IP,
    connectivity::S2S_P2S_SAME_IP,
    connectivity::P2S_TRANSIT_BGP,
    connectivity::PEER_NO_GW_NEEDED,
    bgp::BGP_SKU,
    bgp::BGP_ENABLED,
    bgp::BGP_ASN_AZURE_RESERVED,
    bgp::BGP_ASN_IANA_RESERVED,
    bgp::BGP_ASN_DISTINCT,
    bgp::BGP_ASN_32BIT,
    bgp::BGP_PEER_IP,
    bgp::BGP_PREFIX_CAP,
    peering::PEER_NONTRANSITIVE,
    peering::PEER_REMOTE_GW,
    peering::PEER_REMOTE_GW_OWN,
    peering::PEER_REMOTE_GW_ONE,
    peering::PEER_TRANSIT_BASIC,
    peering::PEER_GLOBAL,
    peering::PEER_CLASSIC,
    peering::PEER_BOTH_SIDES,
    peering::PEER_COUNT,
    expressroute::COEXIST_ROUTEBASED,
    expressroute::COEXIST_TRANSIT,
    expressroute::ER_CIRCUIT_BW,
    expressroute::ER_GW_CIRCUITS,
    expressroute::ER_VNET_LINKS,
    expressroute::ER_FASTPATH,
    expressroute::ER_GW_BOTTLENECK,
    expressroute::ER_GW_UNITS,
    overlap::OVERLAP_ER_ONPREM,
    regions::REGION_KNOWN,
    regions::ER_PREMIUM_GEO,
    regions::V2V_CLOUD,
    bgp::BGP_ASN_GATEWAY_RESERVED,
    features::NAT_APIPA,
    capacity::P2S_POOL_SIZE,
    connectivity::BGP_PEER_ADDRESS,
];

/// The result of a validation run: findings sorted by severity, then rule, then subjects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// All findings.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// `true` when there are no errors.
    pub fn is_ok(&self) -> bool {
        self.count(Severity::Error) == 0
    }
}

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Runs every rule. Never fails, never panics.
pub fn validate(design: &Design) -> Report {
    validate_with(&Ctx::new(design))
}

/// Runs every rule on indexes already built (callers that also estimate throughput build one [`Ctx`]).
pub fn validate_with(ctx: &Ctx<'_>) -> Report {
    let mut out = Out::default();
    run_rules(ctx, RULES.iter(), &mut out);
    finish(vec![out])
}

/// Runs `rules` into `out`.
pub(crate) fn run_rules<'r>(ctx: &Ctx<'_>, rules: impl Iterator<Item = &'r Rule>, out: &mut Out) {
    for rule in rules {
        out.rule = rule.id;
        out.severity = rule.severity;
        (rule.check)(ctx, out);
    }
}

/// The report from the findings of one or more runs: sorted on every field, so the order is the same
/// whichever thread ran which rule, and deduplicated.
pub(crate) fn finish(outs: Vec<Out>) -> Report {
    let mut findings: Vec<Finding> = Vec::with_capacity(outs.iter().map(|o| o.findings.len()).sum());
    for out in outs {
        findings.extend(out.findings);
    }
    findings.sort_unstable_by(|a, b| {
        (a.severity, a.rule, &a.nodes, &a.links, &a.message, &a.hint)
            .cmp(&(b.severity, b.rule, &b.nodes, &b.links, &b.message, &b.hint))
    });
    findings.dedup();
    Report { findings }
}

/// Test helpers shared by the rule families.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Builds a design from a script (panics on a bad script: tests only).
    pub fn design(script: &str) -> Design {
        let mut d = Design::default();
        if let Err(e) = crate::run_script(&mut d, script) {
            panic!("bad test script: {e}");
        }
        d
    }

    /// The findings of `rule` for the design built from `script`.
    pub fn findings(rule: &str, script: &str) -> Vec<Finding> {
        assert!(super::rule(rule).is_some(), "no rule {rule}");
        validate(&design(script))
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// Asserts `rule` fires on `script` and names `subject` among its nodes.
    pub fn fires(rule: &str, script: &str, subject: &str) -> Finding {
        let found = findings(rule, script);
        found
            .iter()
            .find(|f| f.nodes.iter().any(|n| n == subject))
            .cloned()
            .unwrap_or_else(|| panic!("{rule} did not fire on {subject}; got {found:?}"))
    }

    /// Asserts `rule` stays silent on `script`.
    pub fn silent(rule: &str, script: &str) {
        let found = findings(rule, script);
        assert!(found.is_empty(), "{rule} fired: {found:?}");
    }
}

#[cfg(test)]
mod tests;
