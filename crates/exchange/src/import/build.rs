//! Mapping resources onto the design's nodes: VNets (with subnets inline or as child resources),
//! gateways, sites (local network gateways and circuits) and user groups (a VPN gateway's
//! Point-to-Site pools). Links are in `links`.
//!
//! The design is assembled as the model's file form (`SaveFile`) and loaded with
//! `SaveFile::into_design`, which checks names, uniqueness and limits as a file load does: building
//! it edit by edit costs O(n²) (each added node looks for a free canvas cell), five seconds at
//! 10,000 VNets.

use std::net::{IpAddr, Ipv4Addr};
use vnetsketch_model::hash::{FxMap, FxSet};

use ipnet::IpNet;
use serde_json::Value;
use vnetsketch_model::design::{Protocol, VpnType};
use vnetsketch_model::format::{
    CircuitFile, ErGatewayFile, LinkFile, SaveFile, SiteFile, SubnetFile, UsersFile, VnetFile, VpnGatewayFile,
};
use vnetsketch_model::{Catalog, Design, ErSku, Era, LinkKind, VpnSku};

use super::read::{Index, Res, dig};
use super::{Entry, ImportError, ImportReport};
use crate::plan;

pub(crate) const VNET: &str = "microsoft.network/virtualnetworks";
pub(crate) const SUBNET: &str = "microsoft.network/virtualnetworks/subnets";
pub(crate) const PEERING: &str = "microsoft.network/virtualnetworks/virtualnetworkpeerings";
pub(crate) const GATEWAY: &str = "microsoft.network/virtualnetworkgateways";
pub(crate) const LNG: &str = "microsoft.network/localnetworkgateways";
pub(crate) const CONNECTION: &str = "microsoft.network/connections";
pub(crate) const CIRCUIT: &str = "microsoft.network/expressroutecircuits";
pub(crate) const PUBLIC_IP: &str = "microsoft.network/publicipaddresses";

/// Which gateway of a VNet a gateway resource became.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GwKind {
    Vpn,
    Er,
}

/// The state of one import.
pub(crate) struct Ctx<'r, 'd> {
    pub res: &'r [Res<'d>],
    pub index: Index,
    pub report: &'r mut ImportReport,
    pub file: SaveFile,
    taken: FxSet<String>,
    /// Resource index → index in `file.vnets`.
    pub vnet_of: FxMap<usize, usize>,
    /// Resource index (local network gateway or circuit) → index in `file.sites`.
    pub site_of: FxMap<usize, usize>,
    /// Gateway resource index → (VNet name, kind).
    pub gateway_of: FxMap<usize, (String, GwKind)>,
    pub used_ips: FxSet<usize>,
}

impl Ctx<'_, '_> {
    pub(crate) fn entry(&self, i: usize, message: impl Into<String>) -> Entry {
        Entry {
            id: self.res[i].raw_id.clone(),
            path: self.res[i].path.clone(),
            message: message.into(),
        }
    }

    pub(crate) fn skip(&mut self, i: usize, message: impl Into<String>) {
        let e = self.entry(i, message);
        self.report.skipped.push(e);
    }

    pub(crate) fn note(&mut self, i: usize, message: impl Into<String>) {
        let e = self.entry(i, message);
        self.report.notes.push(e);
    }

    pub(crate) fn mapped(&mut self, i: usize, message: impl Into<String>) {
        let e = self.entry(i, message);
        self.report.mapped.push(e);
    }

    /// A node name for resource `i`, from `wanted`: valid (`[A-Za-z0-9_.-]`, at most 80 characters)
    /// and unused, else `NAME-RESOURCEGROUP`, else `NAME-2`…; renames are reported.
    pub(crate) fn node_name(&mut self, i: usize, wanted: &str) -> String {
        let clean = sanitize(wanted);
        let mut name = clean.clone();
        if self.taken.contains(&name)
            && let Some(rg) = &self.res[i].id.rg
        {
            name = sanitize(&format!("{clean}-{rg}"));
        }
        let mut n = 2;
        let base = name.clone();
        while self.taken.contains(&name) {
            let suffix = format!("-{n}");
            let keep = vnetsketch_model::edit::MAX_NAME_LEN - suffix.len();
            name = format!("{}{suffix}", &base[..base.len().min(keep)]);
            n += 1;
        }
        self.taken.insert(name.clone());
        if name != wanted {
            let why = if clean == wanted {
                "the name is taken by another node"
            } else {
                "names hold letters, digits, `_`, `.` and `-`, at most 80"
            };
            let e = self.entry(i, format!("`{wanted}` is named `{name}` ({why})"));
            self.report.renamed.push(e);
        }
        name
    }

