//! The routing grid and its search: A* over (cell, heading) states with a cost per step, per bend,
//! per cell beside a box, and per cell another bundle's route already uses (more along it than across
//! it).
//!
//! The grid covers the routing area: boxes are walls, the ring of cells around each box costs a
//! little (routes keep off borders where they can), and the cells routes use are marked per axis with
//! their bundle as routes are committed. A later route of another bundle pays to run on top of them and
//! takes a free lane beside them when there is one (the nudging of parallel links), and pays less to
//! cross them; a route of the same bundle (links of one kind from one node, as a hub's peerings to its
//! spokes) runs along them for nothing, so a bundle shares one trunk and branches off it. A search is
//! bounded to a window of the grid (the two ends and a margin), so its arrays are that window's size;
//! they are reused between searches and never cleared (a generation stamp marks what is current).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::design::Pos;

use super::super::geom::{Rect, Side};

/// Cost of one step.
pub(super) const STEP: u32 = 4;
/// Cost of one step along a run of the route's own bundle (a bundle prefers its trunk).
const SHARED_STEP: u32 = 2;
/// Cost of a bend (four steps: a route takes a detour of four cells to save one).
pub(super) const BEND: u32 = 16;
/// Extra cost of a cell beside a box.
const NEAR: u32 = 3;
/// Extra cost of running along a cell another bundle's route runs along the same way.
const ALONG: u32 = 40;
/// Extra cost of crossing another bundle's route.
const ACROSS: u32 = 20;
/// Cost per cell between a port and the middle of its side.
const OFF_MIDDLE: u32 = 1;

/// A cell that is part of a box.
const WALL: u8 = u8::MAX;
/// A cell beside a box.
const BESIDE: u8 = 1;
/// A cell-axis used by routes of more than one bundle.
const MIXED: u32 = u32::MAX;

/// The four headings, in `Side` order: up, right, down, left.
const STEPS: [(i32, i32); 4] = [(0, -1), (1, 0), (0, 1), (-1, 0)];

/// The heading index of a side's outward step.
pub(super) const fn heading(side: Side) -> u8 {
    match side {
        Side::Top => 0,
        Side::Right => 1,
        Side::Bottom => 2,
        Side::Left => 3,
    }
}

/// Cells per side of a tile: the grid holds its cells tile by tile, so the cells around one (a
/// search's next steps, up and down as well as sideways) lie close in memory.
const TILE: usize = 8;

/// Walls, costs and the use routes make of each cell of an area.
pub(super) struct Grid {
    pub area: Rect,
    /// Tiles per row.
    tiles: usize,
    cell: Vec<u8>,
    /// Per cell: the bundle (plus one; 0 for none, [`MIXED`] for several) of the routes running
    /// through it horizontally, and vertically.
    along: Vec<[u32; 2]>,
}

impl Grid {
    /// An empty grid over `area` (`area` must be small enough to hold: callers cap it).
    pub fn new(area: Rect) -> Grid {
        let tiles = (area.w.max(0) as usize).div_ceil(TILE);
        let n = tiles * (area.h.max(0) as usize).div_ceil(TILE) * TILE * TILE;
        Grid {
            area,
            tiles,
            cell: vec![0; n],
            along: vec![[0, 0]; n],
        }
    }

    fn index(&self, p: Pos) -> Option<usize> {
        self.area.contains(p).then(|| self.at(p))
    }

    /// The index of cell `p`, which lies in the area: its tile's, then its place in the tile.
    #[inline]
    fn at(&self, p: Pos) -> usize {
        let (x, y) = ((p.x - self.area.x) as usize, (p.y - self.area.y) as usize);
        (((y / TILE) * self.tiles + x / TILE) * TILE * TILE) | ((y % TILE) * TILE) | (x % TILE)
    }

    /// Makes `r` a wall, and the ring around it costly.
    pub fn wall(&mut self, r: Rect) {
        let ring = r.inflate(1, 1).intersection(&self.area);
        for y in ring.y..ring.bottom() {
            for x in ring.x..ring.right() {
                let p = Pos { x, y };
                if let Some(i) = self.index(p) {
                    self.cell[i] = if r.contains(p) { WALL } else { self.cell[i].max(BESIDE) };
                }
            }
        }
    }

