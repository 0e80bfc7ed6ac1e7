//! The engine's plain geometry, a leaf every part of it reads: [`Rect`] (cells), [`Side`], the
//! [`MARGIN`] boxes keep, and the one place the engine walks all of a design's nodes and links.

use crate::design::{Design, Link, LinkId, Node, Pos};

/// The free cells every box keeps around it after a layout or a placement ([`free_place`](crate::diagram::free_place)).
pub const MARGIN: i32 = 2;

/// A rectangle of cells: `w` columns from `x`, `h` rows from `y`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rect {
    /// Left column.
    pub x: i32,
    /// Top row.
    pub y: i32,
    /// Width in columns.
    pub w: i32,
    /// Height in rows.
    pub h: i32,
}

impl Rect {
    /// The rectangle of `w` by `h` cells with its top-left corner at `p`.
    pub const fn at(p: Pos, w: i32, h: i32) -> Rect {
        Rect { x: p.x, y: p.y, w, h }
    }

    /// The column just right of it.
    pub const fn right(&self) -> i32 {
        self.x + self.w
    }

    /// The row just below it.
    pub const fn bottom(&self) -> i32 {
        self.y + self.h
    }

    /// The top-left cell.
    pub const fn origin(&self) -> Pos {
        Pos { x: self.x, y: self.y }
    }

    /// The centre cell.
    pub const fn center(&self) -> Pos {
        Pos {
            x: self.x + self.w / 2,
            y: self.y + self.h / 2,
        }
    }

    /// `true` when it holds no cell.
    pub const fn is_empty(&self) -> bool {
        self.w <= 0 || self.h <= 0
    }

    /// `true` when cell `p` is inside.
    pub const fn contains(&self, p: Pos) -> bool {
        p.x >= self.x && p.y >= self.y && p.x < self.right() && p.y < self.bottom()
    }

    /// `true` when the two share a cell.
    pub const fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    #[must_use]
    /// Grown by `dx` columns on the left and right and `dy` rows above and below.
    pub const fn inflate(&self, dx: i32, dy: i32) -> Rect {
        Rect {
            x: self.x - dx,
            y: self.y - dy,
            w: self.w + 2 * dx,
            h: self.h + 2 * dy,
        }
    }

    #[must_use]
    /// The smallest rectangle holding both (an empty one adds nothing).
    pub fn union(&self, o: &Rect) -> Rect {
        if self.is_empty() {
            return *o;
        }
        if o.is_empty() {
            return *self;
        }
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }

    #[must_use]
    /// The cells both hold (empty when they share none).
    pub fn intersection(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.max(o.x), self.y.max(o.y));
        Rect {
            x,
            y,
            w: (self.right().min(o.right()) - x).max(0),
            h: (self.bottom().min(o.bottom()) - y).max(0),
        }
    }

    /// The nearest cell of the rectangle to `p` (`p` itself when inside).
    pub fn nearest(&self, p: Pos) -> Pos {
        Pos {
            x: p.x.clamp(self.x, (self.right() - 1).max(self.x)),
            y: p.y.clamp(self.y, (self.bottom() - 1).max(self.y)),
        }
    }

    /// Its area in cells (0 when empty), without overflow.
    pub fn area(&self) -> u64 {
        if self.is_empty() {
            0
        } else {
            self.w as u64 * self.h as u64
        }
    }
}

/// A side of a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// The top border.
    Top,
    /// The right border.
    Right,
    /// The bottom border.
    Bottom,
    /// The left border.
    Left,
}

impl Side {
    /// The glyph of a port on this side's border, the line leaving the box: `┴ ├ ┬ ┤`.
    pub const fn port_glyph(self) -> char {
        match self {
            Side::Top => '┴',
            Side::Right => '├',
            Side::Bottom => '┬',
            Side::Left => '┤',
        }
    }

    /// The unit step leaving the box through this side.
    pub const fn outward(self) -> (i32, i32) {
        match self {
            Side::Top => (0, -1),
            Side::Right => (1, 0),
            Side::Bottom => (0, 1),
            Side::Left => (-1, 0),
        }
    }
}

/// Every node of `design` with its name, in name order. The one place the engine walks all nodes
/// (the model's `nodes` map will become a read accessor; only this line changes then).
pub(crate) fn all_nodes(design: &Design) -> impl ExactSizeIterator<Item = (&String, &Node)> {
    design.nodes().iter()
}

/// Every link of `design` with its id, in id order. The one place the engine walks all links.
pub(crate) fn all_links(design: &Design) -> impl ExactSizeIterator<Item = (&LinkId, &Link)> {
    design.links().iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_meet_join_and_clamp_by_cells() {
        let a = Rect { x: 0, y: 0, w: 4, h: 2 };
        let b = Rect { x: 4, y: 0, w: 3, h: 2 };
        assert!(!a.intersects(&b), "touching edges share no cell");
        assert!(a.inflate(1, 0).intersects(&b));
        assert_eq!(a.union(&b), Rect { x: 0, y: 0, w: 7, h: 2 });
        assert_eq!(a.union(&Rect::default()), a);
        assert!(a.intersection(&b).is_empty());
        assert_eq!(a.nearest(Pos { x: 9, y: -3 }), Pos { x: 3, y: 0 });
        assert!(a.contains(Pos { x: 3, y: 1 }) && !a.contains(Pos { x: 4, y: 1 }));
        assert_eq!(a.area(), 8);
        assert_eq!(
            Rect {
                x: 0,
                y: 0,
                w: -1,
                h: 3
            }
            .area(),
            0
        );
    }
}
