//! The diagram under the boxes: region and band frames, the model's routed links as line cells in
//! each kind's style (corners, junctions and crossings as the model marks them), link labels where
//! the model placed them, the ports where links meet boxes, the selected link and the highlighted
//! finding's links, and the link being drawn.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use vnetsketch_model::diagram::route::Labels;
use vnetsketch_model::diagram::{Frame, LineStyle, Route, Routing, Scene, Zoom};
use vnetsketch_model::{LinkId, LinkKind, Pos};

use super::pane::Pane;
use crate::tui::geometry::text::width;
use crate::tui::state::drawing::Window;
use crate::tui::state::{App, Mode, Selection};
use crate::tui::ui::theme;

/// The link kind drawn in `style` (each kind has its own).
fn kind_of(style: LineStyle) -> LinkKind {
    LinkKind::ALL
        .into_iter()
        .find(|k| LineStyle::of(*k) == style)
        .unwrap_or(LinkKind::Peering)
}

/// A frame's label: where it goes on the top border (where the model finds it clear of routes at full
/// size, two cells in at the other levels), where it goes on the bottom border when a box's mark
/// covers the top one (reduced levels scale the frame's padding away), how far along a border it may
/// go when lines cross both, and its text.
pub struct FrameLabel {
    /// On the top border (screen cells of the zoom level).
    pub top: Pos,
    /// On the bottom border.
    pub bottom: Pos,
    /// The columns it may start at on either border, two cells in from each corner.
    pub span: (i32, i32),
    /// ` label `.
    pub text: String,
}

/// The labels of the frames the pane shows.
pub fn frame_labels(pane: &Pane, frames: &[Frame], routing: &Routing) -> Vec<FrameLabel> {
    let zoom = pane.view.zoom;
    let seen = pane.view.screen();
    frames
        .iter()
        .filter_map(|f| {
            let r = zoom.area(f.rect);
            if !r.intersects(&seen) {
                return None;
            }
            let top = if zoom == Zoom::Full {
                f.label_at(routing)
            } else {
                Pos { x: r.x + 2, y: r.y }
            };
            let text = format!(" {} ", f.label);
            Some(FrameLabel {
                top,
                bottom: Pos {
                    x: r.x + 2,
                    y: r.bottom() - 1,
                },
                span: (r.x + 2, r.right() - 2 - width(&text) as i32),
                text,
            })
        })
        .collect()
}

/// Writes the frames' labels after everything else, where they cover only the frame's border and blank
/// cells: on the top border, else on the bottom one (a line or a box's mark may take the top one when
/// the frame is narrow or scaled down), else the first place along the top border and then along the
/// bottom one between the lines that cross them; left out where no place is free.
pub fn frame_names(buf: &mut Buffer, pane: &Pane, labels: &[FrameLabel]) {
    for l in labels {
        let w = width(&l.text) as i32;
        let free = |buf: &Buffer, at: Pos| {
            (0..w).all(|i| {
                pane.symbol(buf, Pos { x: at.x + i, y: at.y })
                    .is_none_or(|s| matches!(s, " " | "." | ":"))
            })
        };
        let along = [l.top.y, l.bottom.y]
            .into_iter()
            .flat_map(|y| (l.span.0..=l.span.1).map(move |x| Pos { x, y }));
        if let Some(at) = [l.top, l.bottom].into_iter().chain(along).find(|at| free(buf, *at)) {
            pane.put(buf, at, &l.text, theme::bold());
        }
    }
}

/// The frames' borders: dotted (`.` and `:`, apart from every link glyph), where no line is.
pub fn frames(buf: &mut Buffer, pane: &Pane, frames: &[Frame]) {
    let zoom = pane.view.zoom;
    let seen = pane.view.screen();
    let style = theme::dim();
    for f in frames {
        let r = zoom.area(f.rect);
        if !r.intersects(&seen) {
            continue;
        }
        let mut border = |p: Pos, c: char| {
            if pane.symbol(buf, p) == Some(" ") {
                pane.put_char(buf, p, c, style);
            }
        };
        let (x0, x1) = (r.x.max(seen.x - 1), (r.right() - 1).min(seen.right()));
        for x in x0..=x1 {
            border(Pos { x, y: r.y }, '.');
            border(Pos { x, y: r.bottom() - 1 }, '.');
        }
        let (y0, y1) = (r.y.max(seen.y - 1), (r.bottom() - 1).min(seen.bottom()));
        for y in y0..=y1 {
            let c = if y == r.y || y == r.bottom() - 1 { '.' } else { ':' };
            border(Pos { x: r.x, y }, c);
            border(Pos { x: r.right() - 1, y }, c);
        }
    }
}

