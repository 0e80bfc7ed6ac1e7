//! The node boxes at the current zoom level, as the model's `node_box` measures and words them: a
//! full box (border, kind, worst finding, three lines), a one-line `[name]`, or a mark of initials.
//! How one node looks (selected, marked, highlighted, its finding) is decided in one place,
//! [`look`], so a new kind of emphasis is added there.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};
use vnetsketch_model::Pos;
use vnetsketch_model::design::Node;
use vnetsketch_model::diagram::{NodeBox, Scene, Zoom, node_box};
use vnetsketch_model::validate::Severity;

use super::pane::Pane;
use crate::tui::state::{App, Mode, Selection};
use crate::tui::ui::theme;

/// How one node is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Look {
    /// The border's (or the mark's) style.
    pub border: Style,
    /// Drawn with a double border (full) or reversed (compact, overview): selected, marked, or an end
    /// of the link being drawn.
    pub strong: bool,
    /// Its worst finding.
    pub finding: Option<Severity>,
}

/// What the frame knows about the nodes to decide their looks.
pub struct Marks<'a> {
    selected: Option<&'a str>,
    link_ends: Vec<&'a str>,
    highlighted: Vec<&'a str>,
    /// The worst finding of each node shown, by name (sorted).
    worst: Vec<(&'a str, Option<Severity>)>,
}

impl<'a> Marks<'a> {
    /// The marks of the app's state for the nodes `shown` (their worst findings are looked up).
    pub fn of(app: &'a App, shown: impl Iterator<Item = &'a str>) -> Marks<'a> {
        let mut worst: Vec<(&str, Option<Severity>)> = shown.map(|n| (n, None)).collect();
        worst.sort_unstable();
        worst.dedup();
        for f in &app.doc.report.findings {
            for n in &f.nodes {
                if let Ok(i) = worst.binary_search_by(|(w, _)| (*w).cmp(n.as_str())) {
                    let e = &mut worst[i].1;
                    *e = Some(e.map_or(f.severity, |s| s.min(f.severity)));
                }
            }
        }
        Marks {
            selected: match &app.panes.selection {
                Selection::Node(n) => Some(n.as_str()),
                _ => None,
            },
            link_ends: match &app.mode {
                Mode::Link { source, target, .. } => {
                    std::iter::once(source.as_str()).chain(target.as_deref()).collect()
                }
                _ => Vec::new(),
            },
            highlighted: app
                .highlighted()
                .map(|f| f.nodes.iter().map(String::as_str).collect())
                .unwrap_or_default(),
            worst,
        }
    }
}

/// How node `name` looks: the one decision of a node's style.
pub fn look(app: &App, marks: &Marks<'_>, name: &str, node: &Node) -> Look {
    let mut border = Style::new().fg(theme::node_color(node.kind()));
    if marks.highlighted.contains(&name) {
        border = Style::new()
            .fg(theme::severity_color(Severity::Error))
            .add_modifier(Modifier::BOLD);
    }
    let strong = marks.selected == Some(name) || marks.link_ends.contains(&name) || app.canvas.marked.contains(name);
    if strong {
        border = border.add_modifier(Modifier::BOLD);
    }
    Look {
        border,
        strong,
        finding: marks
            .worst
            .binary_search_by(|(w, _)| (*w).cmp(name))
            .ok()
            .and_then(|i| marks.worst[i].1),
    }
}

/// Draws the boxes the pane shows, the selected one last (on top).
pub fn draw(app: &App, buf: &mut Buffer, pane: &Pane, scene: &Scene<'_>) {
    let mut shown = scene.within(pane.view.world());
    let marks = Marks::of(app, shown.iter().filter_map(|&i| scene.node(i)).map(|(name, _)| name));
    if let Some(top) = marks.selected.and_then(|s| scene.index(s))
        && let Some(at) = shown.iter().position(|i| *i == top)
    {
        let i = shown.remove(at);
        shown.push(i);
    }
    for i in shown {
        let Some((name, node)) = scene.node(i) else { continue };
        let b = node_box(node);
        let look = look(app, &marks, name, node);
        match pane.view.zoom {
            Zoom::Full => full(buf, pane, &b, &look),
            Zoom::Compact | Zoom::Overview => small(buf, pane, &b, &look),
        }
        let r = b.rect_at(pane.view.zoom);
        crate::tui::ui::reach::mark_box(app, name, buf, pane.clip, pane.at(Pos { x: r.x, y: r.y }), (r.w, r.h));
    }
}

