//! One path as the search found it ([`PathView`], borrowed, for streaming many) and as an owned
//! [`PathReport`]; the text and JSON forms of `vnetsketch paths`.

use std::fmt::Write as _;

use super::explain::{self, Blocker, Move, Note};
use super::graph::{Graph, NONE};
use super::moves::{Class, In, SLOTS, Step};
use super::rules::step;
use super::search::Search;
use crate::design::LinkId;
use crate::text::json_str;

/// The kind of one hop of a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HopKind {
    /// VNet peering.
    Peering,
    /// A peering used with gateway transit: the spoke uses the hub's gateway.
    Transit,
    /// Site-to-Site.
    S2s,
    /// VNet-to-VNet.
    V2v,
    /// ExpressRoute.
    Er,
    /// Point-to-Site.
    P2s,
}

impl HopKind {
    /// The spelling of the JSON output: `peering`, `transit`, `s2s`, `v2v`, `er`, `p2s`.
    pub fn as_str(self) -> &'static str {
        match self {
            HopKind::Peering => "peering",
            HopKind::Transit => "transit",
            HopKind::S2s => "s2s",
            HopKind::V2v => "v2v",
            HopKind::Er => "er",
            HopKind::P2s => "p2s",
        }
    }

    fn of(class: Class) -> Option<HopKind> {
        match class {
            Class::Local => None,
            Class::Transit => Some(HopKind::Transit),
            Class::Peer => Some(HopKind::Peering),
            Class::S2s => Some(HopKind::S2s),
            Class::V2v => Some(HopKind::V2v),
            Class::P2s => Some(HopKind::P2s),
            Class::Er => Some(HopKind::Er),
        }
    }
}

/// One hop, in the direction of travel (`a` to `b`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// Its kind.
    pub kind: HopKind,
    /// Where it starts.
    pub a: String,
    /// Where it ends.
    pub b: String,
    /// The design's link.
    pub link: LinkId,
}

/// A path between two nodes: reachable or not, its hops, its throughput, and why not.
#[derive(Clone, Debug, PartialEq)]
pub struct PathReport {
    /// Where traffic starts.
    pub from: String,
    /// Where it goes.
    pub to: String,
    /// `true` when traffic gets there.
    pub reachable: bool,
    /// The hops of the path (for an unreachable pair: the path with the fewest blocks, which `blockers`
    /// explain).
    pub hops: Vec<Hop>,
    /// Throughput of the path: its smallest hop in the estimate (conservative figures); `None` where no
    /// gateway limits it, or for an unreachable pair.
    pub mbps: Option<f64>,
    /// The optimistic figure of the same hop.
    pub mbps_max: Option<f64>,
    /// The hop that limits the path, in words.
    pub bottleneck: Option<String>,
    /// What stops an unreachable pair, each with its source and the command lines that would fix it.
    pub blockers: Vec<Blocker>,
    /// Assumptions a reachable path rests on.
    pub notes: Vec<Note>,
}

impl PathReport {
    /// For an unreachable pair, what stops it and what would fix it, in one text.
    pub fn why(&self) -> Option<String> {
        (!self.reachable).then(|| {
            let mut s = String::new();
            explain::why(&self.blockers, &mut s);
            s
        })
    }
}

/// The smallest hop so far: `(mbps, mbps_max, hop kind, a, b, estimate index)`.
type Worst<'n> = (f64, Option<f64>, HopKind, &'n str, &'n str, usize);

/// What limits a path: `(mbps, mbps_max, words)`.
pub(crate) type Limit<'a> = (Option<f64>, Option<f64>, Option<String>);

/// One path of the last search, borrowed: for writing many without building reports.
pub struct PathView<'a, 'd> {
    pub(crate) g: &'a Graph<'d>,
    pub(crate) search: &'a Search,
    /// The states of the path, source first (empty when the target was not reached at all).
    pub(crate) trace: &'a [u32],
    /// Its moves, judged once (see [`judge`]).
    pub(crate) moves: &'a [Judged],
    pub(crate) from: u32,
    pub(crate) to: u32,
}

/// One move of a path with its verdict: indexes only, so a buffer of them is reused across paths.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Judged {
    from: u32,
    came: In,
    edge: u32,
    prev_edge: u32,
    prev_from: u32,
    step: Step,
}

/// The moves of `trace` (states, source first), judged, into `out` (cleared first).
pub(crate) fn judge(g: &Graph<'_>, search: &Search, trace: &[u32], out: &mut Vec<Judged>) {
    out.clear();
    // On a path of level 0 every move is allowed: no need to judge them again.
    let reached = trace.last().is_some_and(|&s| search.visit(s).level == 0);
    for i in 1..trace.len() {
        let (prev_state, state) = (trace[i - 1], trace[i]);
        let edge = search.visit(state).edge;
        let from = prev_state / SLOTS;
        let came = search.arrival(prev_state);
        let (prev_edge, prev_from) = if i == 1 {
            (NONE, NONE)
        } else {
            (search.visit(prev_state).edge, trace[i - 2] / SLOTS)
        };
        let step = if reached {
            Step::Go(came)
        } else {
            step(g, from, came, &g.edges[edge as usize])
        };
        out.push(Judged {
            from,
            came,
            edge,
            prev_edge,
            prev_from,
            step,
        });
    }
}