    /// `true` when `p` is inside the area and not a wall.
    pub fn open(&self, p: Pos) -> bool {
        self.index(p).is_some_and(|i| self.cell[i] != WALL)
    }

    /// Marks the cells of a committed route of `bundle` (corner points; each run marks its axis).
    pub fn commit(&mut self, points: &[Pos], bundle: u32) {
        let mark = |slot: &mut u32| {
            *slot = match *slot {
                0 => bundle + 1,
                b if b == bundle + 1 => b,
                _ => MIXED,
            };
        };
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let axis = usize::from(a.x == b.x);
            for p in super::types::cells_between(a, b) {
                if let Some(i) = self.index(p) {
                    mark(&mut self.along[i][axis]);
                }
            }
        }
        if let [only] = points
            && let Some(i) = self.index(*only)
        {
            mark(&mut self.along[i][0]);
        }
    }

    /// The cost of entering cell `i` heading `h`, for a route of `bundle`.
    #[inline]
    fn enter(&self, i: usize, h: u8, bundle: u32, long: bool) -> u32 {
        let vertical = h.is_multiple_of(2);
        let [hz, vt] = self.along[i];
        let (same, other) = if vertical { (vt, hz) } else { (hz, vt) };
        let foreign = |b: u32| b != 0 && b != bundle + 1;
        let step = if same == bundle + 1 { SHARED_STEP } else { STEP };
        step + if self.cell[i] == BESIDE { NEAR } else { 0 }
            + if foreign(same) { ALONG } else { 0 }
            + if foreign(other) && !long { ACROSS } else { 0 }
    }
}

/// Where a search starts or ends: cells, each with the heading that leaves the end straight (the
/// first step of a route from it, or the reverse of the last step of a route to it), and a cost for
/// using it.
pub(super) struct Ends {
    pub cells: Vec<(Pos, u8, u32)>,
    /// The rectangle the cells surround (for the distance estimate).
    pub target: Rect,
}

impl Ends {
    /// The ports of box `r`: the cells beside each side (corners left out), heading out of the box,
    /// costing their distance from the middle of the side.
    pub fn ports(r: Rect, grid: &Grid) -> Ends {
        let mut cells = Vec::new();
        for side in [Side::Top, Side::Right, Side::Bottom, Side::Left] {
            let (along, fixed) = match side {
                Side::Top => ((r.x + 1..r.right() - 1), r.y - 1),
                Side::Bottom => ((r.x + 1..r.right() - 1), r.bottom()),
                Side::Left => ((r.y + 1..r.bottom() - 1), r.x - 1),
                Side::Right => ((r.y + 1..r.bottom() - 1), r.right()),
            };
            let middle = (along.start + along.end - 1) / 2;
            for t in along {
                let p = match side {
                    Side::Top | Side::Bottom => Pos { x: t, y: fixed },
                    Side::Left | Side::Right => Pos { x: fixed, y: t },
                };
                if grid.open(p) {
                    cells.push((p, heading(side), OFF_MIDDLE * (t - middle).unsigned_abs()));
                }
            }
        }
        Ends {
            cells,
            target: r.inflate(1, 1),
        }
    }

