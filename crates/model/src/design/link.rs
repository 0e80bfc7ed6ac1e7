//! Links between nodes: the five kinds, their stable ids and their flags. The `a` end is the VNet.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantArray, VariantNames};

use super::node::NodeKind;

// Spelled `s2s`, `p2s`, `v2v`, `peering` and `er` in the command language, files and JSON outputs;
// parsing ignores case. (The doc comment is the schema's description: it stays as files show it.)
/// The five link kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[derive(Display, EnumString, IntoStaticStr, VariantArray, VariantNames)]
#[strum(
    serialize_all = "lowercase",
    ascii_case_insensitive,
    parse_err_ty = String,
    parse_err_fn = unknown_link_kind
)]
pub enum LinkKind {
    /// Site-to-Site: VNet VPN gateway to a site.
    S2s,
    /// Point-to-Site: VNet VPN gateway to a user group.
    P2s,
    /// VNet-to-VNet: VPN gateway to VPN gateway.
    V2v,
    /// VNet peering.
    Peering,
    /// ExpressRoute: VNet ER gateway to a site's circuit.
    Er,
}

fn unknown_link_kind(s: &str) -> String {
    crate::text::unknown("link kind", s, <LinkKind as VariantNames>::VARIANTS)
}

impl LinkKind {
    /// Every kind, in legend order.
    pub const ALL: [LinkKind; 5] = match <LinkKind as VariantArray>::VARIANTS.first_chunk() {
        Some(all) => *all,
        None => panic!("LinkKind has five variants"),
    };

    /// The spelling used in the command language and JSON outputs.
    pub fn as_str(self) -> &'static str {
        self.into()
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
    /// S2S: policy-based traffic selectors (Azure's `usePolicyBasedTrafficSelectors`): the connection
    /// proposes one selector per VNet prefix and site prefix pair, for a policy-based device.
    pub policy_selectors: bool,
    /// Peering: `a` allows gateway transit.
    pub a_allow_transit: bool,
    /// Peering: `b` allows gateway transit.
    pub b_allow_transit: bool,
    /// Peering: `a` uses the remote (b's) gateways.
    pub a_use_remote: bool,
    /// Peering: `b` uses the remote (a's) gateways.
    pub b_use_remote: bool,
    /// Peering: `a` allows traffic forwarded from `b` (not originating in `b`) in.
    pub a_allow_forwarded: bool,
    /// Peering: `b` allows traffic forwarded from `a` in.
    pub b_allow_forwarded: bool,
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
            policy_selectors: false,
            a_allow_transit: false,
            b_allow_transit: false,
            a_use_remote: false,
            b_use_remote: false,
            a_allow_forwarded: false,
            b_allow_forwarded: false,
            one_sided: false,
        }
    }

    /// `true` when `name` is one of the two ends.
    pub fn touches(&self, name: &str) -> bool {
        self.a == name || self.b == name
    }

    /// `true` when the link joins `x` and `y`, whichever end is which.
    pub fn joins(&self, x: &str, y: &str) -> bool {
        (self.a == x && self.b == y) || (self.a == y && self.b == x)
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

    /// `true` if the VNet `name` allows traffic forwarded from its peer in on this peering (an NVA in
    /// the peer forwards it: Azure's `allowForwardedTraffic` on `name`'s side).
    pub fn allows_forwarded(&self, name: &str) -> bool {
        (self.a == name && self.a_allow_forwarded) || (self.b == name && self.b_allow_forwarded)
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

    /// `true` if the `a` end (`a_side`) or the `b` end allows forwarded traffic in ([`Link::allows_forwarded`] by side).
    pub fn allows_forwarded_at(&self, a_side: bool) -> bool {
        if a_side {
            self.a_allow_forwarded
        } else {
            self.b_allow_forwarded
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
