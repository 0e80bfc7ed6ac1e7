//! The tables against themselves and against the edits that read them.

use super::*;
use crate::design::Design;
use crate::edit::Edit;
use crate::run_script;

/// A design where every part exists: both gateways, a circuit, a peering with one flag per side.
fn full() -> Design {
    let mut d = Design::default();
    let script = "\
vnet hub 10.0.0.0/16,fd00::/48 region=westeurope classic=false
gateway hub vpn VpnGw2AZ active-active asn=65010 generation=2 nat-rules=1 apipa=169.254.21.1
gateway hub er ErGwScale fastpath units=2
vnet spoke 10.1.0.0/16
site office 192.168.0.0/24 ip=203.0.113.10 behind-nat asn=65020 bgp-ip=192.168.0.1 advertised=12 uplink=500 circuit=1000 location=Amsterdam premium
users remote 172.16.0.0/24 clients=50 protocol=openvpn radius source-ip=198.51.100.7
link s2s hub office bgp custom-ipsec
link p2s hub remote nat
link v2v hub spoke
link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke forwarded-traffic
link er hub office
";
    if let Err(e) = run_script(&mut d, script) {
        panic!("bad script: {e}");
    }
    d
}

fn all_docs() -> Vec<(String, Vec<KeyDoc>)> {
    let mut out: Vec<(String, Vec<KeyDoc>)> = [NodeKind::Vnet, NodeKind::Site, NodeKind::Users]
        .into_iter()
        .map(|k| (k.to_string(), node_keys(k)))
        .collect();
    out.push(("subnet".into(), docs(SUBNET)));
    for kind in LinkKind::ALL {
        out.push((kind.to_string(), link_keys(kind)));
    }
    out
}

#[test]
fn every_key_is_unique_in_its_table_and_documented_on_one_line() {
    for (table, rows) in all_docs() {
        for (i, row) in rows.iter().enumerate() {
            assert!(rows[..i].iter().all(|r| r.key != row.key), "{table}: {} twice", row.key);
            assert!(
                !row.doc.is_empty() && !row.doc.contains('\n') && row.doc.len() <= 110,
                "{table}.{}: {:?}",
                row.key,
                row.doc
            );
            let word = row
                .key
                .strip_suffix("@a")
                .or_else(|| row.key.strip_suffix("@b"))
                .unwrap_or(row.key);
            assert!(
                word.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{table}.{}: keys are kebab-case words, a side's with @a or @b",
                row.key
            );
        }
    }
}

#[test]
fn the_inspector_shows_every_row_of_a_node_whose_parts_all_exist() {
    let d = full();
    for (name, kind) in [
        ("hub", NodeKind::Vnet),
        ("office", NodeKind::Site),
        ("remote", NodeKind::Users),
    ] {
        let shown: Vec<(&str, &str)> = d
            .node(name)
            .map(node_properties)
            .unwrap_or_default()
            .iter()
            .map(|v| (v.key, v.doc))
            .collect();
        let table: Vec<(&str, &str)> = node_keys(kind).iter().map(|k| (k.key, k.doc)).collect();
        assert_eq!(shown, table, "{name}");
    }
    // Without the parts, their rows are not shown.
    let bare: Vec<&str> = d
        .node("spoke")
        .map(node_properties)
        .unwrap_or_default()
        .iter()
        .map(|v| v.key)
        .collect();
    assert_eq!(
        bare,
        ["name", "prefixes", "region", "classic", "vpn-sku", "er-sku", "pinned"]
    );
}

#[test]
fn a_value_read_from_a_row_writes_back_to_the_same_design() {
    let d = full();
    let mut views: Vec<(Edit, String)> = Vec::new();
    for name in ["hub", "office", "remote"] {
        for v in d.node(name).map(node_properties).unwrap_or_default() {
            let edit = Edit::Set {
                name: name.into(),
                props: vec![Prop::new(v.key, &v.value)],
            };
            views.push((edit, format!("{name}.{}={}", v.key, v.value)));
        }
    }
    for (id, link) in d.links() {
        for v in link_properties(link) {
            let edit = Edit::SetLink {
                id: *id,
                props: vec![Prop::new(v.key, &v.value)],
            };
            views.push((edit, format!("{}.{}={}", link.describe(), v.key, v.value)));
        }
    }
    assert!(views.len() >= 40, "{} rows", views.len());
    for (edit, what) in views {
        let mut again = d.clone();
        let change = again.apply(&edit).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(again, d, "{what}");
        assert!(change.only_moved(&again), "{what}: nothing changed");
    }
}

