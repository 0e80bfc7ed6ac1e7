//! Where a mouse event lands: on which pane, row, node or link, given the mode. Reads the app and
//! the screen geometry and changes nothing: [`super::update`] hands the [`Hit`] to the concern it
//! belongs to.

use ratatui::layout::Rect;
use vnetsketch_model::{LinkId, Pos};

use crate::tui::action::{Mouse, MouseKind};
use vnetsketch_model::diagram::{Scene, Zoom};

use crate::tui::geometry::screen::{ScreenAreas, finding_at, inner, inspector_row_at};
use crate::tui::geometry::view::link_at;
use crate::tui::state::{App, Mode};

/// What a mouse event means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hit {
    /// Nothing to do.
    Nothing,
    /// The button was released: a drag ends.
    Release,
    /// The pointer moved to this canvas cell with the button held while a node is dragged.
    Drag(Pos),
    /// The wheel over the help: scroll this many lines.
    HelpScroll(i16),
    /// The wheel over the canvas: scroll this many rows.
    CanvasScroll(i32),
    /// A click on this node while drawing a link: the link's target.
    LinkTarget(String),
    /// A click on canvas cell `at`, on `node`, or else on `link`.
    Canvas {
        /// The canvas cell.
        at: Pos,
        /// The node whose box covers it.
        node: Option<String>,
        /// The link whose route passes through it (when no node does).
        link: Option<LinkId>,
    },
    /// The wheel (`scroll`, -1 or 1) or a click (on `row`, if any) in the inspector.
    Inspector {
        /// -1 up, 1 down, 0 for a click.
        scroll: i32,
        /// The row clicked.
        row: Option<usize>,
    },
    /// The wheel (`scroll`, -1 or 1) or a click (on `row`, if any) in the findings list.
    Findings {
        /// -1 up, 1 down, 0 for a click.
        scroll: i32,
        /// The finding clicked.
        row: Option<usize>,
    },
}

/// What `m` means in the app's current mode and screen.
pub fn hit(app: &App, m: Mouse) -> Hit {
    let Some(areas) = ScreenAreas::of_size(app.size) else {
        return Hit::Nothing;
    };
    let canvas = inner(areas.canvas);
    let (col, row) = (m.col, m.row);
    let inside = |r: Rect| col >= r.x && row >= r.y && col < r.right() && row < r.bottom();
    match m.kind {
        MouseKind::Up => return Hit::Release,
        MouseKind::Drag if app.canvas.drag.is_some() => return Hit::Drag(world(app, canvas, col, row)),
        MouseKind::Drag => return Hit::Nothing,
        _ => {}
    }
    let scroll = match m.kind {
        MouseKind::ScrollUp => -1,
        MouseKind::ScrollDown => 1,
        _ => 0,
    };
    if matches!(app.mode, Mode::Help { .. }) && scroll != 0 {
        return Hit::HelpScroll(scroll as i16 * 3);
    }
    let normal = app.mode == Mode::Normal;
    let linking = matches!(app.mode, Mode::Link { .. });
    if inside(canvas) && (normal || linking) {
        if scroll != 0 {
            return Hit::CanvasScroll(scroll * 3);
        }
        let view = app.view();
        let (c, r) = (
            i32::from(col) - i32::from(canvas.x),
            i32::from(row) - i32::from(canvas.y),
        );
        let at = view.world_at(c, r);
        let cell = view.screen_at(c, r);
        let (topology, places) = app.doc.scene_parts();
        let scene = Scene::with_parts(&app.doc.design, &topology, &places);
        let node = scene.node_at(cell, view.zoom).map(str::to_owned);
        if linking {
            return node.map_or(Hit::Nothing, Hit::LinkTarget);
        }
        // The routes as drawn: the same window, so the same routes (the overview draws none).
        let link = if node.is_none() && view.zoom != Zoom::Overview {
            link_at(&app.doc.window(&scene, view.world()).routing, view.zoom, cell)
        } else {
            None
        };
        return Hit::Canvas { at, node, link };
    }
    if !normal {
        return Hit::Nothing;
    }
    if inside(areas.inspector) {
        let count = app.inspector_rows().len();
        let row = inspector_row_at(areas.inspector, row, app.panes.inspector_row, count);
        Hit::Inspector { scroll, row }
    } else if inside(areas.findings) {
        let count = app.doc.report.findings.len();
        let row = finding_at(areas.findings, row, app.panes.finding, count);
        Hit::Findings { scroll, row }
    } else {
        Hit::Nothing
    }
}

/// The world cell at screen cell (`col`, `row`), the canvas pane's inside being `canvas`.
fn world(app: &App, canvas: Rect, col: u16, row: u16) -> Pos {
    app.view().world_at(
        i32::from(col) - i32::from(canvas.x),
        i32::from(row) - i32::from(canvas.y),
    )
}
