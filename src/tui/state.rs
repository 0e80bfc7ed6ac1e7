//! The state room: [`App`], the whole state of the designer, in named parts: the [`Document`]
//! (design, the model's findings and estimate, file, undo history), the [`Mode`], the [`Panes`]
//! (focus, selection), the [`CanvasState`] (cursor, scroll, drag), the [`Messages`] (status, the
//! `:` line's history) and the [`Autosave`] bookkeeping. Plain data with small accessors: no IO, no
//! terminal, no drawing. [`App::apply`], [`App::undo`] and [`App::redo`] are the one way the design
//! changes, so the analysis always matches the design.

use std::path::PathBuf;

use vnetsketch_model::analysis::{Analysis, Changed, analyze_meanwhile, changed};
use vnetsketch_model::diagram::Zoom;
use vnetsketch_model::edit::{Change, link_properties, node_properties};
use vnetsketch_model::validate::Finding;
use vnetsketch_model::{Design, Edit, EditError};

use crate::tui::geometry::screen::canvas_size;
use crate::tui::geometry::view::View;

pub mod assist;
pub mod autosave;
pub mod document;
pub mod drawing;
pub mod history;
pub mod messages;
pub mod mode;
pub mod panes;
pub mod reach;
pub mod row;
pub mod text_input;

pub use assist::{Assist, Candidate};
pub use autosave::{Autosave, Lookup, Offer};
pub use document::{AfterSave, Document, FileState};
pub use drawing::Sketch;
pub use history::{History, Run};
pub use messages::{Level, Messages};
pub use mode::{Chooser, Confirm, Mode, Purpose, Search};
pub use panes::{CanvasState, Focus, Panes, Selection};
pub use reach::ReachView;
pub use row::Row;
pub use text_input::TextInput;

/// The whole state of the designer.
pub struct App {
    /// The design and what belongs to it: findings, estimate, file, history.
    pub doc: Document,
    /// The mode: what keys do and which popup shows.
    pub mode: Mode,
    /// The focused pane and the selection.
    pub panes: Panes,
    /// The canvas cursor, scroll and drag.
    pub canvas: CanvasState,
    /// The status message and the command line's history.
    pub messages: Messages,
    /// Autosave bookkeeping: where recovery copies go, which one is ours.
    pub autosave: Autosave,
    /// The terminal size (columns, rows), for the screen areas that mouse clicks and scrolling need.
    pub size: (u16, u16),
    /// The folder new designs are saved in.
    pub saves_dir: PathBuf,
    /// Reach mode: what the source node reaches and the path to the selected node (`None`: off).
    pub reach: Option<ReachView>,
    /// From this many nodes and links up, an edit that needs the whole analysis is drawn before its
    /// findings: [`App::apply`] leaves the analysis owed ([`App::pending`]) and the event loop draws
    /// the edit while the model analyzes ([`App::settle_drawing`]). `usize::MAX` (the default, and
    /// what tests use unless they test this): never; the event loop sets [`FINDINGS_FOLLOW_FROM`].
    pub defer_from: usize,
    /// What the edits since the last analysis changed, when the analysis is owed (see
    /// `defer_from`): the findings and the estimate shown are the design's before those edits.
    pending: Option<Changed>,
    /// The findings and the estimate an owed analysis replaced, kept until the frame with the new
    /// ones is drawn ([`App::free_spent`]): freeing them (about 1 ms at 10,000 VNets) waits.
    spent: Option<Analysis>,
}

/// The event loop's [`App::defer_from`]: from 5,000 nodes and links (about 1,600 VNets of the
/// generated estates) the whole analysis takes longer than drawing a frame (2-3 ms at 1,000 VNets,
/// 15-25 ms at 10,000 on the 2-core machine of `docs/performance.md`).
pub const FINDINGS_FOLLOW_FROM: usize = 5_000;

