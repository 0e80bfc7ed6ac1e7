//! The diagram engine: what the canvas and the picture exporters (SVG, draw.io) draw, computed once,
//! without a terminal. Pure: positions and text in, geometry out; no IO, no clock, no randomness, and
//! no hash-map iteration order reaches an output, so the same design always gives the same diagram.
//!
//! ## Organization
//! - [`boxes`]: a node's box — its size and its text at each [`Zoom`] level ([`node_box`]): the one
//!   function the canvas and the exporters share, so an exported picture shows what the canvas shows.
//! - [`zoom`]: the three zoom levels and how world cells map to screen cells at each.
//! - [`scene`]: [`Scene`], the spatial index of one design (boxes measured only where looked at,
//!   [`Topology`] for link ends and bundles), hit-testing, and [`free_place`] for new nodes.
//! - [`layout`](mod@layout): the auto-layout for hybrid topologies ([`layout()`](layout::layout)).
//! - [`frames`](mod@frames): the region and band frames, labelled, from the nodes' positions.
//! - [`route`]: orthogonal link routing around boxes, on a window or on the whole design, with
//!   crossings and label spots.
//! - [`style`]: line styles per link kind, the colour-blind-safe palette, link label text.
//! - [`quality`]: the diagram quality measures the tests hold the engine to.
//! - [`text`]: a plain-text picture of a diagram (tests, docs, debugging).
//!
//! ## Coordinates
//! World coordinates are terminal cells at [`Zoom::Full`] (the canvas's cells today; `Pos` in the
//! design). A node's box has its top-left corner at the node's position. [`Zoom`] maps world cells to
//! screen cells for the other levels by a fixed scale per axis, so one layout serves all three.
//!
//! ## The algorithms, in short (each module's doc has the detail)
//! - **Layout** ([`layout()`](layout::layout)): a domain layout, not a generic graph drawing. Hub groups
//!   (each VNet under the peered VNet whose gateway it uses, else the highest ranked), region columns
//!   ordered as a chain of their links, hubs centred over rows of spokes, sites in an on-premises band
//!   above and P2S groups in a users band below, each near the mean column of what it links to;
//!   Sugiyama's barycentre sweeps order the rows and groups. `O(n log n + links)`; 1.3–1.6 ms at 1,000
//!   VNets, 27–53 ms at 10,000 (criterion on a loaded 2-core VM; targets 50 ms and 1 s). Against ordering by name, barycentre ordering cuts crossings by 12% and
//!   link length by 31% on a generated design whose names say nothing of its topology.
//! - **Routing** ([`route`]): A* over (cell, heading) with a cost per step, bend, cell beside a box,
//!   and cell of another bundle's route; routes of one bundle (a node's links of one kind) share a
//!   trunk, other bundles take free lanes beside it. Weighted (w = 2; long links nearly greedy), each
//!   search bounded to its link's neighbourhood. A 200×60 screen around a hub routes in 11 M
//!   instructions (3.0 ms) at 1,000 VNets and 33 M (10.6 ms) at 10,000, where most of its 201 links
//!   only pass through on their way from a hub to the bands; the whole 1,000-VNet design in 0.1 s.
//! - **Placement** ([`free_place`]): the nearest place clear of every box by a margin, from the box
//!   edges around the wish, row by row nearest first.
//!
//! ## Invariants (tested in `tests/diagram.rs`)
//! - Pure and deterministic: the same design gives the same layout, routes and labels. The layout and
//!   the routes do not depend on the order nodes and links were created in (ties go by names and link
//!   contents, never link ids or hash order), and laying out a laid-out design changes nothing.
//! - After a layout no two boxes overlap and each keeps [`layout::LAYOUT_MARGIN`] free cells from the
//!   next at full size, and at least one at the reduced levels; pinned nodes and nodes outside a
//!   selection do not move.
//! - A routed link never passes through a box, its own ends included: a route starts and ends on the
//!   cells just outside its end boxes. Scaled to [`Zoom::Compact`] it still misses every box.
//! - Generated designs lay out with no overlap and no link through a box; their crossings, bends and
//!   link length stay within recorded bounds.

use crate::design::{Design, Link, LinkId, Node, Pos};

pub mod boxes;
pub mod frames;
pub mod layout;
mod place;
pub mod quality;
pub mod route;
pub mod scene;
pub mod style;
pub mod text;
pub mod zoom;

pub use boxes::{NodeBox, node_box};
pub use frames::{Frame, FrameKind, frames};
pub use layout::{LayoutOptions, Placement, layout};
pub use route::{Crossing, LabelSpot, Route, Routing};
pub use scene::{Scene, Topology, free_place};
pub use style::{LineStyle, Rgb, link_label};
pub use zoom::Zoom;

/// The free cells every box keeps around it after a layout or a placement ([`free_place`]).
pub const MARGIN: i32 = 2;

