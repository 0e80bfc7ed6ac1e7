//! The words of a path: why a blocked move is blocked and which command lines would open it, and the
//! assumptions a reachable path rests on. Every text names its source key, or "assumed" where Azure's
//! documentation is silent.

use std::fmt::Write as _;

use super::graph::{Edge, Graph, LinkRef};
use super::moves::{Block, Class, In};
use crate::region;
use crate::sku::{ErSku, Era, VpnSku};

/// One thing that stops a path, what Azure says about it, and the command lines that would remove it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    /// What stops the traffic, naming the nodes.
    pub reason: String,
    /// The source keys of `reference/azure-facts.md`, or `assumed`.
    pub source: &'static str,
    /// Command lines (the command language) that would remove this block; empty when no edit of the
    /// design can (a change outside the model, such as Azure Route Server, is named in `reason`).
    pub fix: Vec<String>,
}

/// An assumption a reachable path rests on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What is assumed.
    pub text: String,
    /// The source keys, or `assumed`.
    pub source: &'static str,
}

/// One move of a path: the edge taken from a position, and how traffic arrived at that position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Move<'e> {
    /// The position left.
    pub from: u32,
    /// How traffic arrived there.
    pub came: In,
    /// The edge taken.
    pub edge: &'e Edge,
    /// The edge that brought the traffic to `from` (`None` at the source).
    pub prev: Option<&'e Edge>,
    /// The position before `from` (`NONE` at the source).
    pub prev_from: u32,
}

fn link<'d>(g: &Graph<'d>, e: &Edge) -> Option<LinkRef<'d>> {
    g.links.get(e.link as usize).copied()
}

fn describe(g: &Graph<'_>, e: &Edge) -> String {
    link(g, e).map_or_else(String::new, |l| l.link.describe())
}

/// The command lines that turn BGP on for a connection, end to end (what can be computed of them).
fn bgp_fix(g: &Graph<'_>, e: &Edge, fix: &mut Vec<String>) {
    if let Some(l) = link(g, e) {
        fix.extend(g.fix.bgp(l.link).lines);
    }
}

/// The lines that give VNet `name` a VPN gateway (with its GatewaySubnet), or the bare `gateway`
/// line when no GatewaySubnet fits.
fn vpn_gateway(g: &Graph<'_>, name: &str, fix: &mut Vec<String>) {
    let sku = g.fix.suggest_vpn(VpnSku::VpnGw1);
    match g.design.vnet(name).and_then(|v| g.fix.add_vpn_gateway(v, sku)) {
        Some(lines) => fix.extend(lines),
        None => fix.push(format!("gateway {name} vpn {sku}")),
    }
}

