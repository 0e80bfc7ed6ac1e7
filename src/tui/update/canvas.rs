//! The canvas: the cursor, scrolling, selecting nodes and links (by key, by click, and for the other
//! concerns through [`Action::Select`]), moving nodes (the selected one and the marked ones by key,
//! speeding up while held; one by mouse drag; one undo step per run) and duplicating one.

use vnetsketch_model::{Edit, LinkId, Pos};

use crate::tui::action::{Action, Dir, step};
use crate::tui::geometry::canvas::{CanvasRect, node_rect};
use crate::tui::geometry::canvas_index::CanvasIndex;
use crate::tui::geometry::screen::canvas_size;
use crate::tui::state::{App, Focus, Run, Selection};

/// Cells kept between the cursor and the canvas edge when scrolling.
const MARGIN: i32 = 2;

/// Scrolls the least needed to show `r` (its top-left corner first when it does not fit).
fn ensure_visible(app: &mut App, r: CanvasRect) {
    let Some((w, h)) = canvas_size(app.size) else { return };
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

/// Moves the cursor `step` cells; returns the node now under it (in normal mode it becomes the
/// selection, in link mode the target).
pub fn move_cursor(app: &mut App, dir: Dir, step: i32) -> Option<String> {
    let (dx, dy) = dir.delta();
    app.canvas.cursor.x = (app.canvas.cursor.x + dx * step).clamp(-1_000_000, 1_000_000);
    app.canvas.cursor.y = (app.canvas.cursor.y + dy * step).clamp(-1_000_000, 1_000_000);
    show_cursor(app);
    CanvasIndex::new(&app.doc.design)
        .node_at(app.canvas.cursor, app.selected_node())
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
    let r = node_rect(node);
    app.panes.selection = Selection::Node(name.to_owned());
    app.canvas.cursor = Pos { x: r.x + 1, y: r.y + 1 };
    app.panes.inspector_row = 0;
    ensure_visible(app, r);
}

fn select_link(app: &mut App, id: LinkId) {
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

/// Scrolls to show the node `name` (the selection stays).
pub fn reveal(app: &mut App, name: &str) {
    if let Some(node) = app.doc.design.node(name) {
        let r = node_rect(node);
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
    let step = move_step(repeats);
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
        dir: (dx, dy),
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

/// Scrolls the canvas by `rows` rows (the mouse wheel).
pub fn scroll_by(app: &mut App, rows: i32) {
    app.canvas.scroll.y += rows;
}

/// Scrolls so that the cursor is in the middle of the canvas.
pub fn center(app: &mut App) {
    if let Some((w, h)) = canvas_size(app.size) {
        app.canvas.scroll = Pos {
            x: app.canvas.cursor.x - w / 2,
            y: app.canvas.cursor.y - h / 2,
        };
    }
}
