//! The app's mode: what keys do and which popup shows, with what each popup holds.

use std::path::PathBuf;

use vnetsketch_model::search::Results;
use vnetsketch_model::{LinkKind, Pos};

use super::assist::Assist;
use super::autosave::Offer;
use super::panes::{Focus, Selection};
use super::text_input::TextInput;

/// What a file prompt is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Save under this name.
    SaveAs,
    /// Export JSON to this name.
    ExportJson,
    /// Open this file.
    Open,
}

impl Purpose {
    /// The prompt's title.
    pub fn title(self) -> &'static str {
        match self {
            Purpose::SaveAs => "Save as",
            Purpose::ExportJson => "Export JSON to",
            Purpose::Open => "Open",
        }
    }
}

/// What a yes/no dialog asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Delete the node or link.
    Delete(Selection),
    /// Delete a subnet of a VNet.
    DeleteSubnet {
        /// The VNet.
        vnet: String,
        /// The subnet.
        name: String,
    },
    /// Quit although there are unsaved changes.
    Quit,
    /// Open another file although there are unsaved changes.
    Open(PathBuf),
    /// Import into a new design although there are unsaved changes.
    Import(Vec<PathBuf>),
    /// Overwrite a file that is already there.
    Overwrite(PathBuf),
}

impl Confirm {
    /// The keys the question takes, in words (the dialog and the message line show them). Enter
    /// is always "no": it never discards work and never deletes.
    pub fn keys(&self) -> &'static str {
        match self {
            Confirm::Delete(_) | Confirm::DeleteSubnet { .. } => "y delete · n/Esc/Enter keep it (u undoes a delete)",
            Confirm::Quit => "s save and quit · d discard the changes and quit · Esc/Enter cancel",
            Confirm::Open(_) => "s save, then open · d discard the changes and open · Esc/Enter cancel",
            Confirm::Import(_) => "s save, then import · d discard the changes and import · Esc/Enter cancel",
            Confirm::Overwrite(_) => "y overwrite · n/Esc/Enter cancel",
        }
    }
}

/// The app's mode: what keys do and which popup shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Panes; keys go to the focused pane.
    #[default]
    Normal,
    /// The `:` command line. `place` puts an added node at the cursor.
    Command {
        /// The line being typed.
        input: TextInput,
        /// Position in the history while browsing it with Up/Down.
        history_pos: Option<usize>,
        /// Put a node the line adds at the canvas cursor.
        place: bool,
        /// Why the last submitted line was refused (the line is kept to fix it).
        error: Option<String>,
        /// The syntax, the "did you mean", the completions of the line.
        assist: Assist,
        /// The pane to focus once the line ran (the findings, for a finding's fix).
        back: Option<Focus>,
    },
    /// Editing one inspector row in place.
    Field {
        /// The property key.
        key: String,
        /// The text being typed.
        input: TextInput,
        /// Why the last value was refused (the text is kept to fix it).
        error: Option<String>,
    },
    /// Choosing a property's value from its list (Enter on a choice): typing filters the list.
    Choose(Chooser),
    /// Searching the nodes (`/`): the results follow what is typed.
    Search(Box<Search>),
    /// Drawing a link from `source`.
    Link {
        /// The node the link starts at.
        source: String,
        /// The kind chosen.
        kind: LinkKind,
        /// The kinds that can start or end at the source (a site: s2s, er; users: p2s; a VNet: all).
        kinds: Vec<LinkKind>,
        /// `true` once the user chose the kind (else it follows the target's kind).
        kind_chosen: bool,
        /// The target chosen so far.
        target: Option<String>,
    },
    /// Asking for a file name.
    Prompt {
        /// What the name is for.
        purpose: Purpose,
        /// The name being typed.
        input: TextInput,
        /// The completions of the path.
        assist: Assist,
    },
    /// A yes/no question.
    Confirm(Confirm),
    /// The help screen.
    Help {
        /// First line shown.
        scroll: u16,
    },
    /// A message to acknowledge (an error opening a file, say).
    Message {
        /// Title.
        title: String,
        /// Text.
        text: String,
    },
    /// A recovery copy of unsaved changes was found: recover, show the differences, or discard.
    Recover(Box<Offer>),
}

/// The list of a property's values, filtered by what is typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    /// The property key.
    pub key: String,
    /// Every value offered, in the model's order.
    pub choices: Vec<String>,
    /// The value when the list opened.
    pub current: String,
    /// The filter typed.
    pub filter: TextInput,
    /// The values that match the filter, best first (indexes into `choices`).
    pub shown: Vec<usize>,
    /// The highlighted entry of `shown`.
    pub at: usize,
}

impl Chooser {
    /// The highlighted value, if any matches.
    pub fn chosen(&self) -> Option<&str> {
        self.shown
            .get(self.at)
            .and_then(|i| self.choices.get(*i))
            .map(String::as_str)
    }
}

/// A search under way: what is typed, the model's results, and where to go back to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    /// The query.
    pub input: TextInput,
    /// The model's results for it.
    pub results: Results,
    /// The highlighted hit.
    pub at: usize,
    /// The selection, the cursor and the scroll before the search, for Esc.
    pub before: (Selection, Pos, Pos),
}

impl Mode {
    /// The text field being typed in, in the modes that have one.
    pub fn text_input(&mut self) -> Option<&mut TextInput> {
        match self {
            Mode::Command { input, .. } | Mode::Field { input, .. } | Mode::Prompt { input, .. } => Some(input),
            Mode::Choose(c) => Some(&mut c.filter),
            Mode::Search(s) => Some(&mut s.input),
            _ => None,
        }
    }
}
