//! What an applied edit changed, in the terms the analysis needs ([`Changed`]): nothing it reads (a
//! move, a pin), one of the few properties that only some rules read (a site's uplink, say), or
//! anything else. [`changed`] reads it off a [`Change`] and the design after the edit.
//!
//! Each node kind is taken apart field by field with no `..`, so a field added to a node does not
//! compile here until someone says what reading it means for the analysis.

use std::ops::{BitOr, BitOrAssign};

use crate::design::{Circuit, Design, ErGateway, Node, Site, Users, Vnet, VpnGateway};
use crate::edit::Change;

/// A set of aspects of a design an edit changed (or a rule reads): see the constants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Changed(u32);

impl Changed {
    /// Nothing any rule or the estimate reads (canvas positions, pins).
    pub const NOTHING: Changed = Changed(0);
    /// A site's uplink bandwidth (`uplink=`).
    pub const UPLINK: Changed = Changed(1);
    /// The prefixes a site advertises over BGP (`advertised=`).
    pub const ADVERTISED: Changed = Changed(1 << 1);
    /// Whether a site's VPN device sits behind NAT (`behind-nat=`).
    pub const BEHIND_NAT: Changed = Changed(1 << 2);
    /// A VNet's region (`region=`).
    pub const REGION: Changed = Changed(1 << 3);
    /// A user group's expected concurrent clients (`clients=`).
    pub const CLIENTS: Changed = Changed(1 << 4);
    /// A user group's tunnel protocol (`protocol=`).
    pub const PROTOCOL: Changed = Changed(1 << 5);
    /// Whether a user group authenticates with RADIUS (`radius=`).
    pub const RADIUS: Changed = Changed(1 << 6);
    /// Whether a VPN gateway is active-active (`active-active=`).
    pub const ACTIVE_ACTIVE: Changed = Changed(1 << 7);
    /// A VPN gateway's custom APIPA BGP address (`apipa=`).
    pub const APIPA: Changed = Changed(1 << 8);
    /// Whether an ExpressRoute gateway uses FastPath (`fastpath=`).
    pub const FASTPATH: Changed = Changed(1 << 9);
    /// An ExpressRoute gateway's scale units (`units=`).
    pub const UNITS: Changed = Changed(1 << 10);
    /// Whether a circuit has the Premium add-on (`premium=`).
    pub const PREMIUM: Changed = Changed(1 << 11);
    /// Whether a circuit is an ExpressRoute Direct port (`direct=`).
    pub const DIRECT: Changed = Changed(1 << 12);
    /// A circuit's peering location (`location=`).
    pub const LOCATION: Changed = Changed(1 << 13);
    /// Anything else: a node or link that came, went or was renamed, an address, a gateway or a
    /// circuit added or removed, a SKU, a link's property, the era, the pool. Every rule and the
    /// estimate read it.
    pub const EVERYTHING: Changed = Changed(1 << 31);

    /// `true` when nothing the analysis reads changed.
    pub fn is_nothing(self) -> bool {
        self.0 == 0
    }

    /// `true` when `self` and `other` share an aspect.
    pub fn meets(self, other: Changed) -> bool {
        self.0 & other.0 != 0
    }
}

impl BitOr for Changed {
    type Output = Changed;
    fn bitor(self, other: Changed) -> Changed {
        Changed(self.0 | other.0)
    }
}

impl BitOrAssign for Changed {
    fn bitor_assign(&mut self, other: Changed) {
        self.0 |= other.0;
    }
}

/// What `change`, now applied and giving `after`, changed for the analysis. Also right for a step of
/// several changes (the union over them, each against the design after the whole step): a node's
/// earliest prior value is its value before the step.
pub fn changed(change: &Change, after: &Design) -> Changed {
    let mut out = Changed::NOTHING;
    let (era, pool, next_link) = change.prior_design();
    if era.is_some_and(|e| e != after.era)
        || pool.is_some_and(|p| p != after.pool_set())
        || next_link.is_some_and(|n| n != after.next_link())
    {
        return Changed::EVERYTHING;
    }
    for (id, prior) in change.prior_links() {
        if prior != after.link(id) {
            return Changed::EVERYTHING;
        }
    }
    for (name, prior) in change.prior_nodes() {
        out |= match (prior, after.node(name)) {
            (None, None) => Changed::NOTHING,
            (Some(prior), Some(now)) => node(prior, now),
            _ => Changed::EVERYTHING,
        };
    }
    out
}

