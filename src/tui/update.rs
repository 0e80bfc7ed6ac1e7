//! The update room: [`update`], the one place the app changes. A flat dispatch on the action and the
//! mode hands each action to the module of its concern: the [`canvas`], [`linking`], the
//! [`inspector`], the [`findings`], the [`command_line`], the [`files`], the [`dialog`]s, the
//! [`help`], the [`autosave`] policy and the [`recovery`] offer; [`mouse`] says where a click
//! landed. A concern never calls another: it returns the [`Action`] it needs (one of the `:` line's
//! own commands, a selection, an edit), which runs next, in order, in the same call; or a value this
//! dispatch hands on. It does no IO and never draws: what needs IO comes back as [`Effect`]s.
//! After every action reach mode is brought in step with the design and the selection ([`reach`]),
//! then the autosave policy has its say.

use std::time::Duration;

use vnetsketch_model::Edit;

use crate::tui::action::builtin::Builtin;
use crate::tui::action::{Action, Cmd, Effect, Mouse};
use crate::tui::state::{AfterSave, App, Confirm, Focus, Mode, Purpose, Run, Selection};

pub mod autosave;
pub mod canvas;
pub mod command_line;
pub mod completion;
pub mod dialog;
pub mod files;
pub mod findings;
pub mod help;
pub mod inspector;
pub mod linking;
pub mod mouse;
mod out;
pub mod reach;
pub mod recovery;
pub mod search;
pub mod subnets;
mod typing;
pub mod view;

use mouse::Hit;
use out::Out;

/// Applies `action` to `app` (and the actions it leads to) and returns the IO to perform; then the
/// autosave policy adds what it asks for (a recovery copy to write or to remove).
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    // An analysis the last edit left owed (the frame drew the edit first) comes before anything
    // reads the findings; a tick reads none.
    if !matches!(action, Action::Tick { .. }) {
        app.settle();
    }
    let (idle, mut effects) = match action {
        // A tick changes nothing by itself (a run of moves goes on through it).
        Action::Tick { idle } => (idle, Vec::new()),
        action => (Duration::ZERO, run(app, action)),
    };
    reach::sync(app);
    autosave::check(app, idle, &mut effects);
    effects
}

/// Runs `action`, then the actions the concerns asked for, in order.
fn run(app: &mut App, action: Action) -> Vec<Effect> {
    // A run of moves, or of steps through one choice, is one undo step; anything else ends the run,
    // but a recovery copy written meanwhile (the writer's report, not the user's doing).
    let run = if matches!(action, Action::Autosaved { .. }) {
        None
    } else {
        app.doc.run.take()
    };
    let mut out = Out::default();
    dispatch(app, action, run.as_ref(), &mut out);
    while let Some(next) = out.then.pop_front() {
        // What an edit leads to reads the findings it owes, except a selection of what it made.
        if !matches!(next, Action::Select(_)) {
            app.settle();
        }
        dispatch(app, next, None, &mut out);
    }
    // Reach mode's paths read the estimate.
    if app.reach.is_some() {
        app.settle();
    }
    out.effects
}

fn dispatch(app: &mut App, action: Action, run: Option<&Run>, out: &mut Out) {
    match action {
        Action::Cmd(cmd) => {
            if app.mode == Mode::Normal {
                app.messages.status = None;
            }
            command(app, cmd, run, out);
        }
        Action::Input(c) => {
            if let Some(input) = app.mode.text_input() {
                input.insert(c);
                typing::typed(app, out);
            }
        }
        Action::Paste(text) => {
            if let Some(input) = app.mode.text_input() {
                input.insert_str(&text);
                typing::typed(app, out);
            }
        }
        Action::Mouse(m) => on_mouse(app, m, run, out),
        Action::Resize(w, h) => {
            app.size = (w, h);
            view::resized(app);
            app.doc.run = run.cloned();
        }
        Action::Loaded { path, result, recovery } => {
            let opened = result.is_ok();
            files::loaded(app, &path, result);
            if opened {
                recovery::present(app, recovery);
            }
        }
        Action::Autosaved { edits, result } => out.io(autosave::autosaved(app, edits, result)),
        Action::Tick { .. } => {}
        Action::Saved { path, result } => out.io(files::saved(app, path, result)),
        Action::Exported { path, result } => files::exported(app, &path, result),
        Action::Imported { paths, result } => files::imported(app, &paths, result),
        Action::DirListed { dir, entries } => completion::listed(app, &dir, entries),
        Action::Builtin(b) => builtin(app, b, out),
        Action::Select(selection) => canvas::select(app, &selection),
        Action::Edit(edit) => edit_and_say(app, &edit),
        Action::InspectRow(key) => {
            if let Some(row) = app.inspector_rows().iter().position(|r| r.key == key) {
                app.panes.inspector_row = row;
            }
        }
        Action::Line { text, back } => command_line::open_then(app, &text, false, back),
        Action::Focus(to) => focus(app, to, out),
    }
}

