//! The help screen: the generated help ([`manual`]) in a popup over the screen, from the line the
//! help mode scrolled to.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::theme::{self, put};
use crate::tui::action::manual::{self, Part};
use crate::tui::geometry::screen::{help_popup, inner};
use crate::tui::state::{App, Mode};

/// A line of the help as drawn: its text and style.
fn styled(line: &manual::Line) -> (String, Style) {
    match line.part {
        Part::Title => (line.text.clone(), theme::bold()),
        Part::Heading => (line.text.clone(), theme::bold().fg(Color::LightCyan)),
        Part::Syntax => (line.text.clone(), Style::new().fg(Color::Yellow)),
        Part::Text => (line.text.clone(), Style::new()),
        Part::Link(kind) => {
            let h = theme::link_run(kind);
            (
                format!("  {h}{h}{h}  {}", line.text),
                Style::new().fg(theme::link_color(kind)),
            )
        }
    }
}

/// Draws the help over `area` (the whole screen) in help mode.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Mode::Help { scroll } = app.mode else { return };
    let r = help_popup(area);
    Clear.render(r, buf);
    Block::bordered()
        .border_style(theme::pane_border(true))
        .title(" Help ")
        .render(r, buf);
    let body = inner(r);
    let all = manual::lines();
    let start = usize::from(scroll).min(all.len().saturating_sub(usize::from(body.height)));
    for (i, line) in all.iter().skip(start).take(usize::from(body.height)).enumerate() {
        let (text, style) = styled(line);
        put(buf, body, i32::from(body.x), i32::from(body.y) + i as i32, &text, style);
    }
}
