//! Canvas geometry in canvas cells ("world" coordinates): the box of each node (its size from its
//! text) and the route of each link between two boxes. Pure: no app state, no drawing.

use vnetsketch_model::Pos;
use vnetsketch_model::design::Node;

use super::text::width;

/// Height of a node box, borders included.
pub const BOX_H: i32 = 5;
/// Narrowest node box.
pub const MIN_BOX_W: i32 = 14;
/// Widest node box (longer text is cut with `…`).
pub const MAX_BOX_W: i32 = 26;

/// A rectangle of canvas cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CanvasRect {
    /// Left column.
    pub x: i32,
    /// Top row.
    pub y: i32,
    /// Width.
    pub w: i32,
    /// Height.
    pub h: i32,
}

impl CanvasRect {
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
    let longest = lines.iter().map(|l| width(l)).max().unwrap_or(0);
    (longest as i32 + 4).clamp(MIN_BOX_W, MAX_BOX_W)
}

/// The box of a node.
pub fn node_rect(node: &Node) -> CanvasRect {
    let pos = node.pos();
    CanvasRect {
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

fn crosses((p, q): (Pos, Pos), r: &CanvasRect) -> bool {
    let (x0, x1, y0, y1) = (p.x.min(q.x), p.x.max(q.x), p.y.min(q.y), p.y.max(q.y));
    x0 < r.x + r.w && x1 >= r.x && y0 < r.y + r.h && y1 >= r.y
}

/// The route of a link between boxes `a` and `b`. `lane` (0..3, from the link id) shifts where the
/// route leaves and enters the boxes, so links of one node do not run on top of each other.
/// Candidates, in order: an L along `a`'s row then down or up to `b`; an L along `a`'s column then
/// across; a U under both boxes; a U over them. The first that passes under no other box wins,
/// else the one passing under the fewest.
pub fn route(a: CanvasRect, b: CanvasRect, others: &[CanvasRect], lane: i32) -> Route {
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
pub fn span(a: CanvasRect, b: CanvasRect) -> CanvasRect {
    let x = a.x.min(b.x);
    let y = a.y.min(b.y);
    let y = y - 3;
    CanvasRect {
        x,
        y,
        w: (a.x + a.w).max(b.x + b.w) - x,
        h: (a.y + a.h).max(b.y + b.h) + 3 - y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_goes_around_a_box_in_the_way() {
        let a = CanvasRect {
            x: 0,
            y: 0,
            w: 10,
            h: 5,
        };
        let mid = CanvasRect {
            x: 20,
            y: 0,
            w: 10,
            h: 5,
        };
        let b = CanvasRect {
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
}
