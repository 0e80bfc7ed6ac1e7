//! Tests of the peering rules: each fires on a design that breaks it and stays silent on one that does not.

use crate::validate::Severity;
use crate::validate::test_support::{findings, fires, silent};
use std::fmt::Write;

const HUB: &str =
    "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ\nvnet spoke 10.1.0.0/16\n";

#[test]
fn peer_nontransitive_reads_peerings_of_busy_vnets_right() {
    // s00 and s01 peer with every spoke and with each other: more links than a scan takes, so
    // the pair is looked up in the set of every peering. The first unpeered pair is s02, s03.
    let mut script = String::from("vnet hub 10.0.0.0/16\n");
    for i in 0..70 {
        let _ = writeln!(script, "vnet s{i:02} 10.{}.0.0/16\nlink peering hub s{i:02}", i + 1);
    }
    for busy in ["s00", "s01"] {
        for i in 2..70 {
            let _ = writeln!(script, "link peering {busy} s{i:02}");
        }
    }
    script.push_str("link peering s00 s01\n");
    let found = findings("peer-nontransitive", &script);
    let at_hub: Vec<_> = found.iter().filter(|f| f.nodes.iter().any(|n| n == "hub")).collect();
    assert_eq!(at_hub.len(), 1, "{found:?}");
    assert_eq!(at_hub[0].nodes[..2], ["s02".to_owned(), "s03".to_owned()], "{found:?}");
}

#[test]
fn peer_nontransitive_warns_once_per_hub_unless_peered_or_forwarding() {
    let script = "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\nvnet c 10.3.0.0/16\nlink peering hub a\nlink peering hub b\nlink peering c hub";
    let found = findings("peer-nontransitive", script);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].nodes, vec!["a", "b", "hub"]);
    silent(
        "peer-nontransitive",
        &format!("{script}\nlink peering a b\nlink peering b c\nlink peering a c"),
    );
    silent(
        "peer-nontransitive",
        "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\nlink peering hub a forwarded-traffic\nlink peering hub b forwarded-traffic",
    );
    // Per side: what counts is each spoke letting traffic the hub forwards in, not the hub's side.
    let spokes = "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nvnet b 10.2.0.0/16\nlink peering hub a\nlink peering b hub";
    silent(
        "peer-nontransitive",
        &format!("{spokes}\nset-link peering hub a forwarded-traffic@a\nset-link peering hub b forwarded-traffic@b"),
    );
    fires(
        "peer-nontransitive",
        &format!(
            "{spokes}\nset-link peering hub a forwarded-traffic@hub\nset-link peering hub b forwarded-traffic@hub"
        ),
        "hub",
    );
    silent(
        "peer-nontransitive",
        "vnet hub 10.0.0.0/16\nvnet a 10.1.0.0/16\nlink peering hub a",
    );
}

#[test]
fn peer_remote_gw_needs_a_remote_gateway_and_transit() {
    let f = fires(
        "peer-remote-gw",
        &format!("{HUB}link peering hub spoke use-remote-gateways=spoke"),
        "spoke",
    );
    assert!(f.message.contains("does not allow gateway transit"), "{}", f.message);
    let f = fires(
        "peer-remote-gw",
        "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nlink peering spoke hub use-remote-gateways=spoke allow-gateway-transit=hub",
        "hub",
    );
    assert!(f.message.contains("hub has no gateway"), "{}", f.message);
    silent(
        "peer-remote-gw",
        &format!("{HUB}link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"),
    );
}

#[test]
fn peer_remote_gw_own_fires_when_the_user_has_a_gateway() {
    let script = format!(
        "{HUB}subnet spoke GatewaySubnet 10.1.255.0/27\ngateway spoke er ErGw1AZ\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"
    );
    fires("peer-remote-gw-own", &script, "spoke");
    silent("peer-remote-gw-own", &script.replace("gateway spoke er ErGw1AZ\n", ""));
}

#[test]
fn peer_remote_gw_one_fires_on_two_remote_gateway_peerings() {
    let script = format!(
        "{HUB}vnet hub2 10.2.0.0/16\ngateway hub2 vpn VpnGw1AZ\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke\nlink peering hub2 spoke allow-gateway-transit=hub2 use-remote-gateways=spoke"
    );
    let f = fires("peer-remote-gw-one", &script, "spoke");
    assert_eq!(f.links.len(), 2);
    silent(
        "peer-remote-gw-one",
        &script.replace(" use-remote-gateways=spoke\n", "\n"),
    );
}

#[test]
fn peer_transit_basic_fires_on_transit_from_a_basic_gateway() {
    let script = format!("{HUB}link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke");
    fires("peer-transit-basic", &script.replace("VpnGw1AZ", "Basic"), "hub");
    silent("peer-transit-basic", &script);
}

#[test]
fn peer_global_is_graded_by_era() {
    let script = format!(
        "{HUB}set hub region=westeurope\nset spoke region=eastus\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"
    );
    silent("peer-global", &script);
    let f = fires(
        "peer-global",
        &format!("catalog 2017\n{}", script.replace("VpnGw1AZ", "VpnGw1")),
        "spoke",
    );
    assert_eq!(f.severity, Severity::Error);
    let plain =
        "catalog 2017\nvnet a 10.0.0.0/16 region=westeurope\nvnet b 10.1.0.0/16 region=eastus\nlink peering a b";
    assert_eq!(fires("peer-global", plain, "a").severity, Severity::Info);
    silent("peer-global", &plain.replace("eastus", "westeurope"));
}

#[test]
fn peer_classic_refuses_classic_pairs_and_classic_hubs() {
    fires(
        "peer-classic",
        "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nset a classic=true\nset b classic=true\nlink peering a b",
        "b",
    );
    fires(
        "peer-classic",
        &format!("{HUB}set hub classic=true\nlink peering hub spoke allow-gateway-transit=hub"),
        "hub",
    );
    silent(
        "peer-classic",
        "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nset b classic=true\nlink peering a b",
    );
}

#[test]
fn peer_both_sides_warns_on_a_one_sided_peering_to_a_resource_manager_vnet() {
    let f = fires(
        "peer-both-sides",
        "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nlink peering a b one-sided",
        "b",
    );
    assert!(f.message.contains("Initiated"), "{}", f.message);
    silent(
        "peer-both-sides",
        "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nset b classic=true\nlink peering a b one-sided",
    );
    silent(
        "peer-both-sides",
        "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nlink peering a b",
    );
}

#[test]
fn peer_count_uses_the_era_limit() {
    let mut script = String::from("vnet hub 10.0.0.0/16\n");
    for i in 0..51 {
        let _ = writeln!(script, "vnet s{i} 10.{}.0.0/16\nlink peering hub s{i}", i + 1);
    }
    silent("peer-count", &script);
    let f = fires("peer-count", &format!("catalog 2017\n{script}"), "hub");
    assert!(
        f.message.contains("51 peerings") && f.message.contains("limit is 50"),
        "{}",
        f.message
    );
}
