//! The action room: what can happen to the app. A key is bound to a [`Cmd`] ([`keymap`]); every
//! transition, the results of IO included, is an [`Action`]: the shell sends them, and a concern of
//! `update` returns one when it needs another concern's work (one of the `:` line's own commands,
//! [`builtin`]; a selection; an edit). `update` answers with [`Effect`]s, the IO the shell carries
//! out and reports back as actions. The help's content ([`manual`]) is generated from the same
//! tables. Data and parsing only: nothing here changes the app, draws or does IO.

use std::path::PathBuf;
use std::time::Duration;

use vnetsketch_model::{Design, Edit, LinkKind};

use crate::io::Stamp;
use crate::tui::state::{Focus, Lookup, Selection};
use builtin::{Builtin, ExportFormat};

pub mod builtin;
pub mod keymap;
pub mod manual;

/// A direction on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// Towards column 0.
    Left,
    /// Towards higher columns.
    Right,
    /// Towards row 0.
    Up,
    /// Towards higher rows.
    Down,
}

impl Dir {
    /// The step this direction takes, as `(dx, dy)`.
    pub fn delta(self) -> (i32, i32) {
        match self {
            Dir::Left => (-1, 0),
            Dir::Right => (1, 0),
            Dir::Up => (0, -1),
            Dir::Down => (0, 1),
        }
    }
}

/// Where a next (`forward`) or previous command lands in a list of `len` items that wraps around,
/// coming from item `at` (`None`: nothing chosen yet, so the first or the last).
pub fn step(at: Option<usize>, len: usize, forward: bool) -> usize {
    match (at, forward) {
        (None, true) => 0,
        (None, false) => len.saturating_sub(1),
        (Some(i), true) => (i + 1) % len.max(1),
        (Some(i), false) => (i + len.max(1) - 1) % len.max(1),
    }
}

/// What a key can be bound to. The keymap table ([`keymap::KEYMAP`]) pairs each with a key,
/// a mode and a description; help is generated from that table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmd {
    /// Quit; asks first when there are unsaved changes.
    Quit,
    /// Show the help screen (every key, the command language, the rules).
    Help,
    /// Open the `:` command line.
    CommandLine,
    /// Search the nodes by name, address, SKU or region.
    Search,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Save to the opened file, or ask for a name when there is none.
    Save,
    /// Save under a new name (asks for it).
    SaveAs,
    /// Export the design as JSON (asks for the file name).
    ExportJson,
    /// Open another design (asks for the file name).
    Open,
    /// Give the focus to the next pane (canvas, inspector, findings).
    FocusNext,
    /// Give the focus to the previous pane.
    FocusPrev,
    /// Leave the current mode or pane, or clear the selection and the highlight.
    Cancel,
    /// Move the canvas cursor one cell; a node under it becomes the selection.
    Cursor(Dir),
    /// Move the canvas cursor eight cells.
    CursorFar(Dir),
    /// Move the selected node, or the marked nodes with it (one undo step for a run of moves; a run
    /// in one direction speeds up: 1, 2, 4, then 8 cells a key).
    MoveNode(Dir),
    /// Mark or unmark the selected node, to move several together.
    ToggleMark,
    /// Pin or unpin the selected node (the model's `pin NAME` / `unpin NAME`).
    TogglePin,
    /// Select the next node (by name).
    NextNode,
    /// Select the previous node (by name).
    PrevNode,
    /// Select the next link.
    NextLink,
    /// Select the previous link.
    PrevLink,
    /// Add a virtual network at the cursor: opens the command line with `vnet `.
    AddVnet,
    /// Add an on-premises site at the cursor: opens the command line with `site `.
    AddSite,
    /// Add a Point-to-Site user group at the cursor: opens the command line with `users `.
    AddUsers,
    /// Start drawing a link from the selected node.
    StartLink,
    /// Duplicate the selected node (the model's `duplicate NAME`).
    Duplicate,
    /// Reach mode: mark what the selected node reaches and show the path to the next node selected;
    /// on the source itself, leave reach mode.
    Reach,
    /// Reach mode: put the shown path's first fix on the `:` line.
    PathFix,
    /// Delete the selected node or link (asks first); in the inspector, on a subnet, the subnet.
    Delete,
    /// Inspector: add a subnet to the selected VNet.
    AddSubnet,
    /// Edit the selection: give the focus to the inspector.
    Inspect,
    /// Scroll the canvas so that the cursor is in the middle.
    Center,
    /// Zoom in one level (overview, compact, full boxes).
    ZoomIn,
    /// Zoom out one level.
    ZoomOut,
    /// Fit the whole design into the canvas pane.
    Fit,
    /// Lay out the marked nodes, or the whole design (the model's `layout`, one undo step).
    Layout,
    /// Move up one row in the focused list.
    RowUp,
    /// Move down one row in the focused list.
    RowDown,
    /// Move up one page in the focused list or the help.
    PageUp,
    /// Move down one page in the focused list or the help.
    PageDown,
    /// Inspector: edit the row (free text opens a field, a choice steps forward); findings: go to it.
    Activate,
    /// Inspector: step the row's choice forward.
    ChoiceNext,
    /// Inspector: step the row's choice back.
    ChoicePrev,
    /// Link mode: choose the kind of the link.
    LinkKind(LinkKind),
    /// Link mode: the next candidate target.
    NextTarget,
    /// Link mode: the previous candidate target.
    PrevTarget,
    /// Link mode: draw the link to the chosen target.
    ConfirmLink,
    /// Text field: submit.
    Submit,
    /// Text field: delete the character before the cursor.
    Backspace,
    /// Text field: delete the character under the cursor.
    DeleteChar,
    /// Text field: cursor left.
    TextLeft,
    /// Text field: cursor right.
    TextRight,
    /// Text field: cursor to the start.
    TextHome,
    /// Text field: cursor to the end.
    TextEnd,
    /// Text field: clear the whole field.
    TextClear,
    /// Command line, file prompt: complete the word at the cursor (again: the next candidate).
    Complete,
    /// Command line, file prompt: the previous candidate.
    CompletePrev,
    /// Command line: the previous line of the history.
    HistoryPrev,
    /// Command line: the next line of the history.
    HistoryNext,
    /// Dialog: yes (delete, overwrite).
    Yes,
    /// Dialog: no, cancel.
    No,
    /// Dialog: save first, then go on.
    SaveFirst,
    /// Recovery offer: take the recovered design (unsaved; `:w` writes the file).
    Recover,
    /// Recovery offer: show or hide what differs from the file.
    ShowDifferences,
    /// Recovery offer: delete the recovery copy; unsaved-changes question: drop the changes and go on.
    Discard,
}

