//! The interactive designer, in the Elm style (TEA) with actions: terminal event → key table →
//! [`Action`] → [`update()`] (no IO; returns [`Effect`]s) → [`render()`]. Its modules are rooms, each
//! depending only on the rooms below it (a test, `architecture_tests`, checks it on the source):
//!
//! ```text
//! shell ─► update ─► action ─► state ─► geometry    a room uses only the rooms to its right
//!   └────► ui ─────► action, state, geometry        ui never uses update; nothing uses shell
//! ```
//!
//! - [`geometry`]: pure geometry both update and ui need: the screen areas, node boxes and link
//!   routes on the canvas, the index that finds what is under a cell, text widths in cells.
//! - [`state`]: [`App`], plain data in named parts: the document (design, the model's findings and
//!   estimate, file, history), mode, panes, canvas, messages, autosave bookkeeping.
//! - [`action`]: [`Cmd`] (what keys bind to: [`action::keymap`]), [`Action`] (every transition),
//!   [`Effect`] (IO to run), the `:` line's own commands, the help's content.
//! - [`mod@update`]: the transitions, one module per concern; a concern that needs another returns
//!   an [`Action`] instead of calling it. No IO, no drawing.
//! - [`ui`]: pure drawing, one module per pane, each `draw(app, area, buf)`.
//! - [`shell`]: the only place with the terminal, signals, threads and files: set-up and restore,
//!   the event loop, the effects, the recovery-copy writer.
//!
//! The TUI computes no finding and no number: it shows the model's [`validate`] report and
//! [`estimate`] (from [`analyze`]), recomputed after every edit that is not just a move.
//!
//! [`analyze`]: vnetsketch_model::analysis::analyze
//! [`validate`]: vnetsketch_model::validate::validate
//! [`estimate`]: vnetsketch_model::throughput::estimate

use std::path::PathBuf;

pub mod action;
pub mod geometry;
pub mod shell;
pub mod state;
pub mod ui;
pub mod update;

#[cfg(test)]
mod architecture_tests;
#[cfg(test)]
mod canvas_cache_tests;
#[cfg(test)]
mod completion_tests;
#[cfg(test)]
mod diagram_tests;
#[cfg(test)]
mod editing_tests;
#[cfg(test)]
mod exchange_tests;
#[cfg(test)]
mod findings_follow_tests;
#[cfg(test)]
mod findings_tests;
#[cfg(test)]
mod linking_tests;
#[cfg(test)]
mod prompt_tests;
#[cfg(test)]
mod reach_tests;
#[cfg(test)]
mod snapshot_tests;
#[cfg(test)]
mod subnet_tests;
#[cfg(test)]
mod sweep_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod update_tests;

pub use action::{Action, Cmd, Dir, Effect, Mouse, MouseKind};
pub use state::{App, Focus, Mode, Selection};
pub use ui::{render, render_buffer};
pub use update::update;

/// Opens the designer on `path` (a new design when `None`) and runs it until the user quits.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    shell::run(path)
}
