//! The move rules: where traffic that arrived at a position one way may go next, and why not.
//!
//! A search state is a position plus how the traffic arrived there ([`In`]), because Azure's transit
//! rules depend on both ends of a crossing: through a VPN gateway, two S2S or VNet-to-VNet
//! connections exchange routes only over BGP \[S17\]; P2S clients reach S2S sites and VNet-to-VNet
//! partners only over BGP connections \[S33\]; a spoke reaches a gateway's connections only with gateway
//! transit on its peering \[S22\], and across a VNet-to-VNet connection only when BGP carries its
//! prefixes \[S17\]; ExpressRoute and VPN connections exchange routes only through Azure Route Server
//! (2017: not at all) \[S25\]; VNets linked to one circuit share its routing domain \[S32\]; peering is
//! not transitive \[S20\]\[S21\]. Each rule is one arm of [`step`]; every reason of a [`Block`] names its
//! source key, or says "assumed" where Azure's documentation is silent.

use super::graph::{Edge, Graph};

/// What kind of move an edge is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// A VNet to its own gateway (no hop of its own).
    Local,
    /// A spoke to the gateway of the hub it peers with (gateway transit).
    Transit,
    /// A plain peering, VNet to VNet.
    Peer,
    /// Site-to-Site.
    S2s,
    /// VNet-to-VNet.
    V2v,
    /// Point-to-Site.
    P2s,
    /// ExpressRoute.
    Er,
}

impl Class {
    /// S2S, VNet-to-VNet or P2S: a connection of the VPN gateway.
    pub fn vpn(self) -> bool {
        matches!(self, Class::S2s | Class::V2v | Class::P2s)
    }
}

/// How traffic arrived at a position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum In {
    /// It starts here.
    Origin,
    /// At a VNet, over a plain peering (`fwd`: the VNet it came from lets forwarded traffic back in).
    Peer { fwd: bool },
    /// At a VNet from its gateway, or at a user group: it goes no further.
    Done,
    /// At a gateway, over an edge of this class (`bgp`: that connection runs BGP).
    Gw(Class, bool),
    /// At a site, over an S2S (`bgp`) or ExpressRoute connection.
    Site(Class, bool),
}

impl In {
    /// The slot of this arrival among the 8 states of a position (unique per kind of position).
    pub fn slot(self) -> u32 {
        match self {
            In::Origin => 0,
            In::Peer { fwd: true } => 1,
            In::Peer { fwd: false } => 2,
            In::Done => 3,
            In::Gw(c, bgp) => match (c, bgp) {
                (Class::Local | Class::Peer, _) => 0,
                (Class::Transit, _) => 1,
                (Class::S2s, true) => 2,
                (Class::S2s, false) => 3,
                (Class::V2v, true) => 4,
                (Class::V2v, false) => 5,
                (Class::P2s, _) => 6,
                (Class::Er, _) => 7,
            },
            In::Site(c, bgp) => match (c, bgp) {
                (Class::S2s, true) => 1,
                (Class::S2s, false) => 2,
                _ => 3,
            },
        }
    }
}

/// States per position.
pub(crate) const SLOTS: u32 = 8;

/// Why a move is not made. Static blocks are properties of one link; the others of a crossing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Block {
    /// The peering exists on one side only.
    OneSided,
    /// Two classic VNets cannot peer.
    ClassicPair,
    /// The peering's transit flags are not both set (`allows`: the hub allows; `uses`: the spoke uses).
    NoTransitFlags { allows: bool, uses: bool },
    /// The spoke has a gateway of its own.
    SpokeOwnGateway,
    /// The hub is a classic VNet.
    ClassicHub,
    /// 2017: global peering carried no gateway transit.
    GlobalTransit2017,
    /// The hub has no gateway.
    HubNoGateway,
    /// The VNet (node index) has no VPN gateway.
    NoVpnGateway { vnet: u32 },
    /// A PolicyBased gateway takes no P2S.
    PolicyNoP2s,
    /// A PolicyBased gateway (node index) takes no VNet-to-VNet.
    PolicyNoV2v { vnet: u32 },
    /// VNet-to-VNet between two clouds.
    V2vCloud,
    /// No ExpressRoute gateway.
    NoErGateway,
    /// The site has no circuit.
    NoCircuit,
    /// A Standard circuit outside the VNet's geopolitical region.
    ErGeo,
    /// Two peerings in a row without forwarding.
    NonTransitive,
    /// Two VPN connections, not both BGP, through one gateway.
    StaticTransit,
    /// P2S clients and a connection without BGP.
    P2sNeedsBgp,
    /// A spoke's prefixes across a VNet-to-VNet connection without BGP.
    SpokeStaticV2v,
    /// The hub's VPN SKU offers no gateway transit.
    NoSkuTransit,
    /// ExpressRoute and VPN through one VNet.
    ErVpn,
    /// Two ExpressRoute circuits through one gateway.
    ErEr,
    /// A site joining two connections, one of them static.
    SiteStatic,
}

