//! The nearest free place for a box, over any source of boxes: the design's ([`super::Scene`]) for
//! new nodes, or the layout's planned boxes ([`Boxes`]) when laid-out nodes flow around pinned ones.
//!
//! The nearest free place sits against a box in each direction it was pushed: its row is the wished
//! row or a box edge plus the margin, and on that row its column is the free column nearest the wished
//! one (a sorted sweep of the columns the row's boxes forbid). Rows are tried nearest first until no
//! row can beat the best place found; the search area doubles until a place is found. Distance counts
//! a row as two columns (a terminal cell is about twice as tall as wide); ties go to the upper, then
//! the left place. Cost: `O(k log k)` per row tried for the `k` boxes near the wish.

use crate::design::Pos;
use crate::hash::FxMap;

use super::geom::Rect;

/// The nearest place to `near` for a `w`×`h` box keeping `margin` (columns, rows) free cells from
/// every box `boxes_in(area)` returns for an area.
pub(crate) fn nearest_free(
    near: Pos,
    size: (i32, i32),
    margin: (i32, i32),
    boxes_in: impl Fn(Rect) -> Vec<Rect>,
) -> Pos {
    let (w, h) = (size.0.max(1), size.1.max(1));
    let (mx, my) = (margin.0.max(0), margin.1.max(0));
    let wanted = Rect::at(near, w, h).inflate(mx, my);
    if !boxes_in(wanted).iter().any(|b| b.intersects(&wanted)) {
        return near;
    }
    let dist = |x: i32, y: i32| {
        let (dx, dy) = (i64::from(x - near.x), i64::from(y - near.y));
        dx * dx + 4 * dy * dy
    };
    let mut radius = 2 * w.max(h) + mx + my;
    loop {
        let area = Rect {
            x: near.x - radius - w - 2 * mx,
            y: near.y - radius - h - 2 * my,
            w: 2 * (radius + w + 2 * mx) + 1,
            h: 2 * (radius + h + 2 * my) + 1,
        };
        let boxes = boxes_in(area);
        let mut rows = vec![near.y];
        for b in &boxes {
            rows.extend([b.bottom() + my, b.y - my - h]);
        }
        rows.retain(|y| (y - near.y).abs() <= radius);
        rows.sort_unstable_by_key(|&y| (dist(near.x, y), y));
        rows.dedup();
        let mut best: Option<(i64, i32, i32)> = None;
        for y in rows {
            if best.is_some_and(|(d, _, _)| d < dist(near.x, y)) {
                break;
            }
            let strip = boxes.iter().filter(|b| b.y < y + h + my && b.bottom() > y - my);
            let x = nearest_free_column(near.x, strip, w, mx);
            if (x - near.x).abs() <= radius {
                let here = (dist(x, y), y, x);
                best = Some(best.map_or(here, |b| b.min(here)));
            }
        }
        if let Some((_, y, x)) = best {
            return Pos { x, y };
        }
        if radius > i32::MAX / 8 {
            // Nothing fits within a billion cells: the design cannot hold that many boxes.
            return near;
        }
        radius *= 2;
    }
}

