//! The three kinds of node (VNets, sites, user groups) and the parts they own: gateways, subnets,
//! circuits. Plain data: the design keeps them by name, and edits change them through
//! [`crate::edit`].

use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantArray, VariantNames};

use crate::sku::{ErSku, VpnSku};

/// A position on the canvas, in character cells.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pos {
    /// Column.
    pub x: i32,
    /// Row.
    pub y: i32,
}

/// RouteBased or PolicyBased.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum VpnType {
    /// Route-based (the default; needed for everything but a single Basic tunnel).
    #[default]
    RouteBased,
    /// Policy-based (Basic SKU only, one S2S tunnel, IKEv1).
    PolicyBased,
}

/// A VPN gateway of a VNet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VpnGateway {
    /// SKU.
    pub sku: VpnSku,
    /// RouteBased or PolicyBased.
    pub vpn_type: VpnType,
    /// Active-active (two instances, two public IPs).
    pub active_active: bool,
    /// BGP ASN of the gateway (`None` = BGP off at the gateway; Azure's default ASN is 65515).
    pub asn: Option<u32>,
    /// Generation (1 or 2).
    pub generation: u8,
    /// Number of NAT rules configured on the gateway.
    pub nat_rules: u32,
    /// Custom APIPA BGP address of the gateway.
    pub apipa: Option<Ipv4Addr>,
}

impl VpnGateway {
    /// A route-based gateway of `sku` in `generation` with every option off (no active-active, no
    /// BGP ASN, no NAT rules, no APIPA address): what `gateway VNET vpn SKU` creates.
    pub fn new(sku: VpnSku, generation: u8) -> VpnGateway {
        VpnGateway {
            sku,
            vpn_type: VpnType::RouteBased,
            active_active: false,
            asn: None,
            generation,
            nat_rules: 0,
            apipa: None,
        }
    }
}

/// An ExpressRoute gateway of a VNet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErGateway {
    /// SKU.
    pub sku: ErSku,
    /// FastPath (the data path bypasses the gateway).
    pub fastpath: bool,
    /// Scale units (`ErGwScale` only; 1 for the others).
    pub units: u32,
}

impl ErGateway {
    /// A gateway of `sku` without FastPath, at one scale unit: what `gateway VNET er SKU` creates.
    pub fn new(sku: ErSku) -> ErGateway {
        ErGateway {
            sku,
            fastpath: false,
            units: 1,
        }
    }
}

/// A subnet of a VNet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subnet {
    /// Name (`GatewaySubnet` for the gateway subnet).
    pub name: String,
    /// Address prefix.
    pub prefix: IpNet,
    /// Planned hosts (VMs, endpoints) in the subnet; 0 when not planned.
    pub hosts: u32,
}

/// A virtual network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vnet {
    /// Unique name.
    pub name: String,
    /// Address space: one or more prefixes.
    pub prefixes: Vec<IpNet>,
    /// Azure region.
    pub region: Option<String>,
    /// Subnets.
    pub subnets: Vec<Subnet>,
    /// VPN gateway.
    pub vpn: Option<VpnGateway>,
    /// ExpressRoute gateway.
    pub er: Option<ErGateway>,
    /// Classic (Service Manager) deployment model.
    pub classic: bool,
    /// Canvas position.
    pub pos: Pos,
    /// Pinned: a layout keeps the node where it is (`pin NAME`).
    pub pinned: bool,
}

impl Vnet {
    /// A VNet with address space `prefixes` and nothing else (no region, subnet or gateway), at the
    /// canvas origin: what `vnet NAME PREFIX` creates before its options.
    pub fn new(name: impl Into<String>, prefixes: Vec<IpNet>) -> Vnet {
        Vnet {
            name: name.into(),
            prefixes,
            region: None,
            subnets: Vec::new(),
            vpn: None,
            er: None,
            classic: false,
            pos: Pos::default(),
            pinned: false,
        }
    }
}

/// An ExpressRoute circuit of a site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Circuit {
    /// Bandwidth in Mbps (each direction).
    pub mbps: u32,
    /// Peering location.
    pub location: Option<String>,
    /// Premium add-on (more VNet links, more routes).
    pub premium: bool,
    /// ExpressRoute Direct port instead of a provider circuit.
    pub direct: bool,
}

impl Circuit {
    /// A provider circuit of `mbps`, Standard (no Premium), with no peering location given.
    pub fn new(mbps: u32) -> Circuit {
        Circuit {
            mbps,
            location: None,
            premium: false,
            direct: false,
        }
    }
}

/// An on-premises network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    /// Unique name.
    pub name: String,
    /// On-premises prefixes.
    pub prefixes: Vec<IpNet>,
    /// Public IPv4 of the VPN device.
    pub ip: Option<Ipv4Addr>,
    /// The VPN device sits behind NAT.
    pub behind_nat: bool,
    /// BGP ASN of the on-premises device.
    pub asn: Option<u32>,
    /// BGP peer address of the on-premises device.
    pub bgp_ip: Option<IpAddr>,
    /// Prefixes the site advertises over BGP (for the 4000-prefix limit); 0 = its prefixes.
    pub advertised: u32,
    /// Uplink bandwidth of the site, in Mbps.
    pub uplink_mbps: Option<u32>,
    /// ExpressRoute circuit.
    pub circuit: Option<Circuit>,
    /// Canvas position.
    pub pos: Pos,
    /// Pinned: a layout keeps the node where it is (`pin NAME`).
    pub pinned: bool,
}

