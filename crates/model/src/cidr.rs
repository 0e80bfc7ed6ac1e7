//! Prefix arithmetic over [`ipnet`]: ranges, containment, and the overlap sweep.
//!
//! CIDR prefixes form a laminar family: two prefixes are either disjoint or one contains the other.
//! [`overlapping_pairs`] uses that: after sorting by (family, first address, prefix length) the
//! prefixes that contain the current one form a stack, so every overlapping pair is found in
//! O(n log n + k) for k pairs, instead of comparing every pair (n²).

use ipnet::IpNet;

/// The address family and the first and last address of a prefix, as integers.
pub fn range(net: &IpNet) -> (u8, u128, u128) {
    match net {
        IpNet::V4(n) => (
            4,
            u128::from(u32::from(n.network())),
            u128::from(u32::from(n.broadcast())),
        ),
        IpNet::V6(n) => (6, u128::from(n.network()), u128::from(n.broadcast())),
    }
}

/// `true` when the two prefixes share at least one address (never across families).
///
/// # Examples
/// ```
/// use vnetsketch_model::cidr::overlaps;
/// let a = "10.0.0.0/16".parse().unwrap();
/// assert!(overlaps(&a, &"10.0.5.0/24".parse().unwrap()));
/// assert!(!overlaps(&a, &"10.1.0.0/16".parse().unwrap()));
/// assert!(!overlaps(&a, &"::/0".parse().unwrap()));
/// ```
pub fn overlaps(a: &IpNet, b: &IpNet) -> bool {
    let (fa, sa, ea) = range(a);
    let (fb, sb, eb) = range(b);
    fa == fb && sa <= eb && sb <= ea
}

/// `true` when the prefix has no host bits set (`10.0.0.0/16`, not `10.0.0.1/16`): what
/// `net.trunc() == net` says, with one mask instead of building a new prefix.
///
/// # Examples
/// ```
/// use vnetsketch_model::cidr::is_network;
/// assert!(is_network(&"10.0.0.0/16".parse().unwrap()));
/// assert!(!is_network(&"10.0.0.1/16".parse().unwrap()));
/// assert!(is_network(&"0.0.0.0/0".parse().unwrap()));
/// assert!(!is_network(&"fd00::1/64".parse().unwrap()));
/// ```
pub fn is_network(net: &IpNet) -> bool {
    match net {
        IpNet::V4(n) => u32::from(n.addr()) & u32::MAX.checked_shr(u32::from(n.prefix_len())).unwrap_or(0) == 0,
        IpNet::V6(n) => u128::from(n.addr()) & u128::MAX.checked_shr(u32::from(n.prefix_len())).unwrap_or(0) == 0,
    }
}

/// `true` when every address of `inner` is in `outer`.
pub fn contains(outer: &IpNet, inner: &IpNet) -> bool {
    let (fo, so, eo) = range(outer);
    let (fi, si, ei) = range(inner);
    fo == fi && so <= si && ei <= eo
}

/// `true` when some prefix of `a` overlaps some prefix of `b`.
pub fn any_overlap(a: &[IpNet], b: &[IpNet]) -> bool {
    a.iter().any(|x| b.iter().any(|y| overlaps(x, y)))
}

/// Addresses in a prefix, saturating at `u128::MAX`.
pub fn size(net: &IpNet) -> u128 {
    let (_, s, e) = range(net);
    (e - s).saturating_add(1)
}

/// Usable host addresses in an Azure subnet: the size less the 5 addresses Azure reserves \[S24\].
pub fn azure_usable_hosts(net: &IpNet) -> u128 {
    size(net).saturating_sub(5)
}

/// Every pair `(i, j)` with `i < j` of `nets` whose prefixes overlap, in O(n log n + k).
///
/// # Examples
/// ```
/// use vnetsketch_model::cidr::overlapping_pairs;
/// let nets: Vec<ipnet::IpNet> = ["10.0.0.0/8", "192.168.0.0/16", "10.1.0.0/16"]
///     .iter().map(|s| s.parse().unwrap()).collect();
/// assert_eq!(overlapping_pairs(&nets), vec![(0, 2)]);
/// ```
pub fn overlapping_pairs(nets: &[IpNet]) -> Vec<(usize, usize)> {
    let mut order: Vec<(u8, u128, u128, usize)> = nets
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let (f, s, e) = range(n);
            (f, s, e, i)
        })
        .collect();
    // Containers first: by family, start, then the larger range (greater end) first.
    order.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)).then(y.2.cmp(&x.2)).then(x.3.cmp(&y.3)));
    let mut stack: Vec<(u8, u128, usize)> = Vec::new();
    let mut out = Vec::new();
    for (family, start, end, i) in order {
        while stack.last().is_some_and(|&(f, e, _)| f != family || e < start) {
            stack.pop();
        }
        for &(_, _, j) in &stack {
            out.push((i.min(j), i.max(j)));
        }
        stack.push((family, end, i));
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
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
}