#[test]
fn every_choice_a_chooser_offers_is_accepted_and_reads_back() {
    let d = full();
    let mut tried = 0;
    for name in ["hub", "office", "remote"] {
        for v in d.node(name).map(node_properties).unwrap_or_default() {
            for choice in &v.choices {
                let mut after = d.clone();
                let edit = Edit::Set {
                    name: name.into(),
                    props: vec![Prop::new(v.key, choice)],
                };
                after
                    .apply(&edit)
                    .unwrap_or_else(|e| panic!("{name}.{}={choice}: {e}", v.key));
                let read = after.node(name).map(node_properties).unwrap_or_default();
                let now = read.iter().find(|r| r.key == v.key).map(|r| r.value.as_str());
                // `none` removes the gateway, and its rows with it.
                if choice != "none" || now.is_some() {
                    assert_eq!(now, Some(choice.as_str()), "{name}.{}", v.key);
                }
                tried += 1;
            }
        }
    }
    for (id, link) in d.links() {
        for v in link_properties(link) {
            for choice in &v.choices {
                let mut after = d.clone();
                let edit = Edit::SetLink {
                    id: *id,
                    props: vec![Prop::new(v.key, choice)],
                };
                after
                    .apply(&edit)
                    .unwrap_or_else(|e| panic!("{}.{}={choice}: {e}", link.describe(), v.key));
                tried += 1;
            }
        }
    }
    assert!(tried >= 50, "{tried} choices");
}

#[test]
fn refusals_list_the_keys_of_the_table() {
    let refusal = |script: &str| -> String {
        let mut d = full();
        match run_script(&mut d, script) {
            Ok(_) => panic!("{script} was accepted"),
            Err(e) => e.message,
        }
    };
    assert_eq!(
        refusal("set hub colour=red"),
        "unknown key `colour` for a vnet; keys are: name, prefixes, region, classic, vpn-sku, policy-based, \
         active-active, asn, generation, nat-rules, apipa, er-sku, fastpath, units, pinned"
    );
    assert_eq!(
        refusal("set office colour=red"),
        "unknown key `colour` for a site; keys are: name, prefixes, ip, behind-nat, asn, bgp-ip, advertised, \
         uplink, circuit, location, premium, direct, pinned"
    );
    assert_eq!(
        refusal("set remote colour=red"),
        "unknown key `colour` for a users; keys are: name, pool, clients, protocol, radius, source-ip, pinned"
    );
    assert_eq!(
        refusal("subnet hub db 10.0.9.0/24 colour=red"),
        "unknown key `colour` for a subnet; keys are: hosts"
    );
    assert_eq!(
        refusal("gateway spoke vpn VpnGw1 fastpath"),
        "unknown key `fastpath` for a gateway; keys are: policy-based, active-active, asn, generation, nat-rules, apipa"
    );
    assert_eq!(
        refusal("gateway spoke er ErGw1AZ asn=1"),
        "unknown key `asn` for a gateway; keys are: fastpath, units"
    );
    assert_eq!(
        refusal("set-link s2s hub office colour"),
        "unknown key `colour` for a link; keys are: bgp, custom-ipsec, nat, policy-based-selectors, allow-gateway-transit@a, \
         use-remote-gateways@a, forwarded-traffic@a, allow-gateway-transit@b, use-remote-gateways@b, \
         forwarded-traffic@b, one-sided, allow-gateway-transit, use-remote-gateways, forwarded-traffic"
    );
    assert_eq!(
        refusal("set-link er hub office bgp"),
        "bgp=`true`: does not apply to a ExpressRoute link"
    );
    assert_eq!(
        refusal("set spoke asn=65001"),
        "asn: `spoke` has no vpn gateway; add one first with `gateway spoke vpn SKU`"
    );
    assert_eq!(
        refusal("set spoke asn=x"),
        "asn=`x`: expected a whole number",
        "the value is read before the part is looked for"
    );
}

