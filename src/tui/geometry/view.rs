//! What the canvas pane shows: a [`View`] is a zoom level and the screen cells of that level the
//! pane covers, so drawing, hit-testing and scrolling agree on where every world cell (a cell at full
//! size, where nodes are placed) appears. The model's [`Zoom`] maps world cells to screen cells; this
//! only adds the pane's origin and size, fitting a design into the pane, and which link a screen cell
//! is on.

use vnetsketch_model::Pos;
use vnetsketch_model::diagram::{Rect, Routing, Zoom};

/// The part of the diagram the canvas pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct View {
    /// The zoom level.
    pub zoom: Zoom,
    /// The screen cell (of the zoom level, relative to the world origin) at the pane's top-left.
    pub origin: Pos,
    /// Columns of the pane.
    pub w: i32,
    /// Rows of the pane.
    pub h: i32,
}

impl View {
    /// The view at `zoom` whose top-left shows world cell `scroll`, `size` cells large.
    pub fn new(zoom: Zoom, scroll: Pos, size: (i32, i32)) -> View {
        View {
            zoom,
            origin: zoom.to_screen(scroll),
            w: size.0.max(0),
            h: size.1.max(0),
        }
    }

    /// The screen cells shown (of the zoom level).
    pub fn screen(&self) -> Rect {
        Rect {
            x: self.origin.x,
            y: self.origin.y,
            w: self.w,
            h: self.h,
        }
    }

    /// The world cells shown (what is culled and routed).
    pub fn world(&self) -> Rect {
        self.zoom.world_of(self.screen())
    }

    /// The world cell of the pane's top-left (what [`crate::tui::state::CanvasState::scroll`] keeps).
    pub fn scroll(&self) -> Pos {
        self.zoom.to_world(self.origin)
    }

    /// Where world cell `p` appears, as columns and rows from the pane's top-left.
    pub fn cell_of(&self, p: Pos) -> Pos {
        let s = self.zoom.to_screen(p);
        Pos {
            x: s.x - self.origin.x,
            y: s.y - self.origin.y,
        }
    }

    /// The screen cell (of the zoom level) at `col` columns and `row` rows from the pane's top-left.
    pub fn screen_at(&self, col: i32, row: i32) -> Pos {
        Pos {
            x: self.origin.x + col,
            y: self.origin.y + row,
        }
    }

    /// The world cell shown at `col` columns and `row` rows from the pane's top-left.
    pub fn world_at(&self, col: i32, row: i32) -> Pos {
        self.zoom.to_world(self.screen_at(col, row))
    }

    /// World columns per screen column (rounded up): how far one step of the cursor or of a node
    /// goes so that it shows.
    pub fn step(&self) -> (i32, i32) {
        let ((nx, dx), (ny, dy)) = self.zoom.scale();
        ((dx + nx - 1) / nx, (dy + ny - 1) / ny)
    }

    /// The same view at `zoom`, keeping world cell `anchor` where it is on the pane.
    #[must_use]
    pub fn zoomed(&self, zoom: Zoom, anchor: Pos) -> View {
        let at = self.cell_of(anchor);
        let s = zoom.to_screen(anchor);
        View {
            zoom,
            origin: Pos {
                x: s.x - at.x,
                y: s.y - at.y,
            },
            ..*self
        }
    }

    /// The view of the same size that shows all of `content` (world cells), centred, at the closest
    /// level where it fits; at the overview when none does, with the content's top-left corner at the
    /// pane's top-left (the minimap then shows the rest).
    #[must_use]
    pub fn fit(&self, content: Rect) -> View {
        let level = Zoom::ALL
            .into_iter()
            .find(|z| {
                let a = z.area(content);
                a.w <= self.w && a.h <= self.h
            })
            .unwrap_or(Zoom::Overview);
        let a = level.area(content);
        View {
            zoom: level,
            origin: Pos {
                x: a.x - (self.w - a.w).max(0) / 2,
                y: a.y - (self.h - a.h).max(0) / 2,
            },
            ..*self
        }
    }

