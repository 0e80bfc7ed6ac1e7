//! What a frame is ([`Frame`], [`FrameKind`], [`FRAME_PAD`], which frame holds a node) and
//! [`Framing`]: a design's frames with the boxes each one holds, kept edit by edit.
//!
//! A frame is the bounding box of its members' boxes (padded), so when one node moves, grows or goes
//! to another region, only the frames it left and joined change: joining grows a frame by the box,
//! leaving takes the box out and measures the frame again from the boxes it still holds (only when
//! the box reached one of its edges). No node is measured again but the one that changed, so keeping
//! the frames through an edit costs what the edit touched, not the design's size. The frames are
//! always those [`frames()`](super::frames()) gives for the design after the edit (a test holds it to
//! that over moves and region changes of a generated design).

use crate::design::{Design, Node, NodeKind};
use crate::hash::FxMap;

use super::super::boxes::node_rect;
use super::super::geom::{Rect, all_nodes};

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
    /// at a zoom level: [`Zoom::area`](crate::diagram::Zoom::area)).
    pub rect: Rect,
}

/// The frame that holds `node`, by kind and label (`None`: a VNet with no region, in no frame).
pub(crate) fn frame_key(node: &Node) -> Option<(FrameKind, &str)> {
    match node {
        Node::Vnet(v) => v.region.as_deref().map(|r| (FrameKind::Region, r)),
        Node::Site(_) | Node::Users(_) => band_key(node.kind()),
    }
}

/// The frame of the band that holds nodes of `kind` (`None` for VNets: they go by region).
fn band_key(kind: NodeKind) -> Option<(FrameKind, &'static str)> {
    match kind {
        NodeKind::Site => Some((FrameKind::OnPremises, band_label(kind))),
        NodeKind::Users => Some((FrameKind::Users, band_label(kind))),
        NodeKind::Vnet => None,
    }
}

/// The label of the band holding nodes of `kind` (VNets have region frames instead).
pub fn band_label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Site => "on-premises",
        NodeKind::Users => "remote users",
        NodeKind::Vnet => "",
    }
}

/// Boxes and the smallest rectangle holding them all.
#[derive(Clone, Debug, Default)]
struct Group {
    boxes: Vec<Rect>,
    bounds: Rect,
}

impl Group {
    fn add(&mut self, r: Rect) {
        self.boxes.push(r);
        self.bounds = self.bounds.union(&r);
    }

    /// Takes one box equal to `r` out (which one does not matter: the bounds are the same);
    /// `false` when it holds none.
    fn remove(&mut self, r: Rect) -> bool {
        let Some(i) = self.boxes.iter().position(|b| *b == r) else {
            return false;
        };
        self.boxes.swap_remove(i);
        let b = self.bounds;
        // A box inside every edge leaves the bounds as they were.
        if r.x == b.x || r.y == b.y || r.right() == b.right() || r.bottom() == b.bottom() {
            self.bounds = self.boxes.iter().fold(Rect::default(), |a, b| a.union(b));
        }
        true
    }
}

/// The frames of a design (as [`frames()`](super::frames()) gives them, in its order) with their
/// members' boxes, and the boxes of the VNets in no frame: what [`Framing::update`] needs to follow
/// an edit of one node without measuring the others.
#[derive(Clone, Debug, Default)]
pub struct Framing {
    /// The frames, by kind then label (the order of [`frames()`](super::frames())).
    frames: Vec<Frame>,
    /// Each frame's members' boxes (beside `frames`).
    groups: Vec<Group>,
    /// The boxes of the VNets with no region.
    loose: Group,
}

impl Framing {
    /// The frames of `design` at its nodes' positions: one pass, every box measured.
    pub fn new(design: &Design) -> Framing {
        Framing::of(all_nodes(design).map(|(_, n)| (n, node_rect(n))), true)
    }

