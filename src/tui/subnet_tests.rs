//! Subnets in the inspector (issue 11.7): a row each, edited in place (`NAME PREFIX [hosts=N]`),
//! added with `a` (`auto/N` too), deleted with `d` after asking, and never by Enter.

use vnetsketch_model::design::Subnet;

use super::action::Action;
use super::state::{App, Confirm, Focus, Mode, Selection};
use super::test_support::{HUB_SPOKE, app, key, press, screen};
use super::update::update;
use crossterm::event::{KeyCode, KeyModifiers};

fn subnets(a: &App) -> Vec<Subnet> {
    a.doc.design.vnet("hub").map(|v| v.subnets.clone()).unwrap_or_default()
}

fn inspect_hub(a: &mut App) {
    update(a, Action::Select(Selection::Node("hub".into())));
    a.panes.focus = Focus::Inspector;
}

fn go_to(a: &mut App, key: &str) {
    a.panes.inspector_row = a.inspector_rows().iter().position(|r| r.key == key).expect("the row");
}

#[test]
fn a_subnet_is_a_row_edited_in_place() {
    let mut a = app(HUB_SPOKE, 120, 40);
    inspect_hub(&mut a);
    assert!(screen(&a).contains("subnet GatewaySubnet"), "{}", screen(&a));
    go_to(&mut a, "subnet GatewaySubnet");
    press(&mut a, "\n");
    assert!(matches!(&a.mode, Mode::Field { input, .. } if input.text() == "GatewaySubnet 10.0.255.0/27"));
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "GatewaySubnet 10.0.254.0/26 hosts=3\n");
    assert_eq!(a.mode, Mode::Normal);
    let s = &subnets(&a)[0];
    assert_eq!((s.prefix.to_string(), s.hosts), ("10.0.254.0/26".to_owned(), 3));
    // A rename is one undo step.
    press(&mut a, "\n");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "gw 10.0.254.0/26\n");
    let names: Vec<String> = subnets(&a).into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["gw"]);
    press(&mut a, "u");
    let names: Vec<String> = subnets(&a).into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["GatewaySubnet"]);
    // A bad prefix stays in the field with the model's reason.
    inspect_hub(&mut a);
    go_to(&mut a, "subnet GatewaySubnet");
    press(&mut a, "\n");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "GatewaySubnet 10.0.0.0/33\n");
    assert!(matches!(&a.mode, Mode::Field { error: Some(_), .. }));
}

#[test]
fn a_adds_a_subnet_with_auto_and_d_deletes_after_asking() {
    let mut a = app(HUB_SPOKE, 120, 40);
    inspect_hub(&mut a);
    press(&mut a, "a");
    assert!(matches!(&a.mode, Mode::Field { .. }));
    assert!(screen(&a).contains("new subnet"));
    press(&mut a, "app auto/24 hosts=40\n");
    assert_eq!(a.mode, Mode::Normal);
    let app_subnet = subnets(&a).into_iter().find(|s| s.name == "app").expect("added");
    assert_eq!(
        (app_subnet.prefix.to_string(), app_subnet.hosts),
        ("10.0.0.0/24".to_owned(), 40)
    );
    assert_eq!(
        a.inspector_rows()[a.panes.inspector_row].key,
        "subnet app",
        "its row is selected"
    );
    // d asks; Enter keeps it; y deletes it; the VNet stays.
    press(&mut a, "d");
    assert!(matches!(&a.mode, Mode::Confirm(Confirm::DeleteSubnet { name, .. }) if name == "app"));
    press(&mut a, "\n");
    assert!(subnets(&a).iter().any(|s| s.name == "app"));
    press(&mut a, "dy");
    assert!(!subnets(&a).iter().any(|s| s.name == "app"));
    assert!(a.doc.design.vnet("hub").is_some());
    press(&mut a, "u");
    assert!(subnets(&a).iter().any(|s| s.name == "app"));
}
