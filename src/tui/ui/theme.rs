//! Colours, line styles and the few bounds-checked drawing helpers every pane uses.
//!
//! Everything that writes into the [`Buffer`] goes through [`put`] (or the widgets of ratatui, given
//! rects inside the frame), so no size of terminal can make a draw index out of bounds.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use vnetsketch_model::LinkKind;
use vnetsketch_model::design::NodeKind;
use vnetsketch_model::validate::Severity;

/// The characters of one line style: horizontal, vertical, and the four corners
/// (top-left, top-right, bottom-left, bottom-right).
#[derive(Clone, Copy, Debug)]
pub struct LineChars {
    /// Horizontal run.
    pub h: char,
    /// Vertical run.
    pub v: char,
    /// Corner joining right and down.
    pub tl: char,
    /// Corner joining left and down.
    pub tr: char,
    /// Corner joining right and up.
    pub bl: char,
    /// Corner joining left and up.
    pub br: char,
}

const fn lc(h: char, v: char, tl: char, tr: char, bl: char, br: char) -> LineChars {
    LineChars { h, v, tl, tr, bl, br }
}

/// How a link kind is drawn: its characters and its colour.
pub fn link_chars(kind: LinkKind) -> LineChars {
    match kind {
        LinkKind::Peering => lc('─', '│', '┌', '┐', '└', '┘'),
        LinkKind::V2v => lc('═', '║', '╔', '╗', '╚', '╝'),
        LinkKind::S2s => lc('╌', '╎', '┌', '┐', '└', '┘'),
        LinkKind::P2s => lc('┈', '┊', '┌', '┐', '└', '┘'),
        LinkKind::Er => lc('━', '┃', '┏', '┓', '┗', '┛'),
    }
}

/// The colour of a link kind.
pub fn link_color(kind: LinkKind) -> Color {
    match kind {
        LinkKind::Peering => Color::Green,
        LinkKind::V2v => Color::Cyan,
        LinkKind::S2s => Color::Yellow,
        LinkKind::P2s => Color::Magenta,
        LinkKind::Er => Color::LightRed,
    }
}

/// The colour of a node kind's box.
pub fn node_color(kind: NodeKind) -> Color {
    match kind {
        NodeKind::Vnet => Color::LightBlue,
        NodeKind::Site => Color::Yellow,
        NodeKind::Users => Color::Magenta,
    }
}

/// The colour of a severity.
pub fn severity_color(severity: Severity) -> Color {
    match severity {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Cyan,
    }
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

/// Writes `text` from `(x, y)` rightwards, clipped to `clip`; returns the column after the text.
/// Names in designs are ASCII; every other character drawn here is one cell wide.
pub fn put(buf: &mut Buffer, clip: Rect, x: i32, y: i32, text: &str, style: Style) -> i32 {
    let mut cx = x;
    for c in text.chars() {
        if c.is_control() {
            continue;
        }
        if cx >= i32::from(clip.right()) {
            break;
        }
        put_char(buf, clip, cx, y, c, style);
        cx += 1;
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

/// Cuts `text` to `width` characters, ending with `…` when it was longer.
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(width - 1).collect();
    out.push('…');
    out
}

/// Wraps `text` at spaces into lines of at most `width` characters (long words are cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_owned();
        loop {
            let len = line.chars().count();
            let wlen = word.chars().count();
            if len == 0 && wlen <= width {
                line = word;
                break;
            }
            if len > 0 && len + 1 + wlen <= width {
                line.push(' ');
                line.push_str(&word);
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word longer than the line: cut it.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert_eq!(ellipsize("abcdef", 4), "abc…");
    }

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
