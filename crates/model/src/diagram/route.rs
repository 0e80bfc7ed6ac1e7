//! Orthogonal link routing around boxes, on what the screen shows or on the whole design.
//!
//! ## What
//! Each link is routed by A* over the cells of a grid (`grid`): states are (cell, heading); a step
//! costs 4, a bend 16, a cell beside a box 3 more, a cell where another bundle's route runs the same
//! way 40 more, crossing one 20 more. Boxes are walls, so **no route enters a box**, its own ends
//! included: a route starts on a cell just outside its first box (a *port*: any cell beside a side,
//! corners excepted, cheaper near the side's middle) and ends just outside the other. Links are routed
//! one by one, shortest first (ties by the ends' names and kind, never link ids); each committed route
//! marks its cells, so:
//! - routes of one **bundle** (the links of one kind from one node: a hub's peerings to its spokes, a
//!   gateway's tunnels) run along each other's cells at half the step cost, so a bundle shares one
//!   trunk and branches off it as an architect draws a hub and its spokes ([`cells`] gives the
//!   junction glyphs);
//! - routes of other bundles pay to share a cell, so they take free lanes beside each other (the
//!   nudging of parallel links, done by cost) and pay to cross (crossings are reported).
//!
//! ## Why a cell search, and what it costs
//! Wybrow, Marriott and Stuckey's orthogonal visibility graph (libavoid) finds the same shortest
//! bend-penalised paths over box corners and then nudges shared segments apart in a separate pass.
//! On a terminal grid lanes are whole cells anyway, and the occupancy costs give the separation (and
//! the bundling) without a nudging pass, so the cell search was chosen. It stays cheap because:
//! - each search is bounded to its link's two ends plus 12 columns and 7 rows (widened four times
//!   only when that holds no path);
//! - it is weighted A* (the estimate counts twice a step per cell: a path costs at most twice the
//!   cheapest, and on generated designs it expands 16 times fewer states than the exact search with
//!   fewer crossings and bends, not more);
//! - a *long* link (ends more than 400 columns apart, a row counting two, or an end off the routing
//!   area) crosses other routes for free and searches nearly greedily (w = 32): it has to cross what
//!   lies between its ends, and looking for the fewest crossings over a long way is what costs.
//!
//! - the whole design (exports) is routed on two threads (module `parallel`): a link's search reads only its
//!   window, so a link waits only for the earlier links whose windows meet its own, and the routes are
//!   those of one thread.
//!
//! Measured (`examples/route_probe.rs` under `valgrind --tool=callgrind`, and `benches/diagram.rs`):
//! a 200×60 screen around a hub routes 115 links in 11 M instructions at 1,000 VNets and 201 links in
//! 33 M at 10,000 (most of those pass through on their way from a hub to the bands); the whole
//! 10,000-VNet design (20,476 links) routes in about 1 s of searching, memory-bound (the grid holds a
//! cell in one 8-byte record, in 8×8 tiles so a vertical step stays near in memory; a search state is
//! 8 bytes), which two threads share: docs/performance.md has the figures.
//!
//! ## Windows
//! [`Scene::route_window`] routes the links that may show in a view within the view plus
//! [`WINDOW_MARGIN`]: a link whose box lies outside that area starts or ends on the area's edge facing
//! the box, off screen. A frame therefore costs what is on screen, not the design's size. A route is
//! the same from one frame to the next while the window holds both its ends; it may change when the
//! view pans over it. [`Scene::route_all`] routes every link over the whole design (exports).
//!
//! ## Outputs
//! Each [`Route`] has its corner points, the sides of its boxes it attaches to, its bundle, and a spot
//! for its label where there is room (module `label`). [`Routing::crossings`] lists the cells where a
//! horizontal run of one bundle crosses a vertical run of another; [`Routing::cells`] turns the routes
//! into cells to draw, junctions merged and crossings marked.

use crate::design::{LinkId, LinkKind};

use super::geom::Rect;
use super::scene::Scene;

