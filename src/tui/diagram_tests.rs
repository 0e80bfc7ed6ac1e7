//! The canvas as the model's diagram (issue 12): snapshots of every shipped example at each zoom
//! level, fit on open, zoom keys around the cursor, clicks that hit the node drawn under them at
//! every level, the minimap, link labels from the model, and the layout key as one undo step.

use vnetsketch_model::diagram::boxes::node_rect;
use vnetsketch_model::diagram::{Rect, Zoom};
use vnetsketch_model::format;

use super::action::{Action, Mouse, MouseKind};
use super::geometry::screen::{ScreenAreas, inner};
use super::state::{App, Selection};
use super::test_support::{HUB_SPOKE, app, command, generated, press, screen, status_says};
use super::update::{self, view};
use crate::examples::EXAMPLES;

/// The app on a shipped example, opened as a file is (fitted), at `w` x `h`.
fn opened(name: &str, text: &str, w: u16, h: u16) -> App {
    let design = format::load(text, None).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut a = App::new(design, None);
    a.autosave.dir = None;
    view::opened(&mut a);
    update::update(&mut a, Action::Resize(w, h));
    a
}

/// Every node's box on screen at the app's zoom level (screen cells of the level).
fn boxes_on_screen(a: &App) -> Vec<(String, Rect)> {
    let zoom = a.canvas.zoom;
    a.doc
        .design
        .nodes()
        .iter()
        .map(|(n, node)| (n.clone(), zoom.box_rect(node_rect(node))))
        .collect()
}

#[test]
fn every_example_at_every_zoom_level() {
    for (name, text) in EXAMPLES {
        let mut a = opened(name, text, 120, 40);
        // Closest first, then out, as a user zooms with + and -.
        press(&mut a, "++");
        for (zoom, keys) in [(Zoom::Full, ""), (Zoom::Compact, "-"), (Zoom::Overview, "-")] {
            press(&mut a, keys);
            assert_eq!(a.canvas.zoom, zoom, "{name}");
            let level = format!("{zoom:?}").to_lowercase();
            insta::assert_snapshot!(format!("example_{name}_{level}"), screen(&a));
        }
    }
}

#[test]
fn an_opened_example_is_fitted_so_no_node_is_cut_off() {
    for (name, text) in EXAMPLES {
        for (w, h) in [(120, 40), (80, 24), (160, 48)] {
            let a = opened(name, text, w, h);
            let seen = a.view().screen();
            for (node, r) in boxes_on_screen(&a) {
                assert_eq!(
                    r.intersection(&seen),
                    r,
                    "{name} at {w}x{h}: {node} cut off at {:?}",
                    a.canvas.zoom
                );
            }
        }
    }
}

#[test]
fn a_design_larger_than_the_pane_opens_at_the_overview_with_a_minimap() {
    let mut a = generated(1_000, 160, 48);
    assert_eq!(a.canvas.zoom, Zoom::Overview);
    let s = screen(&a);
    assert!(s.contains(" map "), "{s}");
    assert!(s.contains('┏') && s.contains('┛'), "the view outlined on the map: {s}");
    // Closer, then fit again: the overview and its map come back.
    press(&mut a, "+");
    assert_eq!(a.canvas.zoom, Zoom::Compact);
    press(&mut a, "0");
    assert_eq!(a.canvas.zoom, Zoom::Overview);
    assert!(status_says(&a, "minimap"));
    // A small design has no map.
    let small = opened("hub-spoke", EXAMPLES[0].1, 120, 40);
    assert!(!screen(&small).contains(" map "));
}

#[test]
fn zooming_keeps_the_cursor_where_it_is_and_stops_at_the_ends() {
    let mut a = opened("hub-spoke", EXAMPLES[0].1, 120, 40);
    press(&mut a, "++");
    assert_eq!(a.canvas.zoom, Zoom::Full);
    assert!(status_says(&a, "already at full boxes"));
    let before = a.view().cell_of(a.canvas.cursor);
    press(&mut a, "-");
    assert_eq!(a.view().cell_of(a.canvas.cursor), before);
    press(&mut a, "--");
    assert_eq!(a.canvas.zoom, Zoom::Overview);
    assert!(status_says(&a, "already at the overview"));
    press(&mut a, "=");
    assert_eq!(a.canvas.zoom, Zoom::Compact, "= is + without Shift");
}