    /// The frames of nodes at the given boxes.
    /// The frames of nodes at the given boxes; with `keep`, the boxes too (for [`Framing::update`];
    /// without, the frames alone, for a caller that only reads them).
    pub(crate) fn of<'a>(boxes: impl Iterator<Item = (&'a Node, Rect)>, keep: bool) -> Framing {
        // Regions by name (hashed: this touches every VNet), sorted at the end; then the bands.
        let mut regions: FxMap<&str, Group> = FxMap::default();
        let (mut sites, mut users, mut loose) = (Group::default(), Group::default(), Group::default());
        for (node, r) in boxes {
            let add = |g: &mut Group| {
                if keep {
                    g.add(r);
                } else {
                    g.bounds = g.bounds.union(&r);
                }
            };
            match node {
                Node::Vnet(v) => match v.region.as_deref() {
                    Some(region) => add(regions.entry(region).or_default()),
                    None => add(&mut loose),
                },
                Node::Site(_) => add(&mut sites),
                Node::Users(_) => add(&mut users),
            }
        }
        let mut keyed: Vec<((FrameKind, &str), Group)> = regions
            .into_iter()
            .map(|(name, g)| ((FrameKind::Region, name), g))
            .collect();
        keyed.sort_unstable_by_key(|(key, _)| *key);
        for (kind, g) in [(NodeKind::Site, sites), (NodeKind::Users, users)] {
            if let (Some(key), false) = (band_key(kind), g.bounds.is_empty()) {
                keyed.push((key, g));
            }
        }
        let frames = keyed
            .iter()
            .map(|((kind, label), g)| frame(*kind, label, g.bounds))
            .collect();
        let groups = keyed.into_iter().map(|(_, g)| g).collect();
        Framing { frames, groups, loose }
    }

    /// The frames, in the order of [`frames()`](super::frames()).
    pub fn frames(&self) -> &[Frame] {
        &self.frames
    }

    /// The frames, taken.
    pub fn into_frames(self) -> Vec<Frame> {
        self.frames
    }

    /// The cells every frame and every box in no frame cover (empty for an empty design).
    pub fn bounds(&self) -> Rect {
        self.frames.iter().fold(self.loose.bounds, |a, f| a.union(&f.rect))
    }

    /// One node of the design went from `before` to `after` (moved, resized or taken to another
    /// frame; `None` before: the node was added, `None` after: deleted); the frames follow. `false`
    /// when `before`'s box is not where this framing holds it (a framing of another design): then
    /// nothing changed, build the framing anew.
    pub fn update(&mut self, before: Option<&Node>, after: Option<&Node>) -> bool {
        let was = before.map(|n| (frame_key(n), node_rect(n)));
        let now = after.map(|n| (frame_key(n), node_rect(n)));
        if was == now {
            return true;
        }
        if let Some((from, r)) = was
            && !self.take(from, r)
        {
            return false;
        }
        if let Some((to, r)) = now {
            self.put(to, r);
        }
        true
    }

    /// Where the frame `key` is, or would go.
    fn find(&self, key: (FrameKind, &str)) -> Result<usize, usize> {
        self.frames.binary_search_by(|f| (f.kind, f.label.as_str()).cmp(&key))
    }

    /// Takes box `r` out of frame `key` (`None`: the loose boxes); a frame left empty goes.
    fn take(&mut self, key: Option<(FrameKind, &str)>, r: Rect) -> bool {
        let Some(key) = key else {
            return self.loose.remove(r);
        };
        let Ok(i) = self.find(key) else {
            return false;
        };
        if !self.groups[i].remove(r) {
            return false;
        }
        if self.groups[i].boxes.is_empty() {
            self.groups.remove(i);
            self.frames.remove(i);
        } else {
            self.frames[i].rect = padded(self.groups[i].bounds);
        }
        true
    }

    /// Puts box `r` into frame `key` (`None`: the loose boxes), which is made when it is new.
    fn put(&mut self, key: Option<(FrameKind, &str)>, r: Rect) {
        let Some(key) = key else {
            self.loose.add(r);
            return;
        };
        match self.find(key) {
            Ok(i) => {
                self.groups[i].add(r);
                self.frames[i].rect = padded(self.groups[i].bounds);
            }
            Err(i) => {
                let mut g = Group::default();
                g.add(r);
                self.frames.insert(i, frame(key.0, key.1, g.bounds));
                self.groups.insert(i, g);
            }
        }
    }
}

/// A frame's rectangle around its members' `bounds`.
fn padded(bounds: Rect) -> Rect {
    bounds.inflate(FRAME_PAD.0, FRAME_PAD.1)
}

