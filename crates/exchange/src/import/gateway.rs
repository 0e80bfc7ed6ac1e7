//! Gateways: a virtual network gateway placed in the VNet whose GatewaySubnet its IP configuration
//! names (VPN: SKU, generation, BGP, APIPA, NAT rules, policy- or route-based; ExpressRoute: SKU and
//! scale units), the public IP addresses it uses, and the user groups from its Point-to-Site pools.

use std::net::Ipv4Addr;

use super::json::Json;
use ipnet::IpNet;
use vnetsketch_model::design::{Protocol, VpnType};
use vnetsketch_model::format::{ErGatewayFile, UsersFile, VpnGatewayFile};
use vnetsketch_model::{Catalog, ErSku, Era, LinkKind, VpnSku};

use super::build::{Ctx, GwKind, as_bool, as_u32, link_file, strs};
use super::id::parse_id;
use super::read::dig;
use crate::plan;

/// The VNet (index in `file.vnets`) whose GatewaySubnet gateway `i` sits in.
fn gateway_vnet(ctx: &mut Ctx<'_, '_>, i: usize) -> Option<usize> {
    let configs = ctx.res[i].prop("ipConfigurations")?.as_array()?;
    let mut vnet = None;
    for c in configs {
        if let Some(pip) = dig(c, &["publicIPAddress", "id"])
            .and_then(Json::as_str)
            .and_then(parse_id)
            .and_then(|id| ctx.index.resolve(ctx.res, &id))
        {
            ctx.used_ips.insert(pip);
        }
        let subnet = dig(c, &["subnet", "id"]).and_then(Json::as_str).and_then(parse_id);
        if let Some(v) = subnet
            .and_then(|s| s.parent())
            .and_then(|p| ctx.index.resolve(ctx.res, &p))
            .and_then(|r| ctx.vnet_of.get(&r).copied())
        {
            vnet = Some(v);
        }
    }
    vnet
}

pub(super) fn gateway(ctx: &mut Ctx<'_, '_>, i: usize, era: Era) {
    let Some(v) = gateway_vnet(ctx, i) else {
        ctx.skip(
            i,
            "a gateway whose VNet (from its IP configuration's subnet) is not in the input",
        );
        return;
    };
    let body = ctx.res[i].body;
    let ty = ctx.res[i].prop("gatewayType").and_then(Json::as_str).unwrap_or("");
    let sku = dig(body, &["sku", "name"]).and_then(Json::as_str).unwrap_or("");
    let vnet_name = ctx.file.vnets[v].name.clone();
    if ty.eq_ignore_ascii_case("Vpn") {
        let sku: VpnSku = match sku.parse() {
            Ok(s) => s,
            Err(e) => return ctx.skip(i, format!("VPN gateway: {e}")),
        };
        if ctx.file.vnets[v].vpn_gateway.is_some() {
            return ctx.skip(
                i,
                format!("a second VPN gateway in VNet {vnet_name}; the first is kept"),
            );
        }
        let asn =
            as_bool(ctx.res[i].prop("enableBgp")).then(|| as_u32(dig(body, &["bgpSettings", "asn"])).unwrap_or(65_515));
        let generation = match ctx.res[i].prop("vpnGatewayGeneration").and_then(Json::as_str) {
            Some(g) if g.eq_ignore_ascii_case("Generation1") => 1,
            Some(g) if g.eq_ignore_ascii_case("Generation2") => 2,
            _ => Catalog::get(era).default_generation(sku),
        };
        let apipa = dig(body, &["bgpSettings", "bgpPeeringAddresses"])
            .and_then(Json::as_array)
            .and_then(|a| a.first())
            .and_then(|p| {
                strs(p.get("customBgpIpAddresses"))
                    .first()
                    .and_then(|s| s.parse::<Ipv4Addr>().ok())
            });
        let nat_rules = match ctx.res[i].prop("natRules").and_then(Json::as_array) {
            Some(rules) => u32::try_from(rules.len()).unwrap_or(u32::MAX),
            None => ctx.res[i]
                .tag(plan::TAG_NAT_RULES)
                .and_then(|t| t.parse().ok())
                .unwrap_or(0),
        };
        let policy = ctx.res[i]
            .prop("vpnType")
            .and_then(Json::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("PolicyBased"));
        ctx.file.vnets[v].vpn_gateway = Some(VpnGatewayFile {
            sku,
            vpn_type: if policy {
                VpnType::PolicyBased
            } else {
                VpnType::RouteBased
            },
            active_active: as_bool(ctx.res[i].prop("activeActive")),
            asn,
            generation,
            nat_rules,
            apipa,
        });
        ctx.gateway_of.insert(i, (vnet_name.clone(), GwKind::Vpn));
        ctx.mapped(i, format!("VPN gateway {sku} of VNet {vnet_name}"));
        point_to_site(ctx, i, &vnet_name);
    } else if ty.eq_ignore_ascii_case("ExpressRoute") {
        let sku: ErSku = match sku.parse() {
            Ok(s) => s,
            Err(e) => return ctx.skip(i, format!("ExpressRoute gateway: {e}")),
        };
        if ctx.file.vnets[v].er_gateway.is_some() {
            return ctx.skip(
                i,
                format!("a second ExpressRoute gateway in VNet {vnet_name}; the first is kept"),
            );
        }
        let units = as_u32(dig(body, &["autoScaleConfiguration", "bounds", "min"]))
            .filter(|u| *u > 0)
            .unwrap_or(1);
        ctx.file.vnets[v].er_gateway = Some(ErGatewayFile {
            sku,
            fastpath: false,
            units,
        });
        ctx.gateway_of.insert(i, (vnet_name.clone(), GwKind::Er));
        ctx.mapped(i, format!("ExpressRoute gateway {sku} of VNet {vnet_name}"));
    } else {
        ctx.skip(
            i,
            format!("gateway type `{ty}`: the design draws Vpn and ExpressRoute gateways"),
        );
    }
}

