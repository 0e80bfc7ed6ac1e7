//! Round trips, refusals with their line and column, limits, and the committed schema.

use super::*;
use crate::validate::test_support::design;

const SCRIPT: &str = "vnet hub 10.0.0.0/16,fd00:1::/48 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
    gateway hub vpn VpnGw2AZ active-active asn=65010\ngateway hub er ErGwScale units=4 fastpath\n\
    vnet spoke 10.1.0.0/16\nsite office 192.168.0.0/24 ip=203.0.113.10 asn=65020 uplink=500 circuit=1000 location=Amsterdam premium\n\
    users remote 172.16.0.0/24 clients=50 protocol=openvpn\nlink s2s hub office bgp\nlink p2s hub remote\n\
    link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke forwarded-traffic\nlink er hub office";

#[test]
fn ron_and_json_round_trip_losslessly_and_deterministically() {
    let d = design(SCRIPT);
    let ron = to_ron(&d);
    assert!(
        ron.contains("\"10.0.0.0/16\"") && ron.contains("\"fd00:1::/48\""),
        "{ron}"
    );
    let back = load(&ron, Some(Format::Ron)).expect("ron loads");
    assert_eq!(back, d);
    assert_eq!(to_ron(&back), ron, "same design, same bytes");
    let json = to_json(&d);
    let from_json = load(&json, None).expect("json loads");
    assert_eq!(from_json, d);
    assert_eq!(to_ron(&from_json), ron);
}

#[test]
fn syntax_errors_give_line_and_column() {
    let d = design(SCRIPT);
    let ron = to_ron(&d).replace("\"10.1.0.0/16\"", "\"10.1.0.0/99\"");
    let err = load(&ron, None).expect_err("bad prefix");
    let at = err.location().expect("location");
    let line = ron.lines().position(|l| l.contains("10.1.0.0/99")).expect("line") + 1;
    assert_eq!(at.line, line, "{err}");
    let json = to_json(&d).replacen("\"version\": 1,", "\"version\": 1, \"colour\": 3,", 1);
    let err = load(&json, None).expect_err("unknown field");
    assert_eq!(err.location().map(|l| l.line), Some(2), "{err}");
    assert!(err.to_string().contains("colour"), "{err}");
    let err = load(
        "{\"version\": 1, \"vnets\": [{\"name\": \"a\", \"address_space\": [\"x\"]}]}",
        None,
    )
    .expect_err("bad cidr");
    assert!(err.to_string().contains("vnets[0].address_space[0]"), "{err}");
}

#[test]
fn content_problems_name_the_entity() {
    let err = load("(version: 2)", None).expect_err("version");
    assert!(matches!(err, LoadError::Version { found: 2, .. }), "{err}");
    let dup =
        "(version: 1, vnets: [(name: \"a\", address_space: [\"10.0.0.0/16\"])], sites: [(name: \"a\", prefixes: [])])";
    let err = load(dup, None).expect_err("duplicate");
    assert!(
        err.to_string().contains("sites[0]") && err.to_string().contains("vnets[0]"),
        "{err}"
    );
    let bad = "(version: 1, links: [(kind: peering, a: \"x\", b: \"y\", use_remote_gateways: [\"z\"])])";
    assert!(load(bad, None).expect_err("side").to_string().contains("`z`"));
    let deep = format!("(version: 1, vnets: {}{})", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(load(&deep, None), Err(LoadError::Syntax { .. })));
    assert!(matches!(
        load_bytes(b"(version: 1)\n\xff", None),
        Err(LoadError::NotText { line: 2, column: 1 })
    ));
}

#[test]
fn dangling_links_load_and_are_left_to_validation() {
    let text = "(version: 1, vnets: [(name: \"a\", address_space: [\"10.0.0.0/16\"])], links: [(kind: s2s, a: \"a\", b: \"gone\")])";
    let d = load(text, None).expect("loads");
    assert_eq!(d.links().len(), 1);
    assert!(
        crate::validate::validate(&d)
            .findings
            .iter()
            .any(|f| f.rule == "link-dangling")
    );
}

