//! The minimap's geometry: where it goes in the canvas pane, which of its cells a world cell falls in
//! (the design's bounds scaled to its inside, each axis by its own share), and [`Dots`], the cells
//! that hold a node, counted per cell so that a move updates them without going over every node.

use ratatui::layout::Rect as Area;
use vnetsketch_model::Pos;
use vnetsketch_model::diagram::Rect;

/// The smallest pane that gets a minimap (columns, rows).
const MIN_PANE: (u16, u16) = (60, 20);

/// Where the minimap goes (its border included) in a pane's inside `clip`: the bottom-right corner
/// (`None` when the pane is too small for one).
pub fn area(clip: Area) -> Option<Area> {
    if clip.width < MIN_PANE.0 || clip.height < MIN_PANE.1 {
        return None;
    }
    let w = (clip.width / 4).clamp(14, 34);
    let h = (clip.height / 3).clamp(6, 12);
    Some(Area::new(clip.right() - w, clip.bottom() - h, w, h))
}

/// World cells to the cells of a minimap's inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    /// The minimap's inside (screen cells).
    pub inside: Area,
    /// The world cells it shows: the design's bounds.
    pub bounds: Rect,
}

impl Scale {
    /// The scale of a minimap whose inside is `inside` over `bounds` (`None` when either is empty).
    pub fn new(inside: Area, bounds: Rect) -> Option<Scale> {
        (!bounds.is_empty() && inside.width > 0 && inside.height > 0).then_some(Scale { inside, bounds })
    }

    /// The screen cell of world cell `p` (clamped to the inside).
    pub fn cell(&self, p: Pos) -> (i32, i32) {
        let (iw, ih) = (i64::from(self.inside.width), i64::from(self.inside.height));
        let b = self.bounds;
        let cx = (i64::from(p.x - b.x) * iw).div_euclid(i64::from(b.w.max(1)));
        let cy = (i64::from(p.y - b.y) * ih).div_euclid(i64::from(b.h.max(1)));
        (
            i32::from(self.inside.x) + cx.clamp(0, iw - 1) as i32,
            i32::from(self.inside.y) + cy.clamp(0, ih - 1) as i32,
        )
    }

    /// The index of cell `c` (a cell of [`Scale::cell`]) in a row-major array of the inside.
    fn slot(&self, c: (i32, i32)) -> usize {
        let (x, y) = (c.0 - i32::from(self.inside.x), c.1 - i32::from(self.inside.y));
        (y as usize) * usize::from(self.inside.width) + x as usize
    }
}

/// How many nodes fall in each cell of a minimap (its dots), at a [`Scale`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dots {
    scale: Scale,
    /// Per cell of the inside, row by row.
    counts: Vec<u32>,
}

impl Dots {
    /// The dots of nodes at `positions`.
    pub fn new(scale: Scale, positions: &[Pos]) -> Dots {
        let mut counts = vec![0; usize::from(scale.inside.width) * usize::from(scale.inside.height)];
        for p in positions {
            counts[scale.slot(scale.cell(*p))] += 1;
        }
        Dots { scale, counts }
    }

    /// The scale they are at.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// A node moved from `from` to `to` (`None` before: it was added; after: deleted), the bounds
    /// kept.
    pub fn moved(&mut self, from: Option<Pos>, to: Option<Pos>) {
        if let Some(from) = from
            && let Some(c) = self.counts.get_mut(self.scale.slot(self.scale.cell(from)))
        {
            *c = c.saturating_sub(1);
        }
        if let Some(to) = to
            && let Some(c) = self.counts.get_mut(self.scale.slot(self.scale.cell(to)))
        {
            *c += 1;
        }
    }

    /// The screen cells that hold a node, row by row.
    pub fn cells(&self) -> impl Iterator<Item = (i32, i32)> + '_ {
        let (x0, y0, w) = (
            i32::from(self.scale.inside.x),
            i32::from(self.scale.inside.y),
            usize::from(self.scale.inside.width).max(1),
        );
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(move |(i, _)| (x0 + (i % w) as i32, y0 + (i / w) as i32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dots_followed_through_moves_are_the_dots_of_the_new_positions() {
        let scale = Scale::new(
            Area::new(100, 40, 30, 10),
            Rect {
                x: -50,
                y: -20,
                w: 900,
                h: 300,
            },
        )
        .expect("scale");
        let mut positions: Vec<Pos> = (0..400)
            .map(|k| Pos {
                x: (k * 37) % 900 - 50,
                y: (k * 13) % 300 - 20,
            })
            .collect();
        let mut dots = Dots::new(scale, &positions);
        for k in (0..400).step_by(3) {
            let to = Pos {
                x: (k as i32 * 91) % 900 - 50,
                y: (k as i32 * 7) % 300 - 20,
            };
            dots.moved(Some(positions[k]), Some(to));
            positions[k] = to;
        }
        assert_eq!(dots, Dots::new(scale, &positions));
        // Nodes deleted (a cell emptied) and added.
        for k in (0..400).step_by(5).rev() {
            dots.moved(Some(positions.remove(k)), None);
        }
        for k in 0..30 {
            let p = Pos {
                x: k * 29 - 50,
                y: 279 - k,
            };
            dots.moved(None, Some(p));
            positions.push(p);
        }
        assert_eq!(dots, Dots::new(scale, &positions));
        let cells: Vec<(i32, i32)> = dots.cells().collect();
        assert!(cells.len() > 100, "{}", cells.len());
        for p in &positions {
            assert!(cells.contains(&scale.cell(*p)), "{p:?}");
        }
        for (x, y) in cells {
            assert!((100..130).contains(&x) && (40..50).contains(&y));
        }
    }
}
