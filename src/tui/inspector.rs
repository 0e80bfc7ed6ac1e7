//! The inspector pane: the properties of the selected node or link as the model lists them
//! ([`node_properties`], [`link_properties`]), edited in place. Choices (SKU, protocol, flags) step
//! through the model's list; free text opens a field. A value the model refuses stays in the field
//! with the reason, to be fixed. Below: the subnets of a virtual network and the findings about the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Widget};
use vnetsketch_model::edit::{PropertyView, link_properties, node_properties};
use vnetsketch_model::{Edit, Prop};

use super::geometry::screen::inner;
use super::state::TextInput;
use super::state::{App, Focus, Mode, Selection};
use super::theme::{self, put, put_spans};

/// The rows of the inspector for the current selection.
pub fn rows(app: &App) -> Vec<PropertyView> {
    match &app.panes.selection {
        Selection::None => Vec::new(),
        Selection::Node(n) => app.doc.design.node(n).map(node_properties).unwrap_or_default(),
        Selection::Link(id) => app.doc.design.link(*id).map(link_properties).unwrap_or_default(),
    }
}

/// Moves the row selection by `delta`, within the rows.
pub fn move_row(app: &mut App, delta: i32) {
    let n = rows(app).len();
    if n == 0 {
        return;
    }
    let row = app.panes.inspector_row as i64 + i64::from(delta);
    app.panes.inspector_row = row.clamp(0, n as i64 - 1) as usize;
}

fn offset(selected: usize, visible: usize) -> usize {
    (selected + 1).saturating_sub(visible.max(1))
}

/// The row under screen row `y` of the inspector pane `area`.
pub fn row_at(app: &App, area: Rect, y: u16) -> Option<usize> {
    let body = inner(area);
    let first = body.y + 1;
    if y < first || y >= body.bottom() {
        return None;
    }
    let visible = usize::from(body.height.saturating_sub(1));
    let i = usize::from(y - first) + offset(app.panes.inspector_row, visible);
    (i < rows(app).len()).then_some(i)
}

/// Enter on a row: a choice steps forward, free text opens the field.
pub fn activate(app: &mut App) {
    let rows = rows(app);
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
    let rows = rows(app);
    let Some(row) = rows.get(app.panes.inspector_row) else {
        return;
    };
    if row.choices.is_empty() {
        app.error(format!("{} is free text: Enter edits it", row.key));
        return;
    }
    let at = row.choices.iter().position(|c| c.eq_ignore_ascii_case(&row.value));
    let next = &row.choices[super::nav::step(at, row.choices.len(), forward)];
    if let Err(e) = set(app, row.key, next) {
        app.error(e);
    }
}

