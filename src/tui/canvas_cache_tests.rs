//! The canvas kept through edits (the document's `Drawing`: link ends, places, frames, the window's
//! routes and labels, each kept or followed rather than built again) draws exactly what a fresh app
//! opened on the edited design draws, cell for cell: after region changes (the frames follow, the
//! routes are kept), moves (places and frames follow), property sets (everything kept, labels made
//! again), links made and removed and nodes added and deleted (the window routed again searching only
//! the links whose routes may have changed), and undo and redo.

use ratatui::buffer::Cell;
use vnetsketch_model::diagram::{Places, Zoom, frames};
use vnetsketch_model::{Edit, Pos};

use super::action::Action;
use super::geometry::screen::{ScreenAreas, inner};
use super::geometry::view::View;
use super::state::{App, Selection};
use super::test_support::{command, generated, press, terminal};
use super::update;

/// The cells of the canvas pane as `a` draws it, row by row.
fn canvas_cells(a: &App) -> Vec<Cell> {
    let t = terminal(a);
    let buf = t.backend().buffer();
    let pane = inner(ScreenAreas::of_size(a.size).expect("areas").canvas);
    (pane.y..pane.bottom())
        .flat_map(|y| (pane.x..pane.right()).map(move |x| (x, y)))
        .map(|p| buf[p].clone())
        .collect()
}

/// A fresh app on `a`'s design (analyzed from scratch, nothing kept), with `a`'s size, view,
/// cursor, focus and selection.
fn fresh(a: &App) -> App {
    let mut f = App::new(a.doc.design.clone(), None);
    f.autosave.dir = None;
    f.size = a.size;
    f.canvas = a.canvas.clone();
    f.panes = a.panes.clone();
    f
}

/// The canvas of `a` after `step` is the canvas of a fresh app on the same design and view.
fn same_as_fresh(a: &App, step: &str) {
    let (kept, new) = (canvas_cells(a), canvas_cells(&fresh(a)));
    let differ = kept.iter().zip(&new).filter(|(k, n)| k != n).count();
    assert!(
        differ == 0,
        "after {step}: {differ} canvas cells differ from a fresh app's"
    );
}

/// A laid-out generated design of 300 VNets at 160x48, at full size around `hub-0001`.
fn around_a_hub() -> App {
    let mut a = generated(300, 160, 48);
    update::update(&mut a, Action::Select(Selection::Node("hub-0001".to_owned())));
    press(&mut a, "0++");
    assert_eq!(a.canvas.zoom, Zoom::Full);
    a
}

#[test]
fn a_canvas_kept_through_edits_draws_what_a_fresh_app_draws() {
    let mut a = around_a_hub();
    let hub = a.doc.design.node("hub-0001").cloned().expect("hub");
    let region = hub.as_vnet().and_then(|v| v.region.clone()).expect("a region");
    let other = if region == "westeurope" {
        "northeurope"
    } else {
        "westeurope"
    };
    let spoke = "spoke-0001-00";
    let site = a
        .doc
        .design
        .nodes()
        .keys()
        .find(|n| n.starts_with("branch-0001"))
        .cloned()
        .expect("a site of the hub");
    let p = hub.pos();
    let edits = [
        // To another region and back: the hub's frame shrinks and a frame appears around it.
        format!("set hub-0001 region={other}"),
        "set hub-0001 region=southcentralus".to_owned(),
        format!("set hub-0001 region={region}"),
        // Out of every frame, then a region of its own.
        "set hub-0001 region=none".to_owned(),
        "set hub-0001 region=brandnewregion".to_owned(),
        // A spoke to another region while the hub is in one of its own.
        format!("set {spoke} region=brandnewregion"),
        // Moves (a frame's edge follows), a box that widens, a label that changes.
        format!("move hub-0001 {} {}", p.x + 2, p.y),
        format!("move hub-0001 {} {}", p.x - 30, p.y - 6),
        format!("move {spoke} {} {}", p.x + 20, p.y + 30),
        format!("set {spoke} prefixes=10.200.0.0/16,10.201.0.0/16"),
        "set hub-0001 prefixes=10.202.0.0/16,10.203.0.0/16".to_owned(),
        format!("set {site} uplink=150"),
        format!("set hub-0001 region={region}"),
        "undo".to_owned(),
        "undo".to_owned(),
        "redo".to_owned(),
    ];
    same_as_fresh(&a, "opening");
    // The view the edits are seen in: the canvas scrolls to what an edit touched; put back, the view
    // holds and the window's routes may be kept.
    let home = a.canvas.scroll;
    for edit in &edits {
        edit_in_place(&mut a, edit, home);
    }
    // A drag: moves of the hub and a spoke merged into one undo step, undone and redone at once.
    for k in 1..=4 {
        for (name, dx) in [("hub-0001", 3), (spoke, -2)] {
            let at = a.doc.design.node(name).expect("node").pos();
            let to = Pos {
                x: at.x + dx * k,
                y: at.y + k,
            };
            let moved = Edit::Move {
                name: name.to_owned(),
                pos: to,
            };
            a.apply(&moved, k > 1 || name == spoke).expect("move");
        }
    }
    a.canvas.scroll = home;
    same_as_fresh(&a, "a drag");
    edit_in_place(&mut a, "undo", home);
    edit_in_place(&mut a, "redo", home);
}

