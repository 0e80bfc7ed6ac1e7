//! The event loop: draw, wait for an event (or the recovery copies written meanwhile), translate it
//! into an [`Action`], let `update` answer, run the [`Effect`]s it asks for and feed their results
//! back; a tick every wait lets the autosave policy speak. Redraws only after an event, or when a
//! tick changed what shows; an idle tick draws nothing.

use std::io::Stdout;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::effects;
use super::signals::{Rescuer, Snapshot, snapshot};
#[cfg(debug_assertions)]
use super::terminal::{test_panic_key, test_panic_key_armed};
use super::writer::Writer;
use crate::tui::action::keymap;
use crate::tui::action::{Action, Effect, Mouse, MouseKind};
use crate::tui::state::{App, FINDINGS_FOLLOW_FROM};
use crate::tui::ui;
use crate::tui::update::{self, autosave};

/// How long one wait for an event lasts; a timeout draws nothing (it may autosave).
const POLL: Duration = Duration::from_millis(500);

/// How the event loop ended.
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal asked the app to stop.
    Signal(i32),
}

/// Runs the app on `terminal` until it quits, a signal arrives (`signal` turns non-zero) or the
/// terminal fails; keeps `rescue` up to date for the signal watcher.
pub fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    signal: &AtomicUsize,
    rescue: &Mutex<Option<Snapshot>>,
) -> Result<Exit> {
    let mut writer = Writer::start();
    let exit = run_loop(terminal, app, signal, rescue, &mut writer);
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
    writer: &mut Option<Writer>,
) -> Result<Exit> {
    #[cfg(debug_assertions)]
    let test_key = test_panic_key_armed();
    let size = terminal.size().context("cannot read the terminal size")?;
    if dispatch(app, Action::Resize(size.width, size.height), writer) {
        return Ok(Exit::Quit);
    }
    app.defer_from = FINDINGS_FOLLOW_FROM;
    let mut rescuer = Rescuer::default();
    let mut edits = app.doc.edits;
    let mut last_edit = Instant::now();
    let mut redraw = true;
    let mut idle = true;
    loop {
        if redraw {
            // An edit whose analysis is owed is drawn first, while the model analyzes, then again
            // with its findings.
            if app.pending() {
                app.settle_drawing(|app| terminal.draw(|frame| ui::render(app, frame)).map(drop))
                    .context("cannot draw")?;
            }
            terminal.draw(|frame| ui::render(app, frame)).context("cannot draw")?;
            app.free_spent();
        }
        redraw = false;
        // What copies the design (about 20 ms at 10,000 VNets) comes after the frame that shows the
        // edit: the signal watcher's snapshot and a recovery copy asked for.
        snapshot(app, rescue, &mut rescuer, idle);
        if let Some(w) = writer.as_mut() {
            w.flush(app);
        }
        let ready = event::poll(POLL);
        let sig = signal.load(Ordering::SeqCst);
        if sig != 0 {
            return Ok(Exit::Signal(sig as i32));
        }
        let had_event = ready.context("cannot read terminal events")?;
        idle = !had_event;
        // The terminal's event, then the recovery copies written since the last turn.
        let mut actions = Vec::new();
        if had_event {
            let event = event::read().context("cannot read terminal events")?;
            #[cfg(debug_assertions)]
            test_panic_key(test_key, &event);
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
            if writer.as_mut().is_some_and(|w| w.take(&effect)) {
                continue;
            }
            // What an effect reads (an export reads the findings) is up to date.
            app.settle();
            if let Some(result) = effects::perform(app, &effect) {
                queue.push_back(result);
            }
        }
    }
    false
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
