//! The state of the app: the design and what the model derived from it, the file it belongs to, the
//! undo history, and the view state (mode, focus, selection, cursor, scroll). Plain data: no IO, no
//! terminal. [`App::apply`] is the one way the TUI changes the design.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use vnetsketch_model::analysis::analyze;
use vnetsketch_model::edit::Change;
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::{Finding, Report};
use vnetsketch_model::{Design, Edit, EditError, LinkId, LinkKind, Pos};

pub use super::autosave::{Autosave, Offer};
use super::geometry::canvas_index::Topology;
pub use super::history::History;
use super::text_input::TextInput;
use crate::io::Stamp;

/// Which pane has the focus in normal mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The canvas.
    Canvas,
    /// The inspector (properties of the selection).
    Inspector,
    /// The findings list.
    Findings,
}

impl Focus {
    /// The next pane (Tab).
    #[must_use]
    pub fn next(self) -> Focus {
        match self {
            Focus::Canvas => Focus::Inspector,
            Focus::Inspector => Focus::Findings,
            Focus::Findings => Focus::Canvas,
        }
    }

    /// The previous pane (Shift-Tab).
    #[must_use]
    pub fn prev(self) -> Focus {
        match self {
            Focus::Canvas => Focus::Findings,
            Focus::Inspector => Focus::Canvas,
            Focus::Findings => Focus::Inspector,
        }
    }

    /// Its name in the status bar.
    pub fn label(self) -> &'static str {
        match self {
            Focus::Canvas => "canvas",
            Focus::Inspector => "inspector",
            Focus::Findings => "findings",
        }
    }
}

/// What is selected.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Selection {
    /// Nothing.
    #[default]
    None,
    /// A node, by name.
    Node(String),
    /// A link, by id.
    Link(LinkId),
}

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
    /// Quit although there are unsaved changes.
    Quit,
    /// Open another file although there are unsaved changes.
    Open(PathBuf),
    /// Overwrite a file that is already there.
    Overwrite(PathBuf),
}

/// The app's mode: what keys do and which popup shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Panes; keys go to the focused pane.
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
    /// Drawing a link from `source`.
    Link {
        /// The node the link starts at.
        source: String,
        /// The kind chosen.
        kind: LinkKind,
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

/// Severity of a status message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Done as asked.
    Info,
    /// Refused or failed.
    Error,
}

/// The file the design belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileState {
    /// The path, when there is one.
    pub path: Option<PathBuf>,
    /// The file as last read or written (`None`: not on disk yet).
    pub stamp: Option<Stamp>,
    /// The file could not be read: never overwrite it without asking (saving asks for a name).
    pub unreadable: bool,
}

/// The whole state of the designer.
pub struct App {
    /// The design being drawn.
    pub design: Design,
    /// Findings of the design (the model's, recomputed after every edit).
    pub report: Report,
    /// Throughput estimate of the design (the model's, recomputed after every edit).
    pub estimate: Estimate,
    /// The file.
    pub file: FileState,
    /// Undo and redo.
    pub history: History,
    /// The mode.
    pub mode: Mode,
    /// The focused pane.
    pub focus: Focus,
    /// The selection.
    pub selection: Selection,
    /// The finding selected in the findings pane; its nodes and links are highlighted.
    pub finding: Option<usize>,
    /// The canvas cursor, in canvas cells.
    pub cursor: Pos,
    /// The canvas cell shown at the top-left corner of the canvas pane.
    pub view: Pos,
    /// The selected row of the inspector.
    pub inspector_row: usize,
    /// The status message.
    pub status: Option<(Level, String)>,
    /// Command lines entered, oldest first.
    pub command_history: Vec<String>,
    /// The terminal size (columns, rows), for the layout that mouse clicks and scrolling need.
    pub size: (u16, u16),
    /// A node being dragged with the mouse, and where in it it was grabbed.
    pub drag: Option<(String, Pos)>,
    /// The node whose key or mouse moves are being merged into one undo step.
    pub merge_moves: Option<String>,
    /// What to do after the next successful save (quit, open a file).
    pub after_save: Option<Effect>,
    /// The folder new designs are saved in.
    pub saves_dir: PathBuf,
    /// How many times the design changed (edits, undos, redos, a file opened, a recovery): the
    /// autosave counts edits with it.
    pub edits: u64,
    /// Autosave bookkeeping: where recovery copies go, which one is ours.
    pub autosave: Autosave,
    /// How many times [`App::refresh`] ran: every change of the design but a move goes through it.
    analyses: u64,
    /// The links' ends by node index, as of refresh number `.0` (see [`App::topology`]).
    topology: RefCell<Option<(u64, Rc<Topology>)>>,
}

use super::action::Effect;

