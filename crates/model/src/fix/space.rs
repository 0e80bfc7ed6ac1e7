//! Free address space for the prefixes a fix gives: the IPv4 ranges a design uses (VNet prefixes,
//! subnets, site prefixes, P2S pools, device and BGP addresses), merged and sorted once, and the
//! lowest free block of a length in private space (10.0.0.0/8, then 172.16.0.0/12, then
//! 192.168.0.0/16), the order the command language's `auto/N` takes space in.

use std::net::{IpAddr, Ipv4Addr};

use ipnet::{IpNet, Ipv4Net};

use crate::design::{Design, Node, Subnet, Vnet};

/// The private ranges free blocks are taken from, in order: (first address, prefix length).
const POOLS: [(u32, u8); 3] = [(0x0A00_0000, 8), (0xAC10_0000, 12), (0xC0A8_0000, 16)];

/// The IPv4 space a design uses, as merged, sorted, inclusive ranges.
#[derive(Clone, Debug, Default)]
pub(crate) struct Space {
    used: Vec<(u64, u64)>,
}

fn bounds(net: Ipv4Net) -> (u64, u64) {
    (
        u64::from(u32::from(net.network())),
        u64::from(u32::from(net.broadcast())),
    )
}

fn v4(net: &IpNet) -> Option<Ipv4Net> {
    match net {
        IpNet::V4(n) => Some(n.trunc()),
        IpNet::V6(_) => None,
    }
}

