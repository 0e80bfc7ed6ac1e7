//! Routing a window again after an edit, searching only the links whose routes may have changed.
//!
//! A window's links are routed one by one in a fixed order, each committed route marking the grid
//! for the next. A link's plan reads the walls in its ends' targets, and its search reads the grid
//! only next to the cells it expands: its route is a function of its request (id, kind, bundle,
//! boxes), its windows, and what the walls and the earlier routes left in those cells (a search that
//! reads the same values makes the same moves). So [`Scene::route_window_kept`] walks the new order
//! with the [`Trail`] of the last routing of the same area (each search's expanded cells recorded),
//! and keeps a link's old route when its request and windows are the old ones and no cell it read
//! may differ from what the old routing showed it. The cells that may differ
//! (the *dirty* ones) are kept as rectangles, growing along the walk:
//! - every box that came, went, moved or changed size in the area (with the costly ring around it);
//! - the route of every link routed afresh (new in the window, or with a new bundle or box) from
//!   where it is routed on;
//! - the old route of every link no longer routed as before, from where it was routed then on;
//! - both routes of a link searched again whose route changed.
//!
//! The links kept in both orders keep their order (the order's keys are their boxes, which they
//! kept, their ends' name order, which no edit but a rename changes, their kind and id); when they do
//! not, the window is routed afresh. A new link, a link removed or a node added or deleted therefore
//! costs the searches of the links near what it changed, not the window's: what a full routing gives,
//! route for route (the canvas's cell-for-cell tests check it after every kind of edit).

use crate::design::{LinkId, LinkKind};
use crate::hash::FxMap;

use super::super::geom::Rect;
use super::super::scene::Scene;
use super::grid::{Grid, MAX_GRID_CELLS, WINDOW_MARGIN};
use super::link::{Plan, Request, route_planned};
use super::search::Search;
use super::types::{Route, Routing};

/// What routing a window left for routing it again: the area, its walls, and each link's request,
/// widest window and route in the order they were routed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trail {
    area: Rect,
    /// The boxes in the area, sorted.
    walls: Vec<Rect>,
    /// The links in routing order.
    links: Vec<Step>,
    /// How many of them were searched (the others kept their earlier routes).
    searched: usize,
}

impl Trail {
    /// How many links the routing searched; the others kept the routes of the trail it was given.
    pub fn searched(&self) -> usize {
        self.searched
    }
}

/// One link as it was routed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Step {
    id: LinkId,
    kind: LinkKind,
    bundle: u32,
    boxes: (Rect, Rect),
    /// The widest window its search could read (the plan's second).
    window: Rect,
    /// The cells its search expanded (grid indexes): it read the grid only there and next to them,
    /// besides its ends' targets.
    read: Vec<u32>,
    /// Its ends' targets (the plan read the walls there).
    targets: (Rect, Rect),
    /// Its route (no label).
    route: Route,
}

impl Step {
    /// `true` when `req` planned with widest window `window` is this link's request and window, but
    /// for the bundle's number.
    fn same(&self, req: &Request, window: Rect) -> bool {
        self.id == req.id && self.kind == req.kind && self.boxes == (req.a, req.b) && self.window == window
    }
}

/// What the walk needs of a link's plan before it searches (its widest window, its ends' targets),
/// and the plan itself once made. A plan reads only the walls and the link's boxes, so with the walls
/// of the last routing a link with its old boxes has its old window and targets, and its plan is made
/// only if it is searched.
struct Planned {
    window: Rect,
    targets: (Rect, Rect),
    plan: Option<Plan>,
}

impl Planned {
    fn of(plan: Plan) -> Planned {
        Planned {
            window: plan.windows[1],
            targets: (plan.from.target, plan.to.target),
            plan: Some(plan),
        }
    }
}

