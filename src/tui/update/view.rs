//! The view of the canvas: zooming in and out around the cursor, fitting the whole design into the
//! pane (on a key, and once when a design is opened), and laying the design out through the model
//! (`Edit::Layout`, one undo step) — the marked nodes when some are marked, else all of it.

use vnetsketch_model::diagram::Zoom;
use vnetsketch_model::diagram::boxes::node_rect;
use vnetsketch_model::diagram::frames::FRAME_PAD;
use vnetsketch_model::{Edit, Pos};

use crate::tui::state::panes::CURSOR_START;
use crate::tui::state::{App, Selection};

/// What a zoom level is called in the status line.
fn level_name(zoom: Zoom) -> &'static str {
    match zoom {
        Zoom::Full => "full boxes",
        Zoom::Compact => "compact: one line a node",
        Zoom::Overview => "overview: a node is its initials, links left out",
    }
}

/// Sets the zoom level, keeping the cursor where it is on the pane.
fn set_zoom(app: &mut App, zoom: Zoom) {
    let view = app.view().zoomed(zoom, app.canvas.cursor);
    app.canvas.zoom = zoom;
    app.canvas.scroll = view.scroll();
    app.canvas.fit_pending = false;
    app.info(format!("zoom: {} (+ - zoom, 0 fits all)", level_name(zoom)));
}

/// One level closer (`+`).
pub fn zoom_in(app: &mut App) {
    match app.canvas.zoom.closer() {
        Some(z) => set_zoom(app, z),
        None => app.info("zoom: already at full boxes (- zooms out, 0 fits all)"),
    }
}

/// One level farther (`-`).
pub fn zoom_out(app: &mut App) {
    match app.canvas.zoom.out() {
        Some(z) => set_zoom(app, z),
        None => app.info("zoom: already at the overview (+ zooms in, 0 fits all)"),
    }
}

/// Shows the whole design: the closest level where it fits, centred, the cursor in the middle of
/// what is shown. When it fits at no level, the overview around the selected node, else the node
/// with the most links, with the cursor on it, so that `+` zooms in there (the minimap shows the rest).
/// Returns `false` when the pane's size is not known yet (nothing changed).
pub fn fit(app: &mut App) -> bool {
    let view = app.view();
    if view.w <= 0 || view.h <= 0 {
        return false;
    }
    let bounds = app.doc.sketch().bounds;
    if bounds.is_empty() {
        return true;
    }
    let fitted = view.fit(bounds);
    let focus = fitted.larger_than_pane(bounds).then(|| focus(app)).flatten();
    let fitted = focus.map_or(fitted, |f| view.fit_around(bounds, f));
    app.canvas.zoom = fitted.zoom;
    app.canvas.scroll = fitted.scroll();
    let middle = fitted.world_at(fitted.w / 2, fitted.h / 2);
    app.canvas.cursor = match focus {
        Some(f) => f,
        None if bounds.contains(middle) => middle,
        None => bounds.center(),
    };
    true
}

/// Where a design too large for the pane opens: the middle of the selected node's box, else of the
/// node with the most links (a hub; the first by name on a tie).
fn focus(app: &App) -> Option<Pos> {
    let design = &app.doc.design;
    let selected = app.selected_node().and_then(|n| design.node(n));
    let node = selected.or_else(|| {
        let topology = app.doc.topology();
        let mut degree = vec![0u32; design.nodes().len()];
        for (a, b) in topology.links().iter().filter_map(|(_, ends)| *ends) {
            for end in [a, b] {
                if let Some(d) = degree.get_mut(end as usize) {
                    *d += 1;
                }
            }
        }
        // The most links; on a tie the first (the lowest index is the first name).
        let (busiest, _) = degree
            .iter()
            .enumerate()
            .max_by_key(|(i, d)| (**d, std::cmp::Reverse(*i)))?;
        design.nodes().values().nth(busiest)
    })?;
    Some(node_rect(node).center())
}

/// `0` / `f`: fits the whole design and says how.
pub fn fit_all(app: &mut App) {
    app.canvas.fit_pending = false;
    if app.doc.design.nodes().is_empty() {
        app.info("nothing to fit: the design is empty");
        return;
    }
    fit(app);
    let view = app.view();
    let more = if view.larger_than_pane(app.doc.sketch().bounds) {
        " (larger than the pane: the minimap shows where you are)"
    } else {
        ""
    };
    app.info(format!("fit: {}{more}", level_name(view.zoom)));
}

/// A design was opened: fit it now, and again at each resize until the view is moved (the first
/// resize gives the terminal's real size; a window resized before anything was looked at stays fitted).
/// An empty design opens with the view a frame's padding and a cell up and left of where the cursor
/// starts, so that the first node, added at the cursor, shows its region's or band's frame whole.
pub fn opened(app: &mut App) {
    if app.doc.design.nodes().is_empty() {
        let (px, py) = FRAME_PAD;
        app.canvas.scroll = Pos {
            x: CURSOR_START.x - px - 1,
            y: CURSOR_START.y - py - 1,
        };
    }
    fit(app);
    app.canvas.fit_pending = true;
}

/// The terminal's size changed: the design is fitted again while nothing has moved the view since it
/// was opened.
pub fn resized(app: &mut App) {
    if app.canvas.fit_pending {
        fit(app);
    }
}

/// Lays out the marked nodes (with the selected one) or, when none is marked, the whole design,
/// as one undo step; then fits the view to it.
pub fn layout(app: &mut App) {
    app.canvas.fit_pending = false;
    let mut names: Vec<String> = app.canvas.marked.iter().cloned().collect();
    if !names.is_empty()
        && let Selection::Node(name) = &app.panes.selection
        && !names.contains(name)
    {
        names.push(name.clone());
        names.sort();
    }
    names.retain(|n| app.doc.design.node(n).is_some());
    let whole = names.is_empty();
    match app.apply(&Edit::Layout { names }, false) {
        Ok(change) => {
            if whole {
                fit(app);
            }
            let what = if whole { "the whole design" } else { "the marked nodes" };
            app.info(format!("{} ({what}; u undoes)", change.summary));
        }
        Err(e) => app.error(e.to_string()),
    }
}
