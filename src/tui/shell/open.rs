//! Opening at start: the file's design (or a new one, or, when the file cannot be read, a new one
//! that will not overwrite it without asking), stray temp files of an interrupted save cleaned up,
//! and a recovery copy of unsaved changes, left by a session that is gone, offered.

use std::path::Path;

use vnetsketch_model::Design;

use super::effects;
use crate::io;
use crate::tui::state::{App, Autosave, Level, Mode};
use crate::tui::update::{recovery, view};

/// The app for `path`: a new design, the file's design, or (when it cannot be read) a new design
/// that shows the error and will not overwrite the file without asking. Stray temp files of an
/// interrupted save beside the file are removed (the status line says how many), and a recovery
/// copy of unsaved changes left by a session that is gone is offered.
pub fn open_app(path: Option<&Path>) -> App {
    open_app_in(path, crate::recovery::autosave_dir().as_deref())
}

/// [`open_app`] with recovery copies in `state_dir` (`None`: autosave off).
pub fn open_app_in(path: Option<&Path>, state_dir: Option<&Path>) -> App {
    let mut app = match path {
        None => {
            let mut app = App::new(Design::default(), None);
            view::opened(&mut app);
            app
        }
        Some(path) if !path.exists() => {
            let mut app = App::new(Design::default(), Some(path.to_path_buf()));
            view::opened(&mut app);
            app.info(format!("{}: a new file; the first save creates it", path.display()));
            app
        }
        Some(path) => {
            let stray = io::clean_stray_temps(path);
            let mut app = match io::read_design(path) {
                Ok(loaded) => {
                    let mut app = App::new(loaded.design, Some(path.to_path_buf()));
                    app.doc.file.stamp = Some(loaded.stamp);
                    view::opened(&mut app);
                    app
                }
                Err(e) => App::unreadable(path.to_path_buf(), &format!("{e:#}")),
            };
            if stray > 0 {
                let said = app
                    .messages
                    .status
                    .take()
                    .map(|(_, t)| format!(" · {t}"))
                    .unwrap_or_default();
                app.info(format!(
                    "removed {stray} temporary file(s) an interrupted save left beside {}{said}",
                    path.display()
                ));
            }
            app
        }
    };
    app.autosave = Autosave::new(state_dir.map(Path::to_path_buf));
    let found = effects::lookup(&app.autosave, path, &app.doc.design);
    let error = app.messages.status.clone().filter(|(l, _)| *l == Level::Error);
    recovery::present(&mut app, found);
    if let Some(error) = error.filter(|_| matches!(app.mode, Mode::Recover(_))) {
        // The file could not be read, and a copy is offered: keep the read error in sight.
        app.messages.status = Some(error);
    }
    app
}
