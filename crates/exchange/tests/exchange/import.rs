//! Import: Azure's own REST API examples alone and combined into small estates, az CLI and Resource
//! Graph shapes, the round trip of every shipped example through `arm`, and hostile input.

use proptest::prelude::*;
use serde_json::{Value, json};
use vnetsketch_exchange::{Format, ImportError, Imported, SourceKind, import};
use vnetsketch_model::{Design, Link, LinkKind, Node, Pos};

use crate::support::{designs, exported, fixture};

fn read(name: &str) -> Vec<u8> {
    let p = fixture(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn rest(names: &[&str]) -> Imported {
    let files: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| ((*n).to_owned(), read(&format!("azure-rest-examples/{n}"))))
        .collect();
    import(&files).unwrap_or_else(|e| panic!("{names:?}: {e}"))
}

fn link(d: &Design, kind: LinkKind, a: &str, b: &str) -> Link {
    vnetsketch_exchange::plan::links(d)
        .map(|(_, l)| l.clone())
        .find(|l| l.kind == kind && l.a == a && l.b == b)
        .unwrap_or_else(|| panic!("no {kind} {a} {b}"))
}

#[test]
fn each_azure_example_alone() {
    let i = rest(&["VirtualNetworkList.json"]);
    assert_eq!(i.source, SourceKind::RestList);
    let vnet1 = i.design.vnet("vnet1").unwrap();
    assert_eq!(vnet1.prefixes[0].to_string(), "10.0.0.0/8");
    assert_eq!(vnet1.region.as_deref(), Some("westus"));
    assert_eq!(vnet1.subnets[0].name, "test-1");
    assert_eq!(i.design.vnet("vnet2").unwrap().prefixes[0].to_string(), "10.0.0.0/16");

    for name in ["VirtualNetworkGet.json", "VirtualNetworkGetWithSubnetDelegation.json"] {
        let i = rest(&[name]);
        assert_eq!(i.source, SourceKind::RestResource);
        let v = i.design.vnet("test-vnet").unwrap();
        assert_eq!(v.subnets[0].prefix.to_string(), "10.0.1.0/24", "{name}");
    }

    let i = rest(&["LocalNetworkGatewayGet.json"]);
    let site = i.design.site("localgw").unwrap();
    assert_eq!(site.prefixes[0].to_string(), "10.1.0.0/16");
    assert_eq!(site.ip, None, "the example's gatewayIpAddress is `x.x.x.x`");
    assert!(
        i.report.notes.iter().any(|n| n.message.contains("x.x.x.x")),
        "{}",
        i.report.to_text()
    );

    let i = rest(&["LocalNetworkGatewayList.json"]);
    assert_eq!(i.design.sites().count(), 2);

    // A gateway, connection or peering without its VNet is reported with its id, never an error.
    for (name, id) in [
        ("VirtualNetworkGatewayGet.json", "virtualNetworkGateways/vpngw"),
        ("VirtualNetworkGatewayConnectionGet.json", "connections/connS2S"),
        ("VirtualNetworkPeeringGet.json", "virtualNetworkPeerings/peer"),
        ("PublicIpAddressGet.json", "publicIPAddresses/testDNS-ip"),
    ] {
        let i = rest(&[name]);
        assert_eq!(i.design.vnets().count(), 0);
        assert!(
            i.report
                .skipped
                .iter()
                .any(|s| s.id.ends_with(id) && s.path.starts_with(name)),
            "{name}: {}",
            i.report.to_text()
        );
    }

    // Azure records no on-premises prefixes for a circuit: skipped, saying what to do instead.
    for name in [
        "ExpressRouteCircuitGet.json",
        "ExpressRouteCircuitListByResourceGroup.json",
    ] {
        let i = rest(&[name]);
        assert_eq!(i.design.sites().count(), 0);
        assert!(
            i.report.skipped.iter().all(|s| s.message.contains("link er VNET NAME")),
            "{name}"
        );
        assert!(!i.report.skipped.is_empty());
    }
}

#[test]
fn an_estate_of_azure_examples_maps_gateways_sites_and_connections() {
    let i = rest(&[
        "VirtualNetworkList.json",
        "VirtualNetworkGatewayList.json",
        "LocalNetworkGatewayList.json",
        "VirtualNetworkGatewayConnectionsList.json",
    ]);
    let d = &i.design;
    let gw1 = d.vnet("vnet1").unwrap().vpn.as_ref().unwrap();
    assert_eq!(gw1.sku.to_string(), "VpnGw1");
    assert_eq!(gw1.nat_rules, 2, "two natRules");
    assert_eq!(gw1.asn, None, "enableBgp is false");
    let gw2 = d.vnet("vnet2").unwrap().vpn.as_ref().unwrap();
    assert_eq!(gw2.sku.to_string(), "VpnGw1");
    let l1 = link(d, LinkKind::S2s, "vnet1", "localgw1");
    assert!(l1.nat, "ingress and egress NAT rules");
    assert!(!l1.bgp);
    link(d, LinkKind::S2s, "vnet2", "localgw2");
    assert_eq!(vnetsketch_exchange::plan::links(d).count(), 2);
    // Their public IPs are not in the input: no error, the gateway still maps.
    assert!(i.report.skipped.is_empty(), "{}", i.report.to_text());
}

#[test]
fn a_peering_list_with_its_vnet_gives_external_vnets() {
    // The peering examples live in resource group peerTest; put their VNet there.
    let vnet = json!({
        "id": "/subscriptions/subid/resourceGroups/peerTest/providers/Microsoft.Network/virtualNetworks/vnet1",
        "name": "vnet1", "type": "Microsoft.Network/virtualNetworks", "location": "westus",
        "properties": {"addressSpace": {"addressPrefixes": ["11.0.0.0/8"]}}
    });
    let files = vec![
        ("vnet1.json".to_owned(), vnet.to_string().into_bytes()),
        (
            "peerings.json".to_owned(),
            read("azure-rest-examples/VirtualNetworkPeeringList.json"),
        ),
    ];
    let i = import(&files).unwrap();
    let d = &i.design;
    assert_eq!(d.vnet("vnet2").unwrap().prefixes[0].to_string(), "12.0.0.0/8");
    assert_eq!(d.vnet("vnet3").unwrap().prefixes[0].to_string(), "13.0.0.0/8");
    assert_eq!(i.report.external.len(), 2, "{}", i.report.to_text());
    let p = link(d, LinkKind::Peering, "vnet1", "vnet2");
    assert!(
        p.allows_forwarded("vnet1"),
        "forwarded traffic is per side: vnet1's peering says so"
    );
    assert!(!p.allows_forwarded("vnet2"), "vnet2's side is not in the files");
    assert!(!link(d, LinkKind::Peering, "vnet1", "vnet3").allows_forwarded("vnet1"));
    assert_eq!(i.source, SourceKind::Mixed);
}

fn az_cli() -> Imported {
    import(&[("vnet-list.json", read("az-cli/vnet-list.json"))]).expect("test data")
}

#[test]
fn az_cli_output_with_flattened_properties() {
    let i = az_cli();
    assert_eq!(i.source, SourceKind::AzCli);
    let d = &i.design;
    let hub = d.vnet("hub").unwrap();
    assert_eq!(hub.subnets.len(), 2, "addressPrefix and addressPrefixes both read");
    // The second `hub` (another resource group) is renamed and reported.
    let lab = d.vnet("hub-rg-lab").unwrap();
    assert_eq!(
        lab.region.as_deref(),
        Some("northeurope"),
        "display name `North Europe` read as a region"
    );
    assert!(
        i.report
            .renamed
            .iter()
            .any(|r| r.id.contains("rg-lab") && r.message.contains("hub-rg-lab"))
    );
    // The spoke is named in upper case by the hub's peering: one link, flags from both sides.
    let p = link(d, LinkKind::Peering, "hub", "spoke");
    assert!(p.a_allow_transit && p.b_use_remote && !p.a_use_remote && !p.b_allow_transit);
    assert!(p.a_allow_forwarded && p.b_allow_forwarded && !p.one_sided);
    // The partner VNet in another subscription becomes an external node.
    assert_eq!(d.vnet("partner-vnet").unwrap().prefixes[0].to_string(), "10.200.0.0/16");
    assert!(i.report.external[0].message.contains("sub-partner"));
}

#[test]
fn resource_graph_output_gives_the_same_design_as_az_cli() {
    // Resource Graph keeps `properties` nested and spells types in lower case.
    let items: Vec<Value> = serde_json::from_slice::<Vec<Value>>(&read("az-cli/vnet-list.json"))
        .unwrap()
        .into_iter()
        .map(|v| {
            let mut props = v.as_object().unwrap().clone();
            let mut out = serde_json::Map::new();
            for key in ["id", "name", "location", "resourceGroup", "tags"] {
                if let Some(x) = props.remove(key) {
                    out.insert(key.into(), x);
                }
            }
            out.insert("type".into(), json!("microsoft.network/virtualnetworks"));
            props.remove("type");
            out.insert("properties".into(), Value::Object(props));
            Value::Object(out)
        })
        .collect();
    let graph = json!({"count": items.len(), "data": items, "skip_token": null});
    let g = import(&[("graph.json", graph.to_string())]).unwrap();
    assert_eq!(g.source, SourceKind::ResourceGraph);
    assert_eq!(without_positions(&g.design), without_positions(&az_cli().design));
}

#[test]
fn other_types_are_counted_not_errors() {
    let list = json!({"value": [
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg1", "type": "Microsoft.Network/networkSecurityGroups", "properties": {}},
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "type": "Microsoft.Compute/virtualMachines"},
        {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm2", "type": "Microsoft.Compute/virtualMachines"}
    ]});
    let i = import(&[("mixed.json", list.to_string())]).unwrap();
    assert_eq!(i.report.other_types.get("microsoft.compute/virtualmachines"), Some(&2));
    assert_eq!(
        i.report.other_types.get("microsoft.network/networksecuritygroups"),
        Some(&1)
    );
    assert!(i.report.to_text().contains("microsoft.compute/virtualmachines x2"));
}

/// The design with every node at the origin (layouts may differ).
fn without_positions(d: &Design) -> (Vec<Node>, Vec<Link>, vnetsketch_model::Era) {
    let nodes = [
        d.vnets().map(|v| Node::Vnet(v.clone())).collect::<Vec<_>>(),
        d.sites().map(|s| Node::Site(s.clone())).collect(),
        d.user_groups().map(|u| Node::Users(u.clone())).collect(),
    ]
    .concat()
    .into_iter()
    .map(|mut n| {
        *n.pos_mut() = Pos::default();
        n
    })
    .collect();
    let mut links: Vec<Link> = vnetsketch_exchange::plan::links(d).map(|(_, l)| l.clone()).collect();
    links.sort_by(|x, y| (x.kind, &x.a, &x.b).cmp(&(y.kind, &y.a, &y.b)));
    (nodes, links, d.era)
}

#[test]
fn every_example_comes_back_from_its_arm_template() {
    let mut all = designs();
    all.push(("generated-2017".into(), {
        let mut d = vnetsketch_model::generate::generate(60, 3);
        d.apply(&vnetsketch_model::Edit::Catalog {
            era: vnetsketch_model::Era::Y2017,
        })
        .unwrap();
        d
    }));
    for (name, design) in all {
        let arm = exported(&design, Format::Arm);
        let back = import(&[(format!("{name}.json"), arm)]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(back.source, SourceKind::ArmTemplate);
        assert!(back.report.skipped.is_empty(), "{name}: {}", back.report.to_text());
        assert!(back.report.renamed.is_empty(), "{name}: {}", back.report.to_text());
        let (want_nodes, want_links, want_era) = without_positions(&design);
        let (got_nodes, got_links, got_era) = without_positions(&back.design);
        assert_eq!(got_era, want_era, "{name}: catalog");
        for (w, g) in want_nodes.iter().zip(&got_nodes) {
            assert_eq!(g, w, "{name}: node");
        }
        assert_eq!(got_nodes.len(), want_nodes.len(), "{name}: node count");
        for (w, g) in want_links.iter().zip(&got_links) {
            assert_eq!(g, w, "{name}: link");
        }
        assert_eq!(got_links.len(), want_links.len(), "{name}: link count");
    }
}

#[test]
fn imported_nodes_are_laid_out_by_the_diagram_engine_without_overlap() {
    use vnetsketch_model::diagram::{LayoutOptions, boxes::node_rect, layout};
    let d = vnetsketch_model::generate::generate(200, 5);
    let back = import(&[("g.json", exported(&d, Format::Arm))]).unwrap();
    let nodes: Vec<&Node> = back.design.nodes().values().collect();
    for (i, a) in nodes.iter().enumerate() {
        for b in &nodes[i + 1..] {
            assert!(
                !node_rect(a).intersects(&node_rect(b)),
                "{} and {} overlap",
                a.name(),
                b.name()
            );
        }
    }
    assert!(
        layout(&back.design, &LayoutOptions::default()).moves.is_empty(),
        "the positions are the layout engine's: laying out again moves nothing"
    );
}

#[test]
fn an_imported_design_records_its_origin_and_a_retired_sku_is_a_migration_warning() {
    use vnetsketch_model::design::OriginKind;
    use vnetsketch_model::validate::{Severity, validate};
    let i = rest(&["VirtualNetworkList.json", "VirtualNetworkGatewayList.json"]);
    let origin = i.design.origin.clone().expect("an origin");
    assert_eq!(origin.kind, OriginKind::Imported);
    assert_eq!(
        origin.sources,
        ["VirtualNetworkList.json", "VirtualNetworkGatewayList.json"]
    );
    let ron = vnetsketch_model::format::to_ron(&i.design);
    assert!(ron.contains("kind: imported"), "{ron}");
    // Azure's example gateways are VpnGw1, which can no longer be created: the estate has them.
    let report = validate(&i.design);
    let era: Vec<_> = report.findings.iter().filter(|f| f.rule == "sku-era").collect();
    assert!(!era.is_empty(), "{report:?}");
    assert!(
        era.iter()
            .all(|f| f.severity == Severity::Warning && f.message.contains("migrate it to VpnGw1AZ")),
        "{era:?}"
    );
    // The same design drawn in the tool cannot be built as it is.
    let mut drawn = i.design.clone();
    drawn.origin = None;
    assert!(
        validate(&drawn)
            .findings
            .iter()
            .any(|f| f.rule == "sku-era" && f.severity == Severity::Error)
    );
}

#[test]
fn hostile_input_is_refused_with_a_clear_message() {
    match import(&[(
        "big.json",
        vec![b' '; vnetsketch_exchange::import::MAX_IMPORT_BYTES + 1],
    )]) {
        Err(ImportError::TooLarge { file, .. }) => assert_eq!(file, "big.json"),
        other => panic!("{other:?}"),
    }
    match import(&[("bad.json", "{\n  \"value\": [1,\n")]) {
        Err(ImportError::Json { file, line, .. }) => assert_eq!((file.as_str(), line), ("bad.json", 3)),
        other => panic!("{other:?}"),
    }
    match import(&[("deep.json", "[".repeat(100_000))]) {
        Err(ImportError::Json { message, .. }) => assert!(message.contains("recursion"), "{message}"),
        other => panic!("{other:?}"),
    }
    match import(&[("odd.json", "{\"hello\": 1}")]) {
        Err(ImportError::Shape { path, message, .. }) => {
            assert_eq!(path, "$");
            assert!(message.contains("ARM template"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(import::<&str, &[u8]>(&[]), Err(ImportError::NoInput)));
    // Wrong types where resources should be: reported with their JSON path, never an error.
    let i = import(&[("w.json", r#"{"value": [1, "x", {"id": 5}, {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v", "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.1/16", "nonsense", 7]}, "subnets": [{"name": "s", "properties": {"addressPrefix": 3}}]}}]}"#)]).unwrap();
    assert!(i.report.skipped.iter().any(|s| s.path == "w.json: $.value[0]"));
    assert_eq!(
        i.design.vnet("v").unwrap().prefixes[0].to_string(),
        "10.0.0.0/16",
        "host bits cleared"
    );
    assert!(i.report.notes.iter().any(|n| n.message.contains("host bits")));
    assert!(
        i.report
            .notes
            .iter()
            .any(|n| n.message.contains("`nonsense` is not a CIDR prefix"))
    );
}

/// Every node of `v` as a JSON pointer.
fn pointers(v: &Value, here: String, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                pointers(x, format!("{here}/{i}"), out);
            }
        }
        Value::Object(fields) => {
            for (k, x) in fields {
                pointers(x, format!("{here}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!("")),
        Just(json!(-1)),
        Just(json!(1e308)),
        Just(json!(u64::MAX)),
        Just(json!([])),
        Just(json!({})),
        Just(json!("[parameters('x')]")),
        Just(json!(
            "[concat(resourceId('Microsoft.Network/virtualNetworks', 'a'), ')]"
        )),
        Just(json!(
            "/subscriptions//resourceGroups//providers/Microsoft.Network/virtualNetworks"
        )),
        Just(json!("10.0.0.0/33")),
        Just(json!("ÿ".repeat(300))),
        Just(json!([[[[["deep"]]]]])),
        any::<String>().prop_map(Value::String),
        any::<i64>().prop_map(Value::from),
    ]
}

/// The fixtures a mutation starts from: an ARM export and Azure's examples.
fn seeds() -> Vec<Value> {
    let mut out: Vec<Value> = [
        "VirtualNetworkGatewayList.json",
        "VirtualNetworkGatewayConnectionsList.json",
        "VirtualNetworkList.json",
        "VirtualNetworkPeeringList.json",
        "ExpressRouteCircuitGet.json",
    ]
    .iter()
    .map(|n| serde_json::from_slice(&read(&format!("azure-rest-examples/{n}"))).expect("test data"))
    .collect();
    out.push(serde_json::from_slice(&read("az-cli/vnet-list.json")).expect("test data"));
    let d = vnetsketch_model::generate::generate(30, 9);
    out.push(serde_json::from_str(&exported(&d, Format::Arm)).expect("test data"));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn mutated_azure_json_never_panics(seed in 0usize..7, picks in prop::collection::vec((any::<prop::sample::Index>(), hostile_value()), 1..6)) {
        let mut v = seeds().swap_remove(seed);
        for (at, with) in picks {
            let mut all = Vec::new();
            pointers(&v, String::new(), &mut all);
            let target = at.get(&all).clone();
            if target.is_empty() {
                v = with;
            } else if let Some(slot) = v.pointer_mut(&target) {
                *slot = with;
            }
        }
        // Ok or Err, never a panic.
        let _ = import(&[("mutated.json", v.to_string())]);
    }

    #[test]
    fn mutated_bytes_never_panic(seed in 0usize..7, flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut bytes = seeds().swap_remove(seed).to_string().into_bytes();
        for (at, b) in flips {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = import(&[("bytes.json", bytes)]);
    }
}

#[test]
fn a_resource_given_twice_is_read_once() {
    let i = rest(&["VirtualNetworkGet.json", "VirtualNetworkGetWithSubnetDelegation.json"]);
    assert_eq!(i.design.vnets().count(), 1, "{}", i.report.to_text());
    assert!(i.report.renamed.is_empty());
    assert!(i.report.notes.iter().any(|n| n.message.contains("read once")));
}
