//! Saving, opening, exporting and quitting: what to ask and which [`Effect`] to run, and what to do
//! with the result. The failed-to-open file is never overwritten without asking; a save under a new
//! name asks before replacing a file; quitting or opening with unsaved changes asks first (the
//! answers are [`super::dialog`]'s).

use std::path::{Path, PathBuf};

use vnetsketch_model::format::Format;
use vnetsketch_model::validate::Severity;
use vnetsketch_model::{Design, Edit, Pos};

use crate::io::Stamp;
use crate::tui::action::builtin::ExportFormat;
use crate::tui::action::{Effect, SaveFailure, SaveMode};
use crate::tui::state::panes::CURSOR_START;
use crate::tui::state::{AfterSave, App, Assist, Confirm, FileState, History, Mode, Purpose, Selection, TextInput};

/// Saves: to `path` (save as) or to the opened file; asks for a name when there is none (or when
/// the opened file could not be read). `force` overwrites whatever is on disk.
pub fn save(app: &mut App, path: Option<PathBuf>, force: bool) -> Vec<Effect> {
    let current = app.doc.file.path.clone().filter(|_| !app.doc.file.unreadable);
    let Some(target) = path.or(current) else {
        ask(app, Purpose::SaveAs);
        return Vec::new();
    };
    let same = Some(&target) == app.doc.file.path.as_ref() && !app.doc.file.unreadable;
    let mode = if force {
        SaveMode::Force
    } else if same && app.doc.file.stamp.is_some() {
        SaveMode::Update
    } else {
        SaveMode::New
    };
    vec![Effect::Save { path: target, mode }]
}

/// Opens the file prompt for `purpose`, with a sensible default name.
pub fn ask(app: &mut App, purpose: Purpose) {
    let readable = app.doc.file.path.clone().filter(|_| !app.doc.file.unreadable);
    let text = match purpose {
        Purpose::SaveAs => readable.unwrap_or_else(|| app.saves_dir.join("untitled.ron")),
        Purpose::ExportJson => {
            readable.map_or_else(|| app.saves_dir.join("untitled.json"), |p| p.with_extension("json"))
        }
        Purpose::Open => app.saves_dir.join(""),
    };
    app.mode = Mode::Prompt {
        purpose,
        input: TextInput::new(text.display().to_string()),
        assist: Assist::default(),
    };
}

/// Enter in the file prompt.
pub fn submit_prompt(app: &mut App) -> Vec<Effect> {
    let Mode::Prompt { purpose, input, .. } = app.mode.clone() else {
        return Vec::new();
    };
    let text = input.text().trim();
    if text.is_empty() {
        app.error("type a file name, or Esc to cancel");
        return Vec::new();
    }
    let path = PathBuf::from(text);
    app.mode = Mode::Normal;
    match purpose {
        Purpose::SaveAs => save(app, Some(path), false),
        Purpose::ExportJson => vec![Effect::Export {
            path,
            format: ExportFormat::Design(Format::Json),
        }],
        Purpose::Open => open(app, path, false),
    }
}

/// Quits, asking first when there are unsaved changes (unless `force`).
pub fn quit(app: &mut App, force: bool) -> Vec<Effect> {
    if app.doc.dirty() && !force {
        app.mode = Mode::Confirm(Confirm::Quit);
        return Vec::new();
    }
    vec![Effect::Quit]
}

/// Opens `path`, asking first when there are unsaved changes (unless `force`).
pub fn open(app: &mut App, path: PathBuf, force: bool) -> Vec<Effect> {
    if app.doc.dirty() && !force {
        app.mode = Mode::Confirm(Confirm::Open(path));
        return Vec::new();
    }
    vec![Effect::Load(path)]
}

/// Imports Azure JSON `paths` into a new design, asking first when there are unsaved changes
/// (unless `force`), as opening another file does.
pub fn import(app: &mut App, paths: Vec<PathBuf>, force: bool) -> Vec<Effect> {
    if app.doc.dirty() && !force {
        app.mode = Mode::Confirm(Confirm::Import(paths));
        return Vec::new();
    }
    vec![Effect::Import(paths)]
}

