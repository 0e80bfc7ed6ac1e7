//! Auto-layout for hybrid topologies: positions in, positions out.
//!
//! A hybrid network is mostly a forest of hubs with spokes, a few links between hubs, and the
//! on-premises world hanging off the gateways, so the layout is a domain layout rather than a generic
//! graph drawing (the generic ideas — Sugiyama's barycentre ordering — order things within a band):
//!
//! ```text
//!            ┌ on-premises ─────────────────────────────────────────┐
//!            │  sites and circuits, each above the hubs it links to  │
//!            └───────────────────────────────────────────────────────┘
//! ┌ westeurope ──────────────┐  ┌ northeurope ─────┐  ┌ (no region) ┐
//! │        hub               │  │      hub         │  │   vnet      │
//! │  spoke spoke spoke       │  │  spoke spoke     │  │             │
//! │        hub  …            │  │                  │  │             │
//! └──────────────────────────┘  └──────────────────┘  └─────────────┘
//!            ┌ remote users ─────────────────────────────────────────┐
//!            │  P2S user groups, each below the VNets that serve them │
//!            └────────────────────────────────────────────────────────┘
//! ```
//!
//! 1. Groups (`graph`): each VNet hangs under the peered VNet of its region whose gateway it uses,
//!    else the highest-ranked one (gateway, then peerings); each tree is a hub group.
//! 2. Order (`order`): region columns as a chain of their links; then two barycentre sweeps order
//!    the VNets of each group row and the groups of each region by where their neighbours are.
//! 3. Geometry (`arrange`): hubs over centred rows of spokes; groups in a grid per region, one
//!    row count for all regions, picked for a picture about three times as wide as tall; regions side
//!    by side (VNets with no region in a column of their own, last unless linked); sites above and user
//!    groups below, each near the mean column of the VNets it links to.
//! 4. Pinned nodes and nodes outside the selection stay where they are: a selection is laid out as one
//!    block, moved to the nearest place where it meets no other box; then any laid-out box that meets
//!    a box that stayed (with the margin) flows to the nearest free place.
//!
//! Every box keeps [`LAYOUT_MARGIN`] free cells from every other: [`MARGIN`] columns
//! and five rows, so marks keep a free row between them even at [`Zoom::Overview`](super::Zoom).
//! Deterministic: everything is keyed by names and link contents, never by hash order, link ids or
//! creation order, and the whole-design layout does not read the old positions (it is idempotent).
//! Cost: `O(n log n + links)` plus measuring every moving box's text once.

use crate::design::{Design, Node, NodeKind, Pos};

use super::boxes::{BOX_H, MIN_BOX_W};
use super::frames::{FRAME_PAD, Frame, frames_of};
use super::geom::{MARGIN, Rect};
use super::place::{Boxes, nearest_free};
use super::scene::Scene;

mod arrange;
mod graph;
mod order;

use graph::Regions;
use graph::{Graph, Group, groups};

/// Free columns and rows every box keeps from every other after a layout.
pub const LAYOUT_MARGIN: (i32, i32) = (MARGIN, arrange::ROW_GAP);

/// Where a whole-design layout puts the top-left corner of its frames.
pub const ORIGIN: Pos = Pos { x: 2, y: 1 };

/// How nodes are ordered within their band.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// By name (no crossing reduction; the baseline the tests measure against).
    Names,
    /// Regions as a chain of their links, then barycentre sweeps (the default).
    #[default]
    Barycentre,
}

/// What to lay out.
#[derive(Clone, Copy, Debug, Default)]
pub struct LayoutOptions<'a> {
    /// Only these nodes (the others stay where they are, as obstacles); empty: every node.
    pub only: &'a [String],
    /// Nodes that keep their place.
    pub pinned: &'a [String],
    /// Ordering within bands.
    pub order: Order,
}

/// A layout: the new positions and the frames they give.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    /// Each node that moves, with its new position, in name order.
    pub moves: Vec<(String, Pos)>,
    /// The region and band frames after the moves (see [`super::frames()`]).
    pub frames: Vec<Frame>,
}

