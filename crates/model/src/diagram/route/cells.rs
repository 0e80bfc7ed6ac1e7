//! The routes as cells to draw: for each cell of an area, the line style and which neighbours the
//! line joins there (up, right, down, left), routes of one bundle merged so their shared trunk branches
//! with junctions, and crossings of two bundles marked. The canvas picks a glyph per cell
//! ([`LineStyle::glyph`]); the text picture does the same.

use crate::design::Pos;

use super::super::geom::{Rect, Side};
use super::super::style::LineStyle;
use super::super::zoom::Zoom;
use super::types::{Routing, cells_between};

/// The line joins the cell above.
pub const UP: u8 = 1;
/// The line joins the cell to the right.
pub const RIGHT: u8 = 2;
/// The line joins the cell below.
pub const DOWN: u8 = 4;
/// The line joins the cell to the left.
pub const LEFT: u8 = 8;

/// One cell of line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCell {
    /// The cell.
    pub at: Pos,
    /// The style to draw it in.
    pub style: LineStyle,
    /// The neighbours the line joins ([`UP`] | [`RIGHT`] | [`DOWN`] | [`LEFT`]).
    pub joins: u8,
    /// Two bundles cross here: `style` and `joins` are the vertical run's (drawn over the horizontal
    /// one, which jumps), so a `┼` always means a junction of one bundle.
    pub crossing: bool,
}

/// The stretch of the run from `a` to `b` inside `r`, in the run's direction (`None`: the run misses
/// it). A run that is not straight along a row or a column is kept whole.
fn clip(a: Pos, b: Pos, r: Rect) -> Option<(Pos, Pos)> {
    let clamp = |v: i32, lo: i32, hi: i32| v.clamp(lo, hi);
    if a.y == b.y {
        let (lo, hi) = (a.x.min(b.x).max(r.x), a.x.max(b.x).min(r.right() - 1));
        if a.y < r.y || a.y >= r.bottom() || lo > hi {
            return None;
        }
        let (from, to) = (clamp(a.x, lo, hi), clamp(b.x, lo, hi));
        Some((Pos { x: from, y: a.y }, Pos { x: to, y: a.y }))
    } else if a.x == b.x {
        let (lo, hi) = (a.y.min(b.y).max(r.y), a.y.max(b.y).min(r.bottom() - 1));
        if a.x < r.x || a.x >= r.right() || lo > hi {
            return None;
        }
        let (from, to) = (clamp(a.y, lo, hi), clamp(b.y, lo, hi));
        Some((Pos { x: a.x, y: from }, Pos { x: a.x, y: to }))
    } else {
        Some((a, b))
    }
}

/// The bit of the step from `p` to its neighbour `q`.
fn toward(p: Pos, q: Pos) -> u8 {
    match (q.x - p.x, q.y - p.y) {
        (0, -1) => UP,
        (1, 0) => RIGHT,
        (0, 1) => DOWN,
        (-1, 0) => LEFT,
        _ => 0,
    }
}

/// The bits of a route's end cell toward its box on `side` (or onward off the area).
fn end_bits(points: &[Pos], side: Option<Side>, first: bool) -> u8 {
    let (end, next) = if first {
        (points.first(), points.get(1))
    } else {
        (points.last(), points.iter().rev().nth(1))
    };
    match (side, end, next) {
        (Some(side), _, _) => {
            let (dx, dy) = side.outward();
            toward(Pos { x: 0, y: 0 }, Pos { x: -dx, y: -dy })
        }
        // On the area's edge: the line goes on straight, away from the next point.
        (None, Some(e), Some(n)) => toward(
            *e,
            Pos {
                x: e.x + (e.x - n.x).signum(),
                y: e.y + (e.y - n.y).signum(),
            },
        ),
        _ => 0,
    }
}

