//! The message line, the bottom row: the `:` line being typed, or the last message, or the current
//! mode's keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use vnetsketch_model::LinkKind;

use super::theme::{self, put, put_spans};
use crate::tui::geometry::text::visible;
use crate::tui::state::{App, Focus, Level, Mode};

fn mode_hint(app: &App) -> String {
    match &app.mode {
        Mode::Link {
            source,
            kind,
            kinds,
            target,
            ..
        } => {
            let offered: Vec<String> = kinds
                .iter()
                .map(|k| format!("{} {}", LinkKind::ALL.iter().position(|x| x == k).unwrap_or(0) + 1, k))
                .collect();
            format!(
                "link {} from {source} to {}: {} · Tab/arrows/click target · Enter draw · Esc cancel",
                kind.as_str(),
                target.as_deref().unwrap_or("?"),
                offered.join(" ")
            )
        }
        Mode::Field { key, .. } => format!("editing {key}: Enter applies, Esc cancels"),
        Mode::Choose(c) => format!("{}: type to filter · ↑↓ · Enter takes it (one undo step) · Esc keeps it", c.key),
        Mode::Search(_) => {
            "search: a name, an address (10.2.), a SKU or a region · ↑↓ Tab · Enter selects · Esc back".to_owned()
        }
        Mode::Confirm(question) => question.keys().to_owned(),
        Mode::Help { .. } => "↑↓ PgUp PgDn scroll · Esc closes".to_owned(),
        Mode::Message { .. } => "Enter or Esc closes".to_owned(),
        Mode::Recover(_) => "r recover · d show differences · x discard the copy · Esc decide later".to_owned(),
        _ => match app.panes.focus {
            Focus::Canvas => {
                "arrows move · n/] select · v s p add · c connect · d delete · Enter inspect · Tab panes · : command · ? help"
                    .to_owned()
            }
            Focus::Inspector => "↑↓ property · Enter edit · Space/←→ choose · Esc canvas".to_owned(),
            Focus::Findings => "↑↓ finding (highlights it) · Enter goes to it, its fix on the : line · Esc canvas".to_owned(),
        },
    }
}

/// The room the `:` line's text has in the message line `area` (after the `:`).
fn room(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(2)).max(1)
}

/// Where the terminal cursor goes while the `:` line is typed in the message line `area`.
pub fn cursor(app: &App, area: Rect) -> Option<(u16, u16)> {
    let Mode::Command { input, .. } = &app.mode else {
        return None;
    };
    let (_, cur) = visible(input.text(), input.cursor(), room(area));
    let x = area.x.saturating_add(1).saturating_add(cur as u16);
    (x < area.right()).then_some((x, area.y))
}

/// Draws the message line into `area` (one row).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if let Mode::Command { input, .. } = &app.mode {
        let (shown, _) = visible(input.text(), input.cursor(), room(area));
        put_spans(buf, area, area.y, &[(":", theme::bold()), (&shown, Style::new())]);
        return;
    }
    match &app.messages.status {
        Some((Level::Error, text)) => {
            put(buf, area, i32::from(area.x), i32::from(area.y), text, theme::error());
        }
        Some((Level::Info, text)) if !matches!(app.mode, Mode::Link { .. }) => {
            put(
                buf,
                area,
                i32::from(area.x),
                i32::from(area.y),
                text,
                Style::new().fg(Color::Green),
            );
        }
        _ => {
            put(
                buf,
                area,
                i32::from(area.x),
                i32::from(area.y),
                &mode_hint(app),
                theme::dim(),
            );
        }
    }
}
