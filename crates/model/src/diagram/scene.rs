//! [`Scene`]: the geometry of one design, measured only where it is looked at.
//!
//! Nodes are bucketed by position in a coarse grid (no text needed); a node's box, whose width comes
//! from its text, is measured the first time something asks for it. A box reaches at most
//! [`MAX_BOX_W`] columns right and [`BOX_H`] rows down from its position, so an area query widens the
//! area by that much, then keeps the boxes that really meet it. Drawing a frame, routing the screen,
//! hit-testing a click or placing a new node then costs what is near, not the design's size: building a
//! scene is one pass over the positions (no text), and [`Topology`] — the link ends as node indexes,
//! and the nodes' names in name order — changes only when nodes or links come, go or are renamed, so
//! a caller keeps it across moves; a scene on kept parts ([`Scene::with_parts`]) walks no node.

use std::borrow::Cow;
use std::cell::Cell;

use crate::design::{Design, Link, LinkId, LinkKind, Node, Pos};
use crate::hash::FxMap;

use super::boxes::{BOX_H, MAX_BOX_W, node_rect};
use super::geom::{MARGIN, Rect, all_links, all_nodes};
use super::place::nearest_free;
use super::zoom::Zoom;

/// Columns and rows of one bucket of the position grid.
const BUCKET: (i32, i32) = (32, 8);

/// The ends of every link as node indexes in name order, `None` for a link whose end does not exist
/// (or whose ends are one node), and each link's bundle. It holds while nodes only move.
///
/// A *bundle* is the links of one kind from one node — the end with more links (the hub; on a tie, the
/// first by name): a hub's peerings to its spokes, a gateway's tunnels to its sites. Routes of one
/// bundle share a trunk and branch off it; routes of different bundles keep apart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Topology {
    /// The nodes' names in name order, one after another (node `i`'s is `starts[i]..starts[i + 1]`):
    /// a scene finds a node by index or name here, without walking the design.
    names: String,
    /// Where each name starts in `names`, and the end of the last.
    starts: Vec<u32>,
    /// Per link, in id order: its id and its ends.
    ends: Vec<(LinkId, Option<(u32, u32)>)>,
    /// Per link, in id order: its bundle.
    bundles: Vec<u32>,
}

impl Topology {
    /// Resolves every link of `design`: its ends as the design keeps them resolved across edits
    /// (`design/ranks.rs`), so no name is hashed here.
    pub fn new(design: &Design) -> Topology {
        let n = all_nodes(design).len();
        let (mut names, mut starts) = (String::new(), Vec::with_capacity(n + 1));
        for (name, _) in all_nodes(design) {
            starts.push(names.len() as u32);
            names.push_str(name);
        }
        starts.push(names.len() as u32);
        let ends: Vec<(LinkId, Option<(u32, u32)>)> = design
            .ranks()
            .ends
            .iter()
            .map(|&(id, a, b)| match (a, b) {
                (Some(a), Some(b)) if a != b => (id, Some((a, b))),
                _ => (id, None),
            })
            .collect();
        let mut degree = vec![0u32; n];
        for (a, b) in ends.iter().filter_map(|(_, e)| *e) {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let bundles = all_links(design)
            .zip(&ends)
            .map(|((_, l), (_, e))| {
                let anchor = e.map_or(0, |(a, b)| {
                    let (da, db) = (degree[a as usize], degree[b as usize]);
                    if da > db || (da == db && a < b) { a } else { b }
                });
                anchor * 8 + kind_index(l.kind)
            })
            .collect();
        Topology {
            names,
            starts,
            ends,
            bundles,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// `true` when the design had no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The name of the node of index `i` (name order).
    pub fn name(&self, i: u32) -> Option<&str> {
        let i = i as usize;
        let (&from, &to) = (self.starts.get(i)?, self.starts.get(i + 1)?);
        self.names.get(from as usize..to as usize)
    }

    /// The index (name order) of node `name`.
    pub fn index(&self, name: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0, self.len() as u32);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.name(mid)?.cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The bundle of the link at position `k` in id order.
    pub fn bundle(&self, k: usize) -> u32 {
        self.bundles.get(k).copied().unwrap_or(0)
    }

    /// `true` when it may describe `design` (the same numbers of nodes and links).
    pub fn fits(&self, design: &Design) -> bool {
        self.len() == all_nodes(design).len() && self.ends.len() == all_links(design).len()
    }

    /// Every link in id order with its ends (`None` when an end is missing).
    pub fn links(&self) -> &[(LinkId, Option<(u32, u32)>)] {
        &self.ends
    }
}

/// The position of a link kind in [`LinkKind::ALL`].
fn kind_index(kind: LinkKind) -> u32 {
    LinkKind::ALL.iter().position(|k| *k == kind).unwrap_or(0) as u32
}

/// A link near an area ([`Scene::links_near`]).
#[derive(Clone, Copy, Debug)]
pub struct NearLink<'d> {
    /// Its id.
    pub id: LinkId,
    /// The link.
    pub link: &'d Link,
    /// The index of its `a` end.
    pub a: u32,
    /// The index of its `b` end.
    pub b: u32,
    /// Its bundle ([`Topology`]).
    pub bundle: u32,
}

/// Where the nodes of a design are: their positions in name order, bucketed in a coarse grid. One
/// pass over the nodes (no text) builds it; it holds while no node moves, comes or goes, so a caller
/// that draws frame after frame keeps it ([`Scene::with_parts`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    /// The positions, in name order (read once: a pass over the link ends then reads a small array).
    positions: Vec<Pos>,
    /// Bucket to the nodes whose position is in it, in name order.
    grid: FxMap<(i32, i32), Vec<u32>>,
}

impl Places {
    /// The places of the nodes of `design`.
    pub fn new(design: &Design) -> Places {
        let mut grid: FxMap<(i32, i32), Vec<u32>> = FxMap::default();
        let mut positions = Vec::with_capacity(all_nodes(design).len());
        for (i, (_, node)) in all_nodes(design).enumerate() {
            grid.entry(bucket(node.pos())).or_default().push(i as u32);
            positions.push(node.pos());
        }
        Places { positions, grid }
    }

