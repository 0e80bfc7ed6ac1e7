//! Geometry of a layout plan: where each group, region column and band item goes.
//!
//! - A group is its hub on top, centred, and below it the VNets of each level in rows of `k` boxes
//!   (`k` = the larger of `⌈√n⌉` and `min(n, 4)` for `n` VNets under the hub), every row centred on
//!   one column pitch (the widest box plus [`COL_GAP`]) so the vertical channels between boxes line up.
//! - A region is a grid of its groups, `⌈groups/R⌉` columns, filled row by row. `R`, the number of
//!   group rows, is one number for all regions, chosen so the whole picture is about three times as
//!   wide as tall in cells (half that on screen, where a cell is twice as tall as wide).
//! - Regions are columns side by side, [`REGION_GAP`] apart (two frame paddings and a channel).
//! - The on-premises band sits above the regions and the users band below, each item as close as it
//!   can to the mean column of the VNets it links to; items push right when they would overlap, and
//!   open a new row of the band when pushed further than their own width.
//!
//! Every row of boxes is at least [`ROW_GAP`] rows from the next, so boxes keep a free row between
//! their marks at [`super::super::Zoom::Overview`].

use crate::design::Pos;

use super::super::boxes::BOX_H;
use super::super::frames::FRAME_PAD;
use super::super::geom::Rect;
use super::graph::Group;

/// Columns between two boxes of a group row.
pub(super) const COL_GAP: i32 = 6;
/// Rows between two rows of boxes.
pub(super) const ROW_GAP: i32 = 5;
/// Columns and rows between two groups of a region.
const GROUP_GAP: (i32, i32) = (10, 7);
/// Columns between two region columns.
pub(super) const REGION_GAP: i32 = 2 * FRAME_PAD.0 + 8;
/// Rows between a band and the region columns.
const BAND_GAP: i32 = 2 * FRAME_PAD.1 + 4;
/// Columns between two items of a band row.
const BAND_COL_GAP: i32 = 4;
/// Width over height of the region area the grid aims for, in cells.
const ASPECT: f64 = 3.0;

/// Boxes of a group relative to its top-left corner.
pub(super) struct Shape {
    pub w: i32,
    pub h: i32,
    pub at: Vec<(u32, Pos)>,
}

/// Boxes per row for `n` boxes.
pub(super) fn per_row(n: usize) -> usize {
    (n as f64).sqrt().ceil().max(n.min(4) as f64).max(1.0) as usize
}

/// The shape of a group: hub on top, levels below in centred rows.
pub(super) fn shape(group: &Group, size: &impl Fn(u32) -> (i32, i32)) -> Shape {
    let under: usize = group.levels.iter().map(Vec::len).sum();
    let k = per_row(under);
    let pitch = group.levels.iter().flatten().map(|i| size(*i).0).max().unwrap_or(0) + COL_GAP;
    let mut rows: Vec<&[u32]> = Vec::new();
    for level in &group.levels {
        rows.extend(level.chunks(k));
    }
    let row_w = |row: &[u32]| row.len() as i32 * pitch - COL_GAP;
    let root_w = group.root.map_or(0, |r| size(r).0);
    let w = rows.iter().map(|r| row_w(r)).max().unwrap_or(0).max(root_w);
    let mut at = Vec::new();
    let mut y = 0;
    if let Some(r) = group.root {
        at.push((r, Pos { x: (w - root_w) / 2, y }));
        y += BOX_H + ROW_GAP;
    }
    for row in &rows {
        let left = (w - row_w(row)) / 2;
        for (j, i) in row.iter().enumerate() {
            let (bw, _) = size(*i);
            // Centred in its pitch, so rows of different widths keep the columns' channels.
            let x = left + j as i32 * pitch + (pitch - COL_GAP - bw) / 2;
            at.push((*i, Pos { x, y }));
        }
        y += BOX_H + ROW_GAP;
    }
    Shape { w, h: y - ROW_GAP, at }
}

