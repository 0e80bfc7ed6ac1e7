//! Autosave and recovery, the data: this session's bookkeeping of its recovery copy, a copy found
//! for the design being opened, and what a look through the copies found. When to write a copy is
//! `update::autosave`'s; the offer's dialog is `update::recovery`'s; where copies go and what they
//! hold is [`crate::recovery`]'s.

use std::path::PathBuf;

use vnetsketch_model::Design;

/// The autosave bookkeeping of the app.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Autosave {
    /// The folder recovery copies go in; `None`: autosave is off (no state folder known).
    pub dir: Option<PathBuf>,
    /// This process's id, part of an untitled copy's name and of every copy's header.
    pub pid: u32,
    /// Write under a name of our own (`…-<pid>.ron`): the plain name belongs to a copy this session
    /// must not overwrite (another running session's, or one the user chose to decide on later).
    pub unique: bool,
    /// The document's edit count ([`super::document::Document::edits`]) when the recovery copy was
    /// last written (or the design was last clean).
    pub base: u64,
    /// The recovery copy this session owns on disk, if any.
    pub written: Option<PathBuf>,
    /// The locks of the copy names this session writes, the file's taken when it is opened.
    pub locks: crate::recovery::Locks,
    /// Why the last write failed (said once, until one succeeds).
    pub failed: Option<String>,
}

impl Autosave {
    /// Autosave into `dir` (`None`: off) for this process.
    pub fn new(dir: Option<PathBuf>) -> Autosave {
        Autosave {
            dir,
            pid: std::process::id(),
            ..Autosave::default()
        }
    }
}

/// A recovery copy found for the design being opened, offered to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offer {
    /// The recovery copy.
    pub copy: PathBuf,
    /// The design's file (`None`: a design never saved).
    pub file: Option<PathBuf>,
    /// The design the copy holds.
    pub design: Design,
    /// When the copy was written, in words.
    pub when: String,
    /// What to know before choosing (the file is newer than the copy; another host wrote it).
    pub notes: Vec<String>,
    /// What differs from the file ([`crate::recovery::diff`]).
    pub diff: Vec<String>,
    /// Show the differences (D).
    pub show_diff: bool,
}

impl Offer {
    /// The dialog's first line.
    pub fn question(&self) -> String {
        let file = self
            .file
            .as_ref()
            .map_or_else(|| "a new design".to_owned(), |p| p.display().to_string());
        format!(
            "Recovered unsaved changes for {file} from {}: R recover / D show differences / X discard",
            self.when
        )
    }
}

/// What opening a design found among the recovery copies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lookup {
    /// A copy to offer.
    pub offer: Option<Box<Offer>>,
    /// What to say in the status line (another session runs; a copy could not be read).
    pub notes: Vec<String>,
    /// This session must autosave under a name of its own.
    pub unique: bool,
}
