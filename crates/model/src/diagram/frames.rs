//! Frames: the rectangle drawn around the VNets of one region, labelled with the region, and around
//! the on-premises band (sites and their circuits) and the remote-users band (P2S user groups).
//!
//! A frame is the bounding box of its members' boxes grown by [`FRAME_PAD`], computed from the
//! positions the design holds, so it follows the nodes when they move; the canvas and the exporters
//! draw the same frames. The layout leaves room for them: its gaps between regions and bands are wider
//! than two paddings, so the frames of a laid-out design do not overlap. Computing the frames
//! measures every box, one pass over the design; a caller that keeps them through edits keeps a
//! [`Framing`] (module `framing`, which also holds the frame's types), which follows an edit of one
//! node by measuring only that node.

mod framing;

pub(crate) use framing::frame_key;
pub use framing::{FRAME_PAD, Frame, FrameKind, Framing, band_label};

use unicode_width::UnicodeWidthStr;

use crate::design::{Design, Node, Pos};

use super::boxes::node_rect;
use super::geom::{Rect, all_nodes};
use super::route::Routing;

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
    node_rect(a) == node_rect(b) && frame_key(a) == frame_key(b)
}

/// The frames of nodes at the given boxes (the layout passes the boxes it is about to give them).
pub(crate) fn frames_of<'a>(boxes: impl Iterator<Item = (&'a Node, Rect)>) -> Vec<Frame> {
    Framing::of(boxes, false).into_frames()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_script;

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
