//! A VNet's resources: the VNet, its subnets, its gateways' public IP addresses, the VPN gateway (BGP,
//! APIPA, Point-to-Site configuration and the user groups' tags) and the ExpressRoute gateway.

use std::fmt::Write as _;

use vnetsketch_model::design::{Vnet, VpnType};

use super::{Builder, Ref, Resource, V, id_of, obj, prefixes, s};
use crate::plan;

pub(super) fn vnet_resources(b: &mut Builder<'_>, v: &Vnet) {
    let vnet_ref = Ref::new("virtualNetworks", &[&v.name]);
    let mut tags = Vec::new();
    if v.classic {
        tags.push((plan::TAG_CLASSIC.to_owned(), "true".to_owned()));
    }
    let hosts: Vec<String> = v
        .subnets
        .iter()
        .filter(|s| s.hosts > 0)
        .map(|s| format!("{}={}", s.name, s.hosts))
        .collect();
    tags.extend(plan::chunked_tags(plan::TAG_HOSTS, &hosts));
    let location = Builder::location(Some(v));
    b.push(Resource {
        r: vnet_ref.clone(),
        location: Some(location.clone()),
        sku: None,
        tags,
        properties: obj(vec![(
            "addressSpace",
            obj(vec![("addressPrefixes", prefixes(&v.prefixes))]),
        )]),
        depends: Vec::new(),
    });
    for subnet in &v.subnets {
        let r = Ref::new("virtualNetworks/subnets", &[&v.name, &subnet.name]);
        let depends = vec![vnet_ref.clone(), b.after(&v.name)];
        b.push(Resource {
            r: r.clone(),
            location: None,
            sku: None,
            tags: Vec::new(),
            properties: obj(vec![("addressPrefix", s(subnet.prefix.to_string()))]),
            depends,
        });
        b.last_child.insert(v.name.clone(), r);
    }
    let gw_subnet = Ref::new("virtualNetworks/subnets", &[&v.name, "GatewaySubnet"]);
    if let Some(gw) = &v.vpn {
        let pips = plan::vpn_public_ips(&v.name, gw.active_active);
        for pip in &pips {
            b.push(Resource {
                r: Ref::new("publicIPAddresses", &[pip]),
                location: Some(location.clone()),
                sku: Some(obj(vec![("name", s("Standard")), ("tier", s("Regional"))])),
                tags: Vec::new(),
                properties: obj(vec![
                    ("publicIPAllocationMethod", s("Static")),
                    ("publicIPAddressVersion", s("IPv4")),
                ]),
                depends: Vec::new(),
            });
        }
        let gw_ref = Ref::new("virtualNetworkGateways", &[&plan::vpn_gateway(&v.name)]);
        let ip_configs: Vec<V> = pips
            .iter()
            .zip(["default", "activeActive"])
            .map(|(pip, name)| {
                obj(vec![
                    ("name", s(name)),
                    (
                        "properties",
                        obj(vec![
                            ("privateIPAllocationMethod", s("Dynamic")),
                            ("subnet", id_of(&gw_subnet)),
                            ("publicIPAddress", id_of(&Ref::new("publicIPAddresses", &[pip]))),
                        ]),
                    ),
                ])
            })
            .collect();
        let mut props = vec![
            ("gatewayType", s("Vpn")),
            (
                "vpnType",
                s(match gw.vpn_type {
                    VpnType::RouteBased => "RouteBased",
                    VpnType::PolicyBased => "PolicyBased",
                }),
            ),
            (
                "sku",
                obj(vec![("name", s(gw.sku.to_string())), ("tier", s(gw.sku.to_string()))]),
            ),
            ("vpnGatewayGeneration", s(format!("Generation{}", gw.generation))),
            ("activeActive", V::Bool(gw.active_active)),
            ("enableBgp", V::Bool(gw.asn.is_some())),
        ];
        let mut bgp = Vec::new();
        if let Some(asn) = gw.asn {
            bgp.push(("asn", V::Int(asn.into())));
        }
        if let Some(apipa) = gw.apipa {
            bgp.push((
                "bgpPeeringAddresses",
                V::List(vec![obj(vec![
                    (
                        "ipconfigurationId",
                        V::SubId(gw_ref.clone(), "ipConfigurations/default"),
                    ),
                    ("customBgpIpAddresses", V::List(vec![s(apipa.to_string())])),
                ])]),
            ));
        }
        if !bgp.is_empty() {
            props.push(("bgpSettings", obj(bgp)));
        }
        props.push(("ipConfigurations", V::List(ip_configs)));
        let mut tags = Vec::new();
        if gw.nat_rules > 0 {
            tags.push((plan::TAG_NAT_RULES.to_owned(), gw.nat_rules.to_string()));
        }
        let groups = b.p2s.get(v.name.as_str()).map_or(&[][..], Vec::as_slice);
        if let Some(p2s) = vpn_client(groups, &mut tags) {
            props.push(("vpnClientConfiguration", p2s));
        }
        let mut depends = vec![b.after(&v.name)];
        depends.extend(pips.iter().map(|p| Ref::new("publicIPAddresses", &[p])));
        b.push(Resource {
            r: gw_ref.clone(),
            location: Some(location.clone()),
            sku: None,
            tags,
            properties: obj(props),
            depends,
        });
        b.last_child.insert(v.name.clone(), gw_ref);
    }
    if let Some(gw) = &v.er {
        let gw_ref = Ref::new("virtualNetworkGateways", &[&plan::er_gateway(&v.name)]);
        let mut props = vec![
            ("gatewayType", s("ExpressRoute")),
            (
                "sku",
                obj(vec![("name", s(gw.sku.to_string())), ("tier", s(gw.sku.to_string()))]),
            ),
            (
                "ipConfigurations",
                V::List(vec![obj(vec![
                    ("name", s("default")),
                    (
                        "properties",
                        obj(vec![
                            ("privateIPAllocationMethod", s("Dynamic")),
                            ("subnet", id_of(&gw_subnet)),
                        ]),
                    ),
                ])]),
            ),
        ];
        if gw.sku == vnetsketch_model::ErSku::ErGwScale {
            let units = V::Int(gw.units.into());
            props.push((
                "autoScaleConfiguration",
                obj(vec![("bounds", obj(vec![("min", units.clone()), ("max", units)]))]),
            ));
        }
        let depends = vec![b.after(&v.name)];
        b.push(Resource {
            r: gw_ref.clone(),
            location: Some(location),
            sku: None,
            tags: Vec::new(),
            properties: obj(props),
            depends,
        });
        b.last_child.insert(v.name.clone(), gw_ref);
    }
}