/// Runs `edit` (a command line, `undo` or `redo`), which must change the design, puts the view back
/// at `home`, and compares the canvas with a fresh app's.
fn edit_in_place(a: &mut App, edit: &str, home: Pos) {
    let edits_before = a.doc.edits;
    command(a, edit);
    assert!(a.doc.edits > edits_before, "{edit} changed the design");
    a.canvas.scroll = home;
    same_as_fresh(a, edit);
    // The places and frames followed, not only what this view shows of them.
    let design = &a.doc.design;
    assert_eq!(*a.doc.scene_parts().1, Places::new(design), "places after {edit}");
    assert_eq!(a.doc.sketch().frames, frames(design), "frames after {edit}");
}

#[test]
fn a_region_edit_changes_the_frames_not_the_routes() {
    let mut a = around_a_hub();
    let frames = a.doc.sketch();
    let routes = a
        .doc
        .window(&vnetsketch_model::diagram::Scene::new(&a.doc.design), a.view().world());
    command(&mut a, "set hub-0001 region=brandnewregion");
    let scene = vnetsketch_model::diagram::Scene::new(&a.doc.design);
    let after = a.doc.window(&scene, a.view().world());
    assert_eq!(after.routing.routes, routes.routing.routes, "no route reads a frame");
    let now = a.doc.sketch();
    assert!(
        now.frames.iter().any(|f| f.label == "brandnewregion")
            && !frames.frames.iter().any(|f| f.label == "brandnewregion"),
        "the hub has a frame of its own"
    );
    assert_eq!(now.frames, vnetsketch_model::diagram::frames(&a.doc.design));
}

#[test]
fn a_canvas_kept_through_structural_edits_draws_what_a_fresh_app_draws() {
    let mut a = around_a_hub();
    let view = a.view().world();
    let shown = a
        .doc
        .window(&vnetsketch_model::diagram::Scene::new(&a.doc.design), view);
    let ends = |k: usize| {
        let id = shown.routing.routes[k].id;
        let l = a.doc.design.link(id).expect("a routed link");
        format!("{} {} {}", l.kind.as_str(), l.a, l.b)
    };
    let (gone, middle) = (ends(1), ends(shown.routing.routes.len() / 2));
    let far = a
        .doc
        .design
        .nodes()
        .keys()
        .rfind(|n| n.starts_with("spoke-0011"))
        .cloned()
        .expect("a spoke far away");
    let edits = [
        // Across the hub's trunk (its route crosses others), between two hubs, out of the window.
        "link peering spoke-0001-01 spoke-0002-03".to_owned(),
        "link peering hub-0001 hub-0002".to_owned(),
        format!("link peering {far} hub-0010"),
        "undo".to_owned(),
        "undo".to_owned(),
        "redo".to_owned(),
        // Links on screen removed, and a removal undone.
        format!("unlink {gone}"),
        format!("unlink {middle}"),
        "undo".to_owned(),
        // A node added at the nearest free place, linked, deleted; undone and redone.
        "vnet structframe-new 10.250.0.0/24".to_owned(),
        "link peering structframe-new hub-0001".to_owned(),
        "undo".to_owned(),
        "redo".to_owned(),
        "delete structframe-new".to_owned(),
        "undo".to_owned(),
        "redo".to_owned(),
        // A spoke on screen deleted with its links, and back.
        "delete spoke-0001-02".to_owned(),
        "undo".to_owned(),
        "redo".to_owned(),
        // A node renamed (deleted and added under another name, its links following, its box wider),
        // the hub duplicated beside itself, a VNet in a region of its own (a new frame) deleted (the
        // frame goes), a site (the on-premises band grows).
        "set spoke-0001-01 name=aaa-renamed-spoke-with-a-long-name".to_owned(),
        "duplicate hub-0001 as hub-0001-copy".to_owned(),
        "vnet lone-new 10.251.0.0/24 region=brandnewregion".to_owned(),
        "delete lone-new".to_owned(),
        "site structframe-site 192.168.250.0/24 ip=203.0.113.9".to_owned(),
        "undo".to_owned(),
        "undo".to_owned(),
        "redo".to_owned(),
    ];
    let home = a.canvas.scroll;
    for edit in &edits {
        edit_in_place(&mut a, edit, home);
        // The routes themselves (bundles included), not only what they draw.
        let scene = vnetsketch_model::diagram::Scene::new(&a.doc.design);
        let kept = a.doc.window(&scene, view);
        let new = fresh(&a).doc.window(&scene, view);
        assert_eq!(kept.routing, new.routing, "after {edit}");
    }
}

#[test]
fn an_edit_routes_the_window_the_canvas_draws_while_the_model_analyzes() {
    let mut a = around_a_hub();
    let pane = inner(ScreenAreas::of_size(a.size).expect("areas").canvas);
    let drawn = |a: &App| {
        View::new(
            a.canvas.zoom,
            a.canvas.scroll,
            (i32::from(pane.width), i32::from(pane.height)),
        )
        .world()
    };
    let _ = canvas_cells(&a);
    let home = a.canvas.scroll;
    for edit in [
        "link peering hub-0001 hub-0002",
        "vnet ahead-new 10.250.0.0/24",
        "undo",
        "delete spoke-0001-03",
    ] {
        command(&mut a, edit);
        a.canvas.scroll = home;
        assert!(
            a.doc.routed(drawn(&a)),
            "after {edit}, the window the canvas draws is routed before the frame"
        );
        same_as_fresh(&a, edit);
    }
    // A move keeps the analysis: the frame routes.
    command(&mut a, "move hub-0001 3 4");
    assert!(
        !a.doc.routed(drawn(&a)),
        "a move does not analyze, so nothing routes ahead"
    );
}
