//! Addressing: prefixes that Azure refuses or that cause trouble, and subnets that do not fit their VNet.

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

use super::finding::{Out, Rule, Severity};
use super::groups::MAX_SET_PAIRS;
use super::index::Ctx;
use crate::cidr;
use crate::design::{Node, Vnet};
use crate::fix;
use crate::text::show_nets;

fn v4(a: u8, b: u8, c: u8, d: u8, len: u8) -> IpNet {
    IpNet::V4(Ipv4Net::new(Ipv4Addr::new(a, b, c, d), len).unwrap_or_default())
}

/// Ranges Azure refuses in a VNet's address space \[S24\].
fn reserved() -> [(IpNet, &'static str); 5] {
    [
        (v4(224, 0, 0, 0, 4), "multicast"),
        (v4(255, 255, 255, 255, 32), "broadcast"),
        (v4(127, 0, 0, 0, 8), "loopback"),
        (v4(169, 254, 0, 0, 16), "link-local"),
        (v4(168, 63, 129, 16, 32), "Azure's internal DNS/health-probe address"),
    ]
}

/// Private ranges Azure recommends for VNets: RFC 1918 and the shared space of RFC 6598 \[S24\].
fn private() -> [IpNet; 4] {
    [
        v4(10, 0, 0, 0, 8),
        v4(172, 16, 0, 0, 12),
        v4(192, 168, 0, 0, 16),
        v4(100, 64, 0, 0, 10),
    ]
}

/// The reserved range `prefix` overlaps, with its description.
fn reserved_overlap(reserved: &[(IpNet, &'static str)], prefix: &IpNet) -> Option<(IpNet, &'static str)> {
    if !matches!(prefix, IpNet::V4(_)) {
        return None;
    }
    reserved.iter().find(|(r, _)| cidr::overlaps(r, prefix)).copied()
}

/// The hint and the fix that put subnet `name` of `vnet` on a free block of length `len`: the
/// `subnet` line, or a placeholder naming the size when the VNet has no room (the fix then adds a
/// free block of private space to the VNet).
pub(super) fn subnet_fix(ctx: &Ctx<'_>, vnet: &Vnet, name: &str, len: u8) -> (String, Vec<String>) {
    let fix = ctx.fix().place_subnet(vnet, name, len).unwrap_or_default();
    let hint = match fix.as_slice() {
        [line] => line.clone(),
        _ => format!(
            "subnet {} {name} <a free /{len} of {}>",
            vnet.name,
            show_nets(&vnet.prefixes)
        ),
    };
    (hint, fix)
}

pub const ADDR_CIDR_VALID: Rule = Rule {
    id: "addr-cidr-valid",
    severity: Severity::Error,
    doc: "every prefix is a network address (no host bits set, e.g. 10.0.0.1/16) and every VNet has at least one prefix",
    source: "S24",
    check: addr_cidr_valid,
};

/// ` hosts=N` when a subnet plans hosts: a replaced subnet keeps them only if its line says so.
fn hosts(n: u32) -> String {
    if n > 0 { format!(" hosts={n}") } else { String::new() }
}

fn fix_all(nets: &[IpNet]) -> String {
    nets.iter().map(|n| n.trunc().to_string()).collect::<Vec<_>>().join(",")
}

fn addr_cidr_valid(ctx: &Ctx<'_>, out: &mut Out) {
    let bad = |n: &&IpNet| !cidr::is_network(n);
    for node in ctx.nodes.iter().copied() {
        let name = node.name();
        if let Node::Vnet(v) = node {
            if v.prefixes.is_empty() {
                let fix: Vec<String> = ctx
                    .fix()
                    .free_space(16)
                    .map(|p| format!("set {name} prefixes={p}"))
                    .into_iter()
                    .collect();
                let hint = fix
                    .first()
                    .cloned()
                    .unwrap_or_else(|| format!("set {name} prefixes=10.0.0.0/16"));
                out.emit(format!("VNet {name} has no address prefix"), &[name], &[], hint, fix);
            }
            for s in &v.subnets {
                if !cidr::is_network(&s.prefix) {
                    out.emit(
                        format!(
                            "subnet {name}/{} prefix {} has host bits set; the network is {}",
                            s.name,
                            s.prefix,
                            s.prefix.trunc()
                        ),
                        &[name],
                        &[],
                        format!("subnet {name} {} {}", s.name, s.prefix.trunc()),
                        vec![format!(
                            "subnet {name} {} {}{}",
                            s.name,
                            s.prefix.trunc(),
                            hosts(s.hosts)
                        )],
                    );
                }
            }
        }
        let (key, what) = match node {
            Node::Vnet(_) => ("prefixes", "address prefix"),
            Node::Site(_) => ("prefixes", "on-premises prefix"),
            Node::Users(_) => ("pool", "client pool"),
        };
        for p in node.prefixes().iter().filter(bad) {
            out.emit(
                format!(
                    "{} {name}'s {what} {p} has host bits set; the network is {}",
                    node.kind(),
                    p.trunc()
                ),
                &[name],
                &[],
                format!("set {name} {key}={}", fix_all(node.prefixes())),
                vec![format!("set {name} {key}={}", fix_all(node.prefixes()))],
            );
        }
    }
}

pub const ADDR_RESERVED: Rule = Rule {
    id: "addr-reserved",
    severity: Severity::Error,
    doc: "a VNet's space avoids 224.0.0.0/4, 255.255.255.255/32, 127.0.0.0/8, 169.254.0.0/16 and 168.63.129.16/32",
    source: "S24",
    check: addr_reserved,
};

fn addr_reserved(ctx: &Ctx<'_>, out: &mut Out) {
    let reserved = reserved();
    for v in ctx.vnets() {
        for p in &v.prefixes {
            if let Some((r, what)) = reserved_overlap(&reserved, p) {
                let rest: Vec<IpNet> = v
                    .prefixes
                    .iter()
                    .filter(|q| reserved_overlap(&reserved, q).is_none())
                    .copied()
                    .collect();
                let keep = if rest.is_empty() {
                    "10.0.0.0/16".to_owned()
                } else {
                    fix_all(&rest)
                };
                // The reserved prefix is replaced by free private space of its size, its subnets moved
                // along; the hint names the new space when there is room.
                let fix = ctx.fix().replace_prefix(v, p).unwrap_or_default();
                let hint = match fix.first() {
                    Some(line) => format!("use private space instead: {line}"),
                    None => format!("use private space instead: set {} prefixes={keep}", v.name),
                };
                out.emit(
                    format!(
                        "VNet {}'s address prefix {p} overlaps {r} ({what}), which Azure reserves",
                        v.name
                    ),
                    &[&v.name],
                    &[],
                    hint,
                    fix,
                );
            }
        }
    }
}

pub const ADDR_PRIVATE: Rule = Rule {
    id: "addr-private",
    severity: Severity::Warning,
    doc: "a VNet's IPv4 space is RFC 1918 or 100.64.0.0/10; public ranges may work but shadow those public addresses",
    source: "S24",
    check: addr_private,
};

fn addr_private(ctx: &Ctx<'_>, out: &mut Out) {
    let (reserved, private) = (reserved(), private());
    for v in ctx.vnets() {
        for p in v.prefixes.iter().filter(|p| matches!(p, IpNet::V4(_))) {
            if !private.iter().any(|r| cidr::contains(r, p)) && reserved_overlap(&reserved, p).is_none() {
                out.emit(
                    format!("VNet {}'s address prefix {p} is public address space: the VNet routes it internally, so public services there become unreachable", v.name),
                    &[&v.name],
                    &[],
                    format!("use RFC 1918 space, e.g. set {} prefixes=10.0.0.0/16", v.name),
                    ctx.fix().replace_prefix(v, p).unwrap_or_default(),
                );
            }
        }
    }
}

pub const SUBNET_IN_VNET: Rule = Rule {
    id: "subnet-in-vnet",
    severity: Severity::Error,
    doc: "every subnet lies inside one of its VNet's address prefixes",
    source: "S24, S34",
    check: subnet_in_vnet,
};

fn subnet_in_vnet(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.vnets() {
        for s in &v.subnets {
            if v.prefixes.iter().any(|p| cidr::contains(p, &s.prefix)) {
                continue;
            }
            // The fix moves the subnet into free space of the VNet, keeping its size where it fits.
            let same_family = |p: &&IpNet| {
                matches!(
                    (p, &s.prefix),
                    (IpNet::V4(_), IpNet::V4(_)) | (IpNet::V6(_), IpNet::V6(_))
                )
            };
            let widest = v.prefixes.iter().filter(same_family).map(IpNet::prefix_len).min();
            let len = s.prefix.prefix_len().max(widest.unwrap_or(0));
            let fix = ctx.fix().place_subnet(v, &s.name, len).unwrap_or_default();
            let inside = fix::free_block(v, len, Some(&s.name));
            let hint = if let Some(inner) = v.prefixes.iter().find(|p| cidr::overlaps(p, &s.prefix)) {
                let inner = inside.unwrap_or(*inner);
                format!("shrink the subnet to fit: subnet {} {} {inner}", v.name, s.name)
            } else {
                let mut all = v.prefixes.clone();
                all.push(s.prefix.trunc());
                format!(
                    "add the range to the VNet: set {} prefixes={}, or move the subnet inside {}",
                    v.name,
                    fix_all(&all),
                    show_nets(&v.prefixes)
                )
            };
            out.emit(
                format!(
                    "subnet {}/{} {} is not contained in {}'s address space {}",
                    v.name,
                    s.name,
                    s.prefix,
                    v.name,
                    show_nets(&v.prefixes)
                ),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
    }
}

pub const SUBNET_NO_OVERLAP: Rule = Rule {
    id: "subnet-no-overlap",
    severity: Severity::Error,
    doc: "the subnets of a VNet do not overlap each other",
    source: "S24",
    check: subnet_no_overlap,
};

fn subnet_no_overlap(ctx: &Ctx<'_>, out: &mut Out) {
    let mut sets: Vec<&[IpNet]> = Vec::new();
    for v in ctx.vnets().filter(|v| v.subnets.len() > 1) {
        sets.clear();
        sets.extend(v.subnets.iter().map(|s| std::slice::from_ref(&s.prefix)));
        for o in cidr::set_overlaps(&sets, MAX_SET_PAIRS) {
            let (a, b) = (&v.subnets[o.sets.0], &v.subnets[o.sets.1]);
            let (hint, fix) = subnet_fix(ctx, v, &b.name, b.prefix.prefix_len());
            out.emit(
                format!(
                    "subnets {}/{} {} and {}/{} {} overlap",
                    v.name, a.name, a.prefix, v.name, b.name, b.prefix
                ),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
    }
}

pub const SUBNET_SIZE: Rule = Rule {
    id: "subnet-size",
    severity: Severity::Error,
    doc: "an IPv4 subnet is between /2 and /29 (GatewaySubnet: see gwsubnet-min); an IPv6 subnet is exactly /64",
    source: "S24",
    check: subnet_size,
};

fn subnet_size(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.vnets() {
        for s in &v.subnets {
            let len = s.prefix.prefix_len();
            let (ok, want) = match s.prefix {
                IpNet::V4(_) => (
                    len >= 2 && (len <= 29 || s.name == "GatewaySubnet"),
                    if len < 2 { 2 } else { 29 },
                ),
                IpNet::V6(_) => (len == 64, 64),
            };
            if !ok {
                let rule = if matches!(s.prefix, IpNet::V6(_)) {
                    "IPv6 subnets must be /64"
                } else {
                    "IPv4 subnets must be /2 to /29"
                };
                let (hint, fix) = subnet_fix(ctx, v, &s.name, want);
                out.emit(
                    format!("subnet {}/{} {} is a /{len}: {rule}", v.name, s.name, s.prefix),
                    &[&v.name],
                    &[],
                    hint,
                    fix,
                );
            }
        }
    }
}

pub const SUBNET_CAPACITY: Rule = Rule {
    id: "subnet-capacity",
    severity: Severity::Warning,
    doc: "a subnet's planned hosts fit its size less the 5 addresses Azure reserves (first four and last)",
    source: "S24",
    check: subnet_capacity,
};

fn subnet_capacity(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.vnets() {
        for s in v.subnets.iter().filter(|s| s.hosts > 0) {
            let usable = cidr::azure_usable_hosts(&s.prefix);
            if u128::from(s.hosts) <= usable {
                continue;
            }
            let bits: u8 = if matches!(s.prefix, IpNet::V4(_)) { 32 } else { 128 };
            let need = u128::from(s.hosts) + 5;
            let host_bits = (128 - (need - 1).leading_zeros()) as u8;
            let len = bits.saturating_sub(host_bits);
            let (hint, fix) = subnet_fix(ctx, v, &s.name, len);
            out.emit(
                format!(
                    "subnet {}/{} {} plans {} hosts but offers {usable} ({} addresses less the 5 Azure reserves)",
                    v.name,
                    s.name,
                    s.prefix,
                    s.hosts,
                    cidr::size(&s.prefix)
                ),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::design::{Node, Subnet, Users};
    use crate::validate::test_support::{design, fires, silent};
    use crate::validate::validate;

    fn rule_findings(d: &crate::Design, rule: &str) -> Vec<crate::validate::Finding> {
        validate(d).findings.into_iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn addr_cidr_valid_fires_on_host_bits_from_a_file_and_on_an_empty_space() {
        let mut d = design("vnet hub 10.0.0.0/16\nsubnet hub app 10.0.1.0/24\nusers u 172.16.0.0/24 clients=5");
        if let Some(Node::Vnet(v)) = d.node_mut("hub") {
            v.prefixes.push("10.1.0.1/16".parse().expect("net"));
            v.subnets.push(Subnet {
                name: "db".into(),
                prefix: "10.0.2.7/24".parse().expect("net"),
                hosts: 0,
            });
        }
        if let Some(Node::Users(Users { pool, .. })) = d.node_mut("u") {
            *pool = "172.16.0.9/24".parse().expect("net");
        }
        let found = rule_findings(&d, "addr-cidr-valid");
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found
                .iter()
                .any(|f| f.hint == "set hub prefixes=10.0.0.0/16,10.1.0.0/16"),
            "{found:?}"
        );
        assert!(found.iter().any(|f| f.hint == "subnet hub db 10.0.2.0/24"), "{found:?}");
        assert!(found.iter().any(|f| f.hint == "set u pool=172.16.0.0/24"), "{found:?}");
        if let Some(Node::Vnet(v)) = d.node_mut("hub") {
            v.prefixes.clear();
        }
        assert!(
            rule_findings(&d, "addr-cidr-valid")
                .iter()
                .any(|f| f.message.contains("no address prefix"))
        );
        silent(
            "addr-cidr-valid",
            "vnet hub 10.0.0.0/16,fd00::/48\nsubnet hub app 10.0.1.0/24\nusers u 172.16.0.0/24 clients=5",
        );
    }

    #[test]
    fn addr_reserved_fires_on_link_local_and_the_azure_dns_address() {
        let f = fires("addr-reserved", "vnet a 169.254.0.0/24", "a");
        assert!(
            f.message.contains("169.254.0.0/16") && f.message.contains("link-local"),
            "{}",
            f.message
        );
        let f = fires("addr-reserved", "vnet b 10.0.0.0/16,168.63.0.0/16", "b");
        // The reserved prefix gives way to free private space of its size.
        assert_eq!(
            f.hint,
            "use private space instead: set b prefixes=10.0.0.0/16,10.1.0.0/16"
        );
        assert_eq!(f.fix, ["set b prefixes=10.0.0.0/16,10.1.0.0/16"]);
        silent("addr-reserved", "vnet a 10.0.0.0/16,168.62.0.0/16,fd00::/48");
    }

    #[test]
    fn addr_private_warns_on_public_space_only() {
        let f = fires("addr-private", "vnet a 10.0.0.0/16,20.0.0.0/16", "a");
        assert!(f.message.contains("20.0.0.0/16"), "{}", f.message);
        fires("addr-private", "vnet a 10.0.0.0/7", "a");
        silent(
            "addr-private",
            "vnet a 10.0.0.0/16,172.16.0.0/12,192.168.1.0/24,100.64.0.0/16,2001:db8::/48",
        );
    }

    #[test]
    fn subnet_in_vnet_fires_outside_the_space_even_with_several_prefixes() {
        let f = fires(
            "subnet-in-vnet",
            "vnet hub 10.0.0.0/16,10.2.0.0/16\nsubnet hub app 10.1.0.0/24",
            "hub",
        );
        assert!(
            f.message.contains("10.1.0.0/24") && f.message.contains("10.0.0.0/16,10.2.0.0/16"),
            "{}",
            f.message
        );
        assert!(
            f.hint.contains("set hub prefixes=10.0.0.0/16,10.2.0.0/16,10.1.0.0/24"),
            "{}",
            f.hint
        );
        let f = fires(
            "subnet-in-vnet",
            "vnet hub 10.0.0.0/24\nsubnet hub app 10.0.0.0/23",
            "hub",
        );
        assert_eq!(f.hint, "shrink the subnet to fit: subnet hub app 10.0.0.0/24");
        silent(
            "subnet-in-vnet",
            "vnet hub 10.0.0.0/16,10.2.0.0/16,fd00::/48\nsubnet hub app 10.2.1.0/24\nsubnet hub v6 fd00::/64",
        );
    }

    #[test]
    fn subnet_no_overlap_fires_on_nested_subnets_and_proposes_a_free_block() {
        let f = fires(
            "subnet-no-overlap",
            "vnet hub 10.0.0.0/16\nsubnet hub a 10.0.0.0/24\nsubnet hub b 10.0.0.128/25",
            "hub",
        );
        assert!(
            f.message.contains("hub/a 10.0.0.0/24") && f.message.contains("hub/b 10.0.0.128/25"),
            "{}",
            f.message
        );
        assert_eq!(f.hint, "subnet hub b 10.0.255.128/25");
        silent(
            "subnet-no-overlap",
            "vnet hub 10.0.0.0/16,fd00::/48\nsubnet hub a 10.0.0.0/25\nsubnet hub b 10.0.0.128/25\nsubnet hub c fd00::/64",
        );
    }

    #[test]
    fn subnet_size_fires_on_a_slash_30_and_a_non_64_ipv6_subnet() {
        let f = fires(
            "subnet-size",
            "vnet hub 10.0.0.0/16\nsubnet hub tiny 10.0.0.0/30",
            "hub",
        );
        assert!(f.message.contains("/30"), "{}", f.message);
        assert_eq!(f.hint, "subnet hub tiny 10.0.255.248/29");
        let f = fires(
            "subnet-size",
            "vnet hub 10.0.0.0/16,fd00::/48\nsubnet hub v6 fd00::/80",
            "hub",
        );
        assert!(f.message.contains("/64"), "{}", f.message);
        silent(
            "subnet-size",
            "vnet hub 10.0.0.0/16,fd00::/48\nsubnet hub a 10.0.0.0/29\nsubnet hub v6 fd00::/64\nsubnet hub GatewaySubnet 10.0.1.0/30",
        );
    }

    #[test]
    fn subnet_capacity_counts_the_five_reserved_addresses() {
        let f = fires(
            "subnet-capacity",
            "vnet hub 10.0.0.0/16\nsubnet hub app 10.0.0.0/28 hosts=12",
            "hub",
        );
        assert!(f.message.contains("offers 11"), "{}", f.message);
        assert_eq!(f.hint, "subnet hub app 10.0.255.224/27 hosts=12");
        assert_eq!(f.fix, std::slice::from_ref(&f.hint));
        silent(
            "subnet-capacity",
            "vnet hub 10.0.0.0/16\nsubnet hub app 10.0.0.0/28 hosts=11",
        );
    }
}