mod again;
pub mod cells;
mod cross;
mod ends;
mod grid;
mod label;
mod link;
mod parallel;
mod search;
mod types;

pub use again::Trail;
pub use cells::LineCell;
pub use types::{Crossing, LabelSpot, Labels, Route, Routing};

pub use grid::WINDOW_MARGIN;
use grid::{Grid, MAX_GRID_CELLS};
use link::{LOCAL, MAX_SEARCH_CELLS, Request, fallback, route_one};
use search::Search;

impl Scene<'_> {
    /// Routes the links near `view` (world cells) within `view` plus [`WINDOW_MARGIN`]; labels are
    /// placed inside `view`. `labels` gives each link's label text.
    pub fn route_window(&self, view: Rect, labels: Option<&Labels>) -> Routing {
        let area = view.inflate(WINDOW_MARGIN.0, WINDOW_MARGIN.1);
        if area.area() > MAX_GRID_CELLS {
            return self.route_by_link(view, labels);
        }
        self.route_in(area, view, labels, false)
    }

    /// Routes every link of the design (for exports).
    pub fn route_all(&self, labels: Option<&Labels>) -> Routing {
        let bounds = (0..self.len() as u32)
            .filter_map(|i| self.rect_at(i))
            .reduce(|a, b| a.union(&b))
            .unwrap_or_default()
            .inflate(LOCAL.0, LOCAL.1);
        if bounds.area() > MAX_GRID_CELLS {
            return self.route_by_link(bounds, labels);
        }
        self.route_in(bounds, bounds, labels, true)
    }

    /// The links that may show in `visible`, shortest first (those with an end off `area` last).
    fn requests(&self, visible: Rect, area: Rect) -> Vec<Request> {
        let mut out: Vec<Request> = self
            .links_near(visible, LOCAL.0.max(LOCAL.1))
            .into_iter()
            .filter_map(|near| {
                Some(Request {
                    id: near.id,
                    kind: near.link.kind,
                    bundle: near.bundle,
                    ends: (near.a, near.b),
                    a: self.rect_at(near.a)?,
                    b: self.rect_at(near.b)?,
                })
            })
            .collect();
        // Links inside the area first, then the short ones: they get the straight lanes. Ties go by
        // the ends' names and the kind, so the routes do not depend on the order links were drawn.
        out.sort_by_key(|r| {
            let outside = u8::from(!area.intersects(&r.a)) + u8::from(!area.intersects(&r.b));
            let (ca, cb) = (r.a.center(), r.b.center());
            (outside, (ca.x - cb.x).abs() + (ca.y - cb.y).abs(), r.ends, r.kind, r.id)
        });
        out
    }

    /// Routes within one grid over `area`; labels inside `visible`. With `threads`, a large routing
    /// runs on two threads (the same routes: see module `parallel`).
    fn route_in(&self, area: Rect, visible: Rect, labels: Option<&Labels>, threads: bool) -> Routing {
        let mut grid = Grid::new(area);
        for i in self.within(area) {
            if let Some(r) = self.rect_at(i) {
                grid.wall(r);
            }
        }
        let mut routes = parallel::route_in_order(&grid, &self.requests(visible, area), threads);
        routes.sort_by_key(|r| r.id);
        self.finish(area, routes, visible, labels)
    }

    /// Routes each link near `area` on a grid of its own (no lanes between links): for areas too
    /// large for one grid.
    fn route_by_link(&self, area: Rect, labels: Option<&Labels>) -> Routing {
        let mut search = Search::default();
        let mut routes: Vec<Route> = self
            .requests(area, area)
            .into_iter()
            .map(|req| self.route_alone(&req, &mut search))
            .collect();
        routes.sort_by_key(|r| r.id);
        self.finish(area, routes, area, labels)
    }

    /// Routes one link on a grid of its own around its two boxes (no lanes with other links).
    fn route_alone(&self, req: &Request, search: &mut Search) -> Route {
        let local = req.a.union(&req.b).inflate(4 * LOCAL.0, 4 * LOCAL.1);
        if local.area() > MAX_SEARCH_CELLS {
            return fallback(req);
        }
        let mut grid = Grid::new(local);
        for i in self.within(local) {
            if let Some(r) = self.rect_at(i) {
                grid.wall(r);
            }
        }
        route_one(&grid, search, req)
    }

    /// The route a link of `kind` from node `a` to node `b` would take, alone around the boxes (the
    /// link a canvas is drawing, before it exists); `None` when a node is missing or they are one.
    pub fn route_preview(&self, a: &str, b: &str, kind: LinkKind) -> Option<Route> {
        let (ia, ib) = (self.index(a)?, self.index(b)?);
        if ia == ib {
            return None;
        }
        let req = Request {
            id: LinkId(u32::MAX),
            kind,
            // A bundle of its own (the grid marks routes with `bundle + 1`).
            bundle: u32::MAX - 1,
            ends: (ia, ib),
            a: self.rect_at(ia)?,
            b: self.rect_at(ib)?,
        };
        Some(self.route_alone(&req, &mut Search::default()))
    }

    /// Places the labels of `routing` (routed on this scene, its spots dropped) inside `visible` again
    /// with the texts `labels`: what the routing call would have placed with them, without routing
    /// again (for new label texts on unchanged boxes and links).
    pub fn relabel(&self, routing: &mut Routing, visible: Rect, labels: &Labels) {
        for r in &mut routing.routes {
            r.label = None;
        }
        label::place(&mut routing.routes, self, visible, |id| {
            labels.get(&id).map(String::as_str)
        });
    }

    /// Places the labels inside `visible` and finds the crossings.
    fn finish(&self, area: Rect, mut routes: Vec<Route>, visible: Rect, labels: Option<&Labels>) -> Routing {
        if let Some(labels) = labels {
            label::place(&mut routes, self, visible, |id| labels.get(&id).map(String::as_str));
        }
        let crossings = cross::crossings(&routes);
        Routing {
            area,
            routes,
            crossings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Design, run_script};

    #[test]
    fn a_preview_goes_around_the_box_between_its_ends() {
        let mut d = Design::default();
        run_script(
            &mut d,
            "vnet a 10.0.0.0/16\nvnet mid 10.1.0.0/16\nvnet b 10.2.0.0/16\n\
             move a 0 0\nmove mid 30 0\nmove b 60 0",
        )
        .expect("script");
        let scene = Scene::new(&d);
        let route = scene.route_preview("a", "b", LinkKind::Peering).expect("a route");
        assert!(!route.fallback);
        let mid = scene.rect("mid").expect("mid");
        for (p, q) in route.segments() {
            let run = Rect {
                x: p.x.min(q.x),
                y: p.y.min(q.y),
                w: (p.x - q.x).abs() + 1,
                h: (p.y - q.y).abs() + 1,
            };
            assert!(!run.intersects(&mid), "{route:?} through {mid:?}");
        }
        assert!(scene.route_preview("a", "a", LinkKind::Peering).is_none());
        assert!(scene.route_preview("a", "ghost", LinkKind::Peering).is_none());
    }

    #[test]
    fn two_threads_route_a_design_as_one_does() {
        let mut d = crate::generate::generate(300, 1);
        d.apply(&crate::Edit::Layout { names: Vec::new() })
            .expect("a layout applies");
        let scene = Scene::new(&d);
        let area = (0..scene.len() as u32)
            .filter_map(|i| scene.rect_at(i))
            .reduce(|a, b| a.union(&b))
            .expect("boxes")
            .inflate(LOCAL.0, LOCAL.1);
        let one = scene.route_in(area, area, None, false);
        let two = scene.route_in(area, area, None, true);
        assert!(
            one.routes.len() >= 512,
            "{} links: too few for two threads",
            one.routes.len()
        );
        assert_eq!(one.routes, two.routes);
        assert_eq!(one.crossings, two.crossings);
    }
}
