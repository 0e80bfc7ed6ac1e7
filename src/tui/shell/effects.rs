//! Carries out the [`Effect`]s `update` asks for (reading, saving, exporting through [`crate::io`];
//! recovery copies through [`crate::recovery`]) and reports each result as an [`Action`]; and looks
//! for the recovery copies of a design being opened. With [`super::open`], the only part of the TUI
//! that touches files.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use vnetsketch_model::{Design, format};

use crate::io::{self, Overwrite, Stamp};
use crate::recovery;
use crate::tui::action::builtin::ExportFormat;
use crate::tui::action::{Action, Effect, SaveFailure, SaveMode};
use crate::tui::state::{App, Autosave, Lookup, Mode, Offer};

/// Performs `effect` for `app`; returns the action that reports its result (`None` for
/// [`Effect::Quit`], which the run loop handles).
pub fn perform(app: &App, effect: &Effect) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Load(path) => {
            let result = io::read_design(path)
                .map(|l| (l.design, l.stamp))
                .map_err(|e| format!("{e:#}"));
            let recovery = match &result {
                Ok((design, _)) => lookup(&app.autosave, Some(path), design),
                Err(_) => Lookup::default(),
            };
            Some(Action::Loaded {
                path: path.clone(),
                result,
                recovery,
            })
        }
        Effect::Autosave => Some(Action::Autosaved {
            edits: app.doc.edits,
            result: write_copy(app).map_err(|e| format!("{e:#}")),
        }),
        Effect::RemoveCopy(path) => {
            recovery::remove_copy(path);
            None
        }
        Effect::ListDir(dir) => Some(Action::DirListed {
            dir: dir.clone(),
            entries: list_dir(dir),
        }),
        Effect::Save { path, mode } => Some(Action::Saved {
            path: path.clone(),
            result: save(app, path, *mode),
        }),
        Effect::Export { path, format } => Some(Action::Exported {
            path: path.clone(),
            result: export(app, path, *format),
        }),
        Effect::Import(paths) => Some(Action::Imported {
            paths: paths.clone(),
            result: import(paths),
        }),
    }
}

/// Writes the design in `format` to `path` through the atomic write saves use; says what was
/// written (`svg, 5777 bytes`).
fn export(app: &App, path: &Path, format: ExportFormat) -> Result<String, String> {
    let text = match format {
        ExportFormat::Design(f) => format::to_string(&app.doc.design, f),
        ExportFormat::Exchange(x) => {
            vnetsketch_exchange::export(&app.doc.design, &app.doc.report, &app.doc.estimate, x)
                .map_err(|e| e.to_string())?
        }
    };
    ensure_folder(app, path)
        .and_then(|()| io::write_atomic(path, text.as_bytes()))
        .map_err(|e| format!("{e:#}"))?;
    Ok(format!("{}, {} bytes", format.name(), text.len()))
}

/// Reads Azure JSON files into a new design; the design and the import's report in words.
fn import(paths: &[PathBuf]) -> Result<(Design, String), String> {
    let mut inputs = Vec::with_capacity(paths.len());
    for p in paths {
        inputs.push((
            p.display().to_string(),
            io::read_import(p).map_err(|e| format!("{e:#}"))?,
        ));
    }
    let imported = vnetsketch_exchange::import(&inputs).map_err(|e| e.to_string())?;
    Ok((imported.design, imported.report.to_text()))
}

/// Most entries a listing for completion keeps.
const LIST_MAX: usize = 2_000;

/// The names in `dir` (`.` when empty), folders ending in `/`, sorted; at most [`LIST_MAX`].
fn list_dir(dir: &Path) -> Result<Vec<String>, String> {
    let at = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let read = fs::read_dir(at).map_err(|e| format!("{}: {e}", at.display()))?;
    let mut names: Vec<String> = read
        .flatten()
        .take(LIST_MAX)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let folder = entry.path().is_dir();
            Some(if folder { format!("{name}/") } else { name })
        })
        .collect();
    names.sort();
    Ok(names)
}

fn save(app: &App, path: &Path, mode: SaveMode) -> Result<Stamp, SaveFailure> {
    if mode == SaveMode::New && fs::symlink_metadata(path).is_ok() {
        return Err(SaveFailure::Exists);
    }
    ensure_folder(app, path).map_err(|e| SaveFailure::Other(format!("{e:#}")))?;
    let expected = if mode == SaveMode::Update {
        app.doc.file.stamp.as_ref()
    } else {
        None
    };
    let overwrite = if mode == SaveMode::Force {
        Overwrite::Force
    } else {
        Overwrite::IfUnchanged
    };
    io::save_design(path, &app.doc.design, expected, overwrite).map_err(|e| SaveFailure::Other(format!("{e:#}")))
}

/// Creates the default saves folder when the target is in it and it does not exist yet (any other
/// missing folder is an error the save reports).
fn ensure_folder(app: &App, path: &Path) -> anyhow::Result<()> {
    let Some(parent) = path.parent() else { return Ok(()) };
    if parent == app.saves_dir && !parent.exists() {
        fs::create_dir_all(parent)
            .map_err(|e| anyhow::anyhow!("{}: cannot create the folder: {e}", parent.display()))?;
    }
    Ok(())
}

