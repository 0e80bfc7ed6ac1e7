//! The inspector: the properties of the selected node or link as the model lists them, edited in
//! place. Choices (SKU, protocol, flags) step through the model's list; free text opens a field. A
//! value the model refuses stays in the field with the reason, to be fixed.

use vnetsketch_model::{Edit, Prop};

use crate::tui::action::step;
use crate::tui::state::{App, Mode, Selection, TextInput};

/// Moves the row selection by `delta`, within the rows.
pub fn move_row(app: &mut App, delta: i32) {
    let n = app.inspector_rows().len();
    if n == 0 {
        return;
    }
    let row = app.panes.inspector_row as i64 + i64::from(delta);
    app.panes.inspector_row = row.clamp(0, n as i64 - 1) as usize;
}

/// Enter on a row: a choice steps forward, free text opens the field.
pub fn activate(app: &mut App) {
    let rows = app.inspector_rows();
    let Some(row) = rows.get(app.panes.inspector_row) else {
        app.error("nothing to edit: select a node or a link first");
        return;
    };
    if row.choices.is_empty() {
        let text = if row.value == "none" {
            String::new()
        } else {
            row.value.clone()
        };
        app.mode = Mode::Field {
            key: row.key.to_owned(),
            input: TextInput::new(text),
            error: None,
        };
    } else {
        step_choice(app, true);
    }
}

/// Steps the current row's choice forward or back and applies it.
pub fn step_choice(app: &mut App, forward: bool) {
    let rows = app.inspector_rows();
    let Some(row) = rows.get(app.panes.inspector_row) else {
        return;
    };
    if row.choices.is_empty() {
        app.error(format!("{} is free text: Enter edits it", row.key));
        return;
    }
    let at = row.choices.iter().position(|c| c.eq_ignore_ascii_case(&row.value));
    let next = &row.choices[step(at, row.choices.len(), forward)];
    if let Err(e) = set(app, row.key, next) {
        app.error(e);
    }
}

/// Sets `key=value` on the selection through the model; the model's refusal comes back as text.
fn set(app: &mut App, key: &str, value: &str) -> Result<(), String> {
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
    let change = app.apply(&edit, false).map_err(|e| e.to_string())?;
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
    match set(app, &key, value) {
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
