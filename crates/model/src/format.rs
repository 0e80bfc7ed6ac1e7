//! Design files: RON (native) and JSON, carrying the same versioned [`SaveFile`].
//!
//! The file types are a boundary, kept apart from the domain types: [`SaveFile::from_design`] and
//! [`SaveFile::into_design`] convert. Output is deterministic (nodes by name, links in order): the
//! same design gives the same bytes. Loading caps the size, keeps the parsers' depth limits, and
//! reports syntax errors at line:column with what was expected; content that cannot form a design
//! (duplicate names, bad names, too many things) is refused with the entity it concerns. A loaded
//! design may still have findings (a link naming a missing node): validation reports those.

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::design::{
    Circuit, Design, ErGateway, Link, LinkKind, Node, Pos, Protocol, Site, Subnet, Users, Vnet, VpnGateway, VpnType,
};
use crate::error::{LoadError, Location};
use crate::sku::{ErSku, Era, VpnSku};

/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Most nodes (VNets + sites + user groups) in one file.
pub const MAX_NODES: usize = 100_000;
/// Most links in one file.
pub const MAX_LINKS: usize = 500_000;
/// Most subnets in one VNet (Azure's current limit is 3000 \[S23\]).
pub const MAX_SUBNETS: usize = 10_000;
/// Most prefixes in one address space.
pub const MAX_PREFIXES: usize = 1_000;

/// A file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RON, the native format.
    Ron,
    /// JSON.
    Json,
}

impl Format {
    /// The format of a path by its extension (`.ron`, `.json`), if it has one of those.
    pub fn from_extension(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match ext.as_str() {
            "ron" => Some(Format::Ron),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The format of a text by its content: JSON starts with `{`, anything else is read as RON.
    pub fn sniff(text: &str) -> Format {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') {
            Format::Json
        } else {
            Format::Ron
        }
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_false(b: &bool) -> bool {
    !*b
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_one(n: &u32) -> bool {
    *n == 1
}

fn one() -> u32 {
    1
}

/// A design file, version 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "vnetsketch design")]
pub struct SaveFile {
    /// Format version; this build reads and writes 1.
    pub version: u32,
    /// The SKU catalog era the design is drawn against.
    #[serde(default)]
    pub catalog: Era,
    /// Virtual networks.
    #[serde(default)]
    pub vnets: Vec<VnetFile>,
    /// On-premises sites.
    #[serde(default)]
    pub sites: Vec<SiteFile>,
    /// Point-to-Site user groups.
    #[serde(default)]
    pub users: Vec<UsersFile>,
    /// Links, `a` always the VNet end.
    #[serde(default)]
    pub links: Vec<LinkFile>,
}

/// A VNet in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VnetFile {
    /// Unique name.
    pub name: String,
    /// Address space.
    pub address_space: Vec<IpNet>,
    /// Azure region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Classic deployment model.
    #[serde(default, skip_serializing_if = "is_false")]
    pub classic: bool,
    /// Subnets.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subnets: Vec<SubnetFile>,
    /// VPN gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vpn_gateway: Option<VpnGatewayFile>,
    /// ExpressRoute gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub er_gateway: Option<ErGatewayFile>,
    /// Canvas position.
    #[serde(default)]
    pub x: i32,
    /// Canvas position.
    #[serde(default)]
    pub y: i32,
}

/// A subnet in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubnetFile {
    /// Name.
    pub name: String,
    /// Prefix.
    pub prefix: IpNet,
    /// Planned hosts.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub hosts: u32,
}

/// A VPN gateway in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VpnGatewayFile {
    /// SKU, as Azure spells it.
    pub sku: VpnSku,
    /// RouteBased (default) or PolicyBased.
    #[serde(default, skip_serializing_if = "is_route_based")]
    pub vpn_type: VpnType,
    /// Active-active.
    #[serde(default, skip_serializing_if = "is_false")]
    pub active_active: bool,
    /// BGP ASN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
    /// Generation, 1 or 2.
    pub generation: u8,
    /// NAT rules.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub nat_rules: u32,
    /// Custom APIPA BGP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apipa: Option<Ipv4Addr>,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_route_based(t: &VpnType) -> bool {
    *t == VpnType::RouteBased
}

/// An ExpressRoute gateway in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErGatewayFile {
    /// SKU, as Azure spells it.
    pub sku: ErSku,
    /// FastPath.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fastpath: bool,
    /// Scale units (`ErGwScale`).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub units: u32,
}

