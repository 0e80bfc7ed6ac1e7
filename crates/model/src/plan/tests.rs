//! `auto/N` against the design: what it avoids, where it looks, the pool, undo, the file, and a
//! brute-force reference.

use std::fmt::Write as _;

use proptest::prelude::*;

use super::*;
use crate::cidr;
use crate::format::{self, Format};
use crate::{apply_line, run_script};

fn design(script: &str) -> Design {
    let mut d = Design::default();
    if let Err(e) = run_script(&mut d, script) {
        panic!("{script}: {e}");
    }
    d
}

fn net(text: &str) -> IpNet {
    text.parse().unwrap_or_else(|_| panic!("{text}"))
}

fn space(d: &Design, name: &str) -> Vec<IpNet> {
    d.node(name).map(|n| n.prefixes().to_vec()).unwrap_or_default()
}

#[test]
fn the_reference_spokes_take_the_next_free_sixteens() {
    let mut d = design("vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27");
    for (name, want) in [
        ("spoke1", "10.1.0.0/16"),
        ("spoke2", "10.2.0.0/16"),
        ("spoke3", "10.3.0.0/16"),
    ] {
        let change = apply_line(&mut d, &format!("vnet {name} auto/16"))
            .expect("auto")
            .expect("an edit");
        assert_eq!(space(&d, name), [net(want)]);
        assert!(
            change.summary.ends_with(&format!("(chose {want})")),
            "{}",
            change.summary
        );
    }
}

#[test]
fn auto_avoids_every_prefix_in_use_and_the_other_prefixes_of_the_line() {
    let mut d = design(
        "vnet hub 10.0.0.0/16\nsubnet hub stray 10.1.0.0/24\nsite dc 10.2.0.0/15\nusers vpn 10.4.0.0/22 clients=5",
    );
    apply_line(&mut d, "vnet a auto/16,10.5.0.0/16,auto/16").expect("auto");
    assert_eq!(
        space(&d, "a"),
        [net("10.6.0.0/16"), net("10.5.0.0/16"), net("10.7.0.0/16")]
    );
    apply_line(&mut d, "users remote auto/22 clients=10").expect("users");
    assert_eq!(space(&d, "remote"), [net("10.1.4.0/22")], "beside the stray subnet");
    apply_line(&mut d, "site branch auto/24").expect("site");
    assert_eq!(space(&d, "branch"), [net("10.1.1.0/24")]);
}

#[test]
fn a_subnet_takes_the_lowest_free_block_of_its_vnet() {
    let mut d = design("vnet hub 10.0.0.0/24,10.0.8.0/24\nsubnet hub a 10.0.0.0/26\nsubnet hub b 10.0.0.128/25");
    apply_line(&mut d, "subnet hub c auto/26").expect("c");
    apply_line(&mut d, "subnet hub d auto/25").expect("d");
    let subnets = |d: &Design| -> Vec<(String, IpNet)> {
        d.vnet("hub")
            .map(|v| v.subnets.iter().map(|s| (s.name.clone(), s.prefix)).collect())
            .unwrap_or_default()
    };
    let got = subnets(&d);
    assert_eq!(got[2], ("c".to_owned(), net("10.0.0.64/26")));
    assert_eq!(
        got[3],
        ("d".to_owned(), net("10.0.8.0/25")),
        "the next prefix of the space"
    );
    // Replacing a subnet: its own block counts as free.
    apply_line(&mut d, "subnet hub a auto/26 hosts=3").expect("a again");
    assert_eq!(subnets(&d)[0], ("a".to_owned(), net("10.0.0.0/26")));
    let before = d.clone();
    let e = apply_line(&mut d, "subnet hub e auto/24").expect_err("no room");
    assert!(
        e.message
            .starts_with("no room for a /24 in hub's address space 10.0.0.0/24,10.0.8.0/24"),
        "{}",
        e.message
    );
    assert_eq!(d, before);
}

#[test]
fn set_plans_a_node_again_leaving_its_own_space_out() {
    let mut d = design("vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nusers vpn 10.2.0.0/24 clients=5");
    apply_line(&mut d, "set spoke prefixes=auto/15").expect("spoke");
    assert_eq!(
        space(&d, "spoke"),
        [net("10.4.0.0/15")],
        "10.0/15 holds hub, 10.2/15 the P2S pool"
    );
    apply_line(&mut d, "set spoke prefixes=auto/16").expect("spoke");
    assert_eq!(
        space(&d, "spoke"),
        [net("10.1.0.0/16")],
        "its own 10.4/15 does not count"
    );
    apply_line(&mut d, "set vpn pool=auto/24").expect("pool");
    assert_eq!(space(&d, "vpn"), [net("10.2.0.0/24")], "its own place is free to it");
    let e = apply_line(&mut d, "set hub prefixes=auto/200").expect_err("length");
    assert!(e.message.contains("from 0 to 128"), "{}", e.message);
}