fn command(app: &mut App, cmd: Cmd, run: Option<&Run>, out: &mut Out) {
    match &app.mode {
        Mode::Normal => normal(app, cmd, run, out),
        Mode::Command { .. } | Mode::Field { .. } | Mode::Prompt { .. } | Mode::Choose(_) | Mode::Search(_) => {
            typing::keys(app, cmd, out);
        }
        Mode::Link { .. } => link(app, cmd, out),
        Mode::Confirm(_) => {
            let answer = match cmd {
                Cmd::Yes => dialog::Answer::Yes,
                Cmd::No | Cmd::Cancel => dialog::Answer::No,
                Cmd::SaveFirst => dialog::Answer::SaveFirst,
                Cmd::Discard => dialog::Answer::Discard,
                _ => return,
            };
            out.then(dialog::answer(app, answer));
        }
        Mode::Message { .. } => {
            if matches!(cmd, Cmd::Yes | Cmd::No | Cmd::Cancel) {
                app.mode = Mode::Normal;
            }
        }
        Mode::Help { .. } => help::keys(app, cmd),
        Mode::Recover(_) => out.io(recovery::answer(app, cmd)),
    }
}

fn normal(app: &mut App, cmd: Cmd, run: Option<&Run>, out: &mut Out) {
    match cmd {
        Cmd::Quit => out.io(files::quit(app, false)),
        Cmd::Help => help::open(app),
        Cmd::CommandLine => command_line::open(app, "", false),
        Cmd::Search => search::open(app),
        Cmd::Undo => undo(app),
        Cmd::Redo => redo(app),
        Cmd::Save => out.io(files::save(app, None, false)),
        Cmd::SaveAs => files::ask(app, Purpose::SaveAs),
        Cmd::ExportJson => files::ask(app, Purpose::ExportJson),
        Cmd::Open => files::ask(app, Purpose::Open),
        Cmd::FocusNext => focus(app, app.panes.focus.next(), out),
        Cmd::FocusPrev => focus(app, app.panes.focus.prev(), out),
        Cmd::Cancel if app.panes.focus == Focus::Canvas && app.reach.is_some() => reach::off(app),
        Cmd::Cancel => {
            if app.panes.focus == Focus::Canvas {
                app.panes.selection = Selection::None;
                app.panes.finding = None;
                app.canvas.marked.clear();
            } else {
                app.panes.focus = Focus::Canvas;
            }
        }
        Cmd::Cursor(d) | Cmd::CursorFar(d) => {
            let step = if matches!(cmd, Cmd::Cursor(_)) { 1 } else { 8 };
            if let Some(name) = canvas::move_cursor(app, d, step) {
                canvas::pick(app, name);
            }
        }
        Cmd::MoveNode(d) => canvas::move_node(app, d, run),
        Cmd::NextNode => canvas::cycle_node(app, true),
        Cmd::PrevNode => canvas::cycle_node(app, false),
        Cmd::NextLink => canvas::cycle_link(app, true),
        Cmd::PrevLink => canvas::cycle_link(app, false),
        Cmd::AddVnet => command_line::open(app, "vnet ", true),
        Cmd::AddSite => command_line::open(app, "site ", true),
        Cmd::AddUsers => command_line::open(app, "users ", true),
        Cmd::StartLink => linking::start(app),
        Cmd::Duplicate => out.then(canvas::duplicate(app)),
        Cmd::Reach => reach::toggle(app),
        Cmd::PathFix => out.then(reach::fix(app)),
        Cmd::Delete if app.panes.focus == Focus::Inspector && inspector::subnet_at_row(app).is_some() => {
            if let Some(name) = inspector::subnet_at_row(app) {
                subnets::ask_delete(app, &name);
            }
        }
        Cmd::AddSubnet => subnets::add(app),
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
        Cmd::Center => canvas::center(app),
        Cmd::ZoomIn => view::zoom_in(app),
        Cmd::ZoomOut => view::zoom_out(app),
        Cmd::Fit => view::fit_all(app),
        Cmd::Layout => view::layout(app),
        Cmd::RowUp | Cmd::RowDown | Cmd::PageUp | Cmd::PageDown => rows(app, cmd, out),
        Cmd::Activate => match app.panes.focus {
            Focus::Inspector => inspector::activate(app),
            Focus::Findings => {
                for action in findings::activate(app) {
                    out.then(Some(action));
                }
            }
            Focus::Canvas => {}
        },
        Cmd::ChoiceNext => inspector::step_choice(app, true, run),
        Cmd::ChoicePrev => inspector::step_choice(app, false, run),
        Cmd::ToggleMark => canvas::toggle_mark(app),
        Cmd::TogglePin => canvas::toggle_pin(app),
        _ => {}
    }
}

