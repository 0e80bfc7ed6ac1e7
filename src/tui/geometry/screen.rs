//! Where each pane goes for a terminal size ([`ScreenAreas`]), and where the rows of the lists and
//! the help popup are inside them. Drawing and mouse handling both use these, so a click lands
//! where the pane, the row or the popup was drawn.
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
    /// The areas of `area`, or `None` when it is smaller than [`MIN_WIDTH`] x [`MIN_HEIGHT`].
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

    /// The areas for a terminal of `size` (columns, rows).
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

/// The canvas size in cells (inside its border) for a terminal of `size`, when it is usable.
pub fn canvas_size(size: (u16, u16)) -> Option<(i32, i32)> {
    ScreenAreas::of_size(size).map(|a| {
        let r = inner(a.canvas);
        (i32::from(r.width), i32::from(r.height))
    })
}

/// The help popup over `area`.
pub fn help_popup(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).min(120),
        area.height.saturating_sub(2),
    )
}

/// The first row shown of a list with row `selected` selected and room for `visible` rows: the
/// list scrolls just enough to show the selection.
pub fn list_offset(selected: usize, visible: usize) -> usize {
    (selected + 1).saturating_sub(visible.max(1))
}

/// The inspector row under screen row `y` of the inspector pane `area` (its border included; a
/// header row, then the rows), with row `selected` selected, out of `count`.
pub fn inspector_row_at(area: Rect, y: u16, selected: usize, count: usize) -> Option<usize> {
    let body = inner(area);
    let first = body.y + 1;
    if y < first || y >= body.bottom() {
        return None;
    }
    let visible = usize::from(body.height.saturating_sub(1));
    let i = usize::from(y - first) + list_offset(selected, visible);
    (i < count).then_some(i)
}

/// Rows kept under the findings list (inside its border, `body`) for the selected finding's hint.
pub fn findings_detail_rows(body: Rect) -> u16 {
    if body.height >= 4 { 2 } else { 0 }
}

/// The first finding shown in a list of `visible` rows with finding `selected` selected.
pub fn findings_offset(selected: Option<usize>, visible: usize) -> usize {
    selected.map_or(0, |s| list_offset(s, visible))
}

/// The finding under screen row `y` of the findings pane `area` (its border included), with
/// finding `selected` selected, out of `count`.
pub fn finding_at(area: Rect, y: u16, selected: Option<usize>, count: usize) -> Option<usize> {
    let body = inner(area);
    let list_h = body.height - findings_detail_rows(body);
    if y < body.y || y >= body.y + list_h {
        return None;
    }
    let i = usize::from(y - body.y) + findings_offset(selected, usize::from(list_h));
    (i < count).then_some(i)
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
