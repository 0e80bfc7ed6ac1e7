//! Zoom levels: how world cells (cells at [`Zoom::Full`]) map to screen cells at each level.
//!
//! A level is a scale per axis, `sx = nx/dx` and `sy = ny/dy` (at most 1). A world cell `p` goes to
//! screen cell `(floor(p.x·sx), floor(p.y·sy))`. A box `[x, x+w)` becomes the columns
//! `[floor((x−1)·sx)+1, floor((x+w)·sx))`: every world cell outside the box maps outside the scaled
//! box, so a route that avoids a box at full size avoids it at every level, and boxes that keep a gap
//! of `g ≥ 1` cells keep at least `floor((g−1)·s)+1 ≥ 1` screen cells apart. Rows scale the same way at
//! [`Zoom::Compact`]; at [`Zoom::Overview`] a box is one row, the row of its centre, so two boxes one
//! above the other keep a free row between their marks when their centres are at least `2/sy` = 10
//! rows apart (the layout's rows are; see [`super::layout()`]).
//!
//! | level | sx | sy | a box becomes | a 1,000-VNet layout (960×330 cells) becomes |
//! |---|---|---|---|---|
//! | `Full` | 1 | 1 | the full box, three text lines | 960×330 |
//! | `Compact` | 2/3 | 1/3 | one row: the name | 640×110 |
//! | `Overview` | 1/4 | 1/5 | one row of 2–5 cells: initials | 240×66 |

use crate::design::Pos;

use super::geom::Rect;

/// A zoom level of the canvas.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Zoom {
    /// Full boxes: name, prefixes, gateways or summary.
    #[default]
    Full,
    /// One-line boxes: the name.
    Compact,
    /// A node is a mark of its initials.
    Overview,
}

/// `floor(v·num/den)` without overflow.
fn scale_floor(v: i32, (num, den): (i32, i32)) -> i32 {
    (i64::from(v) * i64::from(num)).div_euclid(i64::from(den)) as i32
}

impl Zoom {
    /// Every level, from the closest to the farthest.
    pub const ALL: [Zoom; 3] = [Zoom::Full, Zoom::Compact, Zoom::Overview];

    /// The scale per axis as `((nx, dx), (ny, dy))`.
    pub const fn scale(self) -> ((i32, i32), (i32, i32)) {
        match self {
            Zoom::Full => ((1, 1), (1, 1)),
            Zoom::Compact => ((2, 3), (1, 3)),
            Zoom::Overview => ((1, 4), (1, 5)),
        }
    }

    /// The next level out (`None` from the overview).
    pub const fn out(self) -> Option<Zoom> {
        match self {
            Zoom::Full => Some(Zoom::Compact),
            Zoom::Compact => Some(Zoom::Overview),
            Zoom::Overview => None,
        }
    }

    /// The next level in (`None` at full size).
    pub const fn closer(self) -> Option<Zoom> {
        match self {
            Zoom::Full => None,
            Zoom::Compact => Some(Zoom::Full),
            Zoom::Overview => Some(Zoom::Compact),
        }
    }

    /// The screen cell (relative to the world origin) of world cell `p`.
    pub fn to_screen(self, p: Pos) -> Pos {
        let (sx, sy) = self.scale();
        Pos {
            x: scale_floor(p.x, sx),
            y: scale_floor(p.y, sy),
        }
    }

    /// The first world cell that maps to screen cell `p` (where a click at `p` lands).
    pub fn to_world(self, p: Pos) -> Pos {
        let ((nx, dx), (ny, dy)) = self.scale();
        let up = |v: i32, num: i32, den: i32| -> i32 {
            // ceil(v·den/num): the smallest world cell q with floor(q·num/den) == v.
            let t = i64::from(v) * i64::from(den);
            let n = i64::from(num);
            (t.div_euclid(n) + i64::from(t.rem_euclid(n) != 0)) as i32
        };
        Pos {
            x: up(p.x, nx, dx),
            y: up(p.y, ny, dy),
        }
    }

    /// The world rectangle that `screen` (a view at this level) shows, for culling and for routing
    /// what is on screen.
    pub fn world_of(self, screen: Rect) -> Rect {
        let from = self.to_world(screen.origin());
        let to = self.to_world(Pos {
            x: screen.right(),
            y: screen.bottom(),
        });
        Rect {
            x: from.x,
            y: from.y,
            w: to.x - from.x,
            h: to.y - from.y,
        }
    }

    /// The screen cells covering the world rectangle `world` (a frame, a view): every cell a world
    /// cell of it maps to. Unlike [`Zoom::box_rect`], it keeps its height at the overview.
    pub fn area(self, world: Rect) -> Rect {
        let from = self.to_screen(world.origin());
        let to = self.to_screen(Pos {
            x: world.right() - 1,
            y: world.bottom() - 1,
        });
        Rect {
            x: from.x,
            y: from.y,
            w: to.x - from.x + 1,
            h: to.y - from.y + 1,
        }
    }

