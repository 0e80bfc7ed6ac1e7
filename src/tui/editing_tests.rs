//! One edit is one undo step (issue 11, bug 3; issue 15.2): a choice stepped through many times,
//! a value taken from a chooser, a field typed; a run of moves of several nodes. Choosing a value by
//! typing; `/` search; moves that speed up.

use crossterm::event::{KeyCode, KeyModifiers};
use vnetsketch_model::Pos;

use super::action::Action;
use super::state::{App, Focus, Mode, Selection};
use super::test_support::{HUB_SPOKE, app, key, press};
use super::update::update;

fn sku(a: &App) -> String {
    a.doc
        .design
        .vnet("hub")
        .and_then(|v| v.vpn.as_ref())
        .map_or_else(|| "none".to_owned(), |g| g.sku.to_string())
}

/// Selects the hub and puts the inspector, focused, on its row `key`.
fn hub_row(a: &mut App, key: &str) {
    update(a, Action::Select(Selection::Node("hub".into())));
    a.panes.focus = Focus::Inspector;
    let row = a.inspector_rows().iter().position(|r| r.key == key).expect("the row");
    a.panes.inspector_row = row;
}

fn undo_depth(a: &App) -> usize {
    a.doc.history.depth().0
}

#[test]
fn a_choice_stepped_many_times_is_one_undo_step() {
    let mut a = app(HUB_SPOKE, 120, 40);
    hub_row(&mut a, "vpn-sku");
    assert_eq!(sku(&a), "VpnGw1AZ");
    let depth = undo_depth(&a);
    press(&mut a, "      ");
    key(&mut a, KeyCode::Right, KeyModifiers::NONE);
    key(&mut a, KeyCode::Left, KeyModifiers::NONE);
    press(&mut a, " ");
    assert_ne!(sku(&a), "VpnGw1AZ", "each step shows at once");
    assert_eq!(undo_depth(&a), depth + 1, "one step for the whole run");
    press(&mut a, "u");
    assert_eq!(sku(&a), "VpnGw1AZ", "one u gives the SKU back");
    // Leaving the row commits the step: the next run is a step of its own.
    press(&mut a, "\x1b");
    hub_row(&mut a, "vpn-sku");
    press(&mut a, "  ");
    press(&mut a, "j");
    press(&mut a, "k");
    press(&mut a, " ");
    assert_eq!(undo_depth(&a), depth + 2);
}

#[test]
fn enter_on_a_choice_opens_its_list_and_typing_filters_it() {
    let mut a = app(HUB_SPOKE, 120, 40);
    hub_row(&mut a, "vpn-sku");
    let depth = undo_depth(&a);
    press(&mut a, "\n");
    let Mode::Choose(c) = &a.mode else {
        panic!("the chooser: {:?}", a.mode)
    };
    assert_eq!(c.chosen(), Some("VpnGw1AZ"), "the current value is highlighted");
    press(&mut a, "2az");
    let Mode::Choose(c) = &a.mode else { panic!() };
    assert_eq!(c.chosen(), Some("VpnGw2AZ"));
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    key(&mut a, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(sku(&a), "VpnGw1AZ", "nothing is set before Enter");
    press(&mut a, "\n");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(sku(&a), "VpnGw2AZ");
    assert_eq!(undo_depth(&a), depth + 1);
    press(&mut a, "u");
    assert_eq!(sku(&a), "VpnGw1AZ");
    // Esc keeps the value; a filter that matches nothing takes nothing.
    hub_row(&mut a, "vpn-sku");
    press(&mut a, "\nvpngw5\x1b");
    assert_eq!(sku(&a), "VpnGw1AZ");
    press(&mut a, "\nqqq\n");
    assert!(matches!(a.mode, Mode::Choose(_)), "nothing matches: the list stays");
    assert_eq!(sku(&a), "VpnGw1AZ");
}

#[test]
fn enter_on_a_flag_toggles_it_and_a_typed_field_is_one_step() {
    let mut a = app(HUB_SPOKE, 120, 40);
    hub_row(&mut a, "active-active");
    let depth = undo_depth(&a);
    press(&mut a, "\n");
    assert_eq!(a.mode, Mode::Normal);
    assert!(
        a.doc
            .design
            .vnet("hub")
            .and_then(|v| v.vpn.as_ref())
            .is_some_and(|g| g.active_active)
    );
    hub_row(&mut a, "asn");
    press(&mut a, "\n65010\n");
    assert_eq!(
        a.doc
            .design
            .vnet("hub")
            .and_then(|v| v.vpn.as_ref())
            .and_then(|g| g.asn),
        Some(65010)
    );
    assert_eq!(
        undo_depth(&a),
        depth + 2,
        "a toggle, and five characters typed: two steps"
    );
}

#[test]
fn search_finds_by_address_selects_live_and_esc_goes_back() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "n");
    let cursor = a.canvas.cursor;
    press(&mut a, "/10.2.");
    assert!(matches!(a.mode, Mode::Search(_)));
    assert_eq!(
        a.panes.selection,
        Selection::Node("spoke2".into()),
        "the best hit shows as typed"
    );
    press(&mut a, "\x1b");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.panes.selection, Selection::Node("hub".into()), "Esc goes back");
    assert_eq!(a.canvas.cursor, cursor);
    // Enter keeps the hit, centred on the canvas.
    press(&mut a, "/offi\n");
    assert_eq!(a.panes.selection, Selection::Node("office".into()));
    assert_eq!(a.panes.focus, Focus::Canvas);
    let office = a
        .doc
        .design
        .node("office")
        .map(vnetsketch_model::Node::pos)
        .expect("office");
    let (w, h) = super::geometry::screen::canvas_size(a.size).expect("canvas");
    assert_eq!(
        a.canvas.scroll,
        Pos {
            x: a.canvas.cursor.x - w / 2,
            y: a.canvas.cursor.y - h / 2
        }
    );
    assert_eq!(
        a.canvas.cursor,
        Pos {
            x: office.x + 1,
            y: office.y + 1
        }
    );
    // A SKU finds its gateway's VNet; Tab walks the hits.
    press(&mut a, "/vpngw1");
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    press(&mut a, "\t\x1b");
    assert_eq!(a.panes.selection, Selection::Node("office".into()));
}

