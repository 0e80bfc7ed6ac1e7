//! Prefix arithmetic over [`ipnet`]: ranges, containment, and the overlap sweep.
//!
//! CIDR prefixes form a laminar family: two prefixes are either disjoint or one contains the other.
//! [`sweep`] uses that: after sorting by (family, first address, prefix length) the prefixes that
//! contain the current one form a stack, so each prefix meets exactly the prefixes it overlaps that
//! came before it, in O(n log n) plus one step per such pair, instead of comparing every pair (n²).
//! Every overlap check of the model is built on that one sweep: [`overlapping_pairs`] (pairs of
//! prefixes), [`set_overlaps`] (pairs of sets of prefixes: the rules' relations) and the validator's
//! per-node overlap marks (which read the stack's top only, so they cost no more than the sort).
//! The lowest free prefix of a length in a space, for `auto/N`, is `plan::lowest_free` (on [`range`]).

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

/// Visits the prefixes of `items` in sweep order (by family, then first address, the larger of two
/// prefixes with one first address first), each with the tags of the prefixes visited before it that
/// contain it, outermost first: `visit(tag, containers)`. Two identical prefixes count as containing
/// each other; the later of the two in `items` meets the earlier.
///
/// Every overlapping pair of prefixes shows up exactly once, as a prefix and one of its containers.
/// The sweep costs a sort, O(n log n); `visit` decides what the pairs cost: reading every container
/// gives all k pairs in O(n log n + k), reading the last one only keeps it O(n log n).
///
/// # Examples
/// ```
/// use vnetsketch_model::cidr::sweep;
/// let nets = [("10.0.0.0/8", 'a'), ("10.1.0.0/16", 'b'), ("10.1.2.0/24", 'c'), ("192.168.0.0/16", 'd')];
/// let mut seen = Vec::new();
/// sweep(nets.iter().map(|(n, tag)| (n.parse().unwrap(), *tag)), |tag, containers| {
///     seen.push((tag, containers.to_vec()));
/// });
/// assert_eq!(seen, [('a', vec![]), ('b', vec!['a']), ('c', vec!['a', 'b']), ('d', vec![])]);
/// ```
pub fn sweep<T: Copy>(items: impl IntoIterator<Item = (IpNet, T)>, mut visit: impl FnMut(T, &[T])) {
    // Integer keys sort fast: an IPv4 prefix packs its first address and length in one u64.
    let mut tags: Vec<T> = Vec::new();
    let mut v4: Vec<(u64, usize)> = Vec::new();
    let mut v6: Vec<(u128, u8, usize)> = Vec::new();
    for (net, tag) in items {
        let at = tags.len();
        tags.push(tag);
        match net {
            IpNet::V4(n) => v4.push(((u64::from(u32::from(n.network())) << 8) | u64::from(n.prefix_len()), at)),
            IpNet::V6(n) => v6.push((u128::from(n.network()), n.prefix_len(), at)),
        }
    }
    // By first address, the larger of two equal starts first, then input order: the sweep order. A
    // stable sort keeps input order and takes the runs prefixes have in name order (most of them, in
    // a numbered estate), where an unstable one starts from scratch.
    v4.sort_by_key(|&(key, _)| key);
    v6.sort_by_key(|&(start, len, _)| (start, len));
    // The prefixes containing the current one form a stack (CIDR prefixes nest or are disjoint):
    // their last addresses, and their tags for `visit`.
    let mut ends: Vec<u128> = Vec::new();
    let mut stack: Vec<T> = Vec::new();
    let mut run = |ranges: &mut dyn Iterator<Item = (u128, u128, usize)>| {
        ends.clear();
        stack.clear();
        for (start, end, at) in ranges {
            while ends.last().is_some_and(|&e| e < start) {
                ends.pop();
                stack.pop();
            }
            let tag = tags[at];
            visit(tag, &stack);
            ends.push(end);
            stack.push(tag);
        }
    };
    run(&mut v4.iter().map(|&(key, at)| {
        let (start, len) = (u128::from(key >> 8), (key & 0xFF) as u32);
        (start, start + (1u128 << (32 - len.min(32))) - 1, at)
    }));
    run(&mut v6.iter().map(|&(start, len, at)| {
        let host = u128::MAX.checked_shr(u32::from(len)).unwrap_or(0);
        (start, start | host, at)
    }));
}

/// Every pair `(i, j)` with `i < j` of `nets` whose prefixes overlap, in O(n log n + k) ([`sweep`]).
///
/// # Examples
/// ```
/// use vnetsketch_model::cidr::overlapping_pairs;
/// let nets: Vec<ipnet::IpNet> = ["10.0.0.0/8", "192.168.0.0/16", "10.1.0.0/16"]
///     .iter().map(|s| s.parse().unwrap()).collect();
/// assert_eq!(overlapping_pairs(&nets), vec![(0, 2)]);
/// ```
pub fn overlapping_pairs(nets: &[IpNet]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    sweep(nets.iter().copied().zip(0..), |i: usize, containers| {
        out.extend(containers.iter().map(|&j| (i.min(j), i.max(j))));
    });
    out.sort_unstable();
    out
}

