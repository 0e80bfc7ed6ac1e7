//! The imperative shell: terminal setup and restore (on quit, on error, on a signal and on panic;
//! raw mode, alternate screen, mouse capture and bracketed paste), the event loop, and running
//! effects. Redraws only after an event, or when a tick changed what shows; an idle tick draws
//! nothing.
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
//! ([`super::writer`]), so a large design's autosave does not stall the loop.
//!
//! **Test hook**: when the environment variable `VNETSKETCH_TEST_PANIC_KEY` is set, F12 panics
//! (`tests/panic_e2e.rs` uses it to check the terminal comes back usable). It does nothing otherwise.

use std::io::{Stdout, Write, stdout};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, KeyCode,
    KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use vnetsketch_model::Design;

use super::action::keymap;
use super::action::{Action, Effect, Mouse, MouseKind};
use super::state::App;
use super::update::{autosave, recovery};
use super::writer::Writer;
use super::{effects, ui, update};
use crate::io;

/// How long one wait for an event lasts; a timeout draws nothing (it may autosave).
const POLL: Duration = Duration::from_millis(500);

/// The environment variable that arms the F12 panic test hook.
pub const TEST_PANIC_ENV: &str = "VNETSKETCH_TEST_PANIC_KEY";

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
        None => App::new(Design::default(), None),
        Some(path) if !path.exists() => {
            let mut app = App::new(Design::default(), Some(path.to_path_buf()));
            app.info(format!("{}: a new file; the first save creates it", path.display()));
            app
        }
        Some(path) => {
            let stray = io::clean_stray_temps(path);
            let mut app = match io::read_design(path) {
                Ok(loaded) => {
                    let mut app = App::new(loaded.design, Some(path.to_path_buf()));
                    app.doc.file.stamp = Some(loaded.stamp);
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
    app.autosave = super::state::Autosave::new(state_dir.map(Path::to_path_buf));
    let found = effects::lookup(app.autosave.dir.as_deref(), path, &app.doc.design, app.autosave.pid);
    let error = app
        .messages
        .status
        .clone()
        .filter(|(l, _)| *l == super::state::Level::Error);
    recovery::present(&mut app, found);
    if let Some(error) = error.filter(|_| matches!(app.mode, super::state::Mode::Recover(_))) {
        // The file could not be read, and a copy is offered: keep the read error in sight.
        app.messages.status = Some(error);
    }
    app
}

/// Runs the designer on `path` until the user quits.
#[allow(clippy::needless_pass_by_value)] // the CLI hands over its owned path
pub fn run(path: Option<PathBuf>) -> Result<()> {
    let mut app = open_app(path.as_deref());
    install_panic_hook();
    let rescue: Rescue = Arc::default();
    let signal = watch_signals(&rescue);
    let panic_key = std::env::var_os(TEST_PANIC_ENV).is_some();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        setup().and_then(|mut terminal| event_loop(&mut terminal, &mut app, &signal, &rescue, panic_key))
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

/// Writes a line to stderr, ignoring errors (the terminal may be gone after a hang-up).
fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
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

/// `true` while the terminal is set up for the app: [`restore`] acts once, however many ways out
/// call it (a second "leave the alternate screen" would move the cursor back over what the panic
/// printed).
static ACTIVE: AtomicBool = AtomicBool::new(false);

fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
        .context("cannot set up the terminal")?;
    Terminal::new(CrosstermBackend::new(stdout())).context("cannot start drawing")
}

/// Puts the terminal back: raw mode off first, then mouse capture, paste mode, the alternate screen
/// and the cursor. Errors are ignored: this runs on the way out, panics included, and never panics.
/// Only the first call after the setup acts.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The signals that end the app gracefully.
const SIGNALS: [i32; 3] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];

/// How long the watcher lets the event loop handle a signal before it keeps the unsaved changes
/// itself (the loop looks at least every `POLL`).
pub const GRACE: Duration = Duration::from_secs(2);

/// Set when the event loop is leaving after a signal (it writes the copy; the watcher waits).
static LEAVING: AtomicBool = AtomicBool::new(false);

/// The design as of the last edit, while it has unsaved changes: what the signal watcher keeps
/// when the event loop cannot answer.
type Rescue = Arc<Mutex<Option<Snapshot>>>;

/// A copy of what the recovery copy needs.
struct Snapshot {
    design: Design,
    file: Option<PathBuf>,
    autosave: super::state::Autosave,
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
struct Rescuer {
    seen: Option<SnapshotKey>,
    taken: Instant,
    cost: Duration,
}

/// Refreshes the snapshot when the design, its file or its unsaved state changed since it was
/// taken; while the loop is busy, a changed design that is not `CHEAP` to copy waits up to
/// `RESCUE_EVERY`.
fn snapshot(app: &App, rescue: &Mutex<Option<Snapshot>>, r: &mut Rescuer, idle: bool) {
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
fn watch_signals(rescue: &Rescue) -> Arc<AtomicUsize> {
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

/// How the event loop ended.
enum Exit {
    /// The user quit.
    Quit,
    /// A signal asked the app to stop.
    Signal(i32),
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    signal: &AtomicUsize,
    rescue: &Mutex<Option<Snapshot>>,
    panic_key: bool,
) -> Result<Exit> {
    let mut writer = Writer::start();
    let exit = run_loop(terminal, app, signal, rescue, panic_key, &mut writer);
    // Nothing may write a copy after the way out has written or removed it: wait for the queue,
    // then take in what it wrote (a panic drops the writer, which waits too).
    if let Some(w) = writer.take() {
        for action in w.finish() {
            if let Action::Autosaved { edits, result } = action {
                for effect in autosave::autosaved(app, edits, result) {
                    let _ = effects::perform(app, &effect);
                }
            }
        }
    }
    exit
}

fn run_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    signal: &AtomicUsize,
    rescue: &Mutex<Option<Snapshot>>,
    panic_key: bool,
    writer: &mut Option<Writer>,
) -> Result<Exit> {
    let size = terminal.size().context("cannot read the terminal size")?;
    if dispatch(app, Action::Resize(size.width, size.height), writer) {
        return Ok(Exit::Quit);
    }
    let mut rescuer = Rescuer {
        seen: None,
        taken: Instant::now(),
        cost: Duration::ZERO,
    };
    let mut edits = app.doc.edits;
    let mut last_edit = Instant::now();
    let mut redraw = true;
    loop {
        if redraw {
            terminal.draw(|frame| ui::render(app, frame)).context("cannot draw")?;
        }
        redraw = false;
        let ready = event::poll(POLL);
        let sig = signal.load(Ordering::SeqCst);
        if sig != 0 {
            return Ok(Exit::Signal(sig as i32));
        }
        let had_event = ready.context("cannot read terminal events")?;
        // The terminal's event, then the recovery copies written since the last turn.
        let mut actions = Vec::new();
        if had_event {
            let event = event::read().context("cannot read terminal events")?;
            assert!(
                !(panic_key && is_f12(&event)),
                "{TEST_PANIC_ENV} is set and F12 was pressed: a deliberate panic to test the terminal restore"
            );
            actions.extend(translate(app, event));
        }
        actions.extend(writer.as_mut().map(Writer::finished).unwrap_or_default());
        for action in actions {
            redraw = true;
            if dispatch(app, action, writer) {
                return Ok(Exit::Quit);
            }
        }
        if app.doc.edits != edits {
            edits = app.doc.edits;
            last_edit = Instant::now();
        }
        snapshot(app, rescue, &mut rescuer, !had_event);
        // The autosave policy's tick: draws only if it changed what shows (an autosave error).
        let shown = app.messages.status.clone();
        if dispatch(
            app,
            Action::Tick {
                idle: last_edit.elapsed(),
            },
            writer,
        ) {
            return Ok(Exit::Quit);
        }
        redraw |= app.messages.status != shown;
    }
}

/// Runs `action` and the actions its effects report, in order; `true` when the app quits. Recovery
/// copies go to `writer` when there is one (their results come back later, as actions).
fn dispatch(app: &mut App, action: Action, writer: &mut Option<Writer>) -> bool {
    let mut queue = std::collections::VecDeque::from([action]);
    while let Some(action) = queue.pop_front() {
        for effect in update::update(app, action) {
            if effect == Effect::Quit {
                return true;
            }
            if writer.as_mut().is_some_and(|w| w.take(app, &effect)) {
                continue;
            }
            if let Some(result) = effects::perform(app, &effect) {
                queue.push_back(result);
            }
        }
    }
    false
}

fn is_f12(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::F(12) && k.kind != KeyEventKind::Release)
}

/// The action a terminal event means (`None`: nothing to do, nothing to redraw).
pub fn translate(app: &App, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action_for(app, &key),
        Event::Mouse(m) => {
            let kind = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Down,
                MouseEventKind::Drag(MouseButton::Left) => MouseKind::Drag,
                MouseEventKind::Up(MouseButton::Left) => MouseKind::Up,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                _ => return None,
            };
            Some(Action::Mouse(Mouse {
                kind,
                col: m.column,
                row: m.row,
            }))
        }
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::FocusGained | Event::FocusLost => None,
    }
}
