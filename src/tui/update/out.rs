//! What handling one action asks for: IO for the shell, and actions for other concerns, run next
//! in the same `update` call. The dispatch and the typing modes' keys fill it.

use std::collections::VecDeque;

use crate::tui::action::{Action, Effect};

/// IO for the shell, and actions for other concerns.
#[derive(Default)]
pub(super) struct Out {
    /// The IO to perform, in order.
    pub(super) effects: Vec<Effect>,
    /// The actions to run next, in order.
    pub(super) then: VecDeque<Action>,
}

impl Out {
    /// Adds IO to perform.
    pub(super) fn io(&mut self, effects: Vec<Effect>) {
        self.effects.extend(effects);
    }

    /// Adds an action to run next, if there is one.
    pub(super) fn then(&mut self, action: Option<Action>) {
        self.then.extend(action);
    }
}
