//! Paths on the shipped examples and on the transit rules one by one; applying a blocker's fix lines
//! opens the path.

use super::*;
use crate::throughput::estimate;
use crate::validate::test_support::design;

fn report(d: &Design, from: &str, to: &str) -> PathReport {
    let e = estimate(d);
    path(d, &e, from, to).unwrap_or_else(|| panic!("no node {from} or {to}"))
}

fn kinds(p: &PathReport) -> Vec<(&str, &str, &str)> {
    p.hops
        .iter()
        .map(|h| (h.kind.as_str(), h.a.as_str(), h.b.as_str()))
        .collect()
}

/// Applies every fix line of the report to the design and says whether the pair is then reachable.
fn fixed(d: &Design, p: &PathReport) -> bool {
    let mut d = d.clone();
    for line in p.blockers.iter().flat_map(|b| &b.fix) {
        if let Err(e) = crate::apply_line(&mut d, line) {
            panic!("fix line `{line}` fails: {e}");
        }
    }
    report(&d, &p.from, &p.to).reachable
}

const HUB_SPOKE: &str = include_str!("../../../../assets/examples/hub-spoke.vns");
const BROKEN: &str = include_str!("../../../../assets/examples/broken.vns");

#[test]
fn hub_spoke_spoke_app_reaches_head_office_through_the_hub_gateway() {
    let d = design(HUB_SPOKE);
    let p = report(&d, "spoke-app", "head-office");
    assert!(p.reachable, "{p:?}");
    assert_eq!(
        kinds(&p),
        vec![("transit", "spoke-app", "hub"), ("s2s", "hub", "head-office")]
    );
    assert_eq!(p.mbps, Some(500.0), "the office uplink is the smallest hop");
    assert!(
        p.bottleneck
            .as_deref()
            .is_some_and(|b| b.contains("head-office uplink 500 Mbps")),
        "{p:?}"
    );
    // The spokes reach each other only through an NVA: an assumption the path says it makes.
    let p = report(&d, "spoke-app", "spoke-data");
    assert!(
        p.reachable && p.notes.iter().any(|n| n.source.contains("assumed")),
        "{p:?}"
    );
    assert_eq!(p.mbps, None);
}

