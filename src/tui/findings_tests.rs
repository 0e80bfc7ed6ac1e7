//! Enter on a finding (issue 11.7): it goes to the property the finding is about and puts its fix
//! on the `:` line; Enter runs the fix and the findings have the focus again, on the first one left.
//! And the `:` line shows the syntax of its command as soon as it opens (issue 11, bug 6).

use super::state::{Focus, Mode, Selection};
use super::test_support::{app, finding_index, line, press, screen};
use super::update::findings::fix_of;

const NET: &str = "vnet hub 10.0.0.0/16\nsite office 192.168.0.0/24\nlink s2s hub office";

/// Focuses the findings and moves down to the first finding of `rule`.
fn to_finding(a: &mut super::state::App, rule: &str) {
    press(a, "\t\t");
    assert_eq!(a.panes.focus, Focus::Findings);
    let i = finding_index(a, rule);
    while a.panes.finding != Some(i) {
        press(a, "j");
    }
}

#[test]
fn a_hint_gives_its_command() {
    let cases = [
        (
            "add one: gateway other vpn VpnGw1AZ",
            Some("gateway other vpn VpnGw1AZ"),
        ),
        (
            "set remote protocol=sstp, or set hub vpn-sku=VpnGw1AZ",
            Some("set remote protocol=sstp"),
        ),
        (
            "set hub asn=none and use static routes, or set hub vpn-sku=VpnGw1AZ",
            Some("set hub asn=none"),
        ),
        (
            "renumber (set office prefixes=...), or translate it",
            Some("set office prefixes="),
        ),
        ("set office ip=<the device's public IPv4>", Some("set office ip=")),
        (
            "subnet hub GatewaySubnet 10.0.255.224/27",
            Some("subnet hub GatewaySubnet 10.0.255.224/27"),
        ),
        (
            "add the range to the VNet: set hub prefixes=10.0.0.0/16,10.1.0.0/24, or move the subnet",
            Some("set hub prefixes=10.0.0.0/16,10.1.0.0/24"),
        ),
        ("fix: `set a region=westeurope` first", Some("set a region=westeurope")),
        ("keep use-remote-gateways on the peering with hub only", None),
        ("", None),
    ];
    for (hint, fix) in cases {
        assert_eq!(fix_of(hint).as_deref(), fix, "{hint}");
    }
}

#[test]
fn enter_on_a_finding_puts_its_fix_on_the_line_and_enter_runs_it() {
    let mut a = app(NET, 120, 40);
    to_finding(&mut a, "link-needs-gateway");
    press(&mut a, "\n");
    assert_eq!(line(&a).as_deref(), Some("gateway hub vpn VpnGw1AZ"));
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    assert_eq!(
        a.inspector_rows()[a.panes.inspector_row].key,
        "vpn-sku",
        "the property it is about"
    );
    assert!(
        screen(&a).contains("gateway VNET vpn SKU"),
        "the syntax shows:\n{}",
        screen(&a)
    );
    press(&mut a, "\n");
    assert!(a.doc.design.vnet("hub").is_some_and(|v| v.vpn.is_some()));
    assert!(!a.doc.report.findings.iter().any(|f| f.rule == "link-needs-gateway"));
    assert_eq!(a.panes.focus, Focus::Findings, "back to the findings");
    assert_eq!(a.panes.finding, Some(0), "on the first one left");
}

#[test]
fn a_fix_with_a_value_to_type_ends_where_the_value_goes() {
    let mut a = app(NET, 120, 40);
    to_finding(&mut a, "s2s-public-ip");
    press(&mut a, "\n");
    assert_eq!(line(&a).as_deref(), Some("set office ip="));
    assert_eq!(a.panes.selection, Selection::Node("office".into()));
    assert_eq!(a.inspector_rows()[a.panes.inspector_row].key, "ip");
    press(&mut a, "203.0.113.10\n");
    assert!(a.doc.design.site("office").is_some_and(|s| s.ip.is_some()));
    // Esc on a fix leaves it, nothing changed.
    press(&mut a, "\n\x1b");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn the_add_keys_open_the_line_with_the_syntax_of_their_command() {
    let mut a = app("", 120, 40);
    press(&mut a, "v");
    assert_eq!(line(&a).as_deref(), Some("vnet "));
    let shown = screen(&a);
    assert!(shown.contains("vnet NAME PREFIX"), "{shown}");
    press(&mut a, "\x1bs");
    assert!(screen(&a).contains("site NAME PREFIX"));
    press(&mut a, "\x1bp");
    assert!(screen(&a).contains("users NAME POOL clients=N"));
    // The syntax follows what is typed, the app's own commands included.
    press(&mut a, "\x1b:w");
    assert!(screen(&a).contains("w [PATH]"), "{}", screen(&a));
}