impl Site {
    /// A site with `prefixes` and nothing else (no device address, BGP, uplink or circuit), at the
    /// canvas origin: what `site NAME PREFIX` creates before its options.
    pub fn new(name: impl Into<String>, prefixes: Vec<IpNet>) -> Site {
        Site {
            name: name.into(),
            prefixes,
            ip: None,
            behind_nat: false,
            asn: None,
            bgp_ip: None,
            advertised: 0,
            uplink_mbps: None,
            circuit: None,
            pos: Pos::default(),
            pinned: false,
        }
    }
}

// Spelled in lower case (`ikev2`) in the command language and in files; parsing ignores case.
// (The doc comment is the schema's description: it stays as files show it.)
/// The Point-to-Site protocol of a user group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[derive(Display, EnumString, IntoStaticStr, VariantArray, VariantNames)]
#[strum(
    serialize_all = "lowercase",
    ascii_case_insensitive,
    parse_err_ty = String,
    parse_err_fn = unknown_protocol
)]
pub enum Protocol {
    /// SSTP (Windows).
    Sstp,
    /// IKEv2.
    #[default]
    Ikev2,
    /// OpenVPN.
    OpenVpn,
}

fn unknown_protocol(s: &str) -> String {
    crate::text::unknown("protocol", s, <Protocol as VariantNames>::VARIANTS)
}

impl Protocol {
    /// Every protocol.
    pub const ALL: &'static [Protocol] = <Protocol as VariantArray>::VARIANTS;

    /// The spelling used in the command language.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A group of Point-to-Site clients.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Users {
    /// Unique name.
    pub name: String,
    /// Client address pool.
    pub pool: IpNet,
    /// Expected concurrent clients.
    pub clients: u32,
    /// Tunnel protocol.
    pub protocol: Protocol,
    /// RADIUS authentication.
    pub radius: bool,
    /// Public IPv4 the clients connect from, when known (an office NAT, say).
    pub source_ip: Option<Ipv4Addr>,
    /// Canvas position.
    pub pos: Pos,
    /// Pinned: a layout keeps the node where it is (`pin NAME`).
    pub pinned: bool,
}

impl Users {
    /// A user group on client pool `pool`, with no clients yet, IKEv2, no RADIUS, at the canvas
    /// origin: what `users NAME POOL` creates before its options.
    pub fn new(name: impl Into<String>, pool: IpNet) -> Users {
        Users {
            name: name.into(),
            pool,
            clients: 0,
            protocol: Protocol::default(),
            radius: false,
            source_ip: None,
            pos: Pos::default(),
            pinned: false,
        }
    }
}

/// A node of the design.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// A virtual network.
    Vnet(Vnet),
    /// An on-premises site.
    Site(Site),
    /// A Point-to-Site user group.
    Users(Users),
}

/// The kind of a node, spelled `vnet`, `site` or `users` in messages and the command language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Display, IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum NodeKind {
    /// A virtual network.
    Vnet,
    /// An on-premises site.
    Site,
    /// A Point-to-Site user group.
    Users,
}

impl NodeKind {
    /// The word used in messages and the command language.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Node {
    /// The node's unique name.
    pub fn name(&self) -> &str {
        match self {
            Node::Vnet(v) => &v.name,
            Node::Site(s) => &s.name,
            Node::Users(u) => &u.name,
        }
    }

    /// The node's kind.
    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Vnet(_) => NodeKind::Vnet,
            Node::Site(_) => NodeKind::Site,
            Node::Users(_) => NodeKind::Users,
        }
    }

    /// Canvas position.
    pub fn pos(&self) -> Pos {
        match self {
            Node::Vnet(v) => v.pos,
            Node::Site(s) => s.pos,
            Node::Users(u) => u.pos,
        }
    }

    /// `true` when a layout keeps the node where it is (`pin NAME`).
    pub fn pinned(&self) -> bool {
        match self {
            Node::Vnet(v) => v.pinned,
            Node::Site(s) => s.pinned,
            Node::Users(u) => u.pinned,
        }
    }

    /// Pins the node (a layout keeps it where it is) or unpins it.
    pub fn set_pinned(&mut self, pinned: bool) {
        match self {
            Node::Vnet(v) => v.pinned = pinned,
            Node::Site(s) => s.pinned = pinned,
            Node::Users(u) => u.pinned = pinned,
        }
    }

    /// Mutable canvas position.
    pub fn pos_mut(&mut self) -> &mut Pos {
        match self {
            Node::Vnet(v) => &mut v.pos,
            Node::Site(s) => &mut s.pos,
            Node::Users(u) => &mut u.pos,
        }
    }

    /// The VNet, if this node is one.
    pub fn as_vnet(&self) -> Option<&Vnet> {
        match self {
            Node::Vnet(v) => Some(v),
            _ => None,
        }
    }

    /// The site, if this node is one.
    pub fn as_site(&self) -> Option<&Site> {
        match self {
            Node::Site(s) => Some(s),
            _ => None,
        }
    }

    /// The user group, if this node is one.
    pub fn as_users(&self) -> Option<&Users> {
        match self {
            Node::Users(u) => Some(u),
            _ => None,
        }
    }

    /// The address prefixes this node owns (VNet space, site prefixes, P2S pool).
    pub fn prefixes(&self) -> &[IpNet] {
        match self {
            Node::Vnet(v) => &v.prefixes,
            Node::Site(s) => &s.prefixes,
            Node::Users(u) => std::slice::from_ref(&u.pool),
        }
    }
}
