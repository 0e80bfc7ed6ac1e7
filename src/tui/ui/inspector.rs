//! The inspector pane: the properties of the selected node or link as the model lists them (a
//! choice between `‹ ›`) and a VNet's subnets, one row each; the field being edited with the reason
//! a value was refused, or the list of a choice's values; below, the findings about the selection.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Widget};

use super::popup::{self, ListBox};
use super::theme::{self, put, put_spans};
use crate::tui::geometry::screen::{inner, list_offset};
use crate::tui::geometry::text::{ellipsize, pad, visible, width, wrap};
use crate::tui::state::row::NEW_SUBNET;
use crate::tui::state::{App, Chooser, Focus, Mode, Row, Selection};

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
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let focused =
        app.panes.focus == Focus::Inspector && matches!(app.mode, Mode::Normal | Mode::Field { .. } | Mode::Choose(_));
    Block::bordered()
        .border_style(theme::pane_border(focused))
        .title(title(app))
        .render(area, buf);
    let body = inner(area);
    if body.is_empty() {
        return;
    }
    let mut rows = app.inspector_rows();
    if let Mode::Field { key, .. } = &app.mode
        && key == NEW_SUBNET
    {
        rows.push(Row {
            key: NEW_SUBNET.to_owned(),
            label: "new subnet".to_owned(),
            doc: "",
            value: String::new(),
            choices: Vec::new(),
            subnet: None,
        });
    }
    if app.panes.selection == Selection::None {
        let hint = "Select a node (n, arrows, click) or a link (]) to see and edit its properties. \
                    v, s, p add a VNet, a site, a user group at the cursor.";
        for (i, line) in wrap(hint, usize::from(body.width)).iter().enumerate() {
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
    // The key column fits the properties; a subnet's longer label pushes its own value right.
    let key_w = rows
        .iter()
        .filter(|r| r.subnet.is_none())
        .map(|r| width(&r.label))
        .max()
        .unwrap_or(0)
        .min(usize::from(body.width) * 3 / 5)
        + 1;
    let header = if rows.is_empty() {
        "no editable properties"
    } else {
        "Enter edits · Space/←→ choose"
    };
    put(buf, body, i32::from(body.x), i32::from(body.y), header, theme::dim());
    let rows_shown = usize::from(body.height.saturating_sub(1));
    let mut y = body.y + 1;
    let mut selected_y = y;
    let width = usize::from(body.width);
    for (i, row) in rows
        .iter()
        .enumerate()
        .skip(list_offset(app.panes.inspector_row, rows_shown))
    {
        if y >= body.bottom() {
            break;
        }
        let selected = i == app.panes.inspector_row;
        if selected {
            selected_y = y;
        }
        let row_style = if selected {
            theme::selected_row(focused)
        } else {
            Style::new()
        };
        let key = pad(&format!("{} ", row.label), key_w);
        match &app.mode {
            Mode::Field { key: k, input, error } if selected && *k == row.key => {
                let x = put(buf, body, i32::from(body.x), i32::from(y), &key, theme::bold());
                let room = (i32::from(body.right()) - x - 1).max(1) as usize;
                let (shown, cur) = visible(input.text(), input.cursor(), room);
                let field = Style::new().add_modifier(Modifier::UNDERLINED);
                put(buf, body, x, i32::from(y), &pad(&shown, room), field);
                theme::patch_style(
                    buf,
                    body,
                    x + cur as i32,
                    i32::from(y),
                    Style::new().add_modifier(Modifier::REVERSED),
                );
                y += 1;
                if let Some(e) = error {
                    for line in wrap(e, width.saturating_sub(2)) {
                        if y >= body.bottom() {
                            break;
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
        let value = ellipsize(&value, width.saturating_sub(crate::tui::geometry::text::width(&key)));
        put_spans(
            buf,
            Rect::new(body.x, y, body.width, 1),
            y,
            &[(&key, row_style.add_modifier(Modifier::BOLD)), (&value, row_style)],
        );
        y += 1;
    }
    if y < body.bottom() {
        extras(app, body, y, buf);
    }
    if let Mode::Choose(chooser) = &app.mode {
        choices(chooser, body, selected_y, key_w, buf);
    }
}

/// The list of a property's values, under its row (over it when there is no room below).
fn choices(chooser: &Chooser, body: Rect, row_y: u16, key_w: usize, buf: &mut Buffer) {
    let list = ListBox {
        title: &chooser.key,
        typed: Some(chooser.filter.text()),
        entries: chooser
            .shown
            .iter()
            .filter_map(|i| chooser.choices.get(*i))
            .map(|value| {
                let mark = if value.eq_ignore_ascii_case(&chooser.current) {
                    " (now)"
                } else {
                    ""
                };
                (format!("{value}{mark}"), popup::plain())
            })
            .collect(),
        at: (!chooser.shown.is_empty()).then_some(chooser.at),
        foot: Some("type to filter · ↑↓ · Enter takes · Esc".to_owned()),
    };
    let w = list.width().min(body.width);
    let below = body.bottom().saturating_sub(row_y + 1);
    let above = row_y.saturating_sub(body.y);
    let h = list.height(12).min(below.max(above));
    let y = if h <= below { row_y + 1 } else { row_y.saturating_sub(h) };
    let x = (body.x + key_w as u16).min(body.right().saturating_sub(w)).max(body.x);
    list.draw(Rect::new(x, y, w, h), body, buf);
}

/// How to add a subnet (a VNet's subnets are rows above) and the findings about the selection,
/// under the rows.
fn extras(app: &App, body: Rect, mut y: u16, buf: &mut Buffer) {
    let width = usize::from(body.width);
    let mut lines: Vec<(String, Style)> = Vec::new();
    if let Selection::Node(n) = &app.panes.selection
        && let Some(v) = app.doc.design.vnet(n)
    {
        let count = match v.subnets.len() {
            0 => "no subnets".to_owned(),
            1 => "1 subnet".to_owned(),
            n => format!("{n} subnets"),
        };
        lines.push((format!("{count} · a adds a subnet"), theme::dim()));
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
        for line in wrap(&text, width) {
            if y >= body.bottom() {
                return;
            }
            put(buf, body, i32::from(body.x), i32::from(y), &line, style);
            y += 1;
        }
    }
}
