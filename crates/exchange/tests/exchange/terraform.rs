//! Terraform: parsed by `hcl-rs`, every resource type and argument checked against the azurerm
//! provider's own documentation (fixtures read from its docs at v4.79.0 and v5.2.0), laid out as
//! `terraform fmt` lays it out, secrets and the resource group as variables.

use std::collections::{BTreeSet, HashMap, HashSet};

use hcl::Body;
use vnetsketch_exchange::Format;

use crate::support::{designs, exported, fixture, script};

/// Resource type → documented argument paths (`bgp_settings.asn`).
fn documented(version: &str) -> HashMap<String, HashSet<String>> {
    let path = fixture(&format!("azurerm-arguments-{version}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (ty, arg) = line.split_once(' ').expect("test data");
        out.entry(ty.to_owned()).or_default().insert(arg.to_owned());
    }
    assert!(out.len() >= 7, "{}: too few resources", path.display());
    out
}

/// Every argument path used in `body` (attributes and nested blocks), `prefix` first.
fn used(body: &Body, prefix: &str, out: &mut BTreeSet<String>) {
    for a in body.attributes() {
        out.insert(format!("{prefix}{}", a.key()));
    }
    for b in body.blocks() {
        let path = format!("{prefix}{}", b.identifier());
        out.insert(path.clone());
        used(b.body(), &format!("{path}."), out);
    }
}

const META: [&str; 5] = ["depends_on", "count", "for_each", "provider", "lifecycle"];

#[test]
fn every_resource_type_and_argument_is_in_the_providers_documentation() {
    let docs = [documented("v4.79.0"), documented("v5.2.0")];
    let mut types_seen = BTreeSet::new();
    for (name, design) in designs() {
        let text = exported(&design, Format::Terraform);
        let body = hcl::parse(&text).unwrap_or_else(|e| panic!("{name}: hcl-rs cannot parse the export: {e}\n{text}"));
        for block in body.blocks() {
            match block.identifier() {
                "resource" => {
                    let ty = block.labels()[0].as_str();
                    types_seen.insert(ty.to_owned());
                    let mut args = BTreeSet::new();
                    used(block.body(), "", &mut args);
                    for doc in &docs {
                        let known = doc
                            .get(ty)
                            .unwrap_or_else(|| panic!("{name}: resource type {ty} is not in the provider's docs"));
                        for arg in &args {
                            assert!(
                                known.contains(arg) || META.contains(&arg.as_str()),
                                "{name}: {ty}.{arg} is not a documented argument"
                            );
                        }
                    }
                }
                "variable" => {
                    for a in block.body().attributes() {
                        assert!(
                            ["description", "type", "default", "sensitive"].contains(&a.key()),
                            "{name}: variable {}",
                            a.key()
                        );
                    }
                }
                "terraform" | "provider" => {}
                other => panic!("{name}: unexpected top-level block {other}"),
            }
        }
    }
    for ty in [
        "azurerm_virtual_network",
        "azurerm_subnet",
        "azurerm_public_ip",
        "azurerm_virtual_network_gateway",
        "azurerm_local_network_gateway",
        "azurerm_virtual_network_gateway_connection",
        "azurerm_virtual_network_peering",
    ] {
        assert!(types_seen.contains(ty), "no design wrote {ty}");
    }
}

/// Checks the `terraform fmt` layout rules the export follows: two-space indents that follow the
/// braces, `=` aligned over each run of single-line attributes with one space after the widest key,
/// no trailing spaces, one final newline.
fn check_layout(name: &str, text: &str) {
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{name}: end of file");
    let mut depth = 0usize;
    // The run of single-line attributes being read: (column of `=`, spaces between key and `=`).
    let mut run: Vec<(usize, usize)> = Vec::new();
    let close = |run: &mut Vec<(usize, usize)>, at: usize| {
        if let Some((first, _)) = run.first() {
            assert!(
                run.iter().all(|(c, _)| c == first),
                "{name}: `=` not aligned in the run ending at line {at}"
            );
            assert_eq!(
                run.iter().map(|(_, gap)| *gap).min(),
                Some(0),
                "{name}: extra space before `=` at line {at}"
            );
        }
        run.clear();
    };
    for (n, line) in text.lines().enumerate() {
        assert!(!line.ends_with(' '), "{name}:{}: trailing space", n + 1);
        let trimmed = line.trim_start();
        if trimmed.starts_with('}') {
            depth -= 1;
        }
        if !trimmed.is_empty() {
            assert_eq!(
                line.len() - trimmed.len(),
                depth * 2,
                "{name}:{}: indent `{line}`",
                n + 1
            );
        }
        let single_attr = trimmed.contains(" = ") && !trimmed.ends_with('{') && !trimmed.starts_with('#');
        if single_attr {
            let key_end = trimmed.find(' ').expect("test data");
            let eq = trimmed.find(" = ").expect("test data");
            assert!(trimmed[key_end..=eq].chars().all(|c| c == ' '), "{name}:{}: key", n + 1);
            run.push((line.find(" = ").expect("test data"), eq - key_end));
        } else {
            close(&mut run, n + 1);
        }
        if trimmed.ends_with('{') {
            depth += 1;
        }
    }
    assert_eq!(depth, 0, "{name}: unbalanced braces");
}

#[test]
fn the_layout_is_what_terraform_fmt_writes() {
    for (name, design) in designs() {
        check_layout(&name, &exported(&design, Format::Terraform));
    }
}

#[test]
fn resource_group_location_default_and_shared_keys_are_variables() {
    for (name, design) in designs() {
        let text = exported(&design, Format::Terraform);
        let body = hcl::parse(&text).unwrap();
        let mut sensitive = HashSet::new();
        for v in body.blocks().filter(|b| b.identifier() == "variable") {
            let is_sensitive = v
                .body()
                .attributes()
                .any(|a| a.key() == "sensitive" && a.expr().to_string() == "true");
            if is_sensitive {
                sensitive.insert(v.labels()[0].as_str().to_owned());
            }
        }
        for line in text.lines().map(str::trim) {
            if line.starts_with("resource_group_name") {
                assert!(line.ends_with("= var.resource_group_name"), "{name}: {line}");
            }
            if line.starts_with("shared_key") {
                let var = line.rsplit("var.").next().unwrap();
                assert!(
                    line.contains("= var.") && sensitive.contains(var),
                    "{name}: {line} is not a sensitive variable"
                );
            }
            if line.starts_with("express_route_circuit_id") {
                assert!(line.contains("= var."), "{name}: {line}");
            }
        }
    }
}

#[test]
fn every_link_kind_becomes_its_resources() {
    let design = script(
        "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
         gateway hub vpn VpnGw2AZ active-active asn=65010\ngateway hub er ErGwScale units=2 fastpath\n\
         vnet spoke 10.1.0.0/16\nvnet far 10.2.0.0/16 region=eastus\nsubnet far GatewaySubnet 10.2.255.0/27\n\
         gateway far vpn VpnGw1AZ\nsite office 192.168.0.0/24 ip=203.0.113.1 asn=65020 bgp-ip=192.168.0.1\n\
         site dc 192.168.8.0/22 circuit=1000 location=Amsterdam\nusers staff 172.16.0.0/24 clients=50 protocol=openvpn\n\
         link s2s hub office bgp custom-ipsec\nlink p2s hub staff\nlink v2v hub far\nlink er hub dc\n\
         link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke forwarded-traffic\n",
    );
    let text = exported(&design, Format::Terraform);
    // Alignment depends on the widest key of each run: compare with runs of spaces squashed.
    let text = squash(&text);
    let count = |needle: &str| text.matches(needle).count();
    assert_eq!(
        count("resource \"azurerm_public_ip\""),
        3,
        "two for the active-active hub, one for far"
    );
    assert_eq!(
        count(" ip_configuration {"),
        4,
        "two on the active-active hub, one on far, one on the ER gateway"
    );
    assert_eq!(count("type = \"Vnet2Vnet\""), 2, "V2V in both directions");
    assert_eq!(
        count("resource \"azurerm_virtual_network_peering\""),
        2,
        "peering in both directions"
    );
    assert!(text.contains("allow_gateway_transit = true"));
    assert!(text.contains("use_remote_gateways = true"));
    assert!(text.contains("express_route_circuit_id = var.express_route_circuit_id_dc"));
    assert!(text.contains("express_route_gateway_bypass = true"), "FastPath");
    assert!(text.contains("address_space = [\"172.16.0.0/24\"]\n vpn_client_protocols = [\"OpenVPN\"]"));
    assert!(text.contains("minimum_scale_unit = 2"));
    assert!(text.contains("bgp_peering_address = \"192.168.0.1\""));
    assert!(text.contains(" ipsec_policy {"));
    assert!(text.contains("location = var.location"), "spoke has no region");
}

/// `text` with every run of spaces made one space.
fn squash(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_link_whose_gateway_is_missing_is_left_out_with_a_comment() {
    let design = script("vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nlink v2v a b\n");
    let text = exported(&design, Format::Terraform);
    assert!(text.contains("# not written: v2v a b (a has no VPN gateway"), "{text}");
    assert!(!text.contains("azurerm_virtual_network_gateway_connection"));
    hcl::parse(&text).unwrap();
}