    /// `true` when it may describe `design` (the same number of nodes).
    pub fn fits(&self, design: &Design) -> bool {
        self.positions.len() == all_nodes(design).len()
    }

    /// A node came at index `i` (name order), at `pos`: the nodes from `i` on move one index up (what
    /// [`Places::new`] gives for the design with it).
    pub fn inserted(&mut self, i: u32, pos: Pos) {
        let at = (i as usize).min(self.positions.len());
        self.positions.insert(at, pos);
        let i = at as u32;
        for members in self.grid.values_mut() {
            for m in members.iter_mut().filter(|m| **m >= i) {
                *m += 1;
            }
        }
        let members = self.grid.entry(bucket(pos)).or_default();
        let at = members.partition_point(|&m| m < i);
        members.insert(at, i);
    }

    /// The node of index `i` (name order) went: the nodes after it move one index down (what
    /// [`Places::new`] gives for the design without it).
    pub fn removed(&mut self, i: u32) {
        if i as usize >= self.positions.len() {
            return;
        }
        let pos = self.positions.remove(i as usize);
        if let Some(members) = self.grid.get_mut(&bucket(pos)) {
            members.retain(|&m| m != i);
            if members.is_empty() {
                self.grid.remove(&bucket(pos));
            }
        }
        for members in self.grid.values_mut() {
            for m in members.iter_mut().filter(|m| **m > i) {
                *m -= 1;
            }
        }
    }

    /// The node of index `i` (name order) moved to `to`: its place and bucket follow (what
    /// [`Places::new`] gives for the design after the move).
    pub fn moved(&mut self, i: u32, to: Pos) {
        let Some(from) = self.positions.get_mut(i as usize) else {
            return;
        };
        let (old, new) = (bucket(*from), bucket(to));
        *from = to;
        if old == new {
            return;
        }
        if let Some(members) = self.grid.get_mut(&old) {
            members.retain(|&m| m != i);
            if members.is_empty() {
                self.grid.remove(&old);
            }
        }
        let members = self.grid.entry(new).or_default();
        let at = members.partition_point(|&m| m < i);
        members.insert(at, i);
    }
}

/// The geometry of one design (see the module doc).
pub struct Scene<'d> {
    design: &'d Design,
    /// The nodes' positions.
    places: Cow<'d, Places>,
    /// Boxes measured so far.
    boxes: Vec<Cell<Option<Rect>>>,
    /// The link ends, and the nodes' names in name order (a node is found by its index there).
    topology: Cow<'d, Topology>,
    /// The nodes in name order, for a scene built in one pass over the design (exports, layout:
    /// they look at every node); `None` for a scene on kept parts, which finds a node by its name.
    nodes: Option<Vec<(&'d str, &'d Node)>>,
}

