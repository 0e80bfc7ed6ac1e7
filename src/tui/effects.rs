//! Carries out the [`Effect`]s `update` asks for (reading, saving, exporting through [`crate::io`])
//! and reports each result as an [`Action`]. The only module of the TUI that touches files.

use std::fs;
use std::path::Path;

use vnetsketch_model::format;

use super::action::{Action, Effect, SaveFailure, SaveMode};
use super::app::App;
use crate::io::{self, Overwrite, Stamp};

/// Performs `effect` for `app`; returns the action that reports its result (`None` for
/// [`Effect::Quit`], which the run loop handles).
pub fn perform(app: &App, effect: &Effect) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Load(path) => Some(Action::Loaded {
            path: path.clone(),
            result: io::read_design(path)
                .map(|l| (l.design, l.stamp))
                .map_err(|e| format!("{e:#}")),
        }),
        Effect::Save { path, mode } => Some(Action::Saved {
            path: path.clone(),
            result: save(app, path, *mode),
        }),
        Effect::Export { path, format } => {
            let result = ensure_folder(app, path)
                .and_then(|()| io::write_atomic(path, format::to_string(&app.design, *format).as_bytes()))
                .map_err(|e| format!("{e:#}"));
            Some(Action::Exported {
                path: path.clone(),
                result,
            })
        }
    }
}

fn save(app: &App, path: &Path, mode: SaveMode) -> Result<Stamp, SaveFailure> {
    if mode == SaveMode::New && fs::symlink_metadata(path).is_ok() {
        return Err(SaveFailure::Exists);
    }
    ensure_folder(app, path).map_err(|e| SaveFailure::Other(format!("{e:#}")))?;
    let expected = if mode == SaveMode::Update {
        app.file.stamp.as_ref()
    } else {
        None
    };
    let overwrite = if mode == SaveMode::Force {
        Overwrite::Force
    } else {
        Overwrite::IfUnchanged
    };
    io::save_design(path, &app.design, expected, overwrite).map_err(|e| SaveFailure::Other(format!("{e:#}")))
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