#[test]
fn the_committed_schema_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/schema/design.schema.json");
    if std::env::var_os("VNETSKETCH_BLESS").is_some() {
        std::fs::write(path, json_schema()).expect("write schema");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == json_schema(),
        "assets/schema/design.schema.json is stale: run `VNETSKETCH_BLESS=1 cargo test -p vnetsketch-model schema`"
    );
}

#[test]
fn forwarded_traffic_is_one_flag_when_both_sides_have_it_and_a_list_when_one_does() {
    let mut d = crate::Design::default();
    crate::run_script(
        &mut d,
        "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\n\
         link peering hub a forwarded-traffic\nlink peering hub b forwarded-traffic@b",
    )
    .expect("script");
    let ron = to_ron(&d);
    assert!(ron.contains("forwarded_traffic: true"), "{ron}");
    assert!(
        ron.contains("allow_forwarded_traffic: [\n        \"b\",\n      ]"),
        "{ron}"
    );
    for f in [Format::Ron, Format::Json] {
        assert_eq!(load(&to_string(&d, f), Some(f)).as_ref(), Ok(&d), "{f:?}");
    }
    // A file of before the per-side flags: forwarded_traffic means both sides.
    let old = "(version: 1, vnets: [(name: \"x\", address_space: [\"10.0.0.0/16\"]), (name: \"y\", address_space: [\"10.1.0.0/16\"])], \
               links: [(kind: peering, a: \"x\", b: \"y\", forwarded_traffic: true)])";
    let loaded = load(old, Some(Format::Ron)).expect("old file");
    let l = loaded.links().values().next().expect("link");
    assert!(l.a_allow_forwarded && l.b_allow_forwarded);
    let bad = old.replace("forwarded_traffic: true", "allow_forwarded_traffic: [\"z\"]");
    let e = load(&bad, Some(Format::Ron)).expect_err("not an end");
    assert!(e.to_string().contains("allow_forwarded_traffic names `z`"), "{e}");
}

#[test]
fn pinned_nodes_round_trip_and_an_unpinned_design_writes_no_pinned_field() {
    let d = design(SCRIPT);
    assert!(!to_ron(&d).contains("pinned") && !to_json(&d).contains("pinned"));
    let mut pinned = d.clone();
    crate::run_script(&mut pinned, "pin hub\npin office\npin remote").expect("pins");
    let (ron, json) = (to_ron(&pinned), to_json(&pinned));
    assert_eq!(ron.matches("pinned: true").count(), 3, "{ron}");
    assert_eq!(json.matches("\"pinned\": true").count(), 3, "{json}");
    assert_eq!(load(&ron, None).expect("ron"), pinned);
    assert_eq!(load(&json, None).expect("json"), pinned);
    assert_eq!(pinned.pinned_names(), ["hub", "office", "remote"]);
}

#[test]
fn an_origin_round_trips_and_a_bad_date_is_refused() {
    let mut d = design(SCRIPT);
    assert!(!to_ron(&d).contains("origin"), "a drawn design writes no origin");
    d.origin = Some(crate::design::Origin {
        date: Some("2026-11-25".into()),
        ..crate::design::Origin::imported(vec!["estate.json".into(), "gateways.json".into()])
    });
    assert!(d.is_imported());
    let (ron, json) = (to_ron(&d), to_json(&d));
    assert!(
        ron.contains("kind: imported") && ron.contains("\"2026-11-25\""),
        "{ron}"
    );
    assert_eq!(load(&ron, None).expect("ron"), d);
    assert_eq!(load(&json, None).expect("json"), d);
    let bad = ron.replace("2026-11-25", "25/11/2026");
    let err = load(&bad, None).expect_err("bad date");
    assert!(err.to_string().contains("25/11/2026"), "{err}");
}
