//! [`CanvasIndex`]: the nodes of one design bucketed by position, so that what is on screen or
//! under a cell is found without walking every node; and [`Topology`], the ends of every link by
//! node index, kept across moves.

use std::cell::Cell;

use vnetsketch_model::design::Node;
use vnetsketch_model::hash::FxMap;
use vnetsketch_model::{Design, Link, LinkId, Pos};

use super::canvas::{BOX_H, CanvasRect, MAX_BOX_W, Route, node_rect, route, span};

/// Columns and rows of one cell of the [`CanvasIndex`] grid.
const CELL: (i32, i32) = (32, 8);

/// The canvas geometry of one design, measured only where it is looked at. Nodes are bucketed by
/// position in a coarse grid (no text needed); a node's box, whose width comes from its text, is
/// measured the first time something asks for it. Drawing a frame, moving the cursor or clicking
/// then costs what is on screen, not what is in the design.
///
/// Every answer is the one a full scan gives: a box can only reach `MAX_BOX_W` columns right and
/// `BOX_H` rows down from its position, so the grid query widens each area by that much (tested
/// against the full scan below).
pub struct CanvasIndex<'d> {
    /// Nodes in name order (found by binary search: the few name lookups of a frame).
    nodes: Vec<(&'d str, &'d Node)>,
    /// Grid cell to the nodes whose position is in it, in name order.
    grid: FxMap<(i32, i32), Vec<u32>>,
    /// Boxes measured so far.
    boxes: Vec<Cell<Option<CanvasRect>>>,
}

impl<'d> CanvasIndex<'d> {
    /// Buckets the nodes of `design` (no box is measured yet).
    pub fn new(design: &'d Design) -> CanvasIndex<'d> {
        let mut grid: FxMap<(i32, i32), Vec<u32>> = FxMap::default();
        let mut nodes = Vec::with_capacity(design.nodes().len());
        for (i, (name, node)) in design.nodes().iter().enumerate() {
            grid.entry(cell_of(node.pos())).or_default().push(i as u32);
            nodes.push((name.as_str(), node));
        }
        CanvasIndex {
            boxes: vec![Cell::new(None); nodes.len()],
            nodes,
            grid,
        }
    }

    /// The position of `name` in name order.
    fn index(&self, name: &str) -> Option<u32> {
        self.nodes
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|i| i as u32)
    }

    /// The box of the node of index `i` (name order), as [`Topology`] gives it.
    pub fn rect_at(&self, i: u32) -> Option<CanvasRect> {
        ((i as usize) < self.nodes.len()).then(|| self.measured(i))
    }

    /// The widest box the node of index `i` could have (see [`CanvasIndex::reach`]).
    pub fn reach_at(&self, i: u32) -> Option<CanvasRect> {
        let (_, node) = self.nodes.get(i as usize)?;
        let pos = node.pos();
        Some(CanvasRect {
            x: pos.x,
            y: pos.y,
            w: MAX_BOX_W,
            h: BOX_H,
        })
    }

    fn measured(&self, i: u32) -> CanvasRect {
        let slot = &self.boxes[i as usize];
        slot.get().unwrap_or_else(|| {
            let r = node_rect(self.nodes[i as usize].1);
            slot.set(Some(r));
            r
        })
    }

    /// The box of node `name`.
    pub fn rect(&self, name: &str) -> Option<CanvasRect> {
        self.index(name).map(|i| self.measured(i))
    }

    /// The widest box node `name` could have (no measuring): where it can reach at most.
    pub fn reach(&self, name: &str) -> Option<CanvasRect> {
        self.reach_at(self.index(name)?)
    }

