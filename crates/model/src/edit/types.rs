//! The data of an edit: [`Edit`] (what a user asks for, one variant per command) and [`Change`] (what
//! an applied edit changed: the prior values that undo it), and putting a [`Change`] back into a design.

use ipnet::IpNet;

use crate::design::{Design, Link, LinkId, LinkKind, Node, Pos};
use crate::plan::PrefixSpec;
use crate::props::Prop;
use crate::sku::Era;

/// Which gateway of a VNet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GatewayKind {
    /// The VPN gateway.
    Vpn,
    /// The ExpressRoute gateway.
    Er,
}

/// A change a user asks for. Each variant is one line of the command language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// `vnet NAME PREFIX[,PREFIX...] [key=value...]` (a prefix may be `auto/N`)
    AddVnet {
        name: String,
        prefixes: Vec<PrefixSpec>,
        props: Vec<Prop>,
    },
    /// `subnet VNET NAME PREFIX [hosts=N]`: adds the subnet or replaces the one of that name (the
    /// prefix may be `auto/N`: the lowest free /N of the VNet's space).
    Subnet {
        vnet: String,
        name: String,
        prefix: PrefixSpec,
        props: Vec<Prop>,
    },
    /// `delete VNET/SUBNET`
    RemoveSubnet { vnet: String, name: String },
    /// `gateway VNET vpn|er SKU [options]`: adds the gateway or replaces it.
    Gateway {
        vnet: String,
        kind: GatewayKind,
        sku: String,
        props: Vec<Prop>,
    },
    /// `gateway VNET vpn|er none`
    RemoveGateway { vnet: String, kind: GatewayKind },
    /// `site NAME PREFIX[,PREFIX...] [options]`
    AddSite {
        name: String,
        prefixes: Vec<PrefixSpec>,
        props: Vec<Prop>,
    },
    /// `users NAME POOL clients=N [options]`
    AddUsers {
        name: String,
        pool: PrefixSpec,
        props: Vec<Prop>,
    },
    /// `link KIND A B [options]`
    Link {
        kind: LinkKind,
        a: String,
        b: String,
        props: Vec<Prop>,
    },
    /// `set-link ID key=value...` (the TUI inspector; links are named by id).
    SetLink { id: LinkId, props: Vec<Prop> },
    /// `unlink KIND A B`: removes every link of that kind between the two.
    Unlink { kind: LinkKind, a: String, b: String },
    /// `set-link KIND A B key=value...`: changes the flags of every link of that kind between the two.
    SetLinks {
        kind: LinkKind,
        a: String,
        b: String,
        props: Vec<Prop>,
    },
    /// Removes one link by id (the TUI).
    RemoveLink { id: LinkId },
    /// `set NAME key=value...` (`set design key=value...` sets the design's own keys when no node
    /// is called `design`)
    Set { name: String, props: Vec<Prop> },
    /// `set design key=value...`: the design's own keys (`pool`, `catalog`).
    SetDesign { props: Vec<Prop> },
    /// `duplicate NAME [as NEWNAME]`: a copy of the node under the next free name (or `new_name`),
    /// with `auto` prefixes of the same lengths, beside it; a VNet's subnets, gateways and peerings to
    /// a hub come along (see `edit/duplicate.rs`).
    Duplicate { name: String, new_name: Option<String> },
    /// `delete NAME`: the node and its links.
    Delete { name: String },
    /// `move NAME X Y`
    Move { name: String, pos: Pos },
    /// `pin NAME` (`pinned: true`) or `unpin NAME`: a pinned node keeps its place in a layout.
    Pin { name: String, pinned: bool },
    /// `layout [NAME...]`: lays out the design, or only these nodes ([`crate::diagram::layout()`]).
    Layout { names: Vec<String> },
    /// `catalog current|2017`
    Catalog { era: Era },
}

/// What an applied edit changed: the prior value of everything it touched. Give it to
/// [`Design::revert`] to undo the edit; that returns the `Change` that redoes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub(super) nodes: Vec<(String, Option<Node>)>,
    pub(super) links: Vec<(LinkId, Option<Link>)>,
    pub(super) era: Option<Era>,
    pub(super) next_link: Option<u32>,
    pub(super) pool: Option<Vec<IpNet>>,
    /// A short description of the edit, for status lines and undo menus.
    pub summary: String,
}

impl Change {
    /// Names of the nodes the edit touched.
    pub fn touched_nodes(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().map(|(n, _)| n.as_str())
    }

    /// The nodes the edit touched, each with its value before the edit (`None`: it did not exist).
    pub fn prior_nodes(&self) -> impl Iterator<Item = (&str, Option<&Node>)> {
        self.nodes.iter().map(|(n, prior)| (n.as_str(), prior.as_ref()))
    }

    /// Ids of the links the edit touched.
    pub fn touched_links(&self) -> impl Iterator<Item = LinkId> + '_ {
        self.links.iter().map(|(id, _)| *id)
    }

    /// The links the edit touched, each with its value before the edit (`None`: it did not exist).
    pub(crate) fn prior_links(&self) -> impl Iterator<Item = (LinkId, Option<&Link>)> {
        self.links.iter().map(|(id, prior)| (*id, prior.as_ref()))
    }

    /// The design-wide values the edit touched, as they were before it: the era, the address pool
    /// and the next link id (`None`: untouched).
    pub(crate) fn prior_design(&self) -> (Option<Era>, Option<&[IpNet]>, Option<u32>) {
        (self.era, self.pool.as_deref(), self.next_link)
    }

    /// `true` when the edit, now applied to `after`, changed nothing but canvas positions (an edit
    /// that changed nothing at all included). No rule and no estimate reads a position, so the
    /// findings and the estimate from before the edit still hold: dragging a node across the canvas
    /// costs no recomputation (the TUI keeps them).
    pub fn only_moved(&self, after: &Design) -> bool {
        self.era.is_none_or(|era| era == after.era)
            && self.pool.as_ref().is_none_or(|pool| pool[..] == after.pool_set()[..])
            && self.next_link.is_none_or(|next| next == after.next_link())
            && self.links.iter().all(|(id, prior)| prior.as_ref() == after.link(*id))
            && self.nodes.iter().all(|(name, prior)| match (prior, after.node(name)) {
                (Some(prior), Some(now)) => {
                    let mut moved = prior.clone();
                    *moved.pos_mut() = now.pos();
                    moved == *now
                }
                _ => false,
            })
    }
}

impl Design {
    /// Puts back every prior value `change` recorded, the latest recorded first.
    pub(super) fn restore(&mut self, change: Change) {
        for (name, prior) in change.nodes.into_iter().rev() {
            self.put_node(name, prior);
        }
        for (id, prior) in change.links.into_iter().rev() {
            self.put_link(id, prior);
        }
        if let Some(era) = change.era {
            self.era = era;
        }
        if let Some(next) = change.next_link {
            self.set_next_link(next);
        }
        if let Some(pool) = change.pool {
            self.set_pool(pool);
        }
    }
}
