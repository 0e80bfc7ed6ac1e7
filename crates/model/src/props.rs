//! Node and link properties: one table per node kind ([`VNET`], [`SITE`], [`USERS`], and [`SUBNET`]
//! for a VNet's subnets) and per link kind ([`link_table`]: S2S, P2S, VNet-to-VNet, peering,
//! ExpressRoute). Each row ([`Property`]) has the key, a one-line doc, how to read the value as text,
//! how to parse and set it, and the values a chooser offers.
//!
//! Everything that names a property reads these tables: the command language's `set`, `set-link` and
//! the options of `vnet`/`subnet`/`gateway`/`site`/`users`/`link` (through [`crate::edit`]), the
//! refusals that list the allowed keys, the TUI inspector ([`node_properties`], [`link_properties`]),
//! and anything that completes or documents keys ([`node_keys`], [`link_keys`]). A property added to
//! a table is settable, shown and documented everywhere at once.

use crate::design::{Design, Link, LinkKind, Node, NodeKind, Site, Subnet, Users, Vnet};
use crate::error::EditError;
use crate::sku::Era;

mod design;
mod link;
mod node;
mod row;
mod value;

pub use design::DESIGN;
pub use link::{ER, P2S, PEERING, S2S, V2V};
pub use node::{SITE, SUBNET, USERS, VNET};
pub use row::{BOOL, Choices, KeyDoc, Needs, Property, Read, Write};
pub use value::{MAX_NAME_LEN, MAX_TEXT_LEN, Prop, check_name, check_prefix, parse_prefixes};
pub(crate) use value::{bad_value, check_prefixes};

/// The keys of a node kind, in table order (the part-specific ones included).
pub fn node_keys(kind: NodeKind) -> Vec<KeyDoc> {
    match kind {
        NodeKind::Vnet => docs(VNET),
        NodeKind::Site => docs(SITE),
        NodeKind::Users => docs(USERS),
    }
}

/// The keys of the design itself (`set design KEY=VALUE`).
pub fn design_keys() -> Vec<KeyDoc> {
    docs(DESIGN)
}

/// The keys of a link kind, in table order (none for ExpressRoute).
pub fn link_keys(kind: LinkKind) -> Vec<KeyDoc> {
    docs(link_table(kind))
}

/// The table of a link kind.
pub fn link_table(kind: LinkKind) -> &'static [Property<Link>] {
    match kind {
        LinkKind::S2s => S2S,
        LinkKind::P2s => P2S,
        LinkKind::V2v => V2V,
        LinkKind::Peering => PEERING,
        LinkKind::Er => ER,
    }
}

fn docs<T>(table: &[Property<T>]) -> Vec<KeyDoc> {
    table.iter().map(Property::key_doc).collect()
}