/// A site in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// Unique name.
    pub name: String,
    /// On-premises prefixes.
    pub prefixes: Vec<IpNet>,
    /// Public IPv4 of the VPN device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<Ipv4Addr>,
    /// Behind NAT.
    #[serde(default, skip_serializing_if = "is_false")]
    pub behind_nat: bool,
    /// BGP ASN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asn: Option<u32>,
    /// BGP peer address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bgp_ip: Option<IpAddr>,
    /// Prefixes advertised over BGP.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub advertised: u32,
    /// Uplink in Mbps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uplink_mbps: Option<u32>,
    /// ExpressRoute circuit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circuit: Option<CircuitFile>,
    /// Canvas position.
    #[serde(default)]
    pub x: i32,
    /// Canvas position.
    #[serde(default)]
    pub y: i32,
}

/// An ExpressRoute circuit in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CircuitFile {
    /// Bandwidth in Mbps.
    pub mbps: u32,
    /// Peering location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Premium add-on.
    #[serde(default, skip_serializing_if = "is_false")]
    pub premium: bool,
    /// ExpressRoute Direct.
    #[serde(default, skip_serializing_if = "is_false")]
    pub direct: bool,
}

/// A user group in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UsersFile {
    /// Unique name.
    pub name: String,
    /// Client address pool.
    pub pool: IpNet,
    /// Concurrent clients.
    pub clients: u32,
    /// Protocol.
    #[serde(default)]
    pub protocol: Protocol,
    /// RADIUS.
    #[serde(default, skip_serializing_if = "is_false")]
    pub radius: bool,
    /// Public IPv4 the clients come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_ip: Option<Ipv4Addr>,
    /// Canvas position.
    #[serde(default)]
    pub x: i32,
    /// Canvas position.
    #[serde(default)]
    pub y: i32,
}

/// A link in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkFile {
    /// Kind.
    pub kind: LinkKind,
    /// The VNet end.
    pub a: String,
    /// The other end.
    pub b: String,
    /// BGP.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bgp: bool,
    /// Custom IPsec/IKE policy.
    #[serde(default, skip_serializing_if = "is_false")]
    pub custom_ipsec: bool,
    /// NAT rules applied.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nat: bool,
    /// Peering: the ends that allow gateway transit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_gateway_transit: Vec<String>,
    /// Peering: the ends that use the remote gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub use_remote_gateways: Vec<String>,
    /// Peering: forwarded traffic allowed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub forwarded_traffic: bool,
    /// Peering: created on `a`'s side only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub one_sided: bool,
}

fn pos(x: i32, y: i32) -> Pos {
    Pos { x, y }
}