/// Two sets of prefixes that share addresses (see [`set_overlaps`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetOverlap {
    /// The two sets' indexes, the lower first.
    pub sets: (usize, usize),
    /// Their first overlapping prefix pair (the first set's, the second's).
    pub nets: (IpNet, IpNet),
    /// How many prefix pairs of the two sets overlap in all.
    pub count: usize,
}

/// Overlaps between distinct sets of prefixes: one [`SetOverlap`] for each pair of sets that share
/// addresses, in order of the pair, with their first overlapping prefix pair and the number of such
/// pairs. At most `max_pairs` pairs of sets are reported, so a hostile design (thousands of networks
/// on one range in one relation) stays bounded.
///
/// One [`sweep`] over the distinct prefixes: identical prefixes are merged first, so the sweep's stack
/// never holds more than one prefix per length and its output is linear; the owners of each
/// overlapping pair are then paired up. A handful of prefixes (two VNets' spaces, mostly) are compared
/// directly.
pub fn set_overlaps(sets: &[&[IpNet]], max_pairs: usize) -> Vec<SetOverlap> {
    /// A prefix's range, its owner (set index) and the prefix.
    type Item = ((u8, u128, u128), usize, IpNet);
    const DIRECT: usize = 8;
    let total: usize = sets.iter().map(|s| s.len()).sum();
    let mut found: Vec<SetOverlap> = Vec::new();
    if total <= DIRECT {
        for (i, si) in sets.iter().enumerate() {
            for (j, sj) in sets.iter().enumerate().skip(i + 1) {
                for p in *si {
                    for q in sj.iter().filter(|q| overlaps(p, q)) {
                        add_pair(&mut found, max_pairs, (i, j), (*p, *q));
                    }
                }
            }
        }
        return found;
    }
    // Every prefix with its owner, grouped by identical range.
    let mut items: Vec<Item> = Vec::with_capacity(total);
    for (i, set) in sets.iter().enumerate() {
        for net in *set {
            items.push((range(net), i, *net));
        }
    }
    items.sort_unstable_by_key(|item| (item.0, item.1));
    let mut distinct: Vec<IpNet> = Vec::new();
    let mut span: Vec<(usize, usize)> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        match span.last_mut() {
            Some(last) if items[last.0].0 == item.0 => last.1 = k + 1,
            _ => {
                distinct.push(item.2);
                span.push((k, k + 1));
            }
        }
    }
    // Prefix pairs of different owners, as (owner, owner, net, net) with the lower owner first.
    let limit = max_pairs.saturating_mul(4);
    let mut raw: Vec<(usize, usize, IpNet, IpNet)> = Vec::new();
    let mut pair_up = |xs: &[Item], ys: Option<&[Item]>| {
        for (k, a) in xs.iter().enumerate() {
            // Within one range every later item overlaps `a`; across two ranges every item of `ys` does.
            let others = ys.unwrap_or(&xs[k + 1..]);
            for b in others.iter().filter(|b| b.1 != a.1) {
                if raw.len() >= limit {
                    return;
                }
                raw.push(if a.1 < b.1 {
                    (a.1, b.1, a.2, b.2)
                } else {
                    (b.1, a.1, b.2, a.2)
                });
            }
        }
    };
    // The owners of one range overlap each other, and the owners of two overlapping ranges do.
    for &(from, to) in &span {
        pair_up(&items[from..to], None);
    }
    for (p, q) in overlapping_pairs(&distinct) {
        let ((pf, pt), (qf, qt)) = (span[p], span[q]);
        pair_up(&items[pf..pt], Some(&items[qf..qt]));
    }
    // Stable: the first pair of each (i, j) stays the first found.
    raw.sort_by_key(|r| (r.0, r.1));
    for (i, j, ni, nj) in raw {
        if !add_pair(&mut found, max_pairs, (i, j), (ni, nj)) {
            break;
        }
    }
    found
}

/// Counts prefix pair `nets` of the sets `sets` into `found`: one more for the last pair of sets, or a
/// new entry; `false` when that would be more than `max_pairs` entries.
fn add_pair(found: &mut Vec<SetOverlap>, max_pairs: usize, sets: (usize, usize), nets: (IpNet, IpNet)) -> bool {
    if let Some(last) = found.last_mut()
        && last.sets == sets
    {
        last.count += 1;
        return true;
    }
    if found.len() >= max_pairs {
        return false;
    }
    found.push(SetOverlap { sets, nets, count: 1 });
    true
}

#[cfg(test)]
mod tests;
