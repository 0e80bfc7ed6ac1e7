//! The interactive designer, in the Elm style (TEA) with actions:
//! terminal event → [`action::keymap`] → [`Action`] → [`update()`] (pure; returns [`Effect`]s) → [`render()`].
//!
//! - [`state`]: the state ([`App`]: the document, mode, panes, canvas, messages, autosave).
//! - [`action`]: [`Cmd`] (what keys are bound to), [`Action`] (every transition), [`Effect`] (IO).
//! - [`action::keymap`]: the one key table that dispatch and help both read.
//! - [`mod@update`]: the transitions, delegating to `nav`, `linking`, `inspector`, `findings`,
//!   `command_line` and `files`.
//! - [`ui`]: the screen: `canvas`, `inspector`, `findings`, `throughput`, `status`, `help`.
//! - [`update::autosave`]: when to write the recovery copy of unsaved changes, and the offer to recover one
//!   (where copies go and what differs: [`crate::recovery`]).
//! - `term` and `effects`: the shell: terminal setup and restore (signals and panics included), the
//!   event loop and its autosave tick, file IO; [`shell::writer`]: the thread that writes recovery copies.
//!
//! The TUI computes no finding and no number: it shows the model's [`validate`] report and
//! [`estimate`] (from [`analyze`]), recomputed after every edit that is not just a move.
//!
//! [`analyze`]: vnetsketch_model::analysis::analyze
//!
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
mod snapshot_tests;
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
