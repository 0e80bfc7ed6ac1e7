//! The diagram engine's promises, checked on generated designs and on random ones: after a layout no
//! two boxes overlap and each keeps its margin at every zoom level, pinned nodes stay, the result does
//! not depend on the order things were created in, no routed link passes through a box, and the
//! quality measures stay within recorded bounds.

use std::collections::BTreeMap;

use crate::design::{Link, Node};
use crate::diagram::layout::{LAYOUT_MARGIN, Order};
use crate::diagram::quality::{Quality, measure};
use crate::diagram::{self, LayoutOptions, Rect, Scene, Zoom};
use crate::generate::generate;
use crate::{Design, Pos};
use proptest::prelude::*;

/// `design` with the layout's moves applied.
fn laid_out(design: &Design, options: &LayoutOptions<'_>) -> Design {
    let mut d = design.clone();
    for (name, pos) in diagram::layout(design, options).moves {
        if let Some(node) = d.node_mut(&name) {
            *node.pos_mut() = pos;
        }
    }
    d
}

/// Pairs of boxes (at least one of them moved by the layout) that overlap or keep less than the
/// margin at `zoom`: the layout's margin at full size, one cell at the reduced levels.
fn crowded(after: &Design, moved: &dyn Fn(&str) -> bool, zoom: Zoom) -> Vec<(String, String)> {
    let (mx, my) = if zoom == Zoom::Full { LAYOUT_MARGIN } else { (1, 1) };
    let scene = Scene::new(after);
    let boxes: Vec<(&str, Rect)> = (0..scene.len() as u32)
        .filter_map(|i| Some((scene.node(i)?.0, zoom.box_rect(scene.rect_at(i)?))))
        .collect();
    let mut out = Vec::new();
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            if (moved(a) || moved(b)) && ra.inflate(mx, my).intersects(rb) {
                out.push(((*a).to_owned(), (*b).to_owned()));
            }
        }
    }
    out
}

