//! Canvas geometry in canvas cells ("world" coordinates): the box of each node, the route of each
//! link, and what is under a cell. Drawing ([`super::canvas`]) and clicking ([`super::nav`]) share it.

use std::cell::Cell;

use vnetsketch_model::design::Node;
use vnetsketch_model::hash::FxMap;
use vnetsketch_model::{Design, Link, LinkId, Pos};

/// Height of a node box, borders included.
pub const BOX_H: i32 = 5;
/// Narrowest node box.
pub const MIN_BOX_W: i32 = 14;
/// Widest node box (longer text is cut with `…`).
pub const MAX_BOX_W: i32 = 26;

/// A rectangle of canvas cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WRect {
    /// Left column.
    pub x: i32,
    /// Top row.
    pub y: i32,
    /// Width.
    pub w: i32,
    /// Height.
    pub h: i32,
}

impl WRect {
    /// `true` when `p` is inside.
    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.x && p.y >= self.y && p.x < self.x + self.w && p.y < self.y + self.h
    }

    /// The centre cell.
    pub fn center(&self) -> Pos {
        Pos {
            x: self.x + self.w / 2,
            y: self.y + self.h / 2,
        }
    }
}

/// The three text lines of a node's box: name, prefixes, details (gateways; ip and circuit; clients).
pub fn node_lines(node: &Node) -> [String; 3] {
    let prefixes = node
        .prefixes()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let details = match node {
        Node::Vnet(v) => {
            let mut parts = Vec::new();
            if let Some(g) = &v.vpn {
                parts.push(format!("vpn {}", g.sku));
            }
            if let Some(g) = &v.er {
                parts.push(format!("er {}", g.sku));
            }
            if parts.is_empty() {
                "no gateway".to_owned()
            } else {
                parts.join(" ")
            }
        }
        Node::Site(s) => {
            let mut parts = Vec::new();
            if let Some(ip) = s.ip {
                parts.push(ip.to_string());
            }
            if let Some(c) = &s.circuit {
                parts.push(format!("ER {}M", c.mbps));
            }
            if parts.is_empty() {
                "no device ip".to_owned()
            } else {
                parts.join(" ")
            }
        }
        Node::Users(u) => format!("{} clients {}", u.clients, u.protocol),
    };
    [node.name().to_owned(), prefixes, details]
}

/// The width of a box holding `lines`.
pub fn box_width(lines: &[String; 3]) -> i32 {
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    (longest as i32 + 4).clamp(MIN_BOX_W, MAX_BOX_W)
}

/// The box of a node.
pub fn node_rect(node: &Node) -> WRect {
    let pos = node.pos();
    WRect {
        x: pos.x,
        y: pos.y,
        w: box_width(&node_lines(node)),
        h: BOX_H,
    }
}

/// The path of a link: two to four points joined by horizontal and vertical runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    points: [Pos; 4],
    len: usize,
}

impl Route {
    fn new(points: &[Pos]) -> Route {
        let mut r = Route {
            points: [Pos::default(); 4],
            len: points.len().min(4),
        };
        r.points[..r.len].copy_from_slice(&points[..r.len]);
        r
    }

    /// The points, in order.
    pub fn points(&self) -> &[Pos] {
        &self.points[..self.len]
    }

    /// The runs between consecutive points.
    pub fn segments(&self) -> impl Iterator<Item = (Pos, Pos)> + '_ {
        self.points().windows(2).map(|w| (w[0], w[1]))
    }

    /// A point in the middle of the route (the cursor goes there when the link is selected).
    pub fn middle(&self) -> Pos {
        let (p, q) = self
            .segments()
            .nth((self.len - 1) / 2)
            .unwrap_or((self.points[0], self.points[0]));
        Pos {
            x: i32::midpoint(p.x, q.x),
            y: i32::midpoint(p.y, q.y),
        }
    }

    /// `true` when `p` is on the route.
    pub fn contains(&self, p: Pos) -> bool {
        self.segments()
            .any(|(a, b)| p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y))
    }
}

fn crosses((p, q): (Pos, Pos), r: &WRect) -> bool {
    let (x0, x1, y0, y1) = (p.x.min(q.x), p.x.max(q.x), p.y.min(q.y), p.y.max(q.y));
    x0 < r.x + r.w && x1 >= r.x && y0 < r.y + r.h && y1 >= r.y
}

