//! Parallel edges kept apart. draw.io routes every edge between the same two vertices on the same
//! line, so links between the same two nodes (an S2S and an ExpressRoute link between a hub and a
//! site, a peering and a VNet-to-VNet link) were drawn on top of each other until moved by hand.
//! Each such edge gets a lane: its own exit and entry points on the two icons (`exitX`/`exitY`,
//! `entryX`/`entryY` in its style), two waypoints where it turns, at its own distance between the
//! icons, and its label at its own place along it. Lanes are side by side across the line between
//! the icons, and the lane nearer the far icon's side turns first, so lanes never cross or meet.

use std::fmt::Write as _;

use crate::picture::px;

/// `(x, y, width, height)` in pixels.
pub(super) type Px = (f64, f64, f64, f64);

/// Widest gap between two lanes' ports on an icon, in pixels.
const PORT_GAP: f64 = 16.0;
/// Gap between two lanes' turns, in pixels.
const TURN_GAP: f64 = 12.0;
/// How far along its edge the outermost lanes' labels sit, from the middle (draw.io's relative
/// label position: -1 at the source, 1 at the target).
const LABEL_SPREAD: f64 = 0.3;

/// An edge's lane.
#[derive(Debug, PartialEq)]
pub(super) struct Lane {
    /// Where the edge leaves its source and reaches its target, as fractions of the icons' sizes.
    exit: (f64, f64),
    entry: (f64, f64),
    /// The waypoints, from the source, in pixels.
    points: [(f64, f64); 2],
    /// The label's place along the edge (-1 to 1).
    label_x: f64,
}

/// The lane `index` of `count` (at least 2) edges between icons `p` and `q`; `reversed` when the edge goes from
/// `q` to `p`. The lanes of one pair are made with the same `p` and `q`, whatever each edge's
/// direction.
pub(super) fn lane(p: Px, q: Px, index: usize, count: usize, reversed: bool) -> Lane {
    let pos = |r: Px| [r.0, r.1];
    let size = |r: Px| [r.2, r.3];
    let centre = |r: Px| [r.0 + r.2 / 2.0, r.1 + r.3 / 2.0];
    let (pc, qc) = (centre(p), centre(q));
    // The axis the edge travels along (the icons' centres are further apart on it) and the one its
    // lanes are side by side on.
    let along = usize::from((qc[1] - pc[1]).abs() >= (qc[0] - pc[0]).abs());
    let across = 1 - along;
    let forward = qc[along] >= pc[along];
    let rightward = qc[across] >= pc[across];
    let j = index as f64 - (count as f64 - 1.0) / 2.0;
    let gap = PORT_GAP.min(size(p)[across].min(size(q)[across]) * 0.8 / count as f64);
    let side_p = (pos(p)[across] + size(p)[across] / 2.0 + j * gap).round();
    let side_q = (pos(q)[across] + size(q)[across] / 2.0 + j * gap).round();
    let (leave, reach) = if forward { (1.0, 0.0) } else { (0.0, 1.0) };
    let from = pos(p)[along] + leave * size(p)[along];
    let to = pos(q)[along] + reach * size(q)[along];
    // The lane on the far icon's side turns first (nearer `p`), so no lane crosses another.
    let first = if forward == rightward { -1.0 } else { 1.0 };
    let turn = (f64::midpoint(from, to) + first * j * TURN_GAP).round();
    let point = |a: f64, b: f64| if along == 1 { (a, b) } else { (b, a) };
    let port = |r: Px, side: f64, end: f64| point((side - pos(r)[across]) / size(r)[across], end);
    let spread = if count > 1 {
        2.0 * LABEL_SPREAD / (count as f64 - 1.0)
    } else {
        0.0
    };
    let (exit, entry) = (port(p, side_p, leave), port(q, side_q, reach));
    let points = [point(side_p, turn), point(side_q, turn)];
    if reversed {
        Lane {
            exit: entry,
            entry: exit,
            points: [points[1], points[0]],
            label_x: -j * spread,
        }
    } else {
        Lane {
            exit,
            entry,
            points,
            label_x: j * spread,
        }
    }
}

/// A fraction as the style writes it: up to three decimals, no trailing zeros.
fn fraction(out: &mut String, v: f64) {
    let v = (v * 1000.0).round() / 1000.0;
    let _ = write!(out, "{}", if v == 0.0 { 0.0 } else { v });
}

impl Lane {
    /// Appends the ports to an edge's style (`exitX=…;exitY=…;entryX=…;entryY=…;`).
    pub(super) fn style(&self, out: &mut String) {
        for (key, v) in [
            ("exitX", self.exit.0),
            ("exitY", self.exit.1),
            ("entryX", self.entry.0),
            ("entryY", self.entry.1),
        ] {
            out.push_str(key);
            out.push('=');
            fraction(out, v);
            out.push(';');
        }
    }

    /// Writes the edge's `mxGeometry`: the label's place and the waypoints.
    pub(super) fn geometry(&self, out: &mut String) {
        out.push_str("          <mxGeometry x=\"");
        fraction(out, self.label_x);
        out.push_str("\" relative=\"1\" as=\"geometry\">\n            <Array as=\"points\">\n");
        for (x, y) in self.points {
            out.push_str("              <mxPoint x=\"");
            px(out, x);
            out.push_str("\" y=\"");
            px(out, y);
            out.push_str("\"/>\n");
        }
        out.push_str("            </Array>\n          </mxGeometry>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether two pixel figures are the same.
    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// The lane's path: the exit port, the waypoints, the entry port.
    fn path(l: &Lane, from: Px, to: Px) -> Vec<(f64, f64)> {
        let at = |r: Px, (fx, fy): (f64, f64)| (r.0 + fx * r.2, r.1 + fy * r.3);
        vec![at(from, l.exit), l.points[0], l.points[1], at(to, l.entry)]
    }

    #[test]
    fn lanes_are_orthogonal_side_by_side_and_follow_the_edge_direction() {
        let hub = (100.0, 300.0, 67.0, 40.0);
        for site in [
            (400.0, 40.0, 40.0, 40.0),
            (-200.0, 40.0, 40.0, 40.0),
            (500.0, 290.0, 40.0, 40.0),
        ] {
            let a = lane(hub, site, 0, 2, false);
            let b = lane(hub, site, 1, 2, true);
            let (pa, pb) = (path(&a, hub, site), path(&b, site, hub));
            for w in pa.windows(2).chain(pb.windows(2)) {
                assert!(near(w[0].0, w[1].0) || near(w[0].1, w[1].1), "orthogonal: {w:?}");
            }
            // The reversed lane runs from the site: its path backwards is a path from the hub.
            let back: Vec<_> = pb.iter().rev().copied().collect();
            assert!(
                near(back[0].0, pa[0].0) || near(back[0].1, pa[0].1),
                "both leave the hub on the same side: {pa:?} {back:?}"
            );
            for (x, y) in pa.iter().zip(&back) {
                assert!(
                    !near(x.0, y.0) || !near(x.1, y.1),
                    "no shared corner or port: {pa:?} {back:?}"
                );
            }
            assert!(
                !near(a.label_x, -b.label_x),
                "labels at different places along the pair"
            );
        }
    }
}
