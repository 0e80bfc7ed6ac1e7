//! The property tables of the node kinds (VNet, site, user group) and of a VNet's subnets.
//!
//! Each writer parses before it looks for the part the key needs, so a bad value is named before a
//! missing gateway or circuit.

use std::net::IpAddr;

use strum::VariantNames;

use super::row::{BOOL, Choices, Needs, Property, opt, set};
use super::value::{
    Prop, bad_value, check_name, free_text, is_none, parse_bool, parse_num, parse_opt_num, parse_opt_value,
    parse_prefix_list, parse_word, raw, text_value,
};
use crate::catalog::Catalog;
use crate::design::{Circuit, ErGateway, Protocol, Site, Subnet, Users, Vnet, VpnGateway, VpnType};
use crate::error::EditError;
use crate::sku::{ErSku, VpnSku};
use crate::text::join_nets as join;

type VnetRow = Property<Vnet>;
type SiteRow = Property<Site>;
type UsersRow = Property<Users>;
type SubnetRow = Property<Subnet>;

const NAME_DOC: &str = "unique name across VNets, sites and user groups; a rename rewrites the links";
const PINNED_DOC: &str = "a layout keeps the node where it is (pin NAME, unpin NAME)";

/// Sets a node's own name after checking it (the edit then re-keys the design and the links).
fn rename(name: &mut String, p: &Prop) -> Result<(), EditError> {
    let new = p
        .value
        .clone()
        .ok_or_else(|| bad_value("name", "", "expected name=NEW"))?;
    if new != *name {
        check_name(&new)?;
    }
    *name = new;
    Ok(())
}

fn vpn_mut<'v>(v: &'v mut Vnet, p: &Prop) -> Result<&'v mut VpnGateway, EditError> {
    let name = v.name.clone();
    v.vpn.as_mut().ok_or_else(|| EditError::NeedsGateway {
        vnet: name,
        key: p.key.clone(),
        kind: "vpn",
    })
}

fn er_mut<'v>(v: &'v mut Vnet, p: &Prop) -> Result<&'v mut ErGateway, EditError> {
    let name = v.name.clone();
    v.er.as_mut().ok_or_else(|| EditError::NeedsGateway {
        vnet: name,
        key: p.key.clone(),
        kind: "er",
    })
}

fn circuit_mut<'s>(s: &'s mut Site, p: &Prop) -> Result<&'s mut Circuit, EditError> {
    let name = s.name.clone();
    s.circuit.as_mut().ok_or_else(|| EditError::NeedsCircuit {
        site: name,
        key: p.key.clone(),
    })
}

