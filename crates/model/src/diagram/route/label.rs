//! Label spots: where each link's label goes, if anywhere. A label is written over the middle of the
//! route's longest horizontal run that is long enough (a line cell left on each side) and that no
//! other bundle runs along or crosses there; else beside the middle of a vertical run, on cells no
//! route, box or other label uses; else nowhere. Labels never cover one another, and a bundle shows a
//! text once (its routes share a trunk: one `peering` says it for all of a hub's spokes).

use crate::design::{LinkId, Pos};
use unicode_width::UnicodeWidthStr;

use crate::hash::{FxMap, FxSet};

use super::super::geom::Rect;
use super::super::scene::Scene;
use super::types::{LabelSpot, Route, cells_between as cells};

/// The largest area whose uses are held cell by cell (beyond it, in a map).
const MAX_DENSE: u64 = 16_000_000;

/// Per cell and axis: the bundle whose routes run there (plus one; `u32::MAX` for several).
enum Uses {
    /// Every cell of the area the routes lie in (the whole design's routes touch millions of cells).
    Dense { area: Rect, cells: Vec<[u32; 2]> },
    /// The cells routes use, for routes spread over a larger area.
    Sparse(FxMap<Pos, [u32; 2]>),
}

impl Uses {
    /// Empty uses for the cells of `routes`.
    fn new(routes: &[Route]) -> Uses {
        let area = routes
            .iter()
            .filter(|r| !r.fallback)
            .flat_map(|r| &r.points)
            .map(|p| Rect::at(*p, 1, 1))
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default();
        if area.area() > MAX_DENSE {
            return Uses::Sparse(FxMap::default());
        }
        Uses::Dense {
            area,
            cells: vec![[0, 0]; area.area() as usize],
        }
    }

    /// The uses of cell `p` (a cell of a route), to mark.
    fn at(&mut self, p: Pos) -> &mut [u32; 2] {
        match self {
            Uses::Dense { area, cells } => &mut cells[((p.y - area.y) * area.w + (p.x - area.x)) as usize],
            Uses::Sparse(map) => map.entry(p).or_default(),
        }
    }

    /// The uses of cell `p`.
    fn get(&self, p: Pos) -> [u32; 2] {
        match self {
            Uses::Dense { area, cells } if area.contains(p) => {
                cells[((p.y - area.y) * area.w + (p.x - area.x)) as usize]
            }
            Uses::Dense { .. } => [0, 0],
            Uses::Sparse(map) => map.get(&p).copied().unwrap_or([0, 0]),
        }
    }
}

/// Gives each route (in order) a spot inside `visible` for its label `text(id)`.
pub(super) fn place<'t>(
    routes: &mut [Route],
    scene: &Scene<'_>,
    visible: Rect,
    text: impl Fn(LinkId) -> Option<&'t str>,
) {
    let mut uses = Uses::new(routes);
    for r in routes.iter().filter(|r| !r.fallback) {
        for (a, b) in r.segments() {
            let axis = usize::from(a.x == b.x);
            for p in cells(a, b) {
                let u = &mut uses.at(p)[axis];
                *u = if *u == 0 || *u == r.bundle + 1 {
                    r.bundle + 1
                } else {
                    u32::MAX
                };
            }
        }
    }
    let mut taken: FxSet<Pos> = FxSet::default();
    let mut said: FxSet<(u32, &str)> = FxSet::default();
    // By bundle and geometry, not by link id: labels do not depend on the order links were drawn.
    let mut order: Vec<usize> = (0..routes.len()).filter(|&i| !routes[i].fallback).collect();
    order.sort_by(|&i, &j| {
        let key = |r: &Route| (r.bundle, r.points.first().copied(), r.points.last().copied(), r.id);
        key(&routes[i]).cmp(&key(&routes[j]))
    });
    for i in order {
        let route = &mut routes[i];
        let Some(text) = text(route.id).filter(|t| !t.is_empty()) else {
            continue;
        };
        if said.contains(&(route.bundle, text)) {
            continue;
        }
        route.label = spot(route, text.width() as i32, &uses, &taken, scene, visible);
        if let Some(s) = route.label {
            taken.extend((0..s.width).map(|dx| Pos {
                x: s.at.x + dx,
                y: s.at.y,
            }));
            said.insert((route.bundle, text));
        }
    }
}

fn spot(route: &Route, w: i32, uses: &Uses, taken: &FxSet<Pos>, scene: &Scene<'_>, visible: Rect) -> Option<LabelSpot> {
    let usage = |p: Pos| uses.get(p);
    let own = [route.bundle + 1, 0];
    let row = |at: Pos| (0..w).map(move |dx| Pos { x: at.x + dx, y: at.y });
    let inside = |at: Pos| {
        visible.contains(at)
            && visible.contains(Pos {
                x: at.x + w - 1,
                y: at.y,
            })
    };
    let mut runs: Vec<(Pos, Pos)> = route.segments().filter(|(a, b)| a.y == b.y).collect();
    runs.sort_by_key(|(a, b)| std::cmp::Reverse((a.x - b.x).abs()));
    for (a, b) in runs {
        let len = (a.x - b.x).abs() + 1;
        if len < w + 2 {
            break;
        }
        let at = Pos {
            x: a.x.min(b.x) + (len - w) / 2,
            y: a.y,
        };
        if inside(at) && row(at).all(|p| usage(p) == own && !taken.contains(&p)) {
            return Some(LabelSpot {
                at,
                width: w,
                on_line: true,
            });
        }
    }
    for (a, b) in route.segments().filter(|(a, b)| a.x == b.x && (a.y - b.y).abs() >= 2) {
        let y = i32::midpoint(a.y, b.y);
        for at in [Pos { x: a.x + 2, y }, Pos { x: a.x - 1 - w, y }] {
            // One free cell each side of the text, so it does not touch a line.
            let padded = Rect::at(Pos { x: at.x - 1, y }, w + 2, 1);
            let clear = inside(at)
                && (padded.x..padded.right()).all(|x| {
                    let p = Pos { x, y };
                    (x == a.x || usage(p) == [0, 0]) && !taken.contains(&p)
                })
                && scene.within(padded).is_empty();
            if clear {
                return Some(LabelSpot {
                    at,
                    width: w,
                    on_line: false,
                });
            }
        }
    }
    None
}
