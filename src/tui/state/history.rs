//! Unlimited undo and redo over the model's [`Design::apply`] / [`Design::revert`]: each step keeps
//! the [`Change`]s of one user action (a run of moves of one node is one step), never whole designs.
//! The saved mark tells whether the design differs from the file.

use vnetsketch_model::Design;
use vnetsketch_model::analysis::{Changed, changed};
use vnetsketch_model::edit::Change;

use super::panes::Selection;

/// A run of edits that make one undo step: the next edit joins the step when it continues the run.
/// Any other action ends the run (the update room takes it at the start of every action), which
/// commits the step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Run {
    /// Moves of these nodes (one by key or by drag, or a multi-selection by key), the last move's
    /// direction `(dx, dy)` and how many moves in a row went that way (key moves accelerate).
    Moves {
        /// The nodes moved, in name order.
        names: Vec<String>,
        /// The last move's direction.
        dir: (i32, i32),
        /// How many moves in a row went that way.
        repeats: u32,
    },
    /// The choice of the selection's property `key` being stepped through (Space, ←, →): each step
    /// shows at once, and the whole run is one undo step, committed when the row is left.
    Choice {
        /// What the property belongs to.
        selection: Selection,
        /// The property.
        key: String,
    },
}

/// One undo step: the changes of one user action, in the order they were made.
#[derive(Clone, Debug)]
struct Entry {
    id: u64,
    changes: Vec<Change>,
}

/// Unlimited undo and redo over [`Design::apply`] / [`Design::revert`].
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    next_id: u64,
    saved: u64,
}

impl History {
    fn top(&self) -> u64 {
        self.undo.last().map_or(0, |e| e.id)
    }

    /// `true` when the design differs from the last save (or load).
    pub fn dirty(&self) -> bool {
        self.top() != self.saved
    }

    /// Remembers the current state as saved.
    pub fn mark_saved(&mut self) {
        self.saved = self.top();
    }

    /// Marks the design as differing from the file whatever the steps (a recovered design): no
    /// undo or redo makes it clean, only a save.
    pub fn mark_modified(&mut self) {
        self.saved = u64::MAX;
    }

    /// Steps available to undo and to redo.
    pub fn depth(&self) -> (usize, usize) {
        (self.undo.len(), self.redo.len())
    }

    /// Records an applied change as a new step, or as part of the last one when `merge`.
    pub fn push(&mut self, change: Change, merge: bool) {
        self.next_id += 1;
        let id = self.next_id;
        self.redo.clear();
        match self.undo.last_mut() {
            Some(top) if merge => {
                top.changes.push(change);
                top.id = id;
            }
            _ => self.undo.push(Entry {
                id,
                changes: vec![change],
            }),
        }
    }
}

/// What reverting a step changed, from the changes that revert it back (their prior values are the
/// design before the revert).
fn changed_by(changes: &[Change], design: &Design) -> Changed {
    changes
        .iter()
        .fold(Changed::NOTHING, |what, c| what | changed(c, design))
}

fn revert_all(design: &mut Design, changes: Vec<Change>) -> Vec<Change> {
    changes.into_iter().rev().map(|c| design.revert(c)).collect()
}

impl History {
    /// The changes the last undo applied, in the order it applied them (`None`: nothing undone).
    pub fn last_undone(&self) -> Option<&[Change]> {
        self.redo.last().map(|e| e.changes.as_slice())
    }

    /// The changes the last redo applied, in the order it applied them (the step on top of the undo
    /// list).
    pub fn last_redone(&self) -> Option<&[Change]> {
        self.undo.last().map(|e| e.changes.as_slice())
    }

    /// Reverts the last step in `design`; returns its summary and what it changed for the analysis.
    pub fn undo(&mut self, design: &mut Design) -> Option<(String, Changed)> {
        let entry = self.undo.pop()?;
        let summary = entry.changes.first().map(|c| c.summary.clone()).unwrap_or_default();
        let redo = revert_all(design, entry.changes);
        let what = changed_by(&redo, design);
        self.redo.push(Entry {
            id: entry.id,
            changes: redo,
        });
        Some((summary, what))
    }

    /// Puts the last undone step back in `design`; returns its summary and what it changed for the
    /// analysis.
    pub fn redo(&mut self, design: &mut Design) -> Option<(String, Changed)> {
        let entry = self.redo.pop()?;
        let summary = entry.changes.last().map(|c| c.summary.clone()).unwrap_or_default();
        let changes = revert_all(design, entry.changes);
        let what = changed_by(&changes, design);
        self.undo.push(Entry { id: entry.id, changes });
        Some((summary, what))
    }
}