/// The route of a link between boxes `a` and `b`. `lane` (0..3, from the link id) shifts where the
/// route leaves and enters the boxes, so links of one node do not run on top of each other.
/// Candidates, in order: an L along `a`'s row then down or up to `b`; an L along `a`'s column then
/// across; a U under both boxes; a U over them. The first that passes under no other box wins,
/// else the one passing under the fewest.
pub fn route(a: WRect, b: WRect, others: &[WRect], lane: i32) -> Route {
    let lane = lane.rem_euclid(3);
    let shift = (lane - 1) * 2;
    let from = Pos {
        x: a.center().x + shift,
        y: a.y + 1 + lane,
    };
    let to = Pos {
        x: b.center().x + shift,
        y: b.y + 1 + lane,
    };
    let crossings = |r: &Route| {
        r.segments()
            .map(|seg| {
                others
                    .iter()
                    .filter(|o| **o != a && **o != b && crosses(seg, o))
                    .count()
            })
            .sum::<usize>()
    };
    let under = (a.y + a.h).max(b.y + b.h) + lane;
    let over = a.y.min(b.y) - 1 - lane;
    let candidates = [
        Route::new(&[from, Pos { x: to.x, y: from.y }, to]),
        Route::new(&[from, Pos { x: from.x, y: to.y }, to]),
        Route::new(&[
            Pos {
                x: from.x,
                y: a.y + a.h - 1,
            },
            Pos { x: from.x, y: under },
            Pos { x: to.x, y: under },
            Pos {
                x: to.x,
                y: b.y + b.h - 1,
            },
        ]),
        Route::new(&[
            Pos { x: from.x, y: a.y },
            Pos { x: from.x, y: over },
            Pos { x: to.x, y: over },
            Pos { x: to.x, y: b.y },
        ]),
    ];
    let mut best = (usize::MAX, candidates[0]);
    for r in candidates {
        let n = crossings(&r);
        if n == 0 {
            return r;
        }
        if n < best.0 {
            best = (n, r);
        }
    }
    best.1
}

/// The smallest rectangle holding both boxes and any U route under or over them.
pub fn span(a: WRect, b: WRect) -> WRect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    let y = y - 3;
    WRect {
        x,
        y,
        w: (a.x + a.w).max(b.x + b.w) - x,
        h: (a.y + a.h).max(b.y + b.h) + 3 - y,
    }
}

/// Columns and rows of one cell of the [`Layout`] grid.
const CELL: (i32, i32) = (32, 8);

/// The canvas geometry of one design, measured only where it is looked at. Nodes are bucketed by
/// position in a coarse grid (no text needed); a node's box, whose width comes from its text, is
/// measured the first time something asks for it. Drawing a frame, moving the cursor or clicking
/// then costs what is on screen, not what is in the design.
///
/// Every answer is the one a full scan gives: a box can only reach `MAX_BOX_W` columns right and
/// `BOX_H` rows down from its position, so the grid query widens each area by that much (tested
/// against the full scan below).
pub struct Layout<'d> {
    /// Nodes in name order (found by binary search: the few name lookups of a frame).
    nodes: Vec<(&'d str, &'d Node)>,
    /// Grid cell to the nodes whose position is in it, in name order.
    grid: FxMap<(i32, i32), Vec<u32>>,
    /// Boxes measured so far.
    boxes: Vec<Cell<Option<WRect>>>,
}

