//! Lists in a box over the panes: a property's values while choosing one, the search results, the
//! `:` line's completions. One way to draw them: a bordered box, an optional line of what is typed,
//! the entries (scrolled to keep the highlighted one in view, which is shown reversed), and a
//! footer line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::theme::{self, put};
use crate::tui::geometry::screen::{inner, list_offset};
use crate::tui::geometry::text::{ellipsize, pad, width};

/// What a list box shows.
pub struct ListBox<'a> {
    /// The title on the top border.
    pub title: &'a str,
    /// The line of what is typed, above the entries (none for a plain list).
    pub typed: Option<&'a str>,
    /// The entries, one line each, with their style.
    pub entries: Vec<(String, Style)>,
    /// The highlighted entry.
    pub at: Option<usize>,
    /// The line under the entries (counts, keys), dim.
    pub foot: Option<String>,
}

impl ListBox<'_> {
    /// Rows the box wants: its border, the typed line, the entries, the footer.
    pub fn height(&self, max_entries: usize) -> u16 {
        let rows = 2 + usize::from(self.typed.is_some()) + self.entries.len().clamp(1, max_entries.max(1));
        (rows + usize::from(self.foot.is_some())).min(usize::from(u16::MAX)) as u16
    }

    /// Columns the box wants: its widest line and its border.
    pub fn width(&self) -> u16 {
        let widest = self
            .entries
            .iter()
            .map(|(t, _)| width(t))
            .chain(self.typed.map(|t| width(t) + 2))
            .chain(self.foot.iter().map(|f| width(f)))
            .chain(std::iter::once(width(self.title) + 2))
            .max()
            .unwrap_or(0);
        (widest + 4).min(usize::from(u16::MAX)) as u16
    }

    /// Draws the box in `r` (clipped to `screen`); returns the cell after the typed text, for the
    /// terminal cursor.
    pub fn draw(&self, r: Rect, screen: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
        let r = r.intersection(screen);
        if r.width < 3 || r.height < 3 {
            return None;
        }
        Clear.render(r, buf);
        Block::bordered()
            .border_style(theme::pane_border(true))
            .title(format!(" {} ", self.title))
            .render(r, buf);
        let body = inner(r);
        let w = usize::from(body.width.saturating_sub(2));
        let x = i32::from(body.x) + 1;
        let mut y = i32::from(body.y);
        let mut cursor = None;
        if let Some(typed) = self.typed {
            let shown = ellipsize(typed, w.saturating_sub(2));
            let end = put(buf, body, x, y, &format!("› {shown}"), theme::bold());
            cursor = (end < i32::from(body.right())).then_some((end as u16, y as u16));
            y += 1;
        }
        let foot_rows = i32::from(self.foot.is_some());
        let room = (i32::from(body.bottom()) - y - foot_rows).max(0) as usize;
        if self.entries.is_empty() {
            put(buf, body, x, y, "nothing matches", theme::dim());
        }
        let first = self.at.map_or(0, |a| list_offset(a, room));
        for (i, (text, style)) in self.entries.iter().enumerate().skip(first).take(room) {
            let style = if Some(i) == self.at {
                style.add_modifier(Modifier::REVERSED)
            } else {
                *style
            };
            put(buf, body, x, y, &pad(&ellipsize(text, w), w), style);
            y += 1;
        }
        if let Some(foot) = &self.foot {
            put(
                buf,
                body,
                x,
                i32::from(body.bottom()) - 1,
                &ellipsize(foot, w),
                theme::dim(),
            );
        }
        cursor
    }
}

/// The plain style of an entry.
pub fn plain() -> Style {
    Style::new()
}