    /// The screen rectangle of a box whose full-size rectangle is `world` (see the module doc).
    pub fn box_rect(self, world: Rect) -> Rect {
        let (sx, sy) = self.scale();
        let span = |from: i32, len: i32, s: (i32, i32)| -> (i32, i32) {
            let start = scale_floor(from - 1, s) + 1;
            let end = scale_floor(from + len, s);
            (start, (end - start).max(1))
        };
        let (x, w) = span(world.x, world.w, sx);
        let (y, h) = match self {
            Zoom::Full | Zoom::Compact => span(world.y, world.h, sy),
            Zoom::Overview => (scale_floor(world.y + world.h / 2, sy), 1),
        };
        Rect { x, y, w, h }
    }

    /// A route's corner points at this level: each point scaled, repeated and straight-through
    /// points dropped (two runs one cell apart at full size may meet at a reduced level).
    pub fn route(self, points: &[Pos]) -> Vec<Pos> {
        let mut out: Vec<Pos> = Vec::with_capacity(points.len());
        for p in points.iter().map(|p| self.to_screen(*p)) {
            if out.last() == Some(&p) {
                continue;
            }
            if let [.., a, b] = out[..]
                && ((a.x == b.x && b.x == p.x) || (a.y == b.y && b.y == p.y))
            {
                out.pop();
            }
            out.push(p);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_size_is_the_identity() {
        let r = Rect {
            x: -7,
            y: 3,
            w: 20,
            h: 5,
        };
        assert_eq!(Zoom::Full.box_rect(r), r);
        assert_eq!(Zoom::Full.to_screen(Pos { x: -7, y: 3 }), Pos { x: -7, y: 3 });
    }

    #[test]
    fn a_click_lands_on_a_world_cell_that_maps_back_to_it() {
        for zoom in Zoom::ALL {
            for x in -40..40 {
                let p = Pos { x, y: x * 3 - 5 };
                assert_eq!(zoom.to_screen(zoom.to_world(p)), p, "{zoom:?} {p:?}");
            }
        }
    }

    #[test]
    fn boxes_keep_apart_and_cells_outside_stay_outside_at_every_level() {
        // Every alignment of two boxes of every width, side by side with a gap of 1..=6 columns.
        for zoom in Zoom::ALL {
            for x in 0..12 {
                for w in 14..=26 {
                    let a = Rect { x, y: 0, w, h: 5 };
                    let sa = zoom.box_rect(a);
                    assert!(
                        sa.w >= 1 && sa.h == if zoom == Zoom::Full { 5 } else { 1 },
                        "{zoom:?} {a:?} {sa:?}"
                    );
                    for gap in 1..=6 {
                        let b = Rect {
                            x: a.right() + gap,
                            y: 0,
                            w: 14,
                            h: 5,
                        };
                        let sb = zoom.box_rect(b);
                        assert!(sb.x > sa.right() - 1, "{zoom:?} {a:?} {b:?}: {sa:?} {sb:?}");
                    }
                    // A cell just outside at full size is outside the scaled box.
                    for p in [Pos { x: x - 1, y: 2 }, Pos { x: a.right(), y: 2 }] {
                        assert!(!sa.contains(zoom.to_screen(p)), "{zoom:?} {a:?} {p:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn rows_ten_apart_keep_a_free_row_between_marks() {
        for y in 0..20 {
            let a = Rect { x: 0, y, w: 14, h: 5 };
            let b = Rect {
                x: 0,
                y: y + 10,
                w: 14,
                h: 5,
            };
            let (sa, sb) = (Zoom::Overview.box_rect(a), Zoom::Overview.box_rect(b));
            assert!(sb.y > sa.bottom(), "{sa:?} {sb:?}");
            let (ca, cb) = (Zoom::Compact.box_rect(a), Zoom::Compact.box_rect(b));
            assert!(cb.y > ca.bottom(), "{ca:?} {cb:?}");
        }
    }

    #[test]
    fn routes_scale_to_corners_only() {
        let pts = [
            Pos { x: 0, y: 0 },
            Pos { x: 0, y: 1 },
            Pos { x: 9, y: 1 },
            Pos { x: 9, y: 12 },
        ];
        assert_eq!(
            Zoom::Compact.route(&pts),
            vec![Pos { x: 0, y: 0 }, Pos { x: 6, y: 0 }, Pos { x: 6, y: 4 }]
        );
        let view = Rect {
            x: 0,
            y: 0,
            w: 60,
            h: 20,
        };
        assert_eq!(
            Zoom::Overview.world_of(view),
            Rect {
                x: 0,
                y: 0,
                w: 240,
                h: 100
            }
        );
    }
}
