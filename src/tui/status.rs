//! The two bottom rows: the status bar (mode, focus, file, unsaved mark, finding counts, hints) and
//! the message line (the last message, or the `:` line being typed, or the current mode's keys).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use vnetsketch_model::validate::Severity;

use super::state::{App, Level, Mode};
use super::theme::{self, fill_row, put, put_spans};

fn mode_label(mode: &Mode) -> &'static str {
    match mode {
        Mode::Normal => "NORMAL",
        Mode::Command { .. } => "COMMAND",
        Mode::Field { .. } => "EDIT",
        Mode::Link { .. } => "LINK",
        Mode::Prompt { .. } => "FILE",
        Mode::Confirm(_) => "CONFIRM",
        Mode::Help { .. } => "HELP",
        Mode::Message { .. } => "MESSAGE",
        Mode::Recover(_) => "RECOVER",
    }
}

/// Draws the status bar into `area` (one row).
pub fn render_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let bar = Style::new().bg(Color::DarkGray).fg(Color::White);
    fill_row(buf, area, area.y, bar);
    if let Mode::Command { error: Some(e), .. } = &app.mode {
        put(
            buf,
            area,
            i32::from(area.x),
            i32::from(area.y),
            &format!(" {e}"),
            theme::error().bg(Color::DarkGray),
        );
        return;
    }
    let dirty = if app.doc.dirty() { " [+]" } else { "" };
    let unreadable = if app.doc.file.unreadable {
        " (could not be read: saving asks for a name)"
    } else {
        ""
    };
    let (undo, redo) = app.doc.history.depth();
    let mode = format!(" {} ", mode_label(&app.mode));
    let file = format!(" {}{dirty}{unreadable} ", app.doc.file_label());
    let counts = [Severity::Error, Severity::Warning, Severity::Info]
        .map(|s| (format!("{}:{} ", theme::severity_tag(s), app.doc.report.count(s)), s));
    let mut spans: Vec<(&str, Style)> = vec![
        (
            &mode,
            Style::new()
                .bg(Color::LightCyan)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD),
        ),
        (" ", bar),
        (app.panes.focus.label(), bar),
        (&file, bar.add_modifier(Modifier::BOLD)),
    ];
    for (text, sev) in &counts {
        spans.push((text, bar.fg(theme::severity_color(*sev)).add_modifier(Modifier::BOLD)));
    }
    let history = format!(" undo {undo} redo {redo} ");
    spans.push((&history, bar));
    spans.push((" ?:help  ::command  q:quit", bar));
    put_spans(buf, area, area.y, &spans);
}

fn mode_hint(app: &App) -> String {
    match &app.mode {
        Mode::Link { source, kind, target, .. } => format!(
            "link {} from {source} to {}: 1 s2s 2 p2s 3 v2v 4 peering 5 er · Tab/arrows/click target · Enter draw · Esc cancel",
            kind.as_str(),
            target.as_deref().unwrap_or("?")
        ),
        Mode::Field { key, .. } => format!("editing {key}: Enter applies, Esc cancels"),
        Mode::Confirm(_) => "y yes · n/Esc no".to_owned(),
        Mode::Help { .. } => "↑↓ PgUp PgDn scroll · Esc closes".to_owned(),
        Mode::Message { .. } => "Enter or Esc closes".to_owned(),
        Mode::Recover(_) => "r recover · d show differences · x discard the copy · Esc decide later".to_owned(),
        _ => match app.panes.focus {
            super::state::Focus::Canvas => {
                "arrows move · n/] select · v s p add · c connect · d delete · Enter inspect · Tab panes · : command · ? help"
                    .to_owned()
            }
            super::state::Focus::Inspector => "↑↓ property · Enter edit · Space/←→ choose · Esc canvas".to_owned(),
            super::state::Focus::Findings => "↑↓ finding (highlights it) · Enter inspect · Esc canvas".to_owned(),
        },
    }
}

/// Draws the message line into `area` (one row); returns where the terminal cursor goes while the
/// `:` line is typed.
pub fn render_message(app: &App, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    if let Mode::Command { input, .. } = &app.mode {
        let room = usize::from(area.width.saturating_sub(2)).max(1);
        let (shown, cur) = input.visible(room);
        put_spans(buf, area, area.y, &[(":", theme::bold()), (&shown, Style::new())]);
        let x = area.x.saturating_add(1).saturating_add(cur as u16);
        return (x < area.right()).then_some((x, area.y));
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
    None
}