fn focus(app: &mut App, to: Focus, out: &mut Out) {
    app.panes.focus = to;
    if to == Focus::Findings && app.panes.finding.is_none() && !app.doc.report.findings.is_empty() {
        out.then(findings::select(app, 0));
    }
}

fn rows(app: &mut App, cmd: Cmd, out: &mut Out) {
    let delta = match cmd {
        Cmd::RowUp => -1,
        Cmd::RowDown => 1,
        Cmd::PageUp => -8,
        _ => 8,
    };
    match app.panes.focus {
        Focus::Inspector => inspector::move_row(app, delta),
        Focus::Findings => out.then(findings::move_row(app, delta as isize)),
        Focus::Canvas => {}
    }
}

fn link(app: &mut App, cmd: Cmd, out: &mut Out) {
    match cmd {
        Cmd::LinkKind(k) => linking::set_kind(app, k),
        Cmd::NextTarget | Cmd::PrevTarget => {
            if let Some(target) = linking::cycle_target(app, cmd == Cmd::NextTarget) {
                canvas::reveal(app, &target);
            }
        }
        Cmd::Cursor(d) => {
            if let Some(name) = canvas::move_cursor(app, d, 1) {
                linking::set_target(app, &name);
            }
        }
        Cmd::ConfirmLink => out.then(linking::confirm(app)),
        Cmd::Cancel => {
            app.mode = Mode::Normal;
            app.info("no link drawn");
        }
        _ => {}
    }
}

/// A mouse event, handed to the concern of what it landed on. `run` is the drag in progress as one
/// undo step.
fn on_mouse(app: &mut App, m: Mouse, run: Option<&Run>, out: &mut Out) {
    match mouse::hit(app, m) {
        Hit::Nothing => {}
        Hit::Release => app.canvas.drag = None,
        Hit::Drag(at) => canvas::drag_to(app, at, run),
        Hit::HelpScroll(lines) => help::scroll_by(app, lines),
        Hit::CanvasScroll(rows) => canvas::scroll_by(app, rows),
        Hit::LinkTarget(name) => {
            if linking::set_target(app, &name) {
                out.then(linking::confirm(app));
            }
        }
        Hit::Canvas { at, node, link } => canvas::click(app, at, node, link),
        Hit::Inspector { scroll, row } => {
            app.panes.focus = Focus::Inspector;
            if scroll != 0 {
                inspector::move_row(app, scroll);
            } else if let Some(r) = row {
                app.panes.inspector_row = r;
            }
        }
        Hit::Findings { scroll, row } => {
            app.panes.focus = Focus::Findings;
            if scroll != 0 {
                out.then(findings::move_row(app, scroll as isize));
            } else if let Some(i) = row {
                out.then(findings::select(app, i));
            }
        }
    }
}

/// One of the `:` line's own commands (from the command line, or a dialog's answer).
fn builtin(app: &mut App, b: Builtin, out: &mut Out) {
    match b {
        Builtin::Write { path, force } => out.io(files::save(app, path, force)),
        Builtin::WriteQuit => {
            app.doc.after_save = Some(AfterSave::Quit);
            out.io(files::save(app, None, false));
        }
        Builtin::Edit { path, force } => out.io(files::open(app, path, force)),
        Builtin::Quit { force } => out.io(files::quit(app, force)),
        Builtin::Export { format, path } => out.io(vec![Effect::Export { path, format }]),
        Builtin::Import { paths, force } => out.io(files::import(app, paths, force)),
        Builtin::Undo => undo(app),
        Builtin::Redo => redo(app),
        Builtin::Select { name } => select(app, &name, out),
        Builtin::Help => help::open(app),
    }
}

/// Selects node `name` and brings it into view (`:select NAME`; the `:` line refuses a name that is
/// no node's).
fn select(app: &mut App, name: &str, out: &mut Out) {
    app.info(format!("selected {name}"));
    out.then(Some(Action::Select(Selection::Node(name.to_owned()))));
}

/// Undoes the last edit, saying what.
fn undo(app: &mut App) {
    match app.undo() {
        Some(s) => app.info(format!("undone: {s}")),
        None => app.info("nothing to undo"),
    }
}

/// Redoes the last undone edit, saying what.
fn redo(app: &mut App) {
    match app.redo() {
        Some(s) => app.info(format!("redone: {s}")),
        None => app.info("nothing to redo"),
    }
}

/// Applies `edit` as one undo step, saying what it did or why not.
fn edit_and_say(app: &mut App, edit: &Edit) {
    match app.apply(edit, false) {
        Ok(change) => app.info(change.summary),
        Err(e) => app.error(e.to_string()),
    }
}
