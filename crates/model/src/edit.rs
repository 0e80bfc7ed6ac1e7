//! The one way users change a design: [`Design::apply`] takes an [`Edit`] and either applies all of it
//! and returns a [`Change`] (what to restore to undo it), or changes nothing and returns an [`EditError`].
//!
//! The transaction ([`Change`], the journal of prior values) lives here; what each edit does is in
//! `edit/ops.rs`. Node and link properties are set by key through the property tables of
//! [`crate::props`], re-exported here for the callers that know them by this path.

use ipnet::IpNet;

use crate::design::{Design, Link, LinkId, LinkKind, Node, Pos};
use crate::error::EditError;
pub use crate::plan::PrefixSpec;
use crate::sku::Era;

mod duplicate;
mod ops;
mod tx;

pub use duplicate::{duplicate_position, next_free_name};

pub use crate::props::{
    MAX_NAME_LEN, Prop, PropertyView, check_name, check_prefix, link_properties, node_properties, parse_prefixes,
};

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
    /// `catalog current|2017`
    Catalog { era: Era },
}

/// What an applied edit changed: the prior value of everything it touched. Give it to
/// [`Design::revert`] to undo the edit; that returns the `Change` that redoes it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    nodes: Vec<(String, Option<Node>)>,
    links: Vec<(LinkId, Option<Link>)>,
    era: Option<Era>,
    next_link: Option<u32>,
    pool: Option<Vec<IpNet>>,
    /// A short description of the edit, for status lines and undo menus.
    pub summary: String,
}

impl Change {
    /// Names of the nodes the edit touched.
    pub fn touched_nodes(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().map(|(n, _)| n.as_str())
    }

    /// Ids of the links the edit touched.
    pub fn touched_links(&self) -> impl Iterator<Item = LinkId> + '_ {
        self.links.iter().map(|(id, _)| *id)
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
    /// Applies `edit` whole, or changes nothing and says why.
    ///
    /// # Examples
    /// ```
    /// use vnetsketch_model::{Design, parse_line};
    /// let mut d = Design::default();
    /// let edit = parse_line("vnet hub 10.0.0.0/16").unwrap().unwrap();
    /// let change = d.apply(&edit).unwrap();
    /// assert!(d.vnet("hub").is_some());
    /// d.revert(change);
    /// assert!(d.vnet("hub").is_none());
    /// ```
    pub fn apply(&mut self, edit: &Edit) -> Result<Change, EditError> {
        let mut tx = tx::Tx::new(self);
        match ops::apply_in(&mut tx, edit) {
            Ok(summary) => {
                let mut change = tx.finish();
                change.summary = summary;
                Ok(change)
            }
            Err(e) => {
                tx.rollback();
                Err(e)
            }
        }
    }

    /// Restores what `change` recorded (undo) and returns the change that puts it back (redo).
    pub fn revert(&mut self, change: Change) -> Change {
        let redo = Change {
            nodes: change
                .nodes
                .iter()
                .map(|(name, _)| (name.clone(), self.node(name).cloned()))
                .collect(),
            links: change
                .links
                .iter()
                .map(|(id, _)| (*id, self.link(*id).cloned()))
                .collect(),
            era: change.era.map(|_| self.era),
            next_link: change.next_link.map(|_| self.next_link()),
            pool: change.pool.as_ref().map(|_| self.pool_set().to_vec()),
            summary: change.summary.clone(),
        };
        self.restore(change);
        redo
    }

    /// Puts back every prior value `change` recorded, the latest recorded first.
    fn restore(&mut self, change: Change) {
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

#[cfg(test)]
mod duplicate_tests;
#[cfg(test)]
mod tests;
