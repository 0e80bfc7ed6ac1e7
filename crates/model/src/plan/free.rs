//! The lowest free prefix of a given length in a space, around prefixes already taken: the
//! allocator behind `auto/N`.
//!
//! The taken prefixes become sorted, merged address ranges (one sort, O(m log m)); each space
//! prefix is then walked from its first aligned block: a block that meets a taken range jumps to the
//! first aligned block past that range, so the walk costs one step per taken range at most, not
//! one per block.

use std::net::{Ipv4Addr, Ipv6Addr};

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

use crate::cidr::range;

/// The lowest prefix of length `len` inside one of `space` (lowest address first, IPv4 before IPv6)
/// that overlaps none of `taken`; `None` when none is free (or `len` is shorter than every space
/// prefix of its family, or longer than the family allows).
///
/// # Examples
/// ```
/// use vnetsketch_model::plan::lowest_free;
/// let nets = |s: &[&str]| -> Vec<ipnet::IpNet> { s.iter().map(|p| p.parse().unwrap()).collect() };
/// let space = nets(&["10.0.0.0/8"]);
/// let taken = nets(&["10.0.0.0/16", "10.1.0.0/24", "10.3.0.0/16"]);
/// assert_eq!(lowest_free(&space, &taken, 16), Some("10.2.0.0/16".parse().unwrap()));
/// assert_eq!(lowest_free(&space, &taken, 24), Some("10.1.1.0/24".parse().unwrap()));
/// assert_eq!(lowest_free(&space, &nets(&["10.0.0.0/8"]), 16), None);
/// ```
pub fn lowest_free(space: &[IpNet], taken: &[IpNet], len: u8) -> Option<IpNet> {
    let mut spaces: Vec<(u8, u128, u128, u8)> = space
        .iter()
        .map(|net| {
            let (family, start, end) = range(net);
            (family, start, end, net.prefix_len())
        })
        .collect();
    spaces.sort_unstable();
    let mut merged: [Vec<(u128, u128)>; 2] = [Vec::new(), Vec::new()];
    for family in [4, 6] {
        if spaces.iter().any(|s| s.0 == family) {
            merged[slot(family)] = merged_ranges(taken, family);
        }
    }
    spaces.into_iter().find_map(|(family, start, end, space_len)| {
        let bits = if family == 4 { 32 } else { 128 };
        if len < space_len || len > bits {
            return None;
        }
        let ranges = &merged[slot(family)];
        // The block's host part: all ones below the prefix length, within the family's width.
        let mask = u128::MAX.checked_shr(u32::from(128 - bits + len)).unwrap_or(0);
        first_free_block(ranges, start, end, mask).and_then(|at| from_start(family, at, len))
    })
}

fn slot(family: u8) -> usize {
    usize::from(family == 6)
}

/// The taken prefixes of `family` as sorted, disjoint, non-adjacent ranges.
fn merged_ranges(taken: &[IpNet], family: u8) -> Vec<(u128, u128)> {
    let mut ranges: Vec<(u128, u128)> = taken
        .iter()
        .map(range)
        .filter(|r| r.0 == family)
        .map(|(_, s, e)| (s, e))
        .collect();
    ranges.sort_unstable();
    let mut out: Vec<(u128, u128)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1.saturating_add(1) => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// The first address of the lowest block `[at, at + mask]` (aligned on `mask + 1`) within
/// `[start, end]` that meets none of `ranges` (sorted, disjoint).
fn first_free_block(ranges: &[(u128, u128)], start: u128, end: u128, mask: u128) -> Option<u128> {
    let mut at = start; // the space's start is aligned: its prefix is no longer than the block's
    let mut i = ranges.partition_point(|r| r.1 < at);
    loop {
        let last = at.checked_add(mask)?;
        if last > end {
            return None;
        }
        match ranges.get(i) {
            Some(&(s, e)) if s <= last => {
                // The range meets the block: the next candidate is the first aligned block past it.
                at = e.checked_add(1)?.checked_add(mask)? & !mask;
                while ranges.get(i).is_some_and(|r| r.1 < at) {
                    i += 1;
                }
            }
            _ => return Some(at),
        }
    }
}

/// The prefix of `family` (4 or 6) whose first address is `at`, of length `len`; `None` when the
/// address or the length does not fit the family.
pub fn from_start(family: u8, at: u128, len: u8) -> Option<IpNet> {
    if family == 4 {
        let at = u32::try_from(at).ok()?;
        Ipv4Net::new(Ipv4Addr::from(at), len).ok().map(IpNet::V4)
    } else {
        Ipv6Net::new(Ipv6Addr::from(at), len).ok().map(IpNet::V6)
    }
}
