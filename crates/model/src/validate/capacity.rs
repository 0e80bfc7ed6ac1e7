//! Capacity of VPN gateways: tunnels, P2S clients, shared throughput and the routes pushed to clients.

use super::finding::{Out, Rule, Severity};
use super::groups::Via;
use super::index::Ctx;
use crate::catalog::VpnSkuSpec;
use crate::design::{LinkId, LinkKind, Protocol, Vnet, VpnType};

/// The smallest creatable VpnGw SKU row of the era (by aggregate throughput) that satisfies `fits`.
fn smallest_vpn(ctx: &Ctx<'_>, fits: impl Fn(&VpnSkuSpec) -> bool) -> Option<&'static VpnSkuSpec> {
    ctx.catalog
        .vpn
        .iter()
        .filter(|r| r.creatable && r.sku.as_str().starts_with("VpnGw") && fits(r))
        .min_by_key(|r| r.aggregate_mbps)
}

/// The hint and the fix that move `v` to the smallest SKU that `fits`; `otherwise` (and no fix) when
/// none does: a limit the design has to be changed for.
fn upgrade(ctx: &Ctx<'_>, v: &Vnet, fits: impl Fn(&VpnSkuSpec) -> bool, otherwise: &str) -> (String, Vec<String>) {
    match smallest_vpn(ctx, fits) {
        Some(row) => (
            format!("set {} vpn-sku={}{}", v.name, row.sku, ctx.fix().generation_for(v, row)),
            ctx.fix().vpn_row(v, row),
        ),
        None => (otherwise.to_owned(), Vec::new()),
    }
}

pub const GW_TUNNEL_CAP: Rule = Rule {
    id: "gw-tunnel-cap",
    severity: Severity::Error,
    doc: "S2S + VNet-to-VNet connections of a gateway stay within its SKU's tunnel maximum (error); counting each active-active instance's tunnel too is our interpretation, which the docs do not state (warning)",
    source: "S7, S17",
    check: gw_tunnel_cap,
};

fn gw_tunnel_cap(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let Some(gw) = v.vpn.as_ref().filter(|g| g.vpn_type == VpnType::RouteBased) else {
            continue;
        };
        let Some(spec) = ctx.vpn_spec(v) else { continue };
        let per = |aa: bool| if aa { 2u32 } else { 1 };
        let mut tunnels = 0u32;
        let mut ids: Vec<LinkId> = Vec::new();
        for (id, _, _) in ctx.vnet_links(&v.name, LinkKind::S2s) {
            tunnels = tunnels.saturating_add(per(gw.active_active));
            ids.push(id);
        }
        for (id, _, other) in ctx.vnet_links(&v.name, LinkKind::V2v) {
            let remote_aa = ctx
                .vnet(other)
                .and_then(|o| o.vpn.as_ref())
                .is_some_and(|g| g.active_active);
            tunnels = tunnels.saturating_add(per(gw.active_active) * per(remote_aa));
            ids.push(id);
        }
        if tunnels > spec.s2s_tunnels {
            let (hint, fix) = upgrade(
                ctx,
                v,
                |r| r.s2s_tunnels >= tunnels,
                "split the connections over another gateway, or use Virtual WAN beyond 100 tunnels",
            );
            let (severity, message) = if ids.len() > spec.s2s_tunnels as usize {
                (
                    Severity::Error,
                    format!(
                        "{}'s {} gateway carries {tunnels} S2S/VNet-to-VNet tunnels over {} connections; the SKU allows {}",
                        v.name,
                        gw.sku,
                        ids.len(),
                        spec.s2s_tunnels
                    ),
                )
            } else {
                (
                    Severity::Warning,
                    format!(
                        "{}'s {} gateway has {} S2S/VNet-to-VNet connections, {tunnels} tunnels if each active-active instance's tunnel counts, and the SKU allows {} tunnels; the docs do not say how active-active connections count, so this is an interpretation",
                        v.name,
                        gw.sku,
                        ids.len(),
                        spec.s2s_tunnels
                    ),
                )
            };
            out.emit_with(severity, message, &[&v.name], &ids, hint, fix);
        }
    }
}

