//! One link's routing: its request (the link, its bundle and its boxes), its plan (its ends, whether
//! it is long, the windows its search may use) and its search on the grid, or a fallback when no
//! path exists.

use crate::design::{LinkId, LinkKind, Pos};

use super::super::geom::{Rect, Side};
use super::ends::Ends;
use super::grid::{Grid, corners};
use super::search::Search;
use super::types::Route;

/// Cells around a link's two ends that its search may use before it widens.
pub(super) const LOCAL: (i32, i32) = (12, 7);
/// A link whose ends are further apart than this (columns, a row counting two), or that has an end off
/// the routing area, is long: it crosses other routes without paying for it, and its search is nearly
/// greedy (it has to cross whatever lies on its way; looking for the fewest crossings over a long way
/// is what would cost the time).
const LONG: i32 = 400;
/// The largest window one search may cover.
pub(super) const MAX_SEARCH_CELLS: u64 = 2_000_000;

/// One link to route.
pub(super) struct Request {
    pub id: LinkId,
    pub kind: LinkKind,
    pub bundle: u32,
    /// The ends' node indexes (name order): the order of routing does not depend on link ids.
    pub ends: (u32, u32),
    pub a: Rect,
    pub b: Rect,
}

/// The ends of a link's box `r` on `grid`: its ports, or the area's edge facing it when it is off
/// the area.
fn ends_of(r: Rect, grid: &Grid, goal: bool) -> Ends {
    if grid.area.intersects(&r) {
        let ports = Ends::ports(r, grid);
        if !ports.cells.is_empty() || (r.x >= grid.area.x && r.right() <= grid.area.right()) {
            return ports;
        }
    }
    Ends::edge(r, grid, goal)
}

/// The side of box `r` that cell `p` (just outside it) is beside.
fn side_of(r: Rect, p: Pos) -> Option<Side> {
    if p.y == r.y - 1 && p.x >= r.x && p.x < r.right() {
        Some(Side::Top)
    } else if p.y == r.bottom() && p.x >= r.x && p.x < r.right() {
        Some(Side::Bottom)
    } else if p.x == r.x - 1 && p.y >= r.y && p.y < r.bottom() {
        Some(Side::Left)
    } else if p.x == r.right() && p.y >= r.y && p.y < r.bottom() {
        Some(Side::Right)
    } else {
        None
    }
}

/// A link's search before it runs: its ends, whether it is long, and the windows it may search in
/// turn (within the grid's area; the second holds the first). The second window is every cell the
/// search reads, and every cell its route marks.
pub(super) struct Plan {
    pub from: Ends,
    pub to: Ends,
    pub long: bool,
    pub windows: [Rect; 2],
}

impl Plan {
    pub fn new(grid: &Grid, req: &Request) -> Plan {
        let (from, to) = (ends_of(req.a, grid, false), ends_of(req.b, grid, true));
        let (ca, cb) = (req.a.center(), req.b.center());
        let inside = |r: &Rect| grid.area.intersection(r) == *r;
        let long = !inside(&req.a) || !inside(&req.b) || (ca.x - cb.x).abs() + 2 * (ca.y - cb.y).abs() > LONG;
        let span = from.target.union(&to.target);
        let windows = [
            span.inflate(LOCAL.0, LOCAL.1).intersection(&grid.area),
            span.inflate(4 * LOCAL.0, 4 * LOCAL.1).intersection(&grid.area),
        ];
        Plan {
            from,
            to,
            long,
            windows,
        }
    }
}

/// Routes one link on `grid`: within its local window, then a wider one, else a fallback.
pub(super) fn route_one(grid: &Grid, search: &mut Search, req: &Request) -> Route {
    route_planned(grid, search, req, &Plan::new(grid, req))
}

/// Routes one link on `grid` as `plan` says.
pub(super) fn route_planned(grid: &Grid, search: &mut Search, req: &Request, plan: &Plan) -> Route {
    for window in plan.windows {
        if window.area() > MAX_SEARCH_CELLS {
            break;
        }
        if let Some(points) = search.run(grid, window, &plan.from, &plan.to, req.bundle, plan.long) {
            let ends = [
                points.first().and_then(|p| side_of(req.a, *p)),
                points.last().and_then(|p| side_of(req.b, *p)),
            ];
            return Route {
                id: req.id,
                kind: req.kind,
                bundle: req.bundle,
                points,
                ends,
                label: None,
                fallback: false,
            };
        }
    }
    fallback(req)
}

/// A plain L between the boxes' centres, for a link with no path.
pub(super) fn fallback(req: &Request) -> Route {
    let (a, b) = (req.a.center(), req.b.center());
    Route {
        id: req.id,
        kind: req.kind,
        bundle: req.bundle,
        points: corners(&[a, Pos { x: b.x, y: a.y }, b]),
        ends: [None, None],
        label: None,
        fallback: true,
    }
}