impl<'d> Scene<'d> {
    /// The scene of `design`, resolving its links (keep a [`Topology`] and use
    /// [`Scene::with_topology`] where frames repeat).
    pub fn new(design: &'d Design) -> Scene<'d> {
        Scene::build(design, Cow::Owned(Topology::new(design)))
    }

    /// The scene of `design` with its links already resolved. A topology that does not fit the
    /// design (see [`Topology::fits`]) is rebuilt.
    pub fn with_topology(design: &'d Design, topology: &'d Topology) -> Scene<'d> {
        let topology = if topology.fits(design) {
            Cow::Borrowed(topology)
        } else {
            Cow::Owned(Topology::new(design))
        };
        Scene::build(design, topology)
    }

    /// The scene of `design` with its links resolved and its nodes placed already: what a frame
    /// costs then is what it looks at. A topology or places that do not fit the design (see
    /// [`Topology::fits`], [`Places::fits`]) are built again; places must be of the design's
    /// positions.
    pub fn with_parts(design: &'d Design, topology: &'d Topology, places: &'d Places) -> Scene<'d> {
        let topology = if topology.fits(design) {
            Cow::Borrowed(topology)
        } else {
            Cow::Owned(Topology::new(design))
        };
        let places = if places.fits(design) {
            Cow::Borrowed(places)
        } else {
            Cow::Owned(Places::new(design))
        };
        Scene::assemble(design, topology, places)
    }

    fn build(design: &'d Design, topology: Cow<'d, Topology>) -> Scene<'d> {
        let mut scene = Scene::assemble(design, topology, Cow::Owned(Places::new(design)));
        scene.nodes = Some(all_nodes(design).map(|(n, node)| (n.as_str(), node)).collect());
        scene
    }

    /// The scene (no pass over the design: its nodes are found by name when looked at).
    fn assemble(design: &'d Design, topology: Cow<'d, Topology>, places: Cow<'d, Places>) -> Scene<'d> {
        Scene {
            design,
            boxes: vec![Cell::new(None); topology.len()],
            places,
            topology,
            nodes: None,
        }
    }

    /// The design.
    pub fn design(&self) -> &'d Design {
        self.design
    }

