//! The yes/no questions ([`Confirm`]): what an answer leads to. A yes is handed on to the concern
//! it is for: deleting to the document (an [`Action::Edit`]), quitting, opening and overwriting to
//! the files, as the `:` line's own commands would say it (`:q!`, `:e! PATH`, `:w! PATH`).

use vnetsketch_model::Edit;

use crate::tui::action::Action;
use crate::tui::action::builtin::Builtin;
use crate::tui::state::{AfterSave, App, Confirm, Mode, Selection};

/// An answer to the question open: `Some(true)` yes, `Some(false)` no, `None` save first.
pub fn answer(app: &mut App, yes: Option<bool>) -> Option<Action> {
    let Mode::Confirm(question) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return None;
    };
    let builtin = match (question, yes) {
        (_, Some(false)) => {
            app.doc.after_save = None;
            app.info("cancelled");
            return None;
        }
        (Confirm::Delete(selection), Some(true)) => return delete(&selection).map(Action::Edit),
        (Confirm::Quit, Some(true)) => Builtin::Quit { force: true },
        (Confirm::Quit, None) => Builtin::WriteQuit,
        (Confirm::Open(path), Some(true)) => Builtin::Edit { path, force: true },
        (Confirm::Open(path), None) => {
            app.doc.after_save = Some(AfterSave::Open(path));
            Builtin::Write {
                path: None,
                force: false,
            }
        }
        (Confirm::Overwrite(path), Some(true)) => Builtin::Write {
            path: Some(path),
            force: true,
        },
        (question, None) => {
            // "save first" means nothing for this question: ask it again.
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