#[test]
fn a_click_selects_the_node_drawn_under_it_at_every_zoom_level() {
    let mut a = opened("hub-spoke", EXAMPLES[0].1, 120, 40);
    let pane = inner(ScreenAreas::of_size(a.size).expect("areas").canvas);
    for keys in ["++", "-", "-"] {
        press(&mut a, keys);
        let view = a.view();
        for (name, r) in boxes_on_screen(&a) {
            // The box's last cell: the one most likely to be missed by a wrong scale.
            let (col, row) = (r.right() - 1 - view.origin.x, r.bottom() - 1 - view.origin.y);
            if col < 0 || row < 0 || col >= view.w || row >= view.h {
                continue;
            }
            let click = |kind| {
                Action::Mouse(Mouse {
                    kind,
                    col: pane.x + col as u16,
                    row: pane.y + row as u16,
                })
            };
            update::update(&mut a, click(MouseKind::Down));
            update::update(&mut a, click(MouseKind::Up));
            assert_eq!(a.panes.selection, Selection::Node(name.clone()), "{:?}", view.zoom);
        }
    }
}

#[test]
fn links_carry_the_models_labels_and_styles() {
    let a = opened("hub-spoke", EXAMPLES[0].1, 160, 48);
    assert_eq!(a.canvas.zoom, Zoom::Full, "it fits at full size on a larger screen");
    let s = screen(&a);
    let labels = vnetsketch_model::diagram::style::link_labels(&a.doc.design, &a.doc.estimate, &a.doc.report);
    let s2s = labels.values().find(|l| l.starts_with("s2s")).expect("an s2s label");
    assert!(s.contains(s2s.as_str()), "{s2s} on the canvas: {s}");
    assert!(s.contains('╎'), "s2s in its dashed style: {s}");
    assert!(
        s.contains("westeurope") && s.contains("on-premises"),
        "frames labelled: {s}"
    );
}

#[test]
fn the_layout_key_lays_out_the_design_as_one_undo_step() {
    let mut a = app(HUB_SPOKE, 120, 40);
    command(&mut a, "move spoke1 3 1");
    command(&mut a, "move spoke2 5 2");
    let before: Vec<_> = a.doc.design.nodes().values().map(vnetsketch_model::Node::pos).collect();
    press(&mut a, "A");
    assert!(status_says(&a, "laid out"), "{:?}", a.messages.status);
    let rects: Vec<Rect> = a.doc.design.nodes().values().map(node_rect).collect();
    for (i, r) in rects.iter().enumerate() {
        for o in &rects[i + 1..] {
            assert!(!r.intersects(o), "{r:?} overlaps {o:?}");
        }
    }
    press(&mut a, "u");
    let after: Vec<_> = a.doc.design.nodes().values().map(vnetsketch_model::Node::pos).collect();
    assert_eq!(after, before, "one undo step puts every node back");
}

#[test]
fn the_layout_key_with_marks_moves_only_the_marked_nodes() {
    let mut a = app(HUB_SPOKE, 120, 40);
    command(&mut a, "move spoke1 3 1");
    let hub = a.doc.design.node("hub").expect("hub").pos();
    let office = a.doc.design.node("office").expect("office").pos();
    update::update(&mut a, Action::Select(Selection::Node("spoke1".into())));
    press(&mut a, "m");
    press(&mut a, "A");
    assert!(status_says(&a, "marked nodes"), "{:?}", a.messages.status);
    assert_eq!(a.doc.design.node("hub").expect("hub").pos(), hub);
    assert_eq!(a.doc.design.node("office").expect("office").pos(), office);
    let spoke = node_rect(a.doc.design.node("spoke1").expect("spoke1"));
    let hub_box = node_rect(a.doc.design.node("hub").expect("hub"));
    assert!(!spoke.intersects(&hub_box), "the marked spoke moved off the hub");
}

