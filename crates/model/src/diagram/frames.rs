//! Frames: the rectangle drawn around the VNets of one region, labelled with the region, and around
//! the on-premises band (sites and their circuits) and the remote-users band (P2S user groups).
//!
//! A frame is the bounding box of its members' boxes grown by [`FRAME_PAD`], computed from the
//! positions the design holds, so it follows the nodes when they move; the canvas and the exporters
//! draw the same frames. The layout leaves room for them: its gaps between regions and bands are wider
//! than two paddings, so the frames of a laid-out design do not overlap. Computing the frames
//! measures every box, one pass over the design; callers keep them until a node moves or changes.

use unicode_width::UnicodeWidthStr;

use crate::design::{Design, Node, NodeKind, Pos};
use crate::hash::FxMap;

use super::boxes::node_rect;
use super::geom::{Rect, all_nodes};
use super::route::Routing;

/// Free columns and rows between a frame and the boxes inside it (the label sits in the top border).
pub const FRAME_PAD: (i32, i32) = (3, 2);

/// What a frame holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FrameKind {
    /// The VNets of one region.
    Region,
    /// The on-premises sites (and their ExpressRoute circuits).
    OnPremises,
    /// The Point-to-Site user groups.
    Users,
}

/// A labelled frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// What it holds.
    pub kind: FrameKind,
    /// The label: the region's name, `on-premises` or `remote users`.
    pub label: String,
    /// The frame's outer rectangle, world cells (its border is the outermost ring of cells; on screen
    /// at a zoom level: [`super::Zoom::area`]).
    pub rect: Rect,
}

impl Frame {
    /// Where the label goes on the top border: the first place from the third column where neither
    /// it nor a cell either side meets a route of `routing` (the third column when none is free).
    /// Its text is ` label ` (a space each side).
    pub fn label_at(&self, routing: &Routing) -> Pos {
        let y = self.rect.y;
        let mut taken: Vec<(i32, i32)> = Vec::new();
        for r in routing.routes.iter().filter(|r| !r.fallback) {
            for (a, b) in r.segments() {
                if a.y.min(b.y) <= y && y <= a.y.max(b.y) {
                    taken.push((a.x.min(b.x), a.x.max(b.x)));
                }
            }
        }
        taken.sort_unstable();
        let width = self.label.width() as i32 + 2;
        let mut x = self.rect.x + 2;
        let last = self.rect.right() - 2 - width;
        while x <= last {
            // The first run touching [x - 1, x + width] pushes the label past it.
            match taken.iter().find(|(lo, hi)| *lo <= x + width && *hi >= x - 1) {
                None => return Pos { x, y },
                Some((_, hi)) => x = hi + 2,
            }
        }
        Pos { x: self.rect.x + 2, y }
    }
}

/// The frames of `design` at its nodes' positions: one per region that has a VNet (by region name),
/// then the on-premises band when there is a site, then the users band when there is a user group.
/// VNets with no region get no frame.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script};
/// use vnetsketch_model::diagram::{FrameKind, frames};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16 region=westeurope\nmove hub 10 10").unwrap();
/// let f = frames(&d);
/// assert_eq!((f[0].kind, f[0].label.as_str()), (FrameKind::Region, "westeurope"));
/// assert_eq!((f[0].rect.x, f[0].rect.y), (7, 8));
/// ```
pub fn frames(design: &Design) -> Vec<Frame> {
    frames_of(all_nodes(design).map(|(_, n)| (n, node_rect(n))))
}

/// `true` when nodes `a` and `b` (one node before and after an edit) take the same place in a
/// diagram: the same box (position and size) in the same frame. An edit that keeps every node it
/// touches in its place changes no frame and no route.
pub fn same_place(a: &Node, b: &Node) -> bool {
    fn frame(n: &Node) -> (NodeKind, Option<&str>) {
        (n.kind(), n.as_vnet().and_then(|v| v.region.as_deref()))
    }
    node_rect(a) == node_rect(b) && frame(a) == frame(b)
}