/// The frame of `kind` labelled `label` around members within `bounds`.
fn frame(kind: FrameKind, label: &str, bounds: Rect) -> Frame {
    Frame {
        kind,
        label: label.to_owned(),
        rect: padded(bounds),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::frames;
    use crate::{Edit, Prop, run_script};

    /// What a framing shows: its frames and bounds.
    fn shown(f: &Framing) -> (Vec<Frame>, Rect) {
        (f.frames().to_vec(), f.bounds())
    }

    #[test]
    fn a_framing_kept_through_moves_and_region_changes_is_the_fresh_one() {
        let mut d = crate::generate::generate(300, 5);
        d.apply(&Edit::Layout { names: Vec::new() }).expect("layout");
        run_script(&mut d, "vnet loose 10.250.0.0/16\nmove loose -40 -30").expect("script");
        let mut kept = Framing::new(&d);
        assert_eq!(kept.frames(), frames(&d).as_slice());
        let names: Vec<String> = d.nodes().keys().step_by(7).cloned().collect();
        let (mut reframed, mut emptied) = (0, 0);
        for (k, name) in names.iter().enumerate() {
            let before = d.node(name).cloned().expect("node");
            let p = before.pos();
            let (dx, dy) = [(1, 0), (-2, 0), (0, 1), (-40, 0), (0, 30), (3, -200)][k % 6];
            let mut edits = vec![Edit::Move {
                name: name.clone(),
                pos: crate::Pos {
                    x: p.x + dx,
                    y: p.y + dy,
                },
            }];
            if before.as_vnet().is_some() {
                // To another region, to a region of its own and back out of it (the frame goes),
                // or to none.
                let own = format!("region{k}");
                let to: &[&str] = match k % 3 {
                    0 => &["westeurope"],
                    1 => &[own.as_str(), "northeurope"],
                    _ => &["none"],
                };
                edits.extend(to.iter().map(|r| Edit::Set {
                    name: name.clone(),
                    props: vec![Prop::new("region", *r)],
                }));
            }
            for edit in edits {
                let before = d.node(name).cloned().expect("node");
                let frames_before = kept.frames().len();
                d.apply(&edit).expect("edit");
                let after = d.node(name).expect("node");
                assert!(kept.update(Some(&before), Some(after)), "{edit:?}");
                assert_eq!(shown(&kept), shown(&Framing::new(&d)), "{edit:?}");
                reframed += usize::from(frame_key(&before) != frame_key(after));
                emptied += usize::from(kept.frames().len() < frames_before);
            }
        }
        assert!(reframed > 20, "{reframed} nodes changed frame");
        // A region of one VNet went when the VNet left it.
        assert!(emptied > 0, "{emptied}");
    }

    #[test]
    fn a_framing_kept_through_nodes_added_and_deleted_is_the_fresh_one() {
        let mut d = crate::generate::generate(200, 4);
        d.apply(&Edit::Layout { names: Vec::new() }).expect("layout");
        let mut kept = Framing::new(&d);
        // Into a frame (growing it), a new frame, no frame, the bands.
        for line in [
            "vnet in-west 10.250.0.0/24 region=westeurope\nmove in-west -300 -90",
            "vnet in-new 10.251.0.0/24 region=brazilsouth",
            "vnet loose 10.252.0.0/24",
            "site far-site 192.168.250.0/24 ip=203.0.113.9\nmove far-site 900 400",
            "users far-users 172.31.0.0/24 clients=50",
        ] {
            run_script(&mut d, line).expect(line);
            let name = line.split_whitespace().nth(1).expect("name");
            assert!(kept.update(None, d.node(name)), "{line}");
            assert_eq!(shown(&kept), shown(&Framing::new(&d)), "{line}");
        }
        // Deleted: the last of a frame (it goes), a box on a frame's edge (measured again), others.
        let mut names: Vec<String> = d.nodes().keys().step_by(5).cloned().collect();
        names.extend(["in-new", "in-west", "loose", "far-site", "far-users"].map(String::from));
        names.dedup();
        let frames = kept.frames().len();
        for name in &names {
            let Some(before) = d.node(name).cloned() else { continue };
            run_script(&mut d, &format!("delete {name}")).expect("delete");
            assert!(kept.update(Some(&before), None), "{name}");
            assert_eq!(shown(&kept), shown(&Framing::new(&d)), "{name} deleted");
        }
        assert!(kept.frames().len() < frames, "a frame went with its last node");
    }

    #[test]
    fn a_node_the_framing_does_not_hold_changes_nothing() {
        let mut d = Design::default();
        run_script(
            &mut d,
            "vnet a 10.0.0.0/16 region=westeurope\nvnet b 10.1.0.0/16 region=westeurope\nmove b 40 0",
        )
        .expect("script");
        let mut kept = Framing::new(&d);
        let fresh = shown(&kept);
        let mut stranger = d.node("a").cloned().expect("a");
        stranger.pos_mut().x = 500;
        let after = d.node("b").expect("b");
        assert!(!kept.update(Some(&stranger), Some(after)));
        assert_eq!(shown(&kept), fresh);
    }
}
