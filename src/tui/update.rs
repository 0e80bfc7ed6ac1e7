//! `update`: the one place the app changes. A flat dispatch on the action and the mode, delegating
//! to the panes' modules. It does no IO: what needs IO comes back as [`Effect`]s. After every action
//! the autosave policy ([`super::autosave`]) has its say.

use std::time::Duration;

use vnetsketch_model::Edit;

use super::action::{Action, Cmd, Effect};
use super::state::TextInput;
use super::state::{App, Confirm, Focus, Mode, Selection};
use super::{autosave, command_line, files, findings, help, inspector, linking, nav};

/// Applies `action` to `app` and returns the IO to perform; then the autosave policy adds what it
/// asks for (a recovery copy to write or to remove).
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let (idle, mut effects) = match action {
        // A tick changes nothing by itself (a run of moves goes on through it).
        Action::Tick { idle } => (idle, Vec::new()),
        action => (Duration::ZERO, dispatch(app, action)),
    };
    autosave::check(app, idle, &mut effects);
    effects
}

fn dispatch(app: &mut App, action: Action) -> Vec<Effect> {
    // A run of moves of one node is one undo step; anything else ends the run.
    let merging = app.canvas.merge_moves.take();
    match action {
        Action::Cmd(cmd) => {
            if app.mode == Mode::Normal {
                app.messages.status = None;
            }
            command(app, cmd, merging.as_deref())
        }
        Action::Input(c) => {
            if let Some(input) = text_input(&mut app.mode) {
                input.insert(c);
            }
            Vec::new()
        }
        Action::Paste(text) => {
            if let Some(input) = text_input(&mut app.mode) {
                input.insert_str(&text);
            }
            Vec::new()
        }
        Action::Mouse(m) => nav::mouse(app, m, merging.as_deref()),
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.canvas.merge_moves = merging;
            Vec::new()
        }
        Action::Loaded { path, result, recovery } => {
            files::loaded(app, &path, result, recovery);
            Vec::new()
        }
        Action::Autosaved { edits, result } => autosave::autosaved(app, edits, result),
        Action::Tick { .. } => Vec::new(),
        Action::Saved { path, result } => files::saved(app, path, result),
        Action::Exported { path, result } => {
            files::exported(app, &path, result);
            Vec::new()
        }
    }
}

fn command(app: &mut App, cmd: Cmd, merging: Option<&str>) -> Vec<Effect> {
    match &app.mode {
        Mode::Normal => normal(app, cmd, merging),
        Mode::Command { .. } | Mode::Field { .. } | Mode::Prompt { .. } => text(app, cmd),
        Mode::Link { .. } => link(app, cmd),
        Mode::Confirm(_) => match cmd {
            Cmd::Yes => files::answer(app, Some(true)),
            Cmd::No | Cmd::Cancel => files::answer(app, Some(false)),
            Cmd::SaveFirst => files::answer(app, None),
            _ => Vec::new(),
        },
        Mode::Message { .. } => {
            if matches!(cmd, Cmd::Yes | Cmd::No | Cmd::Cancel) {
                app.mode = Mode::Normal;
            }
            Vec::new()
        }
        Mode::Help { .. } => {
            help_keys(app, cmd);
            Vec::new()
        }
        Mode::Recover(_) => autosave::answer(app, cmd),
    }
}

fn normal(app: &mut App, cmd: Cmd, merging: Option<&str>) -> Vec<Effect> {
    match cmd {
        Cmd::Quit => return files::quit(app, false),
        Cmd::Help => app.mode = Mode::Help { scroll: 0 },
        Cmd::CommandLine => command_line::open(app, "", false),
        Cmd::Undo => undo(app),
        Cmd::Redo => redo(app),
        Cmd::Save => return files::save(app, None, false),
        Cmd::SaveAs => files::ask(app, super::state::Purpose::SaveAs),
        Cmd::ExportJson => files::ask(app, super::state::Purpose::ExportJson),
        Cmd::Open => files::ask(app, super::state::Purpose::Open),
        Cmd::FocusNext => focus(app, app.panes.focus.next()),
        Cmd::FocusPrev => focus(app, app.panes.focus.prev()),
        Cmd::Cancel => {
            if app.panes.focus == Focus::Canvas {
                app.panes.selection = Selection::None;
                app.panes.finding = None;
            } else {
                app.panes.focus = Focus::Canvas;
            }
        }
        Cmd::Cursor(d) => nav::move_cursor(app, d, 1),
        Cmd::CursorFar(d) => nav::move_cursor(app, d, 8),
        Cmd::MoveNode(d) => nav::move_node(app, d, merging),
        Cmd::NextNode => nav::cycle_node(app, true),
        Cmd::PrevNode => nav::cycle_node(app, false),
        Cmd::NextLink => nav::cycle_link(app, true),
        Cmd::PrevLink => nav::cycle_link(app, false),
        Cmd::AddVnet => command_line::open(app, "vnet ", true),
        Cmd::AddSite => command_line::open(app, "site ", true),
        Cmd::AddUsers => command_line::open(app, "users ", true),
        Cmd::StartLink => linking::start(app),
        Cmd::Delete => {
            if app.panes.selection == Selection::None {
                app.error("nothing selected to delete");
            } else {
                app.mode = Mode::Confirm(Confirm::Delete(app.panes.selection.clone()));
            }
        }
        Cmd::Inspect => {
            if app.panes.selection == Selection::None {
                app.error("nothing selected: n selects a node, ] a link");
            } else {
                app.panes.focus = Focus::Inspector;
            }
        }
        Cmd::Center => nav::center(app),
        Cmd::RowUp | Cmd::RowDown | Cmd::PageUp | Cmd::PageDown => rows(app, cmd),
        Cmd::Activate => match app.panes.focus {
            Focus::Inspector => inspector::activate(app),
            Focus::Findings if app.panes.selection != Selection::None => app.panes.focus = Focus::Inspector,
            _ => {}
        },
        Cmd::ChoiceNext => inspector::step_choice(app, true),
        Cmd::ChoicePrev => inspector::step_choice(app, false),
        _ => {}
    }
    Vec::new()
}