/// Lays out `design` (or the nodes `options.only` names) and returns where the nodes go. Apply the
/// moves as one edit (`Edit::Layout` does).
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script};
/// use vnetsketch_model::diagram::{LayoutOptions, layout};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
///     gateway hub vpn VpnGw1\nvnet spoke 10.1.0.0/16 region=westeurope\n\
///     link peering hub spoke use-remote-gateways=spoke\nsite office 192.168.0.0/24\nlink s2s hub office").unwrap();
/// let placed = layout(&d, &LayoutOptions::default());
/// let at = |n: &str| placed.moves.iter().find(|(m, _)| m == n).map(|(_, p)| *p).unwrap();
/// assert!(at("office").y < at("hub").y && at("hub").y < at("spoke").y, "site over hub over spoke");
/// ```
pub fn layout(design: &Design, options: &LayoutOptions<'_>) -> Placement {
    let scene = Scene::new(design);
    let whole = options.only.is_empty();
    let mut mover = vec![whole; scene.len()];
    for name in options.only {
        if let Some(i) = scene.index(name) {
            mover[i as usize] = true;
        }
    }
    for name in options.pinned {
        if let Some(i) = scene.index(name) {
            mover[i as usize] = false;
        }
    }
    let graph = Graph::new(&scene, mover);
    let size = |i: u32| scene.rect_at(i).map_or((MIN_BOX_W, BOX_H), |r| (r.w, r.h));
    let mut regions = groups(&graph);
    if options.order == Order::Barycentre {
        order::chain(&mut regions, &graph);
    }
    order::centre_stars(&mut regions, &graph);
    let of_kind = |kind: NodeKind| -> Vec<u32> {
        (0..graph.len() as u32)
            .filter(|&i| graph.mover[i as usize] && graph.nodes[i as usize].1.kind() == kind)
            .collect()
    };
    let (sites, users) = (of_kind(NodeKind::Site), of_kind(NodeKind::Users));
    let origin = if whole {
        Pos {
            x: ORIGIN.x + FRAME_PAD.0,
            y: ORIGIN.y + FRAME_PAD.1,
        }
    } else {
        (0..graph.len() as u32)
            .filter(|&i| graph.mover[i as usize])
            .filter_map(|i| scene.rect_at(i))
            .reduce(|a, b| a.union(&b))
            .map_or(ORIGIN, |r| r.origin())
    };
    let plan = Plan {
        graph: &graph,
        size: &size,
        sites: &sites,
        users: &users,
        origin,
        wishes: options.order == Order::Barycentre,
    };
    let mut at = plan.arrange(&regions);
    if options.order == Order::Barycentre {
        for _ in 0..2 {
            let pos = |i: u32| at[i as usize].unwrap_or_else(|| graph.nodes[i as usize].1.pos());
            order::sweep(&mut regions, &graph, &pos, &|i| size(i).0);
            order::centre_stars(&mut regions, &graph);
            at = plan.arrange(&regions);
        }
    }
    flow(&graph, &scene, &size, &mut at, whole);
    let changed = (0..graph.len())
        .filter_map(|i| {
            let (name, node) = graph.nodes[i];
            at[i].filter(|p| *p != node.pos()).map(|p| (name.to_owned(), p))
        })
        .collect();
    let frames = frames_of((0..graph.len() as u32).filter_map(|i| {
        let node: &Node = graph.nodes[i as usize].1;
        let r = scene.rect_at(i)?;
        Some((node, Rect::at(at[i as usize].unwrap_or(r.origin()), r.w, r.h)))
    }));
    Placement { moves: changed, frames }
}

/// What placing a plan needs.
struct Plan<'p, 'd, F: Fn(u32) -> (i32, i32)> {
    graph: &'p Graph<'d>,
    size: &'p F,
    sites: &'p [u32],
    users: &'p [u32],
    origin: Pos,
    wishes: bool,
}

