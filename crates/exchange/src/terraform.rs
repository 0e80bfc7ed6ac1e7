//! The design as Terraform for the azurerm provider (argument names checked against the provider's
//! documentation at v4.79.0 and v5.2.0 by the tests): VNets, subnets, public IPs, gateways, local
//! network gateways, connections and peerings. The resource group, the default location, shared keys
//! and ExpressRoute circuit ids are variables; shared keys are `sensitive`.

use std::collections::{BTreeMap, HashSet};

use vnetsketch_model::hash::FxMap;

use vnetsketch_model::design::{Site, Vnet, VpnType};
use vnetsketch_model::{Design, ErSku, Link, LinkKind};

use crate::hcl::{Block, Expr, Item};
use crate::plan::{self, Unique};
use crate::template::protocol_name;
use crate::{ExportError, Format};

/// A Terraform identifier from a name: letters, digits, `_` and `-`, not starting with a digit.
fn ident(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        s.insert(0, 'n');
    }
    s
}

fn raw(text: impl Into<String>) -> Expr {
    Expr::Raw(text.into())
}

fn strs<T: ToString>(items: &[T]) -> Expr {
    Expr::List(items.iter().map(|i| Expr::Str(i.to_string())).collect())
}

struct Writer<'d> {
    design: &'d Design,
    /// Local names per resource type, keyed by Azure name, and the names given out per type.
    locals: FxMap<&'static str, (FxMap<String, String>, Unique)>,
    variables: Vec<Block>,
    var_names: Unique,
    resources: Vec<Item>,
}

impl Writer<'_> {
    /// The local name of resource `ty` named `name` in Azure (given out on first use).
    fn local(&mut self, ty: &'static str, name: &str) -> String {
        let (names, unique) = self.locals.entry(ty).or_default();
        if let Some(l) = names.get(name) {
            return l.clone();
        }
        let l = unique.get(&ident(name));
        names.insert(name.to_owned(), l.clone());
        l
    }

    fn reference(&mut self, ty: &'static str, name: &str, attr: &str) -> Expr {
        let l = self.local(ty, name);
        raw(format!("{ty}.{l}.{attr}"))
    }

    fn variable(&mut self, wanted: &str, description: &str, sensitive: bool) -> Expr {
        let name = self.var_names.get(&ident(wanted));
        let mut v = Block::new("variable", &[&name]);
        v.attr("description", Expr::Str(description.to_owned()))
            .attr("type", raw("string"));
        if sensitive {
            v.attr("sensitive", Expr::Bool(true));
        }
        self.variables.push(v);
        raw(format!("var.{name}"))
    }

    fn resource(&mut self, ty: &'static str, name: &str) -> Block {
        let l = self.local(ty, name);
        let mut b = Block::new("resource", &[ty, &l]);
        b.attr("name", Expr::Str(name.to_owned()));
        b
    }

    fn push(&mut self, b: Block) {
        self.resources.push(Item::Block(b));
    }
}

fn location(v: Option<&Vnet>) -> Expr {
    match v.and_then(|v| v.region.as_ref()) {
        Some(r) => Expr::Str(r.clone()),
        None => raw("var.location"),
    }
}

/// Writes the Terraform configuration of `design`.
pub(crate) fn write(design: &Design) -> Result<String, ExportError> {
    plan::checked_links(design, Format::Terraform)?;
    let mut w = Writer {
        design,
        locals: FxMap::default(),
        variables: Vec::new(),
        var_names: Unique::default(),
        resources: Vec::new(),
    };
    w.variable(
        "resource_group_name",
        "name of the resource group every resource goes into",
        false,
    );
    w.variable(
        "location",
        "Azure region of the resources whose VNet has no region in the design",
        false,
    );
    for v in design.vnets() {
        vnet(&mut w, v);
    }
    let lngs = plan::lng_sites(design);
    for s in design.sites() {
        if lngs.contains(s.name.as_str()) {
            local_gateway(&mut w, s);
        }
    }
    let names = plan::connection_names(design);
    let mut circuits: BTreeMap<String, Expr> = BTreeMap::new();
    for (id, link) in plan::links(design) {
        match link.kind {
            LinkKind::S2s | LinkKind::V2v | LinkKind::Er => {
                if let Some(missing) = missing_gateway(design, link) {
                    w.resources.push(Item::Comment(format!(
                        "not written: {} ({missing}; `vnetsketch validate` says more)",
                        link.describe()
                    )));
                    continue;
                }
                let key = (link.kind != LinkKind::Er).then(|| {
                    let wanted = names.get(&(id, false)).map_or("link", String::as_str);
                    w.variable(
                        &format!("shared_key_{wanted}"),
                        &format!("IPsec shared key of {}", link.describe()),
                        true,
                    )
                });
                let circuit = (link.kind == LinkKind::Er).then(|| {
                    circuits
                        .entry(link.b.clone())
                        .or_insert_with(|| {
                            w.variable(
                                &format!("express_route_circuit_id_{}", link.b),
                                &format!("resource id of the ExpressRoute circuit of site {}", link.b),
                                false,
                            )
                        })
                        .clone()
                });
                for (dir, name) in names.range((id, false)..=(id, true)) {
                    connection(&mut w, link, dir.1, name, key.clone(), circuit.clone());
                }
            }
            LinkKind::Peering => {
                peering(&mut w, link, false);
                if !link.one_sided {
                    peering(&mut w, link, true);
                }
            }
            LinkKind::P2s => {}
        }
    }
    let mut items = vec![Item::Comment(format!(
        "Written by vnetsketch (catalog {}). Check with `terraform init && terraform validate`.",
        design.era
    ))];
    let mut providers = Block::new("required_providers", &[]);
    providers.attr(
        "azurerm",
        Expr::Object(vec![
            ("source".into(), Expr::Str("hashicorp/azurerm".into())),
            ("version".into(), Expr::Str(">= 4.79, < 6.0".into())),
        ]),
    );
    let mut terraform = Block::new("terraform", &[]);
    terraform.block(providers);
    items.push(Item::Block(terraform));
    let mut provider = Block::new("provider", &["azurerm"]);
    provider.block(Block::new("features", &[]));
    items.push(Item::Block(provider));
    items.extend(w.variables.drain(..).map(Item::Block));
    items.append(&mut w.resources);
    Ok(crate::hcl::write(&items))
}

