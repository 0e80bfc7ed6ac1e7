//! The findings list: moving through the model's findings. Selecting a finding highlights it and
//! asks the canvas to select the first node (else link) it names.

use crate::tui::action::Action;
use crate::tui::state::{App, Selection};

/// Selects finding `i`: highlights it; returns the selection of the first node it names (else its
/// first link), for the canvas.
pub fn select(app: &mut App, i: usize) -> Option<Action> {
    let f = app.doc.report.findings.get(i)?;
    let node = f.nodes.iter().find(|n| app.doc.design.node(n).is_some()).cloned();
    let link = f.links.first().copied();
    app.panes.finding = Some(i);
    match (node, link) {
        (Some(n), _) => Some(Action::Select(Selection::Node(n))),
        (None, Some(id)) => Some(Action::Select(Selection::Link(id))),
        (None, None) => None,
    }
}

/// Moves the finding selection by `delta` (see [`select`]).
pub fn move_row(app: &mut App, delta: isize) -> Option<Action> {
    let n = app.doc.report.findings.len();
    if n == 0 {
        app.info("no findings: the design passes every rule");
        return None;
    }
    let next = match app.panes.finding {
        None => 0,
        Some(i) => i.saturating_add_signed(delta).min(n - 1),
    };
    select(app, next)
}