#[test]
fn the_pool_is_the_designs_and_is_saved_only_when_set() {
    let mut d = design("vnet hub 10.0.0.0/16");
    let default_ron = format::to_ron(&d);
    assert!(!default_ron.contains("pool"), "{default_ron}");
    assert_eq!(d.pool(), DEFAULT_POOL);
    let before = d.clone();
    let change = apply_line(&mut d, "set design pool=172.16.0.0/12,192.168.0.0/16")
        .expect("pool")
        .expect("an edit");
    assert_eq!(d.pool(), [net("172.16.0.0/12"), net("192.168.0.0/16")]);
    apply_line(&mut d, "vnet a auto/16").expect("a");
    assert_eq!(space(&d, "a"), [net("172.16.0.0/16")]);
    for f in [Format::Ron, Format::Json] {
        let text = format::to_string(&d, f);
        assert!(text.contains("172.16.0.0/12"), "{text}");
        assert_eq!(format::load(&text, Some(f)).as_ref(), Ok(&d));
    }
    assert!(!change.only_moved(&d));
    let mut undone = d.clone();
    let reset = apply_line(&mut undone, "set design pool=10.0.0.0/8")
        .expect("reset")
        .expect("edit");
    assert!(
        !format::to_ron(&undone).contains("pool"),
        "the default pool is not written"
    );
    let redo = undone.revert(reset);
    assert_eq!(undone, d, "undo gives the pool back");
    undone.revert(redo);
    assert_eq!(undone.pool(), DEFAULT_POOL, "redo");
    d.revert(change);
    assert_eq!(d.pool(), DEFAULT_POOL);
    assert_eq!(format::to_ron(&before), default_ron);
    // Refusals: an empty pool, a pool of auto, the whole pool in use.
    let e = apply_line(&mut d, "set design pool=").expect_err("empty");
    assert!(e.message.contains("pool"), "{}", e.message);
    let e = apply_line(&mut d, "set design pool=auto/16").expect_err("auto");
    assert!(e.message.contains("not a CIDR prefix"), "{}", e.message);
    apply_line(&mut d, "set design pool=10.0.0.0/16").expect("small pool");
    let e = apply_line(&mut d, "vnet b auto/16").expect_err("no room");
    assert!(
        e.message.contains("no room for a /16 in the pool 10.0.0.0/16"),
        "{}",
        e.message
    );
    assert!(e.message.contains("set design pool="), "{}", e.message);
}

#[test]
fn a_node_called_design_keeps_set_design() {
    let mut d = design("site design 192.168.0.0/24\nset design uplink=100");
    assert_eq!(d.site("design").and_then(|s| s.uplink_mbps), Some(100));
    let e = apply_line(&mut d, "set design pool=172.16.0.0/12").expect_err("the site has no pool");
    assert!(e.message.contains("unknown key `pool` for a site"), "{}", e.message);
    apply_line(&mut d, "set design catalog=2017").expect_err("nor a catalog");
    let mut fresh = Design::default();
    apply_line(&mut fresh, "set design catalog=2017").expect("catalog");
    assert_eq!(fresh.era, crate::Era::Y2017);
}