impl<'d> PathView<'_, 'd> {
    /// Where traffic starts.
    pub fn from(&self) -> &'d str {
        self.g.name(self.from)
    }

    /// Where it goes.
    pub fn to(&self) -> &'d str {
        self.g.name(self.to)
    }

    /// `true` when traffic gets there.
    pub fn reachable(&self) -> bool {
        self.trace.last().is_some_and(|&s| self.search.visit(s).level == 0)
    }

    /// The moves of the path, each with how it was judged.
    fn moves(&self) -> impl Iterator<Item = (Move<'_>, Step)> + '_ {
        self.moves.iter().map(|j| {
            let m = Move {
                from: j.from,
                came: j.came,
                edge: &self.g.edges[j.edge as usize],
                prev: self.g.edges.get(j.prev_edge as usize),
                prev_from: j.prev_from,
            };
            (m, j.step)
        })
    }

    /// The hops, in the direction of travel: `(kind, a, b, link index)`.
    pub(crate) fn hops(&self) -> impl Iterator<Item = (HopKind, &'d str, &'d str, u32)> + '_ {
        self.moves().filter_map(|(m, _)| {
            HopKind::of(m.edge.class).map(|k| (k, self.g.name(m.from), self.g.name(m.edge.to), m.edge.link))
        })
    }

    /// What limits the path: the smallest gateway hop of the estimate.
    pub(crate) fn limit(&self) -> Limit<'d> {
        if !self.reachable() {
            return (None, None, None);
        }
        let mut worst: Option<Worst<'d>> = None;
        let mut any_gateway = false;
        for (kind, a, b, li) in self.hops() {
            if matches!(kind, HopKind::Peering | HopKind::Transit) {
                continue;
            }
            any_gateway = true;
            let Some(k) = self.g.links.get(li as usize).and_then(|l| l.est) else {
                continue;
            };
            let Some(est) = self.g.estimate.links.get(k as usize) else {
                continue;
            };
            match est.mbps {
                None => {
                    return (
                        None,
                        None,
                        Some(format!("{} {a} -> {b}: {}", kind.as_str(), est.bottleneck)),
                    );
                }
                Some(m) if worst.is_none_or(|w| m < w.0) => worst = Some((m, est.mbps_max, kind, a, b, k as usize)),
                Some(_) => {}
            }
        }
        match worst {
            Some((m, max, kind, a, b, k)) => {
                let words = &self.g.estimate.links[k].bottleneck;
                (Some(m), max, Some(format!("{} {a} -> {b}: {words}", kind.as_str())))
            }
            None if any_gateway => (
                None,
                None,
                Some("the gateways of the path cannot be estimated".to_owned()),
            ),
            None => (
                None,
                None,
                Some("no gateway in the path: peering adds no cap (VM NIC bandwidth applies)".to_owned()),
            ),
        }
    }

    /// What stops the path (empty when it is reachable).
    pub fn blockers(&self) -> Vec<Blocker> {
        self.blockers_upto(usize::MAX).0
    }

    /// The first `max` blockers, and how many more there are (a path across a long chain of static
    /// connections has one per gateway; the outputs of many pairs name the first few).
    pub fn blockers_upto(&self, max: usize) -> (Vec<Blocker>, usize) {
        if self.trace.is_empty() {
            return (vec![explain::unconnected(self.g, self.from, self.to)], 0);
        }
        let mut out: Vec<Blocker> = Vec::new();
        let mut more = 0;
        for (m, judged) in self.moves() {
            if let Step::Blocked(_, first, second) = judged {
                for b in std::iter::once(first).chain(second) {
                    if out.len() >= max {
                        more += 1;
                        continue;
                    }
                    let mut blocker = explain::blocker(self.g, &m, b);
                    // A fix line already given by an earlier blocker is not repeated.
                    blocker.fix.retain(|f| !out.iter().any(|o| o.fix.contains(f)));
                    out.push(blocker);
                }
            }
        }
        (out, more)
    }

    /// The assumptions of a reachable path.
    pub fn notes(&self) -> Vec<Note> {
        if !self.reachable() {
            return Vec::new();
        }
        let mut notes: Vec<Note> = Vec::new();
        for (m, _) in self.moves() {
            if let Some(n) = explain::note(self.g, &m)
                && !notes.contains(&n)
            {
                notes.push(n);
            }
        }
        notes
    }

    /// The owned report.
    pub fn report(&self) -> PathReport {
        let (mbps, mbps_max, bottleneck) = self.limit();
        let reachable = self.reachable();
        PathReport {
            from: self.from().to_owned(),
            to: self.to().to_owned(),
            reachable,
            hops: self
                .hops()
                .map(|(kind, a, b, li)| Hop {
                    kind,
                    a: a.to_owned(),
                    b: b.to_owned(),
                    link: self.g.links.get(li as usize).map_or(LinkId(u32::MAX), |l| l.id),
                })
                .collect(),
            mbps,
            mbps_max,
            bottleneck,
            blockers: if reachable { Vec::new() } else { self.blockers() },
            notes: self.notes(),
        }
    }

    /// Appends the text form: a heading line, then indented hops, bottleneck or why, fix and notes.
    pub fn write_text(&self, out: &mut String) {
        let (from, to) = (self.from(), self.to());
        if self.reachable() {
            let (mbps, max, bottleneck) = self.limit();
            match mbps {
                Some(m) => {
                    out.push_str(from);
                    out.push_str(" -> ");
                    out.push_str(to);
                    out.push_str(": reachable, ");
                    one_decimal(out, m);
                    out.push_str(" Mbps");
                    if let Some(max) = max {
                        out.push_str(" (up to ");
                        one_decimal(out, max);
                        out.push(')');
                    }
                    out.push('\n');
                }
                None => {
                    let _ = writeln!(out, "{from} -> {to}: reachable");
                }
            }
            self.write_hops_text(out, "  hops:");
            if let Some(b) = bottleneck {
                let _ = writeln!(out, "  bottleneck: {b}");
            }
            for n in self.notes() {
                let _ = writeln!(out, "  note: {} [{}]", n.text, n.source);
            }
        } else {
            let _ = writeln!(out, "{from} -> {to}: unreachable");
            if !self.trace.is_empty() {
                self.write_hops_text(out, "  blocked path:");
            }
            let (blockers, more) = self.blockers_upto(SHOWN);
            for b in &blockers {
                let _ = writeln!(out, "  why: {} [{}]", b.reason, b.source);
                for f in &b.fix {
                    let _ = writeln!(out, "  fix: {f}");
                }
            }
            if more > 0 {
                let _ = writeln!(
                    out,
                    "  and {more} more blocked moves on this path (`--from {} --to {}` lists them all)",
                    self.from(),
                    self.to()
                );
            }
        }
    }

    /// The hops as a chain: `a -[transit]-> hub -[s2s]-> site`.
    fn write_hops_text(&self, out: &mut String, label: &str) {
        out.push_str(label);
        let mut first = true;
        for (kind, a, b, _) in self.hops() {
            if first {
                out.push(' ');
                out.push_str(a);
                first = false;
            }
            out.push_str(" -[");
            out.push_str(kind.as_str());
            out.push_str("]-> ");
            out.push_str(b);
        }
        out.push('\n');
    }

    /// Appends the JSON object of PRODUCT.md's `paths` contract (plus `mbps_max`, `fix` and `notes`).
    pub fn write_json(&self, out: &mut String) {
        let reachable = self.reachable();
        out.push_str("{\"from\":");
        json_str(out, self.from());
        out.push_str(",\"to\":");
        json_str(out, self.to());
        let _ = write!(out, ",\"reachable\":{reachable},\"hops\":[");
        for (i, (kind, a, b, _)) in self.hops().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{{\"kind\":\"{}\",\"a\":", kind.as_str());
            json_str(out, a);
            out.push_str(",\"b\":");
            json_str(out, b);
            out.push('}');
        }
        let (mbps, max, bottleneck) = self.limit();
        out.push_str("],\"mbps\":");
        json_num(out, mbps);
        out.push_str(",\"mbps_max\":");
        json_num(out, max);
        out.push_str(",\"bottleneck\":");
        match &bottleneck {
            Some(b) => json_str(out, b),
            None => out.push_str("null"),
        }
        out.push_str(",\"why\":");
        let (blockers, more) = if reachable {
            (Vec::new(), 0)
        } else {
            self.blockers_upto(SHOWN)
        };
        if reachable {
            out.push_str("null");
        } else {
            let mut why = String::new();
            explain::why(&blockers, &mut why);
            if more > 0 {
                let _ = write!(why, "; and {more} more blocked moves on this path");
            }
            json_str(out, &why);
        }
        out.push_str(",\"fix\":[");
        for (i, f) in blockers.iter().flat_map(|b| &b.fix).enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, f);
        }
        out.push_str("],\"notes\":[");
        for (i, n) in self.notes().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            json_str(out, &format!("{} [{}]", n.text, n.source));
        }
        out.push_str("]}");
    }
}

/// Blockers the outputs of many pairs name per path (the rest are counted).
const SHOWN: usize = 3;

/// `x` with one decimal (`500.0`, `416.7`), as `{:.1}` writes it, without the float formatter.
fn one_decimal(out: &mut String, x: f64) {
    let tenths = (x * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e15 {
        let _ = write!(out, "{x:.1}");
        return;
    }
    let t = tenths as i64;
    if t < 0 {
        out.push('-');
    }
    let t = t.unsigned_abs();
    let _ = write!(out, "{}.{}", t / 10, t % 10);
}

/// One decimal, as the estimate's outputs round.
pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn json_num(out: &mut String, x: Option<f64>) {
    match x {
        Some(x) if x.is_finite() => {
            let _ = write!(out, "{:?}", round1(x));
        }
        _ => out.push_str("null"),
    }
}
