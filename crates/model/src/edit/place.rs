//! Where nodes go when an edit makes them or changes their box: no edit but an explicit `move`
//! leaves two boxes overlapping.
//!
//! - A new node (`vnet`, `site`, `users`) is wished at the first cell of a grid no node sits at
//!   ([`Design::free_pos`]), a copy (`duplicate`) one box to the right of its original
//!   ([`super::duplicate_position`]); each then takes the nearest place to its wish where its box keeps
//!   [`MARGIN`] free cells from every other box (the search of [`crate::diagram::free_place`]), never
//!   above row 1 or left of column 2, where the view of a design starts (a new node out of sight
//!   would look lost).
//! - A node the canvas adds at its cursor ([`nearest_free_place`]) also keeps clear of the region and
//!   band frames it does not belong to, and goes into its own frame when that frame, grown to take it
//!   at the cursor, would meet another: a site added among a region's VNets lands in the
//!   on-premises band, and no frame is drawn over another.
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
use crate::diagram::frames::{FRAME_PAD, Frame, frame_key, frames_of};
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
/// every other box and stays clear of the frames it does not belong to (`near` itself when it
/// does): where the canvas puts a node added at its cursor; `None` when there is no such node.
///
/// When the node's region (or band: on-premises, remote users) already has a frame that, grown to
/// take the box at `near`, would meet another frame, `near` is first drawn into it: a site added
/// with the cursor among the VNets of a region goes to the on-premises band, as close to the cursor
/// as the band allows, and no frame is drawn over another.
/// A VNet with no region is in no frame, so it keeps clear of them all. The frames are measured
/// without the node (one pass over the design).
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
    let node = design.node(name)?;
    let rect = node_rect(node);
    let key = frame_key(node);
    let (own, others): (Vec<Frame>, Vec<Frame>) = frames_of(
        design
            .nodes()
            .values()
            .filter(|n| n.name() != name)
            .map(|n| (n, node_rect(n))),
    )
    .into_iter()
    .partition(|f| Some((f.kind, f.label.as_str())) == key);
    // Where its own frame, grown to take the box at `near`, would meet another frame: drawn into
    // its own frame, at the box's corner where the box lies within the frame's members' bounds.
    let (px, py) = FRAME_PAD;
    let wish = match own.first() {
        Some(f)
            if others.iter().any(|o| {
                o.rect
                    .intersects(&f.rect.union(&Rect::at(near, rect.w, rect.h).inflate(px, py)))
            }) =>
        {
            let inner = Rect {
                x: f.rect.x + px,
                y: f.rect.y + py,
                w: (f.rect.w - 2 * px - rect.w + 1).max(1),
                h: (f.rect.h - 2 * py - rect.h + 1).max(1),
            };
            inner.nearest(near)
        }
        _ => near,
    };
    // Another frame grown by the padding: the node's own frame (its box grown as much) stays clear.
    let clear: Vec<Rect> = others.iter().map(|f| f.rect.inflate(px, py)).collect();
    Some(nearest_free(wish, (rect.w, rect.h), (MARGIN, MARGIN), |area| {
        let mut boxes = boxes_in(design, name, area);
        boxes.extend(clear.iter().filter(|f| f.intersects(&area)));
        boxes
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::frames;
    use crate::{parse_line, run_script};

    /// Two regions side by side, the on-premises band below them and the users band below that,
    /// each with room for more; then `line` adds one more node (placed by the edit, somewhere).
    fn estate(line: &str) -> Design {
        let mut d = Design::default();
        run_script(
            &mut d,
            "vnet hub 10.0.0.0/16 region=westeurope\nvnet spoke 10.1.0.0/16 region=westeurope\n\
             vnet east 10.2.0.0/16 region=eastus\nsite office 192.168.0.0/24\n\
             users road 172.16.0.0/24 clients=5\n\
             move hub 0 0\nmove spoke 0 10\nmove east 60 0\nmove office 0 30\nmove road 0 50",
        )
        .expect("script");
        let edit = parse_line(line).expect("parses").expect("an edit");
        d.apply(&edit).expect("applies");
        d
    }

    /// The node `name` moved where the canvas puts it with the cursor at `cursor`.
    fn placed(d: &Design, name: &str, cursor: Pos) -> Design {
        let pos = nearest_free_place(d, name, cursor).expect("a node");
        let mut d = d.clone();
        let edit = Edit::Move {
            name: name.to_owned(),
            pos,
        };
        d.apply(&edit).expect("move");
        d
    }

    /// No two frames meet, and no two boxes do.
    fn tidy(d: &Design) -> Result<(), String> {
        let f = frames(d);
        for (i, a) in f.iter().enumerate() {
            if let Some(b) = f[i + 1..].iter().find(|b| a.rect.intersects(&b.rect)) {
                return Err(format!("{} {:?} meets {} {:?}", a.label, a.rect, b.label, b.rect));
            }
        }
        let boxes: Vec<(&str, Rect)> = d.nodes().values().map(|n| (n.name(), node_rect(n))).collect();
        for (i, (a, ra)) in boxes.iter().enumerate() {
            if let Some((b, _)) = boxes[i + 1..].iter().find(|(_, rb)| ra.intersects(rb)) {
                return Err(format!("the boxes of {a} and {b} meet"));
            }
        }
        Ok(())
    }

    /// A site, a user group, a VNet of each region and a VNet of no region, added with the cursor
    /// anywhere over the estate: each lands where no frame meets another, a site in the
    /// on-premises band and a regional VNet in its region's frame.
    #[test]
    fn a_node_added_at_the_cursor_keeps_the_frames_apart() {
        let adds = [
            ("site new 192.168.9.0/24", "new", Some("on-premises")),
            ("users new 172.16.9.0/24 clients=5", "new", Some("remote users")),
            ("vnet new 10.9.0.0/16 region=westeurope", "new", Some("westeurope")),
            ("vnet new 10.9.0.0/16 region=eastus", "new", Some("eastus")),
            ("vnet new 10.9.0.0/16", "new", None),
        ];
        for (line, name, frame) in adds {
            let d = estate(line);
            for x in (-10..90).step_by(9) {
                for y in (-6..66).step_by(5) {
                    let after = placed(&d, name, Pos { x, y });
                    if let Err(e) = tidy(&after) {
                        panic!("{line} with the cursor at {x},{y}: {e}");
                    }
                    let node = after.node(name).expect("the new node");
                    let inside = frames(&after)
                        .into_iter()
                        .find(|f| f.rect.intersection(&node_rect(node)) == node_rect(node))
                        .map(|f| f.label);
                    assert_eq!(inside.as_deref(), frame, "{line} with the cursor at {x},{y}");
                }
            }
        }
    }

    /// With the cursor inside its own frame, where there is room, the node goes right there.
    #[test]
    fn a_node_added_with_room_at_the_cursor_stays_there() {
        let d = estate("site new 192.168.9.0/24");
        assert_eq!(
            nearest_free_place(&d, "new", Pos { x: 30, y: 30 }),
            Some(Pos { x: 30, y: 30 })
        );
        let d = estate("vnet new 10.9.0.0/16 region=westeurope");
        let p = nearest_free_place(&d, "new", Pos { x: 0, y: 20 }).expect("placed");
        assert_eq!(p.x, 0, "beside the spoke's column: {p:?}");
    }
}
