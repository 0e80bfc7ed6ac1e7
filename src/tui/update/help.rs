//! The help screen: opening it, scrolling through the generated help ([`manual`]) and closing it.

use ratatui::layout::Rect;

use crate::tui::action::Cmd;
use crate::tui::action::manual;
use crate::tui::geometry::screen::{help_popup, inner};
use crate::tui::state::{App, Mode};

/// Opens the help at its top.
pub fn open(app: &mut App) {
    app.mode = Mode::Help { scroll: 0 };
}

/// The largest useful scroll for a terminal of `size`: the last page shows the last line.
fn max_scroll(size: (u16, u16)) -> u16 {
    let body = inner(help_popup(Rect::new(0, 0, size.0, size.1)));
    manual::lines()
        .len()
        .saturating_sub(usize::from(body.height))
        .min(usize::from(u16::MAX)) as u16
}

/// A key in the help: scroll by a line or a page, or close it.
pub fn keys(app: &mut App, cmd: Cmd) {
    let max = max_scroll(app.size);
    let Mode::Help { scroll } = &mut app.mode else { return };
    let delta: i32 = match cmd {
        Cmd::RowUp => -1,
        Cmd::RowDown => 1,
        Cmd::PageUp => -20,
        Cmd::PageDown => 20,
        Cmd::Cancel => {
            app.mode = Mode::Normal;
            return;
        }
        _ => 0,
    };
    *scroll = (i32::from(*scroll) + delta).clamp(0, i32::from(max)) as u16;
}

/// The mouse wheel over the help: `lines` down (up when negative).
pub fn scroll_by(app: &mut App, lines: i16) {
    if let Mode::Help { scroll } = &mut app.mode {
        *scroll = scroll.saturating_add_signed(lines);
    }
}
