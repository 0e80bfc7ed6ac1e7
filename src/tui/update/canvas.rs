//! The canvas: the cursor, scrolling, selecting nodes and links (by key, by click, and for the other
//! concerns through [`Action::Select`]), moving nodes (the selected one and the marked ones by key,
//! speeding up while held; one by mouse drag; one undo step per run) and duplicating one.

use vnetsketch_model::diagram::boxes::node_rect;
use vnetsketch_model::diagram::{Rect, Scene};
use vnetsketch_model::{Edit, LinkId, Pos};

use crate::tui::action::{Action, Dir, step};
use crate::tui::state::{App, Focus, Run, Selection};

/// Screen cells kept between the cursor and the canvas edge when scrolling.
const MARGIN: i32 = 2;

/// Scrolls the least needed to show `screen` (cells of the current zoom level; its top-left corner
/// first when it does not fit).
fn ensure_visible(app: &mut App, screen: Rect) {
    // The user moves the view from here on: a resize no longer fits the design again.
    app.canvas.fit_pending = false;
    let view = app.view();
    let (w, h) = (view.w, view.h);
    if w <= 0 || h <= 0 {
        return;
    }
    let fit = |lo: i32, len: i32, scroll: i32, size: i32| -> i32 {
        let m = MARGIN.min((size - len).max(0) / 2);
        if lo + len + m > scroll + size {
            (lo + len + m - size).min(lo - m)
        } else if lo - m < scroll {
            lo - m
        } else {
            scroll
        }
    };
    let origin = Pos {
        x: fit(screen.x, screen.w, view.origin.x, w),
        y: fit(screen.y, screen.h, view.origin.y, h),
    };
    app.canvas.scroll = view.zoom.to_world(origin);
}

fn show_cursor(app: &mut App) {
    let at = app.canvas.zoom.to_screen(app.canvas.cursor);
    ensure_visible(app, Rect::at(at, 1, 1));
}

/// Moves the cursor `step` cells of the current zoom level; returns the node now under it (in
/// normal mode it becomes the selection, in link mode the target).
pub fn move_cursor(app: &mut App, dir: Dir, step: i32) -> Option<String> {
    let (dx, dy) = dir.delta();
    let zoom = app.canvas.zoom;
    let at = zoom.to_screen(app.canvas.cursor);
    let to = zoom.to_world(Pos {
        x: at.x + dx * step,
        y: at.y + dy * step,
    });
    app.canvas.cursor.x = to.x.clamp(-1_000_000, 1_000_000);
    app.canvas.cursor.y = to.y.clamp(-1_000_000, 1_000_000);
    show_cursor(app);
    let (topology, places) = app.doc.scene_parts();
    Scene::with_parts(&app.doc.design, &topology, &places)
        .node_at(zoom.to_screen(app.canvas.cursor), zoom)
        .map(str::to_owned)
}

/// Selects the node `name` where it is (the cursor stays).
pub fn pick(app: &mut App, name: String) {
    app.panes.selection = Selection::Node(name);
    app.panes.inspector_row = 0;
}

/// Selects `selection`, puts the cursor on it and scrolls to show it.
pub fn select(app: &mut App, selection: &Selection) {
    match selection {
        Selection::Node(name) => select_node(app, name),
        Selection::Link(id) => select_link(app, *id),
        Selection::None => {}
    }
}

fn select_node(app: &mut App, name: &str) {
    let Some(node) = app.doc.design.node(name) else { return };
    let zoom = app.canvas.zoom;
    let r = zoom.box_rect(node_rect(node));
    app.panes.selection = Selection::Node(name.to_owned());
    // Inside the box as this level draws it (one cell in from the corner when there is room).
    app.canvas.cursor = zoom.to_world(Pos {
        x: r.x + 1.min(r.w - 1),
        y: r.y + 1.min(r.h - 1),
    });
    app.panes.inspector_row = 0;
    ensure_visible(app, r);
}