/// The blocker of a blocked move.
pub(crate) fn blocker(g: &Graph<'_>, m: &Move<'_>, block: Block) -> Blocker {
    let e = m.edge;
    let (here, there) = (g.name(m.from), g.name(e.to));
    let (la, lb) = link(g, e).map_or(("", ""), |l| (l.link.a.as_str(), l.link.b.as_str()));
    // For a transit edge, which end is the spoke and which the hub.
    let (spoke, hub) = if g.is_gw(m.from) { (there, here) } else { (here, there) };
    let era = g.design.era;
    let mut fix = Vec::new();
    let (reason, source) = match block {
        Block::OneSided => {
            fix.push(format!("set-link peering {la} {lb} one-sided=false"));
            (
                format!("the peering {la}-{lb} exists on {la}'s side only and carries no traffic"),
                "S21",
            )
        }
        Block::ClassicPair => {
            fix.push(format!("set {la} classic=false"));
            (
                format!("{la} and {lb} are both classic VNets, which cannot peer"),
                "S20",
            )
        }
        Block::NoTransitFlags { allows, uses } => {
            fix.push(format!(
                "set-link peering {la} {lb} allow-gateway-transit={hub} use-remote-gateways={spoke}"
            ));
            let missing = match (allows, uses) {
                (false, false) => {
                    format!("{hub} does not allow gateway transit and {spoke} does not use remote gateways")
                }
                (false, true) => format!("{hub} does not allow gateway transit"),
                _ => format!("{spoke} does not use remote gateways"),
            };
            (
                format!("{spoke} does not use {hub}'s gateway: on their peering {missing}"),
                "S22",
            )
        }
        Block::SpokeOwnGateway => {
            let vpn = |n: &str| g.design.vnet(n).is_some_and(|v| v.vpn.is_some());
            if vpn(spoke) && vpn(hub) {
                fix.push(format!("link v2v {hub} {spoke} bgp"));
            }
            (
                format!(
                    "{spoke} has a gateway of its own, so it cannot use {hub}'s (connect the two gateways instead)"
                ),
                "S20, S22",
            )
        }
        Block::ClassicHub => {
            fix.push(format!("set {hub} classic=false"));
            (
                format!("{hub} is a classic VNet, which cannot offer gateway transit"),
                "S20, S22",
            )
        }
        Block::GlobalTransit2017 => (
            format!(
                "{spoke} and {hub} peer across regions, and global peering carried no gateway transit in 2017 (give {spoke} its own gateway)"
            ),
            "S20, S21",
        ),
        Block::HubNoGateway => {
            vpn_gateway(g, hub, &mut fix);
            (format!("{hub} has no gateway for {spoke} to use"), "S22")
        }
        Block::NoVpnGateway { vnet } => {
            let v = g.names.get(vnet as usize).copied().unwrap_or("");
            vpn_gateway(g, v, &mut fix);
            (
                format!("{v} has no VPN gateway, so {} carries nothing", describe(g, e)),
                "S4",
            )
        }
        Block::PolicyNoP2s => {
            fix.push(format!("set {la} policy-based=false"));
            (
                format!("{la}'s PolicyBased gateway takes no Point-to-Site clients"),
                "S14, S16",
            )
        }
        Block::PolicyNoV2v { vnet } => {
            let v = g.names.get(vnet as usize).copied().unwrap_or("");
            fix.push(format!("set {v} policy-based=false"));
            (
                format!("{v}'s PolicyBased gateway takes no VNet-to-VNet connection"),
                "S18",
            )
        }
        Block::V2vCloud | Block::PeerCloud => {
            let cloud = |n: &str| {
                g.design
                    .vnet(n)
                    .and_then(|v| v.region.as_deref())
                    .and_then(region::lookup)
                    .map_or("?", |r| r.cloud.label())
            };
            let (what, source) = if block == Block::V2vCloud {
                ("VNet-to-VNet", "S18")
            } else {
                ("a peering", "S21")
            };
            (
                format!(
                    "{la} ({}) and {lb} ({}) are in different clouds; {what} joins VNets of one cloud",
                    cloud(la),
                    cloud(lb)
                ),
                source,
            )
        }
        Block::NoErGateway => {
            match g.design.vnet(la).and_then(|v| g.fix.add_er_gateway(v)) {
                Some(lines) => fix.extend(lines),
                None => fix.push(format!("gateway {la} er {}", g.fix.suggest_er(ErSku::ErGw1AZ))),
            }
            (
                format!(
                    "{la} has no ExpressRoute gateway, so {} carries nothing",
                    describe(g, e)
                ),
                "S4",
            )
        }
        Block::NoCircuit => {
            fix.push(format!("set {lb} circuit=1000"));
            (format!("site {lb} has no ExpressRoute circuit"), "S4")
        }
        Block::ErGeo => {
            fix.push(format!("set {lb} premium=true"));
            let loc = g
                .design
                .site(lb)
                .and_then(|s| s.circuit.as_ref())
                .and_then(|c| c.location.clone())
                .unwrap_or_default();
            (
                format!(
                    "{lb}'s Standard circuit (peering location {loc}) lies outside the geopolitical region of {la}; a link across geopolitical regions needs Premium"
                ),
                "S32",
            )
        }
        Block::NonTransitive => {
            let before = g.name(m.prev_from);
            if g.design.vnet(before).is_some() && g.design.vnet(there).is_some() {
                fix.push(format!("link peering {before} {there}"));
            }
            (
                format!(
                    "{before} and {there} are both peered to {here}, but peering is not transitive (an NVA in {here} with forwarded-traffic on both peerings would forward)"
                ),
                "S20, S21",
            )
        }
        Block::StaticTransit => {
            if let Some(p) = m.prev {
                bgp_fix(g, p, &mut fix);
            }
            bgp_fix(g, e, &mut fix);
            let prev = m.prev.map_or_else(String::new, |p| describe(g, p));
            (
                format!(
                    "{here}'s gateway would join {prev} and {}, but transit between VPN connections needs BGP on both",
                    describe(g, e)
                ),
                "S17",
            )
        }
        Block::P2sNeedsBgp => {
            let other = if e.class == Class::P2s { m.prev } else { Some(e) };
            if let Some(o) = other {
                bgp_fix(g, o, &mut fix);
            }
            let other = other.map_or_else(String::new, |o| describe(g, o));
            (
                format!("P2S clients reach past {here}'s gateway over {other} only when it runs BGP"),
                "S33",
            )
        }
        Block::SpokeStaticV2v => {
            let v2v = if e.class == Class::V2v { Some(e) } else { m.prev };
            if let Some(v) = v2v {
                bgp_fix(g, v, &mut fix);
            }
            let v2v = v2v.map_or_else(String::new, |v| describe(g, v));
            (
                format!(
                    "a gateway-transit spoke's prefixes cross {v2v} only over BGP (without it the far gateway learns only the VNets' own space)"
                ),
                "S17",
            )
        }
        Block::NoSkuTransit => {
            let sku = g.fix.suggest_vpn(VpnSku::VpnGw1);
            match g.design.vnet(here) {
                Some(v) => fix.extend(g.fix.vpn_sku(v, sku)),
                None => fix.push(format!("set {here} vpn-sku={sku}")),
            }
            (format!("{here}'s VPN gateway SKU offers no gateway transit"), "S22")
        }
        Block::ErVpn => {
            if era == Era::Y2017 {
                (
                    format!(
                        "{here} joins ExpressRoute and VPN connections, and Azure did not route between them in 2017"
                    ),
                    "S25",
                )
            } else {
                if g.design.vnet(here).and_then(|v| v.vpn.as_ref()).and_then(|gw| gw.asn) != Some(65515) {
                    fix.push(format!("set {here} asn=65515"));
                }
                // S25 documents S2S and ExpressRoute; that P2S clients need the same is our reading.
                let p2s = e.class == Class::P2s || m.prev.is_some_and(|p| p.class == Class::P2s);
                (
                    format!(
                        "{here} joins ExpressRoute and VPN connections; Azure routes between them only through Azure Route Server with branch-to-branch on (not modeled: deploy it in {here}) and VPN ASN 65515"
                    ),
                    if p2s { "S25, assumed for P2S" } else { "S25" },
                )
            }
        }
        Block::ErEr => (
            format!(
                "{here}'s gateway does not carry traffic from one ExpressRoute circuit to another; sites behind two circuits reach each other over ExpressRoute Global Reach (not modeled)"
            ),
            "assumed",
        ),
        Block::SiteStatic => {
            if let Some(p) = m.prev.filter(|p| p.class == Class::S2s && !p.bgp) {
                bgp_fix(g, p, &mut fix);
            }
            if e.class == Class::S2s && !e.bgp {
                bgp_fix(g, e, &mut fix);
            }
            (
                format!(
                    "site {here} would route between two of its connections, but over a static S2S connection the gateway learns only {here}'s own prefixes"
                ),
                "assumed",
            )
        }
    };
    let mut seen = Vec::with_capacity(fix.len());
    fix.retain(|f| {
        let fresh = !seen.contains(f);
        seen.push(f.clone());
        fresh
    });
    Blocker { reason, source, fix }
}

