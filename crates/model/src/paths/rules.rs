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
use super::moves::{Block, Class, In, Step};

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
