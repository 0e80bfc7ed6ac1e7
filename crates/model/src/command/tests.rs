//! The command language: every line of the contract, refusals that name their word, scripts that
//! change nothing when a line fails, and the help's options against the property tables.

use super::*;
use crate::design::Node;

fn err(line: &str) -> ParseError {
    parse_line(line).expect_err(line)
}

#[test]
fn every_contract_line_parses() {
    let script = "\
vnet hub 10.0.0.0/16,10.1.0.0/16 region=westeurope
subnet hub GatewaySubnet 10.0.255.0/27
gateway hub vpn VpnGw2AZ active-active asn=65010 generation=2
gateway hub er ErGw1AZ fastpath
site office 192.168.0.0/24 ip=203.0.113.10 behind-nat asn=65020 uplink=500 circuit=1000 location=Amsterdam
users remote 172.16.0.0/24 clients=50 protocol=openvpn
vnet spoke 10.2.0.0/16
link s2s hub office bgp
link p2s hub remote
link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke forwarded-traffic
link er hub office
set office uplink=200
move office 10 20
unlink s2s hub office
delete spoke
";
    let mut d = Design::default();
    assert_eq!(run_script(&mut d, script), Ok(15));
    assert_eq!(
        d.site("office").map(|s| (s.uplink_mbps, s.pos)),
        Some((Some(200), Pos { x: 10, y: 20 }))
    );
    assert!(d.vnet("spoke").is_none());
    assert_eq!(d.links().len(), 2, "p2s and er remain");
}

#[test]
fn bad_words_are_named_with_their_column() {
    let e = apply_line(&mut Design::default(), "vnet hub 10.0.0.0/16 region=west europe").expect_err("europe");
    assert_eq!((e.column, e.word.as_str()), (Some(34), "europe"));
    let e = err("lnk s2s a b");
    assert_eq!((e.column, e.word.as_str()), (1, "lnk"));
    let e = err("link vpn a b");
    assert_eq!(e.word, "vpn");
    let e = err("vnet hub");
    assert!(e.message.contains("usage: vnet NAME"), "{}", e.message);
    let e = err("vnet h@b 10.0.0.0/8");
    assert_eq!(e.word, "h@b");
    let e = err("move hub 1 y");
    assert_eq!(e.word, "y");
    let e = err("vnet hub 10.0.0.1/16");
    assert!(e.message.contains("10.0.0.0/16"), "{}", e.message);
    let e = err("users u 172.16.0.0/24");
    assert!(e.message.contains("clients=N"), "{}", e.message);
}

#[test]
fn a_failing_line_in_a_script_names_the_line_and_changes_nothing() {
    let mut d = Design::default();
    let e = run_script(
        &mut d,
        "vnet a 10.0.0.0/16\n\n# c\nsite s 192.168.0.0/24\nlink p2s a s\n",
    )
    .expect_err("p2s to a site");
    assert_eq!(e.line, 5);
    assert!(e.message.contains("Point-to-Site"), "{}", e.message);
    assert!(d.nodes().is_empty());
    let e = run_script(&mut d, "vnet a 10.0.0.0/16\nset a colour=red\n").expect_err("unknown key");
    assert_eq!((e.line, e.word.as_str(), e.column), (2, "colour", Some(7)));
}

#[test]
fn set_link_changes_the_flags_of_the_links_between_two_nodes() {
    let mut d = Design::default();
    run_script(
        &mut d,
        "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nsite office 192.168.0.0/24\n\
         link s2s hub office\nlink peering hub spoke",
    )
    .expect("script");
    let s2s = |d: &Design| {
        d.links()
            .values()
            .find(|l| l.kind == LinkKind::S2s)
            .cloned()
            .expect("s2s")
    };
    let before = d.clone();
    let change = apply_line(&mut d, "set-link s2s office hub bgp nat")
        .expect("set-link")
        .expect("an edit");
    assert!(s2s(&d).bgp && s2s(&d).nat, "either end may be named first");
    assert!(change.summary.contains("changed 1 s2s link(s)"), "{}", change.summary);
    d.revert(change);
    assert_eq!(d, before, "one undo step");
    apply_line(
        &mut d,
        "set-link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke",
    )
    .expect("peering flags");
    let peering = d
        .links()
        .values()
        .find(|l| l.kind == LinkKind::Peering)
        .expect("peering");
    assert!(peering.allows_transit("hub") && peering.uses_remote("spoke"));
    // Refused lines name the word and change nothing.
    let after = d.clone();
    let e = apply_line(&mut d, "set-link s2s hub office").expect_err("no flag");
    assert!(e.message.contains("usage: set-link"), "{e}");
    let e = apply_line(&mut d, "set-link s2s hub office allow-gateway-transit=hub").expect_err("not s2s");
    assert!(e.message.contains("does not apply"), "{e}");
    let e = apply_line(&mut d, "set-link v2v hub spoke bgp").expect_err("no such link");
    assert!(e.message.contains("v2v"), "{e}");
    let e = apply_line(&mut d, "set-link tunnel hub spoke bgp").expect_err("no such kind");
    assert_eq!(e.word, "tunnel");
    assert_eq!(d, after);
}