/// The assumption an allowed move rests on, if any.
pub(crate) fn note(g: &Graph<'_>, m: &Move<'_>) -> Option<Note> {
    let e = m.edge;
    let here = g.name(m.from);
    match m.came {
        In::Peer { .. } if e.class == Class::Peer => Some(Note {
            text: format!(
                "an NVA in {here} forwards between {} and {} (forwarded-traffic on both peerings; route tables are not modeled)",
                g.name(m.prev_from),
                g.name(e.to)
            ),
            source: "S20, S21, assumed",
        }),
        In::Gw(cin, bin) => {
            let static_s2s = |c: Class, bgp: bool| c == Class::S2s && !bgp;
            if (cin == Class::Transit && static_s2s(e.class, e.bgp))
                || (static_s2s(cin, bin) && e.class == Class::Transit)
            {
                Some(Note {
                    text: "the static S2S site's device routes the spoke's prefixes into the tunnel".to_owned(),
                    source: "assumed",
                })
            } else if cin == Class::P2s && e.class == Class::P2s {
                Some(Note {
                    text: format!("P2S clients of two groups reach each other through {here}'s gateway"),
                    source: "assumed",
                })
            } else {
                None
            }
        }
        In::Site(cin, _) if cin == Class::Er && e.class == Class::Er => Some(Note {
            text: format!("VNets linked to {here}'s circuit share its routing domain"),
            source: "S32",
        }),
        In::Site(..) => Some(Note {
            text: format!("site {here}'s own network routes between its connections (BGP re-advertises the routes)"),
            source: "assumed",
        }),
        _ => None,
    }
}

/// The blocker when no chain of links joins the two nodes at all.
pub(crate) fn unconnected(g: &Graph<'_>, from: u32, to: u32) -> Blocker {
    let (a, b) = (g.name(from), g.name(to));
    let mut fix = Vec::new();
    if g.vnet(from).is_some() && g.vnet(to).is_some() {
        fix.push(format!("link peering {a} {b}"));
    }
    Blocker {
        reason: format!("no chain of links joins {a} and {b}"),
        source: "model",
        fix,
    }
}

/// `why` for a list of blockers: each reason with its source, then the fix lines.
pub(crate) fn why(blockers: &[Blocker], out: &mut String) {
    for (i, b) in blockers.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        let _ = write!(out, "{} [{}]", b.reason, b.source);
    }
    let mut first = true;
    for line in blockers.iter().flat_map(|b| &b.fix) {
        out.push_str(if first { "; fix: " } else { "; " });
        out.push_str(line);
        first = false;
    }
}