pub const GW_P2S_CAP: Rule = Rule {
    id: "gw-p2s-cap",
    severity: Severity::Warning,
    doc: "planned concurrent P2S clients stay within the SKU: SSTP 128, IKEv2/OpenVPN by SKU (extra clients are refused)",
    source: "S7, S16",
    check: gw_p2s_cap,
};

fn gw_p2s_cap(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let Some(spec) = ctx.vpn_spec(v) else { continue };
        let (mut sstp, mut ike) = ((0u64, Vec::new()), (0u64, Vec::new()));
        let mut nodes = vec![v.name.as_str()];
        for (id, _, name) in ctx.vnet_links(&v.name, LinkKind::P2s) {
            let Some(u) = ctx.users(name) else { continue };
            let bucket = if u.protocol == Protocol::Sstp {
                &mut sstp
            } else {
                &mut ike
            };
            bucket.0 += u64::from(u.clients);
            bucket.1.push(id);
            nodes.push(name);
        }
        if sstp.0 > u64::from(spec.p2s_sstp) {
            // Every SSTP group moves to OpenVPN, on a SKU that takes all the clients.
            let total = sstp.0 + ike.0;
            let takes = |r: &VpnSkuSpec| r.p2s_ikev2_openvpn.is_some_and(|m| u64::from(m) >= total);
            let upgrade = if takes(spec) { None } else { smallest_vpn(ctx, takes) };
            let mut fix: Vec<String> = Vec::new();
            if takes(spec) || upgrade.is_some() {
                fix.extend(upgrade.map(|row| ctx.fix().vpn_row(v, row)).unwrap_or_default());
                for (_, _, name) in ctx.vnet_links(&v.name, LinkKind::P2s) {
                    if ctx.users(name).is_some_and(|u| u.protocol == Protocol::Sstp) {
                        fix.push(format!("set {name} protocol=openvpn"));
                    }
                }
            }
            out.emit(
                format!(
                    "{} plans {} concurrent SSTP clients; every SKU takes at most {}",
                    v.name, sstp.0, spec.p2s_sstp
                ),
                &nodes,
                &sstp.1,
                "move clients to IKEv2 or OpenVPN (set USERS protocol=openvpn), which scale with the SKU",
                fix,
            );
        }
        if let Some(max) = spec.p2s_ikev2_openvpn
            && ike.0 > u64::from(max)
        {
            let need = ike.0;
            let (hint, fix) = upgrade(
                ctx,
                v,
                |r| r.p2s_ikev2_openvpn.is_some_and(|m| u64::from(m) >= need),
                "split the clients over another gateway",
            );
            out.emit(
                format!(
                    "{} plans {need} concurrent IKEv2/OpenVPN clients; its {} gateway takes {max}",
                    v.name, spec.sku
                ),
                &nodes,
                &ike.1,
                hint,
                fix,
            );
        }
    }
}

pub const TPUT_SHARED: Rule = Rule {
    id: "tput-shared",
    severity: Severity::Warning,
    doc: "the S2S sites' uplinks on one gateway add up to no more than its aggregate throughput, shared by all its tunnels",
    source: "S4, S16",
    check: tput_shared,
};

fn tput_shared(ctx: &Ctx<'_>, out: &mut Out) {
    for (_, v, adj) in ctx.gateway_vnets_adj() {
        let Some(spec) = ctx.vpn_spec(v) else { continue };
        let mut demand = 0u64;
        let mut ids = Vec::new();
        let mut nodes = vec![v.name.as_str()];
        let mut seen = crate::hash::FxSet::default();
        for x in Ctx::of_kind(adj, LinkKind::S2s) {
            let (id, name) = (x.id, x.other.name());
            let Some(mbps) = x.other.as_site().and_then(|s| s.uplink_mbps) else {
                continue;
            };
            ids.push(id);
            if seen.insert(name) {
                demand += u64::from(mbps);
                nodes.push(name);
            }
        }
        if demand > u64::from(spec.aggregate_mbps) {
            let (hint, fix) = upgrade(
                ctx,
                v,
                |r| u64::from(r.aggregate_mbps) >= demand,
                "split the sites over several gateways, or use ExpressRoute",
            );
            out.emit(
                format!("the S2S sites of {} can send {demand} Mbps, but its {} gateway's aggregate is {} Mbps, shared by every tunnel", v.name, spec.sku, spec.aggregate_mbps),
                &nodes,
                &ids,
                hint,
                fix,
            );
        }
    }
}