impl Space {
    /// The space `design` uses.
    pub fn of(design: &Design) -> Space {
        // First and last addresses straight from the mask (a prefix with host bits set covers the
        // same block as its network).
        let span = |net: &IpNet| match net {
            IpNet::V4(n) => Some(bounds(*n)),
            IpNet::V6(_) => None,
        };
        let host = |ip: Ipv4Addr| (u64::from(u32::from(ip)), u64::from(u32::from(ip)));
        let mut used: Vec<(u64, u64)> = Vec::with_capacity(design.nodes().len() * 2);
        // A VNet's own blocks, reused from one VNet to the next.
        let mut own: Vec<(u64, u64)> = Vec::new();
        for node in design.nodes().values() {
            used.extend(node.prefixes().iter().filter_map(span));
            match node {
                Node::Vnet(v) => {
                    // A subnet inside one of its VNet's prefixes adds nothing to the union (and most
                    // are): only the others are sorted.
                    own.clear();
                    own.extend(v.prefixes.iter().filter_map(span));
                    for s in &v.subnets {
                        let Some((start, end)) = span(&s.prefix) else { continue };
                        if !own.iter().any(|&(first, last)| first <= start && end <= last) {
                            used.push((start, end));
                        }
                    }
                }
                Node::Site(s) => {
                    used.extend(s.ip.map(host));
                    if let Some(IpAddr::V4(ip)) = s.bgp_ip {
                        used.push(host(ip));
                    }
                }
                Node::Users(u) => used.extend(u.source_ip.map(host)),
            }
        }
        // Stable on purpose: it takes the runs the ranges have in name order (most of them, in a
        // numbered estate), where the unstable sort starts from scratch.
        #[allow(clippy::stable_sort_primitive)]
        used.sort();
        let mut merged: Vec<(u64, u64)> = Vec::with_capacity(used.len());
        for (start, end) in used {
            match merged.last_mut() {
                Some(last) if start <= last.1.saturating_add(1) => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        Space { used: merged }
    }

    /// The lowest block of length `len` in private space that overlaps nothing the design uses and
    /// none of `also`; `None` when there is no room.
    pub fn lowest_free(&self, len: u8, also: &[Ipv4Net]) -> Option<Ipv4Net> {
        if len > 32 {
            return None;
        }
        let size = 1u64 << (32 - u32::from(len));
        let extra: Vec<(u64, u64)> = also.iter().copied().map(bounds).collect();
        for (first, pool_len) in POOLS {
            if len < pool_len {
                continue;
            }
            let last = u64::from(first) + (1u64 << (32 - u32::from(pool_len))) - 1;
            let mut at = u64::from(first);
            loop {
                let start = at.div_ceil(size) * size;
                let end = start + size - 1;
                if end > last {
                    break;
                }
                // The first used range that ends at or after `start` blocks the candidate if it starts
                // before the candidate's end.
                let i = self.used.partition_point(|r| r.1 < start);
                let blocker = self
                    .used
                    .get(i)
                    .filter(|r| r.0 <= end)
                    .or_else(|| extra.iter().find(|r| r.0 <= end && r.1 >= start));
                match blocker {
                    Some(r) => at = r.1 + 1,
                    None => return Ipv4Net::new(Ipv4Addr::from(start as u32), len).ok(),
                }
            }
        }
        None
    }
}

/// `net`'s address at the same offset in `to` as it has in `from` (`from` contains it).
fn shift(addr: Ipv4Addr, from: Ipv4Net, to: Ipv4Net) -> Ipv4Addr {
    let offset = u32::from(addr).wrapping_sub(u32::from(from.network()));
    Ipv4Addr::from(u32::from(to.network()).wrapping_add(offset))
}

/// The new prefixes of a node moved to free space: each IPv4 prefix to a free block of its length,
/// as `(old, new)`; `None` when a prefix is IPv6 or there is no room.
pub(crate) fn moved(space: &Space, prefixes: &[IpNet]) -> Option<Vec<(Ipv4Net, Ipv4Net)>> {
    let mut out: Vec<(Ipv4Net, Ipv4Net)> = Vec::with_capacity(prefixes.len());
    for p in prefixes {
        let old = v4(p)?;
        let taken: Vec<Ipv4Net> = out.iter().map(|(_, n)| *n).collect();
        out.push((old, space.lowest_free(old.prefix_len(), &taken)?));
    }
    (!out.is_empty()).then_some(out)
}

/// `addr` moved along with the prefix that contains it, if one does.
pub(crate) fn follow(addr: Ipv4Addr, moves: &[(Ipv4Net, Ipv4Net)]) -> Option<Ipv4Addr> {
    moves
        .iter()
        .find(|(old, _)| old.contains(&addr))
        .map(|(old, new)| shift(addr, *old, *new))
}

/// A subnet's prefix moved along with its VNet's prefix that contains it, if one does.
pub(crate) fn follow_subnet(s: &Subnet, moves: &[(Ipv4Net, Ipv4Net)]) -> Option<Ipv4Net> {
    let IpNet::V4(net) = s.prefix else { return None };
    moves
        .iter()
        .find(|(old, _)| old.contains(&net))
        .and_then(|(old, new)| Ipv4Net::new(shift(net.network(), *old, *new), net.prefix_len()).ok())
}

/// A block of length `len` inside `vnet`'s space that overlaps none of its subnets (other than the one
/// named `replacing`), searched from the top of each prefix (where gateway subnets go); `None` when
/// none is found among the top 64 blocks of each prefix.
pub(crate) fn free_block(vnet: &Vnet, len: u8, replacing: Option<&str>) -> Option<IpNet> {
    const TRIES: u128 = 64;
    let taken: Vec<&IpNet> = vnet
        .subnets
        .iter()
        .filter(|s| Some(s.name.as_str()) != replacing)
        .map(|s| &s.prefix)
        .collect();
    for prefix in &vnet.prefixes {
        let (family, start, end) = crate::cidr::range(prefix);
        let bits: u8 = if family == 4 { 32 } else { 128 };
        if len > bits || prefix.prefix_len() > len {
            continue;
        }
        let size = 1u128.checked_shl(u32::from(bits - len)).unwrap_or(0);
        if size == 0 {
            continue;
        }
        let blocks = ((end - start) / size).saturating_add(1);
        for k in 0..blocks.min(TRIES) {
            let first = end - (size - 1) - k * size;
            let candidate = if family == 4 {
                Ipv4Net::new(Ipv4Addr::from(first as u32), len).ok().map(IpNet::V4)
            } else {
                ipnet::Ipv6Net::new(std::net::Ipv6Addr::from(first), len)
                    .ok()
                    .map(IpNet::V6)
            };
            if let Some(c) = candidate
                && !taken.iter().any(|t| crate::cidr::overlaps(t, &c))
            {
                return Some(c);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::design;

    fn space(script: &str) -> Space {
        Space::of(&design(script))
    }

    #[test]
    fn the_lowest_free_block_skips_every_used_range_and_aligns() {
        let s = space("vnet a 10.0.0.0/16\nsubnet a x 10.0.0.0/24\nsite b 10.1.0.0/24\nusers u 10.1.1.0/25 clients=5");
        assert_eq!(
            s.lowest_free(16, &[]).map(|n| n.to_string()).as_deref(),
            Some("10.2.0.0/16")
        );
        assert_eq!(
            s.lowest_free(24, &[]).map(|n| n.to_string()).as_deref(),
            Some("10.1.2.0/24")
        );
        assert_eq!(
            s.lowest_free(25, &[]).map(|n| n.to_string()).as_deref(),
            Some("10.1.1.128/25")
        );
        let taken = [s.lowest_free(24, &[]).expect("room")];
        assert_eq!(
            s.lowest_free(24, &taken).map(|n| n.to_string()).as_deref(),
            Some("10.1.3.0/24")
        );
    }

    #[test]
    fn a_full_ten_slash_eight_moves_on_to_the_next_private_range() {
        let s = space("vnet a 10.0.0.0/8");
        assert_eq!(
            s.lowest_free(24, &[]).map(|n| n.to_string()).as_deref(),
            Some("172.16.0.0/24")
        );
        assert_eq!(s.lowest_free(8, &[]), None);
    }
}
