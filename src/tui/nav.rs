//! Moving around the canvas: the cursor, panning, selecting nodes and links (keys and mouse), and
//! moving nodes (keys and mouse drag, one undo step per run of moves).

use vnetsketch_model::{Edit, LinkId, Pos};

use super::action::{Dir, Effect, Mouse, MouseKind};
use super::geometry::canvas::{self as geometry, CanvasRect};
use super::geometry::canvas_index::CanvasIndex;
use super::geometry::screen::{ScreenAreas, inner};
use super::state::{App, Focus, Mode, Selection};
use super::{findings, inspector, linking};

/// Cells kept between the cursor and the canvas edge when panning.
const MARGIN: i32 = 2;

/// The canvas size in cells (inside its border), when the terminal is usable.
fn canvas_size(app: &App) -> Option<(i32, i32)> {
    ScreenAreas::of_size(app.size).map(|a| {
        let r = inner(a.canvas);
        (i32::from(r.width), i32::from(r.height))
    })
}

/// Pans the view the least needed to show `r` (its top-left corner first when it does not fit).
pub fn ensure_visible(app: &mut App, r: CanvasRect) {
    let Some((w, h)) = canvas_size(app) else { return };
    if w <= 0 || h <= 0 {
        return;
    }
    let fit = |lo: i32, len: i32, view: i32, size: i32| -> i32 {
        let m = MARGIN.min((size - len).max(0) / 2);
        if lo + len + m > view + size {
            (lo + len + m - size).min(lo - m)
        } else if lo - m < view {
            lo - m
        } else {
            view
        }
    };
    app.canvas.scroll.x = fit(r.x, r.w, app.canvas.scroll.x, w);
    app.canvas.scroll.y = fit(r.y, r.h, app.canvas.scroll.y, h);
}

fn show_cursor(app: &mut App) {
    let c = app.canvas.cursor;
    ensure_visible(
        app,
        CanvasRect {
            x: c.x,
            y: c.y,
            w: 1,
            h: 1,
        },
    );
}

/// Moves the cursor; in normal mode a node under it becomes the selection, in link mode the target.
pub fn move_cursor(app: &mut App, dir: Dir, step: i32) {
    let (dx, dy) = dir.delta();
    app.canvas.cursor.x = (app.canvas.cursor.x + dx * step).clamp(-1_000_000, 1_000_000);
    app.canvas.cursor.y = (app.canvas.cursor.y + dy * step).clamp(-1_000_000, 1_000_000);
    show_cursor(app);
    let under = CanvasIndex::new(&app.doc.design)
        .node_at(app.canvas.cursor, selected_node(app))
        .map(str::to_owned);
    if let Some(name) = under {
        if matches!(app.mode, Mode::Link { .. }) {
            linking::set_target(app, &name);
        } else {
            app.panes.selection = Selection::Node(name);
            app.panes.inspector_row = 0;
        }
    }
}

fn selected_node(app: &App) -> Option<&str> {
    match &app.panes.selection {
        Selection::Node(n) => Some(n),
        _ => None,
    }
}

/// Selects the node `name`, puts the cursor on it and pans to show it.
pub fn select_node(app: &mut App, name: &str) {
    let Some(node) = app.doc.design.node(name) else { return };
    let r = geometry::node_rect(node);
    app.panes.selection = Selection::Node(name.to_owned());
    app.canvas.cursor = Pos { x: r.x + 1, y: r.y + 1 };
    app.panes.inspector_row = 0;
    ensure_visible(app, r);
}

/// Selects the link `id`, puts the cursor on its corner and pans to show it.
pub fn select_link(app: &mut App, id: LinkId) {
    let route = app
        .doc
        .design
        .link(id)
        .and_then(|l| CanvasIndex::new(&app.doc.design).link_route(id, l));
    app.panes.selection = Selection::Link(id);
    app.panes.inspector_row = 0;
    if let Some(route) = route {
        app.canvas.cursor = route.middle();
        show_cursor(app);
    }
}

/// Selects the next (or previous) node by name.
pub fn cycle_node(app: &mut App, forward: bool) {
    let names: Vec<&String> = app.doc.design.nodes.keys().collect();
    if names.is_empty() {
        app.info("no nodes yet: v adds a VNet, s a site, p a user group");
        return;
    }
    let at = selected_node(app).and_then(|s| names.iter().position(|n| *n == s));
    let next = step(at, names.len(), forward);
    let name = names[next].clone();
    select_node(app, &name);
}

/// Selects the next (or previous) link.
pub fn cycle_link(app: &mut App, forward: bool) {
    let ids: Vec<LinkId> = app.doc.design.links.keys().copied().collect();
    if ids.is_empty() {
        app.info("no links yet: select a VNet and press c to connect it");
        return;
    }
    let at = match app.panes.selection {
        Selection::Link(id) => ids.iter().position(|i| *i == id),
        _ => None,
    };
    let next = ids[step(at, ids.len(), forward)];
    select_link(app, next);
}

/// The index after (or before) `at` in a list of `len`, wrapping; the first (or last) when `None`.
pub fn step(at: Option<usize>, len: usize, forward: bool) -> usize {
    match (at, forward) {
        (None, true) => 0,
        (None, false) => len.saturating_sub(1),
        (Some(i), true) => (i + 1) % len.max(1),
        (Some(i), false) => (i + len.max(1) - 1) % len.max(1),
    }
}

