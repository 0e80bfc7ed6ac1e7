//! Tests of the ExpressRoute rules: each fires on a design that breaks it and stays silent on one that does not.

use crate::validate::Severity;
use crate::validate::test_support::{fires, silent};
use std::fmt::Write;

const HUB: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/26\n";

#[test]
fn coexist_routebased_fires_on_basic_or_policy_based_beside_er() {
    let f = fires(
        "coexist-routebased",
        &format!("{HUB}gateway hub vpn Basic policy-based\ngateway hub er ErGw1AZ"),
        "hub",
    );
    assert!(
        f.message.contains("PolicyBased") && f.message.contains("Basic VPN SKU"),
        "{}",
        f.message
    );
    fires(
        "coexist-routebased",
        &format!("catalog 2017\n{HUB}gateway hub vpn VpnGw1\ngateway hub er Basic"),
        "hub",
    );
    silent(
        "coexist-routebased",
        &format!("{HUB}gateway hub vpn VpnGw1AZ\ngateway hub er ErGw1AZ"),
    );
}

#[test]
fn coexist_transit_stays_silent_when_s2s_backs_up_expressroute_to_the_same_site() {
    silent(
        "coexist-transit",
        &format!(
            "{HUB}gateway hub vpn VpnGw1AZ asn=65010\ngateway hub er ErGw1AZ\nsite dc 172.16.0.0/16 ip=203.0.113.1 circuit=1000\nlink s2s hub dc\nlink er hub dc"
        ),
    );
}

#[test]
fn coexist_transit_is_graded_by_era_and_asn() {
    let script = format!(
        "{HUB}gateway hub vpn VpnGw1AZ asn=65010\ngateway hub er ErGw1AZ\nsite a 192.168.0.0/24 ip=203.0.113.1\nsite dc 172.16.0.0/16 circuit=1000\nlink s2s hub a\nlink er hub dc"
    );
    assert_eq!(fires("coexist-transit", &script, "dc").severity, Severity::Warning);
    assert_eq!(
        fires("coexist-transit", &script.replace("asn=65010", "asn=65515"), "a").severity,
        Severity::Info
    );
    let y2017 = format!(
        "catalog 2017\n{}",
        script.replace("VpnGw1AZ", "VpnGw1").replace("ErGw1AZ", "Standard")
    );
    assert_eq!(fires("coexist-transit", &y2017, "hub").severity, Severity::Warning);
    silent("coexist-transit", &script.replace("link s2s hub a", ""));
}

#[test]
fn er_circuit_bw_checks_offered_sizes_and_direct_by_era() {
    let f = fires("er-circuit-bw", "site dc 172.16.0.0/16 circuit=300", "dc");
    assert_eq!(f.hint, "set dc circuit=500");
    fires(
        "er-circuit-bw",
        "catalog 2017\nsite dc 172.16.0.0/16 circuit=10000\nset dc direct=true",
        "dc",
    );
    silent(
        "er-circuit-bw",
        "site dc 172.16.0.0/16 circuit=40000\nset dc direct=true\nsite b 10.9.0.0/16 circuit=50",
    );
}

#[test]
fn er_gw_circuits_counts_circuits_and_locations() {
    let mut script = format!("{HUB}gateway hub er ErGw1AZ\n");
    for i in 0..5 {
        let _ = writeln!(
            script,
            "site dc{i} 172.16.{i}.0/24 circuit=1000 location=Amsterdam\nlink er hub dc{i}"
        );
    }
    let f = fires("er-gw-circuits", &script, "hub");
    assert_eq!(f.hint, "set hub er-sku=ErGw2AZ");
    fires("er-gw-circuits", &script.replace("ErGw1AZ", "ErGw2AZ"), "dc4");
    silent(
        "er-gw-circuits",
        &script.replace("ErGw1AZ", "ErGw2AZ").replace(
            "dc4 172.16.4.0/24 circuit=1000 location=Amsterdam",
            "dc4 172.16.4.0/24 circuit=1000 location=London",
        ),
    );
    // 2017: four circuits at most, each from its own peering location.
    let y2017 = |sites: usize, same: bool| {
        let mut s = format!("catalog 2017\n{HUB}gateway hub er Standard\n");
        for i in 0..sites {
            let loc = if same { "Amsterdam".to_owned() } else { format!("L{i}") };
            let _ = writeln!(
                s,
                "site dc{i} 172.16.{i}.0/24 circuit=1000 location={loc}\nlink er hub dc{i}"
            );
        }
        s
    };
    assert!(
        fires("er-gw-circuits", &y2017(5, false), "hub")
            .message
            .contains("takes 4")
    );
    assert!(
        fires("er-gw-circuits", &y2017(2, true), "dc1")
            .message
            .contains("at most 1 may")
    );
    silent("er-gw-circuits", &y2017(4, false));
}

#[test]
fn er_vnet_links_uses_standard_and_premium_limits() {
    let mut script = String::from("site dc 172.16.0.0/16 circuit=50\n");
    for i in 0..11 {
        let _ = writeln!(
            script,
            "vnet v{i} 10.{i}.0.0/16\nsubnet v{i} GatewaySubnet 10.{i}.255.0/27\ngateway v{i} er ErGw1AZ\nlink er v{i} dc"
        );
    }
    assert_eq!(fires("er-vnet-links", &script, "dc").hint, "set dc premium=true");
    silent("er-vnet-links", &format!("{script}set dc premium=true"));
    silent("er-vnet-links", &script.replace("link er v10 dc\n", ""));
}

#[test]
fn er_fastpath_needs_ultra_performance() {
    let f = fires("er-fastpath", &format!("{HUB}gateway hub er ErGw2AZ fastpath"), "hub");
    assert_eq!(f.hint, "set hub er-sku=ErGw3AZ, or set hub fastpath=false");
    fires(
        "er-fastpath",
        &format!("catalog 2017\n{HUB}gateway hub er UltraPerformance fastpath"),
        "hub",
    );
    silent("er-fastpath", &format!("{HUB}gateway hub er ErGw3AZ fastpath"));
}

#[test]
fn er_gw_bottleneck_warns_when_the_gateway_is_slower_than_the_circuit() {
    let script = format!("{HUB}gateway hub er ErGw1AZ\nsite dc 172.16.0.0/16 circuit=2000\nlink er hub dc");
    let f = fires("er-gw-bottleneck", &script, "dc");
    assert_eq!(f.hint, "set hub er-sku=ErGw2AZ");
    assert_eq!(
        fires("er-gw-bottleneck", &script.replace("ErGw1AZ", "ErGwScale"), "hub").hint,
        "set hub units=2"
    );
    silent("er-gw-bottleneck", &script.replace("ErGw1AZ", "ErGw2AZ"));
    silent(
        "er-gw-bottleneck",
        &script.replace("ErGw1AZ", "ErGw3AZ fastpath").replace("2000", "10000"),
    );
    silent("er-gw-bottleneck", &script.replace("ErGw1AZ", "ErGwScale units=2"));
}

#[test]
fn er_gw_units_stays_within_40() {
    fires("er-gw-units", &format!("{HUB}gateway hub er ErGwScale units=41"), "hub");
    silent("er-gw-units", &format!("{HUB}gateway hub er ErGwScale units=40"));
}