/// A random hybrid design: generated hub groups, then some nodes moved anywhere (piled up, far away)
/// and some regions cleared.
fn arb_design() -> impl Strategy<Value = Design> {
    (
        2usize..70,
        any::<u64>(),
        prop::collection::vec((any::<u16>(), -300i32..300, -100i32..100), 0..12),
    )
        .prop_map(|(n, seed, scatter)| {
            let mut d = generate(n, seed);
            let names: Vec<String> = d.nodes().keys().cloned().collect();
            for (k, x, y) in scatter {
                let name = &names[k as usize % names.len()];
                if let Some(node) = d.node_mut(name) {
                    *node.pos_mut() = Pos { x, y: y / 4 };
                    if let Node::Vnet(v) = node
                        && k % 3 == 0
                    {
                        v.region = None;
                    }
                }
            }
            d
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_layout_leaves_no_overlap_keeps_margins_and_pins(
        design in arb_design(),
        picks in prop::collection::vec(any::<u16>(), 0..6),
        select in any::<bool>(),
    ) {
        let names: Vec<String> = design.nodes().keys().cloned().collect();
        let pick = |k: &u16| names[*k as usize % names.len()].clone();
        let pinned: Vec<String> = picks.iter().take(3).map(pick).collect();
        let only: Vec<String> = if select { picks.iter().skip(1).map(pick).collect() } else { Vec::new() };
        let options = LayoutOptions { only: &only, pinned: &pinned, order: Order::Barycentre };
        let after = laid_out(&design, &options);
        for name in &pinned {
            prop_assert_eq!(after.node(name).map(Node::pos), design.node(name).map(Node::pos), "{} is pinned", name);
        }
        let moved = |n: &str| {
            !pinned.iter().any(|p| p == n) && (only.is_empty() || only.iter().any(|o| o == n))
        };
        for name in names.iter().filter(|n| !moved(n)) {
            prop_assert_eq!(after.node(name).map(Node::pos), design.node(name).map(Node::pos));
        }
        for zoom in Zoom::ALL {
            let bad = crowded(&after, &moved, zoom);
            prop_assert!(bad.is_empty(), "{:?}: {:?}", zoom, &bad[..bad.len().min(5)]);
        }
        // Laying out the whole design again changes nothing (with pins or a selection, what stayed
        // shapes the result, so only the whole, unpinned layout is a fixed point).
        if pinned.is_empty() && only.is_empty() {
            prop_assert!(laid_out(&after, &options) == after);
        }
    }
}

#[test]
fn the_layout_does_not_depend_on_creation_order_or_old_positions() {
    let design = generate(300, 9);
    // The same design with its links created in the opposite order and every node somewhere else.
    let mut shuffled = Design::new(design.era);
    for (_, node) in design.nodes().iter().rev() {
        let mut node = node.clone();
        let p = node.pos();
        *node.pos_mut() = Pos {
            x: p.y * 3 - 700,
            y: -p.x / 5,
        };
        shuffled.insert_node_unchecked(node);
    }
    for link in design.links().values().rev() {
        shuffled.push_link_unchecked(link.clone());
    }
    let a = diagram::layout(&design, &LayoutOptions::default());
    let b = diagram::layout(&shuffled, &LayoutOptions::default());
    let positions = |d: &Design, moves: &[(String, Pos)]| -> BTreeMap<String, Pos> {
        let mut all: BTreeMap<String, Pos> = d.nodes().iter().map(|(n, node)| (n.clone(), node.pos())).collect();
        all.extend(moves.iter().cloned());
        all
    };
    assert_eq!(positions(&design, &a.moves), positions(&shuffled, &b.moves));
    assert_eq!(a.frames, b.frames);
    assert_eq!(
        a,
        diagram::layout(&design, &LayoutOptions::default()),
        "the same design, the same layout"
    );
    // The routes too, by link contents.
    let (da, db) = (
        laid_out(&design, &LayoutOptions::default()),
        laid_out(&shuffled, &LayoutOptions::default()),
    );
    let routes = |d: &Design| -> Vec<(String, Vec<Pos>)> {
        let scene = Scene::new(d);
        let mut out: Vec<(String, Vec<Pos>)> = scene
            .route_all(None)
            .routes
            .into_iter()
            .filter_map(|r| Some((d.link(r.id)?.describe(), r.points)))
            .collect();
        out.sort();
        out
    };
    assert_eq!(routes(&da), routes(&db));
}

#[test]
fn hubs_sit_over_their_spokes_sites_above_users_below_regions_side_by_side() {
    let d = laid_out(&generate(200, 3), &LayoutOptions::default());
    let pos = |n: &str| d.node(n).map(Node::pos).expect(n);
    for h in 0..8 {
        let hub = format!("hub-{h:04}");
        for s in 0..24 {
            assert!(
                pos(&format!("spoke-{h:04}-{s:02}")).y > pos(&hub).y,
                "{hub} over its spokes"
            );
        }
        assert!(pos(&format!("branch-{h:04}-0")).y < pos(&hub).y, "sites above");
        assert!(
            pos(&format!("users-{h:04}")).y > pos(&format!("spoke-{h:04}-23")).y,
            "users below"
        );
    }
    let frames = diagram::frames(&d);
    let regions: Vec<&Rect> = frames
        .iter()
        .filter(|f| f.kind == diagram::FrameKind::Region)
        .map(|f| &f.rect)
        .collect();
    assert_eq!(regions.len(), 8);
    for (i, a) in regions.iter().enumerate() {
        for b in &regions[i + 1..] {
            assert!(!a.intersects(b), "region frames do not overlap: {a:?} {b:?}");
        }
    }
}

/// The measures of the generated design of `n` VNets, laid out with `order`, routed whole.
fn quality_of(n: usize, order: Order, rename: bool) -> Quality {
    let mut design = generate(n, 1);
    if rename {
        design = renamed(&design);
    }
    let d = laid_out(
        &design,
        &LayoutOptions {
            order,
            ..LayoutOptions::default()
        },
    );
    let scene = Scene::new(&d);
    measure(&scene, &scene.route_all(None))
}

/// The design with every node renamed so name order says nothing about the topology.
fn renamed(design: &Design) -> Design {
    let new_name = |old: &str| {
        let h = old.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
        format!("n{h:016x}")
    };
    let mut out = Design::new(design.era);
    for (name, node) in design.nodes() {
        let mut node = node.clone();
        match &mut node {
            Node::Vnet(v) => v.name = new_name(name),
            Node::Site(s) => s.name = new_name(name),
            Node::Users(u) => u.name = new_name(name),
        }
        out.insert_node_unchecked(node);
    }
    for l in design.links().values() {
        let mut link = Link::new(l.kind, new_name(&l.a), new_name(&l.b));
        link.a_use_remote = l.a_use_remote;
        link.b_use_remote = l.b_use_remote;
        link.a_allow_transit = l.a_allow_transit;
        link.b_allow_transit = l.b_allow_transit;
        out.push_link_unchecked(link);
    }
    out
}

#[test]
fn generated_designs_have_no_overlap_no_link_through_a_box_and_bounded_crossings_and_bends() {
    let q = quality_of(250, Order::Barycentre, false);
    eprintln!("250 VNets: {q:?}");
    assert_eq!((q.overlaps, q.crowded), (0, 0), "{q:?}");
    assert_eq!((q.through_boxes, q.fallbacks), (0, 0), "{q:?}");
    assert_eq!(q.links, generate(250, 1).links().len());
    // Recorded when the engine was written (1,002 crossings, 774 bends, 20,873 cells), with 5% of
    // slack: a change that makes the picture worse fails here.
    assert!(q.crossings <= 1_050, "{q:?}");
    assert!(q.bends <= 810, "{q:?}");
    assert!(q.length <= 21_900, "{q:?}");
}

#[test]
fn barycentre_ordering_crosses_less_than_name_order() {
    // Names that say nothing of the topology: ordering by name scatters sites and groups. Recorded:
    // 518 crossings and 13,666 cells of line by name; 454 and 9,384 by barycentre.
    let by_name = quality_of(120, Order::Names, true);
    let bary = quality_of(120, Order::Barycentre, true);
    eprintln!("by name: {by_name:?}\nbarycentre: {bary:?}");
    assert!(bary.crossings < by_name.crossings, "{bary:?}\n{by_name:?}");
    assert!(bary.length < by_name.length, "{bary:?}\n{by_name:?}");
}

#[test]
fn windows_route_what_they_show_without_crossing_a_box_at_full_and_compact_size() {
    let d = laid_out(&generate(300, 5), &LayoutOptions::default());
    let scene = Scene::new(&d);
    let hub = scene.rect("hub-0004").expect("hub");
    let view = Rect {
        x: hub.x - 90,
        y: hub.y - 10,
        w: 200,
        h: 60,
    };
    let routing = scene.route_window(view, None);
    assert!(routing.routes.len() > 30, "{}", routing.routes.len());
    let q = measure(&scene, &routing);
    assert_eq!((q.through_boxes, q.fallbacks), (0, 0), "{q:?}");
    // Every link with both boxes in the view is routed.
    for near in scene.links_near(view, 0) {
        let inside = |i: u32| scene.rect_at(i).is_some_and(|r| view.intersection(&r) == r);
        if inside(near.a) && inside(near.b) {
            assert!(routing.route(near.id).is_some(), "{:?}", near.id);
        }
    }
    // Scaled down, routes still miss every compact box.
    let boxes: Vec<Rect> = scene.within(view).iter().filter_map(|&i| scene.rect_at(i)).collect();
    for cell in routing.cells(Zoom::Compact, Zoom::Compact.box_rect(view)) {
        for b in &boxes {
            assert!(!Zoom::Compact.box_rect(*b).contains(cell.at), "{cell:?} in {b:?}");
        }
    }
}

#[test]
fn every_shipped_example_lays_out_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("ron") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let design = crate::format::load(&text, None).expect("loads");
        let d = laid_out(&design, &LayoutOptions::default());
        let scene = Scene::new(&d);
        let routing = scene.route_all(None);
        let q = measure(&scene, &routing);
        assert_eq!(
            (q.overlaps, q.crowded, q.through_boxes, q.fallbacks),
            (0, 0, 0, 0),
            "{path:?} {q:?}"
        );
        assert_eq!(q.links, d.links().len(), "{path:?}");
        assert!(q.crossings <= 1, "{path:?} {q:?}");
        seen += 1;
    }
    assert_eq!(seen, 6);
}
