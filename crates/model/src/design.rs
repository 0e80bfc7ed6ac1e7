//! The design aggregate: nodes (VNets, sites, user groups), links and the catalog era.
//!
//! Nodes are keyed by their name, unique across all three kinds. Links have a [`LinkId`] that is stable
//! for the life of a design in memory (files store links in order; ids are given on load).
//!
//! The node and link types (modules `design/node.rs` and `design/link.rs`, re-exported here) are plain
//! data with public fields, so validation, the estimate and the views read them directly. The
//! [`Design`] itself keeps its invariants by its API: its nodes and links are read through
//! [`Design::nodes`] and [`Design::links`], and change only inside the model:
//! - through [`Design::apply`] (the edits, [`crate::edit`]), which keeps names unique and valid, links
//!   between existing nodes of the kinds their kind needs (a VNet at `a`), and records undo information;
//! - through the loader ([`crate::format`]), which refuses duplicate or invalid names but keeps a link
//!   that names a missing node (validation reports it as a finding instead of refusing the file);
//! - through the generator ([`crate::generate`]).

use std::collections::BTreeMap;

use std::net::Ipv4Addr;

use ipnet::{IpNet, Ipv4Net};

mod link;
mod node;
mod origin;
mod ranks;

pub use link::{Link, LinkId, LinkKind};
pub use node::{Circuit, ErGateway, Node, NodeKind, Pos, Protocol, Site, Subnet, Users, Vnet, VpnGateway, VpnType};
pub(crate) use origin::is_date as origin_date_ok;
pub use origin::{Origin, OriginKind};
pub(crate) use ranks::{NameIndex, Ranks};

use crate::sku::Era;

/// The pool `auto/N` takes VNet, site and P2S space from when the design sets none: 10.0.0.0/8.
pub const DEFAULT_POOL: [IpNet; 1] = [IpNet::V4(Ipv4Net::new_assert(Ipv4Addr::new(10, 0, 0, 0), 8))];

/// A whole design.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Design {
    /// The catalog era the design is drawn against.
    pub era: Era,
    /// Where the design came from when it was not drawn in the tool (an import from Azure: the
    /// estate exists); `None` for a drawn design.
    pub origin: Option<Origin>,
    /// Nodes by unique name; each key is its node's name.
    nodes: BTreeMap<String, Node>,
    /// Links by id, in creation order.
    links: BTreeMap<LinkId, Link>,
    /// The next link id to hand out.
    next_link: u32,
    /// The pool `auto/N` takes space from, as set (`set design pool=`); empty for the default.
    pool: Vec<IpNet>,
    /// Node positions in name order and the links' ends as positions, for the analysis's index:
    /// built on first use, then kept up to date by every change below (`design/ranks.rs`).
    ranks: ranks::RankCache,
}

impl Design {
    /// An empty design drawn against `era`.
    pub fn new(era: Era) -> Design {
        Design {
            era,
            ..Design::default()
        }
    }

    /// `true` when the design was imported from an estate that exists ([`OriginKind::Imported`]).
    pub fn is_imported(&self) -> bool {
        self.origin.as_ref().is_some_and(|o| o.kind == OriginKind::Imported)
    }

    /// Every node, by name (read-only: edits go through [`Design::apply`]).
    pub fn nodes(&self) -> &BTreeMap<String, Node> {
        &self.nodes
    }

