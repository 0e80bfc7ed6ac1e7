//! Tests of the BGP rules: each fires on a design that breaks it and stays silent on one that does not.

use crate::validate::Severity;
use crate::validate::test_support::{fires, silent};

const HUB: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n";
const SITE: &str = "site s 192.168.0.0/24 ip=203.0.113.1 asn=65020\n";

#[test]
fn bgp_sku_fires_on_bgp_with_basic() {
    let f = fires(
        "bgp-sku",
        &format!("{HUB}gateway hub vpn Basic\n{SITE}link s2s hub s bgp"),
        "hub",
    );
    assert_eq!(f.links.len(), 1);
    fires("bgp-sku", &format!("{HUB}gateway hub vpn Basic asn=65010"), "hub");
    silent("bgp-sku", &format!("{HUB}gateway hub vpn Basic\n{SITE}link s2s hub s"));
    silent(
        "bgp-sku",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=65010\n{SITE}link s2s hub s bgp"),
    );
}

#[test]
fn bgp_enabled_needs_asns_on_both_ends() {
    let f = fires(
        "bgp-enabled",
        &format!("{HUB}gateway hub vpn VpnGw1AZ\n{SITE}link s2s hub s bgp"),
        "hub",
    );
    assert_eq!(f.hint, "set hub asn=65515");
    let f = fires(
        "bgp-enabled",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=65010\nsite s 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub s bgp"),
        "s",
    );
    assert_eq!(f.hint, "set s asn=65020");
    silent(
        "bgp-enabled",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=65010\n{SITE}link s2s hub s bgp"),
    );
}

#[test]
fn bgp_asn_azure_reserved_fires_on_65515_at_a_site() {
    fires("bgp-asn-azure-reserved", "site s 192.168.0.0/24 asn=65515", "s");
    fires("bgp-asn-azure-reserved", "site s 192.168.0.0/24 asn=12076", "s");
    silent(
        "bgp-asn-azure-reserved",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=65515\nsite s 192.168.0.0/24 asn=65516"),
    );
}

#[test]
fn bgp_asn_iana_reserved_fires_on_sites_and_gateways() {
    fires("bgp-asn-iana-reserved", "site s 192.168.0.0/24 asn=23456", "s");
    fires(
        "bgp-asn-iana-reserved",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=64500"),
        "hub",
    );
    fires("bgp-asn-iana-reserved", "site s 192.168.0.0/24 asn=4294967295", "s");
    silent("bgp-asn-iana-reserved", "site s 192.168.0.0/24 asn=64512");
}

#[test]
fn bgp_asn_distinct_fires_on_equal_asns_across_a_bgp_connection() {
    let script = format!("{HUB}gateway hub vpn VpnGw1AZ asn=65020\n{SITE}link s2s hub s bgp");
    fires("bgp-asn-distinct", &script, "s");
    silent(
        "bgp-asn-distinct",
        &script.replace("VpnGw1AZ asn=65020", "VpnGw1AZ asn=65010"),
    );
    let v2v = format!(
        "{HUB}gateway hub vpn VpnGw1AZ asn=65010\nvnet b 10.1.0.0/16\ngateway b vpn VpnGw1AZ asn=65010\nlink v2v hub b bgp"
    );
    // b takes the first gateway ASN its partner does not have: Azure's default.
    assert_eq!(fires("bgp-asn-distinct", &v2v, "b").fix, ["set b asn=65515"]);
    silent("bgp-asn-distinct", &v2v.replace(" bgp", ""));
}

#[test]
fn bgp_asn_32bit_is_an_error_in_2017_and_info_now() {
    let f = fires("bgp-asn-32bit", "site s 192.168.0.0/24 asn=4200000000", "s");
    assert_eq!(f.severity, Severity::Info);
    let f = fires(
        "bgp-asn-32bit",
        "catalog 2017\nsite s 192.168.0.0/24 asn=4200000000",
        "s",
    );
    assert_eq!(f.severity, Severity::Error);
    silent("bgp-asn-32bit", "catalog 2017\nsite s 192.168.0.0/24 asn=65020");
}

#[test]
fn bgp_peer_ip_fires_on_the_device_ip_the_vnet_space_and_bad_apipa() {
    let base = format!("{HUB}gateway hub vpn VpnGw1AZ asn=65010\n{SITE}link s2s hub s bgp\n");
    fires("bgp-peer-ip", &format!("{base}set s bgp-ip=203.0.113.1"), "s");
    let f = fires("bgp-peer-ip", &format!("{base}set s bgp-ip=10.0.3.4"), "hub");
    assert!(f.message.contains("inside VNet hub"), "{}", f.message);
    fires("bgp-peer-ip", &format!("{base}set hub apipa=169.254.30.1"), "hub");
    fires(
        "bgp-peer-ip",
        &format!(
            "catalog 2017\n{}set hub apipa=169.254.21.1",
            base.replace("VpnGw1AZ", "VpnGw1")
        ),
        "hub",
    );
    silent(
        "bgp-peer-ip",
        &format!("{base}set s bgp-ip=192.168.0.1\nset hub apipa=169.254.21.1"),
    );
}

#[test]
fn bgp_prefix_cap_warns_above_4000_advertised_prefixes() {
    let base = format!("{HUB}gateway hub vpn VpnGw1AZ asn=65010\n{SITE}link s2s hub s bgp\n");
    let f = fires("bgp-prefix-cap", &format!("{base}set s advertised=4001"), "s");
    assert!(f.message.contains("4001"), "{}", f.message);
    silent("bgp-prefix-cap", &format!("{base}set s advertised=4000"));
    silent(
        "bgp-prefix-cap",
        &format!(
            "catalog 2017\n{}set s advertised=4001",
            base.replace("VpnGw1AZ", "VpnGw1")
        ),
    );
}

#[test]
fn bgp_asn_gateway_reserved_fires_on_azure_asns_other_than_the_default() {
    let f = fires(
        "bgp-asn-gateway-reserved",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=65518"),
        "hub",
    );
    assert_eq!(f.hint, "set hub asn=65515");
    fires(
        "bgp-asn-gateway-reserved",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=12076"),
        "hub",
    );
    silent(
        "bgp-asn-gateway-reserved",
        &format!("{HUB}gateway hub vpn VpnGw1AZ asn=65515"),
    );
    silent("bgp-asn-gateway-reserved", "site s 192.168.0.0/24 asn=65020");
}