    /// The prefixes in `list` (strings); bad ones are skipped and host bits cleared, with notes.
    pub(crate) fn prefixes(&mut self, i: usize, list: Option<&Value>, what: &str) -> Vec<IpNet> {
        let mut out = Vec::new();
        let items = match list {
            Some(Value::Array(items)) => items.as_slice(),
            Some(v @ Value::String(_)) => std::slice::from_ref(v),
            _ => &[],
        };
        for item in items {
            match item.as_str().map(str::parse::<IpNet>) {
                Some(Ok(net)) if net.trunc() == net => out.push(net),
                Some(Ok(net)) => {
                    self.note(i, format!("{what} {net} has host bits set; read as {}", net.trunc()));
                    out.push(net.trunc());
                }
                _ => self.note(i, format!("{what}: `{}` is not a CIDR prefix; left out", text(item))),
            }
        }
        out.dedup();
        out
    }
}

/// A value as short text for messages.
pub(crate) fn text(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    s.chars().take(80).collect()
}

/// A name reduced to `[A-Za-z0-9_.-]` (others become `-`), at most 80 characters, never empty.
pub(crate) fn sanitize(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(vnetsketch_model::edit::MAX_NAME_LEN)
        .collect();
    if s.is_empty() { "unnamed".to_owned() } else { s }
}

fn as_u32(v: Option<&Value>) -> Option<u32> {
    v.and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
        .and_then(|n| u32::try_from(n).ok())
}

fn as_bool(v: Option<&Value>) -> bool {
    v.is_some_and(|v| {
        v.as_bool()
            .unwrap_or_else(|| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true")))
    })
}

fn strs(v: Option<&Value>) -> Vec<&str> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// A `LinkFile` of `kind` from `a` to `b`, every option off.
pub(crate) fn link_file(kind: LinkKind, a: &str, b: &str) -> LinkFile {
    LinkFile {
        kind,
        a: a.to_owned(),
        b: b.to_owned(),
        bgp: false,
        custom_ipsec: false,
        nat: false,
        policy_based_selectors: false,
        allow_gateway_transit: Vec::new(),
        use_remote_gateways: Vec::new(),
        forwarded_traffic: false,
        allow_forwarded_traffic: Vec::new(),
        one_sided: false,
    }
}

/// Builds the design from the resources.
pub(crate) fn build(res: &[Res<'_>], era: Option<Era>, report: &mut ImportReport) -> Result<Design, ImportError> {
    let era = era.unwrap_or_default();
    let mut ctx = Ctx {
        res,
        index: Index::new(res),
        report,
        file: SaveFile {
            version: vnetsketch_model::format::VERSION,
            catalog: era,
            pool: Vec::new(),
            origin: None,
            vnets: Vec::new(),
            sites: Vec::new(),
            users: Vec::new(),
            links: Vec::new(),
        },
        taken: FxSet::default(),
        vnet_of: FxMap::default(),
        site_of: FxMap::default(),
        gateway_of: FxMap::default(),
        used_ips: FxSet::default(),
    };
    let mut others: Vec<(String, usize)> = Vec::new();
    for (i, r) in res.iter().enumerate() {
        match r.id.ty.as_str() {
            VNET => vnet(&mut ctx, i),
            SUBNET | PEERING | GATEWAY | LNG | CONNECTION | CIRCUIT | PUBLIC_IP => {}
            other => others.push((other.to_owned(), i)),
        }
    }
    for (i, r) in res.iter().enumerate() {
        if r.id.ty == SUBNET {
            child_subnet(&mut ctx, i);
        }
    }
    planned_hosts(&mut ctx);
    for (i, r) in res.iter().enumerate() {
        match r.id.ty.as_str() {
            GATEWAY => gateway(&mut ctx, i, era),
            LNG => local_gateway(&mut ctx, i),
            _ => {}
        }
    }
    for (i, r) in res.iter().enumerate() {
        if r.id.ty == CIRCUIT {
            circuit(&mut ctx, i);
        }
    }
    super::links::connections(&mut ctx);
    super::links::peerings(&mut ctx);
    for (i, r) in res.iter().enumerate() {
        if r.id.ty == PUBLIC_IP {
            if ctx.used_ips.contains(&i) {
                ctx.mapped(i, "a gateway's public IP address");
            } else {
                ctx.skip(i, "a public IP address no gateway of the input uses");
            }
        }
    }
    for (ty, _) in others {
        *ctx.report.other_types.entry(ty).or_default() += 1;
    }
    ctx.file.into_design().map_err(|e| ImportError::Design(e.to_string()))
}

fn region(ctx: &mut Ctx<'_, '_>, i: usize) -> Option<String> {
    let location = ctx.res[i].location()?;
    let region: String = location
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if vnetsketch_model::edit::check_name(&region).is_ok() {
        Some(region)
    } else {
        ctx.note(
            i,
            format!(
                "location `{}` is not a region name; left out",
                text(&Value::from(location))
            ),
        );
        None
    }
}

fn vnet(ctx: &mut Ctx<'_, '_>, i: usize) {
    let body = ctx.res[i].body;
    let prefixes = ctx.prefixes(i, dig(body, &["addressSpace", "addressPrefixes"]), "address prefix");
    if prefixes.is_empty() {
        ctx.skip(i, "a VNet without an address prefix the design can hold");
        return;
    }
    let name = ctx.node_name(i, ctx.res[i].name());
    let region = region(ctx, i);
    let mut subnets = Vec::new();
    if let Some(list) = ctx.res[i].prop("subnets").and_then(Value::as_array) {
        for item in list {
            if let Some(s) = subnet_file(ctx, i, item, None) {
                subnets.push(s);
            }
        }
    }
    let classic = ctx.res[i]
        .tag(plan::TAG_CLASSIC)
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    ctx.file.vnets.push(VnetFile {
        name: name.clone(),
        address_space: prefixes,
        region,
        classic,
        subnets,
        vpn_gateway: None,
        er_gateway: None,
        x: 0,
        y: 0,
        pinned: false,
    });
    ctx.vnet_of.insert(i, ctx.file.vnets.len() - 1);
    ctx.mapped(i, format!("VNet {name}"));
}

/// Planned hosts per subnet, from the VNets' tags (subnets inline or child resources alike).
fn planned_hosts(ctx: &mut Ctx<'_, '_>) {
    for (&i, &v) in &ctx.vnet_of {
        let hosts: FxMap<&str, u32> = ctx.res[i]
            .tags_with(plan::TAG_HOSTS)
            .into_iter()
            .flat_map(|(_, v)| v.split(','))
            .filter_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                Some((k, v.parse().ok()?))
            })
            .collect();
        for s in &mut ctx.file.vnets[v].subnets {
            s.hosts = hosts.get(s.name.as_str()).copied().unwrap_or(0);
        }
    }
}