    /// The cells of the area's edge facing `r`, which lies (at least partly) outside the area: the
    /// end of a link whose box is off the routing area. The heading points into the area (away from
    /// the box, as a port's heading points away from its box).
    pub fn edge(r: Rect, grid: &Grid, goal: bool) -> Ends {
        let a = grid.area;
        // The edge line facing the box, and the stretch of it the box projects onto.
        let (side, line, (lo, hi)) = if r.right() <= a.x || r.x >= a.right() {
            let x = if r.right() <= a.x { a.x } else { a.right() - 1 };
            let side = if r.right() <= a.x { Side::Left } else { Side::Right };
            let stretch = (
                r.y.clamp(a.y, a.bottom() - 1),
                (r.bottom() - 1).clamp(a.y, a.bottom() - 1),
            );
            (
                side,
                Rect {
                    x,
                    y: a.y,
                    w: 1,
                    h: a.h,
                },
                stretch,
            )
        } else {
            let y = if r.y < a.y { a.y } else { a.bottom() - 1 };
            let side = if r.y < a.y { Side::Top } else { Side::Bottom };
            let stretch = (r.x.clamp(a.x, a.right() - 1), (r.right() - 1).clamp(a.x, a.right() - 1));
            (
                side,
                Rect {
                    x: a.x,
                    y,
                    w: a.w,
                    h: 1,
                },
                stretch,
            )
        };
        if goal {
            // A route may leave the area anywhere on the line, the stretch costing nothing and the
            // rest a step per cell away from it: the cheapest way out is found, not searched for.
            let n = line.w.max(line.h);
            let cells = (0..n)
                .map(|t| {
                    let p = Pos {
                        x: line.x + if line.w > 1 { t } else { 0 },
                        y: line.y + if line.h > 1 { t } else { 0 },
                    };
                    let at = if line.w > 1 { p.x } else { p.y };
                    (p, at)
                })
                .filter(|(p, _)| grid.open(*p))
                .map(|(p, at)| (p, heading(side) ^ 2, STEP * (lo - at).max(at - hi).max(0) as u32))
                .collect();
            return Ends { cells, target: line };
        }
        // A route starts on the open cells of the stretch; when a box on the edge walls it in, the
        // stretch widens until it holds some.
        let along = |t: i32| {
            if line.w > 1 {
                Pos { x: t, y: line.y }
            } else {
                Pos { x: line.x, y: t }
            }
        };
        let (first, last) = if line.w > 1 {
            (a.x, a.right() - 1)
        } else {
            (a.y, a.bottom() - 1)
        };
        let (mut lo, mut hi) = (lo, hi);
        loop {
            let cells: Vec<(Pos, u8, u32)> = (lo..=hi)
                .map(along)
                .filter(|p| grid.open(*p))
                .map(|p| (p, heading(side) ^ 2, 0))
                .collect();
            if !cells.is_empty() || (lo <= first && hi >= last) {
                let (p, q) = (along(lo), along(hi));
                let target = Rect::at(p, q.x - p.x + 1, q.y - p.y + 1);
                return Ends { cells, target };
            }
            lo = (lo - 8).max(first);
            hi = (hi + 8).min(last);
        }
    }
}

/// What a search knows of one state: its cost so far, the state it came from, and the search that
/// wrote it (one cache line holds several, read and written together).
#[derive(Clone, Copy, Default)]
struct Slot {
    g: u32,
    /// g plus the estimate when it was queued (a queued state whose f differs is stale).
    f: u32,
    from: u32,
    stamp: u32,
}

/// Reusable search arrays (sized to the largest window searched so far).
#[derive(Default)]
pub(super) struct Search {
    slots: Vec<Slot>,
    /// Per cell of the window: the search that marked it a goal, and the goal's index.
    goals: Vec<(u32, u32)>,
    generation: u32,
    queue: BinaryHeap<Reverse<u64>>,
}

/// The distance estimate per cell: twice a step, so the search is weighted A* (w = 2; a path costs at
/// most twice the cheapest, and in practice about the same: on generated designs of 1,000 VNets it
/// expands 16 times fewer states than the exact search, with fewer crossings and bends, not more).
const WEIGHT: u32 = 2 * STEP;
/// The estimate per cell for long routes: nearly greedy (w = 32), as their way is mostly straight
/// (on the generated designs this expands a fifth fewer states than w = 16, with the same bends).
const LONG_WEIGHT: u32 = 32 * STEP;

/// The largest f a queue key holds (larger ones are held as this: only their order among themselves
/// is lost, and no route in a capped window costs that much).
const F_MAX: u32 = (1 << 22) - 1;
/// The largest distance estimate a queue key holds.
const H_MAX: u32 = (1 << 18) - 1;

/// A queue key: f (22 bits), then h (18 bits: nearer the goal first among equal f, which keeps the
/// search narrow and the routes straight), then the state (24 bits).
fn key(f: u32, h: u32, state: usize) -> u64 {
    (u64::from(f.min(F_MAX)) << 42) | (u64::from(h.min(H_MAX)) << 24) | state as u64
}

/// f and the state of a queue key.
fn unkey(k: u64) -> (u32, usize) {
    ((k >> 42) as u32, (k & 0xFF_FFFF) as usize)
}

