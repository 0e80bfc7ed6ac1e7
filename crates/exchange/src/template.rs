//! The design as ARM resources (types, names, properties, tags, dependencies), one tree that
//! `arm` writes as a JSON deployment template and `bicep` as Bicep. Property names are Azure's own
//! (Microsoft.Network, API version [`API_VERSION`]; checked against Azure's REST API examples).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use ipnet::IpNet;
use vnetsketch_model::design::{Site, Vnet, VpnType};
use vnetsketch_model::hash::FxSet;
use vnetsketch_model::{Design, Era, LinkKind};

use crate::plan::{self, Unique};
use crate::{ExportError, Format};

/// The one API version every resource is written with.
pub(crate) const API_VERSION: &str = "2024-05-01";

/// A value in a resource's body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum V {
    Bool(bool),
    Int(i64),
    Str(Cow<'static, str>),
    List(Vec<V>),
    Obj(Vec<(&'static str, V)>),
    /// A template parameter.
    Param(String),
    /// The id of a resource (in the template or not).
    Id(Ref),
    /// The id of a resource followed by `/SUFFIX` (a gateway's IP configuration).
    SubId(Ref, &'static str),
}

/// A resource by type (below `Microsoft.Network/`) and names (one per type segment).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Ref {
    pub ty: &'static str,
    pub names: Vec<String>,
}

impl Ref {
    fn new(ty: &'static str, names: &[&str]) -> Ref {
        Ref {
            ty,
            names: names.iter().map(|n| (*n).to_owned()).collect(),
        }
    }
}

/// One resource of the template.
#[derive(Clone, Debug)]
pub(crate) struct Resource {
    pub r: Ref,
    pub location: Option<V>,
    pub sku: Option<V>,
    pub tags: Vec<(String, String)>,
    pub properties: V,
    pub depends: Vec<Ref>,
}

/// What a parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ParamKind {
    String,
    SecureString,
}

/// A template parameter.
#[derive(Clone, Debug)]
pub(crate) struct Param {
    pub name: String,
    pub kind: ParamKind,
    /// Defaults to the resource group's location.
    pub rg_location: bool,
    pub description: String,
}

/// A whole template.
#[derive(Clone, Debug)]
pub(crate) struct Template {
    pub catalog: Era,
    pub params: Vec<Param>,
    pub resources: Vec<Resource>,
}

fn obj(fields: Vec<(&'static str, V)>) -> V {
    V::Obj(fields)
}

fn s(text: impl Into<Cow<'static, str>>) -> V {
    V::Str(text.into())
}

fn id_of(r: &Ref) -> V {
    obj(vec![("id", V::Id(r.clone()))])
}

fn prefixes(list: &[IpNet]) -> V {
    V::List(list.iter().map(|p| s(p.to_string())).collect())
}

struct Builder<'d> {
    design: &'d Design,
    params: Vec<Param>,
    param_names: Unique,
    resources: Vec<Resource>,
    emitted: FxSet<Ref>,
    /// Point-to-Site user groups (and the link's NAT flag) by VNet.
    p2s: BTreeMap<&'d str, Vec<(&'d vnetsketch_model::design::Users, bool)>>,
    /// The resource a VNet's next child (subnet, gateway, peering) waits for.
    last_child: BTreeMap<String, Ref>,
}

impl Builder<'_> {
    fn param(&mut self, wanted: &str, kind: ParamKind, description: String) -> V {
        let name = self.param_names.get(&plan::identifier(wanted, "p"));
        self.params.push(Param {
            name: name.clone(),
            kind,
            rg_location: false,
            description,
        });
        V::Param(name)
    }

    fn push(&mut self, mut res: Resource) {
        res.depends.retain(|d| self.emitted.contains(d) && *d != res.r);
        res.depends.sort();
        res.depends.dedup();
        self.emitted.insert(res.r.clone());
        self.resources.push(res);
    }

    fn location(vnet: Option<&Vnet>) -> V {
        match vnet.and_then(|v| v.region.as_ref()) {
            Some(region) => s(region.clone()),
            None => V::Param("location".into()),
        }
    }

    fn after(&self, vnet: &str) -> Ref {
        self.last_child
            .get(vnet)
            .cloned()
            .unwrap_or_else(|| Ref::new("virtualNetworks", &[vnet]))
    }
}

/// Builds the template of `design`.
pub(crate) fn build(design: &Design, format: Format) -> Result<Template, ExportError> {
    plan::checked_links(design, format)?;
    let mut b = Builder {
        design,
        params: vec![Param {
            name: "location".into(),
            kind: ParamKind::String,
            rg_location: true,
            description: "Azure region of the resources whose VNet has no region in the design".into(),
        }],
        param_names: Unique::default(),
        resources: Vec::new(),
        emitted: FxSet::default(),
        last_child: BTreeMap::new(),
        p2s: BTreeMap::new(),
    };
    for (_, l) in plan::links(design) {
        if let (LinkKind::P2s, Some(u)) = (l.kind, design.users(&l.b)) {
            b.p2s.entry(l.a.as_str()).or_default().push((u, l.nat));
        }
    }
    b.param_names.get("location");
    for vnet in design.vnets() {
        vnet_resources(&mut b, vnet);
    }
    let lngs = plan::lng_sites(design);
    for site in design.sites() {
        site_resources(&mut b, site, lngs.contains(site.name.as_str()));
    }
    let names = plan::connection_names(design);
    for (id, link) in plan::links(design) {
        match link.kind {
            LinkKind::S2s | LinkKind::V2v | LinkKind::Er => {
                let key = (link.kind != LinkKind::Er).then(|| {
                    let wanted = names.get(&(id, false)).map_or("link", String::as_str);
                    b.param(
                        &format!("sharedKey_{wanted}"),
                        ParamKind::SecureString,
                        format!("IPsec shared key of {}", link.describe()),
                    )
                });
                for (dir, name) in names.range((id, false)..=(id, true)) {
                    connection(&mut b, link, dir.1, name, key.clone());
                }
            }
            LinkKind::Peering => {
                peering(&mut b, link, false);
                if !link.one_sided {
                    peering(&mut b, link, true);
                }
            }
            LinkKind::P2s => {}
        }
    }
    Ok(Template {
        catalog: design.era,
        params: b.params,
        resources: b.resources,
    })
}