/// A subnet from an inline item or a child resource body; `None` (with a note) when it has no prefix.
fn subnet_file(ctx: &mut Ctx<'_, '_>, i: usize, item: &Value, name: Option<&str>) -> Option<SubnetFile> {
    let name = name.or_else(|| item.get("name").and_then(Value::as_str))?.to_owned();
    let list = dig(item, &["addressPrefix"]).or_else(|| dig(item, &["addressPrefixes"]));
    let prefixes = ctx.prefixes(i, list, &format!("subnet {name}"));
    let Some(first) = prefixes.first() else {
        ctx.note(i, format!("subnet {name} has no address prefix; left out"));
        return None;
    };
    if prefixes.len() > 1 {
        ctx.note(
            i,
            format!(
                "subnet {name} has {} prefixes; the design keeps {first}",
                prefixes.len()
            ),
        );
    }
    let clean = sanitize(&name);
    if clean != name {
        ctx.note(i, format!("subnet `{name}` is named `{clean}`"));
    }
    Some(SubnetFile {
        name: clean,
        prefix: *first,
        hosts: 0,
    })
}

fn child_subnet(ctx: &mut Ctx<'_, '_>, i: usize) {
    let parent = ctx.res[i].id.parent().and_then(|p| ctx.index.resolve(ctx.res, &p));
    let Some(v) = parent.and_then(|p| ctx.vnet_of.get(&p).copied()) else {
        ctx.skip(i, "a subnet whose VNet is not in the input (or was not mapped)");
        return;
    };
    let name = ctx.res[i].name().to_owned();
    let Some(s) = subnet_file(ctx, i, ctx.res[i].body, Some(&name)) else {
        return;
    };
    let vnet = &mut ctx.file.vnets[v];
    if vnet.subnets.iter().any(|x| x.name.eq_ignore_ascii_case(&s.name)) {
        ctx.mapped(i, format!("subnet {} (also inline in its VNet)", s.name));
        return;
    }
    let msg = format!("subnet {}/{}", vnet.name, s.name);
    vnet.subnets.push(s);
    ctx.mapped(i, msg);
}

