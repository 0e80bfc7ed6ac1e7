//! Where a link's search starts and ends: the ports of its boxes (the open cells beside each side,
//! cheaper near the side's middle), or, for a box off the routing area, the area's edge facing it.

use crate::design::Pos;

use super::super::geom::{Rect, Side};
use super::grid::{Grid, STEP};

/// Cost per cell between a port and the middle of its side.
const OFF_MIDDLE: u32 = 1;

/// The heading index of a side's outward step (the search's headings: up, right, down, left).
pub(super) const fn heading(side: Side) -> u8 {
    match side {
        Side::Top => 0,
        Side::Right => 1,
        Side::Bottom => 2,
        Side::Left => 3,
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
        let mut cells = Vec::with_capacity(2 * (r.w.max(2) + r.h.max(2) - 4) as usize);
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