/// Moves the selected node one cell; a run of moves of one node is one undo step.
pub fn move_node(app: &mut App, dir: Dir, merging: Option<&str>) {
    let Selection::Node(name) = app.panes.selection.clone() else {
        app.error("select a node to move it (n, or click one)");
        return;
    };
    let Some(node) = app.doc.design.node(&name) else { return };
    let (dx, dy) = dir.delta();
    let pos = Pos {
        x: node.pos().x + dx,
        y: node.pos().y + dy,
    };
    move_to(app, &name, pos, merging);
    app.canvas.cursor.x += dx;
    app.canvas.cursor.y += dy;
    if let Some(node) = app.doc.design.node(&name) {
        let r = geometry::node_rect(node);
        ensure_visible(app, r);
    }
}

fn move_to(app: &mut App, name: &str, pos: Pos, merging: Option<&str>) {
    let merge = merging == Some(name);
    match app.apply(
        &Edit::Move {
            name: name.to_owned(),
            pos,
        },
        merge,
    ) {
        Ok(change) => app.info(change.summary),
        Err(e) => app.error(e.to_string()),
    }
    app.panes.selection = Selection::Node(name.to_owned());
    app.canvas.merge_moves = Some(name.to_owned());
}

/// Scrolls the view so that the cursor is in the middle of the canvas.
pub fn center(app: &mut App) {
    if let Some((w, h)) = canvas_size(app) {
        app.canvas.scroll = Pos {
            x: app.canvas.cursor.x - w / 2,
            y: app.canvas.cursor.y - h / 2,
        };
    }
}

/// Handles a mouse event: click selects (node, link, inspector row, finding), drag moves a node,
/// the wheel scrolls. `merging` is the node whose drag is in progress as one undo step.
pub fn mouse(app: &mut App, m: Mouse, merging: Option<&str>) -> Vec<Effect> {
    let Some(areas) = ScreenAreas::of_size(app.size) else {
        return Vec::new();
    };
    let canvas = inner(areas.canvas);
    let (col, row) = (m.col, m.row);
    let hit = |r: ratatui::layout::Rect| col >= r.x && row >= r.y && col < r.right() && row < r.bottom();
    if m.kind == MouseKind::Up {
        app.canvas.drag = None;
        return Vec::new();
    }
    if m.kind == MouseKind::Drag {
        if let Some((name, grab)) = app.canvas.drag.clone() {
            let p = world(app, canvas, col, row);
            let pos = Pos {
                x: p.x - grab.x,
                y: p.y - grab.y,
            };
            if app.doc.design.node(&name).is_some_and(|n| n.pos() != pos) {
                move_to(app, &name, pos, merging);
                app.canvas.cursor = p;
            } else {
                app.canvas.merge_moves = Some(name);
            }
        }
        return Vec::new();
    }
    let scroll = match m.kind {
        MouseKind::ScrollUp => -1,
        MouseKind::ScrollDown => 1,
        _ => 0,
    };
    if matches!(app.mode, Mode::Help { .. }) && scroll != 0 {
        if let Mode::Help { scroll: s } = &mut app.mode {
            *s = s.saturating_add_signed(scroll as i16 * 3);
        }
        return Vec::new();
    }
    let normal = app.mode == Mode::Normal;
    let linking = matches!(app.mode, Mode::Link { .. });
    if hit(canvas) && (normal || linking) {
        if scroll != 0 {
            app.canvas.scroll.y += scroll * 3;
            return Vec::new();
        }
        let p = world(app, canvas, col, row);
        let index = CanvasIndex::new(&app.doc.design);
        let node = index.node_at(p, selected_node(app)).map(str::to_owned);
        if linking {
            if let Some(name) = node {
                linking::set_target(app, &name);
                return linking::confirm(app);
            }
            return Vec::new();
        }
        app.panes.focus = Focus::Canvas;
        app.canvas.cursor = p;
        if let Some(name) = node {
            let pos = app
                .doc
                .design
                .node(&name)
                .map(vnetsketch_model::design::Node::pos)
                .unwrap_or_default();
            app.canvas.drag = Some((
                name.clone(),
                Pos {
                    x: p.x - pos.x,
                    y: p.y - pos.y,
                },
            ));
            app.panes.selection = Selection::Node(name);
            app.panes.inspector_row = 0;
        } else if let Some(id) = index.link_at(&app.doc.design, p) {
            app.panes.selection = Selection::Link(id);
            app.panes.inspector_row = 0;
        } else {
            app.panes.selection = Selection::None;
        }
        return Vec::new();
    }
    if !normal {
        return Vec::new();
    }
    if hit(areas.inspector) {
        app.panes.focus = Focus::Inspector;
        if scroll != 0 {
            inspector::move_row(app, scroll);
        } else if let Some(r) = inspector::row_at(app, areas.inspector, row) {
            app.panes.inspector_row = r;
        }
    } else if hit(areas.findings) {
        app.panes.focus = Focus::Findings;
        if scroll != 0 {
            findings::move_row(app, scroll as isize);
        } else if let Some(i) = findings::row_at(app, areas.findings, row) {
            findings::select(app, i);
        }
    }
    Vec::new()
}

fn world(app: &App, canvas: ratatui::layout::Rect, col: u16, row: u16) -> Pos {
    Pos {
        x: app.canvas.scroll.x + i32::from(col) - i32::from(canvas.x),
        y: app.canvas.scroll.y + i32::from(row) - i32::from(canvas.y),
    }
}
