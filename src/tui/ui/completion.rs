//! The candidates of a completion, in a list over the panes, just above the status bar and under
//! the word they complete, while Tab goes through them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::popup::{ListBox, plain};
use crate::tui::geometry::screen::ScreenAreas;
use crate::tui::geometry::text::width;
use crate::tui::state::{App, Mode};

/// Most candidates shown at once (the list scrolls with the one taken).
const SHOWN: usize = 10;

/// Draws the candidates over `area` (the whole screen) while there is more than one.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let (Mode::Command { input, assist, .. } | Mode::Prompt { input, assist, .. }) = &app.mode else {
        return;
    };
    if assist.candidates.len() < 2 {
        return;
    }
    let Some(areas) = ScreenAreas::new(area) else { return };
    let name_w = assist.candidates.iter().map(|c| width(&c.text)).max().unwrap_or(0);
    let list = ListBox {
        title: "Tab: next · Shift-Tab: back",
        typed: None,
        entries: assist
            .candidates
            .iter()
            .map(|c| {
                let pad = name_w.saturating_sub(width(&c.text));
                (format!("{}{}  {}", c.text, " ".repeat(pad), c.note), plain())
            })
            .collect(),
        at: assist.at,
        foot: Some(format!("{} candidates", assist.candidates.len())),
    };
    let w = list.width().min(area.width).min(72);
    let h = list.height(SHOWN).min(areas.status.y.saturating_sub(area.y));
    // Under the word: the `:` takes a column on the command line.
    let word_x = width(input.text().get(..assist.range.start).unwrap_or("")) as u16
        + u16::from(matches!(app.mode, Mode::Command { .. }));
    let x = (area.x + word_x).min(area.right().saturating_sub(w));
    let y = areas.status.y.saturating_sub(h);
    list.draw(Rect::new(x, y, w, h), area, buf);
}