/// What changed between two values of one node.
fn node(prior: &Node, now: &Node) -> Changed {
    let mut out = Changed::NOTHING;
    match (prior, now) {
        (Node::Vnet(p), Node::Vnet(n)) => {
            let Vnet {
                name,
                prefixes,
                region,
                subnets,
                vpn,
                er,
                classic,
                pos: _,
                pinned: _,
            } = p;
            out |= when(*region != n.region, Changed::REGION);
            out |= vpn_gateway(vpn.as_ref(), n.vpn.as_ref());
            out |= er_gateway(er.as_ref(), n.er.as_ref());
            out |= when(
                *name != n.name || *prefixes != n.prefixes || *subnets != n.subnets || *classic != n.classic,
                Changed::EVERYTHING,
            );
        }
        (Node::Site(p), Node::Site(n)) => {
            let Site {
                name,
                prefixes,
                ip,
                behind_nat,
                asn,
                bgp_ip,
                advertised,
                uplink_mbps,
                circuit,
                pos: _,
                pinned: _,
            } = p;
            out |= when(*uplink_mbps != n.uplink_mbps, Changed::UPLINK);
            out |= when(*advertised != n.advertised, Changed::ADVERTISED);
            out |= when(*behind_nat != n.behind_nat, Changed::BEHIND_NAT);
            out |= self::circuit(circuit.as_ref(), n.circuit.as_ref());
            out |= when(
                *name != n.name || *prefixes != n.prefixes || *ip != n.ip || *asn != n.asn || *bgp_ip != n.bgp_ip,
                Changed::EVERYTHING,
            );
        }
        (Node::Users(p), Node::Users(n)) => {
            let Users {
                name,
                pool,
                clients,
                protocol,
                radius,
                source_ip,
                pos: _,
                pinned: _,
            } = p;
            out |= when(*clients != n.clients, Changed::CLIENTS);
            out |= when(*protocol != n.protocol, Changed::PROTOCOL);
            out |= when(*radius != n.radius, Changed::RADIUS);
            out |= when(
                *name != n.name || *pool != n.pool || *source_ip != n.source_ip,
                Changed::EVERYTHING,
            );
        }
        _ => out |= Changed::EVERYTHING,
    }
    out
}

/// What changed between two values of a VNet's VPN gateway: added or removed is everything.
fn vpn_gateway(prior: Option<&VpnGateway>, now: Option<&VpnGateway>) -> Changed {
    let (p, n) = match both(prior, now) {
        Ok(pair) => pair,
        Err(whole) => return whole,
    };
    let VpnGateway {
        sku,
        vpn_type,
        active_active,
        asn,
        generation,
        nat_rules,
        apipa,
    } = p;
    when(*active_active != n.active_active, Changed::ACTIVE_ACTIVE)
        | when(*apipa != n.apipa, Changed::APIPA)
        | when(
            *sku != n.sku
                || *vpn_type != n.vpn_type
                || *asn != n.asn
                || *generation != n.generation
                || *nat_rules != n.nat_rules,
            Changed::EVERYTHING,
        )
}

/// What changed between two values of a VNet's ExpressRoute gateway: added or removed is everything.
fn er_gateway(prior: Option<&ErGateway>, now: Option<&ErGateway>) -> Changed {
    let (p, n) = match both(prior, now) {
        Ok(pair) => pair,
        Err(whole) => return whole,
    };
    let ErGateway { sku, fastpath, units } = p;
    when(*fastpath != n.fastpath, Changed::FASTPATH)
        | when(*units != n.units, Changed::UNITS)
        | when(*sku != n.sku, Changed::EVERYTHING)
}

/// What changed between two values of a site's circuit: added or removed is everything.
fn circuit(prior: Option<&Circuit>, now: Option<&Circuit>) -> Changed {
    let (p, n) = match both(prior, now) {
        Ok(pair) => pair,
        Err(whole) => return whole,
    };
    let Circuit {
        mbps,
        location,
        premium,
        direct,
    } = p;
    when(*premium != n.premium, Changed::PREMIUM)
        | when(*direct != n.direct, Changed::DIRECT)
        | when(*location != n.location, Changed::LOCATION)
        | when(*mbps != n.mbps, Changed::EVERYTHING)
}

/// `aspect` when `differs`, else nothing.
fn when(differs: bool, aspect: Changed) -> Changed {
    if differs { aspect } else { Changed::NOTHING }
}

/// Both values of an optional part (a gateway, a circuit), or what its coming or going changed:
/// nothing when it stayed absent, everything when it came or went.
fn both<'a, T: PartialEq>(prior: Option<&'a T>, now: Option<&'a T>) -> Result<(&'a T, &'a T), Changed> {
    match (prior, now) {
        (Some(p), Some(n)) => Ok((p, n)),
        _ if prior == now => Err(Changed::NOTHING),
        _ => Err(Changed::EVERYTHING),
    }
}