/// The grid of one region with `rows` rows of groups: (width, height, each group's top-left).
fn region_grid(shapes: &[Shape], rows: usize) -> (i32, i32, Vec<Pos>) {
    let rows = rows.max(1);
    let cols = shapes.len().div_ceil(rows).max(1);
    let mut col_w = vec![0; cols];
    let mut row_h = vec![0; shapes.len().div_ceil(cols)];
    for (i, s) in shapes.iter().enumerate() {
        col_w[i % cols] = col_w[i % cols].max(s.w);
        row_h[i / cols] = row_h[i / cols].max(s.h);
    }
    // Where each of consecutive spans starts, `gap` apart.
    let starts = |spans: &[i32], gap: i32| -> Vec<i32> {
        spans
            .iter()
            .scan(0, |at, span| {
                let start = *at;
                *at += span + gap;
                Some(start)
            })
            .collect()
    };
    let (col_x, row_y) = (starts(&col_w, GROUP_GAP.0), starts(&row_h, GROUP_GAP.1));
    let at = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| Pos {
            x: col_x[i % cols] + (col_w[i % cols] - s.w) / 2,
            y: row_y[i / cols],
        })
        .collect();
    let w = col_w.iter().sum::<i32>() + GROUP_GAP.0 * (cols as i32 - 1);
    let h = row_h.iter().sum::<i32>() + GROUP_GAP.1 * (row_h.len() as i32 - 1).max(0);
    (w, h, at)
}

/// The top-left of every group of every region (regions in column order, starting at column 0,
/// row 0), and the rectangle each region takes.
pub(super) fn regions(shapes: &[Vec<Shape>]) -> (Vec<Vec<Pos>>, Vec<Rect>) {
    let most = shapes.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let total = |rows: usize| -> (i32, i32) {
        let mut w = 0;
        let mut h = 0;
        for s in shapes {
            let (rw, rh, _) = region_grid(s, rows);
            w += rw + REGION_GAP;
            h = h.max(rh);
        }
        (w - REGION_GAP, h)
    };
    let score = |rows: usize| {
        let (w, h) = total(rows);
        (f64::from(w.max(1)) / f64::from(h.max(1)) / ASPECT).ln().abs()
    };
    // The fewest rows of groups that comes closest to the aimed shape.
    let rows = (1..=most)
        .map(|r| (score(r), r))
        .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        .map_or(1, |(_, r)| r);
    let mut x = 0;
    let mut at = Vec::with_capacity(shapes.len());
    let mut rects = Vec::with_capacity(shapes.len());
    for s in shapes {
        let (w, h, grid) = region_grid(s, rows);
        at.push(grid.into_iter().map(|p| Pos { x: p.x + x, y: p.y }).collect());
        rects.push(Rect { x, y: 0, w, h });
        x += w + REGION_GAP;
    }
    (at, rects)
}

/// A band item: its node, the column its centre would like, its size.
pub(super) struct Item {
    pub node: u32,
    pub want: Option<i32>,
    pub w: i32,
}

/// Packs band items into rows: (node, left column, row). Each item goes to the row where it lands
/// nearest its wish, or opens a new row when every row would push it more than three times its width;
/// then
/// each row's items are shifted, keeping their order and gaps, to the least squared distance from
/// their wishes (pool-adjacent-violators: overlapping neighbours merge into blocks centred on their
/// mean wish). Items without a wish go to the end of the first row.
pub(super) fn pack(mut items: Vec<Item>) -> Vec<(u32, i32, usize)> {
    items.sort_by_key(|it| (it.want.is_none(), it.want, it.node));
    let mut right: Vec<i32> = Vec::new();
    // Per row: (node, wished left column, width), in column order.
    let mut rows: Vec<Vec<(u32, i32, i32)>> = Vec::new();
    for it in items {
        let want = match it.want {
            Some(c) => c - it.w / 2,
            None => right.first().copied().unwrap_or(0),
        };
        let best = right
            .iter()
            .enumerate()
            .map(|(r, edge)| ((*edge).max(want) - want, r))
            .min();
        let row = match best {
            Some((push, r)) if push <= 3 * it.w || it.want.is_none() => r,
            _ => {
                right.push(i32::MIN / 2);
                rows.push(Vec::new());
                right.len() - 1
            }
        };
        let x = right[row].max(want);
        right[row] = x + it.w + BAND_COL_GAP;
        rows[row].push((it.node, if it.want.is_some() { want } else { x }, it.w));
    }
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for (node, x) in settle(row) {
            out.push((node, x, r));
        }
    }
    out.sort_by_key(|&(node, _, _)| node);
    out
}