impl App {
    /// The designer on `design`, belonging to `path` (`None`: a new design). A `path` that does not
    /// exist yet is where the first save goes.
    pub fn new(design: Design, path: Option<PathBuf>) -> App {
        App {
            doc: Document::new(design, path),
            mode: Mode::Normal,
            panes: Panes::default(),
            canvas: CanvasState::default(),
            messages: Messages::default(),
            autosave: Autosave::new(crate::recovery::autosave_dir()),
            size: (120, 40),
            saves_dir: crate::io::saves_dir(),
            reach: None,
            defer_from: usize::MAX,
            pending: None,
            spent: None,
        }
    }

    /// A new, empty design after `path` could not be read: the error is shown, and the file is
    /// never overwritten without asking (saving asks for a name).
    pub fn unreadable(path: PathBuf, error: &str) -> App {
        let mut app = App::new(Design::default(), Some(path));
        app.doc.file.unreadable = true;
        app.mode = Mode::Message {
            title: "Could not open the file".into(),
            text: unreadable_text(error),
        };
        app.error(error);
        app
    }

    /// Recomputes the findings and the estimate, and drops a selection or highlight that no longer
    /// exists.
    pub fn refresh(&mut self) {
        self.pending = None;
        self.doc.analyze();
        self.forget_gone();
    }

    /// After an edit that changed `what` (nothing the analysis reads: nothing to do): brings the
    /// findings and the estimate up to date, re-running only what `what` can change, and drops a
    /// selection or highlight that no longer exists. On a design of [`App::defer_from`] nodes and
    /// links or more, an edit that needs the whole analysis only leaves it owed, for the frame to
    /// draw the edit first ([`App::settle_drawing`]); not in reach mode, whose paths read the
    /// estimate.
    fn refresh_after(&mut self, what: Changed) {
        if what.is_nothing() {
            return;
        }
        let size = self.doc.design.nodes().len() + self.doc.design.links().len();
        let defer = what.meets(Changed::EVERYTHING) && size >= self.defer_from && self.reach.is_none();
        if let Some(owed) = self.pending.as_mut() {
            *owed |= what;
        } else if defer {
            self.pending = Some(what);
        } else {
            self.analyze_after(what);
            return;
        }
        self.forget_gone();
    }

    /// Brings the findings and the estimate up to date after edits that changed `what`.
    fn analyze_after(&mut self, what: Changed) {
        // The frame after the edit routes the canvas's window: done meanwhile (the overview routes
        // nothing).
        let view = self.view();
        let routed = Some(view).filter(|v| v.zoom != Zoom::Overview && !v.world().is_empty());
        self.doc.reanalyze_routing(what, routed);
        self.forget_gone();
    }

    /// `true` while the findings and the estimate shown are of the design before the last edit (the
    /// analysis is owed: see [`App::defer_from`]).
    pub fn pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Runs the analysis an edit left owed, if any: before anything reads the findings or the
    /// estimate (`update` does this first, and before each action an action leads to).
    pub fn settle(&mut self) {
        if let Some(what) = self.pending.take() {
            self.analyze_after(what);
        }
    }

    /// `draw` (the frame, on this thread, with the findings and the estimate of before the edit and
    /// [`App::pending`] true) while the model runs the analysis the edit left owed on another; then
    /// takes the analysis in, for the next frame. Without an analysis owed, only `draw`.
    pub fn settle_drawing<T>(&mut self, draw: impl FnOnce(&App) -> T) -> T {
        if self.pending.is_none() {
            return draw(self);
        }
        // Only an edit that needs the whole analysis leaves one owed (`refresh_after`), and the whole
        // analysis is right whatever else was owed with it.
        let (analysis, done) = {
            let app: &App = self;
            analyze_meanwhile(&app.doc.design, || draw(app))
        };
        self.pending = None;
        self.spent = Some(self.doc.adopt(analysis));
        self.forget_gone();
        done
    }