/// The model's route of link `id`, routed over the window around its two boxes.
fn route_of(app: &App, id: LinkId) -> Option<vnetsketch_model::diagram::Route> {
    let link = app.doc.design.link(id)?;
    let (topology, places) = app.doc.scene_parts();
    let scene = Scene::with_parts(&app.doc.design, &topology, &places);
    let span = scene.rect(&link.a)?.union(&scene.rect(&link.b)?);
    scene.route_window(span, None).route(id).cloned()
}

fn select_link(app: &mut App, id: LinkId) {
    let route = route_of(app, id);
    app.panes.selection = Selection::Link(id);
    app.panes.inspector_row = 0;
    if let Some(route) = route {
        app.canvas.cursor = route.middle();
        show_cursor(app);
    }
}

/// Scrolls to show the node `name` (the selection stays).
pub fn reveal(app: &mut App, name: &str) {
    if let Some(node) = app.doc.design.node(name) {
        let r = app.canvas.zoom.box_rect(node_rect(node));
        ensure_visible(app, r);
    }
}

/// Selects the next (or previous) node by name.
pub fn cycle_node(app: &mut App, forward: bool) {
    let names: Vec<&String> = app.doc.design.nodes().keys().collect();
    if names.is_empty() {
        app.info("no nodes yet: v adds a VNet, s a site, p a user group");
        return;
    }
    let at = app.selected_node().and_then(|s| names.iter().position(|n| *n == s));
    let next = step(at, names.len(), forward);
    let name = names[next].clone();
    select_node(app, &name);
}

