//! Connectivity: VPN devices' addresses, what P2S clients can reach, and VNet-to-VNet versus peering.

use std::net::Ipv4Addr;

use super::ends::Adj;
use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::design::{LinkId, LinkKind, Vnet};
use crate::hash::FxMap;
use crate::sku::VpnSku;
use crate::text::show_names;

/// Why `ip` is not a public address, if it is not.
pub(super) fn not_public(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    if ip.is_private() {
        Some("private (RFC 1918)")
    } else if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if ip.is_broadcast() || a >= 240 {
        Some("reserved")
    } else if ip.is_multicast() {
        Some("multicast")
    } else if a == 0 {
        Some("unspecified")
    } else if a == 100 && (b & 0xC0) == 64 {
        Some("shared carrier-grade NAT space (100.64.0.0/10)")
    } else {
        None
    }
}

pub const S2S_PUBLIC_IP: Rule = Rule {
    id: "s2s-public-ip",
    severity: Severity::Error,
    doc: "an S2S site has its device's public IPv4; a device behind NAT is unsupported in 2017 (error) and works now only via NAT-T when it initiates (warning)",
    source: "S4, S35, S16",
    check: s2s_public_ip,
};

fn s2s_public_ip(ctx: &Ctx<'_>, out: &mut Out) {
    for site in ctx.sites() {
        // A site with a public address not behind NAT (most) has nothing to say: its links are
        // not read.
        if site.ip.is_some_and(|ip| not_public(ip).is_none() && !site.behind_nat) {
            continue;
        }
        let links: Vec<(LinkId, &str)> = ctx
            .adj_of(&site.name)
            .iter()
            .filter(|x| x.kind == LinkKind::S2s && !x.at_a)
            .map(|x| (x.id, x.other.name()))
            .collect();
        if links.is_empty() {
            continue;
        }
        let ids: Vec<LinkId> = links.iter().map(|(id, _)| *id).collect();
        let mut nodes = vec![site.name.as_str()];
        nodes.extend(links.iter().map(|(_, v)| *v));
        let name = &site.name;
        match site.ip {
            // The device's public address is the user's to give: no fix.
            None => out.emit(
                format!("site {name} has S2S connections but no public IPv4 for its VPN device"),
                &nodes,
                &ids,
                format!("set {name} ip=<the device's public IPv4>"),
                Vec::new(),
            ),
            Some(ip) => {
                if let Some(why) = not_public(ip) {
                    let nat = if site.behind_nat {
                        "; behind NAT, give the NAT's public address"
                    } else {
                        ""
                    };
                    out.emit(
                        format!("site {name}'s device address {ip} is {why}, not a public IPv4 Azure can reach{nat}"),
                        &nodes,
                        &ids,
                        format!("set {name} ip=<the public IPv4 the device is reached at>"),
                        Vec::new(),
                    );
                } else if site.behind_nat {
                    let (severity, why) = if ctx.catalog.device_behind_nat {
                        (
                            Severity::Warning,
                            "works only via NAT-T when the device initiates the tunnel",
                        )
                    } else {
                        (
                            Severity::Error,
                            "is unsupported: the 2017 docs require a device with a public IPv4 not behind NAT",
                        )
                    };
                    out.emit_with(
                        severity,
                        format!("site {name}'s VPN device is behind NAT ({ip}); that {why}"),
                        &nodes,
                        &ids,
                        format!("give the device its own public IPv4 (set {name} behind-nat=false ip=...)"),
                        // The device takes the public address the NAT had.
                        vec![format!("set {name} behind-nat=false")],
                    );
                }
            }
        }
    }
}

pub const S2S_P2S_SAME_IP: Rule = Rule {
    id: "s2s-p2s-same-ip",
    severity: Severity::Warning,
    doc: "P2S clients do not connect from the public IP of an S2S device of the same gateway",
    source: "S16",
    check: s2s_p2s_same_ip,
};