#[test]
fn choices_come_from_the_enums_and_the_link_ends() {
    assert_eq!(BOOL.values(None), ["false", "true"]);
    let vpn = VNET.iter().find(|r| r.key == "vpn-sku").map(|r| r.choices.values(None));
    assert_eq!(
        vpn.as_deref().map(|v| (v.len(), v[0].as_str(), v[1].as_str())),
        Some((crate::sku::VpnSku::ALL.len() + 1, "none", "Basic"))
    );
    let protocol = USERS
        .iter()
        .find(|r| r.key == "protocol")
        .map(|r| r.choices.values(None));
    assert_eq!(protocol.unwrap_or_default(), ["sstp", "ikev2", "openvpn"]);
    assert_eq!(
        Choices::LinkEnd.values(Some(("hub", "spoke"))),
        ["none", "hub", "spoke"]
    );
    assert_eq!(Choices::LinkEnd.values(None), ["none"]);
}

#[test]
fn every_combination_of_the_peering_flags_is_reachable_row_by_row() {
    let d = full();
    let (id, peering) = d
        .links()
        .iter()
        .find(|(_, l)| l.kind == LinkKind::Peering)
        .map(|(id, l)| (*id, l.clone()))
        .expect("a peering");
    let rows: Vec<PropertyView> = link_properties(&peering)
        .into_iter()
        .filter(|v| v.key.contains('@'))
        .collect();
    let labels: Vec<&str> = rows.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "allow-gateway-transit@hub",
            "use-remote-gateways@hub",
            "forwarded-traffic@hub",
            "allow-gateway-transit@spoke",
            "use-remote-gateways@spoke",
            "forwarded-traffic@spoke"
        ]
    );
    assert!(rows.iter().all(|v| v.choices == ["false", "true"]));
    let all: Vec<&str> = link_properties(&peering).iter().map(|v| v.key).collect();
    assert!(
        !all.contains(&"allow-gateway-transit"),
        "the older spellings are no rows: {all:?}"
    );
    for bits in 0u8..64 {
        let mut after = d.clone();
        for (i, row) in rows.iter().enumerate() {
            let value = if bits & (1 << i) != 0 { "true" } else { "false" };
            let edit = Edit::SetLink {
                id,
                props: vec![Prop::new(row.key, value)],
            };
            after.apply(&edit).unwrap_or_else(|e| panic!("{}: {e}", row.key));
        }
        let l = after.link(id).expect("link");
        let got = [
            l.a_allow_transit,
            l.a_use_remote,
            l.a_allow_forwarded,
            l.b_allow_transit,
            l.b_use_remote,
            l.b_allow_forwarded,
        ];
        let want: Vec<bool> = (0..6).map(|i| bits & (1 << i) != 0).collect();
        assert_eq!(got[..], want[..], "{bits:06b}");
        let shown: Vec<bool> = link_properties(l)
            .iter()
            .filter(|v| v.key.contains('@'))
            .map(|v| v.value == "true")
            .collect();
        assert_eq!(shown, want, "the rows read back what was set");
    }
}

#[test]
fn a_side_is_named_by_its_vnet_or_by_a_and_b_and_the_older_forms_still_work() {
    let mut d = Design::default();
    let script = "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nlink peering hub spoke\n\
                  set-link peering spoke hub allow-gateway-transit@hub use-remote-gateways@b=true forwarded-traffic@spoke\n";
    run_script(&mut d, script).expect("per side");
    let peering = |d: &Design| d.links().values().next().cloned().expect("peering");
    let l = peering(&d);
    assert!(l.a_allow_transit && !l.b_allow_transit && l.b_use_remote && !l.a_use_remote);
    assert!(!l.a_allow_forwarded && l.b_allow_forwarded);
    let e = run_script(&mut d, "set-link peering hub spoke allow-gateway-transit@office=true").expect_err("no end");
    assert!(
        e.message
            .contains("write allow-gateway-transit@hub or allow-gateway-transit@spoke"),
        "{}",
        e.message
    );
    let e = run_script(&mut d, "link v2v hub spoke bgp@a").expect_err("no side keys on v2v");
    assert!(e.message.contains("unknown key `bgp@a`"), "{}", e.message);
    // The older forms: the value names the side; forwarded-traffic alone sets both.
    run_script(
        &mut d,
        "set-link peering hub spoke forwarded-traffic allow-gateway-transit=none",
    )
    .expect("both");
    let l = peering(&d);
    assert!(l.a_allow_forwarded && l.b_allow_forwarded && !l.a_allow_transit);
    run_script(
        &mut d,
        "set-link peering hub spoke forwarded-traffic=false forwarded-traffic=hub",
    )
    .expect("one");
    let l = peering(&d);
    assert!(l.a_allow_forwarded && !l.b_allow_forwarded);
}