    /// The nodes whose boxes meet `area`, in name order, with their boxes.
    pub fn within(&self, area: CanvasRect) -> Vec<(&'d str, &'d Node, CanvasRect)> {
        // Positions a box meeting `area` can have.
        let (x0, x1) = (area.x - MAX_BOX_W + 1, area.x + area.w - 1);
        let (y0, y1) = (area.y - BOX_H + 1, area.y + area.h - 1);
        let (c0, c1) = (cell_of(Pos { x: x0, y: y0 }), cell_of(Pos { x: x1, y: y1 }));
        let cells = i64::from(c1.0 - c0.0 + 1) * i64::from(c1.1 - c0.1 + 1);
        let mut found: Vec<u32> = Vec::new();
        let mut take = |members: &Vec<u32>| {
            for &i in members {
                let pos = self.nodes[i as usize].1.pos();
                if pos.x >= x0 && pos.x <= x1 && pos.y >= y0 && pos.y <= y1 {
                    found.push(i);
                }
            }
        };
        if cells > self.grid.len() as i64 {
            // A huge area: every occupied cell, rather than every cell of the area.
            for (cell, members) in &self.grid {
                if (c0.0..=c1.0).contains(&cell.0) && (c0.1..=c1.1).contains(&cell.1) {
                    take(members);
                }
            }
        } else {
            for cx in c0.0..=c1.0 {
                for cy in c0.1..=c1.1 {
                    if let Some(members) = self.grid.get(&(cx, cy)) {
                        take(members);
                    }
                }
            }
        }
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|i| {
                let r = self.measured(i);
                let meets = r.x < area.x + area.w && r.x + r.w > area.x && r.y < area.y + area.h && r.y + r.h > area.y;
                let (name, node) = self.nodes[i as usize];
                meets.then_some((name, node, r))
            })
            .collect()
    }

    /// The route between boxes `a` and `b` ([`route`] against every box that could be in its way).
    pub fn route(&self, a: CanvasRect, b: CanvasRect, lane: i32) -> Route {
        // Every candidate route stays inside the span of the two boxes (U routes included).
        let others: Vec<CanvasRect> = self.within(span(a, b)).into_iter().map(|(_, _, r)| r).collect();
        route(a, b, &others, lane)
    }

    /// The route of link `id`, when both its ends exist.
    pub fn link_route(&self, id: LinkId, link: &Link) -> Option<Route> {
        Some(self.route(self.rect(&link.a)?, self.rect(&link.b)?, id.0 as i32))
    }

    /// The node whose box covers `p` (the last drawn, i.e. the top one, when boxes overlap).
    pub fn node_at(&self, p: Pos, on_top: Option<&str>) -> Option<&'d str> {
        if let Some(top) = on_top
            && let Some(i) = self.index(top)
            && self.measured(i).contains(p)
        {
            return Some(self.nodes[i as usize].0);
        }
        let cell = CanvasRect {
            x: p.x,
            y: p.y,
            w: 1,
            h: 1,
        };
        self.within(cell).last().map(|(name, _, _)| *name)
    }

    /// The link whose route passes through `p` (the last one when several do).
    pub fn link_at(&self, design: &Design, p: Pos) -> Option<LinkId> {
        design
            .links()
            .iter()
            .rev()
            .filter(|(_, l)| {
                // Only a link whose widest span holds `p` can pass through it.
                let (Some(a), Some(b)) = (self.reach(&l.a), self.reach(&l.b)) else {
                    return false;
                };
                span(a, b).contains(p)
            })
            .find(|(id, l)| self.link_route(**id, l).is_some_and(|r| r.contains(p)))
            .map(|(id, _)| *id)
    }
}

/// The ends of every link as node indexes in name order (what [`CanvasIndex`] numbers), `None` for a
/// link whose end does not exist. It changes only when nodes or links come or go (or are renamed),
/// not when nodes move, so the app keeps it from one analysis to the next ([`crate::tui::state::Document::topology`])
/// and a frame resolves no name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Topology {
    /// Nodes in the design it was built from.
    nodes: usize,
    /// Per link, in id order.
    ends: Vec<Option<(u32, u32)>>,
}

impl Topology {
    /// Resolves every link of `design`.
    pub fn new(design: &Design) -> Topology {
        let mut index: FxMap<&str, u32> = FxMap::default();
        index.reserve(design.nodes().len());
        for (i, name) in design.nodes().keys().enumerate() {
            index.insert(name.as_str(), i as u32);
        }
        let ends = design
            .links()
            .values()
            .map(|l| Some((*index.get(l.a.as_str())?, *index.get(l.b.as_str())?)))
            .collect();
        Topology {
            nodes: design.nodes().len(),
            ends,
        }
    }

    /// `true` when it may describe `design` (the same numbers of nodes and links).
    pub fn fits(&self, design: &Design) -> bool {
        self.nodes == design.nodes().len() && self.ends.len() == design.links().len()
    }

    /// The ends of the link at position `k` in id order.
    pub fn ends(&self, k: usize) -> Option<(u32, u32)> {
        self.ends.get(k).copied().flatten()
    }
}

