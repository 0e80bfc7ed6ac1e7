//! The terminal: set up for the app (raw mode, alternate screen, mouse capture, bracketed paste)
//! and put back, once, whichever way the app ends (a quit, an error, a signal, a panic: the panic
//! hook restores it before the message prints); and the one line the shell may say on stderr.
//!
//! **Test hook** (debug builds only): when the environment variable `VNETSKETCH_TEST_PANIC_KEY` is
//! set, F12 panics (`tests/panic_e2e.rs` uses it to check the terminal comes back usable). A
//! release build has no such key.

use std::io::{Stdout, Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
#[cfg(debug_assertions)]
use crossterm::event::{Event, KeyCode, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The environment variable that arms the F12 panic test hook (debug builds only).
#[cfg(debug_assertions)]
pub const TEST_PANIC_ENV: &str = "VNETSKETCH_TEST_PANIC_KEY";

/// `true` while the terminal is set up for the app: [`restore`] acts once, however many ways out
/// call it (a second "leave the alternate screen" would move the cursor back over what the panic
/// printed).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Sets the terminal up for the app and starts drawing on it.
pub fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
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

/// Installs the panic hook that restores the terminal before the panic message prints.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Writes a line to stderr, ignoring errors (the terminal may be gone after a hang-up).
pub fn say(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// `true` when the F12 panic test hook is armed for this run (debug builds only).
#[cfg(debug_assertions)]
pub fn test_panic_key_armed() -> bool {
    std::env::var_os(TEST_PANIC_ENV).is_some()
}

/// The F12 panic test hook (debug builds only): panics on F12 when `armed`.
#[cfg(debug_assertions)]
pub fn test_panic_key(armed: bool, event: &Event) {
    let f12 = matches!(event, Event::Key(k) if k.code == KeyCode::F(12) && k.kind != KeyEventKind::Release);
    assert!(
        !(armed && f12),
        "{TEST_PANIC_ENV} is set and F12 was pressed: a deliberate panic to test the terminal restore"
    );
}