/// Writes the recovery copy of `app`'s design now; returns where.
pub fn write_copy(app: &App) -> anyhow::Result<PathBuf> {
    write_copy_of(&app.doc.design, app.doc.file.path.as_deref(), &app.autosave)
}

/// Writes the recovery copy of `design`, belonging to `file`, as `autosave` says; returns where.
pub fn write_copy_of(design: &Design, file: Option<&Path>, autosave: &Autosave) -> anyhow::Result<PathBuf> {
    let Some(dir) = autosave.dir.as_deref() else {
        anyhow::bail!("no folder for recovery copies: set VNETSKETCH_STATE_DIR, XDG_STATE_HOME or HOME");
    };
    let (pid, unique) = (autosave.pid, autosave.unique);
    let mut path = recovery::copy_path(dir, file, pid, unique);
    if !autosave.locks.take(file, pid, unique) && !unique && file.is_some() {
        // Another session holds the file (this one got it later, by saving under its name).
        path = recovery::copy_path(dir, file, pid, true);
        autosave.locks.take(file, pid, true);
    }
    recovery::write_copy(&path, design, &recovery::Header::now(file))?;
    Ok(path)
}

/// `true` when `app` has changes a crash would lose (not while the recovery offer is open: the
/// design is then the file's, and the offered copy stays as it is).
pub fn has_unsaved(app: &App) -> bool {
    app.doc.dirty() && !matches!(app.mode, Mode::Recover(_))
}

/// On the way out after a signal, an error or a panic: keeps unsaved changes in a recovery copy,
/// then lets go of the session's locks. `None` when there is nothing unsaved.
pub fn keep_unsaved(app: &App) -> Option<anyhow::Result<PathBuf>> {
    let kept = has_unsaved(app).then(|| write_copy(app));
    app.autosave.locks.release();
    kept
}

/// On a clean quit: removes the recovery copy this session wrote, and lets go of its locks.
pub fn remove_own_copy(app: &App) {
    if let Some(path) = &app.autosave.written {
        recovery::remove_copy(path);
    }
    app.autosave.locks.release();
}

/// Opens the design at `file` (`None`: a new design) for the session `autosave` describes, `current`
/// being the design as opened: takes the file's lock, or says which session holds it (this one then
/// autosaves under a name of its own). Then looks in the recovery folder for copies of the design
/// whose writer is gone: copies identical to `current` are stale and removed; the newest other one
/// is offered, with what differs. Copies of running sessions are left alone and named in the notes.
pub fn lookup(autosave: &Autosave, file: Option<&Path>, current: &Design) -> Lookup {
    // An untitled design's lock is named by this process's id: nobody else takes it.
    let held = autosave.locks.take(file, autosave.pid, false);
    let mut out = Lookup {
        unique: file.is_some() && !held,
        ..Lookup::default()
    };
    let what = file.map_or_else(|| "a new design".to_owned(), |f| f.display().to_string());
    let scan = autosave
        .dir
        .as_deref()
        .map(|dir| recovery::scan(dir, file, &autosave.locks))
        .unwrap_or_default();
    if out.unique && scan.running.is_empty() {
        let pid = file
            .and_then(recovery::editor)
            .map(|h| format!(" (pid {})", h.pid))
            .unwrap_or_default();
        out.notes.push(format!(
            "another vnetsketch{pid} is editing {what}; this session's recovery copies go under a name of their own"
        ));
    }
    let Some(dir) = autosave.dir.as_deref() else { return out };
    for (path, pid) in &scan.running {
        out.notes.push(format!(
            "another vnetsketch (pid {pid}) is editing {what} with unsaved changes; its recovery copy {} was left alone",
            path.display()
        ));
    }
    for e in &scan.unreadable {
        out.notes.push(format!("a recovery copy could not be read: {e}"));
    }
    if !out.unique && file.is_some() {
        // What a killed autosave of the plain copy left (`NAME~`, `.NAME.*.tmp`): this session holds
        // its name now.
        let plain = recovery::copy_path(dir, file, autosave.pid, false);
        let _ = fs::remove_file(io::backup_path(&plain));
        io::clean_stray_temps(&plain);
    }
    let file_time = file.and_then(|f| fs::metadata(f).and_then(|m| m.modified()).ok());
    for copy in scan.orphaned {
        if copy.design == *current {
            recovery::remove_copy(&copy.path);
            continue;
        }
        let mut notes = Vec::new();
        if let (Some(f), Some(t)) = (file, file_time)
            && t > copy.modified
        {
            notes.push(format!(
                "Note: {} was changed after this copy was written.",
                f.display()
            ));
        }
        if copy.header.host != recovery::host_name() {
            notes.push(format!(
                "Note: written on host {}; if vnetsketch still runs there, it may still be editing.",
                copy.header.host
            ));
        }
        out.offer = Some(Box::new(Offer {
            file: file.map(Path::to_path_buf),
            diff: recovery::diff(current, &copy.design),
            when: recovery::describe_time(copy.modified, SystemTime::now()),
            copy: copy.path,
            design: copy.design,
            notes,
            show_diff: false,
        }));
        break;
    }
    out
}