#[test]
fn the_help_lists_the_zoom_fit_and_layout_keys() {
    let text: String = super::action::manual::lines()
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join("\n");
    for want in ["zoom in", "zoom out", "fit: show the whole design", "auto-layout"] {
        assert!(text.contains(want), "{want}");
    }
}

#[test]
fn the_fitted_bounds_hold_every_box_and_frame() {
    let mut a = generated(300, 160, 48);
    // A VNet with no region is in no frame: its box alone must count.
    command(&mut a, "vnet loose 10.250.0.0/16");
    command(&mut a, "move loose -400 900");
    let sketch = a.doc.sketch();
    for node in a.doc.design.nodes().values() {
        let r = node_rect(node);
        assert_eq!(sketch.bounds.intersection(&r), r, "{}", node.name());
    }
    for f in &sketch.frames {
        assert_eq!(sketch.bounds.intersection(&f.rect), f.rect, "{}", f.label);
    }
    assert_eq!(sketch.positions.len(), a.doc.design.nodes().len());
}

#[test]
fn a_resize_refits_until_the_view_is_moved() {
    let mut a = opened("hub-spoke", EXAMPLES[0].1, 120, 40);
    assert_eq!(a.canvas.zoom, Zoom::Compact);
    update::update(&mut a, Action::Resize(160, 48));
    assert_eq!(a.canvas.zoom, Zoom::Full, "fitted again at the new size");
    let fresh = opened("hub-spoke", EXAMPLES[0].1, 160, 48);
    assert_eq!(
        (a.canvas.scroll, a.canvas.zoom),
        (fresh.canvas.scroll, fresh.canvas.zoom)
    );
    press(&mut a, "n");
    let (scroll, zoom) = (a.canvas.scroll, a.canvas.zoom);
    update::update(&mut a, Action::Resize(120, 40));
    assert_eq!(
        (a.canvas.scroll, a.canvas.zoom),
        (scroll, zoom),
        "the user's view stays"
    );
}

/// The routes and labels the model gives for the app's view, computed afresh (no cache).
fn fresh_window(a: &App) -> vnetsketch_model::diagram::Routing {
    let scene = vnetsketch_model::diagram::Scene::new(&a.doc.design);
    let labels = vnetsketch_model::diagram::style::link_labels(&a.doc.design, &a.doc.estimate, &a.doc.report);
    scene.route_window(a.view().world(), Some(&labels))
}

#[test]
fn an_edit_shows_its_new_label_on_the_routes_the_model_gives() {
    let mut a = opened("hub-spoke", EXAMPLES[0].1, 160, 48);
    assert_eq!(a.canvas.zoom, Zoom::Full);
    let s = screen(&a);
    assert!(s.contains("s2s 500M"), "the uplink limits the tunnel: {s}");
    let topology = a.doc.topology();
    // A property set: no box, no link end changes; the label does, at once.
    command(&mut a, "set head-office uplink=200");
    let s = screen(&a);
    assert!(s.contains("s2s 200M") && !s.contains("s2s 500M"), "{s}");
    assert!(
        std::rc::Rc::ptr_eq(&topology, &a.doc.topology()),
        "a property set changes no link end"
    );
    let scene = vnetsketch_model::diagram::Scene::new(&a.doc.design);
    assert_eq!(a.doc.window(&scene, a.view().world()).routing, fresh_window(&a));
    // A rename (a property set too) changes a box and a link end, a move a box: the routes follow,
    // as the model gives them.
    let hub = a.doc.design.node("hub").map(vnetsketch_model::Node::pos).expect("hub");
    let nudges = [1, 2, 0].map(|dx| format!("move hub {} {}", hub.x + dx, hub.y));
    let edits = [
        "set head-office name=branch-office",
        "move branch-office 3 2",
        "undo",
        "redo",
    ];
    for edit in edits.iter().copied().chain(nudges.iter().map(String::as_str)) {
        command(&mut a, edit);
        assert!(a.doc.design.node("branch-office").is_some(), "{edit}");
        screen(&a);
        let scene = vnetsketch_model::diagram::Scene::new(&a.doc.design);
        assert_eq!(
            a.doc.window(&scene, a.view().world()).routing,
            fresh_window(&a),
            "{edit}"
        );
        // The frames and the minimap's dots, followed through the moves, are the design's.
        let fresh = super::state::drawing::Drawing::default();
        let stamps = super::state::drawing::Stamps::default();
        assert_eq!(*a.doc.sketch(), *fresh.sketch(&a.doc.design, stamps), "{edit}");
    }
}

