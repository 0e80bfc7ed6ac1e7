//! The ui room: pure drawing. [`render`] draws the whole screen from the app state, each pane by
//! its module ([`canvas`] with [`reach`]'s marks, [`inspector`], [`findings`], [`throughput`] or in
//! reach mode the [`path_panel`], [`status`], [`message_line`]) and then the mode's popup ([`help`],
//! [`dialog`]), or says the terminal is too small. Every pane is drawn one way: `draw(app: &App, area: Rect, buf: &mut Buffer)`. The ui reads
//! the app and never changes it; it computes no finding and no figure (those are the model's, kept
//! in [`crate::tui::state::Document`]), and never imports `update`.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

use crate::tui::geometry::screen::{MIN_HEIGHT, MIN_WIDTH, ScreenAreas};
use crate::tui::geometry::text::wrap;
use crate::tui::state::{App, Focus, Mode};
use theme::put;

pub mod canvas;
pub mod completion;
pub mod dialog;
pub mod findings;
pub mod help;
pub mod inspector;
pub mod message_line;
pub mod path_panel;
pub mod popup;
pub mod reach;
pub mod search;
pub mod status;
pub mod theme;
pub mod throughput;

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
    canvas::draw(app, areas.canvas, buf);
    search::draw(app, areas.canvas, buf);
    findings::draw(app, areas.findings, buf);
    match (&app.reach, app.panes.focus) {
        (None, _) => {
            inspector::draw(app, areas.inspector, buf);
            throughput::draw(app, areas.throughput, buf);
        }
        // Reach mode: the path panel has the whole side, but for the inspector while it has the focus.
        (Some(_), Focus::Inspector) => {
            inspector::draw(app, areas.inspector, buf);
            path_panel::draw(app, areas.throughput, buf);
        }
        (Some(_), _) => path_panel::draw(app, areas.inspector.union(areas.throughput), buf),
    }
    status::draw(app, areas.status, buf);
    message_line::draw(app, areas.message, buf);
    help::draw(app, area, buf);
    dialog::draw(app, area, buf);
    completion::draw(app, area, buf);
    match app.mode {
        Mode::Command { .. } => message_line::cursor(app, areas.message),
        Mode::Prompt { .. } => dialog::cursor(app, area),
        Mode::Search(_) => search::cursor(app, areas.canvas),
        _ => None,
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let text = format!(
        "terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{})",
        area.width, area.height
    );
    let lines = wrap(&text, usize::from(area.width));
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

#[cfg(test)]
mod tests;
