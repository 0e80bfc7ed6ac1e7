//! Link mode knows the domain (issue 11, bug 4): from the selected node it offers only the kinds
//! that start or end there, its first kind fits the node, and Tab and clicks offer only targets that
//! can be the other end of that kind. After a link is drawn the source stays selected with the
//! cursor on it (issue 15.3).

use vnetsketch_model::LinkKind;

use super::state::{App, Mode, Selection};
use super::test_support::{app, press, status_says};

const NET: &str = "\
vnet hub 10.0.0.0/16
vnet spoke1 10.1.0.0/16
vnet spoke2 10.2.0.0/16
site branch 192.168.10.0/24 ip=203.0.113.10
site dc 10.200.0.0/16 circuit=1000
users road 172.16.0.0/22 clients=500
link peering hub spoke1
";

fn select(a: &mut App, name: &str) {
    super::update::update(a, super::action::Action::Select(Selection::Node(name.into())));
}

fn link_mode(a: &App) -> (LinkKind, Vec<LinkKind>, Option<String>) {
    match &a.mode {
        Mode::Link {
            kind, kinds, target, ..
        } => (*kind, kinds.clone(), target.clone()),
        m => panic!("not in link mode: {m:?}"),
    }
}

/// The targets offered, once round: the one offered now, then what Tab offers.
fn tab_round(a: &mut App) -> Vec<String> {
    let mut seen: Vec<String> = link_mode(a).2.into_iter().collect();
    for _ in 0..10 {
        press(a, "\t");
        match link_mode(a).2 {
            Some(t) if !seen.contains(&t) => seen.push(t),
            _ => break,
        }
    }
    seen
}

#[test]
fn from_a_site_only_s2s_and_er_and_only_vnets_as_targets() {
    let mut a = app(NET, 120, 40);
    select(&mut a, "branch");
    press(&mut a, "c");
    let (kind, kinds, _) = link_mode(&a);
    assert_eq!(kind, LinkKind::S2s, "a site with a VPN device starts with S2S");
    assert_eq!(kinds, [LinkKind::S2s, LinkKind::Er]);
    assert_eq!(tab_round(&mut a), ["hub", "spoke1", "spoke2"]);
    press(&mut a, "4");
    assert!(
        status_says(&a, "no peering link starts or ends at a site"),
        "{:?}",
        a.messages.status
    );
    assert_eq!(link_mode(&a).0, LinkKind::S2s);
    // A site with a circuit and no VPN device starts with ExpressRoute.
    press(&mut a, "\x1b");
    select(&mut a, "dc");
    press(&mut a, "c");
    assert_eq!(link_mode(&a).0, LinkKind::Er);
}

#[test]
fn targets_with_the_gateway_the_link_needs_come_first() {
    let mut a = app(
        &format!("{NET}vnet alpha 10.9.0.0/16\ngateway hub vpn VpnGw1AZ\ngateway hub er ErGw1AZ"),
        120,
        40,
    );
    select(&mut a, "branch");
    press(&mut a, "c");
    assert_eq!(
        tab_round(&mut a),
        ["hub", "alpha", "spoke1", "spoke2"],
        "the VNet with a VPN gateway first"
    );
    press(&mut a, "\x1b");
    select(&mut a, "spoke2");
    press(&mut a, "c");
    assert_eq!(tab_round(&mut a)[0], "hub", "a spoke's peering: the hub first");
}

#[test]
fn from_users_only_p2s() {
    let mut a = app(NET, 120, 40);
    select(&mut a, "road");
    press(&mut a, "c");
    let (kind, kinds, _) = link_mode(&a);
    assert_eq!((kind, kinds), (LinkKind::P2s, vec![LinkKind::P2s]));
    assert_eq!(tab_round(&mut a), ["hub", "spoke1", "spoke2"]);
    press(&mut a, "1");
    assert_eq!(link_mode(&a).0, LinkKind::P2s);
}

#[test]
fn a_kind_chosen_from_a_vnet_offers_only_its_targets_and_skips_links_made() {
    let mut a = app(NET, 120, 40);
    select(&mut a, "hub");
    press(&mut a, "c");
    assert_eq!(link_mode(&a).0, LinkKind::Peering);
    assert_eq!(
        link_mode(&a).2.as_deref(),
        Some("spoke2"),
        "a target of that kind is offered at once"
    );
    assert_eq!(link_mode(&a).1.len(), 5, "a VNet takes every kind");
    press(&mut a, "1");
    assert_eq!(tab_round(&mut a), ["branch", "dc"], "S2S ends at a site");
    press(&mut a, "2");
    assert_eq!(
        link_mode(&a).2.as_deref(),
        Some("road"),
        "a site is no P2S target: the user group instead"
    );
    assert_eq!(tab_round(&mut a), ["road"]);
    press(&mut a, "4");
    assert_eq!(tab_round(&mut a), ["spoke2"], "spoke1 is peered already");
    press(&mut a, "5");
    assert_eq!(tab_round(&mut a), ["branch", "dc"]);
}

#[test]
fn after_a_link_the_source_stays_selected_to_draw_the_next() {
    let mut a = app(NET, 120, 40);
    select(&mut a, "hub");
    let cursor = a.canvas.cursor;
    press(&mut a, "c4\n");
    assert_eq!(a.doc.design.links().len(), 2);
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    assert_eq!(a.canvas.cursor, cursor, "the cursor is on the source again");
    // The next link from the same hub, at once.
    press(&mut a, "c1\n");
    assert_eq!(a.doc.design.links().len(), 3);
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    assert!(
        a.doc
            .design
            .links()
            .values()
            .any(|l| l.kind == LinkKind::S2s && l.b == "branch"),
        "{:?}",
        a.doc.design.links()
    );
}

#[test]
fn the_inspector_shows_what_is_selected_after_esc() {
    let inspector_title = |a: &App| {
        let screen = super::test_support::screen(a);
        screen.lines().next().unwrap_or("").to_owned()
    };
    let mut a = app(NET, 120, 40);
    select(&mut a, "hub");
    press(&mut a, "c4\n");
    assert!(inspector_title(&a).contains("vnet hub"), "{}", inspector_title(&a));
    // Esc in link mode: nothing drawn, the source still selected and shown.
    press(&mut a, "c\t\x1b");
    assert_eq!(a.mode, Mode::Normal);
    assert!(inspector_title(&a).contains("vnet hub"));
    // Esc on the canvas clears the selection, and the inspector says so.
    press(&mut a, "\x1b");
    assert_eq!(a.panes.selection, Selection::None);
    assert!(inspector_title(&a).contains("┌ Inspector ─"), "{}", inspector_title(&a));
}