impl Trail {
    /// Per request (planned as `plans`): the link of the trail it is, when its request and window are
    /// the old ones. A bundle's number is its anchor node's index, which a node added or deleted
    /// before it in name order shifts, and routes read bundles only as the same or not: so a link
    /// matches when its bundle is the one its old bundle became for every link matched so far, one to
    /// one (a link that breaks the correspondence, as one whose bundle split off, is routed afresh).
    fn matches(&self, requests: &[Request], plans: &[Planned]) -> Vec<Option<usize>> {
        let at: FxMap<LinkId, usize> = self.links.iter().enumerate().map(|(k, s)| (s.id, k)).collect();
        let (mut to_old, mut to_new): (FxMap<u32, u32>, FxMap<u32, u32>) = Default::default();
        requests
            .iter()
            .zip(plans)
            .map(|(req, plan)| {
                let k = *at.get(&req.id)?;
                let step = &self.links[k];
                if !step.same(req, plan.window) {
                    return None;
                }
                let pair = (to_old.get(&req.bundle).copied(), to_new.get(&step.bundle).copied());
                match pair {
                    (None, None) => {
                        to_old.insert(req.bundle, step.bundle);
                        to_new.insert(step.bundle, req.bundle);
                        Some(k)
                    }
                    (Some(old), Some(new)) if old == step.bundle && new == req.bundle => Some(k),
                    _ => None,
                }
            })
            .collect()
    }
}

/// A rectangle's sort key.
fn key(r: &Rect) -> (i32, i32, i32, i32) {
    (r.y, r.x, r.w, r.h)
}

/// The cells of `route`'s runs, as rectangles.
fn runs(route: &Route) -> impl Iterator<Item = Rect> + '_ {
    let cell = route.points.first().map(|p| Rect::at(*p, 1, 1));
    route
        .segments()
        .map(|(p, q)| Rect {
            x: p.x.min(q.x),
            y: p.y.min(q.y),
            w: (p.x - q.x).abs() + 1,
            h: (p.y - q.y).abs() + 1,
        })
        .chain(cell)
}

/// The boxes in one sorted list and not in the other (each with the ring the grid makes costly).
fn walls_changed(old: &[Rect], new: &[Rect]) -> Vec<Rect> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < old.len() || j < new.len() {
        match (old.get(i), new.get(j)) {
            (Some(a), Some(b)) if a == b => (i, j) = (i + 1, j + 1),
            (Some(a), Some(b)) if key(a) < key(b) => {
                out.push(a.inflate(1, 1));
                i += 1;
            }
            (_, Some(b)) => {
                out.push(b.inflate(1, 1));
                j += 1;
            }
            (Some(a), None) => {
                out.push(a.inflate(1, 1));
                i += 1;
            }
            (None, None) => break,
        }
    }
    out
}

/// The cells of the area where the grid, or what the plans read, may differ from what the old
/// routing saw at the same point of its order.
struct Dirty {
    /// The rectangles added.
    rects: Vec<Rect>,
    /// Per grid index: `true` when the cell or one next to it may differ (a search that expands a
    /// cell reads its neighbours).
    near: Vec<bool>,
}

impl Dirty {
    fn new(grid: &Grid) -> Dirty {
        Dirty {
            rects: Vec::new(),
            near: vec![false; grid.cells()],
        }
    }

    /// The cells of `r` may differ.
    fn add(&mut self, grid: &Grid, r: Rect) {
        let around = r.inflate(1, 1).intersection(&grid.area);
        for y in around.y..around.bottom() {
            for x in around.x..around.right() {
                self.near[grid.at(crate::design::Pos { x, y })] = true;
            }
        }
        self.rects.push(r);
    }

    /// The cells of `route`'s runs may differ.
    fn route(&mut self, grid: &Grid, route: &Route) {
        for r in runs(route) {
            self.add(grid, r);
        }
    }

    /// `true` when what `step`'s routing read may differ: its ends' targets, or a cell its search
    /// expanded or looked at next to one.
    fn meets(&self, step: &Step) -> bool {
        self.rects
            .iter()
            .any(|d| d.intersects(&step.targets.0) || d.intersects(&step.targets.1))
            || step
                .read
                .iter()
                .any(|&i| self.near.get(i as usize).copied().unwrap_or(true))
    }
}