/// `true` when `frames` (the frames of a design) still hold after one of its nodes went from `before`
/// to `after` (moved or resized, its name kept): it stays in the same frame, its new box lies within
/// the bounds of that frame's members, and it still reaches every edge of them its old box reached, so
/// no edge moved. A drag inside a region keeps its frame without measuring every box again. `false`
/// (compute them again) for a node in no frame.
pub fn frames_hold(frames: &[Frame], before: &Node, after: &Node) -> bool {
    fn frame_of(n: &Node) -> Option<(FrameKind, &str)> {
        match n {
            Node::Vnet(v) => v.region.as_deref().map(|r| (FrameKind::Region, r)),
            Node::Site(_) => Some((FrameKind::OnPremises, band_label(NodeKind::Site))),
            Node::Users(_) => Some((FrameKind::Users, band_label(NodeKind::Users))),
        }
    }
    let Some(key) = frame_of(before).filter(|k| Some(*k) == frame_of(after)) else {
        return false;
    };
    let Some(frame) = frames.iter().find(|f| (f.kind, f.label.as_str()) == key) else {
        return false;
    };
    let members = frame.rect.inflate(-FRAME_PAD.0, -FRAME_PAD.1);
    let (old, new) = (node_rect(before), node_rect(after));
    let edges = |r: Rect| {
        [
            r.x == members.x,
            r.y == members.y,
            r.right() == members.right(),
            r.bottom() == members.bottom(),
        ]
    };
    let within = members.intersection(&new) == new;
    within && edges(old).iter().zip(edges(new)).all(|(was, is)| !was || is)
}

/// The frames of nodes at the given boxes (the layout passes the boxes it is about to give them).
pub(crate) fn frames_of<'a>(boxes: impl Iterator<Item = (&'a Node, Rect)>) -> Vec<Frame> {
    // By region (hashed: a frame pass touches every VNet), sorted by name at the end.
    let mut regions: FxMap<&str, Rect> = FxMap::default();
    let mut sites = Rect::default();
    let mut users = Rect::default();
    for (node, r) in boxes {
        match node {
            Node::Vnet(v) => {
                if let Some(region) = v.region.as_deref() {
                    let e = regions.entry(region).or_default();
                    *e = e.union(&r);
                }
            }
            Node::Site(_) => sites = sites.union(&r),
            Node::Users(_) => users = users.union(&r),
        }
    }
    let frame = |kind, label: &str, r: Rect| Frame {
        kind,
        label: label.to_owned(),
        rect: r.inflate(FRAME_PAD.0, FRAME_PAD.1),
    };
    let mut by_name: Vec<(&str, Rect)> = regions.into_iter().collect();
    by_name.sort_unstable_by_key(|(name, _)| *name);
    let mut out: Vec<Frame> = by_name
        .into_iter()
        .map(|(name, r)| frame(FrameKind::Region, name, r))
        .collect();
    if !sites.is_empty() {
        out.push(frame(FrameKind::OnPremises, band_label(NodeKind::Site), sites));
    }
    if !users.is_empty() {
        out.push(frame(FrameKind::Users, band_label(NodeKind::Users), users));
    }
    out
}

/// The label of the band holding nodes of `kind` (VNets have region frames instead).
pub fn band_label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Site => "on-premises",
        NodeKind::Users => "remote users",
        NodeKind::Vnet => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_script;

    #[test]
    fn frames_that_hold_after_a_move_are_the_frames_of_the_moved_design() {
        let mut d = crate::generate::generate(300, 5);
        d.apply(&crate::Edit::Layout { names: Vec::new() }).expect("layout");
        let before = frames(&d);
        let (mut held, mut not) = (0, 0);
        let names: Vec<String> = d.nodes().keys().step_by(3).cloned().collect();
        for name in names {
            let node = d.node(&name).cloned().expect("node");
            for (dx, dy) in [(1, 0), (-2, 0), (0, 1), (0, -1), (3, 2), (-40, 0), (0, 30)] {
                let mut moved = node.clone();
                let p = moved.pos_mut();
                (p.x, p.y) = (p.x + dx, p.y + dy);
                let mut after = d.clone();
                run_script(&mut after, &format!("move {name} {} {}", p.x, p.y)).expect("move");
                if frames_hold(&before, &node, &moved) {
                    assert_eq!(frames(&after), before, "{name} by {dx},{dy}");
                    held += 1;
                } else {
                    not += 1;
                }
            }
        }
        assert!(held > 100 && not > 100, "{held} held, {not} did not");
    }

    #[test]
    fn each_region_and_band_gets_one_frame_around_its_members() {
        let mut d = Design::default();
        run_script(
            &mut d,
            "vnet a 10.0.0.0/16 region=westeurope\nvnet b 10.1.0.0/16 region=westeurope\n\
             vnet c 10.2.0.0/16 region=eastus\nvnet loose 10.3.0.0/16\n\
             site s 192.168.0.0/24\nusers u 172.16.0.0/24 clients=5\n\
             move a 0 0\nmove b 40 20\nmove c 100 0\nmove s 0 -20\nmove u 0 40",
        )
        .expect("script");
        let f = frames(&d);
        let labels: Vec<&str> = f.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["eastus", "westeurope", "on-premises", "remote users"]);
        let we = &f[1].rect;
        assert_eq!((we.x, we.y), (-3, -2));
        assert_eq!((we.right(), we.bottom()), (40 + 15 + 3, 20 + 5 + 2));
        assert_eq!(f[2].kind, FrameKind::OnPremises);
    }
}
