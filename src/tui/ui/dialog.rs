//! The popups that ask or tell: yes/no questions, messages to acknowledge, the recovery offer, and
//! the file-name prompt, drawn over `area` (the whole screen) in the modes that show them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};

use super::theme::{self, put};
use crate::tui::geometry::screen::{centered, inner};
use crate::tui::geometry::text::{visible, wrap};
use crate::tui::state::{App, Confirm, Mode, Offer, Selection, TextInput};

/// Draws the mode's popup, if it has one, over `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    match &app.mode {
        Mode::Confirm(question) => dialog(buf, area, " Are you sure? ", &confirm_text(app, question)),
        Mode::Message { title, text } => dialog(
            buf,
            area,
            &format!(" {title} "),
            &format!("{text}\n\nEnter or Esc closes."),
        ),
        Mode::Prompt { purpose, input, .. } => prompt(buf, area, purpose.title(), input),
        Mode::Recover(offer) => dialog(buf, area, " Recover unsaved changes? ", &recover_text(offer, area)),
        _ => {}
    }
}

/// Where the terminal cursor goes while a file name is typed in the prompt over `area`.
pub fn cursor(app: &App, area: Rect) -> Option<(u16, u16)> {
    match &app.mode {
        Mode::Prompt { input, .. } => prompt_cursor(area, input),
        _ => None,
    }
}

fn confirm_text(app: &App, question: &Confirm) -> String {
    let text = match question {
        Confirm::Delete(Selection::Node(n)) => {
            let links = app.doc.design.links_of(n).count();
            let kind = app.doc.design.node(n).map_or("node", |x| x.kind().as_str());
            format!("Delete {kind} {n} and its {links} link(s)?")
        }
        Confirm::Delete(Selection::Link(id)) => {
            let what = app
                .doc
                .design
                .link(*id)
                .map_or_else(|| "this link".to_owned(), vnetsketch_model::Link::describe);
            format!("Delete the link {what}?")
        }
        Confirm::Delete(Selection::None) => "Nothing to delete.".to_owned(),
        Confirm::DeleteSubnet { vnet, name } => format!("Delete subnet {name} of {vnet}?"),
        Confirm::Quit => "There are unsaved changes.".to_owned(),
        Confirm::Open(path) => format!("There are unsaved changes. Open {}?", path.display()),
        Confirm::Import(paths) => format!(
            "There are unsaved changes. Import {} into a new design?",
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Confirm::Overwrite(path) => format!(
            "{} already exists. Overwrite it? (the old file is kept as {}~)",
            path.display(),
            path.display()
        ),
    };
    format!("{text}\n\n{}", question.keys())
}

/// The recovery offer: the question, the notes, the differences when shown (as many as fit).
fn recover_text(offer: &Offer, area: Rect) -> String {
    let mut head = vec![offer.question()];
    head.extend(offer.notes.iter().cloned());
    let keys = "r: recover · d: show/hide differences · x: discard the copy · Esc: decide later".to_owned();
    if !offer.show_diff {
        return format!("{}\n\n{keys}", head.join("\n"));
    }
    let body_w = dialog_body_width(area);
    let rows = |line: &String| wrap(line, body_w).len().max(1);
    // Room inside the box: the screen less the borders, the blank lines, the keys and the heading.
    let room = usize::from(area.height)
        .saturating_sub(2 + 4 + head.iter().map(rows).sum::<usize>() + rows(&keys))
        .max(1);
    let mut diff: Vec<String> = Vec::new();
    let mut used = 0;
    for (i, line) in offer.diff.iter().enumerate() {
        // Keep a row for "… and N more" unless this is the last line.
        let reserve = usize::from(i + 1 < offer.diff.len());
        if used + rows(line) + reserve > room {
            diff.push(format!("… and {} more", offer.diff.len() - i));
            break;
        }
        used += rows(line);
        diff.push(line.clone());
    }
    format!(
        "{}\n\nWhat the copy changes (file → copy):\n{}\n\n{keys}",
        head.join("\n"),
        diff.join("\n")
    )
}

fn dialog_body_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(4).min(72).saturating_sub(4)).max(1)
}

fn dialog(buf: &mut Buffer, area: Rect, title: &str, text: &str) {
    let width = area.width.saturating_sub(4).min(72);
    let body_w = dialog_body_width(area);
    let lines: Vec<String> = text.split('\n').flat_map(|p| wrap(p, body_w)).collect();
    let height = (lines.len() as u16).saturating_add(2);
    let r = centered(area, width, height);
    Clear.render(r, buf);
    Block::bordered()
        .border_style(theme::pane_border(true))
        .title(title.to_owned())
        .render(r, buf);
    let body = inner(r);
    for (i, line) in lines.iter().enumerate() {
        put(
            buf,
            body,
            i32::from(body.x) + 1,
            i32::from(body.y) + i as i32,
            line,
            Style::new(),
        );
    }
}

/// The box of the file-name prompt over `area`.
fn prompt_box(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(80);
    centered(area, width, 5)
}

fn prompt(buf: &mut Buffer, area: Rect, title: &str, input: &TextInput) {
    let r = prompt_box(area);
    Clear.render(r, buf);
    Block::bordered()
        .border_style(theme::pane_border(true))
        .title(format!(" {title} "))
        .render(r, buf);
    let body = inner(r);
    if body.height < 1 {
        return;
    }
    let room = usize::from(body.width.saturating_sub(2)).max(1);
    let (shown, _) = visible(input.text(), input.cursor(), room);
    put(
        buf,
        body,
        i32::from(body.x) + 1,
        i32::from(body.y),
        &shown,
        Style::new(),
    );
    let hint = "Enter: ok · Esc: cancel · .json is JSON, anything else RON";
    put(
        buf,
        body,
        i32::from(body.x) + 1,
        i32::from(body.y) + 2,
        hint,
        theme::dim(),
    );
}

/// Where the terminal cursor goes in the file-name prompt over `area`.
fn prompt_cursor(area: Rect, input: &TextInput) -> Option<(u16, u16)> {
    let body = inner(prompt_box(area));
    if body.height < 1 {
        return None;
    }
    let room = usize::from(body.width.saturating_sub(2)).max(1);
    let (_, cur) = visible(input.text(), input.cursor(), room);
    let x = body.x + 1 + cur as u16;
    (x < body.right()).then_some((x, body.y))
}