/// The lowest free /len of the pool by trying every block in order.
fn brute_next_free(d: &Design, len: u8) -> Option<IpNet> {
    let taken = d.prefixes_in_use(None);
    d.pool()
        .iter()
        .flat_map(|p| p.subnets(len).into_iter().flatten())
        .find(|c| !taken.iter().any(|t| cidr::overlaps(c, t)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// In a design of random VNets, subnets, sites and pools inside a small pool, `vnet new auto/N`
    /// takes the lowest free /N, which overlaps nothing in use.
    #[test]
    fn auto_takes_the_lowest_free_prefix_of_the_design(
        nodes in prop::collection::vec((0u8..3, 0u32..256, 20u8..=28), 0..12),
        len in 20u8..=28,
    ) {
        let mut script = String::from("set design pool=10.0.0.0/20\n");
        for (i, (kind, at, l)) in nodes.iter().enumerate() {
            let p = ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(0x0A00_0000 | (at << 4)), *l)
                .map(|n| n.trunc().to_string())
                .unwrap_or_default();
            let kind = ["vnet", "site", "users"][usize::from(*kind)];
            let clients = if kind == "users" { " clients=1" } else { "" };
            let _ = writeln!(script, "{kind} n{i} {p}{clients}");
        }
        let mut d = design(&script);
        let expected = brute_next_free(&d, len);
        prop_assert_eq!(d.next_free(len), expected);
        let before = d.clone();
        match apply_line(&mut d, &format!("vnet new auto/{len}")) {
            Ok(_) => {
                let got = space(&d, "new");
                prop_assert_eq!(got.first().copied(), expected);
                let taken = before.prefixes_in_use(None);
                prop_assert!(got.iter().all(|g| taken.iter().all(|t| !cidr::overlaps(g, t))));
            }
            Err(e) => {
                prop_assert!(expected.is_none(), "{}", e);
                prop_assert_eq!(d, before);
            }
        }
    }
}

/// The lowest free /len of `space` by trying every block in order: the allocator's reference.
fn brute_lowest_free(space: &[IpNet], taken: &[IpNet], len: u8) -> Option<IpNet> {
    let mut candidates: Vec<IpNet> = Vec::new();
    for s in space {
        if len < s.prefix_len() || len > s.max_prefix_len() {
            continue;
        }
        if let Ok(subnets) = s.trunc().subnets(len) {
            candidates.extend(subnets);
        }
    }
    candidates.sort_by_key(cidr::range);
    candidates
        .into_iter()
        .find(|c| !taken.iter().any(|t| cidr::overlaps(c, t)))
}

fn small_v4() -> impl Strategy<Value = IpNet> {
    // Inside 10.0.0.0/16 (plus a neighbour range), lengths 14 to 28: a few thousand blocks at most.
    (0u32..0x2_0000, 14u8..=28).prop_map(|(a, l)| {
        IpNet::V4(
            ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(0x0A00_0000 | a), l)
                .map_or_else(|_| ipnet::Ipv4Net::default(), |n| n.trunc()),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The prefix chosen is the lowest free one and overlaps nothing taken; none is chosen only when
    /// none is free.
    #[test]
    fn lowest_free_is_the_brute_force_answer(
        space in prop::collection::vec(small_v4(), 1..3),
        taken in prop::collection::vec(small_v4(), 0..24),
        len in 16u8..=28,
    ) {
        let got = lowest_free(&space, &taken, len);
        prop_assert_eq!(got, brute_lowest_free(&space, &taken, len));
        if let Some(net) = got {
            prop_assert_eq!(net.prefix_len(), len);
            prop_assert!(space.iter().any(|s| cidr::contains(s, &net)));
            prop_assert!(taken.iter().all(|t| !cidr::overlaps(t, &net)));
        }
    }
}

#[test]
fn lowest_free_handles_both_families_and_the_edges() {
    let nets = |s: &[&str]| -> Vec<IpNet> { s.iter().map(|p| p.parse().expect("prefix")).collect() };
    let one = |s: &str| -> IpNet { s.parse().expect("prefix") };
    // IPv4 before IPv6; an IPv6 length only fits the IPv6 space.
    let space = nets(&["fd00::/48", "10.0.0.0/30"]);
    assert_eq!(lowest_free(&space, &[], 31), Some(one("10.0.0.0/31")));
    assert_eq!(lowest_free(&space, &nets(&["10.0.0.0/30"]), 31), None);
    assert_eq!(lowest_free(&space, &nets(&["10.0.0.0/30"]), 64), Some(one("fd00::/64")));
    assert_eq!(
        lowest_free(&space, &nets(&["fd00::/64"]), 64),
        Some(one("fd00:0:0:1::/64"))
    );
    // Whole spaces, single addresses, the top of the range, lengths that do not fit.
    assert_eq!(lowest_free(&nets(&["0.0.0.0/0"]), &[], 0), Some(one("0.0.0.0/0")));
    assert_eq!(lowest_free(&nets(&["::/0"]), &[], 0), Some(one("::/0")));
    assert_eq!(
        lowest_free(&nets(&["255.255.255.254/31"]), &nets(&["255.255.255.254/32"]), 32),
        Some(one("255.255.255.255/32"))
    );
    assert_eq!(
        lowest_free(&nets(&["ffff::/16"]), &nets(&["ffff::/17"]), 17),
        Some(one("ffff:8000::/17"))
    );
    assert_eq!(lowest_free(&nets(&["ffff::/16"]), &nets(&["ffff::/16"]), 17), None);
    assert_eq!(
        lowest_free(&nets(&["10.0.0.0/16"]), &[], 8),
        None,
        "a /8 does not fit a /16"
    );
    assert_eq!(lowest_free(&nets(&["10.0.0.0/16"]), &[], 33), None);
    assert_eq!(lowest_free(&[], &[], 24), None);
}