/// The outcome of trying an edge from a state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Not a move worth trying (it goes back, or another edge makes the same move shorter).
    No,
    /// Allowed, arriving so.
    Go(In),
    /// Possible only if the block is removed: the link's own block first, then the crossing's.
    Blocked(In, Block, Option<Block>),
}

/// Where edge `e` from position `at`, reached as `came`, leads.
pub(crate) fn step(g: &Graph<'_>, at: u32, came: In, e: &Edge) -> Step {
    let next = if g.is_gw(e.to) {
        In::Gw(e.class, e.bgp)
    } else {
        match e.class {
            Class::Peer => In::Peer { fwd: e.fwd_back },
            Class::S2s | Class::Er if g.nodes[e.to as usize].as_site().is_some() => In::Site(e.class, e.bgp),
            _ => In::Done,
        }
    };
    let crossing = match came {
        In::Done => return Step::No,
        In::Origin => None,
        In::Peer { fwd } => match e.class {
            // Through an NVA: the VNet it came from lets the answers back in, the next one lets it in.
            Class::Peer if fwd && e.fwd => None,
            Class::Peer => Some(Block::NonTransitive),
            _ => return Step::No,
        },
        In::Gw(cin, bin) => match gateway_crossing(g, at, cin, bin, e) {
            Ok(block) => block,
            Err(()) => return Step::No,
        },
        In::Site(cin, bin) => {
            let dynamic = |c: Class, bgp: bool| c == Class::Er || bgp;
            if (cin == Class::Er && e.class == Class::Er) || (dynamic(cin, bin) && dynamic(e.class, e.bgp)) {
                None
            } else {
                Some(Block::SiteStatic)
            }
        }
    };
    match (e.block, crossing) {
        (None, None) => Step::Go(next),
        (Some(b), c) => Step::Blocked(next, b, c),
        (None, Some(c)) => Step::Blocked(next, c, None),
    }
}

/// A crossing of gateway `at`, in over `cin` (`bin`: BGP), out over `e`: `Err` when not worth trying.
fn gateway_crossing(g: &Graph<'_>, at: u32, cin: Class, bin: bool, e: &Edge) -> Result<Option<Block>, ()> {
    let out = e.class;
    let local_side = |c: Class| matches!(c, Class::Local | Class::Transit | Class::Peer);
    if local_side(cin) && local_side(out) {
        // Hub to spoke and spoke to spoke go over the peering itself.
        return Err(());
    }
    if cin == Class::Er || out == Class::Er {
        return Ok(match (cin, out) {
            (Class::Er, Class::Er) => Some(Block::ErEr),
            (c, Class::Er) | (Class::Er, c) if c.vpn() => Some(Block::ErVpn),
            _ => None,
        });
    }
    let transit_sku = |c: Class| c == Class::Transit && !g.gw(at).vpn_transit;
    if transit_sku(cin) || transit_sku(out) {
        return Ok(Some(Block::NoSkuTransit));
    }
    Ok(match (cin, out) {
        (Class::Transit, Class::V2v) if !e.bgp => Some(Block::SpokeStaticV2v),
        (Class::V2v, Class::Transit) if !bin => Some(Block::SpokeStaticV2v),
        (Class::S2s | Class::V2v, Class::S2s | Class::V2v) if !(bin && e.bgp) => Some(Block::StaticTransit),
        (Class::S2s | Class::V2v, Class::P2s) if !bin => Some(Block::P2sNeedsBgp),
        (Class::P2s, Class::S2s | Class::V2v) if !e.bgp => Some(Block::P2sNeedsBgp),
        _ => None,
    })
}
