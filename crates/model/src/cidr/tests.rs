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
