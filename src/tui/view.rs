//! `render`: draws the whole screen from the app state (panes, then the mode's popup), or says the
//! terminal is too small. Reads the app only; never changes it.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::geometry::screen::{MIN_HEIGHT, MIN_WIDTH, ScreenAreas, centered, inner};
use super::state::{App, Confirm, Mode, Offer, Selection};
use super::theme::{self, put};
use super::throughput::ThroughputPanel;
use super::{canvas, findings, help, inspector, status};

/// Draws the app into the frame.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if let Some(cursor) = render_buffer(app, area, frame.buffer_mut()) {
        frame.set_cursor_position(cursor);
    }
}

/// Draws the app into `area` of `buf`; returns where the terminal cursor goes, if it shows.
pub fn render_buffer(app: &App, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let area = area.intersection(buf.area);
    let Some(areas) = ScreenAreas::new(area) else {
        too_small(area, buf);
        return None;
    };
    canvas::render(app, areas.canvas, buf);
    findings::render(app, areas.findings, buf);
    inspector::render(app, areas.inspector, buf);
    ThroughputPanel {
        design: &app.doc.design,
        estimate: &app.doc.estimate,
        selection: &app.panes.selection,
    }
    .render(areas.throughput, buf);
    status::render_bar(app, areas.status, buf);
    let mut cursor = status::render_message(app, areas.message, buf);
    match &app.mode {
        Mode::Help { scroll } => help::render(area, *scroll, buf),
        Mode::Confirm(question) => dialog(buf, area, " Are you sure? ", &confirm_text(app, question)),
        Mode::Message { title, text } => dialog(
            buf,
            area,
            &format!(" {title} "),
            &format!("{text}\n\nEnter or Esc closes."),
        ),
        Mode::Prompt { purpose, input } => cursor = prompt(buf, area, purpose.title(), input),
        Mode::Recover(offer) => dialog(buf, area, " Recover unsaved changes? ", &recover_text(offer, area)),
        _ => {}
    }
    cursor
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{})",
        area.width, area.height
    );
    let lines = theme::wrap(&text, usize::from(area.width));
    let top = i32::from(area.y) + (i32::from(area.height) - lines.len() as i32).max(0) / 2;
    for (i, line) in lines.iter().enumerate() {
        put(
            buf,
            area,
            i32::from(area.x),
            top + i as i32,
            line,
            Style::new().fg(Color::Yellow),
        );
    }
}

fn confirm_text(app: &App, question: &Confirm) -> String {
    match question {
        Confirm::Delete(Selection::Node(n)) => {
            let links = app.doc.design.links_of(n).count();
            let kind = app.doc.design.node(n).map_or("node", |x| x.kind().as_str());
            format!("Delete {kind} {n} and its {links} link(s)?\n\ny: delete · n or Esc: keep it (u undoes a delete)")
        }
        Confirm::Delete(Selection::Link(id)) => {
            let what = app
                .doc
                .design
                .link(*id)
                .map_or_else(|| "this link".to_owned(), vnetsketch_model::Link::describe);
            format!("Delete the link {what}?\n\ny: delete · n or Esc: keep it")
        }
        Confirm::Delete(Selection::None) => "Nothing to delete.\n\nn or Esc closes".to_owned(),
        Confirm::Quit => {
            "There are unsaved changes.\n\ns: save, then quit · y: quit without saving · n or Esc: stay".to_owned()
        }
        Confirm::Open(path) => format!(
            "There are unsaved changes.\n\ns: save, then open {} · y: open it without saving · n or Esc: stay",
            path.display()
        ),
        Confirm::Overwrite(path) => format!(
            "{} already exists.\n\ny: overwrite it (the old file is kept as {}~) · n or Esc: cancel",
            path.display(),
            path.display()
        ),
    }
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
    let rows = |line: &String| theme::wrap(line, body_w).len().max(1);
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
    let lines: Vec<String> = text.split('\n').flat_map(|p| theme::wrap(p, body_w)).collect();
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

fn prompt(buf: &mut Buffer, area: Rect, title: &str, input: &super::state::TextInput) -> Option<(u16, u16)> {
    let width = area.width.saturating_sub(4).min(80);
    let r = centered(area, width, 5);
    Clear.render(r, buf);
    Block::bordered()
        .border_style(theme::pane_border(true))
        .title(format!(" {title} "))
        .render(r, buf);
    let body = inner(r);
    if body.height < 1 {
        return None;
    }
    let room = usize::from(body.width.saturating_sub(2)).max(1);
    let (shown, cur) = input.visible(room);
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
    let x = body.x + 1 + cur as u16;
    (x < body.right()).then_some((x, body.y))
}