/// The P2S configuration of a VPN gateway from its user groups, and their tags.
fn vpn_client(groups: &[(&vnetsketch_model::design::Users, bool)], tags: &mut Vec<(String, String)>) -> Option<V> {
    let mut pools = Vec::new();
    let mut protocols: Vec<&str> = Vec::new();
    for (u, nat) in groups {
        pools.push(s(u.pool.to_string()));
        let protocol = protocol_name(u.protocol);
        if !protocols.contains(&protocol) {
            protocols.push(protocol);
        }
        tags.push((format!("{}{}", plan::TAG_USERS, u.name), users_tag(u, *nat)));
    }
    if pools.is_empty() {
        return None;
    }
    Some(obj(vec![
        ("vpnClientAddressPool", obj(vec![("addressPrefixes", V::List(pools))])),
        ("vpnClientProtocols", V::List(protocols.into_iter().map(s).collect())),
    ]))
}

/// Azure's spelling of a P2S protocol.
pub(crate) fn protocol_name(p: vnetsketch_model::design::Protocol) -> &'static str {
    use vnetsketch_model::design::Protocol;
    match p {
        Protocol::Sstp => "SSTP",
        Protocol::Ikev2 => "IkeV2",
        Protocol::OpenVpn => "OpenVPN",
    }
}

/// The tag value that describes a user group: `POOL clients=N protocol=P [radius] [source-ip=IP] [nat]`.
fn users_tag(u: &vnetsketch_model::design::Users, nat: bool) -> String {
    let mut t = format!("{} clients={} protocol={}", u.pool, u.clients, u.protocol);
    if u.radius {
        t.push_str(" radius");
    }
    if let Some(ip) = u.source_ip {
        let _ = write!(t, " source-ip={ip}");
    }
    if nat {
        t.push_str(" nat");
    }
    t
}
