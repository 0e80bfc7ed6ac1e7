//! The `:` command line: the command language of PRODUCT.md (through the model's parser and
//! [`vnetsketch_model::Design::apply`]), plus the app's own commands ([`builtin::BUILTINS`]: `w`,
//! `e`, `q`, `export`, `undo`, `redo`…, handed on as [`Action::Builtin`]), with a history browsed by
//! Up and Down. A refused line stays in the field, its error naming the word.

use vnetsketch_model::complete::complete;
use vnetsketch_model::{Change, Edit, EditError, Pos, parse_line};

use crate::tui::action::Action;
use crate::tui::action::builtin::{self, Builtin};
use crate::tui::state::{App, Assist, Focus, Mode, Selection, TextInput};

/// Most lines kept in the history.
const HISTORY_MAX: usize = 500;

/// Opens the command line (with `prefix` typed, and `place` to put an added node at the cursor),
/// showing at once the syntax of the command typed.
pub fn open(app: &mut App, prefix: &str, place: bool) {
    open_then(app, prefix, place, None);
}

/// Opens the command line with `line` typed; once it ran, the focus goes to `back` (a finding's fix
/// goes back to the findings).
pub fn open_then(app: &mut App, line: &str, place: bool, back: Option<Focus>) {
    app.mode = Mode::Command {
        input: TextInput::new(line),
        history_pos: None,
        place,
        error: None,
        assist: Assist::default(),
        back,
    };
    typed(app);
}

/// Up / Down in the command line.
pub fn browse(app: &mut App, back: bool) {
    let len = app.messages.command_history.len();
    let Mode::Command { input, history_pos, .. } = &mut app.mode else {
        return;
    };
    if len == 0 {
        return;
    }
    let next = match (*history_pos, back) {
        (None, true) => Some(len - 1),
        (None, false) => None,
        (Some(i), true) => Some(i.saturating_sub(1)),
        (Some(i), false) => (i + 1 < len).then_some(i + 1),
    };
    *history_pos = next;
    input.set(
        next.and_then(|i| app.messages.command_history.get(i))
            .cloned()
            .unwrap_or_default(),
    );
}

fn remember(app: &mut App, line: &str) {
    if app.messages.command_history.last().map(String::as_str) != Some(line) {
        app.messages.command_history.push(line.to_owned());
    }
    if app.messages.command_history.len() > HISTORY_MAX {
        app.messages.command_history.remove(0);
    }
}

/// Enter in the command line: runs the line; a refused line stays, with the error naming the word.
/// Returns what the line asks of another concern: one of the app's own commands, or the selection
/// of what an edit made.
pub fn submit(app: &mut App) -> Option<Action> {
    let Mode::Command {
        input,
        place,
        assist,
        back,
        ..
    } = app.mode.clone()
    else {
        return None;
    };
    let line = input.text().trim().to_owned();
    app.mode = Mode::Normal;
    if line.is_empty() {
        return None;
    }
    remember(app, &line);
    let refuse = |app: &mut App, message: String| {
        app.error(message.clone());
        app.mode = Mode::Command {
            input: input.clone(),
            history_pos: None,
            place,
            error: Some(message),
            assist: assist.clone(),
            back,
        };
    };
    if let Some(builtin) = builtin::parse(&line) {
        return match builtin {
            // A name that is no node's stays on the line, with the names it may have meant.
            Ok(Builtin::Select { name }) if app.doc.design.node(&name).is_none() => {
                let e = EditError::unknown_node(&app.doc.design, &name);
                refuse(app, format!("`{name}`: {e}"));
                None
            }
            Ok(b) => Some(Action::Builtin(b)),
            Err(message) => {
                refuse(app, message);
                None
            }
        };
    }
    let edit = match parse_line(&line) {
        Ok(Some(edit)) => edit,
        Ok(None) => return None,
        Err(e) => {
            refuse(app, format!("column {}: `{}`: {}", e.column, e.word, e.message));
            return None;
        }
    };
    match app.apply(&edit, false) {
        Ok(change) => {
            app.info(change.summary.clone());
            if let Some(focus) = back {
                // A finding's fix: back to the findings, on the first one left.
                return Some(Action::Focus(focus));
            }
            after_edit(app, &edit, &change, place).map(Action::Select)
        }
        Err(e) => {
            let word = e.word().map(|w| format!("`{w}`: ")).unwrap_or_default();
            refuse(app, format!("{word}{e}"));
            None
        }
    }
}

/// What to select after an edit: what it made or changed. A node added from the canvas keys goes
/// to the cursor first.
fn after_edit(app: &mut App, edit: &Edit, change: &Change, place: bool) -> Option<Selection> {
    let node = match edit {
        Edit::AddVnet { name, .. } | Edit::AddSite { name, .. } | Edit::AddUsers { name, .. } => {
            if place {
                // At the cursor, or the nearest place to it clear of every box.
                let pos: Pos = vnetsketch_model::edit::nearest_free_place(&app.doc.design, name, app.canvas.cursor)
                    .unwrap_or(app.canvas.cursor);
                if let Err(e) = app.apply(
                    &Edit::Move {
                        name: name.clone(),
                        pos,
                    },
                    true,
                ) {
                    app.error(e.to_string());
                }
            }
            name.clone()
        }
        Edit::Set { name, .. } | Edit::Move { name, .. } => name.clone(),
        Edit::Gateway { vnet, .. } | Edit::RemoveGateway { vnet, .. } | Edit::Subnet { vnet, .. } => vnet.clone(),
        Edit::Link { .. } => return change.touched_links().next().map(Selection::Link),
        // The copy: the node the edit made.
        Edit::Duplicate { name, .. } => change.touched_nodes().find(|n| n != name)?.to_owned(),
        _ => return None,
    };
    // A rename through `set NAME name=NEW` leaves the old name behind.
    app.doc.design.node(&node).is_some().then_some(Selection::Node(node))
}

/// The line changed: the syntax of the command typed (the model's, or one of the app's own
/// [`builtin::BUILTINS`]); what Tab went through is forgotten.
pub fn typed(app: &mut App) {
    if let Mode::Command { assist, .. } = &mut app.mode {
        *assist = Assist::default();
    }
    syntax(app);
}

/// What the line is, from the model: the syntax of its command (or of one of the app's own) and
/// "did you mean …" for a word already typed that is no known word. Called as the line changes
/// (after a completion, say).
pub fn syntax(app: &mut App) {
    let design = &app.doc.design;
    let Mode::Command { input, assist, .. } = &mut app.mode else {
        return;
    };
    let verb = input
        .text()
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if let Some((syntax, doc)) = builtin::syntax(&verb) {
        assist.syntax = Some(format!("{syntax}   {doc}"));
        assist.suggestion = None;
        return;
    }
    let found = complete(design, input.text(), input.byte_cursor());
    assist.syntax = found.syntax.map(str::to_owned);
    assist.suggestion = found.suggestion;
}
