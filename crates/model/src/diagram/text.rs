//! A plain-text picture of a diagram: frames, routed links in their line styles with crossings and
//! labels, and boxes on top, at any zoom level. For tests, docs and debugging (the canvas draws the
//! same geometry into its own buffer with colours; this writes characters only).

use crate::design::Pos;

use super::boxes::NodeBox;
use super::boxes::node_box;
use super::frames::Frame;
use super::geom::Rect;
use super::route::Labels;
use super::route::Routing;
use super::scene::Scene;
use super::zoom::Zoom;

/// A grid of characters.
struct Sheet {
    origin: Pos,
    w: i32,
    h: i32,
    cells: Vec<char>,
}

impl Sheet {
    fn put(&mut self, p: Pos, c: char) {
        let (x, y) = (p.x - self.origin.x, p.y - self.origin.y);
        if x >= 0 && y >= 0 && x < self.w && y < self.h {
            self.cells[(y * self.w + x) as usize] = c;
        }
    }

    fn get(&self, p: Pos) -> char {
        let (x, y) = (p.x - self.origin.x, p.y - self.origin.y);
        if x >= 0 && y >= 0 && x < self.w && y < self.h {
            self.cells[(y * self.w + x) as usize]
        } else {
            ' '
        }
    }

    fn text(&mut self, p: Pos, s: &str) {
        for (i, c) in s.chars().enumerate() {
            self.put(
                Pos {
                    x: p.x + i as i32,
                    y: p.y,
                },
                c,
            );
        }
    }
}

/// The picture of the world area `view` at `zoom`: `frames`, then `routing`'s links (with `labels`
/// at full size), then the boxes of `scene`.
pub fn render(
    scene: &Scene<'_>,
    routing: &Routing,
    frames: &[Frame],
    labels: Option<&Labels>,
    view: Rect,
    zoom: Zoom,
) -> String {
    let from = zoom.to_screen(view.origin());
    let to = zoom.to_screen(Pos {
        x: view.right(),
        y: view.bottom(),
    });
    let mut sheet = Sheet {
        origin: from,
        w: (to.x - from.x).max(0),
        h: (to.y - from.y).max(0),
        cells: vec![' '; ((to.x - from.x).max(0) * (to.y - from.y).max(0)) as usize],
    };
    for f in frames {
        let r = zoom.area(f.rect);
        draw_border(&mut sheet, r, ('.', '.', '.', '.', '.', ':'));
        let at = if zoom == Zoom::Full {
            f.label_at(routing)
        } else {
            Pos { x: r.x + 2, y: r.y }
        };
        sheet.text(at, &format!(" {} ", f.label));
    }
    let screen = Rect {
        x: from.x,
        y: from.y,
        w: to.x - from.x,
        h: to.y - from.y,
    };
    for cell in routing.cells(zoom, screen) {
        sheet.put(cell.at, cell.style.glyph(cell.joins));
    }
    if zoom == Zoom::Full
        && let Some(labels) = labels
    {
        for r in &routing.routes {
            if let (Some(spot), Some(text)) = (r.label, labels.get(&r.id)) {
                sheet.text(spot.at, text);
            }
        }
    }
    for i in scene.within(view) {
        let Some((_, node)) = scene.node(i) else { continue };
        draw_box(&mut sheet, &node_box(node), zoom);
    }
    if zoom == Zoom::Full {
        for route in routing.routes.iter().filter(|r| !r.fallback) {
            for (port, side) in route.ports() {
                if matches!(sheet.get(port), '─' | '│') {
                    sheet.put(port, side.port_glyph());
                }
            }
        }
    }
    let mut out = String::new();
    for row in sheet.cells.chunks(sheet.w.max(1) as usize) {
        let line: String = row.iter().collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn draw_border(sheet: &mut Sheet, r: Rect, (tl, tr, bl, br, h, v): (char, char, char, char, char, char)) {
    for x in r.x..r.right() {
        sheet.put(Pos { x, y: r.y }, h);
        sheet.put(Pos { x, y: r.bottom() - 1 }, h);
    }
    for y in r.y..r.bottom() {
        sheet.put(Pos { x: r.x, y }, v);
        sheet.put(Pos { x: r.right() - 1, y }, v);
    }
    sheet.put(r.origin(), tl);
    sheet.put(
        Pos {
            x: r.right() - 1,
            y: r.y,
        },
        tr,
    );
    sheet.put(
        Pos {
            x: r.x,
            y: r.bottom() - 1,
        },
        bl,
    );
    sheet.put(
        Pos {
            x: r.right() - 1,
            y: r.bottom() - 1,
        },
        br,
    );
}

fn draw_box(sheet: &mut Sheet, b: &NodeBox, zoom: Zoom) {
    let r = b.rect_at(zoom);
    for y in r.y..r.bottom() {
        for x in r.x..r.right() {
            sheet.put(Pos { x, y }, ' ');
        }
    }
    let (dx, dy) = NodeBox::text_offset(zoom);
    match zoom {
        Zoom::Full => {
            draw_border(sheet, r, ('┌', '┐', '└', '┘', '─', '│'));
            sheet.text(Pos { x: r.x + 2, y: r.y }, &format!(" {} ", b.kind));
        }
        Zoom::Compact => {
            sheet.put(r.origin(), '[');
            sheet.put(
                Pos {
                    x: r.right() - 1,
                    y: r.y,
                },
                ']',
            );
        }
        Zoom::Overview => {}
    }
    for (i, line) in b.lines_at(zoom).iter().enumerate() {
        sheet.text(
            Pos {
                x: r.x + dx,
                y: r.y + dy + i as i32,
            },
            line,
        );
    }
}