/// A full box: border (double when strong), the kind in the top border, the worst finding's tag at
/// its right, the three lines.
fn full(buf: &mut Buffer, pane: &Pane, nb: &NodeBox, look: &Look) {
    let r = nb.rect_at(Zoom::Full);
    // Runs (horizontal, vertical) and corners (top-left, top-right, bottom-left, bottom-right).
    let glyphs = if look.strong {
        ['═', '║', '╔', '╗', '╚', '╝']
    } else {
        ['─', '│', '┌', '┐', '└', '┘']
    };
    let (x0, y0, x1, y1) = (r.x, r.y, r.right() - 1, r.bottom() - 1);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let c = match (x == x0, x == x1, y == y0, y == y1) {
                (true, _, true, _) => glyphs[2],
                (_, true, true, _) => glyphs[3],
                (true, _, _, true) => glyphs[4],
                (_, true, _, true) => glyphs[5],
                (_, _, true, _) | (_, _, _, true) => glyphs[0],
                (true, _, _, _) | (_, true, _, _) => glyphs[1],
                _ => ' ',
            };
            let style = if c == ' ' { Style::new() } else { look.border };
            pane.put_char(buf, Pos { x, y }, c, style);
        }
    }
    pane.put(buf, Pos { x: x0 + 2, y: y0 }, &format!(" {} ", nb.kind), look.border);
    if let Some(sev) = look.finding {
        let style = Style::new()
            .fg(Color::Black)
            .bg(theme::severity_color(sev))
            .add_modifier(Modifier::BOLD);
        pane.put(
            buf,
            Pos { x: x1 - 3, y: y0 },
            &format!(" {} ", theme::severity_tag(sev)),
            style,
        );
    }
    let (dx, dy) = NodeBox::text_offset(Zoom::Full);
    for (i, line) in nb.lines_at(Zoom::Full).iter().enumerate() {
        let style = if i == 0 {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        pane.put(
            buf,
            Pos {
                x: x0 + dx,
                y: y0 + dy + i as i32,
            },
            line,
            style,
        );
    }
}

/// A one-line box `[name]` (compact) or a mark of initials (overview), in the kind's colour; reversed
/// when strong; a finding colours the edges (compact) or underlines the mark (overview).
fn small(buf: &mut Buffer, pane: &Pane, b: &NodeBox, look: &Look) {
    let zoom = pane.view.zoom;
    let r = b.rect_at(zoom);
    let mut style = look.border;
    if look.strong {
        style = style.add_modifier(Modifier::REVERSED);
    }
    if zoom == Zoom::Compact {
        for x in r.x..r.right() {
            pane.put_char(buf, Pos { x, y: r.y }, ' ', style);
        }
    }
    let (dx, _) = NodeBox::text_offset(zoom);
    let text_style = style.add_modifier(Modifier::BOLD);
    if zoom == Zoom::Compact {
        let edge = match look.finding {
            Some(sev) => Style::new()
                .fg(Color::Black)
                .bg(theme::severity_color(sev))
                .add_modifier(Modifier::BOLD),
            None => style,
        };
        pane.put_char(buf, r.origin(), '[', edge);
        pane.put_char(
            buf,
            Pos {
                x: r.right() - 1,
                y: r.y,
            },
            ']',
            edge,
        );
    }
    let text_style = if zoom == Zoom::Overview && look.finding.is_some() {
        text_style.add_modifier(Modifier::UNDERLINED)
    } else {
        text_style
    };
    if let Some(line) = b.lines_at(zoom).first() {
        pane.put(buf, Pos { x: r.x + dx, y: r.y }, line, text_style);
    }
}