/// The routed links as the model's line cells at the zoom level (the window keeps them).
pub fn lines(buf: &mut Buffer, pane: &Pane, window: &Window) {
    for cell in window.cells(pane.view.zoom, pane.view.screen()).iter() {
        let style = Style::new().fg(theme::link_color(kind_of(cell.style)));
        pane.put_char(buf, cell.at, cell.style.glyph(cell.joins), style);
    }
}

/// Each label at the spot the model chose for it (full size only; the model places them there):
/// in the kind's colour, in the error colour when it is marked `!`. A label that would cover a
/// frame's label (`framed`) is left out: the model places link labels clear of routes and boxes, and
/// the frame's names the region.
pub fn labels(buf: &mut Buffer, pane: &Pane, routing: &Routing, labels: &Labels, framed: &[FrameLabel]) {
    let covers = |at: Pos, w: i32| {
        framed
            .iter()
            .any(|f| f.top.y == at.y && at.x < f.top.x + width(&f.text) as i32 && f.top.x < at.x + w)
    };
    for r in &routing.routes {
        let (Some(spot), Some(text)) = (r.label, labels.get(&r.id)) else {
            continue;
        };
        if covers(spot.at, spot.width) {
            continue;
        }
        let fg = if text.starts_with('!') {
            theme::severity_color(vnetsketch_model::validate::Severity::Error)
        } else {
            theme::link_color(r.kind)
        };
        pane.put(buf, spot.at, text, Style::new().fg(fg).add_modifier(Modifier::BOLD));
    }
}

/// The screen cells of `route` at `zoom`.
fn route_cells(route: &Route, zoom: Zoom) -> impl Iterator<Item = Pos> {
    let points = zoom.route(&route.points);
    let mut out: Vec<Pos> = Vec::new();
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = ((b.x - a.x).signum(), (b.y - a.y).signum());
        let n = (b.x - a.x).abs().max((b.y - a.y).abs());
        out.extend((0..=n).map(|t| Pos {
            x: a.x + dx * t,
            y: a.y + dy * t,
        }));
    }
    out.into_iter()
}

/// The selected link reversed, the highlighted finding's links on a grey background (their glyphs
/// kept).
pub fn emphasis(app: &App, buf: &mut Buffer, pane: &Pane, routing: &Routing) {
    let mut marked: Vec<(LinkId, Style)> = app
        .highlighted()
        .map(|f| {
            f.links
                .iter()
                .map(|id| (*id, Style::new().bg(Color::DarkGray).add_modifier(Modifier::BOLD)))
                .collect()
        })
        .unwrap_or_default();
    if let Selection::Link(id) = app.panes.selection {
        marked.push((id, Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)));
    }
    let seen = pane.view.screen();
    for (id, style) in marked {
        let Some(route) = routing.route(id) else { continue };
        for p in route_cells(route, pane.view.zoom).filter(|p| seen.contains(*p)) {
            let (x, y) = pane.at(p);
            theme::patch_style(buf, pane.clip, x, y, style);
        }
    }
}

/// The link being drawn: the route the model would give it, in the kind's style, blinking.
pub fn preview(app: &App, buf: &mut Buffer, pane: &Pane, scene: &Scene<'_>) {
    let Mode::Link {
        source,
        kind,
        target: Some(target),
        ..
    } = &app.mode
    else {
        return;
    };
    let Some(route) = scene.route_preview(source, target, *kind) else {
        return;
    };
    let sketch = Routing {
        area: pane.view.world(),
        routes: vec![route],
        crossings: Vec::new(),
    };
    let style = Style::new()
        .fg(theme::link_color(*kind))
        .add_modifier(Modifier::BOLD | Modifier::SLOW_BLINK);
    for cell in sketch.cells(pane.view.zoom, pane.view.screen()) {
        pane.put_char(buf, cell.at, cell.style.glyph(cell.joins), style);
    }
}

/// At full size, where a route meets a box the border shows a port (`┴ ┬ ┤ ├`), on a plain border.
pub fn ports(buf: &mut Buffer, pane: &Pane, routing: &Routing) {
    for route in routing.routes.iter().filter(|r| !r.fallback) {
        for (port, side) in route.ports() {
            if matches!(pane.symbol(buf, port), Some("─" | "│")) {
                let (x, y) = pane.at(port);
                let style = buf
                    .cell((x as u16, y as u16))
                    .map(ratatui::buffer::Cell::style)
                    .unwrap_or_default();
                pane.put_char(buf, port, side.port_glyph(), style);
            }
        }
    }
}
