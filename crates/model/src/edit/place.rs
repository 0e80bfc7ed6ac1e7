//! Where nodes go when an edit makes them or changes their box: no edit but an explicit `move`
//! leaves two boxes overlapping.
//!
//! - A new node (`vnet`, `site`, `users`) is wished at the first cell of a grid no node sits at
//!   ([`Design::free_pos`]), a copy (`duplicate`) one box to the right of its original
//!   ([`super::duplicate_position`]); each then takes the nearest place to its wish where its box keeps
//!   [`MARGIN`] free cells from every other box (the search of [`crate::diagram::free_place`]), never
//!   above row 1 or left of column 2, where the view of a design starts (a new node out of sight
//!   would look lost).
//! - An edit that changes a node's box (a rename, a gateway or more prefixes make it wider) and leaves
//!   it over another box moves it to the nearest free place; a box that did not change stays, so
//!   setting a flag never moves a node.
//! - `layout` places every node it moves itself, clear of the others by construction.
//! - `move NAME X Y` keeps the position asked for, even onto another box. A move is the one edit
//!   where the user says where, cell by cell: the canvas moves a node a cell per key and drags it
//!   under the mouse, and a node snapped to the nearest free place could never pass a neighbour (a
//!   step into it would snap back against it) nor be dragged across one. What a move leaves
//!   crowded, `layout` (or a move on) tidies; the shipped examples place their nodes with `move`, so
//!   they keep their positions.
//!
//! Cost: a pass over the nodes' positions per place tried (the few boxes near the wish are measured),
//! so placing a node stays well under a millisecond at 10,000 nodes, without building a spatial index.

use super::tx::Tx;
use super::types::Edit;
use crate::design::{Design, Pos};
use crate::diagram::boxes::{BOX_H, MAX_BOX_W, node_rect};
use crate::diagram::{MARGIN, Rect, nearest_free};
use crate::error::EditError;

/// The boxes of the nodes of `design` but `skip` that meet `area`.
fn boxes_in(design: &Design, skip: &str, area: Rect) -> Vec<Rect> {
    design
        .nodes()
        .values()
        .filter(|n| n.name() != skip && Rect::at(n.pos(), MAX_BOX_W, BOX_H).intersects(&area))
        .map(node_rect)
        .filter(|r| r.intersects(&area))
        .collect()
}

/// How far the walls of [`WALLS`] reach (far enough for any design, small enough that no sum overflows).
const FAR: i32 = 1 << 24;

/// What a node an edit makes is kept inside: no row above 1 and no column left of 2, where the view
/// of a new design starts (the first grid cell of [`Design::free_pos`]), so a new node is never put
/// out of sight above or left of the design.
const WALLS: [Rect; 2] = [
    Rect {
        x: -FAR,
        y: -FAR,
        w: 2 * FAR,
        h: FAR + 1 - MARGIN,
    },
    Rect {
        x: -FAR,
        y: -FAR,
        w: FAR + 2 - MARGIN,
        h: 2 * FAR,
    },
];

/// The nearest place to `near` where the box of the node `name` keeps [`MARGIN`] free cells from
/// every other box (`near` itself when it does): where the canvas puts a node added at its cursor;
/// `None` when there is no such node.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, Pos, run_script};
/// use vnetsketch_model::edit::nearest_free_place;
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nmove hub 10 10\nmove spoke 12 11").unwrap();
/// let p = nearest_free_place(&d, "spoke", Pos { x: 12, y: 11 }).unwrap();
/// assert_eq!(p, Pos { x: 12, y: 17 }, "below the hub, a margin away");
/// ```
pub fn nearest_free_place(design: &Design, name: &str, near: Pos) -> Option<Pos> {
    let rect = node_rect(design.node(name)?);
    Some(nearest_free(near, (rect.w, rect.h), (MARGIN, MARGIN), |area| {
        boxes_in(design, name, area)
    }))
}

/// After `edit` ran through `tx`: each node it made takes the nearest free place to where it was
/// wished, and each node whose box it changed onto another box moves to the nearest free place.
pub(super) fn settle(tx: &mut Tx<'_>, edit: &Edit) -> Result<(), EditError> {
    if matches!(edit, Edit::Move { .. } | Edit::Layout { .. }) {
        return Ok(());
    }
    let makes = matches!(
        edit,
        Edit::AddVnet { .. } | Edit::AddSite { .. } | Edit::AddUsers { .. } | Edit::Duplicate { .. }
    );
    let touched: Vec<(String, Option<Rect>)> = tx
        .touched_nodes()
        .map(|(name, prior)| (name.to_owned(), prior.map(node_rect)))
        .collect();
    for (name, prior) in touched {
        let Some(rect) = tx.design.node(&name).map(node_rect) else {
            continue;
        };
        // A node the edit made keeps the margin; a changed box only has to miss the others.
        let margin = if makes && prior.is_none() {
            MARGIN
        } else if prior != Some(rect) {
            0
        } else {
            continue;
        };
        let made = margin == MARGIN;
        let obstacles = |area: Rect| {
            let mut boxes = boxes_in(tx.design, &name, area);
            if made {
                boxes.extend(WALLS.iter().filter(|w| w.intersects(&area)));
            }
            boxes
        };
        if obstacles(rect.inflate(margin, margin)).is_empty() {
            continue;
        }
        let to = nearest_free(rect.origin(), (rect.w, rect.h), (MARGIN, MARGIN), obstacles);
        *tx.node_mut(&name)?.pos_mut() = to;
    }
    Ok(())
}
