//! The imperative shell: terminal setup and restore (on quit, on error and on panic, mouse capture
//! included), the event loop, and running effects. Redraws only after an event or a resize; nothing
//! is drawn on a timer.

use std::collections::VecDeque;
use std::io::{Stdout, stdout};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, MouseButton,
    MouseEventKind,
};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use vnetsketch_model::Design;

use super::action::{Action, Effect, Mouse, MouseKind};
use super::app::App;
use super::{effects, keymap, update, view};
use crate::io;

/// How long one wait for an event lasts; a timeout draws nothing.
const POLL: Duration = Duration::from_millis(500);

/// The app for `path`: a new design, the file's design, or (when it cannot be read) a new design
/// that shows the error and will not overwrite the file without asking.
pub fn open_app(path: Option<PathBuf>) -> App {
    let Some(path) = path else {
        return App::new(Design::default(), None);
    };
    if !path.exists() {
        let mut app = App::new(Design::default(), Some(path.clone()));
        app.info(format!("{}: a new file; the first save creates it", path.display()));
        return app;
    }
    io::clean_stray_temps(&path);
    match io::read_design(&path) {
        Ok(loaded) => {
            let mut app = App::new(loaded.design, Some(path));
            app.file.stamp = Some(loaded.stamp);
            app
        }
        Err(e) => App::unreadable(path, &format!("{e:#}")),
    }
}

/// Runs the designer on `path` until the user quits.
pub fn run(path: Option<PathBuf>) -> Result<()> {
    let mut app = open_app(path);
    install_panic_hook();
    let result = setup().and_then(|mut terminal| event_loop(&mut terminal, &mut app));
    restore();
    result
}

fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    enable_raw_mode().context("cannot put the terminal in raw mode")?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste)
        .context("cannot set up the terminal")?;
    Terminal::new(CrosstermBackend::new(stdout())).context("cannot start drawing")
}

/// Puts the terminal back: raw mode off first, then mouse capture, paste mode, the alternate screen
/// and the cursor. Errors are ignored: this runs on the way out, panics included.
pub fn restore() {
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

fn event_loop(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App) -> Result<()> {
    let size = terminal.size().context("cannot read the terminal size")?;
    let mut queue = VecDeque::from([Action::Resize(size.width, size.height)]);
    loop {
        let redraw = !queue.is_empty();
        while let Some(action) = queue.pop_front() {
            for effect in update::update(app, action) {
                if effect == Effect::Quit {
                    return Ok(());
                }
                if let Some(result) = effects::perform(app, &effect) {
                    queue.push_back(result);
                }
            }
        }
        if redraw {
            terminal.draw(|frame| view::render(app, frame)).context("cannot draw")?;
        }
        if event::poll(POLL).context("cannot read terminal events")?
            && let Some(action) = translate(app, event::read().context("cannot read terminal events")?)
        {
            queue.push_back(action);
        }
    }
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