#[test]
fn broken_names_what_stops_each_unreachable_pair() {
    let d = design(BROKEN);
    let e = estimate(&d);
    let mut paths = Paths::new(&d, &e);
    let mut why: Vec<(String, String, Vec<&'static str>)> = Vec::new();
    for from in paths.names().to_vec() {
        paths.for_each_from(
            from,
            |n| n > from,
            |v| {
                if !v.reachable() {
                    let sources = v.blockers().iter().map(|b| b.source).collect();
                    why.push((v.from().to_owned(), v.to().to_owned(), sources));
                }
            },
        );
    }
    // Each blocked move names every block on it: the link's own, then the crossing's.
    let expect: &[(&str, &str, &[&str])] = &[
        ("branch", "office", &["S17"]),
        ("branch", "other", &["S18", "S17"]),
        ("branch", "remote", &["S14, S16", "S33"]),
        ("branch", "spoke", &["S22", "S22"]),
        ("hub", "other", &["S18"]),
        ("hub", "remote", &["S14, S16"]),
        ("office", "other", &["S18", "S17"]),
        ("office", "remote", &["S14, S16", "S33"]),
        ("office", "spoke", &["S22", "S22"]),
        ("other", "remote", &["S18", "S14, S16", "S33"]),
        ("remote", "spoke", &["S14, S16", "S22", "S22"]),
    ];
    let got: Vec<(&str, &str, &[&str])> = why
        .iter()
        .map(|(a, b, s)| (a.as_str(), b.as_str(), s.as_slice()))
        .collect();
    assert_eq!(got, expect);
    // Static S2S branch-to-branch: the fix turns BGP on end to end, and then the sites reach each other.
    let p = report(&d, "branch", "office");
    assert!(p.why().is_some_and(|w| w.contains("needs BGP on both")), "{p:?}");
    assert!(
        p.blockers[0].fix.contains(&"set-link s2s hub branch bgp".to_owned()),
        "{p:?}"
    );
}

#[test]
fn peering_is_not_transitive_unless_an_nva_forwards() {
    let base = "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\n";
    let d = design(&format!("{base}link peering hub a\nlink peering hub b"));
    let p = report(&d, "a", "b");
    assert!(!p.reachable);
    assert_eq!(
        (p.blockers[0].source, p.blockers[0].fix.clone()),
        ("S20, S21", vec!["link peering a b".to_owned()])
    );
    assert!(fixed(&d, &p));
    let d = design(&format!(
        "{base}link peering hub a forwarded-traffic\nlink peering hub b forwarded-traffic"
    ));
    assert!(report(&d, "a", "b").reachable);
}

const TRANSIT: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ asn=65010\n\
    vnet spoke 10.1.0.0/16\nsite office 192.168.0.0/24 ip=203.0.113.1 asn=65020\nlink s2s hub office bgp\n";

#[test]
fn a_spoke_needs_both_transit_flags_and_the_fix_sets_them() {
    let d = design(&format!("{TRANSIT}link peering hub spoke allow-gateway-transit=hub"));
    let p = report(&d, "spoke", "office");
    assert!(!p.reachable);
    assert!(
        p.blockers[0].reason.contains("spoke does not use remote gateways"),
        "{p:?}"
    );
    assert_eq!(p.blockers[0].source, "S22");
    assert!(fixed(&d, &p));
    let d = design(&format!(
        "{TRANSIT}link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"
    ));
    assert_eq!(
        kinds(&report(&d, "office", "spoke")),
        vec![("s2s", "office", "hub"), ("transit", "hub", "spoke")]
    );
}

#[test]
fn p2s_clients_reach_s2s_sites_only_over_bgp() {
    let script = format!("{TRANSIT}users u 172.16.0.0/24 clients=10\nlink p2s hub u");
    assert!(report(&design(&script), "u", "office").reachable);
    let d = design(&script.replace("link s2s hub office bgp", "link s2s hub office"));
    let p = report(&d, "u", "office");
    assert_eq!((p.reachable, p.blockers[0].source), (false, "S33"));
    assert!(fixed(&d, &p));
}

#[test]
fn a_spoke_crosses_vnet_to_vnet_only_over_bgp() {
    let script = format!(
        "{TRANSIT}link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke\n\
         vnet far 10.9.0.0/16\nsubnet far GatewaySubnet 10.9.255.0/27\ngateway far vpn VpnGw1AZ asn=65011\nlink v2v hub far"
    );
    let d = design(&script);
    assert!(
        report(&d, "hub", "far").reachable,
        "the two gateways' own VNets need no BGP"
    );
    let p = report(&d, "spoke", "far");
    assert_eq!((p.reachable, p.blockers[0].source), (false, "S17"));
    assert!(fixed(&d, &p));
}

#[test]
fn expressroute_and_vpn_do_not_transit_without_route_server_and_circuits_share_a_domain() {
    let script = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ asn=65010\n\
        gateway hub er ErGw1AZ\nsite branch 192.168.0.0/24 ip=203.0.113.1 asn=65020\nlink s2s hub branch bgp\n\
        site dc 172.16.0.0/16 circuit=1000 location=Amsterdam\nlink er hub dc\n\
        vnet b 10.1.0.0/16 region=westeurope\nsubnet b GatewaySubnet 10.1.255.0/27\ngateway b er ErGw1AZ\nlink er b dc";
    let d = design(script);
    let p = report(&d, "branch", "dc");
    assert_eq!((p.reachable, p.blockers[0].source), (false, "S25"));
    assert!(p.blockers[0].reason.contains("Route Server"), "{p:?}");
    let p = report(&d, "hub", "b");
    assert!(p.reachable && p.notes.iter().any(|n| n.source == "S32"), "{p:?}");
    assert_eq!(kinds(&p), vec![("er", "hub", "dc"), ("er", "dc", "b")]);
    // A Standard circuit in Amsterdam does not reach a VNet in East US: Premium does.
    let d = design(&format!("{script}\nset b region=eastus"));
    let p = report(&d, "b", "dc");
    assert_eq!((p.reachable, p.blockers[0].source), (false, "S32"));
    assert!(fixed(&d, &p));
}

#[test]
fn vnet_to_vnet_between_clouds_carries_nothing_and_lonely_nodes_say_so() {
    let d = design(
        "vnet a 10.0.0.0/16 region=westeurope\nsubnet a GatewaySubnet 10.0.255.0/27\ngateway a vpn VpnGw1AZ\n\
         vnet b 10.1.0.0/16 region=chinanorth\nsubnet b GatewaySubnet 10.1.255.0/27\ngateway b vpn VpnGw1AZ\nlink v2v a b\n\
         vnet c 10.2.0.0/16",
    );
    let p = report(&d, "a", "b");
    assert_eq!((p.reachable, p.blockers[0].source), (false, "S18"));
    let p = report(&d, "a", "c");
    assert!(
        p.hops.is_empty() && p.why().is_some_and(|w| w.contains("no chain of links")),
        "{p:?}"
    );
    assert!(fixed(&d, &p));
}

#[test]
fn a_peering_between_clouds_carries_nothing_and_one_within_a_cloud_does() {
    let d = design(
        "vnet hub 10.0.0.0/16 region=chinanorth\nvnet spoke 10.1.0.0/16 region=westeurope\nlink peering hub spoke\n\
         vnet far 10.2.0.0/16 region=eastus\nlink peering spoke far",
    );
    let p = report(&d, "hub", "spoke");
    assert_eq!((p.reachable, p.blockers[0].source), (false, "S21"), "{p:?}");
    assert!(
        p.blockers[0].reason.contains("Azure China")
            && p.blockers[0].reason.contains("a peering joins VNets of one cloud"),
        "{p:?}"
    );
    // Global peering inside the public cloud carries traffic.
    assert!(report(&d, "spoke", "far").reachable);
}

#[test]
fn reach_marks_what_a_node_reaches() {
    let d = design(&format!("{TRANSIT}link peering hub spoke\nvnet lone 10.5.0.0/16"));
    let e = estimate(&d);
    let r = reach_from(&d, &e, "office").expect("office exists");
    assert!(r.reaches("hub") && r.reaches("office"));
    assert!(!r.reaches("spoke") && !r.reaches("lone") && !r.reaches("nobody"));
    assert_eq!(r.unreachable().collect::<Vec<_>>(), vec!["lone", "spoke"]);
    assert!(reach_from(&d, &e, "nobody").is_none());
}

#[test]
fn json_and_text_forms_name_the_pair_and_escape_names() {
    let d = design(&format!("{TRANSIT}link peering hub spoke"));
    let e = estimate(&d);
    let mut paths = Paths::new(&d, &e);
    let (mut text, mut json) = (String::new(), String::new());
    paths.for_each_from(
        "spoke",
        |n| n == "office",
        |v| {
            v.write_text(&mut text);
            v.write_json(&mut json);
        },
    );
    assert!(
        text.starts_with("spoke -> office: unreachable\n") && text.contains("  fix: set-link peering hub spoke"),
        "{text}"
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["reachable"], false);
    assert_eq!(v["hops"][0]["kind"], "transit");
    assert!(v["why"].as_str().is_some_and(|w| w.contains("[S22]")), "{v}");
    let mut s = String::new();
    crate::text::json_str(&mut s, "a\"b\\c\u{1}");
    assert_eq!(s, "\"a\\\"b\\\\c\\u0001\"");
}

#[test]
fn reachability_is_the_same_both_ways() {
    // Every rule judges a crossing by both of its connections, so a path and its reverse stand or fall
    // together: checked on every example and on a generated estate.
    let examples = [
        HUB_SPOKE,
        BROKEN,
        include_str!("../../../../assets/examples/expressroute-coexist.vns"),
        include_str!("../../../../assets/examples/multi-site.vns"),
        include_str!("../../../../assets/examples/p2s-remote-users.vns"),
        include_str!("../../../../assets/examples/v2v-regions.vns"),
    ];
    let mut designs: Vec<Design> = examples.iter().map(|s| design(s)).collect();
    designs.push(crate::generate::generate(120, 3));
    for d in &designs {
        let e = estimate(d);
        let mut paths = Paths::new(d, &e);
        let names = paths.names().to_vec();
        let mut reached = std::collections::HashSet::new();
        for from in &names {
            let r = paths.reach_from(from).expect("node");
            reached.extend(r.reachable().filter(|to| to != from).map(|to| (*from, to)));
        }
        for &(a, b) in &reached {
            assert!(reached.contains(&(b, a)), "{a} reaches {b} but not the other way");
        }
        assert!(!reached.is_empty());
    }
}