/// The texts of the boxes wholly on screen at the app's zoom level, as drawn (read off the screen).
fn texts_on_screen(a: &App) -> Vec<(String, String)> {
    let terminal = super::test_support::terminal(a);
    let buf = terminal.backend().buffer();
    let pane = inner(ScreenAreas::of_size(a.size).expect("areas").canvas);
    let view = a.view();
    let seen = view.screen();
    boxes_on_screen(a)
        .into_iter()
        .filter(|(_, r)| r.intersection(&seen) == *r)
        .map(|(name, r)| {
            let x0 = i32::from(pane.x) + r.x - view.origin.x;
            let y = i32::from(pane.y) + r.y - view.origin.y;
            let text: String = (x0..x0 + r.w)
                .map(|x| buf[(x as u16, y as u16)].symbol().to_owned())
                .collect();
            (name, text)
        })
        .collect()
}

#[test]
fn compact_boxes_of_a_large_design_are_told_apart() {
    let mut a = generated(1_000, 160, 48);
    update::update(&mut a, Action::Select(Selection::Node("spoke-0008-03".to_owned())));
    press(&mut a, "+");
    assert_eq!(a.canvas.zoom, Zoom::Compact);
    let texts = texts_on_screen(&a);
    // (The minimap covers a corner of the pane.)
    let spokes: Vec<&(String, String)> = texts
        .iter()
        .filter(|(n, t)| n.starts_with("spoke-") && t.starts_with('[') && t.ends_with(']'))
        .collect();
    assert!(spokes.len() >= 10, "{texts:?}");
    for (i, (name, text)) in spokes.iter().enumerate() {
        // The end of the name, which tells spokes apart, is on the box.
        assert!(
            text.ends_with(&format!("{}]", &name[name.len() - 4..])),
            "{name}: {text}"
        );
        for (other, other_text) in &spokes[i + 1..] {
            assert_ne!(text, other_text, "{name} and {other} look alike");
        }
    }
}

/// The node with the most links in `a`'s design (the first by name on a tie), counted here.
fn busiest(a: &App) -> String {
    let mut count: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for l in a.doc.design.links().values() {
        *count.entry(l.a.as_str()).or_default() += 1;
        *count.entry(l.b.as_str()).or_default() += 1;
    }
    let most = count.values().copied().max().unwrap_or(0);
    count
        .into_iter()
        .find(|(_, c)| *c == most)
        .map(|(n, _)| n.to_owned())
        .expect("links")
}

#[test]
fn a_design_too_large_for_every_level_opens_on_its_busiest_hub_or_the_selection() {
    let mut a = generated(10_000, 160, 48);
    assert_eq!(a.canvas.zoom, Zoom::Overview);
    assert!(a.view().larger_than_pane(a.doc.sketch().bounds));
    let hub = busiest(&a);
    assert!(hub.starts_with("hub-"), "{hub}");
    let at = |a: &App, name: &str| a.doc.design.node(name).map(node_rect).expect("node");
    let on_screen = |a: &App, name: &str| {
        let r = a.canvas.zoom.box_rect(at(a, name));
        r.intersection(&a.view().screen()) == r
    };
    assert!(on_screen(&a, &hub), "{hub} in view at {:?}", a.canvas.scroll);
    assert!(
        at(&a, &hub).contains(a.canvas.cursor),
        "the cursor on {hub}: + zooms in there"
    );
    // Zooming in shows the hub at full size, under the cursor.
    press(&mut a, "++");
    assert!(on_screen(&a, &hub));
    assert!(screen(&a).contains(hub.as_str()));
    // With a node selected far from it, fitting shows that node.
    let far = a.doc.design.nodes().keys().next_back().cloned().expect("nodes");
    update::update(&mut a, Action::Select(Selection::Node(far.clone())));
    press(&mut a, "0");
    assert_eq!(a.canvas.zoom, Zoom::Overview);
    assert!(on_screen(&a, &far) && at(&a, &far).contains(a.canvas.cursor), "{far}");
}

