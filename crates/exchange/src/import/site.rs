//! Sites: local network gateways (address space, VPN device address, BGP peer) and ExpressRoute
//! circuits (bandwidth, peering location, Premium, Direct), attached to the site a vnetsketch export
//! tagged or made a site of their own from the tagged prefixes.

use std::net::{IpAddr, Ipv4Addr};

use super::json::Json;
use ipnet::IpNet;
use vnetsketch_model::format::{CircuitFile, SiteFile};

use super::build::{Ctx, LNG, as_u32, sanitize, text};
use super::read::{Res, dig};
use crate::plan;

fn site_extras(res: &Res<'_>, site: &mut SiteFile) {
    site.uplink_mbps = res.tag(plan::TAG_UPLINK).and_then(|t| t.parse().ok());
    site.behind_nat = res
        .tag(plan::TAG_BEHIND_NAT)
        .is_some_and(|t| t.eq_ignore_ascii_case("true"));
    site.advertised = res.tag(plan::TAG_ADVERTISED).and_then(|t| t.parse().ok()).unwrap_or(0);
}

pub(super) fn local_gateway(ctx: &mut Ctx<'_, '_>, i: usize) {
    let body = ctx.res[i].body;
    let mut prefixes = ctx.prefixes(
        i,
        dig(body, &["localNetworkAddressSpace", "addressPrefixes"]),
        "address prefix",
    );
    let bgp_ip = dig(body, &["bgpSettings", "bgpPeeringAddress"])
        .and_then(Json::as_str)
        .and_then(|s| s.parse::<IpAddr>().ok());
    if prefixes.is_empty() {
        match bgp_ip {
            Some(ip) => {
                prefixes.push(IpNet::from(ip));
                ctx.note(
                    i,
                    format!("no address space (BGP learns the routes); the site's prefix is its BGP peer {ip}"),
                );
            }
            None => return ctx.skip(i, "a local network gateway without address space or BGP peer address"),
        }
    }
    let address = ctx.res[i].prop("gatewayIpAddress").and_then(Json::as_str);
    let ip = address.and_then(|s| s.parse::<Ipv4Addr>().ok());
    if let Some(s) = address.filter(|_| ip.is_none()) {
        ctx.note(
            i,
            format!(
                "gatewayIpAddress `{}` is not an IPv4 address; left out",
                text(&Json::from(s))
            ),
        );
    }
    if let Some(fqdn) = ctx.res[i]
        .prop("fqdn")
        .and_then(Json::as_str)
        .filter(|_| address.is_none())
    {
        ctx.note(
            i,
            format!("the VPN device is named by FQDN {fqdn}; the design records IPv4 addresses only"),
        );
    }
    let name = ctx.node_name(i, ctx.res[i].name());
    let mut site = SiteFile {
        name: name.clone(),
        prefixes,
        ip,
        behind_nat: false,
        asn: as_u32(dig(body, &["bgpSettings", "asn"])),
        bgp_ip,
        advertised: 0,
        uplink_mbps: None,
        circuit: None,
        x: 0,
        y: 0,
        pinned: false,
    };
    site_extras(&ctx.res[i], &mut site);
    ctx.file.sites.push(site);
    ctx.site_of.insert(i, ctx.file.sites.len() - 1);
    ctx.mapped(i, format!("site {name}"));
}

pub(super) fn circuit(ctx: &mut Ctx<'_, '_>, i: usize) {
    let body = ctx.res[i].body;
    let port = dig(body, &["expressRoutePort", "id"]).is_some() || dig(body, &["bandwidthInGbps"]).is_some();
    let mbps = as_u32(dig(body, &["serviceProviderProperties", "bandwidthInMbps"])).or_else(|| {
        dig(body, &["bandwidthInGbps"])
            .and_then(Json::as_f64)
            .map(|g| (g * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32)
    });
    let Some(mbps) = mbps else {
        return ctx.skip(i, "a circuit without bandwidthInMbps or bandwidthInGbps");
    };
    let location = dig(body, &["serviceProviderProperties", "peeringLocation"])
        .and_then(Json::as_str)
        .map(sanitize);
    let premium = dig(body, &["sku", "tier"])
        .and_then(Json::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("Premium"));
    let c = CircuitFile {
        mbps,
        location,
        premium,
        direct: port && dig(body, &["serviceProviderProperties", "bandwidthInMbps"]).is_none(),
    };
    let res = &ctx.res[i];
    let owner = res.tag(plan::TAG_SITE).and_then(|site| {
        ctx.site_of
            .iter()
            .filter(|(r, _)| ctx.res[**r].id.ty == LNG && ctx.res[**r].name().eq_ignore_ascii_case(site))
            .map(|(_, s)| *s)
            .min()
    });
    if let Some(s) = owner {
        if ctx.file.sites[s].circuit.is_some() {
            return ctx.skip(i, format!("site {} already has a circuit", ctx.file.sites[s].name));
        }
        let msg = format!("circuit of site {}", ctx.file.sites[s].name);
        ctx.file.sites[s].circuit = Some(c);
        ctx.site_of.insert(i, s);
        return ctx.mapped(i, msg);
    }
    let tagged: Vec<IpNet> = res
        .tag(plan::TAG_PREFIXES)
        .map(|t| t.split(',').filter_map(|p| p.trim().parse().ok()).collect())
        .unwrap_or_default();
    if tagged.is_empty() {
        return ctx.skip(
            i,
            format!(
                "Azure does not record the on-premises prefixes behind a circuit (BGP learns them); add the site \
                 with `site NAME PREFIX circuit={mbps}` and link it with `link er VNET NAME`"
            ),
        );
    }
    let wanted = res.tag(plan::TAG_SITE).unwrap_or_else(|| res.name()).to_owned();
    let name = ctx.node_name(i, &wanted);
    let res = &ctx.res[i];
    let mut site = SiteFile {
        name: name.clone(),
        prefixes: tagged,
        ip: None,
        behind_nat: false,
        asn: res.tag(plan::TAG_ASN).and_then(|t| t.parse().ok()),
        bgp_ip: res.tag(plan::TAG_BGP_IP).and_then(|t| t.parse().ok()),
        advertised: 0,
        uplink_mbps: None,
        circuit: Some(c),
        x: 0,
        y: 0,
        pinned: false,
    };
    site_extras(res, &mut site);
    ctx.file.sites.push(site);
    ctx.site_of.insert(i, ctx.file.sites.len() - 1);
    ctx.mapped(i, format!("site {name} with its circuit"));
}