/// The estimated cost from `p` to the rectangle `t`: its distance times `weight`.
fn distance(p: Pos, t: Rect, weight: u32) -> u32 {
    let dx = if p.x < t.x {
        t.x - p.x
    } else if p.x >= t.right() {
        p.x - t.right() + 1
    } else {
        0
    };
    let dy = if p.y < t.y {
        t.y - p.y
    } else if p.y >= t.bottom() {
        p.y - t.bottom() + 1
    } else {
        0
    };
    (dx + dy) as u32 * weight
}

impl Search {
    /// The cheapest path of a route of `bundle` from a `from` cell to a `to` cell within `window` (a
    /// part of the grid's area), as the cells' corner points; `None` when none exists. A `long` route
    /// (it passes through the area, or spans several screens) pays nothing to cross other routes: it
    /// has to cross whatever lies between its ends, and searching for the fewest crossings over a
    /// long way is what would cost the time.
    pub fn run(
        &mut self,
        grid: &Grid,
        window: Rect,
        from: &Ends,
        to: &Ends,
        bundle: u32,
        long: bool,
    ) -> Option<Vec<Pos>> {
        let window = window.intersection(&grid.area);
        if window.is_empty() || from.cells.is_empty() || to.cells.is_empty() {
            return None;
        }
        let (width, height) = (window.w as usize, window.h as usize);
        let states = width * height * 4;
        if self.slots.len() < states {
            self.slots.resize(states, Slot::default());
            self.goals.resize(states / 4, (0, 0));
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.slots.fill(Slot::default());
            self.goals.fill((0, 0));
            self.generation = 1;
        }
        let gen_now = self.generation;
        let weight = if long { LONG_WEIGHT } else { WEIGHT };
        self.queue.clear();
        let local = |p: Pos| -> Option<usize> {
            window
                .contains(p)
                .then(|| (p.y - window.y) as usize * width + (p.x - window.x) as usize)
        };
        // Goal cells: marked in the window, each with its heading and cost.
        for (k, (p, _, _)) in to.cells.iter().enumerate() {
            if let Some(c) = local(*p) {
                self.goals[c] = (gen_now, k as u32);
            }
        }
        let pos_of = |c: usize| Pos {
            x: window.x + (c % width) as i32,
            y: window.y + (c / width) as i32,
        };
        let terminal = states;
        for &(p, hd, cost) in &from.cells {
            let Some(c) = local(p) else { continue };
            self.reach(c * 4 + hd as usize, cost, u32::MAX, distance(p, to.target, weight));
        }
        while let Some(Reverse(queued)) = self.queue.pop() {
            let (total, state) = unkey(queued);
            if state >= terminal {
                return Some(self.path(state - states, &pos_of));
            }
            let (cell, hd) = (state / 4, (state % 4) as u8);
            let Slot {
                g: so_far, f: current, ..
            } = self.slots[state];
            if total != current {
                continue;
            }
            let p = pos_of(cell);
            if let (stamp, goal) = self.goals[cell]
                && stamp == gen_now
            {
                // Entering a goal cell heading away from the box's side: one more bend into it.
                let (_, heading, cost) = to.cells[goal as usize];
                let into = heading ^ 2;
                let extra = cost + if hd == into { 0 } else { BEND };
                self.queue.push(Reverse(key(so_far + extra, 0, terminal + state)));
            }
            for (nh, (dx, dy)) in STEPS.iter().enumerate() {
                let nh = nh as u8;
                if nh == hd ^ 2 {
                    continue;
                }
                let q = Pos {
                    x: p.x + dx,
                    y: p.y + dy,
                };
                if !window.contains(q) {
                    continue;
                }
                let nc = match nh {
                    0 => cell - width,
                    1 => cell + 1,
                    2 => cell + width,
                    _ => cell - 1,
                };
                let ngi = grid.at(q);
                if grid.cell[ngi] == WALL {
                    continue;
                }
                let cost = so_far + grid.enter(ngi, nh, bundle, long) + if nh == hd { 0 } else { BEND };
                self.reach(nc * 4 + nh as usize, cost, state as u32, distance(q, to.target, weight));
            }
        }
        None
    }