/// The column nearest `x` where a `w`-wide box keeps `mx` free columns from every box of `strip`.
fn nearest_free_column<'a>(x: i32, strip: impl Iterator<Item = &'a Rect>, w: i32, mx: i32) -> i32 {
    // Each box forbids the columns strictly between `b.x - mx - w` and `b.right() + mx`.
    let mut blocked: Vec<(i32, i32)> = strip.map(|b| (b.x - mx - w, b.right() + mx)).collect();
    blocked.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::with_capacity(blocked.len());
    for (lo, hi) in blocked {
        match merged.last_mut() {
            Some(last) if lo < last.1 => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    match merged.iter().find(|(lo, hi)| *lo < x && x < *hi) {
        None => x,
        Some(&(lo, hi)) => {
            if x - lo <= hi - x {
                lo
            } else {
                hi
            }
        }
    }
}

/// Columns and rows of one bucket.
const BUCKET: (i32, i32) = (32, 8);

/// A set of boxes that can move, bucketed by the cells they cover (the layout's planned boxes and
/// the nodes it does not move).
#[derive(Default)]
pub(crate) struct Boxes {
    rects: Vec<Option<Rect>>,
    grid: FxMap<(i32, i32), Vec<u32>>,
}

impl Boxes {
    fn buckets(r: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (r.x.div_euclid(BUCKET.0), (r.right() - 1).div_euclid(BUCKET.0));
        let (y0, y1) = (r.y.div_euclid(BUCKET.1), (r.bottom() - 1).div_euclid(BUCKET.1));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    /// Sets box `i` to `r` (`None` removes it).
    pub fn set(&mut self, i: u32, r: Option<Rect>) {
        if self.rects.len() <= i as usize {
            self.rects.resize(i as usize + 1, None);
        }
        if let Some(old) = self.rects[i as usize] {
            for b in Self::buckets(old) {
                if let Some(list) = self.grid.get_mut(&b) {
                    list.retain(|&j| j != i);
                }
            }
        }
        self.rects[i as usize] = r.filter(|r| !r.is_empty());
        if let Some(new) = self.rects[i as usize] {
            for b in Self::buckets(new) {
                self.grid.entry(b).or_default().push(i);
            }
        }
    }

    /// The box of `i`.
    pub fn get(&self, i: u32) -> Option<Rect> {
        self.rects.get(i as usize).copied().flatten()
    }

    /// The boxes meeting `area` but `skip`, by index.
    pub fn within(&self, area: Rect, skip: u32) -> Vec<Rect> {
        if area.is_empty() {
            return Vec::new();
        }
        let (x0, x1) = (area.x.div_euclid(BUCKET.0), (area.right() - 1).div_euclid(BUCKET.0));
        let (y0, y1) = (area.y.div_euclid(BUCKET.1), (area.bottom() - 1).div_euclid(BUCKET.1));
        let cells = i64::from(x1 - x0 + 1) * i64::from(y1 - y0 + 1);
        let mut found: Vec<u32> = if cells > self.grid.len() as i64 {
            (0..self.rects.len() as u32).collect()
        } else {
            (x0..=x1)
                .flat_map(|x| (y0..=y1).map(move |y| (x, y)))
                .filter_map(|b| self.grid.get(&b))
                .flatten()
                .copied()
                .collect()
        };
        found.sort_unstable();
        found.dedup();
        found
            .into_iter()
            .filter(|&i| i != skip)
            .filter_map(|i| self.get(i))
            .filter(|r| r.intersects(&area))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn moved_boxes_are_found_where_they_are_now() {
        let mut b = Boxes::default();
        let near = r(0, 0, 50, 10);
        b.set(0, Some(r(0, 0, 20, 5)));
        b.set(1, Some(r(100, 40, 20, 5)));
        assert_eq!(b.within(near, u32::MAX).len(), 1);
        b.set(1, Some(r(10, 3, 20, 5)));
        assert_eq!(b.within(near, u32::MAX).len(), 2);
        assert_eq!(b.within(near, 1).len(), 1);
        b.set(0, None);
        assert_eq!(b.within(r(-1000, -1000, 5000, 5000), u32::MAX).len(), 1);
    }

    #[test]
    fn the_nearest_free_place_is_against_the_boxes_in_the_way() {
        let boxes = [r(0, 0, 20, 5), r(22, 0, 20, 5)];
        let source = |area: Rect| {
            boxes
                .iter()
                .filter(|b| b.intersects(&area))
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(
            nearest_free(Pos { x: 50, y: 0 }, (10, 5), (2, 2), source),
            Pos { x: 50, y: 0 }
        );
        // Wedged between the two: out to the right (12 columns) beats below (7 rows, 14 columns).
        assert_eq!(
            nearest_free(Pos { x: 32, y: 0 }, (10, 5), (2, 2), source),
            Pos { x: 44, y: 0 }
        );
        assert_eq!(
            nearest_free(Pos { x: 10, y: 1 }, (10, 5), (2, 2), source),
            Pos { x: 10, y: 7 }
        );
    }
}