    /// Every link, by id in creation order (read-only: edits go through [`Design::apply`]).
    pub fn links(&self) -> &BTreeMap<LinkId, Link> {
        &self.links
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

    /// The names of the pinned nodes (a layout keeps them where they are), in name order.
    pub fn pinned_names(&self) -> Vec<String> {
        self.nodes
            .values()
            .filter(|n| n.pinned())
            .map(|n| n.name().to_owned())
            .collect()
    }

    /// Where a new node is wished: the next cell of a grid, left to right, top to bottom, that no
    /// node sits at. The edit then puts the node at the nearest place to it where its box keeps the
    /// margin from every other box (`edit/place.rs`).
    pub fn free_pos(&self) -> Pos {
        const COL: i32 = 23;
        const ROW: i32 = 8;
        const PER_ROW: i32 = 3;
        // n nodes take at most n cells, so one of the first n + 1 cells is free: mark the cells taken
        // (a node's position is cell i's when it lies on the grid), then take the first one left.
        let n = self.nodes.len();
        let mut taken = vec![false; n + 1];
        for p in self.nodes.values().map(Node::pos) {
            let (col, row) = ((p.x - 2).div_euclid(COL), (p.y - 1).div_euclid(ROW));
            let on_grid = (p.x - 2).rem_euclid(COL) == 0 && (p.y - 1).rem_euclid(ROW) == 0;
            if on_grid && (0..PER_ROW).contains(&col) && row >= 0 {
                let i = row as usize * PER_ROW as usize + col as usize;
                if let Some(t) = taken.get_mut(i) {
                    *t = true;
                }
            }
        }
        let i = taken.iter().position(|t| !t).unwrap_or(n) as i32;
        Pos {
            x: 2 + (i % PER_ROW) * COL,
            y: 1 + (i / PER_ROW) * ROW,
        }
    }

    /// Adds a link as is, without checks, and returns its id. For the loader (which keeps a link
    /// naming a missing node, for validation to report), the generator and tests only: edits add
    /// links through [`Design::apply`].
    pub(crate) fn push_link_unchecked(&mut self, link: Link) -> LinkId {
        let id = LinkId(self.next_link);
        self.next_link += 1;
        self.ranks.link_put(id, Some(&link));
        self.links.insert(id, link);
        id
    }

    /// Inserts a node under its name, without checks, and returns the node it replaced. For the
    /// loader (which refuses duplicate names before calling this), the generator and tests only:
    /// edits add nodes through [`Design::apply`].
    pub(crate) fn insert_node_unchecked(&mut self, node: Node) -> Option<Node> {
        let name = node.name().to_owned();
        if !self.nodes.contains_key(&name) {
            self.ranks.node_adding(&name, &self.nodes, &self.links);
        }
        self.nodes.insert(name, node)
    }

    /// The node called `name`, to change in place (the transaction of [`crate::edit`] only; it records
    /// the prior value first and keeps the name). The node stays filed under `name` whatever its
    /// own name becomes: a rename is a [`Design::put_node`] under the new name.
    pub(crate) fn node_mut(&mut self, name: &str) -> Option<&mut Node> {
        self.nodes.get_mut(name)
    }

    /// Changes link `id` in place with `change` (the transaction of [`crate::edit`] only), and
    /// returns what `change` returns; `None` when there is no such link. The link's ends may change
    /// (a rename rewrites them): they are resolved again after.
    pub(crate) fn with_link<R>(&mut self, id: LinkId, change: impl FnOnce(&mut Link) -> R) -> Option<R> {
        let link = self.links.get_mut(&id)?;
        let out = change(link);
        self.ranks.link_put(id, Some(link));
        Some(out)
    }

    /// Puts `node` under `name`, or removes the node called `name` when `None`: the transaction's
    /// one way to add, remove and restore nodes. `node`'s name is `name`.
    pub(crate) fn put_node(&mut self, name: String, node: Option<Node>) {
        debug_assert!(node.as_ref().is_none_or(|n| n.name() == name));
        match node {
            Some(node) => {
                if !self.nodes.contains_key(&name) {
                    self.ranks.node_adding(&name, &self.nodes, &self.links);
                }
                self.nodes.insert(name, node);
            }
            None => {
                if self.nodes.remove(&name).is_some() {
                    self.ranks.node_removed(&name);
                }
            }
        }
    }

    /// Puts `link` under `id`, or removes link `id` when `None` (the transaction's add, remove, restore).
    pub(crate) fn put_link(&mut self, id: LinkId, link: Option<Link>) {
        self.ranks.link_put(id, link.as_ref());
        match link {
            Some(link) => self.links.insert(id, link),
            None => self.links.remove(&id),
        };
    }

    /// Every node's position in name order and every link's ends as positions: what the analysis's
    /// index reads instead of resolving names (see `design/ranks.rs`). Built on the first call, then
    /// kept up to date by the design's changes.
    pub(crate) fn ranks(&self) -> &Ranks {
        self.ranks.get(&self.nodes, &self.links)
    }

    /// The ranks when an analysis (or anything else) built them: a reader that can do without them
    /// does not build them for one lookup.
    pub(crate) fn ranks_built(&self) -> Option<&Ranks> {
        self.ranks.built()
    }

    /// The position of node `name` in name order (`None`: no such node), as the design keeps it
    /// across edits: a lookup, no walk of the nodes (built on the first call when nothing built it).
    pub fn rank(&self, name: &str) -> Option<u32> {
        self.ranks().of.get(name).copied()
    }

    /// The pool as set: empty when the design uses [`DEFAULT_POOL`] (`Design::pool`, in
    /// [`crate::plan`], gives the pool in force).
    pub fn pool_set(&self) -> &[IpNet] {
        &self.pool
    }

    /// Sets the pool (the transaction, which records the prior pool first, and the loader); the
    /// default pool is kept as "not set", so files that do not set one stay as they were.
    pub(crate) fn set_pool(&mut self, pool: Vec<IpNet>) {
        self.pool = if pool[..] == DEFAULT_POOL[..] { Vec::new() } else { pool };
    }

    /// The id the next new link gets.
    pub(crate) fn next_link(&self) -> u32 {
        self.next_link
    }

    /// Sets the id the next new link gets (the transaction restoring it on undo).
    pub(crate) fn set_next_link(&mut self, next: u32) {
        self.next_link = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first grid cell no node sits at, found by asking each cell in turn (what `free_pos` means).
    fn first_free_cell(d: &Design) -> Pos {
        let taken: std::collections::HashSet<Pos> = d.nodes().values().map(Node::pos).collect();
        (0..=d.nodes().len() as i32)
            .map(|i: i32| Pos {
                x: 2 + (i % 3) * 23,
                y: 1 + (i / 3) * 8,
            })
            .find(|p| !taken.contains(p))
            .unwrap_or_default()
    }

    #[test]
    fn a_new_node_s_wished_place_is_the_first_free_grid_cell() {
        let mut d = Design::default();
        assert_eq!(d.free_pos(), Pos { x: 2, y: 1 });
        // Nodes on the grid's cells, in order and out of it, beside it, off it, to its left.
        let places = [
            (2, 1),
            (25, 1),
            (48, 1),
            (2, 9),
            (71, 1),
            (48, 9),
            (3, 1),
            (2, 2),
            (-21, 1),
            (2, -7),
            (25, 9),
        ];
        for (k, (x, y)) in places.into_iter().enumerate() {
            crate::run_script(&mut d, &format!("vnet n{k} 10.{k}.0.0/16\nmove n{k} {x} {y}")).expect("script");
            assert_eq!(d.free_pos(), first_free_cell(&d), "after a node at {x},{y}");
        }
        let mut g = crate::generate::generate(300, 2);
        assert_eq!(g.free_pos(), first_free_cell(&g));
        g.apply(&crate::Edit::Layout { names: Vec::new() }).expect("layout");
        assert_eq!(g.free_pos(), first_free_cell(&g));
    }

    #[test]
    fn kinds_and_protocols_keep_their_spellings_and_refusals() {
        let kinds: Vec<String> = LinkKind::ALL.iter().map(ToString::to_string).collect();
        assert_eq!(kinds, ["s2s", "p2s", "v2v", "peering", "er"]);
        assert_eq!("PEERING".parse::<LinkKind>(), Ok(LinkKind::Peering));
        assert_eq!(
            "tunnel".parse::<LinkKind>(),
            Err("unknown link kind `tunnel`: expected s2s, p2s, v2v, peering or er".to_owned())
        );
        let protocols: Vec<&str> = Protocol::ALL.iter().map(|p| p.as_str()).collect();
        assert_eq!(protocols, ["sstp", "ikev2", "openvpn"]);
        assert_eq!("OpenVPN".parse::<Protocol>(), Ok(Protocol::OpenVpn));
        assert_eq!(
            "l2tp".parse::<Protocol>(),
            Err("unknown protocol `l2tp`: expected sstp, ikev2 or openvpn".to_owned())
        );
        let nodes: Vec<&str> = [NodeKind::Vnet, NodeKind::Site, NodeKind::Users]
            .into_iter()
            .map(NodeKind::as_str)
            .collect();
        assert_eq!(nodes, ["vnet", "site", "users"]);
        assert_eq!(crate::validate::Severity::Warning.to_string(), "warning");
    }
}