impl SaveFile {
    /// The file form of `design`.
    pub fn from_design(design: &Design) -> SaveFile {
        let mut file = SaveFile {
            version: VERSION,
            catalog: design.era,
            vnets: Vec::new(),
            sites: Vec::new(),
            users: Vec::new(),
            links: Vec::new(),
        };
        for node in design.nodes().values() {
            match node {
                Node::Vnet(v) => file.vnets.push(VnetFile {
                    name: v.name.clone(),
                    address_space: v.prefixes.clone(),
                    region: v.region.clone(),
                    classic: v.classic,
                    subnets: v
                        .subnets
                        .iter()
                        .map(|s| SubnetFile {
                            name: s.name.clone(),
                            prefix: s.prefix,
                            hosts: s.hosts,
                        })
                        .collect(),
                    vpn_gateway: v.vpn.as_ref().map(|g| VpnGatewayFile {
                        sku: g.sku,
                        vpn_type: g.vpn_type,
                        active_active: g.active_active,
                        asn: g.asn,
                        generation: g.generation,
                        nat_rules: g.nat_rules,
                        apipa: g.apipa,
                    }),
                    er_gateway: v.er.as_ref().map(|g| ErGatewayFile {
                        sku: g.sku,
                        fastpath: g.fastpath,
                        units: g.units,
                    }),
                    x: v.pos.x,
                    y: v.pos.y,
                }),
                Node::Site(s) => file.sites.push(SiteFile {
                    name: s.name.clone(),
                    prefixes: s.prefixes.clone(),
                    ip: s.ip,
                    behind_nat: s.behind_nat,
                    asn: s.asn,
                    bgp_ip: s.bgp_ip,
                    advertised: s.advertised,
                    uplink_mbps: s.uplink_mbps,
                    circuit: s.circuit.as_ref().map(|c| CircuitFile {
                        mbps: c.mbps,
                        location: c.location.clone(),
                        premium: c.premium,
                        direct: c.direct,
                    }),
                    x: s.pos.x,
                    y: s.pos.y,
                }),
                Node::Users(u) => file.users.push(UsersFile {
                    name: u.name.clone(),
                    pool: u.pool,
                    clients: u.clients,
                    protocol: u.protocol,
                    radius: u.radius,
                    source_ip: u.source_ip,
                    x: u.pos.x,
                    y: u.pos.y,
                }),
            }
        }
        for l in design.links().values() {
            let sides = |fa: bool, fb: bool| {
                let mut v = Vec::new();
                if fa {
                    v.push(l.a.clone());
                }
                if fb {
                    v.push(l.b.clone());
                }
                v
            };
            file.links.push(LinkFile {
                kind: l.kind,
                a: l.a.clone(),
                b: l.b.clone(),
                bgp: l.bgp,
                custom_ipsec: l.custom_ipsec,
                nat: l.nat,
                allow_gateway_transit: sides(l.a_allow_transit, l.b_allow_transit),
                use_remote_gateways: sides(l.a_use_remote, l.b_use_remote),
                forwarded_traffic: l.forwarded_traffic,
                one_sided: l.one_sided,
            });
        }
        file
    }