#[test]
fn the_options_the_help_names_are_keys_of_the_property_tables() {
    use crate::props::{self, Needs, SUBNET, VNET};
    let names = |rows: Vec<props::KeyDoc>| -> Vec<&'static str> { rows.iter().map(|r| r.key).collect() };
    let vnet =
        |needs: Needs| -> Vec<&'static str> { VNET.iter().filter(|r| r.needs == needs).map(|r| r.key).collect() };
    let link_keys: Vec<&str> = LinkKind::ALL
        .into_iter()
        .flat_map(|k| names(props::link_keys(k)))
        .collect();
    let mut checked = 0;
    for c in COMMANDS {
        let words: Vec<&str> = c.syntax.split(' ').collect();
        let keys = match (words[0], words.get(2).copied()) {
            ("vnet", _) => names(props::node_keys(crate::NodeKind::Vnet)),
            ("site", _) => names(props::node_keys(crate::NodeKind::Site)),
            ("users", _) => names(props::node_keys(crate::NodeKind::Users)),
            ("subnet", _) => SUBNET.iter().map(|r| r.key).collect(),
            ("gateway", Some("vpn")) => vnet(Needs::VpnGateway),
            ("gateway", Some("er")) => vnet(Needs::ErGateway),
            ("set-link", _) => link_keys.clone(),
            _ => continue,
        };
        // Options in the syntax (`[key=VALUE]`, `[flag]`, `clients=N`); set-link lists its keys in
        // the doc, in parentheses.
        let options: Vec<&str> = if words[0] == "set-link" {
            let list = c.doc.split_once('(').and_then(|(_, rest)| rest.split_once(')'));
            list.map_or(Vec::new(), |(list, _)| {
                list.split([',', ';'])
                    .map(|w| w.trim().trim_start_matches("peering:").trim())
                    .collect()
            })
        } else {
            words
                .iter()
                .filter(|w| w.starts_with('[') || w.contains('='))
                .map(|w| w.trim_matches(['[', ']']))
                .collect()
        };
        for option in options {
            let key = option.split('=').next().unwrap_or("");
            if key.chars().any(|ch| ch.is_ascii_uppercase()) {
                continue; // a placeholder such as [PREFIX...], not an option
            }
            assert!(
                keys.contains(&key),
                "`{}` names {key}, which is not a key of {keys:?}",
                c.syntax
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked} options checked");
}

#[test]
fn long_lines_are_refused_not_parsed() {
    let line = format!("vnet {} 10.0.0.0/8", "a".repeat(MAX_LINE_LEN));
    assert!(err(&line).message.contains("limited"));
}

#[test]
fn a_quoted_location_round_trips_through_set_the_files_and_the_printed_line() {
    use crate::format::{self, Format};
    let value = r#"New "York" \ 5th # floor"#;
    let mut d = Design::default();
    run_script(
        &mut d,
        "site dc 172.21.0.0/16 circuit=1000 location=\"New York\"\n\
         set dc location=\"New \\\"York\\\" \\\\ 5th # floor\" # a comment\n",
    )
    .expect("quoted values");
    let location = |d: &Design| d.site("dc").and_then(|s| s.circuit.as_ref()?.location.clone());
    assert_eq!(location(&d).as_deref(), Some(value));
    for f in [Format::Ron, Format::Json] {
        let again = format::load(&format::to_string(&d, f), Some(f)).expect("loads");
        assert_eq!(location(&again).as_deref(), Some(value), "{f:?}");
    }
    // The line the model prints for the property reads back as the same value.
    let printed = format!("set dc {}", Prop::new("location", value));
    assert_eq!(printed, r#"set dc location="New \"York\" \\ 5th # floor""#);
    let mut other = Design::default();
    run_script(&mut other, "site dc 172.21.0.0/16 circuit=1000").expect("site");
    apply_line(&mut other, &printed).expect("printed line");
    assert_eq!(location(&other).as_deref(), Some(value));
    // The inspector writes the raw text, without quotes.
    let edit = Edit::Set {
        name: "dc".into(),
        props: vec![Prop::new("location", "Silicon Valley")],
    };
    other.apply(&edit).expect("inspector text");
    assert_eq!(location(&other).as_deref(), Some("Silicon Valley"));
}

#[test]
fn an_unterminated_quote_is_refused_at_its_column() {
    let e = err("site dc 172.21.0.0/16 circuit=1000 location=\"New York");
    assert_eq!(e.column, 45);
    assert!(e.message.contains("unterminated quote"), "{}", e.message);
    let e = apply_line(&mut Design::default(), "vnet hub 10.0.0.0/16 region=\"west europe\"").expect_err("region");
    assert!(e.message.contains("without spaces"), "{}", e.message);
    let mut d = Design::default();
    run_script(&mut d, "site dc 172.21.0.0/16 circuit=1000").expect("site");
    let e = apply_line(&mut d, &format!("set dc location=\"{}\"", "x".repeat(201))).expect_err("too long");
    assert!(e.message.contains("at most 200"), "{}", e.message);
}

#[test]
fn unknown_words_get_the_nearest_known_word() {
    let mut d = Design::default();
    run_script(
        &mut d,
        "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nsite office 192.168.0.0/24",
    )
    .expect("script");
    let message = |line: &str| {
        let mut d = d.clone();
        apply_line(&mut d, line).expect_err(line).message
    };
    let e = message("lnk s2s hub office");
    assert!(
        e.starts_with("unknown command (did you mean link?); commands are: vnet,"),
        "{e}"
    );
    assert!(message("set hub regoin=westeurope").contains("(did you mean region?)"));
    assert!(message("gateway hub vpn VnpGw1").contains("(did you mean VpnGw1?)"));
    assert!(message("link s2s hbu office").contains("no node named `hbu` (did you mean hub?)"));
    assert!(message("link peerng hub spoke").contains("(did you mean peering?)"));
    assert!(message("users u 172.16.0.0/24 clients=5 protocol=openvnp").contains("(did you mean openvpn?)"));
    // Far words get no suggestion, only the list.
    let e = message("set hub colour=red");
    assert!(!e.contains("did you mean"), "{e}");
    let e = message("link s2s nowhere office");
    assert_eq!(e, "no node named `nowhere`");
}

#[test]
fn layout_moves_nodes_in_one_step_and_names_a_missing_node() {
    let mut d = Design::default();
    run_script(
        &mut d,
        "vnet hub 10.0.0.0/16 region=westeurope\nsite office 192.168.0.0/24\nlink s2s hub office\n\
         move hub 0 0\nmove office 0 40",
    )
    .expect("script");
    let before = d.clone();
    let change = apply_line(&mut d, "layout").expect("layout").expect("a change");
    let (hub, office) = (d.vnet("hub").expect("hub").pos, d.site("office").expect("site").pos);
    assert!(office.y < hub.y, "the site goes above its hub: {office:?} {hub:?}");
    assert!(change.only_moved(&d));
    d.revert(change);
    assert_eq!(d, before, "one undo step restores every position");
    let e = apply_line(&mut d, "layout hub ghost").expect_err("unknown node");
    assert_eq!(e.word, "ghost");
    assert_eq!(d, before);
    assert_eq!(
        parse_line("layout a b"),
        Ok(Some(Edit::Layout {
            names: vec!["a".into(), "b".into()]
        }))
    );
    assert_eq!(err("layout a,b").word, "a,b");
}

#[test]
fn pin_and_unpin_are_one_undo_step_each_and_a_layout_keeps_pinned_nodes() {
    let mut d = Design::default();
    run_script(
        &mut d,
        "vnet hub 10.0.0.0/16 region=westeurope\nvnet spoke 10.1.0.0/16 region=westeurope\n\
         site office 192.168.0.0/24\nlink s2s hub office\nlink peering hub spoke\n\
         move hub 300 200\nmove spoke 0 0\nmove office 0 60",
    )
    .expect("script");
    let before = d.clone();
    let pin = apply_line(&mut d, "pin hub").expect("pin").expect("a change");
    assert_eq!(pin.summary, "pinned hub");
    assert!(d.node("hub").is_some_and(Node::pinned));
    assert!(!pin.only_moved(&d), "a pin is not a move");
    d.revert(pin);
    assert_eq!(d, before, "one undo step unpins");
    apply_line(&mut d, "pin hub").expect("pin");
    let pinned = d.clone();
    apply_line(&mut d, "layout").expect("layout");
    assert_eq!(
        d.vnet("hub").map(|v| v.pos),
        Some(Pos { x: 300, y: 200 }),
        "the pinned hub stays"
    );
    assert_ne!(
        d.site("office").map(|s| s.pos),
        Some(Pos { x: 0, y: 60 }),
        "the others are laid out"
    );
    d = pinned;
    let unpin = apply_line(&mut d, "unpin hub").expect("unpin").expect("a change");
    assert_eq!(unpin.summary, "unpinned hub");
    apply_line(&mut d, "layout").expect("layout");
    assert_ne!(
        d.vnet("hub").map(|v| v.pos),
        Some(Pos { x: 300, y: 200 }),
        "unpinned, it moves"
    );
    let e = apply_line(&mut d, "pin hbu").expect_err("unknown node");
    assert_eq!(e.word, "hbu");
    assert!(e.message.contains("did you mean hub?"), "{}", e.message);
    assert_eq!(err("pin hub spoke").word, "spoke");
    assert_eq!(err("unpin").word, "");
    assert_eq!(
        parse_line("PIN office"),
        Ok(Some(Edit::Pin {
            name: "office".into(),
            pinned: true
        }))
    );
    apply_line(&mut d, "set office pinned=true").expect("set pinned");
    assert!(
        d.node("office").is_some_and(Node::pinned),
        "the property table writes the flag"
    );
}