#[test]
fn marked_nodes_move_together_as_one_undo_step() {
    let mut a = app(HUB_SPOKE, 120, 40);
    let pos = |a: &App, n: &str| a.doc.design.node(n).map(vnetsketch_model::Node::pos).expect("node");
    let (hub, spoke) = (pos(&a, "hub"), pos(&a, "spoke1"));
    press(&mut a, "n "); // hub, marked
    press(&mut a, "nnn"); // spoke1 (hub, office, road, spoke1…)
    assert_eq!(a.panes.selection, Selection::Node("spoke1".into()));
    let depth = undo_depth(&a);
    press(&mut a, "LLJ");
    assert_eq!(
        pos(&a, "hub"),
        Pos {
            x: hub.x + 2,
            y: hub.y + 1
        }
    );
    assert_eq!(
        pos(&a, "spoke1"),
        Pos {
            x: spoke.x + 2,
            y: spoke.y + 1
        }
    );
    assert_eq!(undo_depth(&a), depth + 1);
    press(&mut a, "u");
    assert_eq!((pos(&a, "hub"), pos(&a, "spoke1")), (hub, spoke));
    // Esc unmarks: the hub stays where it is.
    press(&mut a, "\x1bnnnn");
    press(&mut a, "L");
    assert_eq!(pos(&a, "hub"), hub);
}

#[test]
fn a_held_move_speeds_up() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "n");
    let x = a.doc.design.vnet("hub").map(|v| v.pos.x).expect("hub");
    press(&mut a, &"L".repeat(12));
    // 1 1 1, 2 2 2, 4 4 4, 8 8 8
    assert_eq!(a.doc.design.vnet("hub").map(|v| v.pos.x), Some(x + 45));
    press(&mut a, "H");
    assert_eq!(
        a.doc.design.vnet("hub").map(|v| v.pos.x),
        Some(x + 44),
        "a turn starts slow again"
    );
}

#[test]
fn d_duplicates_a_spoke_with_its_peering_as_one_undo_step() {
    let mut a = app(HUB_SPOKE, 120, 40);
    update(&mut a, Action::Select(Selection::Node("spoke1".into())));
    let depth = undo_depth(&a);
    press(&mut a, "D");
    let Selection::Node(copy) = a.panes.selection.clone() else {
        panic!("the copy is selected: {:?}", a.panes.selection)
    };
    assert_ne!(copy, "spoke1");
    let peering = a
        .doc
        .design
        .links()
        .values()
        .find(|l| l.joins(&copy, "hub"))
        .expect("the copy is peered to the hub");
    assert!(
        peering.allows_transit("hub") && peering.uses_remote(&copy),
        "with the same flags"
    );
    assert_eq!(undo_depth(&a), depth + 1);
    // Again, from the copy: the next one.
    press(&mut a, "D");
    assert_eq!(a.doc.design.vnets().count(), 5);
    press(&mut a, "uu");
    assert!(a.doc.design.node(&copy).is_none());
    // From the : line too, the copy selected.
    press(&mut a, ":duplicate spoke2\n");
    assert!(matches!(&a.panes.selection, Selection::Node(n) if n != "spoke2" && n.starts_with("spoke")));
}

#[test]
fn p_pins_and_unpins_the_selected_node_one_undo_step_each() {
    let mut a = app(HUB_SPOKE, 120, 40);
    let pinned = |a: &App| {
        a.doc
            .design
            .node("hub")
            .is_some_and(vnetsketch_model::design::Node::pinned)
    };
    update(&mut a, Action::Select(Selection::Node("hub".into())));
    let depth = undo_depth(&a);
    press(&mut a, "P");
    assert!(pinned(&a));
    assert_eq!(a.messages.status.as_ref().map(|s| s.1.as_str()), Some("pinned hub"));
    press(&mut a, "P");
    assert!(!pinned(&a));
    assert_eq!(undo_depth(&a), depth + 2, "each press is one step");
    press(&mut a, "u");
    assert!(pinned(&a), "undo pins it again");
}
