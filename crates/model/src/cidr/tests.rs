//! The sweep and the set overlaps against brute force; ranges, containment and host counts.

use super::*;
use proptest::prelude::*;

fn net() -> impl Strategy<Value = IpNet> {
    prop_oneof![
        (any::<u32>(), 0u8..=32).prop_map(|(a, l)| IpNet::V4(
            ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(a & 0xFF00_0000 | (a & 0xFFFF)), l)
                .map(|n| n.trunc())
                .unwrap_or_default()
        )),
        (any::<u128>(), 0u8..=128).prop_map(|(a, l)| IpNet::V6(
            ipnet::Ipv6Net::new(std::net::Ipv6Addr::from(a & (0xFFFF << 112 | 0xFFFF)), l)
                .map(|n| n.trunc())
                .unwrap_or_default()
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn sweep_matches_brute_force(nets in prop::collection::vec(net(), 0..40)) {
        let mut brute = Vec::new();
        for i in 0..nets.len() {
            for j in i + 1..nets.len() {
                if overlaps(&nets[i], &nets[j]) {
                    brute.push((i, j));
                }
            }
        }
        prop_assert_eq!(overlapping_pairs(&nets), brute);
    }

    #[test]
    fn is_network_agrees_with_trunc(v4 in any::<u32>(), l4 in 0u8..=32, v6 in any::<u128>(), l6 in 0u8..=128) {
        // Raw addresses: host bits set more often than not.
        for a in [
            IpNet::V4(ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(v4), l4).unwrap_or_default()),
            IpNet::V6(ipnet::Ipv6Net::new(std::net::Ipv6Addr::from(v6), l6).unwrap_or_default()),
        ] {
            prop_assert_eq!(is_network(&a), a.trunc() == a, "{}", a);
        }
    }

    /// The generic sweep: each prefix meets exactly the prefixes before it in the input that are
    /// identical to it, and the other prefixes that contain it, outermost first.
    #[test]
    fn sweep_meets_every_container_once(nets in prop::collection::vec(net(), 0..40)) {
        let mut met: Vec<(usize, Vec<usize>)> = Vec::new();
        sweep(nets.iter().copied().zip(0..), |i: usize, containers| met.push((i, containers.to_vec())));
        prop_assert_eq!(met.len(), nets.len(), "each prefix once");
        for (i, containers) in met {
            let mut brute: Vec<usize> = (0..nets.len())
                .filter(|&j| j != i && contains(&nets[j], &nets[i]) && (nets[j] != nets[i] || j < i))
                .collect();
            // Outermost first: shorter prefixes first, identical ones in input order.
            brute.sort_by_key(|&j| (nets[j].prefix_len(), j));
            prop_assert_eq!(containers, brute, "containers of {}", nets[i]);
        }
    }

    #[test]
    fn overlap_is_symmetric_and_matches_containment(a in net(), b in net()) {
        prop_assert_eq!(overlaps(&a, &b), overlaps(&b, &a));
        prop_assert_eq!(overlaps(&a, &b), contains(&a, &b) || contains(&b, &a));
        prop_assert!(overlaps(&a, &a));
    }
}

#[test]
fn families_never_overlap_and_reserved_addresses_are_counted() {
    let v4: IpNet = "0.0.0.0/0".parse().expect("v4");
    let v6: IpNet = "::/0".parse().expect("v6");
    assert!(!overlaps(&v4, &v6));
    assert_eq!(azure_usable_hosts(&"10.0.0.0/29".parse().expect("net")), 3);
    assert_eq!(size(&v6), u128::MAX);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn set_overlaps_match_brute_force(sets in prop::collection::vec(prop::collection::vec((0u32..32, 22u8..=26, any::<bool>()), 0..4), 0..8)) {
        let sets: Vec<Vec<IpNet>> = sets
            .iter()
            .map(|set| set.iter().map(|&(a, len, v6)| if v6 {
                IpNet::V6(ipnet::Ipv6Net::new(std::net::Ipv6Addr::new(0xfd00, 0, (a << 11) as u16, 0, 0, 0, 0, 0), len + 24).unwrap_or_default())
            } else {
                IpNet::V4(ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(0x0A00_0000 | (a << 9)), len).unwrap_or_default())
            }).collect())
            .collect();
        let refs: Vec<&[IpNet]> = sets.iter().map(Vec::as_slice).collect();
        let mut brute = Vec::new();
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let count = sets[i].iter().flat_map(|p| sets[j].iter().map(move |q| (p, q))).filter(|(p, q)| overlaps(p, q)).count();
                if count > 0 {
                    brute.push((i, j, count));
                }
            }
        }
        let found = set_overlaps(&refs, 10_000);
        let got: Vec<(usize, usize, usize)> = found.iter().map(|f| (f.sets.0, f.sets.1, f.count)).collect();
        prop_assert_eq!(got, brute);
        for f in found {
            let ((i, j), (ni, nj)) = (f.sets, f.nets);
            prop_assert!(sets[i].contains(&ni) && sets[j].contains(&nj) && overlaps(&ni, &nj));
        }
    }
}

#[test]
fn set_overlaps_stop_at_the_cap() {
    // Ten sets on one range: 45 pairs of sets, capped at 7.
    let one: Vec<IpNet> = vec!["10.0.0.0/16".parse().expect("net")];
    let sets: Vec<&[IpNet]> = (0..10).map(|_| one.as_slice()).collect();
    assert_eq!(set_overlaps(&sets, 100).len(), 45);
    let capped = set_overlaps(&sets, 7);
    assert_eq!(capped.len(), 7);
    assert_eq!(capped[0].sets, (0, 1));
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
    candidates.sort_by_key(range);
    candidates.into_iter().find(|c| !taken.iter().any(|t| overlaps(c, t)))
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
            prop_assert!(space.iter().any(|s| contains(s, &net)));
            prop_assert!(taken.iter().all(|t| !overlaps(t, &net)));
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