    /// The resolved link ends.
    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.topology.len()
    }

    /// `true` when the design has no node.
    pub fn is_empty(&self) -> bool {
        self.topology.is_empty()
    }

    /// The node of index `i` (name order) with its name.
    pub fn node(&self, i: u32) -> Option<(&'d str, &'d Node)> {
        if let Some(nodes) = &self.nodes {
            return nodes.get(i as usize).copied();
        }
        let design: &'d Design = self.design;
        let (name, node) = design.nodes().get_key_value(self.topology.name(i)?)?;
        Some((name.as_str(), node))
    }

    /// The index (name order) of node `name`.
    pub fn index(&self, name: &str) -> Option<u32> {
        self.topology.index(name)
    }

    /// The full-size box of the node of index `i`, measured once.
    pub fn rect_at(&self, i: u32) -> Option<Rect> {
        let slot = self.boxes.get(i as usize)?;
        if let Some(r) = slot.get() {
            return Some(r);
        }
        let r = node_rect(self.node(i)?.1);
        slot.set(Some(r));
        Some(r)
    }

    /// The full-size box of node `name`.
    pub fn rect(&self, name: &str) -> Option<Rect> {
        self.rect_at(self.index(name)?)
    }

    /// The widest box the node of index `i` could have (no measuring): where it can reach at most.
    pub fn reach_at(&self, i: u32) -> Option<Rect> {
        Some(Rect::at(*self.places.positions.get(i as usize)?, MAX_BOX_W, BOX_H))
    }

    /// The indexes of the nodes whose boxes meet `area`, in name order.
    pub fn within(&self, area: Rect) -> Vec<u32> {
        if area.is_empty() {
            return Vec::new();
        }
        // Positions a box meeting `area` can have.
        let (x0, x1) = (area.x - MAX_BOX_W + 1, area.right() - 1);
        let (y0, y1) = (area.y - BOX_H + 1, area.bottom() - 1);
        let (c0, c1) = (bucket(Pos { x: x0, y: y0 }), bucket(Pos { x: x1, y: y1 }));
        let cells = i64::from(c1.0 - c0.0 + 1) * i64::from(c1.1 - c0.1 + 1);
        let mut found: Vec<u32> = Vec::new();
        let mut take = |members: &Vec<u32>| {
            for &i in members {
                let p = self.places.positions[i as usize];
                if p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1 {
                    found.push(i);
                }
            }
        };
        if cells > self.places.grid.len() as i64 {
            // A huge area: every occupied bucket, rather than every bucket of the area.
            for (cell, members) in &self.places.grid {
                if (c0.0..=c1.0).contains(&cell.0) && (c0.1..=c1.1).contains(&cell.1) {
                    take(members);
                }
            }
        } else {
            for cx in c0.0..=c1.0 {
                for cy in c0.1..=c1.1 {
                    if let Some(members) = self.places.grid.get(&(cx, cy)) {
                        take(members);
                    }
                }
            }
        }
        found.sort_unstable();
        found.retain(|&i| self.rect_at(i).is_some_and(|r| r.intersects(&area)));
        found
    }

    /// The links whose two end boxes, and any route between them within `reach` cells of their span,
    /// may meet `area`, in id order. Costs a pass over the link ends (indexes, no names).
    pub fn links_near(&self, area: Rect, reach: i32) -> Vec<NearLink<'d>> {
        let mut out = Vec::new();
        for (k, (id, ends)) in self.topology.links().iter().enumerate() {
            let Some((a, b)) = *ends else { continue };
            let (Some(ra), Some(rb)) = (self.reach_at(a), self.reach_at(b)) else {
                continue;
            };
            if !ra.union(&rb).inflate(reach, reach).intersects(&area) {
                continue;
            }
            if let Some(link) = self.design.link(*id) {
                out.push(NearLink {
                    id: *id,
                    link,
                    a,
                    b,
                    bundle: self.topology.bundle(k),
                });
            }
        }
        out
    }

    /// The node whose box at `zoom` covers screen cell `p` (relative to the world origin), the last in
    /// name order when boxes overlap.
    pub fn node_at(&self, p: Pos, zoom: Zoom) -> Option<&'d str> {
        let world = zoom.world_of(Rect::at(p, 1, 1));
        self.within(world)
            .into_iter()
            .rev()
            .find(|&i| self.rect_at(i).is_some_and(|r| zoom.box_rect(r).contains(p)))
            .and_then(|i| Some(self.node(i)?.0))
    }

    /// The nearest place to `near` for a `w`×`h` box that keeps `margin` free cells (columns, rows)
    /// from every box but those in `skip` (see [`free_place`]).
    pub fn free_place(&self, near: Pos, size: (i32, i32), margin: (i32, i32), skip: &[u32]) -> Pos {
        nearest_free(near, size, margin, |area| {
            self.within(area)
                .into_iter()
                .filter(|i| !skip.contains(i))
                .filter_map(|i| self.rect_at(i))
                .collect()
        })
    }
}

/// The nearest place to `near` where a new, duplicated or pasted node with a `w`×`h` box overlaps no
/// box and keeps [`MARGIN`] free cells around it (distance counts a row as two columns; ties go to the
/// upper, then the left place). `exclude` names a node to ignore (the node being placed, when it is
/// already in the design).
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, Pos, run_script};
/// use vnetsketch_model::diagram::free_place;
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16\nmove hub 10 10").unwrap();
/// let p = free_place(&d, Pos { x: 12, y: 11 }, (14, 5), None);
/// assert_eq!(p, Pos { x: 12, y: 17 }, "below the hub, a margin away");
/// ```
pub fn free_place(design: &Design, near: Pos, size: (i32, i32), exclude: Option<&str>) -> Pos {
    let scene = Scene::new(design);
    let skip: Vec<u32> = exclude.and_then(|n| scene.index(n)).into_iter().collect();
    scene.free_place(near, size, (MARGIN, MARGIN), &skip)
}