/// Why a gateway link cannot be written: the gateway it starts or ends at is missing.
fn missing_gateway(design: &Design, link: &Link) -> Option<String> {
    let has_vpn = |n: &str| design.vnet(n).is_some_and(|v| v.vpn.is_some());
    match link.kind {
        LinkKind::S2s | LinkKind::V2v if !has_vpn(&link.a) => Some(format!("{} has no VPN gateway", link.a)),
        LinkKind::V2v if !has_vpn(&link.b) => Some(format!("{} has no VPN gateway", link.b)),
        LinkKind::Er if design.vnet(&link.a).is_none_or(|v| v.er.is_none()) => {
            Some(format!("{} has no ExpressRoute gateway", link.a))
        }
        _ => None,
    }
}

fn vnet(w: &mut Writer<'_>, v: &Vnet) {
    let mut b = w.resource("azurerm_virtual_network", &v.name);
    b.attr("location", location(Some(v)))
        .attr("resource_group_name", raw("var.resource_group_name"))
        .attr("address_space", strs(&v.prefixes));
    w.push(b);
    let vnet_name = w.reference("azurerm_virtual_network", &v.name, "name");
    for s in &v.subnets {
        let full = format!("{}_{}", v.name, s.name);
        let l = w.local("azurerm_subnet", &full);
        let mut b = Block::new("resource", &["azurerm_subnet", &l]);
        b.attr("name", Expr::Str(s.name.clone()))
            .attr("resource_group_name", raw("var.resource_group_name"))
            .attr("virtual_network_name", vnet_name.clone())
            .attr("address_prefixes", strs(&[s.prefix]));
        w.push(b);
    }
    let subnet_id = if v.subnets.iter().any(|s| s.name == "GatewaySubnet") {
        w.reference("azurerm_subnet", &format!("{}_GatewaySubnet", v.name), "id")
    } else {
        // The design has no GatewaySubnet (validation reports it): name the subnet Azure needs.
        let vnet_id = w.reference("azurerm_virtual_network", &v.name, "id");
        let Expr::Raw(id) = vnet_id else { return };
        raw(format!("\"${{{id}}}/subnets/GatewaySubnet\""))
    };
    if let Some(gw) = &v.vpn {
        let pips = plan::vpn_public_ips(&v.name, gw.active_active);
        for pip in &pips {
            let mut b = w.resource("azurerm_public_ip", pip);
            b.attr("location", location(Some(v)))
                .attr("resource_group_name", raw("var.resource_group_name"))
                .attr("allocation_method", Expr::Str("Static".into()))
                .attr("sku", Expr::Str("Standard".into()));
            w.push(b);
        }
        let name = plan::vpn_gateway(&v.name);
        let mut b = w.resource("azurerm_virtual_network_gateway", &name);
        b.attr("location", location(Some(v)))
            .attr("resource_group_name", raw("var.resource_group_name"))
            .attr("type", Expr::Str("Vpn".into()))
            .attr(
                "vpn_type",
                Expr::Str(
                    match gw.vpn_type {
                        VpnType::RouteBased => "RouteBased",
                        VpnType::PolicyBased => "PolicyBased",
                    }
                    .into(),
                ),
            )
            .attr("sku", Expr::Str(gw.sku.to_string()))
            .attr("generation", Expr::Str(format!("Generation{}", gw.generation)))
            .attr("active_active", Expr::Bool(gw.active_active))
            .attr("bgp_enabled", Expr::Bool(gw.asn.is_some()));
        for (pip, config) in pips.iter().zip(["default", "activeActive"]) {
            let mut ip = Block::new("ip_configuration", &[]);
            ip.attr("name", Expr::Str(config.into()))
                .attr("public_ip_address_id", w.reference("azurerm_public_ip", pip, "id"))
                .attr("private_ip_address_allocation", Expr::Str("Dynamic".into()))
                .attr("subnet_id", subnet_id.clone());
            b.blank().block(ip);
        }
        if gw.asn.is_some() || gw.apipa.is_some() {
            let mut bgp = Block::new("bgp_settings", &[]);
            if let Some(asn) = gw.asn {
                bgp.attr("asn", Expr::Num(asn.into()));
            }
            if let Some(apipa) = gw.apipa {
                let mut peer = Block::new("peering_addresses", &[]);
                peer.attr("ip_configuration_name", Expr::Str("default".into()))
                    .attr("apipa_addresses", strs(&[apipa]));
                bgp.block(peer);
            }
            b.blank().block(bgp);
        }
        if let Some(p2s) = vpn_client(w.design, v) {
            b.blank().block(p2s);
        }
        w.push(b);
    }
    if let Some(gw) = &v.er {
        let name = plan::er_gateway(&v.name);
        let mut b = w.resource("azurerm_virtual_network_gateway", &name);
        b.attr("location", location(Some(v)))
            .attr("resource_group_name", raw("var.resource_group_name"))
            .attr("type", Expr::Str("ExpressRoute".into()))
            .attr("sku", Expr::Str(gw.sku.to_string()));
        if gw.sku == ErSku::ErGwScale {
            b.attr("minimum_scale_unit", Expr::Num(gw.units.into()))
                .attr("maximum_scale_unit", Expr::Num(gw.units.into()));
        }
        let mut ip = Block::new("ip_configuration", &[]);
        ip.attr("name", Expr::Str("default".into()))
            .attr("private_ip_address_allocation", Expr::Str("Dynamic".into()))
            .attr("subnet_id", subnet_id);
        b.blank().block(ip);
        if v.vpn.is_some() {
            // Two gateways in one GatewaySubnet are created one after the other.
            let dep = w.local("azurerm_virtual_network_gateway", &plan::vpn_gateway(&v.name));
            b.blank().attr(
                "depends_on",
                Expr::List(vec![raw(format!("azurerm_virtual_network_gateway.{dep}"))]),
            );
        }
        w.push(b);
    }
}

