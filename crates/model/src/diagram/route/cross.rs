//! Crossings: cells where a horizontal run of one route crosses a vertical run of a route of another
//! bundle, both runs passing straight through (a corner or an end touching a run is not a crossing,
//! and routes of one bundle meet at junctions, not crossings). The vertical runs are filed in bands
//! of [`BAND`] rows (a run in each band it passes through), sorted by column; each horizontal run
//! looks up the columns strictly inside it in its row's band: `O((h + v) log v + k)` for `h`
//! horizontal and `v` vertical runs and `k` runs checked, `k` counting only runs near its row.

use crate::design::Pos;

use super::types::{Crossing, Route};

/// Rows per band of vertical runs.
const BAND: i32 = 32;

/// Every crossing of `routes`, by row, column and links.
pub(super) fn crossings(routes: &[Route]) -> Vec<Crossing> {
    // (column, top, bottom, route)
    let mut vertical: Vec<(i32, i32, i32, usize)> = Vec::new();
    // (row, left, right, route)
    let mut horizontal: Vec<(i32, i32, i32, usize)> = Vec::new();
    for (k, r) in routes.iter().enumerate().filter(|(_, r)| !r.fallback) {
        for (a, b) in r.segments() {
            if a.x == b.x && a.y != b.y {
                vertical.push((a.x, a.y.min(b.y), a.y.max(b.y), k));
            } else if a.y == b.y && a.x != b.x {
                horizontal.push((a.y, a.x.min(b.x), a.x.max(b.x), k));
            }
        }
    }
    let top = vertical.iter().map(|v| v.1).min().unwrap_or(0);
    let band_of = |y: i32| ((y - top) / BAND) as usize;
    let mut bands: Vec<Vec<(i32, i32, i32, usize)>> =
        vec![Vec::new(); vertical.iter().map(|v| band_of(v.2) + 1).max().unwrap_or(0)];
    for v in vertical {
        for band in &mut bands[band_of(v.1)..=band_of(v.2)] {
            band.push(v);
        }
    }
    for band in &mut bands {
        band.sort_unstable();
    }
    let mut out = Vec::new();
    for &(y, x0, x1, h) in &horizontal {
        let Some(vertical) = bands.get(band_of(y)).filter(|_| y >= top) else {
            continue;
        };
        let from = vertical.partition_point(|v| v.0 <= x0);
        for &(x, y0, y1, v) in vertical[from..].iter().take_while(|v| v.0 < x1) {
            if routes[v].bundle != routes[h].bundle && y0 < y && y < y1 {
                out.push(Crossing {
                    at: Pos { x, y },
                    horizontal: routes[h].id,
                    vertical: routes[v].id,
                });
            }
        }
    }
    out.sort_unstable_by_key(|c| (c.at.y, c.at.x, c.horizontal, c.vertical));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::LinkKind;
    use crate::design::LinkId;

    fn route(id: u32, points: &[(i32, i32)]) -> Route {
        Route {
            id: LinkId(id),
            kind: LinkKind::Peering,
            bundle: id,
            points: points.iter().map(|&(x, y)| Pos { x, y }).collect(),
            ends: [None, None],
            label: None,
            fallback: false,
        }
    }

    #[test]
    fn runs_crossing_straight_through_cross_and_touching_ones_do_not() {
        let routes = [
            route(0, &[(0, 5), (10, 5)]),
            route(1, &[(4, 0), (4, 9)]),
            // Ends on route 0's run: a touch.
            route(2, &[(7, 0), (7, 5)]),
            // Turns on route 0's run: a touch.
            route(3, &[(2, 0), (2, 5), (0, 5)]),
        ];
        let c = crossings(&routes);
        assert_eq!(
            c,
            [Crossing {
                at: Pos { x: 4, y: 5 },
                horizontal: LinkId(0),
                vertical: LinkId(1)
            }]
        );
    }
}
