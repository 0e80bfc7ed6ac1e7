//! ARM: the template parses as JSON, has the deployment template's structure, one API version,
//! `dependsOn` entries that name resources of the template, parameters for secrets and location.

use std::collections::HashSet;

use serde_json::Value;
use vnetsketch_exchange::Format;

use crate::support::{designs, exported, script};

/// `[resourceId('Microsoft.Network/T', 'a', 'b')]` → `microsoft.network/t|a|b`.
fn resource_id_key(expr: &str) -> String {
    let inner = expr
        .strip_prefix("[resourceId(")
        .and_then(|s| s.strip_suffix(")]"))
        .unwrap_or_else(|| panic!("not a resourceId expression: {expr}"));
    let parts: Vec<String> = inner.split(", ").map(|p| p.trim_matches('\'').to_lowercase()).collect();
    parts.join("|")
}

fn key_of(resource: &Value) -> String {
    let ty = resource["type"].as_str().expect("test data").to_lowercase();
    let name = resource["name"].as_str().expect("test data").to_lowercase();
    format!("{ty}|{}", name.replace('/', "|"))
}

#[test]
fn templates_parse_and_every_reference_resolves() {
    for (name, design) in designs() {
        let text = exported(&design, Format::Arm);
        let t: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        assert_eq!(
            t["$schema"],
            "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
        );
        assert_eq!(t["contentVersion"], "1.0.0.0");
        let params = t["parameters"].as_object().unwrap();
        assert_eq!(params["location"]["defaultValue"], "[resourceGroup().location]");
        let resources = t["resources"].as_array().unwrap();
        let keys: HashSet<String> = resources.iter().map(key_of).collect();
        assert_eq!(
            keys.len(),
            resources.len(),
            "{name}: two resources share a type and name"
        );
        for r in resources {
            let ty = r["type"].as_str().unwrap();
            assert!(ty.starts_with("Microsoft.Network/"), "{name}: {ty}");
            assert_eq!(r["apiVersion"], "2024-05-01", "{name}: one pinned API version");
            let segments = ty.split('/').count() - 1;
            assert_eq!(
                r["name"].as_str().unwrap().split('/').count(),
                segments,
                "{name}: {}",
                r["name"]
            );
            for d in r["dependsOn"].as_array().map_or(&[][..], Vec::as_slice) {
                let k = resource_id_key(d.as_str().unwrap());
                assert!(
                    keys.contains(&k),
                    "{name}: {} depends on {k}, which the template lacks",
                    r["name"]
                );
            }
            // Every parameter a resource uses is declared; secrets are secure strings.
            let body = r.to_string();
            for p in body.split("[parameters('").skip(1) {
                let param = p.split('\'').next().unwrap();
                assert!(params.contains_key(param), "{name}: parameter {param} is not declared");
            }
            if let Some(key) = r["properties"].get("sharedKey") {
                let param = key
                    .as_str()
                    .unwrap()
                    .trim_start_matches("[parameters('")
                    .trim_end_matches("')]");
                assert_eq!(
                    params[param]["type"], "securestring",
                    "{name}: shared keys are secure strings"
                );
            }
            if ty.ends_with("/connections") {
                assert!(
                    r["properties"].get("sharedKey").is_some() || r["properties"]["connectionType"] == "ExpressRoute"
                );
            }
        }
    }
}

#[test]
fn resources_match_the_design() {
    let design = script(
        "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
         gateway hub vpn VpnGw2AZ active-active asn=65010\nvnet spoke 10.1.0.0/16\n\
         site office 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub office bgp\n\
         link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke\n",
    );
    let t: Value = serde_json::from_str(&exported(&design, Format::Arm)).unwrap();
    let find = |ty: &str, name: &str| {
        t["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["type"] == ty && r["name"] == name)
            .unwrap_or_else(|| panic!("no {ty} {name}"))
            .clone()
    };
    let gw = find("Microsoft.Network/virtualNetworkGateways", "hub-vpngw");
    assert_eq!(gw["properties"]["activeActive"], true);
    assert_eq!(gw["properties"]["ipConfigurations"].as_array().unwrap().len(), 2);
    assert_eq!(gw["properties"]["bgpSettings"]["asn"], 65010);
    let pip2 = find("Microsoft.Network/publicIPAddresses", "hub-vpngw-pip2");
    assert_eq!(pip2["sku"]["name"], "Standard");
    let to_spoke = find(
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        "hub/hub-to-spoke",
    );
    assert_eq!(to_spoke["properties"]["allowGatewayTransit"], true);
    assert_eq!(to_spoke["properties"]["useRemoteGateways"], false);
    let back = find(
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        "spoke/spoke-to-hub",
    );
    assert_eq!(back["properties"]["useRemoteGateways"], true);
    assert!(
        back["dependsOn"].to_string().contains("hub-vpngw"),
        "using the hub's gateway waits for it"
    );
    let conn = find("Microsoft.Network/connections", "hub-to-office");
    assert_eq!(conn["properties"]["connectionType"], "IPsec");
    assert_eq!(conn["properties"]["enableBgp"], true);
    assert_eq!(
        conn["properties"]["localNetworkGateway2"]["id"],
        "[resourceId('Microsoft.Network/localNetworkGateways', 'office')]"
    );
    let spoke = find("Microsoft.Network/virtualNetworks", "spoke");
    assert_eq!(
        spoke["location"], "[parameters('location')]",
        "no region: the location parameter"
    );
}
