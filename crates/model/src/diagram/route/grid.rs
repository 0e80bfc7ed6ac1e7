//! The routing grid: walls, the cost of each cell, and the use routes make of it.
//!
//! The grid covers the routing area: boxes are walls, the ring of cells around each box costs a
//! little (routes keep off borders where they can), and the cells routes use are marked per axis with
//! their bundle as routes are committed. A later route of another bundle pays to run on top of them and
//! takes a free lane beside them when there is one (the nudging of parallel links), and pays less to
//! cross them; a route of the same bundle (links of one kind from one node, as a hub's peerings to its
//! spokes) runs along them for nothing, so a bundle shares one trunk and branches off it.
//!
//! Each cell is one 8-byte record (its horizontal mark with the wall and beside-a-box flags, and its
//! vertical mark), held in 8×8 tiles: a search's step, up and down as well as sideways, reads one
//! record that lies near the last one in memory. The records are atomic so that two threads may
//! route links whose windows do not meet at once (module `parallel`, which orders them): a cell is
//! only ever written by one route at a time, so plain loads and stores do (no locked instruction).

use std::sync::atomic::{AtomicU64, Ordering};

use crate::design::Pos;

use super::super::geom::Rect;

/// Cells around the view that a window routing also covers (routes entering the view from just off
/// screen find their way in).
pub const WINDOW_MARGIN: (i32, i32) = (48, 16);
/// The largest grid routed in one piece; a larger design is routed link by link.
pub(super) const MAX_GRID_CELLS: u64 = 16_000_000;

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

/// The flag of a cell that is part of a box (in its horizontal mark).
const WALL: u32 = 1 << 31;
/// The flag of a cell beside a box (in its horizontal mark).
const BESIDE: u32 = 1 << 30;
/// The bits of a mark that hold a bundle (plus one; 0 for none).
const BUNDLE: u32 = BESIDE - 1;
/// A cell-axis used by routes of more than one bundle.
const MIXED: u32 = BUNDLE;

/// Cells per side of a tile: the grid holds its cells tile by tile, so the cells around one (a
/// search's next steps, up and down as well as sideways) lie close in memory.
const TILE: usize = 8;

/// Walls, costs and the use routes make of each cell of an area.
pub(super) struct Grid {
    pub area: Rect,
    /// Tiles per row.
    tiles: usize,
    /// Per cell: the bundle (plus one; 0 for none, [`MIXED`] for several) of the routes running
    /// through it horizontally with the [`WALL`] and [`BESIDE`] flags (the low half), and that of
    /// those running through it vertically (the high half).
    marks: Vec<AtomicU64>,
}

impl Grid {
    /// An empty grid over `area` (`area` must be small enough to hold: callers cap it).
    pub fn new(area: Rect) -> Grid {
        let tiles = (area.w.max(0) as usize).div_ceil(TILE);
        let n = tiles * (area.h.max(0) as usize).div_ceil(TILE) * TILE * TILE;
        Grid {
            area,
            tiles,
            marks: (0..n).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// The number of cell records (grid indexes run below it).
    pub fn cells(&self) -> usize {
        self.marks.len()
    }

    fn index(&self, p: Pos) -> Option<usize> {
        self.area.contains(p).then(|| self.at(p))
    }

    /// The index of cell `p`, which lies in the area: its tile's, then its place in the tile.
    #[inline]
    pub fn at(&self, p: Pos) -> usize {
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
                    *self.marks[i].get_mut() |= u64::from(if r.contains(p) { WALL } else { BESIDE });
                }
            }
        }
    }

    /// `true` when `p` is inside the area and not a wall.
    pub fn open(&self, p: Pos) -> bool {
        self.index(p)
            .is_some_and(|i| self.marks[i].load(Ordering::Relaxed) & u64::from(WALL) == 0)
    }

    /// Marks the cells of a committed route of `bundle` (corner points; each run marks its axis).
    /// No other thread may use those cells meanwhile (module `parallel` sees to it).
    pub fn commit(&self, points: &[Pos], bundle: u32) {
        let mine = u64::from(bundle.saturating_add(1).min(MIXED));
        let mark = |i: usize, axis: usize| {
            let shift = 32 * axis;
            let all = self.marks[i].load(Ordering::Relaxed);
            let now = match (all >> shift) & u64::from(BUNDLE) {
                0 => mine,
                b if b == mine => b,
                _ => u64::from(MIXED),
            };
            let all = (all & !(u64::from(BUNDLE) << shift)) | (now << shift);
            self.marks[i].store(all, Ordering::Relaxed);
        };
        for w in points.windows(2) {
            let (a, b) = (w[0], w[1]);
            let axis = usize::from(a.x == b.x);
            for p in super::types::cells_between(a, b) {
                if let Some(i) = self.index(p) {
                    mark(i, axis);
                }
            }
        }
        if let [only] = points
            && let Some(i) = self.index(*only)
        {
            mark(i, 0);
        }
    }

    /// The cost of entering cell `i` heading `h` (0 up, 1 right, 2 down, 3 left), for a route of
    /// `bundle`; `None` when the cell is a wall. A `long` route crosses other bundles for nothing.
    #[inline]
    pub fn enter(&self, i: usize, h: u8, bundle: u32, long: bool) -> Option<u32> {
        let all = self.marks[i].load(Ordering::Relaxed);
        let (flags, vt) = (all as u32, (all >> 32) as u32);
        if flags & WALL != 0 {
            return None;
        }
        let hz = flags & BUNDLE;
        let mine = bundle.wrapping_add(1);
        let (same, other) = if h.is_multiple_of(2) { (vt, hz) } else { (hz, vt) };
        let foreign = |b: u32| b != 0 && b != mine;
        let step = if same == mine { SHARED_STEP } else { STEP };
        Some(
            step + if flags & BESIDE != 0 { NEAR } else { 0 }
                + if foreign(same) { ALONG } else { 0 }
                + if foreign(other) && !long { ACROSS } else { 0 },
        )
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
