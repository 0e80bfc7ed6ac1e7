//! The canvas pane: node boxes, links as routed lines (one style and colour per kind, with a legend),
//! the cursor, the selection and the highlight of the selected finding. Drawn cell by cell with
//! bounds-checked writes, culling what is outside the viewport, so it never panics and stays fast on
//! large designs.

use std::collections::HashMap;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use vnetsketch_model::validate::Severity;
use vnetsketch_model::{LinkId, LinkKind, Pos};

use super::theme::{self, LineChars, put, put_char};
use crate::tui::geometry::canvas::{self as geometry, CanvasRect};
use crate::tui::geometry::canvas_index::CanvasIndex;
use crate::tui::geometry::screen::inner;
use crate::tui::geometry::text::{ellipsize, width};
use crate::tui::state::{App, Focus, Mode, Selection};

/// Maps canvas cells to screen cells for one frame.
struct Viewport {
    clip: Rect,
    origin: Pos,
}

impl Viewport {
    fn screen(&self, p: Pos) -> (i32, i32) {
        (
            i32::from(self.clip.x) + p.x - self.origin.x,
            i32::from(self.clip.y) + p.y - self.origin.y,
        )
    }

    fn world_rect(&self) -> CanvasRect {
        CanvasRect {
            x: self.origin.x,
            y: self.origin.y,
            w: i32::from(self.clip.width),
            h: i32::from(self.clip.height),
        }
    }

    fn sees(&self, r: CanvasRect) -> bool {
        let v = self.world_rect();
        r.x < v.x + v.w && r.x + r.w > v.x && r.y < v.y + v.h && r.y + r.h > v.y
    }
}

/// Draws the canvas pane into `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.panes.focus == Focus::Canvas || matches!(app.mode, Mode::Link { .. });
    let title = format!(" Canvas  cursor {},{} ", app.canvas.cursor.x, app.canvas.cursor.y);
    Block::bordered()
        .border_style(theme::pane_border(focused))
        .title(Line::from(Span::styled(title, theme::pane_border(focused))))
        .title_bottom(legend())
        .render(area, buf);
    let clip = inner(area);
    if clip.is_empty() {
        return;
    }
    let viewport = Viewport {
        clip,
        origin: app.canvas.scroll,
    };
    let index = CanvasIndex::new(&app.doc.design);
    let (hl_nodes, hl_links): (Vec<&str>, Vec<LinkId>) = match app.highlighted() {
        Some(f) => (f.nodes.iter().map(String::as_str).collect(), f.links.clone()),
        None => (Vec::new(), Vec::new()),
    };
    let topology = app.doc.topology();
    for (k, (id, link)) in app.doc.design.links().iter().enumerate() {
        let Some((ia, ib)) = topology.ends(k) else { continue };
        // The widest the two boxes can be first (no text needed), then their real boxes.
        let (Some(a), Some(b)) = (index.reach_at(ia), index.reach_at(ib)) else {
            continue;
        };
        if !viewport.sees(geometry::span(a, b)) {
            continue;
        }
        let (Some(a), Some(b)) = (index.rect_at(ia), index.rect_at(ib)) else {
            continue;
        };
        if !viewport.sees(geometry::span(a, b)) {
            continue;
        }
        let route = index.route(a, b, id.0 as i32);
        let mut style = Style::new().fg(theme::link_color(link.kind));
        if hl_links.contains(id) {
            style = style.bg(Color::DarkGray).add_modifier(Modifier::BOLD);
        }
        if app.panes.selection == Selection::Link(*id) {
            style = style.add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        draw_route(buf, &viewport, &route, theme::link_chars(link.kind), style);
    }
    if let Mode::Link {
        source,
        kind,
        target: Some(target),
        ..
    } = &app.mode
        && let (Some(a), Some(b)) = (index.rect(source), index.rect(target))
    {
        let style = Style::new()
            .fg(theme::link_color(*kind))
            .add_modifier(Modifier::BOLD | Modifier::SLOW_BLINK);
        draw_route(buf, &viewport, &index.route(a, b, 0), theme::link_chars(*kind), style);
    }
    let worst = worst_severity(app);
    let selected = match &app.panes.selection {
        Selection::Node(n) => Some(n.as_str()),
        _ => None,
    };
    let link_ends: Vec<&str> = match &app.mode {
        Mode::Link { source, target, .. } => std::iter::once(source.as_str()).chain(target.as_deref()).collect(),
        _ => Vec::new(),
    };
    // The boxes on screen, in name order, the selected one last (on top).
    let mut shown = index.within(viewport.world_rect());
    if let Some(at) = shown.iter().position(|(n, _, _)| Some(*n) == selected) {
        let top = shown.remove(at);
        shown.push(top);
    }
    for (name, node, r) in shown {
        let lines = geometry::node_lines(node);
        let look = BoxLook {
            color: theme::node_color(node.kind()),
            selected: selected == Some(name) || link_ends.contains(&name) || app.canvas.marked.contains(name),
            highlighted: hl_nodes.contains(&name),
            kind: node.kind().as_str(),
            finding: worst.get(name).copied(),
        };
        draw_box(buf, &viewport, r, &lines, &look);
        super::reach::mark_box(
            app,
            name,
            buf,
            viewport.clip,
            viewport.screen(Pos { x: r.x, y: r.y }),
            (r.w, r.h),
        );
    }
    draw_cursor(buf, &viewport, app.canvas.cursor, focused);
    if app.doc.design.nodes().is_empty() {
        empty_hint(buf, clip);
    }
}

