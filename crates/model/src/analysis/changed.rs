//! What an applied edit changed, in the terms the analysis needs ([`Changed`]): nothing it reads (a
//! move, a pin), one of the few properties that only some rules read (a site's uplink, say), or
//! anything else. [`changed`] reads it off a [`Change`] and the design after the edit.
//!
//! Each node kind is taken apart field by field with no `..`, so a field added to a node does not
//! compile here until someone says what reading it means for the analysis.

use std::ops::{BitOr, BitOrAssign};

use crate::design::{Design, Node, Site, Users, Vnet};
use crate::edit::Change;

/// A set of aspects of a design an edit changed (or a rule reads): see the constants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Changed(u8);

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
    /// Anything else: a node or link that came, went or was renamed, an address, a gateway, a link's
    /// property, the era, the pool. Every rule and the estimate read it.
    pub const EVERYTHING: Changed = Changed(1 << 7);

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
    let mut flag = |differs: bool, aspect: Changed| {
        if differs {
            out |= aspect;
        }
    };
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
            flag(*region != n.region, Changed::REGION);
            flag(
                *name != n.name
                    || *prefixes != n.prefixes
                    || *subnets != n.subnets
                    || *vpn != n.vpn
                    || *er != n.er
                    || *classic != n.classic,
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
            flag(*uplink_mbps != n.uplink_mbps, Changed::UPLINK);
            flag(*advertised != n.advertised, Changed::ADVERTISED);
            flag(*behind_nat != n.behind_nat, Changed::BEHIND_NAT);
            flag(
                *name != n.name
                    || *prefixes != n.prefixes
                    || *ip != n.ip
                    || *asn != n.asn
                    || *bgp_ip != n.bgp_ip
                    || *circuit != n.circuit,
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
            flag(
                *name != n.name
                    || *pool != n.pool
                    || *clients != n.clients
                    || *protocol != n.protocol
                    || *radius != n.radius
                    || *source_ip != n.source_ip,
                Changed::EVERYTHING,
            );
        }
        _ => flag(true, Changed::EVERYTHING),
    }
    out
}
