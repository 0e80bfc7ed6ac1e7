//! The design aggregate: nodes (VNets, sites, user groups), links and the catalog era.
//!
//! Nodes are keyed by their name, unique across all three kinds. Links have a [`LinkId`] that is stable
//! for the life of a design in memory (files store links in order; ids are given on load).
//!
//! The types here are plain data with public fields so that validation, the estimate and the views can
//! read them directly. Changes made by users go through [`crate::edit`], which keeps the invariants
//! (unique names, links that name existing nodes of the right kind) and records undo information.
//! A design loaded from a file may still break the semantic invariants (a link naming a missing node);
//! validation reports that as a finding instead of refusing the file.

use std::collections::BTreeMap;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;

use ipnet::IpNet;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::sku::{ErSku, Era, VpnSku};

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
}

/// The Point-to-Site protocol of a user group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Protocol {
    /// SSTP (Windows).
    #[serde(rename = "sstp")]
    Sstp,
    /// IKEv2.
    #[default]
    #[serde(rename = "ikev2")]
    Ikev2,
    /// OpenVPN.
    #[serde(rename = "openvpn")]
    OpenVpn,
}

impl Protocol {
    /// Every protocol.
    pub const ALL: [Protocol; 3] = [Protocol::Sstp, Protocol::Ikev2, Protocol::OpenVpn];

    /// The spelling used in the command language.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Sstp => "sstp",
            Protocol::Ikev2 => "ikev2",
            Protocol::OpenVpn => "openvpn",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Protocol {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Protocol::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown protocol `{s}`: expected sstp, ikev2 or openvpn"))
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

/// The kind of a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
        match self {
            NodeKind::Vnet => "vnet",
            NodeKind::Site => "site",
            NodeKind::Users => "users",
        }
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

    /// Sets the node's name (callers keep the design's map in step).
    pub(crate) fn set_name(&mut self, name: String) {
        match self {
            Node::Vnet(v) => v.name = name,
            Node::Site(s) => s.name = name,
            Node::Users(u) => u.name = name,
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

/// The five link kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
pub enum LinkKind {
    /// Site-to-Site: VNet VPN gateway to a site.
    #[serde(rename = "s2s")]
    S2s,
    /// Point-to-Site: VNet VPN gateway to a user group.
    #[serde(rename = "p2s")]
    P2s,
    /// VNet-to-VNet: VPN gateway to VPN gateway.
    #[serde(rename = "v2v")]
    V2v,
    /// VNet peering.
    #[serde(rename = "peering")]
    Peering,
    /// ExpressRoute: VNet ER gateway to a site's circuit.
    #[serde(rename = "er")]
    Er,
}

impl LinkKind {
    /// Every kind, in legend order.
    pub const ALL: [LinkKind; 5] = [
        LinkKind::S2s,
        LinkKind::P2s,
        LinkKind::V2v,
        LinkKind::Peering,
        LinkKind::Er,
    ];

    /// The spelling used in the command language and JSON outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::S2s => "s2s",
            LinkKind::P2s => "p2s",
            LinkKind::V2v => "v2v",
            LinkKind::Peering => "peering",
            LinkKind::Er => "er",
        }
    }

    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::S2s => "Site-to-Site",
            LinkKind::P2s => "Point-to-Site",
            LinkKind::V2v => "VNet-to-VNet",
            LinkKind::Peering => "Peering",
            LinkKind::Er => "ExpressRoute",
        }
    }

    /// The kind of node expected at the `b` end (`a` is always a VNet).
    pub fn b_kind(self) -> NodeKind {
        match self {
            LinkKind::S2s | LinkKind::Er => NodeKind::Site,
            LinkKind::P2s => NodeKind::Users,
            LinkKind::V2v | LinkKind::Peering => NodeKind::Vnet,
        }
    }
}

impl fmt::Display for LinkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LinkKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LinkKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown link kind `{s}`: expected s2s, p2s, v2v, peering or er"))
    }
}

/// A stable handle on a link within one in-memory design.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkId(pub u32);

/// A link between two nodes. `a` is always the VNet end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Kind.
    pub kind: LinkKind,
    /// The VNet end.
    pub a: String,
    /// The other end (site, users or VNet by kind).
    pub b: String,
    /// BGP on this connection (S2S, V2V).
    pub bgp: bool,
    /// A custom IPsec/IKE policy on this connection (S2S, V2V).
    pub custom_ipsec: bool,
    /// NAT rules applied to this connection.
    pub nat: bool,
    /// Peering: `a` allows gateway transit.
    pub a_allow_transit: bool,
    /// Peering: `b` allows gateway transit.
    pub b_allow_transit: bool,
    /// Peering: `a` uses the remote (b's) gateways.
    pub a_use_remote: bool,
    /// Peering: `b` uses the remote (a's) gateways.
    pub b_use_remote: bool,
    /// Peering: forwarded traffic allowed.
    pub forwarded_traffic: bool,
    /// Peering: created on `a`'s side only (Initiated, not Connected).
    pub one_sided: bool,
}

