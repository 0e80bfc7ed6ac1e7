//! Completion, position by position, on a small hybrid design; and no input makes it panic.

use proptest::prelude::*;

use super::*;
use crate::run_script;

const DESIGN: &str = "\
vnet hub 10.0.0.0/16
subnet hub GatewaySubnet 10.0.255.0/27
gateway hub vpn VpnGw2AZ
gateway hub er ErGw1AZ
vnet spoke1 10.1.0.0/16
vnet spoke2 10.2.0.0/16
vnet dr 10.50.0.0/16
gateway dr vpn VpnGw1AZ
site branch1 192.168.10.0/24 ip=203.0.113.10
site dc 10.200.0.0/16 circuit=1000
users remote 172.16.0.0/22 clients=500
link peering hub spoke1 allow-gateway-transit@hub use-remote-gateways@spoke1
link peering hub spoke2
";

fn design() -> Design {
    let mut d = Design::default();
    if let Err(e) = run_script(&mut d, DESIGN) {
        panic!("{e}");
    }
    d
}

/// Completion at the end of `line`.
fn at_end(line: &str) -> Completion {
    complete(&design(), line, line.len())
}

fn texts(c: &Completion) -> Vec<&str> {
    c.candidates.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn the_first_word_is_a_command() {
    let c = at_end("");
    assert_eq!(c.expects, Expect::Command);
    assert_eq!(texts(&c)[..3], ["vnet", "subnet", "gateway"]);
    assert!(c.candidates[0].note.starts_with("add a VNet"), "{:?}", c.candidates[0]);
    let c = at_end("dup");
    assert_eq!(texts(&c), ["duplicate"]);
    assert_eq!(c.range, 0..3);
    assert_eq!(texts(&at_end("lnk"))[0], "link", "letters in order");
    assert_eq!(at_end("link").syntax, Some("link s2s|p2s|v2v|peering|er A B [options]"));
    let c = at_end("lnk s2s ");
    assert_eq!(
        (c.expects, c.suggestion.as_deref()),
        (Expect::Nothing, Some("lnk: did you mean link?"))
    );
}

#[test]
fn link_ends_offer_the_kinds_that_fit_best_first() {
    let c = at_end("link ");
    assert_eq!(
        (c.expects, texts(&c)),
        (Expect::LinkKind, vec!["s2s", "p2s", "v2v", "peering", "er"])
    );
    let c = at_end("link s2s ");
    assert_eq!(c.expects, Expect::VnetName);
    assert_eq!(
        texts(&c),
        ["dr", "hub", "spoke1", "spoke2"],
        "VNets with a VPN gateway first, no site"
    );
    assert_eq!(c.candidates[1].note, "vnet 10.0.0.0/16");
    assert_eq!(texts(&at_end("link er ")), ["hub", "dr", "spoke1", "spoke2"]);
    let c = at_end("link s2s hub ");
    assert_eq!((c.expects, texts(&c)), (Expect::NodeName, vec!["branch1", "dc"]));
    assert_eq!(
        texts(&at_end("link er hub ")),
        ["dc", "branch1"],
        "the site with a circuit first"
    );
    assert_eq!(texts(&at_end("link p2s hub ")), ["remote"]);
    assert_eq!(
        texts(&at_end("link peering spoke1 ")),
        ["dr", "spoke2", "hub"],
        "not itself; the VNet it is already peered to last"
    );
    assert_eq!(texts(&at_end("link v2v hub ")), ["dr", "spoke1", "spoke2"]);
    assert_eq!(texts(&at_end("link s2s hub b")), ["branch1"]);
    assert_eq!(
        texts(&at_end("unlink peering ")),
        ["hub", "spoke1", "spoke2"],
        "ends of peerings only"
    );
    assert_eq!(texts(&at_end("set-link peering spoke2 ")), ["hub"]);
    assert!(at_end("link tunnel ").candidates.is_empty());
}

#[test]
fn options_are_the_keys_of_the_table_and_then_their_values() {
    let c = at_end("link s2s hub branch1 ");
    assert_eq!(c.expects, Expect::Key);
    assert_eq!(texts(&c)[..3], ["bgp", "custom-ipsec", "nat"], "flags are bare");
    assert!(
        !texts(&at_end("link s2s hub branch1 bgp ")).contains(&"bgp"),
        "a key given is not offered again"
    );
    let keys = texts(&at_end("set hub "))
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    assert_eq!(keys[..4], ["name=", "prefixes=", "region=", "classic"]);
    let c = at_end("set-link peering hub spoke1 ");
    assert_eq!(
        texts(&c)[..3],
        [
            "allow-gateway-transit@hub",
            "use-remote-gateways@hub",
            "forwarded-traffic@hub"
        ],
        "a side is named by its VNet"
    );
    let line = "set hub vpn-sku=2az";
    let c = at_end(line);
    assert_eq!((c.expects, texts(&c)), (Expect::Sku, vec!["VpnGw2AZ"]));
    assert_eq!(c.range, 16..line.len(), "the value after `=`");
    assert_eq!(texts(&at_end("set remote protocol=o")), ["openvpn"]);
    assert_eq!(texts(&at_end("set hub classic=")), ["false", "true"]);
    let c = at_end("set hub region=westeu");
    assert_eq!((c.expects, texts(&c)[0]), (Expect::Region, "westeurope"));
    let line = "set dc location=\"New Y";
    let c = at_end(line);
    assert_eq!(texts(&c)[0], "\"New York\"", "quoted: it holds a space");
    assert_eq!(c.range, 16..line.len());
    let c = at_end("set hub prefixes=");
    assert_eq!((c.expects, texts(&c)[0]), (Expect::Prefix, "auto/16"));
    let c = at_end("set design ");
    assert_eq!(texts(&c), ["pool=", "catalog="]);
    assert_eq!(
        c.syntax,
        Some("set design pool=PREFIX[,PREFIX...] [catalog=current|2017]")
    );
    assert_eq!(texts(&at_end("set design catalog=")), ["current", "2017"]);
    assert_eq!(
        texts(&at_end("set-link peering hub spoke1 allow-gateway-transit=")),
        ["none", "hub", "spoke1"]
    );
}

#[test]
fn prefixes_names_skus_and_keywords() {
    let c = at_end("vnet spoke3 ");
    assert_eq!((c.expects, texts(&c)[0]), (Expect::Prefix, "auto/16"));
    assert_eq!(texts(&at_end("subnet hub GatewaySubnet "))[0], "auto/27");
    assert_eq!(texts(&at_end("users u "))[0], "auto/22");
    let c = at_end("subnet hub ");
    assert_eq!((c.expects, texts(&c)), (Expect::NewName, vec!["GatewaySubnet"]));
    let c = at_end("vnet spoke1");
    assert_eq!(
        (c.expects, texts(&c)),
        (Expect::NewName, vec!["spoke3"]),
        "a taken name: the next free one"
    );
    assert!(at_end("vnet fresh").candidates.is_empty());
    let c = at_end("gateway hub ");
    assert_eq!((c.expects, texts(&c)), (Expect::Flag, vec!["vpn", "er"]));
    let c = at_end("gateway hub vpn ");
    let catalog: Vec<&str> = crate::Catalog::get(crate::Era::Current)
        .vpn
        .iter()
        .map(|s| s.sku.as_str())
        .collect();
    assert_eq!(c.expects, Expect::Sku);
    assert!(texts(&c).iter().all(|t| catalog.contains(t)) && texts(&c).len() >= 5);
    assert!(
        c.candidates[0].note.ends_with("Mbps aggregate"),
        "{:?}",
        c.candidates[0]
    );
    let mut old = design();
    crate::apply_line(&mut old, "catalog 2017").expect("era");
    let c = complete(&old, "gateway hub vpn ", 16);
    assert!(
        !texts(&c).contains(&"VpnGw2AZ"),
        "the SKUs of the design's era: {:?}",
        texts(&c)
    );
    assert!(texts(&at_end("gateway hub er ")).contains(&"ErGw1AZ"));
    assert_eq!(texts(&at_end("duplicate spoke1 ")), ["as"]);
    assert_eq!(texts(&at_end("duplicate spoke1 as ")), ["spoke3"]);
    assert_eq!(texts(&at_end("delete hub/")), ["hub/GatewaySubnet"]);
    assert_eq!(texts(&at_end("catalog ")), ["current", "2017"]);
    assert_eq!(at_end("move hub ").expects, Expect::Nothing);
    assert!(
        texts(&at_end("layout hub sp")).starts_with(&["spoke1", "spoke2"]),
        "{:?}",
        texts(&at_end("layout hub sp"))
    );
    assert_eq!(texts(&at_end("set ")).first(), Some(&"design"));
    assert_eq!(texts(&at_end("pin sp")), ["spoke1", "spoke2"]);
    assert_eq!(texts(&at_end("unpin d")).first(), Some(&"dc"));
    assert_eq!(at_end("pin hub ").expects, Expect::Nothing);
    assert!(
        texts(&at_end("set hub pi")).contains(&"pinned"),
        "{:?}",
        texts(&at_end("set hub pi"))
    );
}

#[test]
fn an_unknown_word_before_the_cursor_gets_a_suggestion() {
    assert_eq!(
        at_end("link s2s hbu ").suggestion.as_deref(),
        Some("hbu: did you mean hub?")
    );
    assert_eq!(
        at_end("set hub regoin=x ").suggestion.as_deref(),
        Some("regoin: did you mean region?")
    );
    assert_eq!(
        at_end("link peerng hub ").suggestion.as_deref(),
        Some("peerng: did you mean peering?")
    );
    assert_eq!(
        at_end("gateway hub vpn VnpGw1 ").suggestion.as_deref(),
        Some("VnpGw1: did you mean VpnGw1?")
    );
    assert_eq!(at_end("link s2s hub branch1 bgp ").suggestion, None);
    assert_eq!(
        at_end("link s2s hbu").suggestion,
        None,
        "the word under the cursor is still being typed"
    );
}

#[test]
fn the_cursor_can_be_anywhere() {
    let line = "set hub regoin=x";
    let c = complete(&design(), line, 10);
    assert_eq!((c.range.clone(), c.expects), (8..16, Expect::Key));
    assert_eq!(texts(&c)[0], "region=", "what is before the cursor is matched");
    let c = complete(&design(), "vnet a # note", 13);
    assert_eq!((c.expects, c.candidates.len()), (Expect::Nothing, 0));
    let c = complete(&design(), "vnet é", 6);
    assert_eq!(c.range, 5..7, "back to a character boundary");
    assert_eq!(complete(&design(), "link", 99).range, 0..4);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Any line and cursor: no panic, a range inside the line on character boundaries, at most 50.
    #[test]
    fn completion_never_panics_and_stays_in_the_line(line in "[a-z0-9 =/@\"#.é\\\\-]{0,40}", cursor in 0usize..50) {
        let d = design();
        let words = ["link s2s hub ", "set hub ", "set-link peering hub spoke1 ", "vnet a ", ""];
        for prefix in words {
            let full = format!("{prefix}{line}");
            let c = complete(&d, &full, cursor + prefix.len());
            prop_assert!(c.range.start <= c.range.end && c.range.end <= full.len());
            prop_assert!(full.is_char_boundary(c.range.start) && full.is_char_boundary(c.range.end));
            prop_assert!(c.candidates.len() <= 50);
        }
    }
}
