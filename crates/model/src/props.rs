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
mod value;

pub use design::DESIGN;
pub use link::{ER, P2S, PEERING, S2S, V2V};
pub use node::{SITE, SUBNET, USERS, VNET};
pub use value::{MAX_NAME_LEN, MAX_TEXT_LEN, check_name, check_prefix, parse_prefixes};
pub(crate) use value::{bad_value, check_prefixes};

/// One `key` or `key=value` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prop {
    /// The key.
    pub key: String,
    /// The value; `None` for a bare flag (which means `true`).
    pub value: Option<String>,
}

impl Prop {
    /// `key=value`.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Prop {
        Prop {
            key: key.into(),
            value: Some(value.into()),
        }
    }

    /// A bare flag.
    pub fn flag(key: impl Into<String>) -> Prop {
        Prop {
            key: key.into(),
            value: None,
        }
    }

    /// The value, or `true` for a bare flag.
    pub(crate) fn text(&self) -> &str {
        self.value.as_deref().unwrap_or("true")
    }
}

/// `key=value` as a command line writes it, the value quoted when it needs it
/// ([`crate::command::quote_value`]); a bare flag is its key.
impl std::fmt::Display for Prop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.value {
            Some(v) => write!(f, "{}={}", self.key, crate::command::quote_value(v)),
            None => f.write_str(&self.key),
        }
    }
}

/// The part of its node a property belongs to. The inspector shows the row only while the part
/// exists; setting the key without it is refused, saying how to add the part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// The node (or link, or subnet) itself: always there.
    Nothing,
    /// The VNet's VPN gateway (`gateway VNET vpn SKU` or `vpn-sku=SKU` adds it).
    VpnGateway,
    /// The VNet's ExpressRoute gateway (`gateway VNET er SKU` or `er-sku=SKU` adds it).
    ErGateway,
    /// The site's ExpressRoute circuit (`circuit=MBPS` adds it).
    Circuit,
}

/// The values a property takes, for choosers and completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choices {
    /// Free text: a name, a number, an address.
    Free,
    /// CIDR prefixes, comma-separated, or `auto/N` (the lowest free /N).
    Prefixes,
    /// One of these words (`false`/`true`, the protocols, the generations).
    OneOf(&'static [&'static str]),
    /// `none` (which removes the part) or one of these words (the SKUs).
    NoneOr(&'static [&'static str]),
    /// `none` or one end of the link (the peering's per-side flags).
    LinkEnd,
}

/// `false`, `true`: the choices of every flag.
pub const BOOL: Choices = Choices::OneOf(&["false", "true"]);

impl Choices {
    /// The values to offer; `ends` are the link's ends, for [`Choices::LinkEnd`] (none offered without them).
    pub fn values(self, ends: Option<(&str, &str)>) -> Vec<String> {
        let words: Vec<&str> = match self {
            Choices::Free | Choices::Prefixes => Vec::new(),
            Choices::OneOf(words) => words.to_vec(),
            Choices::NoneOr(words) => std::iter::once("none").chain(words.iter().copied()).collect(),
            Choices::LinkEnd => match ends {
                Some((a, b)) => vec!["none", a, b],
                None => vec!["none"],
            },
        };
        words.into_iter().map(str::to_owned).collect()
    }
}

/// Reads a property of a `T` as text (`none` when unset).
pub type Read<T> = fn(&T) -> String;
/// Parses a property's value and sets it on a `T` in a design of the given era, or says why not.
pub type Write<T> = fn(&mut T, &Prop, Era) -> Result<(), EditError>;

/// One row of a property table: a key of a `T` (a [`Vnet`], a [`Site`], a [`Users`] group, a
/// [`Subnet`] or a [`Link`]).
pub struct Property<T: 'static> {
    /// The key, as `set` takes it.
    pub key: &'static str,
    /// What it is, one line.
    pub doc: &'static str,
    /// The part of the node it belongs to.
    pub needs: Needs,
    /// The values it takes.
    pub choices: Choices,
    /// Its current value as text.
    pub read: Read<T>,
    /// Parse and set.
    pub write: Write<T>,
    /// Whether the inspector shows the row (an older spelling of what other rows show is not shown).
    pub shown: bool,
}

impl<T> Property<T> {
    /// A free-text row of the node itself; [`Property::choices`] and [`Property::needs`] refine it.
    pub(crate) const fn new(key: &'static str, doc: &'static str, read: Read<T>, write: Write<T>) -> Property<T> {
        Property {
            key,
            doc,
            needs: Needs::Nothing,
            choices: Choices::Free,
            read,
            write,
            shown: true,
        }
    }

    /// The row, accepted by `set` and listed in help, but not shown by the inspector (other rows
    /// show what it sets).
    pub(crate) const fn hidden(mut self) -> Property<T> {
        self.shown = false;
        self
    }

    /// The row with `choices`.
    pub(crate) const fn choices(mut self, choices: Choices) -> Property<T> {
        self.choices = choices;
        self
    }

    /// The row, belonging to part `needs`.
    pub(crate) const fn needs(mut self, needs: Needs) -> Property<T> {
        self.needs = needs;
        self
    }

    /// What the row says about its key, whatever the entity.
    pub fn key_doc(&self) -> KeyDoc {
        KeyDoc {
            key: self.key,
            doc: self.doc,
            needs: self.needs,
            choices: self.choices,
        }
    }
}

/// A row of a table without its reader and writer: for help, completion and messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyDoc {
    /// The key.
    pub key: &'static str,
    /// What it is, one line.
    pub doc: &'static str,
    /// The part of the node it belongs to.
    pub needs: Needs,
    /// The values it takes.
    pub choices: Choices,
}

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

/// Sets `field` to a value parsed already: the end of most writers.
#[allow(clippy::unnecessary_wraps)] // the shape of a writer's result, so a row's writer can end with it
fn set<T>(field: &mut T, value: T) -> Result<(), EditError> {
    *field = value;
    Ok(())
}

/// An optional value as text, `none` when unset.
fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "none".to_owned(), |v| v.to_string())
}

#[cfg(test)]
mod tests;