fn vnet_resources(b: &mut Builder<'_>, v: &Vnet) {
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
pub(crate) fn users_tag(u: &vnetsketch_model::design::Users, nat: bool) -> String {
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

fn site_resources(b: &mut Builder<'_>, site: &Site, lng: bool) {
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

fn connection(b: &mut Builder<'_>, link: &vnetsketch_model::Link, reverse: bool, name: &str, key: Option<V>) {
    let (from, to) = if reverse {
        (&link.b, &link.a)
    } else {
        (&link.a, &link.b)
    };
    let from_vnet = b.design.vnet(from);
    let gw1 = Ref::new(
        "virtualNetworkGateways",
        &[&if link.kind == LinkKind::Er {
            plan::er_gateway(from)
        } else {
            plan::vpn_gateway(from)
        }],
    );
    let mut props = vec![(
        "connectionType",
        s(match link.kind {
            LinkKind::S2s => "IPsec",
            LinkKind::V2v => "Vnet2Vnet",
            _ => "ExpressRoute",
        }),
    )];
    props.push(("virtualNetworkGateway1", id_of(&gw1)));
    let mut depends = vec![gw1];
    let other = match link.kind {
        LinkKind::S2s => ("localNetworkGateway2", Ref::new("localNetworkGateways", &[to])),
        LinkKind::V2v => (
            "virtualNetworkGateway2",
            Ref::new("virtualNetworkGateways", &[&plan::vpn_gateway(to)]),
        ),
        _ => ("peer", Ref::new("expressRouteCircuits", &[&plan::circuit(to)])),
    };
    props.push((other.0, id_of(&other.1)));
    depends.push(other.1);
    if link.kind == LinkKind::Er {
        let fastpath = from_vnet.and_then(|v| v.er.as_ref()).is_some_and(|g| g.fastpath);
        props.push(("routingWeight", V::Int(0)));
        props.push(("expressRouteGatewayBypass", V::Bool(fastpath)));
    } else {
        let policy_based = from_vnet
            .and_then(|v| v.vpn.as_ref())
            .is_some_and(|g| g.vpn_type == VpnType::PolicyBased);
        props.push(("connectionProtocol", s(if policy_based { "IKEv1" } else { "IKEv2" })));
        props.push(("routingWeight", V::Int(0)));
        if let Some(key) = key {
            props.push(("sharedKey", key));
        }
        props.push(("enableBgp", V::Bool(link.bgp)));
        if link.custom_ipsec {
            props.push(("ipsecPolicies", V::List(vec![ipsec_policy()])));
        }
    }
    let mut tags = vec![(plan::TAG_LINK.to_owned(), link.describe())];
    if link.nat {
        tags.push((plan::TAG_NAT.to_owned(), "true".to_owned()));
    }
    b.push(Resource {
        r: Ref::new("connections", &[name]),
        location: Some(Builder::location(from_vnet)),
        sku: None,
        tags,
        properties: obj(props),
        depends,
    });
}

/// The custom IPsec/IKE policy of a link with `custom-ipsec` ([`plan::IPSEC_POLICY`]).
fn ipsec_policy() -> V {
    let mut fields = vec![
        ("saLifeTimeSeconds", V::Int(plan::IPSEC_SA.0)),
        ("saDataSizeKilobytes", V::Int(plan::IPSEC_SA.1)),
    ];
    fields.extend(plan::IPSEC_POLICY.iter().map(|(k, v)| (*k, s(*v))));
    obj(fields)
}

fn peering(b: &mut Builder<'_>, link: &vnetsketch_model::Link, reverse: bool) {
    let side = plan::peering_side(link, reverse);
    let (local, remote, a_side, name) = (side.local, side.remote, side.a_side, side.name);
    let r = Ref::new("virtualNetworks/virtualNetworkPeerings", &[local, &name]);
    let remote_ref = Ref::new("virtualNetworks", &[remote]);
    // After everything else on the local VNet (its gateways included: a peering changed while one is
    // created fails); using the remote gateways needs them to exist.
    let mut depends = vec![b.after(local), remote_ref.clone()];
    if link.uses_remote_at(a_side) {
        depends.push(Ref::new("virtualNetworkGateways", &[&plan::vpn_gateway(remote)]));
        depends.push(Ref::new("virtualNetworkGateways", &[&plan::er_gateway(remote)]));
    }
    b.push(Resource {
        r: r.clone(),
        location: None,
        sku: None,
        tags: Vec::new(),
        properties: obj(vec![
            ("remoteVirtualNetwork", id_of(&remote_ref)),
            ("allowVirtualNetworkAccess", V::Bool(true)),
            ("allowForwardedTraffic", V::Bool(link.allows_forwarded_at(a_side))),
            ("allowGatewayTransit", V::Bool(link.allows_transit_at(a_side))),
            ("useRemoteGateways", V::Bool(link.uses_remote_at(a_side))),
        ]),
        depends,
    });
    b.last_child.insert(local.to_owned(), r);
}