    /// Reaches state `s` at `cost` from state `from` (`u32::MAX` for a start), `estimate` from the
    /// goal: queued unless this search reached it as cheaply before.
    fn reach(&mut self, s: usize, cost: u32, from: u32, estimate: u32) {
        let generation = self.generation;
        let slot = &mut self.slots[s];
        if slot.stamp == generation && slot.g <= cost {
            return;
        }
        let f = (cost + estimate).min(F_MAX);
        *slot = Slot {
            g: cost,
            f,
            from,
            stamp: generation,
        };
        self.queue.push(Reverse(key(f, estimate, s)));
    }

    /// The corner points of the path ending at state `s`.
    fn path(&self, mut s: usize, pos_of: &impl Fn(usize) -> Pos) -> Vec<Pos> {
        let mut cells = vec![pos_of(s / 4)];
        while self.slots[s].from != u32::MAX {
            s = self.slots[s].from as usize;
            cells.push(pos_of(s / 4));
        }
        cells.reverse();
        corners(&cells)
    }
}

/// The corner points of a path of adjacent cells (first and last included).
pub(super) fn corners(cells: &[Pos]) -> Vec<Pos> {
    let mut out: Vec<Pos> = Vec::new();
    for &p in cells {
        if let [.., a, b] = out[..]
            && ((a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y))
        {
            out.pop();
        }
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_goes_around_a_wall_with_few_bends() {
        let area = Rect {
            x: 0,
            y: 0,
            w: 60,
            h: 20,
        };
        let mut grid = Grid::new(area);
        let (a, mid, b) = (
            Rect {
                x: 2,
                y: 5,
                w: 10,
                h: 5,
            },
            Rect {
                x: 25,
                y: 3,
                w: 10,
                h: 9,
            },
            Rect {
                x: 45,
                y: 5,
                w: 10,
                h: 5,
            },
        );
        for r in [a, mid, b] {
            grid.wall(r);
        }
        let mut search = Search::default();
        let path = search
            .run(&grid, area, &Ends::ports(a, &grid), &Ends::ports(b, &grid), 0, false)
            .expect("a path");
        assert!(path.len() <= 6, "{path:?}");
        for w in path.windows(2) {
            for r in [a, mid, b] {
                let seg = Rect {
                    x: w[0].x.min(w[1].x),
                    y: w[0].y.min(w[1].y),
                    w: (w[0].x - w[1].x).abs() + 1,
                    h: (w[0].y - w[1].y).abs() + 1,
                };
                assert!(!seg.intersects(&r), "{path:?} crosses {r:?}");
            }
        }
        // A route of another bundle pays to share the first one's cells, so it takes another lane;
        // one of the same bundle runs along it.
        grid.commit(&path, 0);
        let same = search
            .run(&grid, area, &Ends::ports(a, &grid), &Ends::ports(b, &grid), 0, false)
            .expect("a path");
        assert_eq!(same, path);
        let other = search
            .run(&grid, area, &Ends::ports(a, &grid), &Ends::ports(b, &grid), 1, false)
            .expect("a path");
        assert_ne!(other, path);
    }

    #[test]
    fn no_path_through_a_closed_box() {
        let area = Rect {
            x: 0,
            y: 0,
            w: 30,
            h: 12,
        };
        let mut grid = Grid::new(area);
        let b = Rect {
            x: 10,
            y: 3,
            w: 10,
            h: 5,
        };
        grid.wall(b);
        // Wall in `b` on every side.
        grid.wall(Rect {
            x: 8,
            y: 1,
            w: 14,
            h: 1,
        });
        grid.wall(Rect {
            x: 8,
            y: 9,
            w: 14,
            h: 1,
        });
        grid.wall(Rect { x: 8, y: 1, w: 1, h: 9 });
        grid.wall(Rect {
            x: 21,
            y: 1,
            w: 1,
            h: 9,
        });
        let a = Rect { x: 0, y: 0, w: 5, h: 5 };
        let mut search = Search::default();
        assert_eq!(
            search.run(&grid, area, &Ends::ports(a, &grid), &Ends::ports(b, &grid), 0, false),
            None
        );
    }
}