    /// The design this file describes, or why it cannot form one.
    pub fn into_design(self) -> Result<Design, LoadError> {
        if self.version != VERSION {
            return Err(LoadError::Version {
                found: self.version,
                supported: VERSION,
            });
        }
        let total = self.vnets.len() + self.sites.len() + self.users.len();
        if total > MAX_NODES {
            return Err(content(format!(
                "the file has {total} nodes; a design holds at most {MAX_NODES}"
            )));
        }
        if self.links.len() > MAX_LINKS {
            return Err(content(format!(
                "the file has {} links; a design holds at most {MAX_LINKS}",
                self.links.len()
            )));
        }
        let mut design = Design::new(self.catalog);
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut add = |design: &mut Design, node: Node, place: String| -> Result<(), LoadError> {
            let name = node.name().to_owned();
            crate::edit::check_name(&name).map_err(|e| content(format!("{place}: {e}")))?;
            if let Some(first) = seen.insert(name.clone(), place.clone()) {
                return Err(content(format!(
                    "{place}: the name `{name}` is already used by {first}; names must be unique across vnets, sites and users"
                )));
            }
            design.insert_node_unchecked(node);
            Ok(())
        };
        for (i, v) in self.vnets.into_iter().enumerate() {
            let place = format!("vnets[{i}] `{}`", v.name);
            check_list(&place, "address_space", v.address_space.len(), MAX_PREFIXES)?;
            check_list(&place, "subnets", v.subnets.len(), MAX_SUBNETS)?;
            for s in &v.subnets {
                crate::edit::check_name(&s.name).map_err(|e| content(format!("{place} subnet: {e}")))?;
            }
            let node = Node::Vnet(Vnet {
                name: v.name,
                prefixes: v.address_space,
                region: v.region,
                subnets: v
                    .subnets
                    .into_iter()
                    .map(|s| Subnet {
                        name: s.name,
                        prefix: s.prefix,
                        hosts: s.hosts,
                    })
                    .collect(),
                vpn: v.vpn_gateway.map(|g| VpnGateway {
                    sku: g.sku,
                    vpn_type: g.vpn_type,
                    active_active: g.active_active,
                    asn: g.asn,
                    generation: g.generation,
                    nat_rules: g.nat_rules,
                    apipa: g.apipa,
                }),
                er: v.er_gateway.map(|g| ErGateway {
                    sku: g.sku,
                    fastpath: g.fastpath,
                    units: g.units,
                }),
                classic: v.classic,
                pos: pos(v.x, v.y),
            });
            add(&mut design, node, place)?;
        }
        for (i, s) in self.sites.into_iter().enumerate() {
            let place = format!("sites[{i}] `{}`", s.name);
            check_list(&place, "prefixes", s.prefixes.len(), MAX_PREFIXES)?;
            let node = Node::Site(Site {
                name: s.name,
                prefixes: s.prefixes,
                ip: s.ip,
                behind_nat: s.behind_nat,
                asn: s.asn,
                bgp_ip: s.bgp_ip,
                advertised: s.advertised,
                uplink_mbps: s.uplink_mbps,
                circuit: s.circuit.map(|c| Circuit {
                    mbps: c.mbps,
                    location: c.location,
                    premium: c.premium,
                    direct: c.direct,
                }),
                pos: pos(s.x, s.y),
            });
            add(&mut design, node, place)?;
        }
        for (i, u) in self.users.into_iter().enumerate() {
            let place = format!("users[{i}] `{}`", u.name);
            let node = Node::Users(Users {
                name: u.name,
                pool: u.pool,
                clients: u.clients,
                protocol: u.protocol,
                radius: u.radius,
                source_ip: u.source_ip,
                pos: pos(u.x, u.y),
            });
            add(&mut design, node, place)?;
        }
        for (i, l) in self.links.into_iter().enumerate() {
            let mut link = Link::new(l.kind, l.a, l.b);
            for (list, key) in [
                (&l.allow_gateway_transit, "allow_gateway_transit"),
                (&l.use_remote_gateways, "use_remote_gateways"),
            ] {
                for (n, side) in list.iter().enumerate() {
                    // A link from a node to itself (always a finding) names its end twice: the first
                    // mention is the `a` side, a second the `b` side.
                    let self_link = link.a == link.b;
                    let on_a = *side == link.a && !(self_link && n > 0);
                    let on_b = *side == link.b && !(self_link && n == 0);
                    if !on_a && !on_b {
                        return Err(content(format!(
                            "links[{i}] ({}): {key} names `{side}`, which is not an end of this link",
                            link.describe()
                        )));
                    }
                    if key == "allow_gateway_transit" {
                        link.a_allow_transit |= on_a;
                        link.b_allow_transit |= on_b;
                    } else {
                        link.a_use_remote |= on_a;
                        link.b_use_remote |= on_b;
                    }
                }
            }
            link.bgp = l.bgp;
            link.custom_ipsec = l.custom_ipsec;
            link.nat = l.nat;
            link.forwarded_traffic = l.forwarded_traffic;
            link.one_sided = l.one_sided;
            design.push_link_unchecked(link);
        }
        Ok(design)
    }
}

fn check_list(place: &str, what: &str, len: usize, max: usize) -> Result<(), LoadError> {
    if len > max {
        Err(content(format!("{place}: {len} {what}; at most {max} are accepted")))
    } else {
        Ok(())
    }
}

fn content(message: String) -> LoadError {
    LoadError::Content { message }
}