/// The keys of a VNet, its gateways' included.
pub static VNET: &[Property<Vnet>] = &[
    VnetRow::new("name", NAME_DOC, |v| v.name.clone(), |v, p, _| rename(&mut v.name, p)),
    VnetRow::new(
        "prefixes",
        "address space: one or more CIDR prefixes, comma-separated (auto/N: the lowest free /N)",
        |v| join(&v.prefixes),
        |v, p, _| set(&mut v.prefixes, parse_prefix_list(p)?),
    )
    .choices(Choices::Prefixes),
    VnetRow::new(
        "region",
        "Azure region (peerings across regions are global peerings); none clears it",
        |v| opt(v.region.as_ref()),
        |v, p, _| set(&mut v.region, text_value(p)?),
    ),
    VnetRow::new(
        "classic",
        "deployed with the classic (Service Manager) model",
        |v| v.classic.to_string(),
        |v, p, _| set(&mut v.classic, parse_bool(p)?),
    )
    .choices(BOOL),
    VnetRow::new(
        "vpn-sku",
        "SKU of the VPN gateway; setting one adds the gateway, none removes it",
        |v| opt(v.vpn.as_ref().map(|g| g.sku)),
        |v, p, era| {
            if is_none(p) {
                v.vpn = None;
                return Ok(());
            }
            let sku: VpnSku = parse_word(p)?;
            let catalog = Catalog::get(era);
            match v.vpn.as_mut() {
                Some(gw) => {
                    gw.sku = sku;
                    if catalog.vpn(sku, gw.generation).is_none() {
                        gw.generation = catalog.default_generation(sku);
                    }
                }
                None => v.vpn = Some(VpnGateway::new(sku, catalog.default_generation(sku))),
            }
            Ok(())
        },
    )
    .choices(Choices::NoneOr(<VpnSku as VariantNames>::VARIANTS)),
    VnetRow::new(
        "policy-based",
        "the VPN gateway is PolicyBased (Basic SKU only, one S2S tunnel) instead of RouteBased",
        |v| opt(v.vpn.as_ref().map(|g| g.vpn_type == VpnType::PolicyBased)),
        |v, p, _| {
            let policy = parse_bool(p)?;
            vpn_mut(v, p)?.vpn_type = if policy {
                VpnType::PolicyBased
            } else {
                VpnType::RouteBased
            };
            Ok(())
        },
    )
    .choices(BOOL)
    .needs(Needs::VpnGateway),
    VnetRow::new(
        "active-active",
        "the VPN gateway runs two active instances, with two public IPs",
        |v| opt(v.vpn.as_ref().map(|g| g.active_active)),
        |v, p, _| {
            let on = parse_bool(p)?;
            vpn_mut(v, p)?.active_active = on;
            Ok(())
        },
    )
    .choices(BOOL)
    .needs(Needs::VpnGateway),
    VnetRow::new(
        "asn",
        "BGP ASN of the VPN gateway; none leaves BGP off at the gateway",
        |v| opt(v.vpn.as_ref().and_then(|g| g.asn)),
        |v, p, _| {
            let asn = parse_opt_num(p)?;
            vpn_mut(v, p)?.asn = asn;
            Ok(())
        },
    )
    .needs(Needs::VpnGateway),
    VnetRow::new(
        "generation",
        "generation of the VPN gateway, 1 or 2",
        |v| opt(v.vpn.as_ref().map(|g| g.generation)),
        |v, p, _| {
            let g: u8 = parse_num(p)?;
            if !matches!(g, 1 | 2) {
                return Err(bad_value("generation", &g.to_string(), "expected 1 or 2"));
            }
            vpn_mut(v, p)?.generation = g;
            Ok(())
        },
    )
    .choices(Choices::OneOf(&["1", "2"]))
    .needs(Needs::VpnGateway),
    VnetRow::new(
        "nat-rules",
        "number of NAT rules configured on the VPN gateway",
        |v| opt(v.vpn.as_ref().map(|g| g.nat_rules)),
        |v, p, _| {
            let n = parse_num(p)?;
            vpn_mut(v, p)?.nat_rules = n;
            Ok(())
        },
    )
    .needs(Needs::VpnGateway),
    VnetRow::new(
        "apipa",
        "custom APIPA BGP address of the VPN gateway (169.254.21.0 to 169.254.22.255); none clears it",
        |v| opt(v.vpn.as_ref().and_then(|g| g.apipa)),
        |v, p, _| {
            let ip = parse_opt_value(p, "an IPv4 address")?;
            vpn_mut(v, p)?.apipa = ip;
            Ok(())
        },
    )
    .needs(Needs::VpnGateway),
    VnetRow::new(
        "er-sku",
        "SKU of the ExpressRoute gateway; setting one adds the gateway, none removes it",
        |v| opt(v.er.as_ref().map(|g| g.sku)),
        |v, p, _| {
            if is_none(p) {
                v.er = None;
                return Ok(());
            }
            let sku: ErSku = parse_word(p)?;
            match v.er.as_mut() {
                Some(gw) => gw.sku = sku,
                None => v.er = Some(ErGateway::new(sku)),
            }
            Ok(())
        },
    )
    .choices(Choices::NoneOr(<ErSku as VariantNames>::VARIANTS)),
    VnetRow::new(
        "fastpath",
        "FastPath: traffic to the VNet bypasses the ExpressRoute gateway",
        |v| opt(v.er.as_ref().map(|g| g.fastpath)),
        |v, p, _| {
            let on = parse_bool(p)?;
            er_mut(v, p)?.fastpath = on;
            Ok(())
        },
    )
    .choices(BOOL)
    .needs(Needs::ErGateway),
    VnetRow::new(
        "units",
        "scale units of an ErGwScale ExpressRoute gateway (at least 1)",
        |v| opt(v.er.as_ref().map(|g| g.units)),
        |v, p, _| {
            let n: u32 = parse_num(p)?;
            if n == 0 {
                return Err(bad_value("units", "0", "expected at least 1 scale unit"));
            }
            er_mut(v, p)?.units = n;
            Ok(())
        },
    )
    .needs(Needs::ErGateway),
    VnetRow::new(
        "pinned",
        PINNED_DOC,
        |v| v.pinned.to_string(),
        |v, p, _| set(&mut v.pinned, parse_bool(p)?),
    )
    .choices(BOOL),
];