fn vpn_client(design: &Design, v: &Vnet) -> Option<Block> {
    let mut pools = Vec::new();
    let mut protocols: Vec<&str> = Vec::new();
    for (_, l) in design.links_of(&v.name) {
        if l.kind != LinkKind::P2s || l.a != v.name {
            continue;
        }
        let Some(u) = design.users(&l.b) else { continue };
        pools.push(u.pool);
        let p = protocol_name(u.protocol);
        if !protocols.contains(&p) {
            protocols.push(p);
        }
    }
    if pools.is_empty() {
        return None;
    }
    let mut b = Block::new("vpn_client_configuration", &[]);
    b.attr("address_space", strs(&pools))
        .attr("vpn_client_protocols", strs(&protocols));
    Some(b)
}

fn local_gateway(w: &mut Writer<'_>, s: &Site) {
    let address = match s.ip {
        Some(ip) => Expr::Str(ip.to_string()),
        None => w.variable(
            &format!("gateway_address_{}", s.name),
            &format!("public IPv4 of the VPN device of site {} (the design has none)", s.name),
            false,
        ),
    };
    let mut b = w.resource("azurerm_local_network_gateway", &s.name);
    b.attr("location", raw("var.location"))
        .attr("resource_group_name", raw("var.resource_group_name"))
        .attr("gateway_address", address)
        .attr("address_space", strs(&s.prefixes));
    match (s.asn, s.bgp_ip) {
        (Some(asn), Some(ip)) => {
            let mut bgp = Block::new("bgp_settings", &[]);
            bgp.attr("asn", Expr::Num(asn.into()))
                .attr("bgp_peering_address", Expr::Str(ip.to_string()));
            b.blank().block(bgp);
        }
        (Some(asn), None) => {
            b.blank().items.push(Item::Comment(format!(
                "BGP ASN {asn}: add a bgp_settings block once the device's BGP peer address is known"
            )));
        }
        _ => {}
    }
    w.push(b);
}