/// A hub with its spokes, a site and a user group, laid out: at the compact level the Site-to-Site
/// line crosses the region frame's top border where its label would go and the Point-to-Site line its
/// bottom one; the label goes further along the border instead of being left out. Every frame in
/// view is named at every level.
#[test]
fn a_frame_crossed_where_its_label_goes_is_still_named() {
    let script = "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.224/27\n\
                  gateway hub vpn VpnGw1AZ\nvnet spoke1 10.1.0.0/16 region=westeurope\n\
                  vnet spoke2 10.2.0.0/16 region=westeurope\nlink peering hub spoke1\nlink peering hub spoke2\n\
                  site office 192.168.0.0/24 ip=203.0.113.10 uplink=500\nlink s2s hub office\n\
                  users road 172.16.0.0/24 clients=50 protocol=openvpn\nlink p2s hub road\nlayout";
    for (w, h) in [(130, 40), (120, 40)] {
        let mut a = app(script, w, h);
        view::opened(&mut a);
        // Full boxes show the region around the cursor (on the hub); the other levels all of it.
        let all: &[&str] = &[" westeurope ", " on-premises ", " remote users "];
        for (zoom, labels) in [(Zoom::Full, &all[..1]), (Zoom::Compact, all), (Zoom::Overview, all)] {
            a.canvas.zoom = zoom;
            press(&mut a, "z");
            let s = screen(&a);
            for label in labels {
                assert!(s.contains(label), "{label} at {zoom:?}, {w}x{h}:\n{s}");
            }
        }
    }
}

/// Every frame the canvas shows whole is named, on every shipped example at two terminal sizes and on
/// a generated 1,000-VNet design, at every level (a label is only left out when lines and boxes take
/// every place along both of its borders).
#[test]
fn every_frame_in_view_is_named_on_every_example() {
    let apps = EXAMPLES
        .iter()
        .flat_map(|(name, text)| [(120, 40), (160, 45)].map(|(w, h)| (*name, opened(name, text, w, h))))
        .chain([("generated 1,000", generated(1_000, 200, 60))]);
    let mut named = 0;
    for (name, mut a) in apps {
        let (w, h) = a.size;
        for zoom in [Zoom::Full, Zoom::Compact, Zoom::Overview] {
            a.canvas.zoom = zoom;
            let seen = a.view().screen();
            let s = screen(&a);
            for f in vnetsketch_model::diagram::frames(&a.doc.design) {
                let r = zoom.area(f.rect);
                if r.intersection(&seen) == r {
                    assert!(
                        s.contains(&format!(" {} ", f.label)),
                        "{name}, {w}x{h}, {zoom:?}: the {} frame is not named:\n{s}",
                        f.label
                    );
                    named += 1;
                }
            }
        }
    }
    assert!(named >= 60, "only {named} frames were whole in view");
}

/// A new design opens with room above and left of where the cursor starts: the first VNet, added
/// there with its region, shows its region's frame whole, border and name.
#[test]
fn the_first_node_of_a_new_design_shows_its_frame_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut a = crate::tui::shell::open::open_app_in(Some(&dir.path().join("new.ron")), None);
    update::update(&mut a, Action::Resize(120, 40));
    press(&mut a, "v");
    press(&mut a, "hub 10.0.0.0/16 region=westeurope\n");
    let frames = vnetsketch_model::diagram::frames(&a.doc.design);
    let [frame] = frames.as_slice() else {
        panic!("one frame: {frames:?}")
    };
    let (r, seen) = (a.canvas.zoom.area(frame.rect), a.view().screen());
    assert_eq!(r.intersection(&seen), r, "{r:?} in {seen:?}");
    let s = screen(&a);
    assert!(s.contains(" westeurope "), "{s}");
}