/// The keys of an on-premises site, its circuit's included.
pub static SITE: &[Property<Site>] = &[
    SiteRow::new("name", NAME_DOC, |s| s.name.clone(), |s, p, _| rename(&mut s.name, p)),
    SiteRow::new(
        "prefixes",
        "on-premises prefixes: one or more CIDR prefixes, comma-separated (or auto/N)",
        |s| join(&s.prefixes),
        |s, p, _| set(&mut s.prefixes, parse_prefix_list(p)?),
    )
    .choices(Choices::Prefixes),
    SiteRow::new(
        "ip",
        "public IPv4 address of the VPN device; none clears it",
        |s| opt(s.ip),
        |s, p, _| set(&mut s.ip, parse_opt_value(p, "a public IPv4 address")?),
    ),
    SiteRow::new(
        "behind-nat",
        "the VPN device sits behind NAT",
        |s| s.behind_nat.to_string(),
        |s, p, _| set(&mut s.behind_nat, parse_bool(p)?),
    )
    .choices(BOOL),
    SiteRow::new(
        "asn",
        "BGP ASN of the on-premises device; none when it does not speak BGP",
        |s| opt(s.asn),
        |s, p, _| set(&mut s.asn, parse_opt_num(p)?),
    ),
    SiteRow::new(
        "bgp-ip",
        "BGP peer address of the on-premises device (IPv4 or IPv6); none clears it",
        |s| opt(s.bgp_ip),
        |s, p, _| set(&mut s.bgp_ip, parse_opt_value::<IpAddr>(p, "an IP address")?),
    ),
    SiteRow::new(
        "advertised",
        "prefixes the site advertises over BGP; 0 counts its own prefixes",
        |s| s.advertised.to_string(),
        |s, p, _| set(&mut s.advertised, parse_num(p)?),
    ),
    SiteRow::new(
        "uplink",
        "uplink bandwidth of the site in Mbps; none when unknown",
        |s| opt(s.uplink_mbps),
        |s, p, _| set(&mut s.uplink_mbps, parse_opt_num(p)?),
    ),
    SiteRow::new(
        "circuit",
        "bandwidth of the site's ExpressRoute circuit in Mbps; setting one adds the circuit, none removes it",
        |s| opt(s.circuit.as_ref().map(|c| c.mbps)),
        |s, p, _| {
            match parse_opt_num(p)? {
                None => s.circuit = None,
                Some(mbps) => match s.circuit.as_mut() {
                    Some(c) => c.mbps = mbps,
                    None => s.circuit = Some(Circuit::new(mbps)),
                },
            }
            Ok(())
        },
    ),
    SiteRow::new(
        "location",
        "peering location of the circuit, free text (\"New York\"); none clears it",
        |s| opt(s.circuit.as_ref().and_then(|c| c.location.as_ref())),
        |s, p, _| {
            let location = free_text(p)?;
            circuit_mut(s, p)?.location = location;
            Ok(())
        },
    )
    .needs(Needs::Circuit),
    SiteRow::new(
        "premium",
        "the circuit has the Premium add-on (more VNet links, more routes)",
        |s| opt(s.circuit.as_ref().map(|c| c.premium)),
        |s, p, _| {
            let on = parse_bool(p)?;
            circuit_mut(s, p)?.premium = on;
            Ok(())
        },
    )
    .choices(BOOL)
    .needs(Needs::Circuit),
    SiteRow::new(
        "direct",
        "the circuit is an ExpressRoute Direct port, not a provider circuit",
        |s| opt(s.circuit.as_ref().map(|c| c.direct)),
        |s, p, _| {
            let on = parse_bool(p)?;
            circuit_mut(s, p)?.direct = on;
            Ok(())
        },
    )
    .choices(BOOL)
    .needs(Needs::Circuit),
    SiteRow::new(
        "pinned",
        PINNED_DOC,
        |s| s.pinned.to_string(),
        |s, p, _| set(&mut s.pinned, parse_bool(p)?),
    )
    .choices(BOOL),
];

/// The keys of a Point-to-Site user group.
pub static USERS: &[Property<Users>] = &[
    UsersRow::new("name", NAME_DOC, |u| u.name.clone(), |u, p, _| rename(&mut u.name, p)),
    UsersRow::new(
        "pool",
        "client address pool: one CIDR prefix (auto/N: the lowest free /N)",
        |u| u.pool.to_string(),
        |u, p, _| {
            match parse_prefix_list(p)?.as_slice() {
                [one] => u.pool = *one,
                _ => return Err(bad_value("pool", raw(p), "expected one prefix")),
            }
            Ok(())
        },
    )
    .choices(Choices::Prefixes),
    UsersRow::new(
        "clients",
        "expected concurrent clients",
        |u| u.clients.to_string(),
        |u, p, _| set(&mut u.clients, parse_num(p)?),
    ),
    UsersRow::new(
        "protocol",
        "tunnel protocol of the clients",
        |u| u.protocol.to_string(),
        |u, p, _| set(&mut u.protocol, parse_word(p)?),
    )
    .choices(Choices::OneOf(<Protocol as VariantNames>::VARIANTS)),
    UsersRow::new(
        "radius",
        "clients authenticate with RADIUS",
        |u| u.radius.to_string(),
        |u, p, _| set(&mut u.radius, parse_bool(p)?),
    )
    .choices(BOOL),
    UsersRow::new(
        "source-ip",
        "public IPv4 address the clients connect from, when known; none clears it",
        |u| opt(u.source_ip),
        |u, p, _| set(&mut u.source_ip, parse_opt_value(p, "a public IPv4 address")?),
    ),
    UsersRow::new(
        "pinned",
        PINNED_DOC,
        |u| u.pinned.to_string(),
        |u, p, _| set(&mut u.pinned, parse_bool(p)?),
    )
    .choices(BOOL),
];

/// The keys of a subnet (its name and prefix are words of the `subnet` command).
pub static SUBNET: &[Property<Subnet>] = &[SubnetRow::new(
    "hosts",
    "planned hosts (VMs, endpoints) in the subnet; 0 when not planned",
    |s| s.hosts.to_string(),
    |s, p, _| set(&mut s.hosts, parse_num(p)?),
)];