pub const P2S_WIN_SELECTORS: Rule = Rule {
    id: "p2s-win-selectors",
    severity: Severity::Warning,
    doc: "routes pushed to P2S clients (VNet, transit spokes, sites, VNet-to-VNet) stay within 25 IKEv2 traffic selectors (255 on Windows 10 2004+) and 1000 OpenVPN routes",
    source: "S16",
    check: p2s_win_selectors,
};

fn p2s_win_selectors(ctx: &Ctx<'_>, out: &mut Out) {
    for (i, v, adj) in ctx.tunnel_vnets_adj() {
        let p2s: Vec<(LinkId, &str)> = Ctx::of_kind(adj, LinkKind::P2s)
            .map(|x| (x.id, x.other.name()))
            .collect();
        if p2s.is_empty() {
            continue;
        }
        let routes: usize = super::groups::vpn_group(i, v, adj)
            .iter()
            .filter(|m| {
                matches!(
                    m.via,
                    Via::Hub | Via::Peer { transit: true } | Via::Site { .. } | Via::V2v
                )
            })
            .map(|m| m.prefixes.len())
            .sum();
        for (id, name) in p2s {
            let Some(u) = ctx.users(name) else { continue };
            let problem = match u.protocol {
                Protocol::Ikev2 if routes > 255 => {
                    "more than the 255 traffic selectors even Windows 10 2004+ accepts".to_owned()
                }
                Protocol::Ikev2 if routes > 25 => {
                    "more than the 25 traffic selectors of Windows before 10 2004 (255 after)".to_owned()
                }
                Protocol::OpenVpn if routes > 1000 => "more than the 1000 routes OpenVPN clients take".to_owned(),
                _ => continue,
            };
            // IKEv2 clients move to OpenVPN when its 1000 routes take them (summarizing is the user's).
            let fix = if u.protocol == Protocol::Ikev2 && routes <= 1000 {
                vec![format!("set {name} protocol=openvpn")]
            } else {
                Vec::new()
            };
            out.emit(
                format!(
                    "{} pushes {routes} routes to the {} clients of {name}: {problem}",
                    v.name, u.protocol
                ),
                &[name, &v.name],
                &[id],
                if u.protocol == Protocol::OpenVpn {
                    "summarize the prefixes into fewer, larger ranges".to_owned()
                } else {
                    format!(
                        "summarize the prefixes into fewer, larger ranges, or set {name} protocol=openvpn (1000 routes)"
                    )
                },
                fix,
            );
        }
    }
}

pub const P2S_POOL_SIZE: Rule = Rule {
    id: "p2s-pool-size",
    severity: Severity::Warning,
    doc: "a P2S client pool has an address for each planned concurrent client (one address per client is our reading; the pool is split among protocols when SSTP is one of several)",
    source: "S33",
    check: p2s_pool_size,
};

