//! Recovery copies: where the designer's autosave writes them, what they say about who wrote them,
//! whether that session still runs, and what differs from the file. No terminal, no UI: the TUI's
//! autosave ([`crate::tui`]) decides *when* to write; this module says *where* and *what*.
//!
//! - **Where** ([`paths`]): `$VNETSKETCH_STATE_DIR`, else `$XDG_STATE_HOME/vnetsketch/autosave`, else
//!   `$HOME/.local/state/vnetsketch/autosave` ([`autosave_dir`]). Never beside the user's file.
//! - **Name** ([`paths`]): `<stem>-<16 hex>.ron` for a design that has a file, the hex being a stable
//!   hash (FNV-1a 64) of the file's canonical path; `<stem>-<16 hex>-<pid>.ron` when another session
//!   holds the plain name; `untitled-<pid>.ron` for a design never saved ([`copy_name`]).
//! - **What** ([`header`], [`copies`]): one `//` comment line ([`Header`]: pid, host, time, original
//!   path), then the design in RON exactly as a save writes it; the model's loader skips comments,
//!   so the copy is a design file anyone can open.
//! - **Who** ([`lock`]): a session holds an advisory lock on each copy name it writes, the plain one
//!   taken when it opens the file, for as long as it runs; a copy is orphaned when nobody holds its
//!   lock ([`Locks`]), and a session that cannot take a file's lock is told another one is editing
//!   it ([`editor`]).
//! - **What differs** ([`compare`]): two designs compared: nodes added, removed and changed by
//!   name, links added and removed, the link count; and when a copy was written, in words.

pub mod compare;
pub mod copies;
pub mod header;
pub mod lock;
pub mod paths;

pub use compare::{describe_time, diff};
pub use copies::{Copy, Scan, copy_text, create_dir, read_copy, remove_copy, scan, write_copy};
pub use header::{HEADER_PREFIX, Header, host_name};
pub use lock::{Locks, editor};
pub use paths::{autosave_dir, autosave_dir_from, canonical, copy_base, copy_name, copy_path, stable_hash};

/// The design a command script builds (the recovery modules' tests).
#[cfg(test)]
fn design(script: &str) -> vnetsketch_model::Design {
    let mut d = vnetsketch_model::Design::default();
    vnetsketch_model::run_script(&mut d, script).expect("script");
    d
}
