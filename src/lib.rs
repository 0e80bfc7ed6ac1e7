//! # vnetsketch (the binary's library half)
//!
//! - [`cli`]: the headless subcommands (`run`, `validate`, `estimate`, `export`, `rules`, `generate`).
//! - [`examples`]: the shipped example designs, embedded.
//! - [`io`]: every file the tool reads or writes: size-capped reads, atomic writes with a backup.
//! - [`recovery`]: recovery copies: where autosave writes them, who wrote them, what differs.
//! - [`tui`]: the interactive designer (TEA: event → keymap → action → update → effects → render).
//!
//! The domain lives in `vnetsketch-model`; nothing here computes a finding or a number.

pub mod cli;
pub mod cli_paths;
pub mod examples;
pub mod io;
pub mod recovery;
pub mod tui;