impl Link {
    /// A link of `kind` from `a` to `b` with every option off.
    pub fn new(kind: LinkKind, a: impl Into<String>, b: impl Into<String>) -> Link {
        Link {
            kind,
            a: a.into(),
            b: b.into(),
            bgp: false,
            custom_ipsec: false,
            nat: false,
            a_allow_transit: false,
            b_allow_transit: false,
            a_use_remote: false,
            b_use_remote: false,
            forwarded_traffic: false,
            one_sided: false,
        }
    }

    /// `true` when `name` is one of the two ends.
    pub fn touches(&self, name: &str) -> bool {
        self.a == name || self.b == name
    }

    /// The end opposite `name` (`None` when `name` is not an end).
    pub fn other(&self, name: &str) -> Option<&str> {
        if self.a == name {
            Some(&self.b)
        } else if self.b == name {
            Some(&self.a)
        } else {
            None
        }
    }

    /// `true` if the VNet `name` allows gateway transit on this peering.
    pub fn allows_transit(&self, name: &str) -> bool {
        (self.a == name && self.a_allow_transit) || (self.b == name && self.b_allow_transit)
    }

    /// `true` if the VNet `name` uses the remote gateways on this peering.
    pub fn uses_remote(&self, name: &str) -> bool {
        (self.a == name && self.a_use_remote) || (self.b == name && self.b_use_remote)
    }

    /// `true` if the `a` end (`a_side`) or the `b` end allows gateway transit: [`Link::allows_transit`]
    /// by side, for callers that know which end they stand on (no name comparison).
    pub fn allows_transit_at(&self, a_side: bool) -> bool {
        if a_side {
            self.a_allow_transit
        } else {
            self.b_allow_transit
        }
    }

    /// `true` if the `a` end (`a_side`) or the `b` end uses the remote gateways ([`Link::uses_remote`] by side).
    pub fn uses_remote_at(&self, a_side: bool) -> bool {
        if a_side { self.a_use_remote } else { self.b_use_remote }
    }

    /// `kind a b`, as the command language writes it.
    pub fn describe(&self) -> String {
        format!("{} {} {}", self.kind, self.a, self.b)
    }
}

/// A whole design.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Design {
    /// The catalog era the design is drawn against.
    pub era: Era,
    /// Nodes by unique name.
    pub nodes: BTreeMap<String, Node>,
    /// Links by id, in creation order.
    pub links: BTreeMap<LinkId, Link>,
    /// The next link id to hand out.
    pub(crate) next_link: u32,
}

impl Design {
    /// An empty design drawn against `era`.
    pub fn new(era: Era) -> Design {
        Design {
            era,
            ..Design::default()
        }
    }

    /// The node called `name`.
    pub fn node(&self, name: &str) -> Option<&Node> {
        self.nodes.get(name)
    }

    /// The VNet called `name`.
    pub fn vnet(&self, name: &str) -> Option<&Vnet> {
        self.node(name).and_then(Node::as_vnet)
    }

    /// The site called `name`.
    pub fn site(&self, name: &str) -> Option<&Site> {
        self.node(name).and_then(Node::as_site)
    }

    /// The user group called `name`.
    pub fn users(&self, name: &str) -> Option<&Users> {
        self.node(name).and_then(Node::as_users)
    }

    /// Every VNet, by name.
    pub fn vnets(&self) -> impl Iterator<Item = &Vnet> {
        self.nodes.values().filter_map(Node::as_vnet)
    }

    /// Every site, by name.
    pub fn sites(&self) -> impl Iterator<Item = &Site> {
        self.nodes.values().filter_map(Node::as_site)
    }

    /// Every user group, by name.
    pub fn user_groups(&self) -> impl Iterator<Item = &Users> {
        self.nodes.values().filter_map(Node::as_users)
    }

    /// The link with id `id`.
    pub fn link(&self, id: LinkId) -> Option<&Link> {
        self.links.get(&id)
    }

    /// Links touching `name`, in id order.
    pub fn links_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (LinkId, &'a Link)> + 'a {
        self.links
            .iter()
            .filter(move |(_, l)| l.touches(name))
            .map(|(id, l)| (*id, l))
    }

    /// Adds a link as is, without checks (for loaders and tests); returns its id.
    pub fn push_link_unchecked(&mut self, link: Link) -> LinkId {
        let id = LinkId(self.next_link);
        self.next_link += 1;
        self.links.insert(id, link);
        id
    }

    /// Inserts a node as is, without checks (for loaders and tests); returns the node it replaced.
    pub fn insert_node_unchecked(&mut self, node: Node) -> Option<Node> {
        self.nodes.insert(node.name().to_owned(), node)
    }

    /// A free canvas position for a new node: the next cell of a grid, left to right, top to bottom,
    /// that no node occupies.
    pub fn free_pos(&self) -> Pos {
        const COL: i32 = 23;
        const ROW: i32 = 8;
        const PER_ROW: i32 = 3;
        let taken: std::collections::HashSet<Pos> = self.nodes.values().map(Node::pos).collect();
        // n nodes take at most n cells, so one of the first n + 1 cells is free.
        (0..=taken.len() as i32)
            .map(|i: i32| Pos {
                x: 2 + (i % PER_ROW) * COL,
                y: 1 + (i / PER_ROW) * ROW,
            })
            .find(|p| !taken.contains(p))
            .unwrap_or_default()
    }
}