impl<F: Fn(u32) -> (i32, i32)> Plan<'_, '_, F> {
    /// Positions of the moving nodes (`None` for the others).
    fn arrange(&self, regions: &Regions) -> Vec<Option<Pos>> {
        let mut at: Vec<Option<Pos>> = vec![None; self.graph.len()];
        let shapes: Vec<Vec<arrange::Shape>> = regions
            .iter()
            .map(|(_, gs)| gs.iter().map(|g: &Group| arrange::shape(g, self.size)).collect())
            .collect();
        let (group_at, rects) = arrange::regions(&shapes);
        for (r, region) in shapes.iter().enumerate() {
            for (g, s) in region.iter().enumerate() {
                let base = group_at[r][g];
                for (i, p) in &s.at {
                    at[*i as usize] = Some(Pos {
                        x: self.origin.x + base.x + p.x,
                        y: base.y + p.y,
                    });
                }
            }
        }
        let region_h = rects.iter().map(|r| r.h).max().unwrap_or(0);
        let site_rows = self.band(self.sites, &at);
        let user_rows = self.band(self.users, &at);
        let rows = |band: &[(u32, i32, usize)]| band.iter().map(|b| b.2 + 1).max().unwrap_or(0);
        let top = self.origin.y + arrange::band_height(rows(&site_rows));
        for p in at.iter_mut().flatten() {
            p.y += top;
        }
        let bottom = top + region_h;
        for (band, above) in [(&site_rows, true), (&user_rows, false)] {
            for &(i, x, row) in band {
                at[i as usize] = Some(Pos {
                    x,
                    y: arrange::band_row_y(top, bottom, above, row),
                });
            }
        }
        // Band items wishing left of the regions: shift everything right to the origin.
        let left = at.iter().flatten().map(|p| p.x).min().unwrap_or(self.origin.x);
        if left < self.origin.x {
            for p in at.iter_mut().flatten() {
                p.x += self.origin.x - left;
            }
        }
        at
    }

    /// Packs band `items` near the mean centre column of the VNets they link to.
    fn band(&self, items: &[u32], at: &[Option<Pos>]) -> Vec<(u32, i32, usize)> {
        let centre = |j: u32| {
            let x = at[j as usize].map_or_else(|| self.graph.nodes[j as usize].1.pos().x, |p| p.x);
            x + (self.size)(j).0 / 2
        };
        let wish = |i: u32| -> Option<i32> {
            if !self.wishes {
                return None;
            }
            let linked: Vec<i32> = self.graph.adj[i as usize]
                .iter()
                .filter(|e| self.graph.nodes[e.to as usize].1.kind() == NodeKind::Vnet)
                .map(|e| centre(e.to))
                .collect();
            (!linked.is_empty())
                .then(|| (linked.iter().map(|&x| i64::from(x)).sum::<i64>() / linked.len() as i64) as i32)
        };
        arrange::pack(
            items
                .iter()
                .map(|&i| arrange::Item {
                    node: i,
                    want: wish(i),
                    w: (self.size)(i).0,
                })
                .collect(),
        )
    }
}

/// Keeps the nodes that stay (pinned, or outside the selection) where they are: a selection moves as
/// one block to the nearest place clear of them, then each laid-out box that still meets one (with
/// the margin) goes to the nearest free place.
fn flow(graph: &Graph<'_>, scene: &Scene<'_>, size: &impl Fn(u32) -> (i32, i32), at: &mut [Option<Pos>], whole: bool) {
    let mut boxes = Boxes::default();
    let stays: Vec<u32> = (0..graph.len() as u32).filter(|&i| !graph.mover[i as usize]).collect();
    if stays.is_empty() {
        return;
    }
    for &i in &stays {
        boxes.set(i, scene.rect_at(i));
    }
    let planned = |at: &[Option<Pos>], i: u32| {
        at[i as usize].map(|p| {
            let (w, h) = size(i);
            Rect::at(p, w, h)
        })
    };
    let moving: Vec<u32> = (0..graph.len() as u32).filter(|&i| at[i as usize].is_some()).collect();
    if !whole && let Some(block) = moving.iter().filter_map(|&i| planned(at, i)).reduce(|a, b| a.union(&b)) {
        let to = nearest_free(block.origin(), (block.w, block.h), LAYOUT_MARGIN, |a| {
            boxes.within(a, u32::MAX)
        });
        let (dx, dy) = (to.x - block.x, to.y - block.y);
        for p in at.iter_mut().flatten() {
            p.x += dx;
            p.y += dy;
        }
    }
    for &i in &moving {
        boxes.set(i, planned(at, i));
    }
    let mut order: Vec<(Pos, u32)> = moving.iter().filter_map(|&i| Some((at[i as usize]?, i))).collect();
    order.sort_unstable_by_key(|&(p, i)| (p.y, p.x, i));
    for (_, i) in order {
        let Some(r) = planned(at, i) else { continue };
        let grown = r.inflate(LAYOUT_MARGIN.0, LAYOUT_MARGIN.1);
        if boxes.within(grown, i).is_empty() {
            continue;
        }
        let p = nearest_free(r.origin(), (r.w, r.h), LAYOUT_MARGIN, |a| boxes.within(a, i));
        at[i as usize] = Some(p);
        boxes.set(i, Some(Rect::at(p, r.w, r.h)));
    }
}