/// Writes `design` as RON: deterministic, human-readable CIDRs, a header comment.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, format};
/// let text = format::to_ron(&Design::default());
/// assert!(text.contains("version: 1"));
/// assert_eq!(format::load(&text, None).unwrap(), Design::default());
/// ```
pub fn to_ron(design: &Design) -> String {
    let config = ron::ser::PrettyConfig::new().indentor("  ").struct_names(false);
    let body = ron::ser::to_string_pretty(&SaveFile::from_design(design), config)
        // Serializing plain data to a String cannot fail; an error here is a bug, shown in the file.
        .unwrap_or_else(|e| format!("// serialization failed: {e}"));
    format!("// vnetsketch design (RON, format version {VERSION}); docs/format.md describes it\n{body}\n")
}

/// Writes `design` as JSON (pretty, deterministic).
pub fn to_json(design: &Design) -> String {
    let body = serde_json::to_string_pretty(&SaveFile::from_design(design)).unwrap_or_else(|e| format!("\"{e}\""));
    body + "\n"
}

/// Writes `design` in `format`.
pub fn to_string(design: &Design, format: Format) -> String {
    match format {
        Format::Ron => to_ron(design),
        Format::Json => to_json(design),
    }
}

/// Loads a design from `text` in `format` (sniffed from the content when `None`).
pub fn load(text: &str, format: Option<Format>) -> Result<Design, LoadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = format.unwrap_or_else(|| Format::sniff(text));
    let file = match format {
        Format::Ron => parse_ron(text)?,
        Format::Json => parse_json(text)?,
    };
    file.into_design()
}

/// Loads a design from raw bytes: refuses oversize input before anything else and non-UTF-8 text with
/// the position of the first bad byte.
pub fn load_bytes(bytes: &[u8], format: Option<Format>) -> Result<Design, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load(text, format),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            #[allow(clippy::naive_bytecount)] // once, on an error path
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(LoadError::NotText { line, column })
        }
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

fn parse_ron(text: &str) -> Result<SaveFile, LoadError> {
    let options = ron::Options::default();
    match options.from_str::<SaveFile>(text) {
        Ok(file) => Ok(file),
        Err(e) => {
            if let Ok(probe) = options.from_str::<VersionProbe>(text)
                && probe.version != VERSION
            {
                return Err(LoadError::Version {
                    found: probe.version,
                    supported: VERSION,
                });
            }
            Err(LoadError::Syntax {
                at: Location {
                    line: e.span.start.line,
                    column: e.span.start.col,
                },
                message: ron_message(&e.code),
            })
        }
    }
}

fn ron_message(code: &ron::Error) -> String {
    let text = code.to_string();
    match code {
        ron::Error::ExceededRecursionLimit => format!("{text} (nesting deeper than 128 levels is refused)"),
        _ => text,
    }
}

fn parse_json(text: &str) -> Result<SaveFile, LoadError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, SaveFile>(de) {
        Ok(file) => Ok(file),
        Err(e) => {
            if let Ok(probe) = serde_json::from_str::<VersionProbe>(text)
                && probe.version != VERSION
            {
                return Err(LoadError::Version {
                    found: probe.version,
                    supported: VERSION,
                });
            }
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = if path == "." {
                inner.to_string()
            } else {
                format!("at {path}: {inner}")
            };
            // serde_json appends " at line L column C"; the location is reported separately.
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            Err(LoadError::Syntax {
                at: Location {
                    line: inner.line(),
                    column: inner.column(),
                },
                message,
            })
        }
    }
}

