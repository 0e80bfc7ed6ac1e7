//! The inspector: the properties of the selected node or link as the model lists them, edited in
//! place. A choice (SKU, protocol, flag) is taken from its list (Enter opens it, typing filters it,
//! Enter takes one) or stepped through (Space, ←, →: each step shows at once, and the run is one
//! undo step, committed when the row is left); free text opens a field. A value the model refuses
//! stays in the field with the reason, to be fixed.

use vnetsketch_model::search::rank;
use vnetsketch_model::{Edit, Prop};

use super::subnets;
use crate::tui::action::step;
use crate::tui::state::{App, Chooser, Mode, Run, Selection, TextInput};

/// Lists this long or shorter (`false`/`true`) are toggled by Enter rather than opened.
const TOGGLE_MAX: usize = 2;

/// Moves the row selection by `delta`, within the rows.
pub fn move_row(app: &mut App, delta: i32) {
    let n = app.inspector_rows().len();
    if n == 0 {
        return;
    }
    let row = app.panes.inspector_row as i64 + i64::from(delta);
    app.panes.inspector_row = row.clamp(0, n as i64 - 1) as usize;
}

/// The subnet whose row is selected, if it is a subnet's.
pub fn subnet_at_row(app: &App) -> Option<String> {
    app.inspector_rows()
        .into_iter()
        .nth(app.panes.inspector_row)
        .and_then(|r| r.subnet)
}

/// Enter on a row: free text opens the field, a list of choices opens the chooser, a flag toggles.
pub fn activate(app: &mut App) {
    let rows = app.inspector_rows();
    let Some(row) = rows.get(app.panes.inspector_row) else {
        app.error("nothing to edit: select a node or a link first");
        return;
    };
    if let Some(name) = &row.subnet {
        subnets::edit(app, name);
    } else if row.choices.is_empty() {
        let text = if row.value == "none" {
            String::new()
        } else {
            row.value.clone()
        };
        app.mode = Mode::Field {
            key: row.key.clone(),
            input: TextInput::new(text),
            error: None,
        };
    } else if row.choices.len() <= TOGGLE_MAX {
        step_choice(app, true, None);
    } else {
        let at = row.choices.iter().position(|c| c.eq_ignore_ascii_case(&row.value));
        app.mode = Mode::Choose(Chooser {
            key: row.key.clone(),
            shown: (0..row.choices.len()).collect(),
            at: at.unwrap_or(0),
            choices: row.choices.clone(),
            current: row.value.clone(),
            filter: TextInput::default(),
        });
    }
}

/// The chooser's filter changed: the list shows what matches, best first, the best highlighted.
pub fn filter_choices(app: &mut App) {
    if let Mode::Choose(c) = &mut app.mode {
        c.shown = rank(c.filter.text(), &c.choices);
        c.at = 0;
    }
}

/// Moves the chooser's highlight by `delta`, within the list.
pub fn move_choice(app: &mut App, delta: i32) {
    if let Mode::Choose(c) = &mut app.mode
        && !c.shown.is_empty()
    {
        let at = c.at as i64 + i64::from(delta);
        c.at = at.clamp(0, c.shown.len() as i64 - 1) as usize;
    }
}

/// Enter in the chooser: takes the highlighted value as one undo step (nothing when it is already
/// the value, or when nothing matches).
pub fn take_choice(app: &mut App) {
    let Mode::Choose(c) = &app.mode else { return };
    let Some(value) = c.chosen().map(str::to_owned) else {
        app.error(format!("no {} matches `{}`: Backspace, or Esc", c.key, c.filter.text()));
        return;
    };
    let (key, current) = (c.key.clone(), c.current.clone());
    app.mode = Mode::Normal;
    if value.eq_ignore_ascii_case(&current) {
        app.info(format!("{key} stays {current}"));
    } else if let Err(e) = set(app, &key, &value, false) {
        app.error(e);
    }
}

/// Steps the current row's choice forward or back and applies it; the steps of one row in a row
/// (`run`) are one undo step.
pub fn step_choice(app: &mut App, forward: bool, run: Option<&Run>) {
    let rows = app.inspector_rows();
    let Some(row) = rows.get(app.panes.inspector_row) else {
        return;
    };
    if row.choices.is_empty() {
        app.error(format!("{} is free text: Enter edits it", row.key));
        return;
    }
    let this = Run::Choice {
        selection: app.panes.selection.clone(),
        key: row.key.clone(),
    };
    let merge = run == Some(&this);
    let at = row.choices.iter().position(|c| c.eq_ignore_ascii_case(&row.value));
    let next = &row.choices[step(at, row.choices.len(), forward)];
    match set(app, &row.key, next, merge) {
        Ok(()) => app.doc.run = Some(this),
        Err(e) => app.error(e),
    }
}

/// Sets `key=value` on the selection through the model (`merge`: into the last undo step); the
/// model's refusal comes back as text.
fn set(app: &mut App, key: &str, value: &str, merge: bool) -> Result<(), String> {
    let props = vec![Prop::new(key, value)];
    let edit = match &app.panes.selection {
        Selection::Node(name) => Edit::Set {
            name: name.clone(),
            props,
        },
        Selection::Link(id) => Edit::SetLink { id: *id, props },
        Selection::None => return Err("nothing selected".to_owned()),
    };
    let renaming = key == "name" && matches!(app.panes.selection, Selection::Node(_));
    let change = app.apply(&edit, merge).map_err(|e| e.to_string())?;
    if renaming {
        app.panes.selection = Selection::Node(value.to_owned());
    }
    let n = app.inspector_rows().len();
    app.panes.inspector_row = app.panes.inspector_row.min(n.saturating_sub(1));
    app.info(change.summary);
    Ok(())
}

/// Enter in the field: applies the value, or keeps the text and shows why it was refused.
pub fn submit_field(app: &mut App) {
    let Mode::Field { key, input, .. } = app.mode.clone() else {
        return;
    };
    let value = if input.text().trim().is_empty() {
        "none"
    } else {
        input.text().trim()
    };
    let done = if key.starts_with("subnet ") {
        subnets::submit(app, &key, input.text())
    } else {
        set(app, &key, value, false)
    };
    match done {
        Ok(()) => app.mode = Mode::Normal,
        Err(e) => {
            app.error(format!("{key} not changed: {e}"));
            app.mode = Mode::Field {
                key,
                input,
                error: Some(e),
            };
        }
    }
}
