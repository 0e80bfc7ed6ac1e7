//! `duplicate`: names, space, subnets, gateways, the hub peering, the place, one undo step.

use crate::design::{Design, LinkKind, Pos};
use crate::{apply_line, run_script};

use super::duplicate::next_free_name;

const HUB_AND_SPOKE: &str = "\
vnet hub 10.0.0.0/16 region=westeurope
subnet hub GatewaySubnet 10.0.255.0/27
gateway hub vpn VpnGw2AZ active-active asn=65010
vnet spoke1 10.1.0.0/16 region=westeurope
subnet spoke1 app 10.1.1.0/24 hosts=20
subnet spoke1 data 10.1.2.0/24
subnet spoke1 stray 10.9.0.0/24
vnet other 10.3.0.0/16
link peering hub spoke1 allow-gateway-transit@hub use-remote-gateways@spoke1 forwarded-traffic@spoke1
link peering spoke1 other
move spoke1 30 10
";

fn design(script: &str) -> Design {
    let mut d = Design::default();
    if let Err(e) = run_script(&mut d, script) {
        panic!("{script}: {e}");
    }
    d
}

fn text(nets: &[ipnet::IpNet]) -> Vec<String> {
    nets.iter().map(ToString::to_string).collect()
}

#[test]
fn a_spoke_is_copied_with_its_subnets_in_place_and_its_peering_to_the_hub() {
    let mut d = design(HUB_AND_SPOKE);
    let before = d.clone();
    let change = apply_line(&mut d, "duplicate spoke1")
        .expect("duplicate")
        .expect("an edit");
    assert_eq!(
        change.summary,
        "duplicated spoke1 as spoke2 (10.2.0.0/16), peered to hub"
    );
    let copy = d.vnet("spoke2").expect("spoke2");
    assert_eq!(
        text(&copy.prefixes),
        ["10.2.0.0/16"],
        "the next free /16 (10.9.0.0/24 is a subnet)"
    );
    let subnets: Vec<(String, String, u32)> = copy
        .subnets
        .iter()
        .map(|s| (s.name.clone(), s.prefix.to_string(), s.hosts))
        .collect();
    assert_eq!(
        subnets,
        [
            ("app".to_owned(), "10.2.1.0/24".to_owned(), 20),
            ("data".to_owned(), "10.2.2.0/24".to_owned(), 0),
            ("stray".to_owned(), "10.2.0.0/24".to_owned(), 0),
        ],
        "relative places kept; the subnet outside the space takes the lowest free block"
    );
    assert_eq!(copy.region.as_deref(), Some("westeurope"));
    assert_eq!(copy.pos, Pos { x: 55, y: 10 });
    let peerings: Vec<_> = d.links_of("spoke2").map(|(_, l)| l.clone()).collect();
    assert_eq!(peerings.len(), 1, "only the peering to the hub: {peerings:?}");
    let p = &peerings[0];
    assert_eq!(
        (p.kind, p.a.as_str(), p.b.as_str()),
        (LinkKind::Peering, "hub", "spoke2")
    );
    assert!(p.allows_transit("hub") && p.uses_remote("spoke2") && p.allows_forwarded("spoke2"));
    assert!(!p.allows_forwarded("hub") && !p.uses_remote("hub"));
    d.revert(change);
    assert_eq!(d, before, "one undo step");
}

#[test]
fn a_hub_keeps_its_gateways_and_names_count_up() {
    let mut d = design(HUB_AND_SPOKE);
    apply_line(&mut d, "duplicate hub").expect("hub");
    let hub2 = d.vnet("hub2").expect("hub2");
    assert_eq!(d.vnet("hub").map(|h| &h.vpn), Some(&hub2.vpn), "the gateway is copied");
    assert_eq!(hub2.subnets[0].prefix.to_string(), "10.2.255.0/27");
    assert_eq!(
        d.links_of("hub2").count(),
        0,
        "a hub uses no remote gateway: no peering comes along"
    );
    apply_line(&mut d, "duplicate spoke1 as web").expect("as");
    assert!(d.vnet("web").is_some());
    assert_eq!(next_free_name(&d, "spoke1"), "spoke2");
    let d = design("vnet spoke-01 10.0.0.0/24\nvnet spoke-02 10.0.1.0/24\nvnet s9 10.0.2.0/24");
    assert_eq!(next_free_name(&d, "spoke-01"), "spoke-03");
    assert_eq!(next_free_name(&d, "s9"), "s10");
    let long = "x".repeat(80);
    assert_eq!(next_free_name(&Design::default(), &long).len(), 80);
}

#[test]
fn sites_and_user_groups_are_copied_with_fresh_space() {
    let mut d = design(
        "site branch1 192.168.10.0/24 ip=203.0.113.10 asn=65501 uplink=500\nusers remote 172.16.0.0/22 clients=500 protocol=openvpn",
    );
    apply_line(&mut d, "duplicate branch1").expect("site");
    let s = d.site("branch2").expect("branch2");
    assert_eq!(text(&s.prefixes), ["10.0.0.0/24"]);
    assert_eq!(
        (s.ip, s.asn, s.uplink_mbps),
        (None, Some(65501), Some(500)),
        "a device has its own address"
    );
    apply_line(&mut d, "duplicate remote").expect("users");
    let u = d.users("remote2").expect("remote2");
    assert_eq!((u.pool.to_string(), u.clients), ("10.0.4.0/22".to_owned(), 500));
}

#[test]
fn refusals_change_nothing_and_say_why() {
    let mut d = design(HUB_AND_SPOKE);
    let before = d.clone();
    let e = apply_line(&mut d, "duplicate spok1").expect_err("unknown");
    assert!(e.message.contains("did you mean spoke1?"), "{}", e.message);
    let e = apply_line(&mut d, "duplicate spoke1 as hub").expect_err("taken");
    assert!(e.message.contains("already used"), "{}", e.message);
    let e = apply_line(&mut d, "duplicate spoke1 like x").expect_err("syntax");
    assert!(
        e.message.contains("usage: duplicate NAME [as NEWNAME]"),
        "{}",
        e.message
    );
    assert_eq!(d, before);
    apply_line(&mut d, "set design pool=10.0.0.0/15").expect("small pool");
    let small = d.clone();
    let e = apply_line(&mut d, "duplicate other").expect_err("no room");
    assert!(
        e.message.contains("no room for a /16 in the pool 10.0.0.0/15"),
        "{}",
        e.message
    );
    assert_eq!(d, small);
}