fn s2s_p2s_same_ip(ctx: &Ctx<'_>, out: &mut Out) {
    for (_, v, adj) in ctx.tunnel_vnets_adj() {
        let mut devices: FxMap<Ipv4Addr, (&str, LinkId)> = FxMap::default();
        for x in Ctx::of_kind(adj, LinkKind::S2s) {
            if let Some(ip) = x.other.as_site().and_then(|s| s.ip) {
                devices.entry(ip).or_insert((x.other.name(), x.id));
            }
        }
        if devices.is_empty() {
            continue;
        }
        for x in Ctx::of_kind(adj, LinkKind::P2s) {
            let Some(ip) = x.other.as_users().and_then(|u| u.source_ip) else {
                continue;
            };
            let users = x.other.name();
            if let Some((site, site_link)) = devices.get(&ip) {
                out.emit(
                    format!("P2S clients of {users} connect to {} from {ip}, the public IP of S2S site {site}'s device", v.name),
                    &[users, site, &v.name],
                    &[x.id, *site_link],
                    format!("connect those clients from another address (set {users} source-ip=...) or reach the VNet over the S2S tunnel"),
                    // Where the clients connect from is not the design's to choose.
                    Vec::new(),
                );
            }
        }
    }
}

pub const P2S_TRANSIT_BGP: Rule = Rule {
    id: "p2s-transit-bgp",
    severity: Severity::Warning,
    doc: "P2S clients reach S2S sites and VNet-to-VNet partners only over BGP connections, and peered VNets only with gateway transit",
    source: "S33",
    check: p2s_transit_bgp,
};

fn p2s_transit_bgp(ctx: &Ctx<'_>, out: &mut Out) {
    for (_, v, adj) in ctx.tunnel_vnets_adj() {
        let p2s: Vec<(LinkId, &str)> = Ctx::of_kind(adj, LinkKind::P2s)
            .map(|x| (x.id, x.other.name()))
            .collect();
        if p2s.is_empty() {
            continue;
        }
        let mut unreachable: Vec<(LinkId, &str, &str)> = Vec::new();
        for x in adj {
            let (id, l, other) = (x.id, x.link, x.other.name());
            let why = match l.kind {
                LinkKind::S2s | LinkKind::V2v if !l.bgp => "no BGP",
                LinkKind::Peering if !(l.allows_transit_at(x.at_a) && l.uses_remote_at(!x.at_a)) => {
                    "no gateway transit"
                }
                _ => continue,
            };
            unreachable.push((id, other, why));
        }
        if unreachable.is_empty() {
            continue;
        }
        let fix = transit_fix(ctx, v, adj).unwrap_or_default();
        let described: Vec<String> = unreachable.iter().map(|(_, n, why)| format!("{n} ({why})")).collect();
        let described: Vec<&str> = described.iter().map(String::as_str).collect();
        for &(id, users) in &p2s {
            let mut nodes = vec![users, v.name.as_str()];
            nodes.extend(unreachable.iter().map(|(_, n, _)| *n));
            let mut links = vec![id];
            links.extend(unreachable.iter().map(|(l, _, _)| *l));
            out.emit(
                format!("P2S clients of {users} reach {} but not {}", v.name, show_names(&described)),
                &nodes,
                &links,
                "link S2S and VNet-to-VNet with bgp, and set allow-gateway-transit on the hub and use-remote-gateways on each spoke",
                fix.clone(),
            );
        }
    }
}

/// The lines that let the P2S clients of `hub` reach all it connects: BGP on its S2S and
/// VNet-to-VNet connections, gateway transit on its peerings; `None` when one of them would raise an
/// error (a spoke with a gateway of its own or already using another hub's, a classic hub, 2017
/// global transit) or cannot be completed.
fn transit_fix(ctx: &Ctx<'_>, hub: &Vnet, adj: &[Adj<'_>]) -> Option<Vec<String>> {
    let mut lines: Vec<String> = Vec::new();
    let mut push = |line: String| {
        if !lines.contains(&line) {
            lines.push(line);
        }
    };
    for x in adj {
        let l = x.link;
        match l.kind {
            LinkKind::S2s | LinkKind::V2v if !l.bgp => {
                let f = ctx.fix().bgp(l);
                if !f.complete {
                    return None;
                }
                f.lines.into_iter().for_each(&mut push);
            }
            LinkKind::Peering if !(l.allows_transit_at(x.at_a) && l.uses_remote_at(!x.at_a)) => {
                let spoke = x.other.as_vnet()?;
                let elsewhere = ctx
                    .adj_of(&spoke.name)
                    .iter()
                    .any(|y| y.kind == LinkKind::Peering && y.id != x.id && y.link.uses_remote_at(y.at_a));
                let global = hub.region.is_some() && spoke.region.is_some() && hub.region != spoke.region;
                if spoke.vpn.is_some()
                    || spoke.er.is_some()
                    || elsewhere
                    || hub.classic
                    || (global && !ctx.catalog.global_peering_transit)
                {
                    return None;
                }
                if ctx.vpn_spec(hub).is_some_and(|s| !s.gateway_transit) {
                    ctx.fix()
                        .vpn_sku(hub, ctx.fix().suggest_vpn(VpnSku::VpnGw1))
                        .into_iter()
                        .for_each(&mut push);
                }
                push(format!(
                    "set-link peering {} {} allow-gateway-transit={} use-remote-gateways={}",
                    l.a, l.b, hub.name, spoke.name
                ));
            }
            _ => {}
        }
    }
    Some(lines)
}