impl Routing {
    /// The cells of line at `zoom` inside `area` (screen cells at that level; world cells at full
    /// size), by row then column.
    pub fn cells(&self, zoom: Zoom, area: Rect) -> Vec<LineCell> {
        // (cell, bundle, style, joins), merged per (cell, bundle).
        let mut marks: Vec<(Pos, u32, LineStyle, u8)> = Vec::new();
        // A cell's bits come from its neighbours on the route: the stretch of a run within a cell of
        // the area is all that can mark a cell of it.
        let near = area.inflate(1, 1);
        for r in self.routes.iter().filter(|r| !r.fallback) {
            let style = LineStyle::of(r.kind);
            let mut put = |p: Pos, bits: u8| {
                if area.contains(p) {
                    marks.push((p, r.bundle, style, bits));
                }
            };
            let points = zoom.route(&r.points);
            for w in points.windows(2) {
                let Some((a, b)) = clip(w[0], w[1], near) else {
                    continue;
                };
                let mut cells = cells_between(a, b);
                let Some(mut last) = cells.next() else { continue };
                for p in cells {
                    put(last, toward(last, p));
                    put(p, toward(p, last));
                    last = p;
                }
            }
            if let (Some(first), Some(last)) = (points.first(), points.last()) {
                put(*first, end_bits(&points, r.ends[0], true));
                put(*last, end_bits(&points, r.ends[1], false));
            }
        }
        marks.sort_unstable_by_key(|&(p, b, _, _)| (p.y, p.x, b));
        let mut merged: Vec<(Pos, u32, LineStyle, u8)> = Vec::new();
        for m in marks {
            match merged.last_mut() {
                Some(last) if last.0 == m.0 && last.1 == m.1 => last.3 |= m.3,
                _ => merged.push(m),
            }
        }
        let mut out: Vec<LineCell> = Vec::new();
        let mut i = 0;
        while i < merged.len() {
            let at = merged[i].0;
            let j = i + merged[i..].iter().take_while(|m| m.0 == at).count();
            let here = &merged[i..j];
            let vertical = here.iter().find(|m| m.3 == UP | DOWN);
            let crossing = here.len() == 2 && vertical.is_some() && here.iter().any(|m| m.3 == LEFT | RIGHT);
            out.push(match (crossing, vertical) {
                (true, Some(v)) => LineCell {
                    at,
                    style: v.2,
                    joins: v.3,
                    crossing: true,
                },
                _ => LineCell {
                    at,
                    style: here[here.len() - 1].2,
                    joins: here.iter().fold(0, |acc, m| acc | m.3),
                    crossing: false,
                },
            });
            i = j;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{LinkId, LinkKind};
    use crate::diagram::route::Route;

    fn route(id: u32, bundle: u32, points: &[(i32, i32)], ends: [Option<Side>; 2]) -> Route {
        Route {
            id: LinkId(id),
            kind: LinkKind::Peering,
            bundle,
            points: points.iter().map(|&(x, y)| Pos { x, y }).collect(),
            ends,
            label: None,
            fallback: false,
        }
    }

    /// The cells of a window are the cells of the whole routing that lie in it, at every zoom level,
    /// for windows cutting runs at any point.
    #[test]
    fn a_window_s_cells_are_the_whole_routing_s_cells_in_it() {
        let mut d = crate::generate::generate(120, 3);
        d.apply(&crate::Edit::Layout { names: Vec::new() }).expect("layout");
        let routing = crate::diagram::Scene::new(&d).route_all(None);
        assert!(routing.routes.len() > 100, "{}", routing.routes.len());
        for zoom in [Zoom::Full, Zoom::Compact, Zoom::Overview] {
            let everywhere = Rect {
                x: -100_000,
                y: -100_000,
                w: 200_000,
                h: 200_000,
            };
            let whole = routing.cells(zoom, everywhere);
            let whole_area = whole.iter().fold(Rect::default(), |r, c| {
                r.union(&Rect {
                    x: c.at.x,
                    y: c.at.y,
                    w: 1,
                    h: 1,
                })
            });
            for k in 0..40 {
                let (w, h) = (17 + k * 13 % 150, 5 + k * 7 % 50);
                let area = Rect {
                    x: whole_area.x + (k * 37) % whole_area.w.max(1),
                    y: whole_area.y + (k * 11) % whole_area.h.max(1),
                    w,
                    h,
                };
                let want: Vec<LineCell> = whole.iter().filter(|c| area.contains(c.at)).copied().collect();
                assert_eq!(routing.cells(zoom, area), want, "{zoom:?} {area:?}");
            }
        }
    }

    #[test]
    fn a_bundle_branches_and_two_bundles_cross() {
        let routing = Routing {
            area: Rect {
                x: 0,
                y: 0,
                w: 20,
                h: 20,
            },
            routes: vec![
                // A trunk down from a box above, and a branch off it to the right.
                route(0, 7, &[(5, 1), (5, 9)], [Some(Side::Bottom), Some(Side::Top)]),
                route(1, 7, &[(5, 1), (5, 4), (9, 4)], [Some(Side::Bottom), Some(Side::Left)]),
                // Another bundle crossing the trunk.
                route(2, 8, &[(1, 6), (12, 6)], [Some(Side::Right), Some(Side::Left)]),
            ],
            crossings: Vec::new(),
        };
        let cells = routing.cells(Zoom::Full, routing.area);
        let at = |x, y| cells.iter().find(|c| c.at == Pos { x, y }).copied().expect("a cell");
        assert_eq!(at(5, 4).joins, UP | DOWN | RIGHT, "a junction");
        assert!(!at(5, 4).crossing);
        assert_eq!(LineStyle::Light.glyph(at(5, 4).joins), '├');
        assert!(at(5, 6).crossing);
        assert_eq!(at(5, 6).joins, UP | DOWN);
        assert_eq!(at(5, 1).joins, UP | DOWN, "the end joins its box above");
        assert_eq!(at(9, 4).joins, LEFT | RIGHT, "the end joins its box on the right");
    }
}