/// The grid bucket of a position.
fn bucket(p: Pos) -> (i32, i32) {
    (p.x.div_euclid(BUCKET.0), p.y.div_euclid(BUCKET.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run_script;

    #[test]
    fn the_grid_finds_what_a_full_scan_finds() {
        let mut d = crate::generate::generate(300, 4);
        run_script(&mut d, "vnet far 10.200.0.0/16\nmove far -900 4000").expect("script");
        let scene = Scene::new(&d);
        for area in [
            Rect {
                x: 0,
                y: 0,
                w: 200,
                h: 60,
            },
            Rect {
                x: 150,
                y: 20,
                w: 1,
                h: 1,
            },
            Rect {
                x: -1000,
                y: -1000,
                w: 5000,
                h: 6000,
            },
        ] {
            let want: Vec<u32> = (0..scene.len() as u32)
                .filter(|&i| scene.rect_at(i).is_some_and(|r| r.intersects(&area)))
                .collect();
            assert_eq!(scene.within(area), want, "{area:?}");
        }
    }

    #[test]
    fn places_follow_moves_as_if_built_again() {
        let mut d = crate::generate::generate(200, 3);
        let mut places = Places::new(&d);
        let names: Vec<String> = d.nodes().keys().step_by(7).cloned().collect();
        for (k, name) in names.iter().enumerate() {
            let to = Pos {
                x: (k as i32 * 37) % 400 - 50,
                y: (k as i32 * 11) % 90 - 8,
            };
            run_script(&mut d, &format!("move {name} {} {}", to.x, to.y)).expect("move");
            let i = d.nodes().keys().position(|n| n == name).expect("node") as u32;
            places.moved(i, to);
        }
        assert_eq!(places, Places::new(&d));
    }

    #[test]
    fn places_follow_nodes_added_and_deleted_as_if_built_again() {
        let mut d = crate::generate::generate(200, 3);
        let mut places = Places::new(&d);
        // Before, between and after the others in name order, in a crowded bucket and a lone one.
        for (k, name) in ["aaa-first", "hub-0000-x", "spoke-0003-1b", "zzz-last"]
            .iter()
            .enumerate()
        {
            let (x, y) = (k as i32 * 3, k as i32 * 500 - 700);
            run_script(&mut d, &format!("vnet {name} 10.25{k}.0.0/24\nmove {name} {x} {y}")).expect("add");
            let i = d.rank(name).expect("rank");
            places.inserted(i, Pos { x, y });
            assert_eq!(places, Places::new(&d), "{name} added");
        }
        let names: Vec<String> = d.nodes().keys().step_by(9).cloned().collect();
        for name in names.iter().rev() {
            let i = d.rank(name).expect("rank");
            run_script(&mut d, &format!("delete {name}")).expect("delete");
            places.removed(i);
            assert_eq!(places, Places::new(&d), "{name} deleted");
        }
    }

    #[test]
    fn a_free_place_overlaps_nothing_and_keeps_the_margin() {
        let d = crate::generate::generate(200, 2);
        let scene = Scene::new(&d);
        for near in [Pos { x: 5, y: 5 }, Pos { x: 200, y: 12 }, Pos { x: -3, y: 70 }] {
            let p = scene.free_place(near, (20, 5), (MARGIN, MARGIN), &[]);
            let r = Rect::at(p, 20, 5).inflate(MARGIN, MARGIN);
            for i in 0..scene.len() as u32 {
                assert!(!scene.rect_at(i).is_some_and(|b| b.intersects(&r)), "{near:?} -> {p:?}");
            }
        }
    }

    #[test]
    fn a_scene_finds_every_node_by_index_and_name() {
        let d = crate::generate::generate(200, 3);
        let (topology, places) = (Topology::new(&d), Places::new(&d));
        // Built in one pass, and on kept parts (nodes found by name).
        for scene in [Scene::new(&d), Scene::with_parts(&d, &topology, &places)] {
            assert_eq!(scene.len(), d.nodes().len());
            for (i, (name, node)) in d.nodes().iter().enumerate() {
                let i = i as u32;
                assert_eq!(scene.node(i), Some((name.as_str(), node)));
                assert_eq!(scene.index(name), Some(i));
                assert_eq!(scene.rect_at(i), Some(node_rect(node)));
            }
            assert_eq!(scene.node(scene.len() as u32), None);
            for absent in ["", "a", "hub-00000", "zzz"] {
                assert_eq!(scene.index(absent), None, "{absent}");
            }
        }
    }

    #[test]
    fn the_topology_skips_missing_ends() {
        let mut d = Design::default();
        run_script(&mut d, "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nlink peering a b").expect("script");
        d.push_link_unchecked(Link::new(crate::LinkKind::Peering, "a", "ghost"));
        let t = Topology::new(&d);
        assert_eq!(
            t.links().iter().map(|(_, e)| *e).collect::<Vec<_>>(),
            [Some((0, 1)), None]
        );
        assert_eq!(t.bundle(0), 3, "a peering from `a` (first by name on a tie)");
        assert!(t.fits(&d));
        let scene = Scene::with_topology(&d, &t);
        assert_eq!(scene.node_at(Pos { x: 3, y: 2 }, Zoom::Full), Some("a"));
        assert_eq!(
            scene
                .links_near(
                    Rect {
                        x: 0,
                        y: 0,
                        w: 80,
                        h: 30
                    },
                    0
                )
                .len(),
            1
        );
    }
}