fn keys<T>(table: &'static [Property<T>]) -> impl Iterator<Item = &'static str> {
    table.iter().map(|r| r.key)
}

fn find<T>(table: &'static [Property<T>], key: &str) -> Option<&'static Property<T>> {
    table.iter().find(|r| r.key == key)
}

/// Every link key, each once, in the order of the kinds' tables.
fn all_link_keys() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for kind in LinkKind::ALL {
        for key in keys(link_table(kind)) {
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// Sets `p` on `target` through `table`; a key the table lacks is refused, listing the table's keys
/// as the keys of a `what`.
fn write<T>(table: &'static [Property<T>], what: &str, target: &mut T, p: &Prop, era: Era) -> Result<(), EditError> {
    match find(table, &p.key) {
        Some(row) => (row.write)(target, p, era),
        None => Err(value::unknown_key(p, what, keys(table))),
    }
}

/// Sets `p` on `node` (a rename only renames the node itself: the edit re-keys the design and the links).
pub(crate) fn write_node(node: &mut Node, p: &Prop, era: Era) -> Result<(), EditError> {
    match node {
        Node::Vnet(v) => write(VNET, NodeKind::Vnet.as_str(), v, p, era),
        Node::Site(s) => write(SITE, NodeKind::Site.as_str(), s, p, era),
        Node::Users(u) => write(USERS, NodeKind::Users.as_str(), u, p, era),
    }
}

/// Sets `p` on the design itself.
pub(crate) fn write_design(design: &mut Design, p: &Prop) -> Result<(), EditError> {
    let era = design.era;
    write(DESIGN, "design", design, p, era)
}

/// `true` when `key` of `node` takes prefixes (`prefixes`, a user group's `pool`), which may be `auto/N`.
pub(crate) fn takes_prefixes(node: &Node, key: &str) -> bool {
    let row = match node {
        Node::Vnet(_) => find(VNET, key).map(|r| r.choices),
        Node::Site(_) => find(SITE, key).map(|r| r.choices),
        Node::Users(_) => find(USERS, key).map(|r| r.choices),
    };
    row == Some(Choices::Prefixes)
}

/// Sets `p` on `subnet`.
pub(crate) fn write_subnet(subnet: &mut Subnet, p: &Prop, era: Era) -> Result<(), EditError> {
    write(SUBNET, "subnet", subnet, p, era)
}

/// `KEY@a`/`KEY@b` for a key that names a side of `link` by its VNet (`KEY@hub`): a name that is an
/// end of the link is that end (before the letters `a` and `b`); any other key as it is.
pub(crate) fn side_key(link: &Link, key: &str) -> Result<String, String> {
    let Some((base, side)) = key.split_once('@') else {
        return Ok(key.to_owned());
    };
    let end = if side == link.a {
        "a"
    } else if side == link.b {
        "b"
    } else if side == "a" || side == "b" {
        side
    } else {
        return Err(format!(
            "`@{side}` names no end of this link: write {base}@{} or {base}@{} (or @a, @b)",
            link.a, link.b
        ));
    };
    Ok(format!("{base}@{end}"))
}

/// Sets `p` on `link`: a key of no link kind is refused listing every link key; a key of another
/// kind is refused as not applying to this one. A side may be named by its VNet (`KEY@NAME`).
pub(crate) fn write_link(link: &mut Link, p: &Prop, era: Era) -> Result<(), EditError> {
    let key = side_key(link, &p.key).map_err(|reason| bad_value(&p.key, p.text(), reason))?;
    let Some(row) = find(link_table(link.kind), &key) else {
        if !all_link_keys().contains(&p.key.as_str()) {
            return Err(value::unknown_key(p, "link", all_link_keys()));
        }
        return Err(bad_value(
            &p.key,
            p.text(),
            format!("does not apply to a {} link", link.kind.label()),
        ));
    };
    (row.write)(link, p, era)
}

/// Refuses an option of `gateway VNET vpn|er SKU` that is not a key of that gateway (`needs`),
/// listing the gateway's keys.
pub(crate) fn check_gateway_key(p: &Prop, needs: Needs) -> Result<(), EditError> {
    let part = || VNET.iter().filter(|r| r.needs == needs);
    if part().any(|r| r.key == p.key) {
        Ok(())
    } else {
        Err(value::unknown_key(p, "gateway", part().map(|r| r.key)))
    }
}

/// One editable property and its current value, for inspectors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertyView {
    /// The key, as `set` takes it.
    pub key: &'static str,
    /// The key as the inspector labels it: a side of a link named by its VNet
    /// (`allow-gateway-transit@hub` for `allow-gateway-transit@a`), which `set-link` takes too.
    pub label: String,
    /// What it is, one line.
    pub doc: &'static str,
    /// The current value as text (`none` when unset).
    pub value: String,
    /// The values a chooser may cycle through (empty for free text).
    pub choices: Vec<String>,
}

/// Whether a node's part exists.
trait Parts {
    fn has(&self, needs: Needs) -> bool;
}

impl Parts for Vnet {
    fn has(&self, needs: Needs) -> bool {
        match needs {
            Needs::VpnGateway => self.vpn.is_some(),
            Needs::ErGateway => self.er.is_some(),
            Needs::Nothing | Needs::Circuit => true,
        }
    }
}

impl Parts for Site {
    fn has(&self, needs: Needs) -> bool {
        needs != Needs::Circuit || self.circuit.is_some()
    }
}

impl Parts for Users {
    fn has(&self, _: Needs) -> bool {
        true
    }
}

impl Parts for Design {
    fn has(&self, _: Needs) -> bool {
        true
    }
}

impl Parts for Link {
    fn has(&self, _: Needs) -> bool {
        true
    }
}

fn views<T: Parts>(table: &'static [Property<T>], target: &T, ends: Option<(&str, &str)>) -> Vec<PropertyView> {
    table
        .iter()
        .filter(|row| row.shown && target.has(row.needs))
        .map(|row| PropertyView {
            key: row.key,
            label: label(row.key, ends),
            doc: row.doc,
            value: (row.read)(target),
            choices: row.choices.values(ends),
        })
        .collect()
}

/// `key` with a side suffix (`@a`, `@b`) naming that end of `ends`.
fn label(key: &str, ends: Option<(&str, &str)>) -> String {
    match (key.rsplit_once('@'), ends) {
        (Some((base, "a")), Some((a, _))) => format!("{base}@{a}"),
        (Some((base, "b")), Some((_, b))) => format!("{base}@{b}"),
        _ => key.to_owned(),
    }
}

/// The editable properties of a node with their current values (gateway and circuit keys only where
/// the gateway or the circuit exists).
pub fn node_properties(node: &Node) -> Vec<PropertyView> {
    match node {
        Node::Vnet(v) => views(VNET, v, None),
        Node::Site(s) => views(SITE, s, None),
        Node::Users(u) => views(USERS, u, None),
    }
}

/// The design's own properties (`pool`, `catalog`) with their current values.
pub fn design_properties(design: &Design) -> Vec<PropertyView> {
    views(DESIGN, design, None)
}

/// The editable properties of a link with their current values.
pub fn link_properties(link: &Link) -> Vec<PropertyView> {
    views(link_table(link.kind), link, Some((&link.a, &link.b)))
}

#[cfg(test)]
mod tests;