impl<'d> Layout<'d> {
    /// Buckets the nodes of `design` (no box is measured yet).
    pub fn new(design: &'d Design) -> Layout<'d> {
        let mut grid: FxMap<(i32, i32), Vec<u32>> = FxMap::default();
        let mut nodes = Vec::with_capacity(design.nodes().len());
        for (i, (name, node)) in design.nodes().iter().enumerate() {
            grid.entry(cell_of(node.pos())).or_default().push(i as u32);
            nodes.push((name.as_str(), node));
        }
        Layout {
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
    pub fn rect_at(&self, i: u32) -> Option<WRect> {
        ((i as usize) < self.nodes.len()).then(|| self.measured(i))
    }

    /// The widest box the node of index `i` could have (see [`Layout::reach`]).
    pub fn reach_at(&self, i: u32) -> Option<WRect> {
        let (_, node) = self.nodes.get(i as usize)?;
        let pos = node.pos();
        Some(WRect {
            x: pos.x,
            y: pos.y,
            w: MAX_BOX_W,
            h: BOX_H,
        })
    }

    fn measured(&self, i: u32) -> WRect {
        let slot = &self.boxes[i as usize];
        slot.get().unwrap_or_else(|| {
            let r = node_rect(self.nodes[i as usize].1);
            slot.set(Some(r));
            r
        })
    }

    /// The box of node `name`.
    pub fn rect(&self, name: &str) -> Option<WRect> {
        self.index(name).map(|i| self.measured(i))
    }

    /// The widest box node `name` could have (no measuring): where it can reach at most.
    pub fn reach(&self, name: &str) -> Option<WRect> {
        self.reach_at(self.index(name)?)
    }

    /// The nodes whose boxes meet `area`, in name order, with their boxes.
    pub fn within(&self, area: WRect) -> Vec<(&'d str, &'d Node, WRect)> {
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
    pub fn route(&self, a: WRect, b: WRect, lane: i32) -> Route {
        // Every candidate route stays inside the span of the two boxes (U routes included).
        let others: Vec<WRect> = self.within(span(a, b)).into_iter().map(|(_, _, r)| r).collect();
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
        let cell = WRect {
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

/// The ends of every link as node indexes in name order (what [`Layout`] numbers), `None` for a
/// link whose end does not exist. It changes only when nodes or links come or go (or are renamed),
/// not when nodes move, so the app keeps it from one analysis to the next ([`super::app::App::topology`])
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
    fn a_route_goes_around_a_box_in_the_way() {
        let a = WRect {
            x: 0,
            y: 0,
            w: 10,
            h: 5,
        };
        let mid = WRect {
            x: 20,
            y: 0,
            w: 10,
            h: 5,
        };
        let b = WRect {
            x: 40,
            y: 0,
            w: 10,
            h: 5,
        };
        let r = route(a, b, &[a, mid, b], 1);
        assert_eq!(r.points().len(), 4, "{r:?}");
        assert!(r.points().iter().all(|p| p.y <= 6 && p.y >= -3));
        assert!(!r.segments().any(|s| crosses(s, &mid)));
    }

    #[test]
    fn boxes_and_routes_hit_where_they_are_drawn() {
        let mut d = Design::default();
        run_script(
            &mut d,
            "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nlink peering hub spoke\nmove spoke 40 10",
        )
        .expect("script");
        let layout = Layout::new(&d);
        let hub = layout.rect("hub").expect("hub");
        let spoke = layout.rect("spoke").expect("spoke");
        assert_eq!((hub.x, hub.y, hub.h), (2, 1, BOX_H));
        assert_eq!(layout.node_at(Pos { x: 3, y: 2 }, None), Some("hub"));
        assert_eq!(layout.node_at(Pos { x: 30, y: 2 }, None), None);
        let corner = Pos {
            x: spoke.center().x - 2,
            y: hub.y + 1,
        };
        assert!(layout.link_at(&d, corner).is_some());
        let r = layout.route(hub, spoke, 0);
        assert_eq!(r.points().len(), 3);
        assert!(r.contains(r.middle()));
        assert!(layout.link_at(&d, Pos { x: 0, y: 0 }).is_none());
    }

    /// What the layout did before it had a grid: every box measured, every box in every route's way.
    fn full_scan(d: &Design) -> (Vec<(&str, WRect)>, Vec<WRect>) {
        let named: Vec<(&str, WRect)> = d
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
        let layout = Layout::new(&d);
        let (named, all) = full_scan(&d);
        let mut routes = Vec::new();
        for (id, link) in d.links() {
            let (a, b) = (layout.rect(&link.a).expect("a"), layout.rect(&link.b).expect("b"));
            let full = route(a, b, &all, id.0 as i32);
            assert_eq!(layout.route(a, b, id.0 as i32), full, "link {id:?}");
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
            if let Some(r) = layout.link_route(*id, link) {
                points.push(r.middle());
            }
        }
        assert!(points.len() > 200);
        for p in points {
            let by_scan = named.iter().rev().find(|(_, r)| r.contains(p)).map(|(n, _)| *n);
            assert_eq!(layout.node_at(p, None), by_scan, "node at {p:?}");
            let link_by_scan = routes.iter().rev().find(|(_, r)| r.contains(p)).map(|(id, _)| *id);
            assert_eq!(layout.link_at(&d, p), link_by_scan, "link at {p:?}");
        }
        // A view: exactly the boxes that meet it, in name order.
        let view = WRect {
            x: 0,
            y: 0,
            w: 200,
            h: 60,
        };
        let meets =
            |r: &WRect| r.x < view.x + view.w && r.x + r.w > view.x && r.y < view.y + view.h && r.y + r.h > view.y;
        let want: Vec<&str> = named.iter().filter(|(_, r)| meets(r)).map(|(n, _)| *n).collect();
        let got: Vec<&str> = layout.within(view).into_iter().map(|(n, _, _)| n).collect();
        assert!(!want.is_empty());
        assert_eq!(got, want);
    }
}