/// An import finished: its design becomes a new, unsaved design, laid out and validated at once;
/// the import's report is shown.
pub fn imported(app: &mut App, paths: &[PathBuf], result: Result<(Design, String), String>) {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    match result {
        Ok((mut design, report)) => {
            // Laying out a fresh design cannot fail; a refusal would leave the import's placement.
            let _ = design.apply(&Edit::Layout { names: Vec::new() });
            app.doc.design = design;
            app.doc.edits += 1;
            app.doc.file = FileState::default();
            app.doc.history = History::default();
            app.doc.history.mark_modified();
            app.panes.selection = Selection::None;
            app.canvas.scroll = Pos::default();
            app.canvas.cursor = CURSOR_START;
            app.refresh();
            let d = &app.doc.design;
            let summary = format!(
                "imported {}: {} VNets, {} sites, {} user groups; {} errors, {} warnings (a new design: :w PATH keeps it)",
                names.join(", "),
                d.vnets().count(),
                d.sites().count(),
                d.user_groups().count(),
                app.doc.report.count(Severity::Error),
                app.doc.report.count(Severity::Warning),
            );
            app.mode = Mode::Message {
                title: "Imported".into(),
                text: format!("{summary}\n\n{report}"),
            };
            app.info(summary);
        }
        Err(e) => {
            app.error(e.clone());
            app.mode = Mode::Message {
                title: "Could not import".into(),
                text: format!("{e}\n\nNothing was changed."),
            };
        }
    }
}

/// A save finished.
pub fn saved(app: &mut App, path: PathBuf, result: Result<Stamp, SaveFailure>) -> Vec<Effect> {
    match result {
        Ok(stamp) => {
            app.info(format!("saved {}", path.display()));
            app.doc.file.path = Some(path);
            app.doc.file.stamp = Some(stamp);
            app.doc.file.unreadable = false;
            app.doc.history.mark_saved();
            app.doc.after_save.take().map(after_save_effect).into_iter().collect()
        }
        Err(SaveFailure::Exists) => {
            app.mode = Mode::Confirm(Confirm::Overwrite(path));
            Vec::new()
        }
        Err(SaveFailure::Other(e)) => {
            app.doc.after_save = None;
            app.error(e);
            Vec::new()
        }
    }
}

/// A file was read (or not). What was found among the recovery copies for it is the recovery
/// offer's concern.
pub fn loaded(app: &mut App, path: &Path, result: Result<(Design, Stamp), String>) {
    match result {
        Ok((design, stamp)) => {
            app.doc.design = design;
            app.doc.edits += 1;
            app.doc.file.path = Some(path.to_path_buf());
            app.doc.file.stamp = Some(stamp);
            app.doc.file.unreadable = false;
            app.doc.history = History::default();
            app.panes.selection = Selection::None;
            app.mode = Mode::Normal;
            app.canvas.scroll = Pos::default();
            app.canvas.cursor = CURSOR_START;
            app.refresh();
            super::view::fit(app);
            app.info(format!(
                "opened {}: {} nodes, {} links",
                path.display(),
                app.doc.design.nodes().len(),
                app.doc.design.links().len()
            ));
        }
        Err(e) => {
            app.error(e.clone());
            app.mode = Mode::Message {
                title: "Could not open the file".into(),
                text: format!("{e}\n\nNothing was changed."),
            };
        }
    }
}

/// An export finished.
pub fn exported(app: &mut App, path: &Path, result: Result<String, String>) {
    match result {
        Ok(what) => app.info(format!("exported {} ({what})", path.display())),
        Err(e) => app.error(e),
    }
}

/// The effect that carries out what was to happen after a save.
fn after_save_effect(after: AfterSave) -> Effect {
    match after {
        AfterSave::Quit => Effect::Quit,
        AfterSave::Open(path) => Effect::Load(path),
        AfterSave::Import(paths) => Effect::Import(paths),
    }
}
