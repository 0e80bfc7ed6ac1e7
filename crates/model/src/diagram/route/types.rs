//! The routing's results, a leaf the router's parts read: a link's [`Route`] (its cells, ends, bundle and
//! label spot), the [`Crossing`]s, a window's [`Routing`], and the cells between two points.

use std::collections::BTreeMap;

use crate::design::{LinkId, LinkKind, Pos};

use super::super::geom::{Rect, Side};

/// The label text of each link, by id ([`crate::diagram::style::link_labels`]).
pub type Labels = BTreeMap<LinkId, String>;

/// Where a link's label goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LabelSpot {
    /// Its first cell.
    pub at: Pos,
    /// Its width in cells.
    pub width: i32,
    /// `true` when it is written over the route's horizontal run (`──s2s 312M──`), `false` when it
    /// sits beside a vertical run.
    pub on_line: bool,
}

/// The route of one link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// The link.
    pub id: LinkId,
    /// Its kind (for the line style).
    pub kind: LinkKind,
    /// Its bundle ([`crate::diagram::scene::Topology`]): routes of one bundle share runs and join at junctions;
    /// where routes of two bundles meet they cross.
    pub bundle: u32,
    /// Corner points, the first just outside the `a` box (or on the routing area's edge when that box
    /// is off the area), the last just outside the `b` box. Consecutive points share a row or a column.
    pub points: Vec<Pos>,
    /// The side of the `a` box and of the `b` box the route attaches to (`None` for an end on the
    /// area's edge); the canvas may draw a port glyph on that border cell.
    pub ends: [Option<Side>; 2],
    /// Where the label goes (`None`: no room, or no label).
    pub label: Option<LabelSpot>,
    /// `true` when no path exists (the ends are walled in): the points are then a plain L between the
    /// boxes' centres, which may cross boxes.
    pub fallback: bool,
}

impl Route {
    /// The runs between consecutive points.
    pub fn segments(&self) -> impl Iterator<Item = (Pos, Pos)> + '_ {
        self.points.windows(2).map(|w| (w[0], w[1]))
    }

    /// `true` when cell `p` is on the route.
    pub fn contains(&self, p: Pos) -> bool {
        if let [only] = self.points[..] {
            return only == p;
        }
        self.segments()
            .any(|(a, b)| p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y))
    }

    /// The border cells of its boxes where it attaches, with their sides (where a canvas draws a port
    /// glyph, [`Side::port_glyph`]); none for an end on the area's edge.
    pub fn ports(&self) -> impl Iterator<Item = (Pos, Side)> + '_ {
        let ends = [self.points.first(), self.points.last()];
        self.ends.iter().zip(ends).filter_map(|(side, p)| {
            let (side, p) = (side.as_ref()?, p?);
            let (dx, dy) = side.outward();
            Some((
                Pos {
                    x: p.x - dx,
                    y: p.y - dy,
                },
                *side,
            ))
        })
    }

    /// Number of bends.
    pub fn bends(&self) -> usize {
        self.points.len().saturating_sub(2)
    }

    /// Number of cells.
    pub fn length(&self) -> u64 {
        1 + self
            .segments()
            .map(|(a, b)| u64::from((b.x - a.x).unsigned_abs() + (b.y - a.y).unsigned_abs()))
            .sum::<u64>()
    }

    /// A cell in the middle of the route (where the cursor goes when the link is selected).
    pub fn middle(&self) -> Pos {
        let total = self.length() / 2;
        let mut left = total;
        for (a, b) in self.segments() {
            let len = u64::from((b.x - a.x).unsigned_abs() + (b.y - a.y).unsigned_abs());
            if left <= len {
                let t = left as i32;
                return Pos {
                    x: a.x + (b.x - a.x).signum() * t,
                    y: a.y + (b.y - a.y).signum() * t,
                };
            }
            left -= len;
        }
        self.points.first().copied().unwrap_or_default()
    }
}

/// A cell where a horizontal run of one route crosses a vertical run of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Crossing {
    /// The cell.
    pub at: Pos,
    /// The link running horizontally there.
    pub horizontal: LinkId,
    /// The link running vertically there.
    pub vertical: LinkId,
}

/// The routes of the links in an area.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routing {
    /// The area routed (world cells).
    pub area: Rect,
    /// One route per link near the area, in link id order.
    pub routes: Vec<Route>,
    /// Every crossing, by row then column.
    pub crossings: Vec<Crossing>,
}

impl Routing {
    /// The route of link `id`.
    pub fn route(&self, id: LinkId) -> Option<&Route> {
        self.routes
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| &self.routes[i])
    }

    /// The link whose route passes through `p` (the last in id order when several do).
    pub fn link_at(&self, p: Pos) -> Option<LinkId> {
        self.routes.iter().rev().find(|r| r.contains(p)).map(|r| r.id)
    }
}

/// The cells from `a` to `b` (one row or one column), both included.
pub(crate) fn cells_between(a: Pos, b: Pos) -> impl Iterator<Item = Pos> {
    let (dx, dy) = ((b.x - a.x).signum(), (b.y - a.y).signum());
    let n = (b.x - a.x).abs().max((b.y - a.y).abs());
    (0..=n).map(move |t| Pos {
        x: a.x + dx * t,
        y: a.y + dy * t,
    })
}
