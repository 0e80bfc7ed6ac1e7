//! The vocabulary of a path search, shared by the graph, the move rules, the search and the
//! explanations: the [`Class`] of an edge, how traffic arrived at a position ([`In`], one of
//! [`SLOTS`] states), why a move is not made ([`Block`]) and the outcome of trying one ([`Step`]).

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
    /// A peering between two clouds.
    PeerCloud,
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