/// The left columns of a row's items (in order, [`BAND_COL_GAP`] apart at least) nearest their wishes.
fn settle(row: &[(u32, i32, i32)]) -> Vec<(u32, i32)> {
    // A block: first item, item count, sum of (wish - offset in block), width.
    struct Block {
        first: usize,
        n: i64,
        sum: i64,
        w: i32,
    }
    let left = |b: &Block| (b.sum as f64 / b.n as f64).round() as i32;
    let mut blocks: Vec<Block> = Vec::new();
    for (i, &(_, want, w)) in row.iter().enumerate() {
        let mut cur = Block {
            first: i,
            n: 1,
            sum: i64::from(want),
            w,
        };
        while let Some(prev) = blocks.last()
            && left(prev) + prev.w + BAND_COL_GAP > left(&cur)
        {
            let Some(prev) = blocks.pop() else { break };
            let offset = i64::from(prev.w + BAND_COL_GAP);
            cur = Block {
                first: prev.first,
                n: prev.n + cur.n,
                sum: prev.sum + cur.sum - offset * cur.n,
                w: prev.w + BAND_COL_GAP + cur.w,
            };
        }
        blocks.push(cur);
    }
    let mut out = Vec::with_capacity(row.len());
    for b in &blocks {
        let mut x = left(b);
        for &(node, _, w) in &row[b.first..b.first + b.n as usize] {
            out.push((node, x));
            x += w + BAND_COL_GAP;
        }
    }
    out
}

/// The height of `rows` rows of boxes, and the rows between a band and the regions.
pub(super) fn band_height(rows: usize) -> i32 {
    if rows == 0 {
        0
    } else {
        rows as i32 * (BOX_H + ROW_GAP) - ROW_GAP + BAND_GAP
    }
}

/// The row (top) of band row `row`: on-premises rows climb from just above the regions, users rows
/// descend from just below them.
pub(super) fn band_row_y(region_top: i32, region_bottom: i32, above: bool, row: usize) -> i32 {
    let step = row as i32 * (BOX_H + ROW_GAP);
    if above {
        region_top - BAND_GAP - BOX_H - step
    } else {
        region_bottom + BAND_GAP + step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_puts_its_hub_over_centred_rows() {
        let g = Group {
            root: Some(0),
            levels: vec![(1..=7).collect()],
        };
        let s = shape(&g, &|i| (if i == 0 { 20 } else { 14 }, BOX_H));
        // Seven spokes: rows of four and three, pitch 20.
        assert_eq!((s.w, s.h), (4 * 20 - COL_GAP, 3 * BOX_H + 2 * ROW_GAP));
        assert_eq!(s.at[0], (0, Pos { x: (74 - 20) / 2, y: 0 }));
        assert_eq!(s.at[1].1, Pos { x: 0, y: 10 });
        assert_eq!(s.at[5].1, Pos { x: 10, y: 20 }, "the short row is centred");
    }

    #[test]
    fn band_items_sit_near_their_wish_and_open_rows_when_crowded() {
        let items = (0..5)
            .map(|i| Item {
                node: i,
                want: Some(100),
                w: 20,
            })
            .chain([Item {
                node: 9,
                want: None,
                w: 20,
            }])
            .collect();
        let placed = pack(items);
        // Three side by side, centred on their wish; then a new row rather than far away.
        assert_eq!(
            &placed[..5],
            [(0, 66, 0), (1, 90, 0), (2, 114, 0), (3, 78, 1), (4, 102, 1)]
        );
        assert_eq!(
            placed[5],
            (9, 162, 0),
            "items without links go to the end of the first row"
        );
    }
}