    /// [`View::fit`], but when `content` fits at no level, the overview centred on world cell
    /// `focus` (kept inside the content on each axis that does not fit, centred on one that does).
    #[must_use]
    pub fn fit_around(&self, content: Rect, focus: Pos) -> View {
        let fitted = self.fit(content);
        if !fitted.larger_than_pane(content) {
            return fitted;
        }
        let a = fitted.zoom.area(content);
        let f = fitted.zoom.to_screen(focus);
        // Centred on the focus, the content's edge not pulled past the pane's.
        let axis = |fitted: i32, lo: i32, len: i32, pane: i32, at: i32| {
            if len <= pane {
                fitted
            } else {
                (at - pane / 2).clamp(lo, lo + len - pane)
            }
        };
        View {
            origin: Pos {
                x: axis(fitted.origin.x, a.x, a.w, self.w, f.x),
                y: axis(fitted.origin.y, a.y, a.h, self.h, f.y),
            },
            ..fitted
        }
    }

    /// `true` when `content` (world cells) does not fit in the pane at this level.
    pub fn larger_than_pane(&self, content: Rect) -> bool {
        let a = self.zoom.area(content);
        a.w > self.w || a.h > self.h
    }
}

/// The link whose route is drawn through screen cell `p` at `zoom` (the last in id order when several
/// are).
pub fn link_at(routing: &Routing, zoom: Zoom, p: Pos) -> Option<vnetsketch_model::LinkId> {
    routing
        .routes
        .iter()
        .rev()
        .filter(|r| !r.fallback)
        .find(|r| on_route(&zoom.route(&r.points), p))
        .map(|r| r.id)
}

/// `true` when `p` is on the runs between `points`.
fn on_route(points: &[Pos], p: Pos) -> bool {
    if let [only] = points {
        return *only == p;
    }
    points.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        p.x >= a.x.min(b.x) && p.x <= a.x.max(b.x) && p.y >= a.y.min(b.y) && p.y <= a.y.max(b.y)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect { x, y, w, h }
    }

    #[test]
    fn a_cell_maps_to_the_world_and_back_at_every_level() {
        for zoom in Zoom::ALL {
            let v = View::new(zoom, Pos { x: 37, y: -11 }, (80, 20));
            for (col, row) in [(0, 0), (5, 3), (79, 19)] {
                let w = v.world_at(col, row);
                assert_eq!(v.cell_of(w), Pos { x: col, y: row }, "{zoom:?}");
            }
            let back = View::new(zoom, v.scroll(), (80, 20));
            assert_eq!(back.origin, v.origin, "{zoom:?}");
        }
    }

    #[test]
    fn fitting_takes_the_closest_level_that_shows_everything() {
        let v = View::new(Zoom::Full, Pos::default(), (100, 30));
        let small = rect(10, 5, 60, 20);
        let f = v.fit(small);
        assert_eq!(f.zoom, Zoom::Full);
        assert_eq!(f.cell_of(small.origin()), Pos { x: 20, y: 5 }, "centred");
        let wide = rect(0, 0, 140, 60);
        let f = v.fit(wide);
        assert_eq!(f.zoom, Zoom::Compact);
        assert!(!f.larger_than_pane(wide));
        let huge = rect(-50, 0, 2000, 600);
        let f = v.fit(huge);
        assert_eq!(f.zoom, Zoom::Overview);
        assert!(f.larger_than_pane(huge));
        assert_eq!(f.cell_of(huge.origin()), Pos::default(), "the top-left corner first");
    }

    #[test]
    fn a_design_too_large_is_fitted_around_its_focus_within_its_bounds() {
        let v = View::new(Zoom::Full, Pos::default(), (100, 30));
        let huge = rect(-50, 0, 2000, 600);
        // In the middle: the focus at the pane's centre.
        let f = v.fit_around(huge, Pos { x: 1000, y: 300 });
        assert_eq!(f.zoom, Zoom::Overview);
        assert_eq!(f.cell_of(Pos { x: 1000, y: 300 }), Pos { x: 50, y: 15 });
        // Near a corner: the view stops at the design's edges, no empty pane beyond them.
        let f = v.fit_around(huge, Pos { x: -40, y: 590 });
        let corner = f.cell_of(Pos { x: -50, y: 599 });
        assert_eq!((corner.x, corner.y), (0, 29));
        // Something that fits is fitted as before, wherever the focus.
        let small = rect(10, 5, 60, 20);
        assert_eq!(v.fit_around(small, Pos { x: 500, y: 500 }), v.fit(small));
    }

    #[test]
    fn zooming_keeps_the_anchor_in_place() {
        let v = View::new(Zoom::Full, Pos { x: 100, y: 40 }, (80, 24));
        let anchor = Pos { x: 140, y: 52 };
        let z = v.zoomed(Zoom::Compact, anchor);
        let (a, b) = (v.cell_of(anchor), z.cell_of(anchor));
        assert_eq!((a.x, a.y), (b.x, b.y));
    }
}
