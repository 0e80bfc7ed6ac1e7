//! Canvas geometry in canvas cells ("world" coordinates): the box of each node, the route of each
//! link, and what is under a cell. Drawing ([`super::canvas`]) and clicking ([`super::nav`]) share it.

use std::collections::HashMap;

use vnetsketch_model::design::Node;
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

/// The boxes of every node, by name.
pub fn rects(design: &Design) -> HashMap<&str, WRect> {
    design
        .nodes
        .iter()
        .map(|(name, node)| (name.as_str(), node_rect(node)))
        .collect()
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

/// The boxes of every node, in name order.
pub fn boxes(rects: &HashMap<&str, WRect>) -> Vec<WRect> {
    let mut v: Vec<(&&str, &WRect)> = rects.iter().collect();
    v.sort_by_key(|(n, _)| **n);
    v.into_iter().map(|(_, r)| *r).collect()
}

/// The node whose box covers `p` (the last drawn, i.e. the top one, when boxes overlap).
pub fn node_at<'d>(design: &'d Design, rects: &HashMap<&str, WRect>, p: Pos, on_top: Option<&str>) -> Option<&'d str> {
    if let Some(top) = on_top
        && rects.get(top).is_some_and(|r| r.contains(p))
        && let Some((name, _)) = design.nodes.get_key_value(top)
    {
        return Some(name.as_str());
    }
    design
        .nodes
        .keys()
        .rev()
        .find(|n| rects.get(n.as_str()).is_some_and(|r| r.contains(p)))
        .map(String::as_str)
}

/// The route of link `id`, when both its ends exist.
pub fn link_route(rects: &HashMap<&str, WRect>, others: &[WRect], id: LinkId, link: &Link) -> Option<Route> {
    Some(route(
        *rects.get(link.a.as_str())?,
        *rects.get(link.b.as_str())?,
        others,
        id.0 as i32,
    ))
}

/// The link whose route passes through `p` (the last one when several do).
pub fn link_at(design: &Design, rects: &HashMap<&str, WRect>, p: Pos) -> Option<LinkId> {
    let others = boxes(rects);
    design
        .links
        .iter()
        .rev()
        .find(|(id, l)| link_route(rects, &others, **id, l).is_some_and(|r| r.contains(p)))
        .map(|(id, _)| *id)
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
        let rects = rects(&d);
        let hub = rects["hub"];
        assert_eq!((hub.x, hub.y, hub.h), (2, 1, BOX_H));
        assert_eq!(node_at(&d, &rects, Pos { x: 3, y: 2 }, None), Some("hub"));
        assert_eq!(node_at(&d, &rects, Pos { x: 30, y: 2 }, None), None);
        let corner = Pos {
            x: rects["spoke"].center().x - 2,
            y: hub.y + 1,
        };
        assert!(link_at(&d, &rects, corner).is_some());
        let others = boxes(&rects);
        let r = route(hub, rects["spoke"], &others, 0);
        assert_eq!(r.points().len(), 3);
        assert!(r.contains(r.middle()));
        assert!(link_at(&d, &rects, Pos { x: 0, y: 0 }).is_none());
    }
}
