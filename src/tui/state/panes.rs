//! Where the user is: which pane has the focus, what is selected, and the canvas pane's own state
//! (its cursor, what is scrolled into view, the zoom level, a drag under way).

use std::collections::BTreeSet;

use vnetsketch_model::diagram::Zoom;
use vnetsketch_model::{LinkId, Pos};

/// Which pane has the focus in normal mode.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The canvas.
    #[default]
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

/// The focus and what is selected in the panes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    /// The focused pane.
    pub focus: Focus,
    /// The selected node or link (the inspector and the throughput panel show it).
    pub selection: Selection,
    /// The finding selected in the findings pane; its nodes and links are highlighted.
    pub finding: Option<usize>,
    /// The selected row of the inspector.
    pub inspector_row: usize,
}

/// Where the canvas cursor is on a new canvas.
pub const CURSOR_START: Pos = Pos { x: 2, y: 1 };

/// The canvas pane's state, in canvas cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanvasState {
    /// The canvas cursor.
    pub cursor: Pos,
    /// The canvas cell shown at the top-left corner of the canvas pane.
    pub scroll: Pos,
    /// A node being dragged with the mouse, and where in it it was grabbed.
    pub drag: Option<(String, Pos)>,
    /// The nodes marked to move together (Space toggles the selected node), in name order.
    pub marked: BTreeSet<String>,
    /// The zoom level.
    pub zoom: Zoom,
    /// A design was opened and nothing has moved the view since: a resize fits it again.
    pub fit_pending: bool,
}

impl Default for CanvasState {
    fn default() -> CanvasState {
        CanvasState {
            cursor: CURSOR_START,
            scroll: Pos::default(),
            drag: None,
            marked: BTreeSet::new(),
            zoom: Zoom::Full,
            fit_pending: false,
        }
    }
}