/// Sets `key=value` on the selection through the model; the model's refusal comes back as text.
pub fn set(app: &mut App, key: &str, value: &str) -> Result<(), String> {
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
    let n = rows(app).len();
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

fn title(app: &App) -> String {
    match &app.panes.selection {
        Selection::None => " Inspector ".to_owned(),
        Selection::Node(n) => match app.doc.design.node(n) {
            Some(node) => format!(" {} {} ", node.kind(), n),
            None => " Inspector ".to_owned(),
        },
        Selection::Link(id) => match app.doc.design.link(*id) {
            Some(l) => format!(" {} {} → {} ", l.kind, l.a, l.b),
            None => " Inspector ".to_owned(),
        },
    }
}

/// Draws the inspector into `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.panes.focus == Focus::Inspector && matches!(app.mode, Mode::Normal | Mode::Field { .. });
    Block::bordered()
        .border_style(theme::pane_border(focused))
        .title(title(app))
        .render(area, buf);
    let body = inner(area);
    if body.is_empty() {
        return;
    }
    let rows = rows(app);
    if app.panes.selection == Selection::None {
        let hint = "Select a node (n, arrows, click) or a link (]) to see and edit its properties. \
                    v, s, p add a VNet, a site, a user group at the cursor.";
        for (i, line) in theme::wrap(hint, usize::from(body.width)).iter().enumerate() {
            put(
                buf,
                body,
                i32::from(body.x),
                i32::from(body.y) + i as i32,
                line,
                theme::dim(),
            );
        }
        return;
    }
    let key_w = rows.iter().map(|r| r.key.len()).max().unwrap_or(0).min(22) + 1;
    let header = if rows.is_empty() {
        "no editable properties"
    } else {
        "Enter edits · Space/←→ choose"
    };
    put(buf, body, i32::from(body.x), i32::from(body.y), header, theme::dim());
    let visible = usize::from(body.height.saturating_sub(1));
    let mut y = body.y + 1;
    let width = usize::from(body.width);
    for (i, row) in rows.iter().enumerate().skip(offset(app.panes.inspector_row, visible)) {
        if y >= body.bottom() {
            return;
        }
        let selected = i == app.panes.inspector_row;
        let row_style = if selected {
            theme::selected_row(focused)
        } else {
            Style::new()
        };
        let key = format!("{:<key_w$}", row.key);
        match &app.mode {
            Mode::Field { key: k, input, error } if selected && k == row.key => {
                let x = put(buf, body, i32::from(body.x), i32::from(y), &key, theme::bold());
                let room = (i32::from(body.right()) - x - 1).max(1) as usize;
                let (shown, cur) = input.visible(room);
                let field = Style::new().add_modifier(Modifier::UNDERLINED);
                put(buf, body, x, i32::from(y), &format!("{shown:<room$}"), field);
                theme::patch_style(
                    buf,
                    body,
                    x + cur as i32,
                    i32::from(y),
                    Style::new().add_modifier(Modifier::REVERSED),
                );
                y += 1;
                if let Some(e) = error {
                    for line in theme::wrap(e, width.saturating_sub(2)) {
                        if y >= body.bottom() {
                            return;
                        }
                        put(buf, body, i32::from(body.x) + 2, i32::from(y), &line, theme::error());
                        y += 1;
                    }
                }
                continue;
            }
            _ => {}
        }
        let value = if row.choices.is_empty() {
            row.value.clone()
        } else {
            format!("‹ {} ›", row.value)
        };
        let value = theme::ellipsize(&value, width.saturating_sub(key_w));
        put_spans(
            buf,
            Rect::new(body.x, y, body.width, 1),
            y,
            &[(&key, row_style.add_modifier(Modifier::BOLD)), (&value, row_style)],
        );
        y += 1;
    }
    extras(app, body, y, buf);
}

/// Subnets (read-only) and the findings about the selection, under the rows.
fn extras(app: &App, body: Rect, mut y: u16, buf: &mut Buffer) {
    let width = usize::from(body.width);
    let mut lines: Vec<(String, Style)> = Vec::new();
    if let Selection::Node(n) = &app.panes.selection
        && let Some(v) = app.doc.design.vnet(n)
    {
        if v.subnets.is_empty() {
            lines.push(("subnets: none (:subnet VNET NAME PREFIX)".to_owned(), theme::dim()));
        } else {
            lines.push((format!("subnets ({})", v.subnets.len()), theme::bold()));
            for s in &v.subnets {
                lines.push((format!("  {} {}", s.name, s.prefix), Style::new()));
            }
        }
    }
    let found = app.findings_of_selection();
    if found.is_empty() {
        lines.push(("no findings here".to_owned(), theme::dim()));
    } else {
        lines.push((format!("findings here ({})", found.len()), theme::bold()));
        for f in found {
            let style = Style::new().fg(theme::severity_color(f.severity));
            lines.push((
                format!("{} {}: {}", theme::severity_tag(f.severity), f.rule, f.message),
                style,
            ));
        }
    }
    y = y.saturating_add(1);
    for (text, style) in lines {
        for line in theme::wrap(&text, width) {
            if y >= body.bottom() {
                return;
            }
            put(buf, body, i32::from(body.x), i32::from(y), &line, style);
            y += 1;
        }
    }
}