/// The VNet (index in `file.vnets`) whose GatewaySubnet gateway `i` sits in.
fn gateway_vnet(ctx: &mut Ctx<'_, '_>, i: usize) -> Option<usize> {
    let configs = ctx.res[i].prop("ipConfigurations")?.as_array()?;
    let mut vnet = None;
    for c in configs {
        if let Some(pip) = dig(c, &["publicIPAddress", "id"])
            .and_then(Value::as_str)
            .and_then(super::read::parse_id)
            .and_then(|id| ctx.index.resolve(ctx.res, &id))
        {
            ctx.used_ips.insert(pip);
        }
        let subnet = dig(c, &["subnet", "id"])
            .and_then(Value::as_str)
            .and_then(super::read::parse_id);
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

fn gateway(ctx: &mut Ctx<'_, '_>, i: usize, era: Era) {
    let Some(v) = gateway_vnet(ctx, i) else {
        ctx.skip(
            i,
            "a gateway whose VNet (from its IP configuration's subnet) is not in the input",
        );
        return;
    };
    let body = ctx.res[i].body;
    let ty = ctx.res[i].prop("gatewayType").and_then(Value::as_str).unwrap_or("");
    let sku = dig(body, &["sku", "name"]).and_then(Value::as_str).unwrap_or("");
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
        let generation = match ctx.res[i].prop("vpnGatewayGeneration").and_then(Value::as_str) {
            Some(g) if g.eq_ignore_ascii_case("Generation1") => 1,
            Some(g) if g.eq_ignore_ascii_case("Generation2") => 2,
            _ => Catalog::get(era).default_generation(sku),
        };
        let apipa = dig(body, &["bgpSettings", "bgpPeeringAddresses"])
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(|p| {
                strs(p.get("customBgpIpAddresses"))
                    .first()
                    .and_then(|s| s.parse::<Ipv4Addr>().ok())
            });
        let nat_rules = match ctx.res[i].prop("natRules").and_then(Value::as_array) {
            Some(rules) => u32::try_from(rules.len()).unwrap_or(u32::MAX),
            None => ctx.res[i]
                .tag(plan::TAG_NAT_RULES)
                .and_then(|t| t.parse().ok())
                .unwrap_or(0),
        };
        let policy = ctx.res[i]
            .prop("vpnType")
            .and_then(Value::as_str)
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
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
            || dig(c, &["radiusServers"])
                .and_then(Value::as_array)
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

fn site_extras(res: &Res<'_>, site: &mut SiteFile) {
    site.uplink_mbps = res.tag(plan::TAG_UPLINK).and_then(|t| t.parse().ok());
    site.behind_nat = res
        .tag(plan::TAG_BEHIND_NAT)
        .is_some_and(|t| t.eq_ignore_ascii_case("true"));
    site.advertised = res.tag(plan::TAG_ADVERTISED).and_then(|t| t.parse().ok()).unwrap_or(0);
}

fn local_gateway(ctx: &mut Ctx<'_, '_>, i: usize) {
    let body = ctx.res[i].body;
    let mut prefixes = ctx.prefixes(
        i,
        dig(body, &["localNetworkAddressSpace", "addressPrefixes"]),
        "address prefix",
    );
    let bgp_ip = dig(body, &["bgpSettings", "bgpPeeringAddress"])
        .and_then(Value::as_str)
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
    let address = ctx.res[i].prop("gatewayIpAddress").and_then(Value::as_str);
    let ip = address.and_then(|s| s.parse::<Ipv4Addr>().ok());
    if let Some(s) = address.filter(|_| ip.is_none()) {
        ctx.note(
            i,
            format!(
                "gatewayIpAddress `{}` is not an IPv4 address; left out",
                text(&Value::from(s))
            ),
        );
    }
    if let Some(fqdn) = ctx.res[i]
        .prop("fqdn")
        .and_then(Value::as_str)
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

fn circuit(ctx: &mut Ctx<'_, '_>, i: usize) {
    let body = ctx.res[i].body;
    let port = dig(body, &["expressRoutePort", "id"]).is_some() || dig(body, &["bandwidthInGbps"]).is_some();
    let mbps = as_u32(dig(body, &["serviceProviderProperties", "bandwidthInMbps"])).or_else(|| {
        dig(body, &["bandwidthInGbps"])
            .and_then(Value::as_f64)
            .map(|g| (g * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32)
    });
    let Some(mbps) = mbps else {
        return ctx.skip(i, "a circuit without bandwidthInMbps or bandwidthInGbps");
    };
    let location = dig(body, &["serviceProviderProperties", "peeringLocation"])
        .and_then(Value::as_str)
        .map(sanitize);
    let premium = dig(body, &["sku", "tier"])
        .and_then(Value::as_str)
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