impl Scene<'_> {
    /// Routes the links near `view` as [`Scene::route_window`] does (no labels), with the trail that
    /// routing it again needs; given the trail of an earlier routing of the same view (of this design
    /// before an edit, or of any design), searches only the links whose routes may differ from it
    /// (see the module doc): the routes are those a full routing gives.
    pub fn route_window_kept(&self, view: Rect, before: Option<&Trail>) -> (Routing, Trail) {
        let area = view.inflate(WINDOW_MARGIN.0, WINDOW_MARGIN.1);
        if area.area() > MAX_GRID_CELLS {
            return (self.route_window(view, None), Trail::default());
        }
        let mut grid = Grid::new(area);
        let mut walls: Vec<Rect> = self.within(area).into_iter().filter_map(|i| self.rect_at(i)).collect();
        walls.sort_unstable_by_key(key);
        for r in &walls {
            grid.wall(*r);
        }
        let requests = self.requests(view, area);
        let before = before.filter(|t| t.area == area);
        // A plan reads only walls, which routes do not change: made now, or later for a link with
        // its old boxes among the old walls (see `Planned`).
        let old_steps: FxMap<LinkId, &Step> = before
            .filter(|t| t.walls == walls)
            .map(|t| t.links.iter().map(|s| (s.id, s)).collect())
            .unwrap_or_default();
        let mut plans: Vec<Planned> = requests
            .iter()
            .map(
                |req| match old_steps.get(&req.id).filter(|s| s.boxes == (req.a, req.b)) {
                    Some(s) => Planned {
                        window: s.window,
                        targets: s.targets,
                        plan: None,
                    },
                    None => Planned::of(Plan::new(&grid, req)),
                },
            )
            .collect();
        let matched: Vec<Option<usize>> = match before {
            Some(t) => t.matches(&requests, &plans),
            None => vec![None; requests.len()],
        };
        let kept: Vec<usize> = matched.iter().flatten().copied().collect();
        let (old, matched) = match before {
            Some(t) if kept.is_sorted() => (t, matched),
            // The kept links changed their order (a rename): everything is routed afresh.
            _ => (&Trail::default(), vec![None; requests.len()]),
        };
        let mut used = vec![false; old.links.len()];
        for &k in &kept {
            if let Some(u) = used.get_mut(k) {
                *u = true;
            }
        }
        let mut dirty = Dirty::new(&grid);
        for r in walls_changed(&old.walls, &walls) {
            dirty.add(&grid, r);
        }
        let (mut search, mut next_old, mut searched) = (Search::default(), 0, 0);
        search.record = true;
        let mut route = |req: &Request, planned: &mut Planned| {
            searched += 1;
            search.expanded.clear();
            let plan = planned.plan.get_or_insert_with(|| Plan::new(&grid, req));
            let route = route_planned(&grid, &mut search, req, plan);
            (route, search.expanded.clone())
        };
        let mut links = Vec::with_capacity(requests.len());
        for ((req, plan), m) in requests.iter().zip(&mut plans).zip(matched) {
            let (route, read) = if let Some(k) = m {
                // The old links routed before this one that are not routed as before now.
                for (j, s) in old.links.iter().enumerate().take(k).skip(next_old) {
                    if !used[j] {
                        dirty.route(&grid, &s.route);
                    }
                }
                next_old = k + 1;
                let step = &old.links[k];
                // The old route under its bundle's new number.
                let was = Route {
                    bundle: req.bundle,
                    ..step.route.clone()
                };
                if dirty.meets(step) {
                    let (route, read) = route(req, plan);
                    if route != was {
                        dirty.route(&grid, &was);
                        dirty.route(&grid, &route);
                    }
                    (route, read)
                } else {
                    (was, step.read.clone())
                }
            } else {
                let (route, read) = route(req, plan);
                dirty.route(&grid, &route);
                (route, read)
            };
            if !route.fallback {
                grid.commit(&route.points, route.bundle);
            }
            links.push(Step {
                id: req.id,
                kind: req.kind,
                bundle: req.bundle,
                boxes: (req.a, req.b),
                window: plan.window,
                read,
                targets: plan.targets,
                route,
            });
        }
        let mut routes: Vec<Route> = links.iter().map(|s| s.route.clone()).collect();
        routes.sort_by_key(|r| r.id);
        (
            self.finish(area, routes, view, None),
            Trail {
                area,
                walls,
                links,
                searched,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Design, Pos, run_script};

    /// A laid-out generated design of 300 VNets and a 200x60 view around `hub-0001`.
    fn around_a_hub() -> (Design, Rect) {
        let mut d = crate::generate::generate(300, 1);
        d.apply(&crate::Edit::Layout { names: Vec::new() }).expect("layout");
        let p = d.node("hub-0001").expect("hub").pos();
        (
            d,
            Rect {
                x: p.x - 80,
                y: p.y - 20,
                w: 200,
                h: 60,
            },
        )
    }

    /// The ends of a link `kind a b` for the script.
    fn ends(d: &Design, id: LinkId) -> String {
        let l = d.link(id).expect("link");
        format!("{} {} {}", l.kind.as_str(), l.a, l.b)
    }

    #[test]
    fn a_window_routed_again_after_structural_edits_is_routed_as_afresh() {
        let (mut d, view) = around_a_hub();
        let (first, mut trail) = Scene::new(&d).route_window_kept(view, None);
        assert_eq!(first, Scene::new(&d).route_window(view, None));
        assert_eq!(trail.searched(), first.routes.len(), "nothing to keep the first time");
        let shown: Vec<LinkId> = first.routes.iter().map(|r| r.id).collect();
        let (gone, crossing) = (ends(&d, shown[1]), ends(&d, shown[shown.len() / 2]));
        let p = d.node("hub-0001").expect("hub").pos();
        let free = crate::diagram::free_place(&d, Pos { x: p.x + 30, y: p.y }, (20, 5), None);
        let scene = Scene::new(&d);
        let seen: Vec<&str> = scene
            .within(view)
            .into_iter()
            .filter_map(|i| Some(scene.node(i)?.0))
            .collect();
        let spokes = seen
            .iter()
            .filter(|n| n.starts_with("spoke"))
            .flat_map(|a| seen.iter().map(move |b| (*a, *b)))
            .find(|(a, b)| {
                a < b
                    && b.starts_with("spoke")
                    && !d
                        .links()
                        .values()
                        .any(|l| (l.a == *a && l.b == *b) || (l.a == *b && l.b == *a))
            })
            .expect("two spokes not peered");
        let far = d
            .nodes()
            .keys()
            .rfind(|n| n.starts_with("spoke-00"))
            .cloned()
            .expect("far");
        let script = [
            format!("link peering {} {}", spokes.0, spokes.1),
            "link peering hub-0001 hub-0002".to_owned(),
            format!("unlink {gone}"),
            format!("unlink {crossing}"),
            format!("link peering {far} hub-0003"),
            format!("vnet new-one 10.250.0.0/24\nmove new-one {} {}", free.x, free.y),
            "link peering new-one hub-0001".to_owned(),
            "delete spoke-0001-02".to_owned(),
            "delete new-one".to_owned(),
            format!("move hub-0001 {} {}", p.x + 3, p.y + 1),
        ];
        // Links among the nodes on screen, made and taken away one by one: routes pushed aside by
        // routes pushed aside.
        let vnets: Vec<&str> = seen.iter().copied().filter(|n| !n.starts_with("branch")).collect();
        let mut many = Vec::new();
        for k in 0..vnets.len() {
            let (a, b) = (vnets[k], vnets[(k * 7 + 3) % vnets.len()]);
            let linked = |x: &str, y: &str| d.links().values().any(|l| l.a == x && l.b == y);
            if a != b && !linked(a, b) && !linked(b, a) && !many.iter().any(|(x, y)| (x, y) == (&b, &a)) {
                many.push((a, b));
            }
        }
        let script: Vec<String> = many
            .iter()
            .map(|(a, b)| format!("link peering {a} {b}"))
            .chain(many.iter().map(|(a, b)| format!("unlink peering {a} {b}")))
            .chain(vnets.iter().step_by(3).map(|n| {
                let p = d.node(n).expect("node").pos();
                format!("move {n} {} {}", p.x + 2, p.y + 1)
            }))
            .chain(script)
            .collect();
        let mut fewer = 0;
        for line in &script {
            run_script(&mut d, line).expect(line);
            let scene = Scene::new(&d);
            let (kept, next) = scene.route_window_kept(view, Some(&trail));
            assert_eq!(kept, scene.route_window(view, None), "after {line}");
            fewer += usize::from(next.searched() < kept.routes.len() / 2);
            trail = next;
        }
        assert!(
            fewer >= script.len() / 2,
            "most edits searched fewer than half the window's links"
        );
    }
}