fn p2s_pool_size(ctx: &Ctx<'_>, out: &mut Out) {
    for (_, v, adj) in ctx.tunnel_vnets_adj() {
        for x in Ctx::of_kind(adj, LinkKind::P2s) {
            let Some(u) = x.other.as_users() else { continue };
            let ipnet::IpNet::V4(pool) = u.pool else { continue };
            let addresses = 1u64 << (32 - u32::from(pool.prefix_len()));
            if u64::from(u.clients) <= addresses {
                continue;
            }
            let len = (32 - u64::from(u.clients).next_power_of_two().trailing_zeros()).max(1);
            let fix: Vec<String> = ctx
                .fix()
                .free_space(len as u8)
                .map(|pool| format!("set {} pool={pool}", u.name))
                .into_iter()
                .collect();
            out.emit(
                format!(
                    "P2S pool {} of {} has {addresses} addresses for {} planned concurrent clients on {}'s gateway",
                    u.pool, u.name, u.clients, v.name
                ),
                &[&u.name, &v.name],
                &[x.id],
                format!(
                    "set {} pool=<a /{len} or larger, outside every connected network>",
                    u.name
                ),
                fix,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::test_support::{fires, silent};
    use std::fmt::Write;

    const HUB: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n";

    fn sites(n: usize, gw: &str, extra: &str) -> String {
        let mut s = format!("{HUB}gateway hub vpn {gw}\n");
        for i in 0..n {
            let _ = writeln!(
                s,
                "site s{i} 192.168.{i}.0/24 ip=203.0.113.{} {extra}\nlink s2s hub s{i}",
                i + 1
            );
        }
        s
    }

    #[test]
    fn gw_tunnel_cap_counts_active_active_tunnels() {
        let f = fires("gw-tunnel-cap", &sites(11, "Basic", ""), "hub");
        assert!(
            f.message.contains("11 S2S/VNet-to-VNet tunnels") && f.message.contains("allows 10"),
            "{}",
            f.message
        );
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw1AZ");
        silent("gw-tunnel-cap", &sites(10, "Basic", ""));
        // 16 connections are 32 tunnels only if each active-active instance's tunnel counts: a warning
        // that says it is an interpretation.
        let f = fires("gw-tunnel-cap", &sites(16, "VpnGw1AZ active-active", ""), "hub");
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw4AZ");
        assert_eq!(f.severity, crate::validate::Severity::Warning);
        assert!(f.message.contains("interpretation"), "{}", f.message);
        let f = fires("gw-tunnel-cap", &sites(31, "VpnGw1AZ active-active", ""), "hub");
        assert_eq!(f.severity, crate::validate::Severity::Error);
        silent("gw-tunnel-cap", &sites(16, "VpnGw1AZ", ""));
    }

    #[test]
    fn gw_p2s_cap_checks_sstp_and_ikev2_separately() {
        let base = format!(
            "{HUB}gateway hub vpn VpnGw1AZ\nusers a 172.16.0.0/24 clients=100 protocol=sstp\nlink p2s hub a\nusers b 172.16.1.0/24 clients=200\nlink p2s hub b\n"
        );
        silent("gw-p2s-cap", &base);
        let f = fires(
            "gw-p2s-cap",
            &format!("{base}users c 172.16.2.0/24 clients=29 protocol=sstp\nlink p2s hub c"),
            "c",
        );
        assert!(f.message.contains("129 concurrent SSTP"), "{}", f.message);
        let f = fires(
            "gw-p2s-cap",
            &format!("{base}users c 172.16.2.0/24 clients=51 protocol=openvpn\nlink p2s hub c"),
            "hub",
        );
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw2AZ");
    }

    #[test]
    fn tput_shared_adds_the_site_uplinks() {
        let f = fires("tput-shared", &sites(3, "VpnGw1AZ", "uplink=300"), "hub");
        assert!(
            f.message.contains("900 Mbps") && f.message.contains("650 Mbps"),
            "{}",
            f.message
        );
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw2AZ");
        silent("tput-shared", &sites(2, "VpnGw1AZ", "uplink=300"));
        silent("tput-shared", &sites(3, "VpnGw1AZ", ""));
    }

    #[test]
    fn p2s_win_selectors_counts_the_routes_pushed_to_ikev2_clients() {
        let script = format!(
            "{}users u 172.16.0.0/24 clients=5\nlink p2s hub u",
            sites(25, "VpnGw1AZ", "")
        );
        let f = fires("p2s-win-selectors", &script, "u");
        assert!(f.message.contains("26 routes"), "{}", f.message);
        silent(
            "p2s-win-selectors",
            &script.replace("clients=5", "clients=5 protocol=openvpn"),
        );
        silent(
            "p2s-win-selectors",
            &format!(
                "{}users u 172.16.0.0/24 clients=5\nlink p2s hub u",
                sites(24, "VpnGw1AZ", "")
            ),
        );
    }

    #[test]
    fn p2s_pool_size_warns_when_the_pool_is_smaller_than_the_clients() {
        let script = format!("{HUB}gateway hub vpn VpnGw1AZ\nusers u 172.16.0.0/24 clients=300\nlink p2s hub u");
        let f = fires("p2s-pool-size", &script, "u");
        assert!(f.message.contains("256 addresses for 300"), "{}", f.message);
        assert_eq!(f.hint, "set u pool=<a /23 or larger, outside every connected network>");
        silent("p2s-pool-size", &script.replace("clients=300", "clients=256"));
    }
}