/// The JSON Schema of the design file, as written to `assets/schema/design.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(SaveFile);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::design;

    const SCRIPT: &str = "vnet hub 10.0.0.0/16,fd00:1::/48 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
        gateway hub vpn VpnGw2AZ active-active asn=65010\ngateway hub er ErGwScale units=4 fastpath\n\
        vnet spoke 10.1.0.0/16\nsite office 192.168.0.0/24 ip=203.0.113.10 asn=65020 uplink=500 circuit=1000 location=Amsterdam premium\n\
        users remote 172.16.0.0/24 clients=50 protocol=openvpn\nlink s2s hub office bgp\nlink p2s hub remote\n\
        link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke forwarded-traffic\nlink er hub office";

    #[test]
    fn ron_and_json_round_trip_losslessly_and_deterministically() {
        let d = design(SCRIPT);
        let ron = to_ron(&d);
        assert!(
            ron.contains("\"10.0.0.0/16\"") && ron.contains("\"fd00:1::/48\""),
            "{ron}"
        );
        let back = load(&ron, Some(Format::Ron)).expect("ron loads");
        assert_eq!(back, d);
        assert_eq!(to_ron(&back), ron, "same design, same bytes");
        let json = to_json(&d);
        let from_json = load(&json, None).expect("json loads");
        assert_eq!(from_json, d);
        assert_eq!(to_ron(&from_json), ron);
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let d = design(SCRIPT);
        let ron = to_ron(&d).replace("\"10.1.0.0/16\"", "\"10.1.0.0/99\"");
        let err = load(&ron, None).expect_err("bad prefix");
        let at = err.location().expect("location");
        let line = ron.lines().position(|l| l.contains("10.1.0.0/99")).expect("line") + 1;
        assert_eq!(at.line, line, "{err}");
        let json = to_json(&d).replacen("\"version\": 1,", "\"version\": 1, \"colour\": 3,", 1);
        let err = load(&json, None).expect_err("unknown field");
        assert_eq!(err.location().map(|l| l.line), Some(2), "{err}");
        assert!(err.to_string().contains("colour"), "{err}");
        let err = load(
            "{\"version\": 1, \"vnets\": [{\"name\": \"a\", \"address_space\": [\"x\"]}]}",
            None,
        )
        .expect_err("bad cidr");
        assert!(err.to_string().contains("vnets[0].address_space[0]"), "{err}");
    }

    #[test]
    fn content_problems_name_the_entity() {
        let err = load("(version: 2)", None).expect_err("version");
        assert!(matches!(err, LoadError::Version { found: 2, .. }), "{err}");
        let dup = "(version: 1, vnets: [(name: \"a\", address_space: [\"10.0.0.0/16\"])], sites: [(name: \"a\", prefixes: [])])";
        let err = load(dup, None).expect_err("duplicate");
        assert!(
            err.to_string().contains("sites[0]") && err.to_string().contains("vnets[0]"),
            "{err}"
        );
        let bad = "(version: 1, links: [(kind: peering, a: \"x\", b: \"y\", use_remote_gateways: [\"z\"])])";
        assert!(load(bad, None).expect_err("side").to_string().contains("`z`"));
        let deep = format!("(version: 1, vnets: {}{})", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(load(&deep, None), Err(LoadError::Syntax { .. })));
        assert!(matches!(
            load_bytes(b"(version: 1)\n\xff", None),
            Err(LoadError::NotText { line: 2, column: 1 })
        ));
    }

    #[test]
    fn dangling_links_load_and_are_left_to_validation() {
        let text = "(version: 1, vnets: [(name: \"a\", address_space: [\"10.0.0.0/16\"])], links: [(kind: s2s, a: \"a\", b: \"gone\")])";
        let d = load(text, None).expect("loads");
        assert_eq!(d.links().len(), 1);
        assert!(
            crate::validate::validate(&d)
                .findings
                .iter()
                .any(|f| f.rule == "link-dangling")
        );
    }

    #[test]
    fn the_committed_schema_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/schema/design.schema.json");
        if std::env::var_os("VNETSKETCH_BLESS").is_some() {
            std::fs::write(path, json_schema()).expect("write schema");
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == json_schema(),
            "assets/schema/design.schema.json is stale: run `VNETSKETCH_BLESS=1 cargo test -p vnetsketch-model schema`"
        );
    }
}
