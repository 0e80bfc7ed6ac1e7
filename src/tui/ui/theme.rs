//! Colours (the model's colour-blind-safe palette) and the few bounds-checked drawing helpers every pane uses.
//!
//! Everything that writes into the [`Buffer`] goes through [`put`] (or the widgets of ratatui, given
//! rects inside the frame), so no size of terminal can make a draw index out of bounds.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use vnetsketch_model::LinkKind;
use vnetsketch_model::design::NodeKind;
use vnetsketch_model::diagram::style::{self, okabe_ito};
use vnetsketch_model::diagram::{LineStyle, Rgb};
use vnetsketch_model::validate::Severity;

use crate::tui::geometry::text::char_width;

/// A colour of the model's palette as a terminal colour.
pub const fn rgb(c: Rgb) -> Color {
    Color::Rgb(c.0, c.1, c.2)
}

/// The glyph of a link kind's horizontal run (the legend and the help).
pub const fn link_run(kind: LinkKind) -> char {
    LineStyle::of(kind).glyphs()[0]
}

/// The colour of a link kind: the model's Okabe–Ito colour (colour-blind safe, readable on a dark and
/// on a light background). Without colour (`NO_COLOR`) the kinds differ by their glyphs.
pub const fn link_color(kind: LinkKind) -> Color {
    rgb(style::link_color(kind))
}

/// The colour of a node kind's box, from the same palette.
pub const fn node_color(kind: NodeKind) -> Color {
    rgb(match kind {
        NodeKind::Vnet => okabe_ito::SKY_BLUE,
        NodeKind::Site => okabe_ito::ORANGE,
        NodeKind::Users => okabe_ito::REDDISH_PURPLE,
    })
}

/// The colour of a severity: the model's Okabe–Ito colour.
pub const fn severity_color(severity: Severity) -> Color {
    rgb(style::severity_color(severity))
}

/// The one-letter tag of a severity.
pub fn severity_tag(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "E",
        Severity::Warning => "W",
        Severity::Info => "I",
    }
}

/// Border style of a pane: bright when it has the focus.
pub fn pane_border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

/// Style of the selected row of a list: reversed when the list has the focus, else underlined.
pub fn selected_row(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}

/// Dim text (hints, placeholders).
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// Error text.
pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// Bold text.
pub fn bold() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Writes one character at `(x, y)` if the cell is inside both `clip` and the buffer.
pub fn put_char(buf: &mut Buffer, clip: Rect, x: i32, y: i32, c: char, style: Style) {
    if !inside(clip, x, y) {
        return;
    }
    if let Some(cell) = buf.cell_mut((x as u16, y as u16)) {
        cell.reset();
        cell.set_char(c).set_style(style);
    }
}

/// Sets the style of one cell (keeping its symbol) if it is inside `clip` and the buffer.
pub fn patch_style(buf: &mut Buffer, clip: Rect, x: i32, y: i32, style: Style) {
    if !inside(clip, x, y) {
        return;
    }
    if let Some(cell) = buf.cell_mut((x as u16, y as u16)) {
        let merged = cell.style().patch(style);
        cell.set_style(merged);
    }
}

fn inside(clip: Rect, x: i32, y: i32) -> bool {
    x >= i32::from(clip.x) && y >= i32::from(clip.y) && x < i32::from(clip.right()) && y < i32::from(clip.bottom())
}

/// Writes `text` from `(x, y)` rightwards, clipped to `clip`, a wide character on two cells;
/// returns the column after the text. A wide character that would cross the right edge of `clip`
/// is not drawn (its second half would cover the cell beyond: a pane's border); control characters
/// and combining marks are left out.
pub fn put(buf: &mut Buffer, clip: Rect, x: i32, y: i32, text: &str, style: Style) -> i32 {
    let mut cx = x;
    for c in text.chars() {
        let w = char_width(c) as i32;
        if w == 0 {
            continue;
        }
        if cx + w > i32::from(clip.right()) {
            break;
        }
        if w == 1 || (inside(clip, cx, y) && inside(clip, cx + w - 1, y)) {
            put_char(buf, clip, cx, y, c, style);
            // The cells a wide character covers hold nothing of their own (ratatui skips them).
            for covered in cx + 1..cx + w {
                if let Some(cell) = buf.cell_mut((covered as u16, y as u16)) {
                    cell.reset();
                }
            }
        } else {
            // Cut by the left edge: blank what of it is inside.
            for part in cx..cx + w {
                put_char(buf, clip, part, y, ' ', style);
            }
        }
        cx += w;
    }
    cx
}

/// Writes spans one after another on a row of `area` (clipped to it); returns the column after them.
pub fn put_spans(buf: &mut Buffer, area: Rect, y: u16, spans: &[(&str, Style)]) -> i32 {
    let mut x = i32::from(area.x);
    for (text, style) in spans {
        x = put(buf, area, x, i32::from(y), text, *style);
    }
    x
}

/// Fills a row of `area` from column `x` to its right edge with `style` (blank cells).
pub fn fill_row(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    for x in area.left()..area.right() {
        put_char(buf, area, i32::from(x), i32::from(y), ' ', style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_outside_the_buffer_does_nothing() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
        let all = Rect::new(0, 0, 100, 100);
        put(&mut buf, all, -3, 0, "abcdef", Style::new());
        put(&mut buf, all, 0, 5, "abc", Style::new());
        put_char(&mut buf, Rect::ZERO, 0, 0, 'x', Style::new());
        assert_eq!(
            buf.content()
                .iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>(),
            "de"
        );
    }
}
