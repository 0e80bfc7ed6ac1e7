//! Where each pane goes for a terminal size. Rendering and mouse handling both use [`ScreenAreas::new`],
//! so a click lands where the pane was drawn.
//!
//! ```text
//! ┌ canvas ─────────────────────┐┌ inspector ──────┐
//! │                             ││                 │
//! └─────────────────────────────┘└─────────────────┘
//! ┌ findings ───────────────────┐┌ throughput ─────┐
//! └─────────────────────────────┘└─────────────────┘
//!  status bar
//!  message or : command line
//! ```

use ratatui::layout::Rect;

/// Narrowest usable terminal.
pub const MIN_WIDTH: u16 = 60;
/// Lowest usable terminal.
pub const MIN_HEIGHT: u16 = 16;

/// The panes' rectangles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScreenAreas {
    /// The canvas, border included.
    pub canvas: Rect,
    /// The findings list, border included.
    pub findings: Rect,
    /// The inspector, border included.
    pub inspector: Rect,
    /// The throughput panel, border included.
    pub throughput: Rect,
    /// The status bar (one row).
    pub status: Rect,
    /// The message or command line (one row).
    pub message: Rect,
}

impl ScreenAreas {
    /// The layout of `area`, or `None` when it is smaller than [`MIN_WIDTH`] x [`MIN_HEIGHT`].
    pub fn new(area: Rect) -> Option<ScreenAreas> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let main_h = area.height - 2;
        let side_w = (area.width * 2 / 5).clamp(28, 56);
        let left_w = area.width - side_w;
        let findings_h = (main_h / 4).clamp(5, 10);
        let canvas_h = main_h - findings_h;
        let inspector_h = main_h * 11 / 20;
        let (x, y) = (area.x, area.y);
        Some(ScreenAreas {
            canvas: Rect::new(x, y, left_w, canvas_h),
            findings: Rect::new(x, y + canvas_h, left_w, findings_h),
            inspector: Rect::new(x + left_w, y, side_w, inspector_h),
            throughput: Rect::new(x + left_w, y + inspector_h, side_w, main_h - inspector_h),
            status: Rect::new(x, y + main_h, area.width, 1),
            message: Rect::new(x, y + main_h + 1, area.width, 1),
        })
    }

    /// The layout for a terminal of `size` (columns, rows).
    pub fn of_size(size: (u16, u16)) -> Option<ScreenAreas> {
        ScreenAreas::new(Rect::new(0, 0, size.0, size.1))
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// A rectangle of at most `w` x `h` centred in `area` (clipped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap_at_every_usable_size() {
        for w in MIN_WIDTH..=300 {
            for h in MIN_HEIGHT..=100 {
                let area = Rect::new(0, 0, w, h);
                let a = ScreenAreas::new(area).expect("usable");
                let panes = [a.canvas, a.findings, a.inspector, a.throughput, a.status, a.message];
                let cells: u32 = panes.iter().map(|r| r.area()).sum();
                assert_eq!(cells, area.area(), "{w}x{h}");
                for (i, p) in panes.iter().enumerate() {
                    assert_eq!(p.intersection(area), *p, "{w}x{h}");
                    assert!(p.width >= 1 && p.height >= 1, "{w}x{h}");
                    for q in &panes[i + 1..] {
                        assert!(!p.intersects(*q), "{w}x{h}: {p:?} {q:?}");
                    }
                }
            }
        }
        assert!(ScreenAreas::new(Rect::new(0, 0, MIN_WIDTH - 1, 40)).is_none());
    }
}
