//! The keys of the modes that type: the `:` line, an inspector field, a file prompt, a chooser's
//! filter and a search. Editing the text is the same everywhere; what the text is for decides what
//! Enter, Esc, ↑ and ↓ do and what follows a change of the text (the chooser filters, the search
//! asks the model again, the `:` line shows the syntax of its command).

use super::out::Out;
use super::{canvas, command_line, completion, files, inspector, search};
use crate::tui::action::Cmd;
use crate::tui::state::{App, Mode};

/// A key bound in a typing mode.
pub(super) fn keys(app: &mut App, cmd: Cmd, out: &mut Out) {
    match cmd {
        Cmd::Submit => submit(app, out),
        Cmd::Cancel => cancel(app),
        Cmd::RowUp | Cmd::RowDown | Cmd::PageUp | Cmd::PageDown => {
            let delta = match cmd {
                Cmd::RowUp => -1,
                Cmd::RowDown => 1,
                Cmd::PageUp => -8,
                _ => 8,
            };
            match app.mode {
                Mode::Choose(_) => inspector::move_choice(app, delta),
                Mode::Search(_) => out.then(search::move_by(app, delta)),
                _ => {}
            }
        }
        Cmd::Complete | Cmd::CompletePrev => {
            out.io(completion::tab(app, cmd == Cmd::Complete));
            command_line::syntax(app);
        }
        Cmd::HistoryPrev => command_line::browse(app, true),
        Cmd::HistoryNext => command_line::browse(app, false),
        _ => {
            let Some(input) = app.mode.text_input() else {
                return;
            };
            let before = input.text().to_owned();
            match cmd {
                Cmd::Backspace => input.backspace(),
                Cmd::DeleteChar => input.delete(),
                Cmd::TextLeft => input.left(),
                Cmd::TextRight => input.right(),
                Cmd::TextHome => input.home(),
                Cmd::TextEnd => input.end(),
                Cmd::TextClear => input.set(""),
                _ => {}
            }
            let changed = input.text() != before;
            if changed {
                typed(app, out);
            }
        }
    }
}

/// Text was typed, pasted or deleted in the field of the current mode.
pub(super) fn typed(app: &mut App, out: &mut Out) {
    match app.mode {
        Mode::Choose(_) => inspector::filter_choices(app),
        Mode::Search(_) => out.then(search::typed(app)),
        Mode::Command { .. } => command_line::typed(app),
        _ => {}
    }
}

fn submit(app: &mut App, out: &mut Out) {
    match app.mode {
        Mode::Command { .. } => out.then(command_line::submit(app)),
        Mode::Field { .. } => inspector::submit_field(app),
        Mode::Choose(_) => inspector::take_choice(app),
        Mode::Search(_) => {
            if let Some(selection) = search::take(app) {
                canvas::select(app, &selection);
                canvas::center(app);
            }
        }
        _ => out.io(files::submit_prompt(app)),
    }
}

fn cancel(app: &mut App) {
    if let Mode::Search(_) = app.mode {
        search::cancel(app);
    } else {
        app.doc.after_save = None;
        app.mode = Mode::Normal;
    }
}
