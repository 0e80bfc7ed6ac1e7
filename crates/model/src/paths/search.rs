//! The search: from one source, every state in order of (blocked moves, hops), with buffers kept
//! between sources so that a search allocates nothing once warm.
//!
//! Level 0 is a plain breadth-first search over the allowed moves: what it reaches is what the source
//! reaches. A blocked move found on level `k` seeds level `k + 1`; seeds are found in order of hops, and
//! each level merges its seeds with its own FIFO queue, so every state is first reached by a path with
//! the fewest blocked moves and, among those, the fewest hops. The path to an unreachable target then
//! names the fewest changes that would open it. Every state is visited once over all levels:
//! O(positions + edges) per source.

use super::graph::{Graph, NONE};
use super::moves::{In, SLOTS, Step};
use super::rules::step;

/// A visit: how a state was first reached.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Visit {
    /// The state it came from ([`NONE`] at the source).
    pub parent: u32,
    /// The edge taken (index into the graph's edges).
    pub edge: u32,
    /// Blocked moves on the way.
    pub level: u32,
    /// Moves on the way.
    pub hops: u32,
}

/// Reusable search buffers.
#[derive(Default)]
pub(crate) struct Search {
    epoch: u32,
    seen: Vec<u32>,
    visits: Vec<Visit>,
    arrival: Vec<In>,
    best_epoch: Vec<u32>,
    best: Vec<u32>,
    queue: Vec<u32>,
    seeds: Vec<(u32, Visit, In)>,
    next_seeds: Vec<(u32, Visit, In)>,
}

impl Search {
    /// Fresh buffers.
    pub fn new() -> Search {
        Search::default()
    }

    fn reset(&mut self, g: &Graph<'_>) {
        let states = g.positions() * SLOTS as usize;
        if self.seen.len() != states {
            self.seen = vec![0; states];
            self.visits = vec![
                Visit {
                    parent: NONE,
                    edge: NONE,
                    level: 0,
                    hops: 0
                };
                states
            ];
            self.arrival = vec![In::Done; states];
            self.best_epoch = vec![0; g.positions()];
            self.best = vec![NONE; g.positions()];
            self.epoch = 0;
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.seen.fill(0);
            self.best_epoch.fill(0);
            self.epoch = 1;
        }
    }

    /// Searches from position `source`: level 0 only when `explain` is false (reachability), every
    /// level when it is true (the paths to unreachable targets too).
    pub fn run(&mut self, g: &Graph<'_>, source: u32, explain: bool) {
        self.reset(g);
        self.seeds.clear();
        let root = Visit {
            parent: NONE,
            edge: NONE,
            level: 0,
            hops: 0,
        };
        self.seeds.push((source * SLOTS, root, In::Origin));
        let mut level = 0u32;
        while !self.seeds.is_empty() {
            self.next_seeds.clear();
            self.level(g, level);
            if !explain {
                break;
            }
            std::mem::swap(&mut self.seeds, &mut self.next_seeds);
            level += 1;
        }
    }

    fn mark(&mut self, state: u32, visit: Visit, arrival: In) -> bool {
        let s = state as usize;
        if self.seen[s] == self.epoch {
            return false;
        }
        self.seen[s] = self.epoch;
        self.visits[s] = visit;
        self.arrival[s] = arrival;
        let pos = (state / SLOTS) as usize;
        if self.best_epoch[pos] != self.epoch {
            self.best_epoch[pos] = self.epoch;
            self.best[pos] = state;
        }
        true
    }

    /// One level: its seeds merged with its queue in order of hops.
    fn level(&mut self, g: &Graph<'_>, level: u32) {
        self.queue.clear();
        let (mut head, mut next_seed) = (0usize, 0usize);
        loop {
            let seed_hops = self.seeds.get(next_seed).map(|s| s.1.hops);
            let queue_hops = self.queue.get(head).map(|&q| self.visits[q as usize].hops);
            let state = match (seed_hops, queue_hops) {
                (None, None) => break,
                (Some(sh), qh) if qh.is_none_or(|qh| sh <= qh) => {
                    let (state, visit, arrival) = self.seeds[next_seed];
                    next_seed += 1;
                    if !self.mark(state, Visit { level, ..visit }, arrival) {
                        continue;
                    }
                    state
                }
                _ => {
                    head += 1;
                    self.queue[head - 1]
                }
            };
            self.expand(g, state, level);
        }
    }

    fn expand(&mut self, g: &Graph<'_>, state: u32, level: u32) {
        let pos = state / SLOTS;
        let came = self.arrival[state as usize];
        let hops = self.visits[state as usize].hops + 1;
        let first = g.start.get(pos as usize).copied().unwrap_or(0);
        for (k, e) in g.edges_at(pos).iter().enumerate() {
            let edge = first + k as u32;
            let visit = Visit {
                parent: state,
                edge,
                level,
                hops,
            };
            match step(g, pos, came, e) {
                Step::No => {}
                Step::Go(next) => {
                    let s = e.to * SLOTS + next.slot();
                    if self.mark(s, visit, next) {
                        self.queue.push(s);
                    }
                }
                Step::Blocked(next, ..) => {
                    let s = e.to * SLOTS + next.slot();
                    if self.seen[s as usize] != self.epoch {
                        self.next_seeds.push((s, visit, next));
                    }
                }
            }
        }
    }

    /// The state by which position `p` was first reached in the last search, if it was.
    pub fn best(&self, p: u32) -> Option<u32> {
        (self.best_epoch.get(p as usize) == Some(&self.epoch)).then(|| self.best[p as usize])
    }

    /// How `state` was reached.
    pub fn visit(&self, state: u32) -> Visit {
        self.visits[state as usize]
    }

    /// How traffic arrived in `state`.
    pub fn arrival(&self, state: u32) -> In {
        self.arrival[state as usize]
    }

    /// The moves from the source to `state`, source first, into `trace` (cleared first).
    pub fn trace(&self, state: u32, trace: &mut Vec<u32>) {
        trace.clear();
        let mut s = state;
        while s != NONE {
            trace.push(s);
            s = self.visits[s as usize].parent;
        }
        trace.reverse();
    }
}