pub const PEER_NO_GW_NEEDED: Rule = Rule {
    id: "peer-no-gw-needed",
    severity: Severity::Info,
    doc: "two VNets in one region joined VNet-to-VNet could peer instead: peering needs no gateway and has no gateway throughput cap",
    source: "S4, S20",
    check: peer_no_gw_needed,
};

fn peer_no_gw_needed(ctx: &Ctx<'_>, out: &mut Out) {
    for s in ctx.sound_of_kind(LinkKind::V2v) {
        let (id, a) = (s.id, s.a);
        let Some(b) = s.b.as_vnet() else { continue };
        if let (Some(ra), Some(rb)) = (&a.region, &b.region)
            && ra == rb
            && !(a.classic && b.classic)
        {
            out.emit(
                format!(
                    "{} and {} are both in {ra} and joined VNet-to-VNet; a peering would need no gateways",
                    a.name, b.name
                ),
                &[&a.name, &b.name],
                &[id],
                format!(
                    "unlink v2v {} {} then link peering {} {}",
                    a.name, b.name, a.name, b.name
                ),
                peering_instead(ctx, a, b),
            );
        }
    }
}

/// The lines that replace the VNet-to-VNet connections of `a` and `b` by a peering (none when they
/// are peered already); empty when a peering would raise an error.
fn peering_instead(ctx: &Ctx<'_>, a: &Vnet, b: &Vnet) -> Vec<String> {
    let peered = ctx
        .adj_of(&a.name)
        .iter()
        .any(|x| x.kind == LinkKind::Peering && x.other.name() == b.name);
    let mut lines = vec![format!("unlink v2v {} {}", a.name, b.name)];
    if !peered {
        if !super::peering::can_peer(ctx, a, b) {
            return Vec::new();
        }
        lines.push(format!("link peering {} {}", a.name, b.name));
    }
    lines
}

pub const BGP_PEER_ADDRESS: Rule = Rule {
    id: "bgp-peer-address",
    severity: Severity::Error,
    doc: "a site with a BGP S2S connection gives its device's BGP peer address (the local network gateway needs an ASN and a BGP peer IP)",
    source: "S17",
    check: bgp_peer_address,
};