fn connection(w: &mut Writer<'_>, link: &Link, reverse: bool, name: &str, key: Option<Expr>, circuit: Option<Expr>) {
    let (from, to) = if reverse {
        (&link.b, &link.a)
    } else {
        (&link.a, &link.b)
    };
    let from_vnet = w.design.vnet(from);
    let gw = if link.kind == LinkKind::Er {
        plan::er_gateway(from)
    } else {
        plan::vpn_gateway(from)
    };
    let mut b = w.resource("azurerm_virtual_network_gateway_connection", name);
    b.attr("location", location(from_vnet))
        .attr("resource_group_name", raw("var.resource_group_name"))
        .attr(
            "type",
            Expr::Str(
                match link.kind {
                    LinkKind::S2s => "IPsec",
                    LinkKind::V2v => "Vnet2Vnet",
                    _ => "ExpressRoute",
                }
                .into(),
            ),
        )
        .attr(
            "virtual_network_gateway_id",
            w.reference("azurerm_virtual_network_gateway", &gw, "id"),
        );
    match link.kind {
        LinkKind::S2s => {
            let lng = w.reference("azurerm_local_network_gateway", to, "id");
            b.attr("local_network_gateway_id", lng);
        }
        LinkKind::V2v => {
            let peer = w.reference("azurerm_virtual_network_gateway", &plan::vpn_gateway(to), "id");
            b.attr("peer_virtual_network_gateway_id", peer);
        }
        _ => {
            let fastpath = from_vnet.and_then(|v| v.er.as_ref()).is_some_and(|g| g.fastpath);
            if let Some(c) = circuit {
                b.attr("express_route_circuit_id", c);
            }
            b.attr("express_route_gateway_bypass", Expr::Bool(fastpath));
        }
    }
    if let Some(key) = key {
        let policy_based = from_vnet
            .and_then(|v| v.vpn.as_ref())
            .is_some_and(|g| g.vpn_type == VpnType::PolicyBased);
        b.attr("shared_key", key)
            .attr(
                "connection_protocol",
                Expr::Str(if policy_based { "IKEv1" } else { "IKEv2" }.into()),
            )
            .attr("bgp_enabled", Expr::Bool(link.bgp));
        if link.custom_ipsec {
            let mut p = Block::new("ipsec_policy", &[]);
            for (arm, value) in plan::IPSEC_POLICY {
                // The ARM names in snake case: ipsecEncryption -> ipsec_encryption, dhGroup -> dh_group.
                let key: String = arm
                    .chars()
                    .flat_map(|c| {
                        let lower = c.to_ascii_lowercase();
                        if c.is_ascii_uppercase() {
                            vec!['_', lower]
                        } else {
                            vec![c]
                        }
                    })
                    .collect();
                p.attr(&key, Expr::Str(value.into()));
            }
            p.attr("sa_lifetime", Expr::Num(plan::IPSEC_SA.0))
                .attr("sa_datasize", Expr::Num(plan::IPSEC_SA.1));
            b.blank().block(p);
        }
    }
    w.push(b);
}

fn peering(w: &mut Writer<'_>, link: &Link, reverse: bool) {
    let side = plan::peering_side(link, reverse);
    let (local, remote, a_side, name) = (side.local, side.remote, side.a_side, side.name);
    let mut b = w.resource("azurerm_virtual_network_peering", &name);
    let local_name = w.reference("azurerm_virtual_network", local, "name");
    let remote_id = w.reference("azurerm_virtual_network", remote, "id");
    b.attr("resource_group_name", raw("var.resource_group_name"))
        .attr("virtual_network_name", local_name)
        .attr("remote_virtual_network_id", remote_id)
        .attr("allow_virtual_network_access", Expr::Bool(true))
        .attr("allow_forwarded_traffic", Expr::Bool(link.allows_forwarded_at(a_side)))
        .attr("allow_gateway_transit", Expr::Bool(link.allows_transit_at(a_side)))
        .attr("use_remote_gateways", Expr::Bool(link.uses_remote_at(a_side)));
    // Transit needs the gateway that is shared to exist first.
    let mut deps = Vec::new();
    let mut seen = HashSet::new();
    for (flag, vnet) in [
        (link.allows_transit_at(a_side), local),
        (link.uses_remote_at(a_side), remote),
    ] {
        let Some(v) = w.design.vnet(vnet).filter(|_| flag) else {
            continue;
        };
        for gw in [
            v.vpn.as_ref().map(|_| plan::vpn_gateway(vnet)),
            v.er.as_ref().map(|_| plan::er_gateway(vnet)),
        ]
        .into_iter()
        .flatten()
        {
            if seen.insert(gw.clone()) {
                let l = w.local("azurerm_virtual_network_gateway", &gw);
                deps.push(raw(format!("azurerm_virtual_network_gateway.{l}")));
            }
        }
    }
    if !deps.is_empty() {
        b.blank().attr("depends_on", Expr::List(deps));
    }
    w.push(b);
}
