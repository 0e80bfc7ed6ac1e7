//! SIGTERM, SIGHUP and SIGINT: a watcher thread (signal-hook) raises a flag the event loop checks
//! at least every poll; the loop leaves, and the shell keeps the unsaved changes and exits with the
//! signal's number plus 128. When the terminal hung up, crossterm may spin forever inside its poll
//! (see [`super`]), so the loop keeps a [`Rescue`] snapshot of the design, which the watcher writes
//! itself after [`GRACE`].

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use vnetsketch_model::Design;

use super::effects;
use super::terminal::{restore, say};
use crate::tui::state::{App, Autosave};

/// The signals that end the app gracefully.
pub const SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// How long the watcher lets the event loop handle a signal before it keeps the unsaved changes
/// itself (the loop looks at least every `POLL`).
pub const GRACE: Duration = Duration::from_secs(2);

/// Set when the event loop is leaving after a signal (it writes the copy; the watcher waits).
pub static LEAVING: AtomicBool = AtomicBool::new(false);

/// The design as of the last edit, while it has unsaved changes: what the signal watcher keeps
/// when the event loop cannot answer.
pub type Rescue = Arc<Mutex<Option<Snapshot>>>;

/// A copy of what the recovery copy needs.
pub struct Snapshot {
    design: Design,
    file: Option<PathBuf>,
    autosave: Autosave,
}

/// How stale the rescue snapshot may get while edits keep coming, when copying the design is not
/// `CHEAP`: copying costs about 12 ms at 10,000 VNets, too much for every keystroke, so a busy
/// loop copies a large design at most this often and an idle one (no event for `POLL`) at once.
/// In the rare case the snapshot serves (the loop stopped answering), at most this much work on a
/// large design is lost, well inside the autosave policy's own bound. A design that copies cheaply
/// (hundreds of nodes: microseconds) is copied after every edit, as before.
const RESCUE_EVERY: Duration = Duration::from_secs(1);

/// A copy this quick is taken after every edit.
const CHEAP: Duration = Duration::from_millis(2);

/// What the rescue snapshot was taken of: edits, unsaved, file, unique copy name.
type SnapshotKey = (u64, bool, Option<PathBuf>, bool);

/// When the snapshot was last refreshed, of what, and how long the copy took.
pub struct Rescuer {
    seen: Option<SnapshotKey>,
    taken: Instant,
    cost: Duration,
}

impl Default for Rescuer {
    /// Nothing taken yet.
    fn default() -> Rescuer {
        Rescuer {
            seen: None,
            taken: Instant::now(),
            cost: Duration::ZERO,
        }
    }
}

/// Refreshes the snapshot when the design, its file or its unsaved state changed since it was
/// taken; while the loop is busy, a changed design that is not `CHEAP` to copy waits up to
/// `RESCUE_EVERY`.
pub fn snapshot(app: &App, rescue: &Mutex<Option<Snapshot>>, r: &mut Rescuer, idle: bool) {
    let unsaved = effects::has_unsaved(app);
    let key = (app.doc.edits, unsaved, app.doc.file.path.clone(), app.autosave.unique);
    if r.seen.as_ref() == Some(&key) {
        return;
    }
    if unsaved && !idle && r.cost > CHEAP && r.taken.elapsed() < RESCUE_EVERY {
        return;
    }
    let start = Instant::now();
    let snap = unsaved.then(|| Snapshot {
        design: app.doc.design.clone(),
        file: app.doc.file.path.clone(),
        autosave: app.autosave.clone(),
    });
    *rescue.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = snap;
    r.seen = Some(key);
    r.taken = Instant::now();
    if unsaved {
        r.cost = r.taken - start;
    }
}

/// Watches [`SIGNALS`] from a thread: the first one sets the returned number (the event loop
/// notices and leaves); if the loop has not started leaving after `GRACE`, the watcher keeps the
/// unsaved changes from `rescue`, restores the terminal and exits. A second SIGTERM or SIGINT while
/// leaving ends the process at once. If the watcher cannot be set up, the signals keep their
/// default.
pub fn watch_signals(rescue: &Rescue) -> Arc<AtomicUsize> {
    let got = Arc::new(AtomicUsize::new(0));
    let Ok(mut signals) = signal_hook::iterator::Signals::new(SIGNALS) else {
        return got;
    };
    let (flag, rescue) = (Arc::clone(&got), Arc::clone(rescue));
    let spawned = std::thread::Builder::new().name("signals".into()).spawn(move || {
        let Some(sig) = signals.forever().next() else { return };
        flag.store(sig as usize, Ordering::SeqCst);
        std::thread::sleep(GRACE);
        if LEAVING.load(Ordering::SeqCst) {
            // The loop is writing the copy: give it time, then go anyway.
            std::thread::sleep(GRACE * 5);
            std::process::exit(128 + sig);
        }
        restore();
        let snap = rescue.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take();
        let why = format!("vnetsketch: stopped by signal {sig} (the terminal did not answer)");
        match snap {
            None => say(&why),
            Some(s) => match effects::write_copy_of(&s.design, s.file.as_deref(), &s.autosave) {
                Ok(path) => say(&format!("{why}; the unsaved changes were kept in {}", path.display())),
                Err(e) => say(&format!("{why}; the unsaved changes could not be kept: {e:#}")),
            },
        }
        std::process::exit(128 + sig);
    });
    if spawned.is_err() {
        // No watcher: dropping `signals` gave the signals their default back.
        return Arc::new(AtomicUsize::new(0));
    }
    // A second SIGTERM or SIGINT ends the process at once (the order matters: the shutdown checks
    // the flag before the signal arms it). Not SIGHUP: a hang-up often comes twice (the kernel, then
    // the shell passing it on to its jobs), and the first one is still keeping the changes.
    let armed = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        let _ = signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&armed));
        let _ = signal_hook::flag::register(sig, Arc::clone(&armed));
    }
    got
}