fn bgp_peer_address(ctx: &Ctx<'_>, out: &mut Out) {
    for site in ctx.sites().filter(|s| s.bgp_ip.is_none()) {
        let links: Vec<(LinkId, &str)> = ctx
            .adj_of(&site.name)
            .iter()
            .filter(|x| x.kind == LinkKind::S2s && !x.at_a && x.link.bgp)
            .map(|x| (x.id, x.other.name()))
            .collect();
        if links.is_empty() {
            continue;
        }
        let mut nodes = vec![site.name.as_str()];
        nodes.extend(links.iter().map(|(_, v)| *v));
        let ids: Vec<LinkId> = links.iter().map(|(id, _)| *id).collect();
        out.emit(
            format!(
                "site {} has BGP S2S connections but no BGP peer address for its device",
                site.name
            ),
            &nodes,
            &ids,
            format!(
                "set {} bgp-ip=<the device's BGP address, inside {}'s own range>",
                site.name, site.name
            ),
            ctx.fix()
                .bgp_ip(site)
                .map(|ip| format!("set {} bgp-ip={ip}", site.name))
                .into_iter()
                .collect(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::Severity;
    use crate::validate::test_support::{fires, silent};

    const HUB: &str =
        "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ asn=65010\n";

    #[test]
    fn s2s_public_ip_needs_a_public_address_and_grades_nat_by_era() {
        let script = format!("{HUB}site s 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub s");
        silent("s2s-public-ip", &script);
        silent("s2s-public-ip", "vnet hub 10.0.0.0/16\nsite s 192.168.0.0/24");
        fires("s2s-public-ip", &script.replace(" ip=203.0.113.1", ""), "s");
        let f = fires("s2s-public-ip", &script.replace("203.0.113.1", "192.168.0.1"), "s");
        assert!(f.message.contains("private"), "{}", f.message);
        fires("s2s-public-ip", &script.replace("203.0.113.1", "100.64.3.4"), "hub");
        let f = fires(
            "s2s-public-ip",
            &script.replace("ip=203.0.113.1", "ip=203.0.113.1 behind-nat"),
            "s",
        );
        assert_eq!(f.severity, Severity::Warning);
        let f = fires(
            "s2s-public-ip",
            &format!(
                "catalog 2017\n{}",
                script
                    .replace("ip=203.0.113.1", "ip=203.0.113.1 behind-nat")
                    .replace("VpnGw1AZ", "VpnGw1")
            ),
            "s",
        );
        assert_eq!(f.severity, Severity::Error);
    }

    #[test]
    fn s2s_p2s_same_ip_warns_when_clients_share_the_device_address() {
        let script = format!(
            "{HUB}site s 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub s\nusers u 172.16.0.0/24 clients=5 source-ip=203.0.113.1\nlink p2s hub u"
        );
        let f = fires("s2s-p2s-same-ip", &script, "u");
        assert_eq!(f.nodes, vec!["u", "s", "hub"]);
        silent(
            "s2s-p2s-same-ip",
            &script.replace("source-ip=203.0.113.1", "source-ip=198.51.100.7"),
        );
    }

    #[test]
    fn p2s_transit_bgp_names_sites_without_bgp_and_peers_without_transit() {
        let base = format!(
            "{HUB}users u 172.16.0.0/24 clients=5\nlink p2s hub u\nsite s 192.168.0.0/24 ip=203.0.113.1 asn=65020\nvnet spoke 10.1.0.0/16\n"
        );
        let f = fires(
            "p2s-transit-bgp",
            &format!("{base}link s2s hub s\nlink peering hub spoke"),
            "s",
        );
        assert!(
            f.message.contains("s (no BGP)") && f.message.contains("spoke (no gateway transit)"),
            "{}",
            f.message
        );
        assert!(f.nodes.contains(&"spoke".to_owned()));
        fires(
            "p2s-transit-bgp",
            &format!("{base}link s2s hub s bgp\nlink peering hub spoke allow-gateway-transit=hub"),
            "spoke",
        );
        silent(
            "p2s-transit-bgp",
            &format!(
                "{base}link s2s hub s bgp\nlink peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke"
            ),
        );
        silent(
            "p2s-transit-bgp",
            &format!("{HUB}site s 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub s"),
        );
    }

    #[test]
    fn peer_no_gw_needed_notes_v2v_inside_one_region() {
        let script = format!(
            "{HUB}set hub region=westeurope\nvnet b 10.1.0.0/16 region=westeurope\ngateway b vpn VpnGw1AZ\nlink v2v hub b"
        );
        let f = fires("peer-no-gw-needed", &script, "b");
        assert_eq!(
            (f.severity, f.hint.as_str()),
            (Severity::Info, "unlink v2v hub b then link peering hub b")
        );
        silent(
            "peer-no-gw-needed",
            &script.replace("b 10.1.0.0/16 region=westeurope", "b 10.1.0.0/16 region=northeurope"),
        );
    }

    #[test]
    fn bgp_peer_address_needs_the_device_bgp_ip_on_bgp_links() {
        let script = format!("{HUB}site s 192.168.0.0/24 ip=203.0.113.1 asn=65020\nlink s2s hub s bgp");
        let f = fires("bgp-peer-address", &script, "s");
        assert_eq!(f.nodes, vec!["s", "hub"]);
        silent("bgp-peer-address", &format!("{script}\nset s bgp-ip=192.168.0.1"));
        silent("bgp-peer-address", &script.replace(" bgp", ""));
    }
}
