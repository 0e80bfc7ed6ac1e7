//! The answer of completion: [`Completion`], its [`Candidate`]s and what the word under the cursor
//! is ([`Expect`]); and what one position found, before it is put in a [`Completion`].

use std::ops::Range;

/// One completion: the text that replaces the word, and a note about it (a doc, a prefix, a figure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The replacement text (quoted when it holds a space).
    pub text: String,
    /// What it is, briefly.
    pub note: String,
}

/// What the word under the cursor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A command word (`vnet`, `link`…).
    Command,
    /// The name of an existing node.
    NodeName,
    /// The name of an existing VNet.
    VnetName,
    /// A name for something new.
    NewName,
    /// CIDR prefixes, or `auto/N`.
    Prefix,
    /// An option: `key=`, or a bare flag.
    Key,
    /// An option's value, or a word of a closed list (`current|2017`).
    Value,
    /// A link kind.
    LinkKind,
    /// A gateway SKU.
    Sku,
    /// An Azure region.
    Region,
    /// A keyword of the command (`vpn|er`, `as`).
    Flag,
    /// A file path (the TUI lists folders itself; the model's commands take none).
    Path,
    /// Nothing to complete here (a number, a position past the end of the command, a comment).
    Nothing,
}

/// What [`complete`](crate::complete::complete) found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Byte range of `line` that a chosen candidate replaces.
    pub range: Range<usize>,
    /// Best first (prefix matches first, then fuzzy), at most 50.
    pub candidates: Vec<Candidate>,
    /// The syntax of the command being typed, from [`crate::command::COMMANDS`].
    pub syntax: Option<&'static str>,
    /// What the word under the cursor is (`Path`: the TUI lists folders itself).
    pub expects: Expect,
    /// "did you mean X?" for an unknown word already typed before the cursor.
    pub suggestion: Option<String>,
}

/// Candidates for the word under the cursor.
pub(super) struct Found {
    /// What the word is.
    pub expects: Expect,
    /// The candidates, best first.
    pub candidates: Vec<Candidate>,
    /// The range they replace, when not the whole word (a value after `key=`).
    pub range: Option<Range<usize>>,
}
