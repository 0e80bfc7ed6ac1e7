//! Mapping resources onto the design's nodes: the import's state (`Ctx`: node names kept unique,
//! prefixes read with notes), the order resources are mapped in, and VNets with their subnets (inline
//! or child resources). Gateways and user groups are in `gateway`, sites in `site`, links in `links`.
//!
//! The design is assembled as the model's file form (`SaveFile`) and loaded with
//! `SaveFile::into_design`, which checks names, uniqueness and limits as a file load does: building
//! it edit by edit costs O(n²) (each added node looks for a free canvas cell), five seconds at
//! 10,000 VNets.

use vnetsketch_model::hash::{FxMap, FxSet};

use super::json::Json;
use ipnet::IpNet;
use vnetsketch_model::format::{LinkFile, SaveFile, SubnetFile, VnetFile};
use vnetsketch_model::{Design, Era, LinkKind};

use super::id::Index;
use super::read::{Res, dig};
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
    pub index: Index<'r>,
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
    pub(crate) fn prefixes(&mut self, i: usize, list: Option<&Json<'_>>, what: &str) -> Vec<IpNet> {
        let mut out = Vec::new();
        let items = match list {
            Some(Json::Array(items)) => items.as_slice(),
            Some(v @ Json::String(_)) => std::slice::from_ref(v),
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
pub(crate) fn text(v: &Json<'_>) -> String {
    let s = match v {
        Json::String(s) => s.to_string(),
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

pub(super) fn as_u32(v: Option<&Json<'_>>) -> Option<u32> {
    v.and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
        .and_then(|n| u32::try_from(n).ok())
}

pub(super) fn as_bool(v: Option<&Json<'_>>) -> bool {
    v.is_some_and(|v| {
        v.as_bool()
            .unwrap_or_else(|| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case("true")))
    })
}

pub(super) fn strs<'v>(v: Option<&'v Json<'v>>) -> Vec<&'v str> {
    v.and_then(Json::as_array)
        .map(|a| a.iter().filter_map(Json::as_str).collect())
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
            GATEWAY => super::gateway::gateway(&mut ctx, i, era),
            LNG => super::site::local_gateway(&mut ctx, i),
            _ => {}
        }
    }
    for (i, r) in res.iter().enumerate() {
        if r.id.ty == CIRCUIT {
            super::site::circuit(&mut ctx, i);
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
                text(&Json::from(location))
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
    if let Some(list) = ctx.res[i].prop("subnets").and_then(Json::as_array) {
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
fn subnet_file(ctx: &mut Ctx<'_, '_>, i: usize, item: &Json<'_>, name: Option<&str>) -> Option<SubnetFile> {
    let name = name.or_else(|| item.get("name").and_then(Json::as_str))?.to_owned();
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