/// Selects the next (or previous) link; from a selected node, its newest link (forward) or its
/// oldest (back): the one just drawn from it is one key away.
pub fn cycle_link(app: &mut App, forward: bool) {
    let node_links = |app: &App| {
        let Selection::Node(name) = &app.panes.selection else {
            return None;
        };
        let mut own = app.doc.design.links_of(name).map(|(id, _)| id);
        if forward { own.last() } else { own.next() }
    };
    if let Some(id) = node_links(app) {
        select_link(app, id);
        return;
    }
    let ids: Vec<LinkId> = app.doc.design.links().keys().copied().collect();
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

/// How far the `repeats`-th move in a row in one direction goes: 1 cell for the first three, then
/// 2, 4, and 8 from the tenth on (a held key speeds up; a tap stays precise).
pub fn move_step(repeats: u32) -> i32 {
    1 << (repeats / 3).min(3)
}

/// Moves the selected node, and the marked nodes with it; a run of moves of the same nodes is one
/// undo step, and a run in one direction speeds up ([`move_step`]).
pub fn move_node(app: &mut App, dir: Dir, run: Option<&Run>) {
    let mut names: Vec<String> = app.canvas.marked.iter().cloned().collect();
    if let Selection::Node(name) = &app.panes.selection
        && !names.contains(name)
    {
        names.push(name.clone());
        names.sort();
    }
    names.retain(|n| app.doc.design.node(n).is_some());
    if names.is_empty() {
        app.error("select a node to move it (n, or click one)");
        return;
    }
    let (dx, dy) = dir.delta();
    let repeats = match run {
        Some(Run::Moves {
            names: n,
            dir: d,
            repeats,
        }) if *n == names && *d == (dx, dy) => repeats + 1,
        _ => 0,
    };
    let merge = matches!(run, Some(Run::Moves { names: n, .. }) if *n == names);
    // A step moves the node at least one cell of the zoom level, so each key press shows.
    let (sx, sy) = app.view().step();
    let step = move_step(repeats);
    let (dx, dy) = (dx * sx, dy * sy);
    for (i, name) in names.iter().enumerate() {
        let Some(node) = app.doc.design.node(name) else {
            continue;
        };
        let pos = Pos {
            x: node.pos().x + dx * step,
            y: node.pos().y + dy * step,
        };
        move_to(app, name, pos, merge || i > 0);
    }
    if names.len() > 1 {
        app.info(format!("moved {} nodes", names.len()));
    }
    app.doc.run = Some(Run::Moves {
        names,
        dir: dir.delta(),
        repeats,
    });
    app.canvas.cursor.x += dx * step;
    app.canvas.cursor.y += dy * step;
    if let Selection::Node(name) = app.panes.selection.clone() {
        reveal(app, &name);
    }
}

fn move_to(app: &mut App, name: &str, pos: Pos, merge: bool) {
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
}

/// Duplicates the selected node through the model (a copy with the next free name and prefixes,
/// beside it; a spoke's peering with its flags), one undo step; returns the copy's selection.
pub fn duplicate(app: &mut App) -> Option<Action> {
    let Selection::Node(name) = app.panes.selection.clone() else {
        app.error("select a node to duplicate it (n, or click one)");
        return None;
    };
    let edit = Edit::Duplicate {
        name: name.clone(),
        new_name: None,
    };
    match app.apply(&edit, false) {
        Ok(change) => {
            app.info(change.summary.clone());
            let copy = change.touched_nodes().find(|n| *n != name)?.to_owned();
            Some(Action::Select(Selection::Node(copy)))
        }
        Err(e) => {
            app.error(e.to_string());
            None
        }
    }
}

/// Marks the selected node to move with the others, or unmarks it.
pub fn toggle_mark(app: &mut App) {
    let Selection::Node(name) = app.panes.selection.clone() else {
        app.error("select a node to mark it (n, or click one)");
        return;
    };
    if !app.canvas.marked.remove(&name) {
        app.canvas.marked.insert(name);
    }
    let n = app.canvas.marked.len();
    app.info(format!(
        "{n} marked: Shift-arrows (H J K L) move them with the selection · Esc unmarks"
    ));
}

/// Pins the selected node (a layout keeps it where it is) or unpins it, through the model's
/// `pin`/`unpin`: one undo step.
pub fn toggle_pin(app: &mut App) {
    let Selection::Node(name) = app.panes.selection.clone() else {
        app.error("select a node to pin it (n, or click one)");
        return;
    };
    let pinned = !app
        .doc
        .design
        .node(&name)
        .is_some_and(vnetsketch_model::design::Node::pinned);
    match app.apply(&Edit::Pin { name, pinned }, false) {
        Ok(change) => app.info(change.summary),
        Err(e) => app.error(e.to_string()),
    }
}

/// The mouse moved to canvas cell `at` with the button held: the dragged node follows (a drag is
/// one undo step: `run` is the drag in progress).
pub fn drag_to(app: &mut App, at: Pos, run: Option<&Run>) {
    let Some((name, grab)) = app.canvas.drag.clone() else {
        return;
    };
    let pos = Pos {
        x: at.x - grab.x,
        y: at.y - grab.y,
    };
    let merge = matches!(run, Some(Run::Moves { names, .. }) if *names == [name.clone()]);
    if app.doc.design.node(&name).is_some_and(|n| n.pos() != pos) {
        move_to(app, &name, pos, merge);
        app.panes.selection = Selection::Node(name.clone());
        app.canvas.cursor = at;
    }
    app.doc.run = Some(Run::Moves {
        names: vec![name],
        dir: (0, 0),
        repeats: 0,
    });
}

/// A click on canvas cell `at`, on `node` (which a drag may then move) or else on `link`: it is
/// selected, or nothing is.
pub fn click(app: &mut App, at: Pos, node: Option<String>, link: Option<LinkId>) {
    app.canvas.fit_pending = false;
    app.panes.focus = Focus::Canvas;
    app.canvas.cursor = at;
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
                x: at.x - pos.x,
                y: at.y - pos.y,
            },
        ));
        pick(app, name);
    } else if let Some(id) = link {
        app.panes.selection = Selection::Link(id);
        app.panes.inspector_row = 0;
    } else {
        app.panes.selection = Selection::None;
    }
}

/// Scrolls the canvas by `rows` rows of the current zoom level (the mouse wheel).
pub fn scroll_by(app: &mut App, rows: i32) {
    app.canvas.fit_pending = false;
    let view = app.view();
    app.canvas.scroll = view.zoom.to_world(view.screen_at(0, rows));
}

/// Scrolls so that the cursor is in the middle of the canvas.
pub fn center(app: &mut App) {
    app.canvas.fit_pending = false;
    let view = app.view();
    let at = view.zoom.to_screen(app.canvas.cursor);
    app.canvas.scroll = view.zoom.to_world(Pos {
        x: at.x - view.w / 2,
        y: at.y - view.h / 2,
    });
}