/// A mouse event on a screen cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mouse {
    /// What happened.
    pub kind: MouseKind,
    /// Screen column.
    pub col: u16,
    /// Screen row.
    pub row: u16,
}

/// The mouse events the app reacts to (the left button and the wheel).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MouseKind {
    /// Left button pressed.
    Down,
    /// Moved with the left button held.
    Drag,
    /// Left button released.
    Up,
    /// Wheel up.
    ScrollUp,
    /// Wheel down.
    ScrollDown,
}

/// Why a save failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// A save under a new name found a file there (the app asks before overwriting it).
    Exists,
    /// Anything else, said in words (path and reason).
    Other(String),
}

/// Every transition of the app.
#[derive(Debug)]
pub enum Action {
    /// A bound key's command.
    Cmd(Cmd),
    /// A character typed into the active text field.
    Input(char),
    /// Text pasted into the active text field.
    Paste(String),
    /// A mouse event.
    Mouse(Mouse),
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// Time passed with no event: `idle` since the last edit (for the autosave policy). A tick
    /// that decides nothing changes nothing.
    Tick {
        /// Time since the design last changed.
        idle: Duration,
    },
    /// A design file was read, or could not be.
    Loaded {
        /// The file.
        path: PathBuf,
        /// The design and the file's stamp, or the error (path, line:column, what was expected).
        result: Result<(Design, Stamp), String>,
        /// The recovery copies found for it.
        recovery: Lookup,
    },
    /// A recovery copy was written, or not.
    Autosaved {
        /// The document's edit count ([`crate::tui::state::Document::edits`]) when it was written: the
        /// copy holds the design as it was then.
        edits: u64,
        /// The copy's path, or why it could not be written.
        result: Result<PathBuf, String>,
    },
    /// A save finished.
    Saved {
        /// The file.
        path: PathBuf,
        /// The new stamp of the file, or why it was not saved.
        result: Result<Stamp, SaveFailure>,
    },
    /// An export finished.
    Exported {
        /// The file.
        path: PathBuf,
        /// What was written (`svg, 5,777 bytes`), or why it failed.
        result: Result<String, String>,
    },
    /// Azure JSON files were read into a new design (not yet laid out), or not.
    Imported {
        /// The files.
        paths: Vec<PathBuf>,
        /// The design and the import's report in words, or why nothing could be imported.
        result: Result<(Design, String), String>,
    },
    /// A folder was listed for the completion of a path (the names in it, folders with their `/`).
    DirListed {
        /// The folder, as asked.
        dir: PathBuf,
        /// Its entries, or why it could not be read.
        entries: Result<Vec<String>, String>,
    },
    /// One of the `:` line's own commands: what the command line and the dialogs ask for.
    Builtin(Builtin),
    /// Select this node or link, put the cursor on it and scroll it into view: what a finding, a
    /// link just drawn or an edit on the `:` line asks of the canvas.
    Select(Selection),
    /// Apply this edit as one undo step and say what it did, or why not: a delete the user confirmed.
    Edit(Edit),
    /// Put the inspector on the selection's row of this key (a finding's property).
    InspectRow(String),
    /// Open the `:` line with this text typed; once it ran, focus `back` (a finding's fix).
    Line {
        /// The line.
        text: String,
        /// The pane to focus after it ran.
        back: Option<Focus>,
    },
    /// Focus this pane (the findings select their first when none is).
    Focus(Focus),
}

/// How a save treats the file already at the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveMode {
    /// The opened file: refuse if it changed on disk since it was read or saved.
    Update,
    /// A new name: refuse if a file is already there (the app then asks).
    New,
    /// Write whatever is there (`:w!`, or after the user said yes).
    Force,
}

/// IO that [`update`](fn@super::update) asks for; the shell performs it and reports back with an [`Action`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Read the design at this path (reported as [`Action::Loaded`]).
    Load(PathBuf),
    /// Save the design (reported as [`Action::Saved`]).
    Save {
        /// The target.
        path: PathBuf,
        /// How to treat a file already there.
        mode: SaveMode,
    },
    /// Write the design in `format` (reported as [`Action::Exported`]).
    Export {
        /// The target.
        path: PathBuf,
        /// The format.
        format: ExportFormat,
    },
    /// Read these Azure JSON files into a new design (reported as [`Action::Imported`]).
    Import(Vec<PathBuf>),
    /// Write the recovery copy of the design (reported as [`Action::Autosaved`]).
    Autosave,
    /// Delete this recovery copy (nothing is reported).
    RemoveCopy(PathBuf),
    /// List this folder, for the completion of a path (reported as [`Action::DirListed`]).
    ListDir(PathBuf),
    /// Leave the app (the shell restores the terminal).
    Quit,
}
