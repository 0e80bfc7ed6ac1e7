//! Diagram quality measures (the usual ones of the graph-drawing literature): boxes that overlap or
//! crowd each other, links that pass through boxes, link crossings, bends, total link length, and
//! cells where routes run on top of each other. The tests hold the engine to them on generated
//! designs: overlaps and links through boxes must be zero, the others must not grow past recorded
//! bounds.

use crate::hash::FxMap;

use super::geom::Rect;
use super::place::Boxes;
use super::route::Routing;
use super::scene::Scene;
use super::zoom::Zoom;

/// Counts for one design and its routing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quality {
    /// Boxes.
    pub boxes: usize,
    /// Pairs of boxes sharing a cell.
    pub overlaps: usize,
    /// Pairs of boxes closer than the margin asked for, but not overlapping.
    pub crowded: usize,
    /// Routed links.
    pub links: usize,
    /// Links with no path (drawn as a plain L).
    pub fallbacks: usize,
    /// (route, box) pairs where a route passes through a box.
    pub through_boxes: usize,
    /// Crossings between routes.
    pub crossings: usize,
    /// Bends over all routes.
    pub bends: usize,
    /// Cells over all routes.
    pub length: u64,
    /// Cells where two or more routes run the same way.
    pub shared: usize,
    /// Routes with a label spot.
    pub labelled: usize,
}

/// Pairs of boxes (as drawn at `zoom`) that overlap, and pairs that keep fewer than `margin` free
/// columns and rows between them without overlapping.
pub fn box_pairs(scene: &Scene<'_>, zoom: Zoom, margin: (i32, i32)) -> (usize, usize) {
    let rects: Vec<Rect> = (0..scene.len() as u32)
        .filter_map(|i| scene.rect_at(i))
        .map(|r| zoom.box_rect(r))
        .collect();
    let mut boxes = Boxes::default();
    for (i, r) in rects.iter().enumerate() {
        boxes.set(i as u32, Some(*r));
    }
    let (mut overlaps, mut crowded) = (0, 0);
    for (i, r) in rects.iter().enumerate() {
        for o in boxes.within(r.inflate(margin.0, margin.1), i as u32) {
            if o.intersects(r) {
                overlaps += 1;
            } else {
                crowded += 1;
            }
        }
    }
    // Each pair was seen from both sides.
    (overlaps / 2, crowded / 2)
}

/// Every measure of `routing` over `scene`'s boxes (margin: [`super::MARGIN`] at full size).
pub fn measure(scene: &Scene<'_>, routing: &Routing) -> Quality {
    let (overlaps, crowded) = box_pairs(scene, Zoom::Full, (super::geom::MARGIN, super::geom::MARGIN));
    let mut q = Quality {
        boxes: scene.len(),
        overlaps,
        crowded,
        links: routing.routes.len(),
        crossings: routing.crossings.len(),
        ..Quality::default()
    };
    let mut along: FxMap<(crate::Pos, bool), u32> = FxMap::default();
    for r in &routing.routes {
        if r.fallback {
            q.fallbacks += 1;
            continue;
        }
        q.bends += r.bends();
        q.length += r.length();
        q.labelled += usize::from(r.label.is_some());
        let runs: Vec<(crate::Pos, crate::Pos)> = if r.points.len() == 1 {
            vec![(r.points[0], r.points[0])]
        } else {
            r.segments().collect()
        };
        for (a, b) in runs {
            let cells = Rect {
                x: a.x.min(b.x),
                y: a.y.min(b.y),
                w: (a.x - b.x).abs() + 1,
                h: (a.y - b.y).abs() + 1,
            };
            q.through_boxes += scene.within(cells).len();
            if a != b {
                let vertical = a.x == b.x;
                for y in cells.y..cells.bottom() {
                    for x in cells.x..cells.right() {
                        *along.entry((crate::Pos { x, y }, vertical)).or_default() += 1;
                    }
                }
            }
        }
    }
    q.shared = along.values().filter(|n| **n > 1).count();
    q
}
