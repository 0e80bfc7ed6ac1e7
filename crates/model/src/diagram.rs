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
//! ## Invariants (tested in `diagram/properties.rs`)
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

pub mod boxes;
pub mod frames;
mod geom;
pub mod layout;
mod place;
#[cfg(test)]
mod properties;
pub mod quality;
pub mod route;
pub mod scene;
pub mod style;
pub mod text;
pub mod zoom;

pub use boxes::{NodeBox, node_box};
pub use frames::{Frame, FrameKind, Framing, frames, same_place};
pub use geom::{MARGIN, Rect, Side};
pub(crate) use place::nearest_free;

pub use layout::{LayoutOptions, Placement, layout};
pub use route::{Crossing, LabelSpot, Route, Routing};
pub use scene::{Places, Scene, Topology, free_place};
pub use style::{LineStyle, Rgb, link_label};
pub use zoom::Zoom;