/// A rectangle of cells: `w` columns from `x`, `h` rows from `y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rect {
    /// Left column.
    pub x: i32,
    /// Top row.
    pub y: i32,
    /// Width in columns.
    pub w: i32,
    /// Height in rows.
    pub h: i32,
}

impl Rect {
    /// The rectangle of `w` by `h` cells with its top-left corner at `p`.
    pub const fn at(p: Pos, w: i32, h: i32) -> Rect {
        Rect { x: p.x, y: p.y, w, h }
    }

    /// The column just right of it.
    pub const fn right(&self) -> i32 {
        self.x + self.w
    }

    /// The row just below it.
    pub const fn bottom(&self) -> i32 {
        self.y + self.h
    }

    /// The top-left cell.
    pub const fn origin(&self) -> Pos {
        Pos { x: self.x, y: self.y }
    }

    /// The centre cell.
    pub const fn center(&self) -> Pos {
        Pos {
            x: self.x + self.w / 2,
            y: self.y + self.h / 2,
        }
    }

    /// `true` when it holds no cell.
    pub const fn is_empty(&self) -> bool {
        self.w <= 0 || self.h <= 0
    }

    /// `true` when cell `p` is inside.
    pub const fn contains(&self, p: Pos) -> bool {
        p.x >= self.x && p.y >= self.y && p.x < self.right() && p.y < self.bottom()
    }

    /// `true` when the two share a cell.
    pub const fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    #[must_use]
    /// Grown by `dx` columns on the left and right and `dy` rows above and below.
    pub const fn inflate(&self, dx: i32, dy: i32) -> Rect {
        Rect {
            x: self.x - dx,
            y: self.y - dy,
            w: self.w + 2 * dx,
            h: self.h + 2 * dy,
        }
    }

    #[must_use]
    /// The smallest rectangle holding both (an empty one adds nothing).
    pub fn union(&self, o: &Rect) -> Rect {
        if self.is_empty() {
            return *o;
        }
        if o.is_empty() {
            return *self;
        }
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }

    #[must_use]
    /// The cells both hold (empty when they share none).
    pub fn intersection(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.max(o.x), self.y.max(o.y));
        Rect {
            x,
            y,
            w: (self.right().min(o.right()) - x).max(0),
            h: (self.bottom().min(o.bottom()) - y).max(0),
        }
    }

    /// The nearest cell of the rectangle to `p` (`p` itself when inside).
    pub fn nearest(&self, p: Pos) -> Pos {
        Pos {
            x: p.x.clamp(self.x, (self.right() - 1).max(self.x)),
            y: p.y.clamp(self.y, (self.bottom() - 1).max(self.y)),
        }
    }

    /// Its area in cells (0 when empty), without overflow.
    pub fn area(&self) -> u64 {
        if self.is_empty() {
            0
        } else {
            self.w as u64 * self.h as u64
        }
    }
}

/// A side of a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The top border.
    Top,
    /// The right border.
    Right,
    /// The bottom border.
    Bottom,
    /// The left border.
    Left,
}

impl Side {
    /// The unit step leaving the box through this side.
    pub const fn outward(self) -> (i32, i32) {
        match self {
            Side::Top => (0, -1),
            Side::Right => (1, 0),
            Side::Bottom => (0, 1),
            Side::Left => (-1, 0),
        }
    }
}

/// Every node of `design` with its name, in name order. The one place the engine walks all nodes
/// (the model's `nodes` map will become a read accessor; only this line changes then).
pub(crate) fn all_nodes(design: &Design) -> impl ExactSizeIterator<Item = (&String, &Node)> {
    design.nodes.iter()
}

/// Every link of `design` with its id, in id order. The one place the engine walks all links.
pub(crate) fn all_links(design: &Design) -> impl ExactSizeIterator<Item = (&LinkId, &Link)> {
    design.links.iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_meet_join_and_clamp_by_cells() {
        let a = Rect { x: 0, y: 0, w: 4, h: 2 };
        let b = Rect { x: 4, y: 0, w: 3, h: 2 };
        assert!(!a.intersects(&b), "touching edges share no cell");
        assert!(a.inflate(1, 0).intersects(&b));
        assert_eq!(a.union(&b), Rect { x: 0, y: 0, w: 7, h: 2 });
        assert_eq!(a.union(&Rect::default()), a);
        assert!(a.intersection(&b).is_empty());
        assert_eq!(a.nearest(Pos { x: 9, y: -3 }), Pos { x: 3, y: 0 });
        assert!(a.contains(Pos { x: 3, y: 1 }) && !a.contains(Pos { x: 4, y: 1 }));
        assert_eq!(a.area(), 8);
        assert_eq!(
            Rect {
                x: 0,
                y: 0,
                w: -1,
                h: 3
            }
            .area(),
            0
        );
    }
}
