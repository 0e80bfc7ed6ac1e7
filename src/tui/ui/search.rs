//! The `/` search box, over the bottom of the canvas: what is typed, the model's hits (name, kind and
//! what matched: an address held, a SKU, a region) with the highlighted one selected on the canvas,
//! and how many matched in all.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use vnetsketch_model::search::{Hit, Matched};

use super::popup::ListBox;
use super::theme;
use crate::tui::geometry::screen::inner;
use crate::tui::state::{App, Mode};

/// What a hit's line says matched.
fn why(hit: &Hit) -> String {
    match &hit.matched {
        Matched::Name => String::new(),
        Matched::Holds(net) => format!("{net} holds it"),
        Matched::Inside(net) => format!("{net} is inside"),
        Matched::Sku(sku) => format!("SKU {sku}"),
        Matched::Region(region) => format!("in {region}"),
    }
}

fn list(app: &App) -> Option<ListBox<'_>> {
    let Mode::Search(s) = &app.mode else { return None };
    let name_w = s.results.hits.iter().map(|h| h.name.len()).max().unwrap_or(0).min(30);
    let entries = s
        .results
        .hits
        .iter()
        .map(|h| {
            let line = format!("{:name_w$}  {:5}  {}", h.name, h.kind.as_str(), why(h));
            (line, Style::new().fg(theme::node_color(h.kind)))
        })
        .collect();
    let foot = if s.input.text().trim().is_empty() {
        "a name · an address (10.2.) · a SKU · a region".to_owned()
    } else {
        format!(
            "{} of {} · ↑↓ Tab · Enter selects · Esc back",
            s.results.hits.len(),
            s.results.total
        )
    };
    Some(ListBox {
        title: "Search",
        typed: Some(s.input.text()),
        entries,
        at: (!s.results.hits.is_empty()).then_some(s.at),
        foot: Some(foot),
    })
}

/// The box's place over the canvas pane `canvas`: at its bottom, where a design that grows from
/// the top-left has the least to hide.
fn place(list: &ListBox<'_>, canvas: Rect) -> Rect {
    let body = inner(canvas);
    let w = list.width().max(48).min(body.width.saturating_sub(2));
    let h = list.height(15).min(body.height);
    Rect::new(body.x + 1, body.bottom().saturating_sub(h), w, h)
}

/// Draws the search box over the canvas pane `canvas` while searching.
pub fn draw(app: &App, canvas: Rect, buf: &mut Buffer) {
    if let Some(list) = list(app) {
        list.draw(place(&list, canvas), canvas, buf);
    }
}

/// Where the terminal cursor goes while a search is typed.
pub fn cursor(app: &App, canvas: Rect) -> Option<(u16, u16)> {
    let list = list(app)?;
    let r = place(&list, canvas);
    // Where the typed text ends, as the box draws it (drawing into a scratch buffer of the box).
    let mut scratch = Buffer::empty(r);
    list.draw(r, r, &mut scratch)
}