    /// Frees the findings and the estimate an owed analysis replaced: the event loop calls this once
    /// the frame with the new ones is drawn.
    pub fn free_spent(&mut self) {
        self.spent = None;
    }

    /// Drops the highlighted finding, and the selection when its node or link is gone.
    fn forget_gone(&mut self) {
        self.panes.finding = None;
        let gone = match &self.panes.selection {
            Selection::None => false,
            Selection::Node(n) => self.doc.design.node(n).is_none(),
            Selection::Link(id) => self.doc.design.link(*id).is_none(),
        };
        if gone {
            self.panes.selection = Selection::None;
        }
    }

    /// Applies `edit` as one undo step (merged into the previous one when `merge`), then refreshes.
    pub fn apply(&mut self, edit: &Edit, merge: bool) -> Result<Change, EditError> {
        let change = self.doc.edit(edit, merge)?;
        // A move or a pin changes no finding and no figure: dragging keeps them (and the highlighted
        // finding) without recomputing, however large the design; a site's uplink re-runs only what
        // reads it.
        self.refresh_after(changed(&change, &self.doc.design));
        Ok(change)
    }

    /// Undoes the last step; returns its summary.
    pub fn undo(&mut self) -> Option<String> {
        let (summary, what) = self.doc.step(History::undo, History::last_undone)?;
        self.refresh_after(what);
        Some(summary)
    }

    /// Redoes the last undone step; returns its summary.
    pub fn redo(&mut self) -> Option<String> {
        let (summary, what) = self.doc.step(History::redo, History::last_redone)?;
        self.refresh_after(what);
        Some(summary)
    }

    /// What the canvas pane shows: its zoom level and scroll, at the pane's size for the terminal's
    /// (an empty view when the terminal is too small).
    pub fn view(&self) -> View {
        let size = canvas_size(self.size).unwrap_or((0, 0));
        View::new(self.canvas.zoom, self.canvas.scroll, size)
    }

    /// The finding highlighted on the canvas.
    pub fn highlighted(&self) -> Option<&Finding> {
        self.panes.finding.and_then(|i| self.doc.report.findings.get(i))
    }

    /// The findings about the selected node or link.
    pub fn findings_of_selection(&self) -> Vec<&Finding> {
        self.doc
            .report
            .findings
            .iter()
            .filter(|f| match &self.panes.selection {
                Selection::None => false,
                Selection::Node(n) => f.nodes.iter().any(|x| x == n),
                Selection::Link(id) => f.links.contains(id),
            })
            .collect()
    }

    /// The selected node's name, when a node is selected.
    pub fn selected_node(&self) -> Option<&str> {
        match &self.panes.selection {
            Selection::Node(n) => Some(n),
            _ => None,
        }
    }

    /// The inspector's rows: the selection's properties as the model lists them, then a VNet's
    /// subnets, one row each.
    pub fn inspector_rows(&self) -> Vec<Row> {
        match &self.panes.selection {
            Selection::None => Vec::new(),
            Selection::Node(n) => {
                let Some(node) = self.doc.design.node(n) else {
                    return Vec::new();
                };
                let mut rows: Vec<Row> = node_properties(node).into_iter().map(Row::from).collect();
                if let Some(v) = node.as_vnet() {
                    rows.extend(v.subnets.iter().map(Row::subnet));
                }
                rows
            }
            Selection::Link(id) => self
                .doc
                .design
                .link(*id)
                .map(|l| link_properties(l).into_iter().map(Row::from).collect())
                .unwrap_or_default(),
        }
    }

    /// Sets an informational status message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.messages.status = Some((Level::Info, text.into()));
    }

    /// Sets an error status message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.messages.status = Some((Level::Error, text.into()));
    }
}

fn unreadable_text(error: &str) -> String {
    format!(
        "{error}\n\nThe file was left as it is. You are on a new, empty design; saving asks for a name, \
         so the file is never overwritten without your say. Fix the file and open it again with :e PATH."
    )
}
