//! Paths: for any two endpoints (VNet, site, user group), whether traffic gets from one to the other,
//! over which hops (peering, gateway transit, S2S, VNet-to-VNet, ExpressRoute, P2S), how fast (the
//! smallest hop of the [`Estimate`]), and for an unreachable pair what stops it and which command
//! lines would fix it.
//!
//! # Model
//! A routing graph (`paths/graph.rs`) has a position per node and one per VNet gateway; a search state is a
//! position plus how traffic arrived there, because Azure's transit rules depend on both connections
//! of a crossing (`paths/rules.rs` lists them, each with its source key). The search (`paths/search.rs`) is a
//! breadth-first search by levels of blocked moves: level 0 is what the source reaches; the first
//! path to an unreachable target has the fewest blocked moves, whose reasons are the `why`
//! (`paths/explain.rs`). One search per source costs O(positions + edges), with buffers reused across
//! sources: every pair of a 1,000-VNet design is 1,100-odd searches.
//!
//! What the model does not see: route tables, NVAs (assumed to forward where both peerings allow
//! forwarded traffic), Azure Route Server, Global Reach and overlapping address spaces (validation
//! reports those). Reachable paths list the assumptions they rest on ([`Note`]).
//!
//! # For the TUI
//! [`Paths::new`] builds the graph once per analysis; [`Paths::reach_from`] marks what one node
//! reaches ([`Reach`]); [`Paths::path`] gives the hops, Mbps and bottleneck to a second node
//! ([`PathReport`]).

use crate::design::Design;
use crate::throughput::Estimate;

mod explain;
mod graph;
mod moves;
pub(crate) mod report;
mod rules;
mod search;

pub use explain::{Blocker, Note};
pub use report::{Hop, HopKind, PathReport, PathView};

use graph::Graph;
use search::Search;

/// What one node reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reach<'d> {
    /// The node searched from.
    pub from: &'d str,
    /// Every node name, in name order.
    names: Vec<&'d str>,
    /// Whether each node (same order) is reached.
    reached: Vec<bool>,
}

impl<'d> Reach<'d> {
    /// `true` when traffic from [`Reach::from`] gets to `name` (the node itself counts as reached).
    pub fn reaches(&self, name: &str) -> bool {
        self.names.binary_search(&name).is_ok_and(|i| self.reached[i])
    }

    /// The nodes reached, in name order (the source included).
    pub fn reachable(&self) -> impl Iterator<Item = &'d str> + '_ {
        self.names
            .iter()
            .zip(&self.reached)
            .filter(|(_, r)| **r)
            .map(|(n, _)| *n)
    }

    /// The nodes not reached, in name order.
    pub fn unreachable(&self) -> impl Iterator<Item = &'d str> + '_ {
        self.names
            .iter()
            .zip(&self.reached)
            .filter(|(_, r)| !**r)
            .map(|(n, _)| *n)
    }
}

/// Path analysis of one design: the graph, built once, and search buffers reused across queries.
pub struct Paths<'d> {
    graph: Graph<'d>,
    search: Search,
    trace: Vec<u32>,
    moves: Vec<report::Judged>,
}

impl<'d> Paths<'d> {
    /// Builds the routing graph of `design`; path throughput comes from `estimate` (the design's own).
    pub fn new(design: &'d Design, estimate: &'d Estimate) -> Paths<'d> {
        Paths {
            graph: Graph::new(design, estimate),
            search: Search::new(),
            trace: Vec::new(),
            moves: Vec::new(),
        }
    }

    /// Every node name, in name order.
    pub fn names(&self) -> &[&'d str] {
        &self.graph.names
    }

    fn index(&self, name: &str) -> Option<u32> {
        self.graph.names.binary_search(&name).ok().map(|i| i as u32)
    }

    /// What `from` reaches; `None` when there is no such node.
    pub fn reach_from(&mut self, from: &str) -> Option<Reach<'d>> {
        let source = self.index(from)?;
        self.search.run(&self.graph, source, false);
        let reached = (0..self.graph.names.len() as u32)
            .map(|p| self.search.best(p).is_some())
            .collect();
        Some(Reach {
            from: self.graph.names[source as usize],
            names: self.graph.names.clone(),
            reached,
        })
    }

    /// The path from `from` to `to`; `None` when either node does not exist.
    pub fn path(&mut self, from: &str, to: &str) -> Option<PathReport> {
        let (source, target) = (self.index(from)?, self.index(to)?);
        let mut report = None;
        self.paths_from(source, |t| t == target, |view| report = Some(view.report()));
        report
    }

    /// Calls `each` with the path from `from` to every node `keep` accepts (by node index, in name
    /// order; the source itself is skipped). Searches once. `false` when there is no such node.
    pub fn for_each_from(
        &mut self,
        from: &str,
        keep: impl FnMut(&str) -> bool,
        each: impl FnMut(&PathView<'_, 'd>),
    ) -> bool {
        let Some(source) = self.index(from) else {
            return false;
        };
        let names = &self.graph.names;
        let mut keep = keep;
        let wanted: Vec<bool> = names.iter().map(|n| keep(n)).collect();
        self.paths_from(source, |t| wanted[t as usize], each);
        true
    }

    fn paths_from(&mut self, source: u32, keep: impl Fn(u32) -> bool, mut each: impl FnMut(&PathView<'_, 'd>)) {
        let g = &self.graph;
        let n = g.names.len() as u32;
        // Every level: what level 0 reaches is the same, and the rest explains the unreachable targets.
        self.search.run(g, source, true);
        for t in (0..n).filter(|&t| t != source && keep(t)) {
            match self.search.best(t) {
                Some(state) => self.search.trace(state, &mut self.trace),
                None => self.trace.clear(),
            }
            report::judge(g, &self.search, &self.trace, &mut self.moves);
            each(&PathView {
                g,
                search: &self.search,
                trace: &self.trace,
                moves: &self.moves,
                from: source,
                to: t,
            });
        }
    }
}

/// What `node` reaches in `design` (builds the graph; keep a [`Paths`] to ask more than once).
pub fn reach_from<'d>(design: &'d Design, estimate: &'d Estimate, node: &str) -> Option<Reach<'d>> {
    Paths::new(design, estimate).reach_from(node)
}

/// The path from `from` to `to` in `design` (builds the graph; keep a [`Paths`] to ask more than once).
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script, paths, throughput::estimate};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\n\
///     link peering hub a\nlink peering hub b").unwrap();
/// let e = estimate(&d);
/// assert!(paths::path(&d, &e, "a", "hub").unwrap().reachable);
/// let p = paths::path(&d, &e, "a", "b").unwrap();
/// assert!(!p.reachable && p.why().unwrap().contains("not transitive"));
/// ```
pub fn path(design: &Design, estimate: &Estimate, from: &str, to: &str) -> Option<PathReport> {
    Paths::new(design, estimate).path(from, to)
}

#[cfg(test)]
mod tests;