/// User groups from a VPN gateway's Point-to-Site configuration: one per tagged group (vnetsketch's
/// own export), then one per remaining client pool.
fn point_to_site(ctx: &mut Ctx<'_, '_>, i: usize, vnet: &str) {
    let config = ctx.res[i].prop("vpnClientConfiguration");
    let mut pools = ctx.prefixes(
        i,
        config.and_then(|c| dig(c, &["vpnClientAddressPool", "addressPrefixes"])),
        "client pool",
    );
    let protocols = strs(config.and_then(|c| dig(c, &["vpnClientProtocols"])));
    let radius = config.is_some_and(|c| {
        dig(c, &["radiusServerAddress"])
            .and_then(Json::as_str)
            .is_some_and(|s| !s.is_empty())
            || dig(c, &["radiusServers"])
                .and_then(Json::as_array)
                .is_some_and(|a| !a.is_empty())
    });
    for (group, value) in ctx.res[i].tags_with(plan::TAG_USERS) {
        let mut words = value.split_whitespace();
        let Some(pool) = words.next().and_then(|p| p.parse::<IpNet>().ok()) else {
            ctx.note(i, format!("tag {}{group}: no client pool; left out", plan::TAG_USERS));
            continue;
        };
        let mut users = UsersFile {
            name: String::new(),
            pool,
            clients: 0,
            protocol: Protocol::default(),
            radius: false,
            source_ip: None,
            x: 0,
            y: 0,
            pinned: false,
        };
        let mut nat = false;
        for w in words {
            match w.split_once('=') {
                Some(("clients", n)) => users.clients = n.parse().unwrap_or(0),
                Some(("protocol", p)) => users.protocol = p.parse().unwrap_or_default(),
                Some(("source-ip", ip)) => users.source_ip = ip.parse().ok(),
                None if w == "radius" => users.radius = true,
                None if w == "nat" => nat = true,
                _ => {}
            }
        }
        pools.retain(|p| *p != pool);
        users.name = ctx.node_name(i, group);
        add_users(ctx, i, vnet, users, nat);
    }
    let protocol = if protocols.iter().any(|p| p.eq_ignore_ascii_case("OpenVPN")) {
        Protocol::OpenVpn
    } else if protocols.iter().any(|p| p.eq_ignore_ascii_case("IkeV2")) {
        Protocol::Ikev2
    } else if protocols.iter().any(|p| p.eq_ignore_ascii_case("SSTP")) {
        Protocol::Sstp
    } else {
        Protocol::default()
    };
    for pool in pools {
        let name = ctx.node_name(i, &format!("{vnet}-p2s"));
        ctx.note(
            i,
            format!("user group {name} ({pool}): Azure does not record how many clients connect; set clients=N"),
        );
        if protocols.len() > 1 {
            ctx.note(
                i,
                format!(
                    "user group {name}: the gateway offers {}; the group uses {protocol}",
                    protocols.join(", ")
                ),
            );
        }
        let users = UsersFile {
            name,
            pool,
            clients: 0,
            protocol,
            radius,
            source_ip: None,
            x: 0,
            y: 0,
            pinned: false,
        };
        add_users(ctx, i, vnet, users, false);
    }
}

fn add_users(ctx: &mut Ctx<'_, '_>, i: usize, vnet: &str, users: UsersFile, nat: bool) {
    let mut link = link_file(LinkKind::P2s, vnet, &users.name);
    link.nat = nat;
    ctx.mapped(
        i,
        format!("user group {} (Point-to-Site pool {})", users.name, users.pool),
    );
    ctx.file.users.push(users);
    ctx.file.links.push(link);
}
