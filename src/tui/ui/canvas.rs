//! The canvas pane: the model's diagram of the design at the current zoom level — region and band
//! frames, links routed by the model over what the pane shows (each kind in its line style and
//! colour, crossings, labels where the model placed them; none at the overview, which shows where
//! nodes are), node boxes from the model's `node_box` —
//! then the cursor, the selection, the highlight of the selected finding, and a minimap when the
//! design is larger than the pane. The UI computes no geometry, number or finding of its own: it
//! draws what the model gives. Every write is bounds-checked and clipped to the pane, and only what
//! the pane shows is drawn, so it never panics and a frame costs what is on screen.

mod boxes;
mod links;
mod minimap;
mod pane;

use pane::Pane;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use std::rc::Rc;

use vnetsketch_model::diagram::{Scene, Zoom};
use vnetsketch_model::{LinkKind, Pos};

use super::theme::{self, put};
use crate::tui::geometry::screen::inner;
use crate::tui::geometry::text::width;
use crate::tui::geometry::view::View;
use crate::tui::state::drawing::Window;
use crate::tui::state::{App, Focus, Mode};

/// What a zoom level is called in the pane's title.
fn zoom_word(zoom: Zoom) -> &'static str {
    match zoom {
        Zoom::Full => "full",
        Zoom::Compact => "compact",
        Zoom::Overview => "overview",
    }
}

/// Draws the canvas pane into `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.panes.focus == Focus::Canvas || matches!(app.mode, Mode::Link { .. });
    let title = format!(
        " Canvas  {}  cursor {},{} ",
        zoom_word(app.canvas.zoom),
        app.canvas.cursor.x,
        app.canvas.cursor.y
    );
    Block::bordered()
        .border_style(theme::pane_border(focused))
        .title(Line::from(Span::styled(title, theme::pane_border(focused))))
        .title_bottom(legend())
        .render(area, buf);
    let clip = inner(area);
    if clip.is_empty() {
        return;
    }
    let view = View::new(
        app.canvas.zoom,
        app.canvas.scroll,
        (i32::from(clip.width), i32::from(clip.height)),
    );
    let pane = Pane { clip, view };
    let (topology, places) = app.doc.scene_parts();
    let scene = Scene::with_parts(&app.doc.design, &topology, &places);
    let sketch = app.doc.sketch();
    // The overview shows where things are, not how they connect: at a fifth of the rows, a window
    // holds twenty times the links, which neither read nor route in a frame's time.
    let window = if view.zoom == Zoom::Overview {
        Rc::new(Window::default())
    } else {
        app.doc.window(&scene, view.world())
    };
    let routing = &window.routing;
    let framed = links::frame_labels(&pane, &sketch.frames, routing);
    links::lines(buf, &pane, &window);
    links::frames(buf, &pane, &sketch.frames);
    if view.zoom == Zoom::Full {
        links::labels(buf, &pane, routing, &window.labels, &framed);
    }
    links::emphasis(app, buf, &pane, routing);
    links::preview(app, buf, &pane, &scene);
    boxes::draw(app, buf, &pane, &scene);
    if view.zoom == Zoom::Full {
        links::ports(buf, &pane, routing);
    }
    links::frame_names(buf, &pane, &framed);
    draw_cursor(buf, &pane, app.canvas.cursor, focused);
    if app.doc.design.nodes().is_empty() {
        empty_hint(buf, clip);
    } else if view.larger_than_pane(sketch.bounds) {
        minimap::draw(buf, &pane, &app.doc);
    }
}

fn legend() -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for kind in LinkKind::ALL {
        let h = theme::link_run(kind);
        spans.push(Span::styled(
            format!("{h}{h} {} ", kind.as_str()),
            Style::new().fg(theme::link_color(kind)),
        ));
    }
    spans.push(Span::styled("+ - 0 zoom ", theme::dim()));
    Line::from(spans)
}

fn draw_cursor(buf: &mut Buffer, pane: &Pane, cursor: Pos, focused: bool) {
    let c = pane.view.cell_of(cursor);
    let (x, y) = (i32::from(pane.clip.x) + c.x, i32::from(pane.clip.y) + c.y);
    let clip = pane.clip;
    if x < i32::from(clip.x) || y < i32::from(clip.y) || x >= i32::from(clip.right()) || y >= i32::from(clip.bottom()) {
        return;
    }
    let Some(cell) = buf.cell_mut((x as u16, y as u16)) else {
        return;
    };
    if cell.symbol() == " " {
        cell.set_char('+');
    }
    let style = if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().fg(Color::DarkGray)
    };
    let merged = cell.style().patch(style);
    cell.set_style(merged);
}

fn empty_hint(buf: &mut Buffer, clip: Rect) {
    let lines = [
        "An empty design.",
        "v: add a VNet   s: a site   p: a user group",
        "(at the cursor; or type a command after :)",
        ":vnet hub 10.0.0.0/16   then   ? for help",
    ];
    let top = i32::from(clip.y) + i32::from(clip.height) / 2 - 1;
    for (i, l) in lines.iter().enumerate() {
        let x = i32::from(clip.x) + (i32::from(clip.width) - width(l) as i32).max(0) / 2;
        put(buf, clip, x, top + i as i32, l, theme::dim());
    }
}
