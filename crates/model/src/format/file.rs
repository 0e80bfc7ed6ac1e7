//! The file types: [`SaveFile`] and the DTOs of its nodes and links, kept apart from the domain
//! types so the file format can stay stable while the model changes. Serde writes them (fields at
//! their defaults are left out) and schemars describes them (`assets/schema/design.schema.json`).

use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::design::{LinkKind, OriginKind, Protocol, VpnType};
use crate::sku::{ErSku, Era, VpnSku};

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
    /// The pool `auto/N` takes VNet, site and P2S space from; absent for the default, 10.0.0.0/8.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pool: Vec<IpNet>,
    /// Where the design came from; absent for a design drawn in the tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<OriginFile>,
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

/// Where a design came from, in a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OriginFile {
    /// How it was made: `imported` (from Azure's JSON; the estate exists).
    pub kind: OriginKind,
    /// The files it was made from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The day it was made, `YYYY-MM-DD` (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
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
    /// Pinned: a layout keeps the node where it is.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
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
    /// Pinned: a layout keeps the node where it is.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
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
    /// Pinned: a layout keeps the node where it is.
    #[serde(default, skip_serializing_if = "is_false")]
    pub pinned: bool,
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
    /// S2S: policy-based traffic selectors (`usePolicyBasedTrafficSelectors`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub policy_based_selectors: bool,
    /// Peering: the ends that allow gateway transit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_gateway_transit: Vec<String>,
    /// Peering: the ends that use the remote gateways.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub use_remote_gateways: Vec<String>,
    /// Peering: both ends allow forwarded traffic.
    #[serde(default, skip_serializing_if = "is_false")]
    pub forwarded_traffic: bool,
    /// Peering: the ends that allow forwarded traffic, when only one does (`forwarded_traffic` says both).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_forwarded_traffic: Vec<String>,
    /// Peering: created on `a`'s side only.
    #[serde(default, skip_serializing_if = "is_false")]
    pub one_sided: bool,
}
