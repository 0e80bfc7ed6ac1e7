//! The status bar: mode, focus, file, unsaved mark, finding counts, undo depth, hints; while a `:`
//! line is typed, the syntax of its command (and "did you mean …" for an unknown word); while it
//! is refused, why.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use vnetsketch_model::validate::Severity;

use super::theme::{self, fill_row, put, put_spans};
use crate::tui::state::{App, Mode};

fn mode_label(mode: &Mode) -> &'static str {
    match mode {
        Mode::Normal => "NORMAL",
        Mode::Command { .. } => "COMMAND",
        Mode::Field { .. } => "EDIT",
        Mode::Link { .. } => "LINK",
        Mode::Choose(_) => "CHOOSE",
        Mode::Search(_) => "SEARCH",
        Mode::Prompt { .. } => "FILE",
        Mode::Confirm(_) => "CONFIRM",
        Mode::Help { .. } => "HELP",
        Mode::Message { .. } => "MESSAGE",
        Mode::Recover(_) => "RECOVER",
    }
}

fn mode_style() -> Style {
    Style::new()
        .bg(Color::LightCyan)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD)
}

/// Draws the status bar into `area` (one row): or, while a line is typed, the syntax of its
/// command and a "did you mean".
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
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
    if let Mode::Command { assist, .. } | Mode::Prompt { assist, .. } = &app.mode
        && (assist.syntax.is_some() || assist.suggestion.is_some())
    {
        let mode = format!(" {} ", mode_label(&app.mode));
        let syntax = assist.syntax.as_deref().map(|s| format!(" {s}")).unwrap_or_default();
        let suggestion = assist
            .suggestion
            .as_deref()
            .map(|s| format!("  {s}"))
            .unwrap_or_default();
        put_spans(
            buf,
            area,
            area.y,
            &[
                (&mode, mode_style()),
                (&syntax, bar.fg(Color::LightCyan).add_modifier(Modifier::BOLD)),
                (&suggestion, bar.fg(Color::Yellow).add_modifier(Modifier::BOLD)),
            ],
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
    // Reach mode is normal mode with the model's paths shown: the bar says which.
    let label = if app.mode == Mode::Normal && app.reach.is_some() {
        "REACH"
    } else {
        mode_label(&app.mode)
    };
    let mode = format!(" {label} ");
    let file = format!(" {}{dirty}{unreadable} ", app.doc.file_label());
    let counts = [Severity::Error, Severity::Warning, Severity::Info]
        .map(|s| (format!("{}:{} ", theme::severity_tag(s), app.doc.report.count(s)), s));
    let mut spans: Vec<(&str, Style)> = vec![
        (&mode, mode_style()),
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