/// The grid cell of a position.
fn cell_of(p: Pos) -> (i32, i32) {
    (p.x.div_euclid(CELL.0), p.y.div_euclid(CELL.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vnetsketch_model::run_script;

    #[test]
    fn boxes_and_routes_hit_where_they_are_drawn() {
        let mut d = Design::default();
        run_script(
            &mut d,
            "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nlink peering hub spoke\nmove spoke 40 10",
        )
        .expect("script");
        let index = CanvasIndex::new(&d);
        let hub = index.rect("hub").expect("hub");
        let spoke = index.rect("spoke").expect("spoke");
        assert_eq!((hub.x, hub.y, hub.h), (2, 1, BOX_H));
        assert_eq!(index.node_at(Pos { x: 3, y: 2 }, None), Some("hub"));
        assert_eq!(index.node_at(Pos { x: 30, y: 2 }, None), None);
        let corner = Pos {
            x: spoke.center().x - 2,
            y: hub.y + 1,
        };
        assert!(index.link_at(&d, corner).is_some());
        let r = index.route(hub, spoke, 0);
        assert_eq!(r.points().len(), 3);
        assert!(r.contains(r.middle()));
        assert!(index.link_at(&d, Pos { x: 0, y: 0 }).is_none());
    }

    /// What the index would do without its grid: every box measured, every box in every route's way.
    fn full_scan(d: &Design) -> (Vec<(&str, CanvasRect)>, Vec<CanvasRect>) {
        let named: Vec<(&str, CanvasRect)> = d
            .nodes()
            .iter()
            .map(|(n, node)| (n.as_str(), node_rect(node)))
            .collect();
        let all = named.iter().map(|(_, r)| *r).collect();
        (named, all)
    }

    #[test]
    fn the_grid_gives_what_a_full_scan_gives() {
        // A generated estate, plus nodes piled on one another and far apart.
        let mut d = vnetsketch_model::generate::generate(400, 5);
        run_script(
            &mut d,
            "vnet pile-a 10.200.0.0/16\nmove pile-a 5 5\nvnet pile-b 10.201.0.0/16\nmove pile-b 9 6\n\
             vnet far 10.202.0.0/16\nmove far -900 4000\nlink peering far pile-a",
        )
        .expect("script");
        let index = CanvasIndex::new(&d);
        let (named, all) = full_scan(&d);
        let mut routes = Vec::new();
        for (id, link) in d.links() {
            let (a, b) = (index.rect(&link.a).expect("a"), index.rect(&link.b).expect("b"));
            let full = route(a, b, &all, id.0 as i32);
            assert_eq!(index.route(a, b, id.0 as i32), full, "link {id:?}");
            routes.push((*id, full));
        }
        // Points on and around boxes and routes, over the whole estate.
        let mut points: Vec<Pos> = Vec::new();
        for (_, r) in named.iter().step_by(7) {
            points.extend([
                r.center(),
                Pos { x: r.x, y: r.y },
                Pos {
                    x: r.x + r.w,
                    y: r.y + r.h - 1,
                },
            ]);
        }
        for (id, link) in d.links().iter().step_by(11) {
            if let Some(r) = index.link_route(*id, link) {
                points.push(r.middle());
            }
        }
        assert!(points.len() > 200);
        for p in points {
            let by_scan = named.iter().rev().find(|(_, r)| r.contains(p)).map(|(n, _)| *n);
            assert_eq!(index.node_at(p, None), by_scan, "node at {p:?}");
            let link_by_scan = routes.iter().rev().find(|(_, r)| r.contains(p)).map(|(id, _)| *id);
            assert_eq!(index.link_at(&d, p), link_by_scan, "link at {p:?}");
        }
        // A window: exactly the boxes that meet it, in name order.
        let window = CanvasRect {
            x: 0,
            y: 0,
            w: 200,
            h: 60,
        };
        let meets = |r: &CanvasRect| {
            r.x < window.x + window.w && r.x + r.w > window.x && r.y < window.y + window.h && r.y + r.h > window.y
        };
        let want: Vec<&str> = named.iter().filter(|(_, r)| meets(r)).map(|(n, _)| *n).collect();
        let got: Vec<&str> = index.within(window).into_iter().map(|(n, _, _)| n).collect();
        assert!(!want.is_empty());
        assert_eq!(got, want);
    }
}
