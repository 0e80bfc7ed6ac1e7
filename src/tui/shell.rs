//! The shell room: the only place with the terminal, the signals, threads and files. [`run`] opens
//! the design ([`open`]), sets the terminal up ([`terminal`]), watches the signals ([`signals`]), runs
//! the [`mod@event_loop`], carries out the effects `update` asks for ([`effects`]; recovery copies on a
//! thread of their own, [`writer`]) and puts everything back on the way out.
//!
//! Unsaved changes survive the ways out that are not a clean quit:
//! - **SIGTERM, SIGHUP, SIGINT**: a watcher thread (signal-hook) raises a flag the event loop checks
//!   at least every `POLL`; the loop leaves, the terminal is restored, the recovery copy written,
//!   and the process exits with 128 + the signal. When the terminal hung up (an SSH session gone),
//!   crossterm 0.29 spins forever inside `poll` on the dead tty (its read loop retries `Ok(0)` and
//!   errors other than `WouldBlock`: crossterm-rs/crossterm#793, fix in the unmerged PR #1067), so
//!   the loop never looks: after `GRACE` the watcher writes the recovery copy itself, from the
//!   snapshot the loop keeps of the design (after every edit; for a design too large to copy in
//!   `CHEAP` time, when the loop is idle and at least every `RESCUE_EVERY`), and exits. A second
//!   SIGTERM or SIGINT while leaving ends the process at once.
//! - **An IO error** of the terminal: the unsaved changes are kept, and the error returned.
//! - **A panic**: the panic hook restores the terminal first (raw mode off, mouse capture and
//!   bracketed paste off, alternate screen left, cursor shown) and prints the message; the event
//!   loop runs under `catch_unwind`, so the app is still there afterwards and its design is written
//!   to the recovery copy before the panic goes on (exit code 101).
//!
//! A clean quit removes the recovery copy. Recovery copies are written by a thread of their own
//! ([`writer`]), so a large design's autosave does not stall the loop.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use anyhow::Result;

use crate::tui::state::App;
use event_loop::{Exit, event_loop};
use signals::{LEAVING, Rescue, watch_signals};
use terminal::{install_panic_hook, restore, say, setup};

pub mod effects;
pub mod event_loop;
pub mod open;
pub mod signals;
pub mod terminal;
pub mod writer;

/// Runs the designer on `path` until the user quits.
#[allow(clippy::needless_pass_by_value)] // the CLI hands over its owned path
pub fn run(path: Option<PathBuf>) -> Result<()> {
    let mut app = open::open_app(path.as_deref());
    install_panic_hook();
    let rescue: Rescue = Arc::default();
    let signal = watch_signals(&rescue);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        setup().and_then(|mut terminal| event_loop(&mut terminal, &mut app, &signal, &rescue))
    }));
    restore();
    match outcome {
        Ok(Ok(Exit::Quit)) => {
            effects::remove_own_copy(&app);
            Ok(())
        }
        Ok(Ok(Exit::Signal(sig))) => {
            LEAVING.store(true, Ordering::SeqCst);
            keep_unsaved(&app, &format!("vnetsketch: stopped by signal {sig}"));
            std::process::exit(128 + sig);
        }
        Ok(Err(e)) => {
            if app.doc.dirty() {
                keep_unsaved(&app, "vnetsketch: stopped by an error");
            }
            Err(e)
        }
        Err(panic) => {
            // The hook restored the terminal and printed the message; the app survived the unwind.
            let app = std::panic::AssertUnwindSafe(&app);
            if std::panic::catch_unwind(|| keep_unsaved(&app, "vnetsketch: crashed (a bug; please report it)")).is_err()
            {
                say("vnetsketch: the recovery copy could not be written either");
            }
            std::panic::resume_unwind(panic)
        }
    }
}

/// Keeps unsaved changes in the recovery copy on an abnormal way out, and says where.
fn keep_unsaved(app: &App, why: &str) {
    let what = app.doc.file_label();
    let again = if app.doc.file.path.is_some() {
        "start vnetsketch on the same file to recover them"
    } else {
        "start vnetsketch without a file to recover them"
    };
    match effects::keep_unsaved(app) {
        None => say(why),
        Some(Ok(path)) => say(&format!(
            "{why}; the unsaved changes to {what} were kept in {}; {again}",
            path.display()
        )),
        Some(Err(e)) => say(&format!(
            "{why}; the unsaved changes to {what} could not be kept: {e:#}"
        )),
    }
}