fn focus(app: &mut App, to: Focus) {
    app.panes.focus = to;
    if to == Focus::Findings && app.panes.finding.is_none() && !app.doc.report.findings.is_empty() {
        findings::select(app, 0);
    }
}

fn rows(app: &mut App, cmd: Cmd) {
    let delta = match cmd {
        Cmd::RowUp => -1,
        Cmd::RowDown => 1,
        Cmd::PageUp => -8,
        _ => 8,
    };
    match app.panes.focus {
        Focus::Inspector => inspector::move_row(app, delta),
        Focus::Findings => findings::move_row(app, delta as isize),
        Focus::Canvas => {}
    }
}

fn text_input(mode: &mut Mode) -> Option<&mut TextInput> {
    match mode {
        Mode::Command { input, .. } | Mode::Field { input, .. } | Mode::Prompt { input, .. } => Some(input),
        _ => None,
    }
}

fn text(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    match cmd {
        Cmd::Submit => {
            return match app.mode {
                Mode::Command { .. } => command_line::submit(app),
                Mode::Field { .. } => {
                    inspector::submit_field(app);
                    Vec::new()
                }
                _ => files::submit_prompt(app),
            };
        }
        Cmd::Cancel => {
            app.doc.after_save = None;
            app.mode = Mode::Normal;
        }
        Cmd::HistoryPrev => command_line::browse(app, true),
        Cmd::HistoryNext => command_line::browse(app, false),
        _ => {
            let Some(input) = text_input(&mut app.mode) else {
                return Vec::new();
            };
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
        }
    }
    Vec::new()
}

fn link(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    match cmd {
        Cmd::LinkKind(k) => linking::set_kind(app, k),
        Cmd::NextTarget => linking::cycle_target(app, true),
        Cmd::PrevTarget => linking::cycle_target(app, false),
        Cmd::Cursor(d) => nav::move_cursor(app, d, 1),
        Cmd::ConfirmLink => return linking::confirm(app),
        Cmd::Cancel => {
            app.mode = Mode::Normal;
            app.info("no link drawn");
        }
        _ => {}
    }
    Vec::new()
}

fn help_keys(app: &mut App, cmd: Cmd) {
    let max = help::max_scroll(app.size);
    let Mode::Help { scroll } = &mut app.mode else { return };
    let delta: i32 = match cmd {
        Cmd::RowUp => -1,
        Cmd::RowDown => 1,
        Cmd::PageUp => -20,
        Cmd::PageDown => 20,
        Cmd::Cancel => {
            app.mode = Mode::Normal;
            return;
        }
        _ => 0,
    };
    *scroll = (i32::from(*scroll) + delta).clamp(0, i32::from(max)) as u16;
}

/// Undoes the last edit, saying what.
pub fn undo(app: &mut App) {
    match app.undo() {
        Some(s) => app.info(format!("undone: {s}")),
        None => app.info("nothing to undo"),
    }
}

/// Redoes the last undone edit, saying what.
pub fn redo(app: &mut App) {
    match app.redo() {
        Some(s) => app.info(format!("redone: {s}")),
        None => app.info("nothing to redo"),
    }
}

/// Deletes the node or link (after the user said yes).
pub fn delete_now(app: &mut App, sel: &Selection) {
    let edit = match sel {
        Selection::Node(name) => Edit::Delete { name: name.clone() },
        Selection::Link(id) => Edit::RemoveLink { id: *id },
        Selection::None => return,
    };
    match app.apply(&edit, false) {
        Ok(change) => app.info(change.summary),
        Err(e) => app.error(e.to_string()),
    }
}
