//! The questions ([`Confirm`]): what an answer leads to. A yes is handed on to the concern it is
//! for: deleting to the document (an [`Action::Edit`]), quitting, opening and overwriting to the
//! files, as the `:` line's own commands would say it (`:q!`, `:e! PATH`, `:w! PATH`).
//!
//! No answer that loses work is the default: Enter is "no" in every question (the key table binds
//! it so), a delete or an overwrite takes `y`, and unsaved changes are dropped only by `d`
//! (discard), never by `y`, which a user may type meaning "yes, save them".

use vnetsketch_model::Edit;

use crate::tui::action::Action;
use crate::tui::action::builtin::Builtin;
use crate::tui::state::{AfterSave, App, Confirm, Mode, Selection};

/// An answer to the question open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Yes: delete, overwrite.
    Yes,
    /// No, cancel (Enter and Esc).
    No,
    /// Unsaved changes: save them first, then go on.
    SaveFirst,
    /// Unsaved changes: drop them and go on.
    Discard,
}

/// An answer to the question open; returns what the answer asks of another concern.
pub fn answer(app: &mut App, answer: Answer) -> Option<Action> {
    let Mode::Confirm(question) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return None;
    };
    let builtin = match (question, answer) {
        (_, Answer::No) => {
            app.doc.after_save = None;
            app.info("cancelled");
            return None;
        }
        (Confirm::Delete(selection), Answer::Yes) => return Some(Action::Edit(delete(&selection)?)),
        (Confirm::DeleteSubnet { vnet, name }, Answer::Yes) => {
            return Some(Action::Edit(Edit::RemoveSubnet { vnet, name }));
        }
        (Confirm::Quit, Answer::Discard) => Builtin::Quit { force: true },
        (Confirm::Quit, Answer::SaveFirst) => Builtin::WriteQuit,
        (Confirm::Open(path), Answer::Discard) => Builtin::Edit { path, force: true },
        (Confirm::Open(path), Answer::SaveFirst) => {
            app.doc.after_save = Some(AfterSave::Open(path));
            Builtin::Write {
                path: None,
                force: false,
            }
        }
        (Confirm::Import(paths), Answer::Discard) => Builtin::Import { paths, force: true },
        (Confirm::Import(paths), Answer::SaveFirst) => {
            app.doc.after_save = Some(AfterSave::Import(paths));
            Builtin::Write {
                path: None,
                force: false,
            }
        }
        (Confirm::Overwrite(path), Answer::Yes) => Builtin::Write {
            path: Some(path),
            force: true,
        },
        (question, _) => {
            // The answer means nothing for this question: ask it again, saying which keys do.
            app.error(question.keys());
            app.mode = Mode::Confirm(question);
            return None;
        }
    };
    Some(Action::Builtin(builtin))
}

/// The edit that deletes the node or link.
fn delete(selection: &Selection) -> Option<Edit> {
    match selection {
        Selection::Node(name) => Some(Edit::Delete { name: name.clone() }),
        Selection::Link(id) => Some(Edit::RemoveLink { id: *id }),
        Selection::None => None,
    }
}