fn legend() -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for kind in LinkKind::ALL {
        let c = theme::link_chars(kind);
        spans.push(Span::styled(
            format!("{}{} {} ", c.h, c.h, kind.as_str()),
            Style::new().fg(theme::link_color(kind)),
        ));
    }
    Line::from(spans)
}

fn worst_severity(app: &App) -> HashMap<&str, Severity> {
    let mut out: HashMap<&str, Severity> = HashMap::new();
    for f in &app.doc.report.findings {
        for n in &f.nodes {
            let e = out.entry(n.as_str()).or_insert(f.severity);
            *e = (*e).min(f.severity);
        }
    }
    out
}

fn draw_route(buf: &mut Buffer, viewport: &Viewport, route: &geometry::Route, ch: LineChars, style: Style) {
    let v = viewport.world_rect();
    for (p, q) in route.segments() {
        // Clip each run to the viewport before walking it: a run may be far longer than the screen.
        let (x0, x1) = (p.x.min(q.x).max(v.x), p.x.max(q.x).min(v.x + v.w - 1));
        let (y0, y1) = (p.y.min(q.y).max(v.y), p.y.max(q.y).min(v.y + v.h - 1));
        let c = if p.y == q.y { ch.h } else { ch.v };
        for y in y0..=y1 {
            for x in x0..=x1 {
                let (sx, sy) = viewport.screen(Pos { x, y });
                put_char(buf, viewport.clip, sx, sy, c, style);
            }
        }
    }
    let pts = route.points();
    for w in pts.windows(3) {
        let (from, at, to) = (w[0], w[1], w[2]);
        // The sides of the cell at `at` that the route uses: where it came from, where it goes.
        let back = ((from.x - at.x).signum(), (from.y - at.y).signum());
        let fwd = ((to.x - at.x).signum(), (to.y - at.y).signum());
        let has = |d: (i32, i32)| back == d || fwd == d;
        let c = match (has((-1, 0)), has((1, 0)), has((0, -1)), has((0, 1))) {
            (true, _, _, true) => ch.tr,
            (true, _, true, _) => ch.br,
            (_, true, _, true) => ch.tl,
            (_, true, true, _) => ch.bl,
            _ => continue,
        };
        let (sx, sy) = viewport.screen(at);
        put_char(buf, viewport.clip, sx, sy, c, style);
    }
}

struct BoxLook<'a> {
    color: Color,
    selected: bool,
    highlighted: bool,
    kind: &'a str,
    finding: Option<Severity>,
}

fn draw_box(buf: &mut Buffer, viewport: &Viewport, r: CanvasRect, lines: &[String; 3], look: &BoxLook<'_>) {
    let mut border = Style::new().fg(look.color);
    if look.highlighted {
        border = Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD);
    }
    if look.selected {
        border = border.add_modifier(Modifier::BOLD);
    }
    let (h, v, tl, tr, bl, br) = if look.selected {
        ('═', '║', '╔', '╗', '╚', '╝')
    } else {
        ('─', '│', '┌', '┐', '└', '┘')
    };
    let (x0, y0) = viewport.screen(Pos { x: r.x, y: r.y });
    let (x1, y1) = (x0 + r.w - 1, y0 + r.h - 1);
    let clip = viewport.clip;
    for y in y0..=y1 {
        for x in x0..=x1 {
            let c = match (x == x0, x == x1, y == y0, y == y1) {
                (true, _, true, _) => tl,
                (_, true, true, _) => tr,
                (true, _, _, true) => bl,
                (_, true, _, true) => br,
                (_, _, true, _) | (_, _, _, true) => h,
                (true, _, _, _) | (_, true, _, _) => v,
                _ => ' ',
            };
            let style = if c == ' ' { Style::new() } else { border };
            put_char(buf, clip, x, y, c, style);
        }
    }
    put(buf, clip, x0 + 2, y0, &format!(" {} ", look.kind), border);
    if let Some(sev) = look.finding {
        let style = Style::new()
            .fg(Color::Black)
            .bg(theme::severity_color(sev))
            .add_modifier(Modifier::BOLD);
        put(buf, clip, x1 - 3, y0, &format!(" {} ", theme::severity_tag(sev)), style);
    }
    let width = (r.w - 4).max(0) as usize;
    for (i, line) in lines.iter().enumerate() {
        let style = if i == 0 {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        put(buf, clip, x0 + 2, y0 + 1 + i as i32, &ellipsize(line, width), style);
    }
}

fn draw_cursor(buf: &mut Buffer, viewport: &Viewport, cursor: Pos, focused: bool) {
    let (x, y) = viewport.screen(cursor);
    let clip = viewport.clip;
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
