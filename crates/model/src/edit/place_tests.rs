//! Placement: random sequences of creations, copies, renames, gateways and moves never leave two boxes
//! overlapping, except where an explicit `move` put a node; a node an edit makes keeps the margin.

use proptest::prelude::*;

use crate::design::{Design, Pos};
use crate::diagram::MARGIN;
use crate::diagram::boxes::node_rect;
use crate::{apply_line, run_script};

/// One line of a random sequence, from a small pool so that names collide and copies pile up.
fn line() -> impl Strategy<Value = String> {
    let name = || {
        prop_oneof![
            (0u8..6).prop_map(|i| format!("n{i}")),
            (0u8..3).prop_map(|i| format!("a-rather-long-node-name-{i}")),
        ]
    };
    prop_oneof![
        (name(), 16u8..25).prop_map(|(n, len)| format!("vnet {n} auto/{len}")),
        (name(), 20u8..29).prop_map(|(n, len)| format!("site {n} auto/{len}")),
        name().prop_map(|n| format!("users {n} auto/24 clients=5")),
        name().prop_map(|n| format!("duplicate {n}")),
        (name(), name()).prop_map(|(n, m)| format!("set {n} name={m}-renamed-to-something-wider")),
        name().prop_map(|n| format!("gateway {n} vpn VpnGw2AZ")),
        (name(), -40i32..80, -10i32..40).prop_map(|(n, x, y)| format!("move {n} {x} {y}")),
    ]
}

/// The pairs of nodes whose boxes share a cell.
fn overlapping(d: &Design) -> Vec<(String, String)> {
    let nodes: Vec<_> = d.nodes().values().collect();
    let mut out = Vec::new();
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            if node_rect(a).intersects(&node_rect(b)) {
                out.push((a.name().to_owned(), b.name().to_owned()));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_edit_but_a_move_leaves_two_boxes_overlapping(lines in prop::collection::vec(line(), 1..40)) {
        let mut d = Design::default();
        let mut moved: Vec<String> = Vec::new();
        for line in &lines {
            let before: Vec<String> = d.nodes().keys().cloned().collect();
            let Ok(Some(_)) = apply_line(&mut d, line) else { continue };
            let words: Vec<&str> = line.split(' ').collect();
            if words[0] == "move" {
                let at = Pos { x: words[2].parse().unwrap_or(0), y: words[3].parse().unwrap_or(0) };
                prop_assert_eq!(d.node(words[1]).map(crate::design::Node::pos), Some(at), "a move keeps its place");
                moved.push(words[1].to_owned());
            }
            // A node the edit made keeps the margin from every box.
            for made in d.nodes().values().filter(|n| !before.iter().any(|b| b == n.name())) {
                if words[0] == "set" {
                    continue;
                }
                prop_assert!(made.pos().x >= 2 && made.pos().y >= 1, "{} out of sight at {:?}", made.name(), made.pos());
                let room = node_rect(made).inflate(MARGIN, MARGIN);
                for other in d.nodes().values().filter(|o| o.name() != made.name()) {
                    prop_assert!(!room.intersects(&node_rect(other)), "{} after `{}` is crowded by {}", made.name(), line, other.name());
                }
            }
            for (a, b) in overlapping(&d) {
                prop_assert!(
                    moved.contains(&a) || moved.contains(&b),
                    "{} and {} overlap after `{}`", a, b, line
                );
            }
        }
    }
}

#[test]
fn a_new_node_goes_beside_the_boxes_and_a_copy_beside_its_original() {
    let mut d = Design::default();
    run_script(&mut d, "vnet hub 10.0.0.0/16\nmove hub 2 1\ngateway hub vpn VpnGw2AZ").expect("script");
    // The grid's second cell, 25 columns on, is free of the hub's 16-column box: taken as wished.
    apply_line(&mut d, "vnet spoke 10.1.0.0/16").expect("spoke");
    assert_eq!(d.vnet("spoke").map(|v| v.pos), Some(Pos { x: 25, y: 1 }));
    // A wide hub covers the next cell: the copy goes to the nearest free place instead.
    run_script(&mut d, "set hub name=hub-with-a-much-longer-name\nmove spoke 2 20").expect("rename");
    apply_line(&mut d, "site office 192.168.0.0/24").expect("site");
    let office = d.site("office").map(|s| s.pos).expect("office");
    let hub = node_rect(d.node("hub-with-a-much-longer-name").expect("hub"));
    assert!(
        !node_rect(d.node("office").expect("office"))
            .inflate(MARGIN, MARGIN)
            .intersects(&hub),
        "{office:?}"
    );
    apply_line(&mut d, "duplicate office").expect("copy");
    let copy = node_rect(d.node("office2").expect("copy"));
    assert_eq!(copy.y, office.y, "beside its original, on its row");
    assert!(copy.x > office.x);
    // Setting a flag moves nothing; a move onto a box keeps the place asked for.
    let before = d.clone();
    apply_line(&mut d, "pin office").expect("pin");
    assert_eq!(d.site("office").map(|s| s.pos), before.site("office").map(|s| s.pos));
    apply_line(&mut d, &format!("move office {} {}", hub.x, hub.y)).expect("move");
    assert_eq!(d.site("office").map(|s| s.pos), Some(hub.origin()));
}
