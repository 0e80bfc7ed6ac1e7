//! A site's resources: its local network gateway (address space, VPN device address, BGP) and its
//! ExpressRoute circuit (provider or Direct port), with the tags that carry what Azure has no property for.

use vnetsketch_model::design::Site;

use super::{Builder, ParamKind, Ref, Resource, V, obj, prefixes, s};
use crate::plan;

fn site_tags(site: &Site) -> Vec<(String, String)> {
    let mut tags = Vec::new();
    if let Some(up) = site.uplink_mbps {
        tags.push((plan::TAG_UPLINK.to_owned(), up.to_string()));
    }
    if site.behind_nat {
        tags.push((plan::TAG_BEHIND_NAT.to_owned(), "true".to_owned()));
    }
    if site.advertised > 0 {
        tags.push((plan::TAG_ADVERTISED.to_owned(), site.advertised.to_string()));
    }
    tags
}

pub(super) fn site_resources(b: &mut Builder<'_>, site: &Site, lng: bool) {
    if lng {
        let address = match site.ip {
            Some(ip) => s(ip.to_string()),
            None => b.param(
                &format!("gatewayIp_{}", site.name),
                ParamKind::String,
                format!(
                    "public IPv4 of the VPN device of site {} (the design has none)",
                    site.name
                ),
            ),
        };
        let mut props = vec![
            (
                "localNetworkAddressSpace",
                obj(vec![("addressPrefixes", prefixes(&site.prefixes))]),
            ),
            ("gatewayIpAddress", address),
        ];
        if site.asn.is_some() || site.bgp_ip.is_some() {
            let mut bgp = Vec::new();
            if let Some(asn) = site.asn {
                bgp.push(("asn", V::Int(asn.into())));
            }
            if let Some(ip) = site.bgp_ip {
                bgp.push(("bgpPeeringAddress", s(ip.to_string())));
            }
            props.push(("bgpSettings", obj(bgp)));
        }
        b.push(Resource {
            r: Ref::new("localNetworkGateways", &[&site.name]),
            location: Some(V::Param("location".into())),
            sku: None,
            tags: site_tags(site),
            properties: obj(props),
            depends: Vec::new(),
        });
    }
    let Some(c) = &site.circuit else { return };
    let mut tags = vec![(plan::TAG_SITE.to_owned(), site.name.clone())];
    if !lng {
        let list: Vec<String> = site.prefixes.iter().map(ToString::to_string).collect();
        tags.push((plan::TAG_PREFIXES.to_owned(), list.join(",")));
        if let Some(asn) = site.asn {
            tags.push((plan::TAG_ASN.to_owned(), asn.to_string()));
        }
        if let Some(ip) = site.bgp_ip {
            tags.push((plan::TAG_BGP_IP.to_owned(), ip.to_string()));
        }
        tags.extend(site_tags(site));
    }
    let tier = if c.premium { "Premium" } else { "Standard" };
    let sku = obj(vec![
        ("name", s(format!("{tier}_MeteredData"))),
        ("tier", s(tier)),
        ("family", s("MeteredData")),
    ]);
    let props = if c.direct {
        let port = b.param(
            &format!("expressRoutePort_{}", site.name),
            ParamKind::String,
            format!("resource id of the ExpressRoute Direct port of site {}", site.name),
        );
        vec![
            ("expressRoutePort", obj(vec![("id", port)])),
            ("bandwidthInGbps", V::Int(c.mbps.div_ceil(1000).into())),
        ]
    } else {
        let provider = b.param(
            &format!("serviceProvider_{}", site.name),
            ParamKind::String,
            format!("ExpressRoute service provider of site {}", site.name),
        );
        let location = match &c.location {
            Some(l) => s(l.clone()),
            None => b.param(
                &format!("peeringLocation_{}", site.name),
                ParamKind::String,
                format!(
                    "ExpressRoute peering location of site {} (the design has none)",
                    site.name
                ),
            ),
        };
        vec![(
            "serviceProviderProperties",
            obj(vec![
                ("serviceProviderName", provider),
                ("peeringLocation", location),
                ("bandwidthInMbps", V::Int(c.mbps.into())),
            ]),
        )]
    };
    b.push(Resource {
        r: Ref::new("expressRouteCircuits", &[&plan::circuit(&site.name)]),
        location: Some(V::Param("location".into())),
        sku: Some(sku),
        tags,
        properties: obj(props),
        depends: Vec::new(),
    });
}