impl App {
    /// The designer on `design`, belonging to `path` (`None`: a new design). A `path` that does not
    /// exist yet is where the first save goes.
    pub fn new(design: Design, path: Option<PathBuf>) -> App {
        let mut app = App {
            design,
            report: Report::default(),
            estimate: Estimate::default(),
            file: FileState {
                path,
                stamp: None,
                unreadable: false,
            },
            history: History::default(),
            mode: Mode::Normal,
            focus: Focus::Canvas,
            selection: Selection::None,
            finding: None,
            cursor: Pos { x: 2, y: 1 },
            view: Pos::default(),
            inspector_row: 0,
            status: None,
            command_history: Vec::new(),
            size: (120, 40),
            drag: None,
            merge_moves: None,
            after_save: None,
            saves_dir: crate::io::saves_dir(),
            edits: 0,
            autosave: Autosave::new(crate::recovery::autosave_dir()),
            analyses: 0,
            topology: RefCell::new(None),
        };
        app.refresh();
        app
    }

    /// A new, empty design after `path` could not be read: the error is shown, and the file is
    /// never overwritten without asking (saving asks for a name).
    pub fn unreadable(path: PathBuf, error: &str) -> App {
        let mut app = App::new(Design::default(), Some(path));
        app.file.unreadable = true;
        app.mode = Mode::Message {
            title: "Could not open the file".into(),
            text: unreadable_text(error),
        };
        app.status = Some((Level::Error, error.to_owned()));
        app
    }

    /// Recomputes the findings and the estimate (the model computes; the app only keeps them),
    /// and drops a selection or highlight that no longer exists.
    pub fn refresh(&mut self) {
        self.analyses += 1;
        let analysis = analyze(&self.design);
        self.estimate = analysis.estimate;
        self.report = analysis.report;
        self.finding = None;
        let gone = match &self.selection {
            Selection::None => false,
            Selection::Node(n) => self.design.node(n).is_none(),
            Selection::Link(id) => self.design.link(*id).is_none(),
        };
        if gone {
            self.selection = Selection::None;
        }
    }

    /// The ends of every link by node index, for the canvas. Built on first use after each
    /// [`App::refresh`] and kept while nodes only move (a move changes no end), so a frame, even at
    /// 10,000 VNets, resolves no name; rebuilt as well when the counts no longer fit the design.
    pub fn topology(&self) -> Rc<Topology> {
        let mut cache = self.topology.borrow_mut();
        match &*cache {
            Some((at, t)) if *at == self.analyses && t.fits(&self.design) => Rc::clone(t),
            _ => {
                let t = Rc::new(Topology::new(&self.design));
                *cache = Some((self.analyses, Rc::clone(&t)));
                t
            }
        }
    }

    /// Applies `edit` as one undo step (merged into the previous one when `merge`), then refreshes.
    pub fn apply(&mut self, edit: &Edit, merge: bool) -> Result<Change, EditError> {
        let change = self.design.apply(edit)?;
        self.edits += 1;
        self.history.push(change.clone(), merge);
        // A move changes no finding and no figure: dragging keeps them (and the highlighted finding)
        // without recomputing, however large the design.
        if !change.only_moved(&self.design) {
            self.refresh();
        }
        Ok(change)
    }

    /// Undoes the last step; returns its summary.
    pub fn undo(&mut self) -> Option<String> {
        let summary = self.history.undo(&mut self.design)?;
        self.edits += 1;
        self.refresh();
        Some(summary)
    }

    /// Redoes the last undone step; returns its summary.
    pub fn redo(&mut self) -> Option<String> {
        let summary = self.history.redo(&mut self.design)?;
        self.edits += 1;
        self.refresh();
        Some(summary)
    }

    /// `true` when there are unsaved changes.
    pub fn dirty(&self) -> bool {
        self.history.dirty()
    }

    /// The finding highlighted on the canvas.
    pub fn highlighted(&self) -> Option<&Finding> {
        self.finding.and_then(|i| self.report.findings.get(i))
    }

    /// The findings about the selected node or link.
    pub fn findings_of_selection(&self) -> Vec<&Finding> {
        self.report
            .findings
            .iter()
            .filter(|f| match &self.selection {
                Selection::None => false,
                Selection::Node(n) => f.nodes.iter().any(|x| x == n),
                Selection::Link(id) => f.links.contains(id),
            })
            .collect()
    }

    /// Sets an informational status message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some((Level::Info, text.into()));
    }

    /// Sets an error status message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some((Level::Error, text.into()));
    }

    /// The name of the file for the status bar.
    pub fn file_label(&self) -> String {
        match &self.file.path {
            Some(p) => p.display().to_string(),
            None => "[new design]".to_owned(),
        }
    }
}

fn unreadable_text(error: &str) -> String {
    format!(
        "{error}\n\nThe file was left as it is. You are on a new, empty design; saving asks for a name, \
         so the file is never overwritten without your say. Fix the file and open it again with :e PATH."
    )
}
