//! The one way users change a design: [`Design::apply`] takes an [`Edit`] and either applies all of it
//! and returns a [`Change`] (what to restore to undo it), or changes nothing and returns an [`EditError`].
//!
//! Node and link properties are set by key, with the same keys everywhere: the command language's
//! `set NAME KEY=VALUE`, the options of `vnet`/`site`/`users`/`gateway`/`link`, and the TUI inspector.
//! [`node_properties`] and [`link_properties`] list them with their current values.

use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;

use crate::catalog::Catalog;
use crate::design::{
    Circuit, Design, ErGateway, Link, LinkId, LinkKind, Node, NodeKind, Pos, Protocol, Site, Subnet, Users, Vnet,
    VpnGateway, VpnType,
};
use crate::error::EditError;
use crate::sku::{ErSku, Era, VpnSku};

/// Longest name accepted.
pub const MAX_NAME_LEN: usize = 80;

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
    fn text(&self) -> &str {
        self.value.as_deref().unwrap_or("true")
    }
}

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
    /// `vnet NAME PREFIX[,PREFIX...] [key=value...]`
    AddVnet {
        name: String,
        prefixes: Vec<IpNet>,
        props: Vec<Prop>,
    },
    /// `subnet VNET NAME PREFIX [hosts=N]`: adds the subnet or replaces the one of that name.
    Subnet {
        vnet: String,
        name: String,
        prefix: IpNet,
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
        prefixes: Vec<IpNet>,
        props: Vec<Prop>,
    },
    /// `users NAME POOL clients=N [options]`
    AddUsers {
        name: String,
        pool: IpNet,
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
    /// `set NAME key=value...`
    Set { name: String, props: Vec<Prop> },
    /// `delete NAME`: the node and its links.
    Delete { name: String },
    /// `move NAME X Y`
    Move { name: String, pos: Pos },
    /// `layout [NAME...]`: lays out the design, or only these nodes ([`crate::diagram::layout()`]).
    Layout { names: Vec<String> },
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

    /// `true` when the edit, now applied to `after`, changed nothing but canvas positions. No rule
    /// and no estimate reads a position, so the findings and the estimate from before the edit still
    /// hold: dragging a node across the canvas costs no recomputation (the TUI keeps them).
    pub fn only_moved(&self, after: &Design) -> bool {
        self.links.is_empty()
            && self.era.is_none()
            && self.next_link.is_none()
            && self
                .nodes
                .iter()
                .all(|(name, prior)| match (prior, after.nodes.get(name)) {
                    (Some(prior), Some(now)) => {
                        let mut moved = prior.clone();
                        *moved.pos_mut() = now.pos();
                        moved == *now
                    }
                    _ => false,
                })
    }
}

/// Records prior values, once per entity, while an edit runs.
struct Tx<'d> {
    design: &'d mut Design,
    change: Change,
}

impl Tx<'_> {
    fn save_node(&mut self, name: &str) {
        if !self.change.nodes.iter().any(|(n, _)| n == name) {
            let prior = self.design.nodes.get(name).cloned();
            self.change.nodes.push((name.to_owned(), prior));
        }
    }

    fn save_link(&mut self, id: LinkId) {
        if !self.change.links.iter().any(|(i, _)| *i == id) {
            let prior = self.design.links.get(&id).cloned();
            self.change.links.push((id, prior));
        }
    }

    fn node_mut(&mut self, name: &str) -> Result<&mut Node, EditError> {
        if !self.design.nodes.contains_key(name) {
            return Err(EditError::UnknownNode { name: name.to_owned() });
        }
        self.save_node(name);
        self.design
            .nodes
            .get_mut(name)
            .ok_or_else(|| EditError::UnknownNode { name: name.to_owned() })
    }

    fn vnet_mut(&mut self, name: &str) -> Result<&mut Vnet, EditError> {
        match self.node_mut(name)? {
            Node::Vnet(v) => Ok(v),
            other => Err(wrong_kind(name, NodeKind::Vnet, other.kind())),
        }
    }

    fn insert_node(&mut self, node: Node) -> Result<(), EditError> {
        let name = node.name().to_owned();
        check_name(&name)?;
        if self.design.nodes.contains_key(&name) {
            return Err(EditError::DuplicateName { name });
        }
        self.save_node(&name);
        self.design.nodes.insert(name, node);
        Ok(())
    }

    fn remove_node(&mut self, name: &str) {
        self.save_node(name);
        self.design.nodes.remove(name);
    }

    fn link_mut(&mut self, id: LinkId) -> Result<&mut Link, EditError> {
        if !self.design.links.contains_key(&id) {
            return Err(EditError::UnknownLink { id: id.0 });
        }
        self.save_link(id);
        self.design
            .links
            .get_mut(&id)
            .ok_or(EditError::UnknownLink { id: id.0 })
    }

    fn push_link(&mut self, link: Link) -> LinkId {
        if self.change.next_link.is_none() {
            self.change.next_link = Some(self.design.next_link);
        }
        let id = LinkId(self.design.next_link);
        self.save_link(id);
        self.design.next_link += 1;
        self.design.links.insert(id, link);
        id
    }

    fn remove_link(&mut self, id: LinkId) {
        self.save_link(id);
        self.design.links.remove(&id);
    }

    fn rollback(self) {
        let Tx { design, change } = self;
        design.restore(change);
    }
}

fn wrong_kind(name: &str, expected: NodeKind, found: NodeKind) -> EditError {
    EditError::WrongKind {
        name: name.to_owned(),
        expected,
        found,
    }
}

/// Checks a node name against the command language's `[A-Za-z0-9_.-]+` and the length limit.
pub fn check_name(name: &str) -> Result<(), EditError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'));
    if ok {
        Ok(())
    } else {
        Err(EditError::InvalidName {
            name: name.chars().take(100).collect(),
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
        let mut tx = Tx {
            design: self,
            change: Change::default(),
        };
        match apply_in(&mut tx, edit) {
            Ok(summary) => {
                let mut change = tx.change;
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
        let summary = change.summary.clone();
        let mut redo = Change {
            summary,
            ..Change::default()
        };
        for (name, _) in &change.nodes {
            redo.nodes.push((name.clone(), self.nodes.get(name).cloned()));
        }
        for (id, _) in &change.links {
            redo.links.push((*id, self.links.get(id).cloned()));
        }
        if change.era.is_some() {
            redo.era = Some(self.era);
        }
        if change.next_link.is_some() {
            redo.next_link = Some(self.next_link);
        }
        self.restore(change);
        redo
    }

    fn restore(&mut self, change: Change) {
        for (name, prior) in change.nodes.into_iter().rev() {
            match prior {
                Some(node) => self.nodes.insert(name, node),
                None => self.nodes.remove(&name),
            };
        }
        for (id, prior) in change.links.into_iter().rev() {
            match prior {
                Some(link) => self.links.insert(id, link),
                None => self.links.remove(&id),
            };
        }
        if let Some(era) = change.era {
            self.era = era;
        }
        if let Some(next) = change.next_link {
            self.next_link = next;
        }
    }
}

fn apply_in(tx: &mut Tx<'_>, edit: &Edit) -> Result<String, EditError> {
    match edit {
        Edit::AddVnet { name, prefixes, props } => {
            check_prefixes(prefixes)?;
            let pos = tx.design.free_pos();
            let vnet = Vnet {
                name: name.clone(),
                prefixes: prefixes.clone(),
                region: None,
                subnets: Vec::new(),
                vpn: None,
                er: None,
                classic: false,
                pos,
            };
            tx.insert_node(Node::Vnet(vnet))?;
            set_props(tx, name, props)?;
            Ok(format!("added vnet {name}"))
        }
        Edit::Subnet {
            vnet,
            name,
            prefix,
            props,
        } => {
            check_subnet_name(name)?;
            check_prefix(prefix)?;
            let mut hosts = 0;
            for p in props {
                match p.key.as_str() {
                    "hosts" => hosts = parse_num(p)?,
                    _ => return Err(unknown_key(p, "subnet", &["hosts"])),
                }
            }
            let v = tx.vnet_mut(vnet)?;
            let subnet = Subnet {
                name: name.clone(),
                prefix: *prefix,
                hosts,
            };
            if let Some(s) = v.subnets.iter_mut().find(|s| s.name == *name) {
                *s = subnet;
                Ok(format!("changed subnet {vnet}/{name}"))
            } else {
                v.subnets.push(subnet);
                Ok(format!("added subnet {vnet}/{name}"))
            }
        }
        Edit::RemoveSubnet { vnet, name } => {
            let v = tx.vnet_mut(vnet)?;
            let before = v.subnets.len();
            v.subnets.retain(|s| s.name != *name);
            if v.subnets.len() == before {
                return Err(EditError::UnknownSubnet {
                    vnet: vnet.clone(),
                    name: name.clone(),
                });
            }
            Ok(format!("deleted subnet {vnet}/{name}"))
        }
        Edit::Gateway { vnet, kind, sku, props } => {
            let era = tx.design.era;
            let catalog = Catalog::get(era);
            let summary = match kind {
                GatewayKind::Vpn => {
                    let sku: VpnSku = sku.parse().map_err(|reason| bad_value("sku", sku, reason))?;
                    let generation = catalog.default_generation(sku);
                    let gw = VpnGateway {
                        sku,
                        vpn_type: VpnType::RouteBased,
                        active_active: false,
                        asn: None,
                        generation,
                        nat_rules: 0,
                        apipa: None,
                    };
                    tx.vnet_mut(vnet)?.vpn = Some(gw);
                    format!("{vnet}: VPN gateway {sku}")
                }
                GatewayKind::Er => {
                    let sku: ErSku = sku.parse().map_err(|reason| bad_value("sku", sku, reason))?;
                    tx.vnet_mut(vnet)?.er = Some(ErGateway {
                        sku,
                        fastpath: false,
                        units: 1,
                    });
                    format!("{vnet}: ExpressRoute gateway {sku}")
                }
            };
            for p in props {
                let allowed = match kind {
                    GatewayKind::Vpn => VPN_GATEWAY_KEYS,
                    GatewayKind::Er => ER_GATEWAY_KEYS,
                };
                if !allowed.contains(&p.key.as_str()) {
                    return Err(unknown_key(p, "gateway", allowed));
                }
            }
            set_props(tx, vnet, props)?;
            Ok(summary)
        }
        Edit::RemoveGateway { vnet, kind } => {
            let v = tx.vnet_mut(vnet)?;
            let removed = match kind {
                GatewayKind::Vpn => v.vpn.take().is_some(),
                GatewayKind::Er => v.er.take().is_some(),
            };
            if !removed {
                return Err(EditError::NoGateway {
                    vnet: vnet.clone(),
                    kind: gateway_word(*kind),
                });
            }
            Ok(format!("{vnet}: removed {} gateway", gateway_word(*kind)))
        }
        Edit::AddSite { name, prefixes, props } => {
            check_prefixes(prefixes)?;
            let pos = tx.design.free_pos();
            let site = Site {
                name: name.clone(),
                prefixes: prefixes.clone(),
                ip: None,
                behind_nat: false,
                asn: None,
                bgp_ip: None,
                advertised: 0,
                uplink_mbps: None,
                circuit: None,
                pos,
            };
            tx.insert_node(Node::Site(site))?;
            set_props(tx, name, props)?;
            Ok(format!("added site {name}"))
        }
        Edit::AddUsers { name, pool, props } => {
            check_prefix(pool)?;
            let pos = tx.design.free_pos();
            let users = Users {
                name: name.clone(),
                pool: *pool,
                clients: 0,
                protocol: Protocol::default(),
                radius: false,
                source_ip: None,
                pos,
            };
            tx.insert_node(Node::Users(users))?;
            set_props(tx, name, props)?;
            Ok(format!("added users {name}"))
        }
        Edit::Link { kind, a, b, props } => {
            check_link_ends(tx.design, *kind, a, b)?;
            let id = tx.push_link(Link::new(*kind, a.clone(), b.clone()));
            set_link_props(tx, id, props)?;
            Ok(format!("linked {kind} {a} {b}"))
        }
        Edit::SetLink { id, props } => {
            tx.link_mut(*id)?;
            set_link_props(tx, *id, props)?;
            let desc = tx.design.links.get(id).map(Link::describe).unwrap_or_default();
            Ok(format!("changed {desc}"))
        }
        Edit::Unlink { kind, a, b } => {
            let ids = links_between(tx.design, *kind, a, b)?;
            for id in &ids {
                tx.remove_link(*id);
            }
            Ok(format!("removed {} {kind} link(s) {a} {b}", ids.len()))
        }
        Edit::SetLinks { kind, a, b, props } => {
            let ids = links_between(tx.design, *kind, a, b)?;
            for id in &ids {
                set_link_props(tx, *id, props)?;
            }
            Ok(format!("changed {} {kind} link(s) {a} {b}", ids.len()))
        }
        Edit::RemoveLink { id } => {
            let desc = tx
                .design
                .links
                .get(id)
                .map(Link::describe)
                .ok_or(EditError::UnknownLink { id: id.0 })?;
            tx.remove_link(*id);
            Ok(format!("removed {desc}"))
        }
        Edit::Set { name, props } => {
            tx.node_mut(name)?;
            set_props(tx, name, props)?;
            let keys: Vec<&str> = props.iter().map(|p| p.key.as_str()).collect();
            Ok(format!("set {} on {name}", keys.join(", ")))
        }
        Edit::Delete { name } => {
            if let Some((vnet, subnet)) = name.split_once('/') {
                return apply_in(
                    tx,
                    &Edit::RemoveSubnet {
                        vnet: vnet.to_owned(),
                        name: subnet.to_owned(),
                    },
                );
            }
            tx.node_mut(name)?;
            let ids: Vec<LinkId> = tx.design.links_of(name).map(|(id, _)| id).collect();
            for id in &ids {
                tx.remove_link(*id);
            }
            tx.remove_node(name);
            Ok(format!("deleted {name} and {} link(s)", ids.len()))
        }
        Edit::Move { name, pos } => {
            *tx.node_mut(name)?.pos_mut() = *pos;
            Ok(format!("moved {name} to {} {}", pos.x, pos.y))
        }
        Edit::Layout { names } => {
            if let Some(missing) = names.iter().find(|n| tx.design.node(n).is_none()) {
                return Err(EditError::UnknownNode { name: missing.clone() });
            }
            let options = crate::diagram::LayoutOptions {
                only: names,
                ..crate::diagram::LayoutOptions::default()
            };
            let placed = crate::diagram::layout(tx.design, &options);
            for (name, pos) in &placed.moves {
                *tx.node_mut(name)?.pos_mut() = *pos;
            }
            Ok(format!("laid out {} node(s)", placed.moves.len()))
        }
        Edit::Catalog { era } => {
            tx.change.era = Some(tx.design.era);
            tx.design.era = *era;
            Ok(format!("catalog {era}"))
        }
    }
}

fn gateway_word(kind: GatewayKind) -> &'static str {
    match kind {
        GatewayKind::Vpn => "VPN",
        GatewayKind::Er => "ExpressRoute",
    }
}

fn check_link_ends(design: &Design, kind: LinkKind, a: &str, b: &str) -> Result<(), EditError> {
    if a == b {
        return Err(EditError::LinkRefused {
            reason: format!("a {kind} link needs two different ends, not {a} twice"),
        });
    }
    let na = design
        .node(a)
        .ok_or_else(|| EditError::UnknownNode { name: a.to_owned() })?;
    let nb = design
        .node(b)
        .ok_or_else(|| EditError::UnknownNode { name: b.to_owned() })?;
    if na.kind() != NodeKind::Vnet {
        return Err(EditError::LinkRefused {
            reason: format!("a {} link starts at a VNet; {a} is a {}", kind.label(), na.kind()),
        });
    }
    if nb.kind() != kind.b_kind() {
        return Err(EditError::LinkRefused {
            reason: format!(
                "a {} link goes from a VNet to a {}; {b} is a {}",
                kind.label(),
                kind.b_kind(),
                nb.kind()
            ),
        });
    }
    if kind == LinkKind::Peering
        && design
            .links
            .values()
            .any(|l| l.kind == LinkKind::Peering && ((l.a == a && l.b == b) || (l.a == b && l.b == a)))
    {
        return Err(EditError::LinkRefused {
            reason: format!("{a} and {b} are already peered"),
        });
    }
    if kind == LinkKind::P2s && design.links.values().any(|l| l.kind == LinkKind::P2s && l.b == b) {
        return Err(EditError::LinkRefused {
            reason: format!("user group {b} already has a Point-to-Site link"),
        });
    }
    Ok(())
}

fn check_prefixes(prefixes: &[IpNet]) -> Result<(), EditError> {
    if prefixes.is_empty() {
        return Err(EditError::BadValue {
            key: "prefixes".into(),
            value: String::new(),
            reason: "at least one prefix is needed".into(),
        });
    }
    prefixes.iter().try_for_each(check_prefix)
}

/// Refuses a prefix with host bits set (`10.0.0.1/16`), naming the network it probably meant.
pub fn check_prefix(prefix: &IpNet) -> Result<(), EditError> {
    if prefix.trunc() == *prefix {
        Ok(())
    } else {
        Err(EditError::HostBits {
            prefix: prefix.to_string(),
            network: prefix.trunc().to_string(),
        })
    }
}

fn check_subnet_name(name: &str) -> Result<(), EditError> {
    check_name(name)
}

/// Parses `10.0.0.0/16,10.1.0.0/16` into prefixes, refusing host bits.
pub fn parse_prefixes(text: &str) -> Result<Vec<IpNet>, String> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let net: IpNet = part
            .parse()
            .map_err(|_| format!("`{part}` is not a CIDR prefix (expected e.g. 10.0.0.0/16 or fd00::/48)"))?;
        if net.trunc() != net {
            return Err(format!("`{part}` has host bits set; did you mean {}?", net.trunc()));
        }
        out.push(net);
    }
    Ok(out)
}

fn bad_value(key: &str, value: &str, reason: impl Into<String>) -> EditError {
    EditError::BadValue {
        key: key.to_owned(),
        value: value.to_owned(),
        reason: reason.into(),
    }
}

fn unknown_key(p: &Prop, what: &str, allowed: &[&str]) -> EditError {
    EditError::UnknownKey {
        key: p.key.clone(),
        what: what.to_owned(),
        allowed: allowed.join(", "),
    }
}

fn parse_bool(p: &Prop) -> Result<bool, EditError> {
    match p.text().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Ok(true),
        "false" | "no" | "off" | "0" => Ok(false),
        other => Err(bad_value(&p.key, other, "expected true or false")),
    }
}

fn parse_num<T: std::str::FromStr>(p: &Prop) -> Result<T, EditError> {
    let text = p
        .value
        .as_deref()
        .ok_or_else(|| bad_value(&p.key, "", "expected a number, as key=N"))?;
    text.parse()
        .map_err(|_| bad_value(&p.key, text, "expected a whole number"))
}

fn parse_opt_num<T: std::str::FromStr>(p: &Prop) -> Result<Option<T>, EditError> {
    if is_none(p) { Ok(None) } else { parse_num(p).map(Some) }
}

fn parse_value<T: std::str::FromStr>(p: &Prop, what: &str) -> Result<T, EditError> {
    let text = p
        .value
        .as_deref()
        .ok_or_else(|| bad_value(&p.key, "", format!("expected {what}, as key=VALUE")))?;
    text.parse()
        .map_err(|_| bad_value(&p.key, text, format!("expected {what}")))
}

fn is_none(p: &Prop) -> bool {
    matches!(p.value.as_deref(), Some(v) if v.eq_ignore_ascii_case("none") || v.is_empty())
}

fn text_value(p: &Prop) -> Result<Option<String>, EditError> {
    if is_none(p) {
        return Ok(None);
    }
    let v = p
        .value
        .clone()
        .ok_or_else(|| bad_value(&p.key, "", "expected a value, as key=VALUE"))?;
    check_name(&v).map_err(|_| bad_value(&p.key, &v, "expected letters, digits, `_`, `.` or `-`"))?;
    Ok(Some(v))
}

/// Keys of a VNet (its gateways' included).
pub const VNET_KEYS: &[&str] = &[
    "name",
    "prefixes",
    "region",
    "classic",
    "vpn-sku",
    "policy-based",
    "active-active",
    "asn",
    "generation",
    "nat-rules",
    "apipa",
    "er-sku",
    "fastpath",
    "units",
];
const VPN_GATEWAY_KEYS: &[&str] = &[
    "policy-based",
    "active-active",
    "asn",
    "generation",
    "nat-rules",
    "apipa",
];
const ER_GATEWAY_KEYS: &[&str] = &["fastpath", "units"];
/// Keys of a site.
pub const SITE_KEYS: &[&str] = &[
    "name",
    "prefixes",
    "ip",
    "behind-nat",
    "asn",
    "bgp-ip",
    "advertised",
    "uplink",
    "circuit",
    "location",
    "premium",
    "direct",
];
/// Keys of a user group.
pub const USERS_KEYS: &[&str] = &["name", "pool", "clients", "protocol", "radius", "source-ip"];
/// Keys of a link.
pub const LINK_KEYS: &[&str] = &[
    "bgp",
    "custom-ipsec",
    "nat",
    "allow-gateway-transit",
    "use-remote-gateways",
    "forwarded-traffic",
    "one-sided",
];

fn set_props(tx: &mut Tx<'_>, name: &str, props: &[Prop]) -> Result<(), EditError> {
    let mut name = name.to_owned();
    for p in props {
        if p.key == "name" {
            name = rename(tx, &name, p)?;
            continue;
        }
        let era = tx.design.era;
        match tx.node_mut(&name)? {
            Node::Vnet(v) => set_vnet_prop(v, p, era)?,
            Node::Site(s) => set_site_prop(s, p)?,
            Node::Users(u) => set_users_prop(u, p)?,
        }
    }
    Ok(())
}

fn rename(tx: &mut Tx<'_>, old: &str, p: &Prop) -> Result<String, EditError> {
    let new = p
        .value
        .clone()
        .ok_or_else(|| bad_value("name", "", "expected name=NEW"))?;
    if new == old {
        return Ok(new);
    }
    check_name(&new)?;
    if tx.design.nodes.contains_key(&new) {
        return Err(EditError::DuplicateName { name: new });
    }
    let mut node = tx.node_mut(old)?.clone();
    node.set_name(new.clone());
    tx.remove_node(old);
    tx.save_node(&new);
    tx.design.nodes.insert(new.clone(), node);
    let ids: Vec<LinkId> = tx.design.links_of(old).map(|(id, _)| id).collect();
    for id in ids {
        let link = tx.link_mut(id)?;
        if link.a == old {
            link.a.clone_from(&new);
        }
        if link.b == old {
            link.b.clone_from(&new);
        }
    }
    Ok(new)
}

fn vpn_mut<'v>(v: &'v mut Vnet, p: &Prop) -> Result<&'v mut VpnGateway, EditError> {
    let name = v.name.clone();
    v.vpn.as_mut().ok_or_else(|| EditError::NeedsGateway {
        vnet: name,
        key: p.key.clone(),
        kind: "vpn",
    })
}

fn er_mut<'v>(v: &'v mut Vnet, p: &Prop) -> Result<&'v mut ErGateway, EditError> {
    let name = v.name.clone();
    v.er.as_mut().ok_or_else(|| EditError::NeedsGateway {
        vnet: name,
        key: p.key.clone(),
        kind: "er",
    })
}

fn set_vnet_prop(v: &mut Vnet, p: &Prop, era: Era) -> Result<(), EditError> {
    match p.key.as_str() {
        "prefixes" => {
            let text = p.value.as_deref().unwrap_or("");
            v.prefixes = parse_prefixes(text).map_err(|r| bad_value("prefixes", text, r))?;
        }
        "region" => v.region = text_value(p)?,
        "classic" => v.classic = parse_bool(p)?,
        "vpn-sku" => {
            if is_none(p) {
                v.vpn = None;
            } else {
                let sku: VpnSku = parse_sku(p)?;
                match v.vpn.as_mut() {
                    Some(gw) => {
                        gw.sku = sku;
                        if Catalog::get(era).vpn(sku, gw.generation).is_none() {
                            gw.generation = Catalog::get(era).default_generation(sku);
                        }
                    }
                    None => {
                        v.vpn = Some(VpnGateway {
                            sku,
                            vpn_type: VpnType::RouteBased,
                            active_active: false,
                            asn: None,
                            generation: Catalog::get(era).default_generation(sku),
                            nat_rules: 0,
                            apipa: None,
                        });
                    }
                }
            }
        }
        "policy-based" => {
            let pb = parse_bool(p)?;
            vpn_mut(v, p)?.vpn_type = if pb { VpnType::PolicyBased } else { VpnType::RouteBased };
        }
        "active-active" => vpn_mut(v, p)?.active_active = parse_bool(p)?,
        "asn" => {
            let asn = parse_opt_num(p)?;
            vpn_mut(v, p)?.asn = asn;
        }
        "generation" => {
            let g: u8 = parse_num(p)?;
            if !matches!(g, 1 | 2) {
                return Err(bad_value("generation", &g.to_string(), "expected 1 or 2"));
            }
            vpn_mut(v, p)?.generation = g;
        }
        "nat-rules" => {
            let n = parse_num(p)?;
            vpn_mut(v, p)?.nat_rules = n;
        }
        "apipa" => {
            let ip: Option<Ipv4Addr> = if is_none(p) {
                None
            } else {
                Some(parse_value(p, "an IPv4 address")?)
            };
            vpn_mut(v, p)?.apipa = ip;
        }
        "er-sku" => {
            if is_none(p) {
                v.er = None;
            } else {
                let sku: ErSku = parse_sku(p)?;
                match v.er.as_mut() {
                    Some(gw) => gw.sku = sku,
                    None => {
                        v.er = Some(ErGateway {
                            sku,
                            fastpath: false,
                            units: 1,
                        });
                    }
                }
            }
        }
        "fastpath" => er_mut(v, p)?.fastpath = parse_bool(p)?,
        "units" => {
            let n: u32 = parse_num(p)?;
            if n == 0 {
                return Err(bad_value("units", "0", "expected at least 1 scale unit"));
            }
            er_mut(v, p)?.units = n;
        }
        _ => return Err(unknown_key(p, "vnet", VNET_KEYS)),
    }
    Ok(())
}

fn parse_sku<T: std::str::FromStr<Err = String>>(p: &Prop) -> Result<T, EditError> {
    let text = p.value.as_deref().unwrap_or("");
    text.parse().map_err(|reason: String| bad_value(&p.key, text, reason))
}

fn set_site_prop(s: &mut Site, p: &Prop) -> Result<(), EditError> {
    match p.key.as_str() {
        "prefixes" => {
            let text = p.value.as_deref().unwrap_or("");
            s.prefixes = parse_prefixes(text).map_err(|r| bad_value("prefixes", text, r))?;
        }
        "ip" => {
            s.ip = if is_none(p) {
                None
            } else {
                Some(parse_value(p, "a public IPv4 address")?)
            }
        }
        "behind-nat" => s.behind_nat = parse_bool(p)?,
        "asn" => s.asn = parse_opt_num(p)?,
        "bgp-ip" => {
            s.bgp_ip = if is_none(p) {
                None
            } else {
                Some(parse_value::<IpAddr>(p, "an IP address")?)
            }
        }
        "advertised" => s.advertised = parse_num(p)?,
        "uplink" => s.uplink_mbps = parse_opt_num(p)?,
        "circuit" => match parse_opt_num(p)? {
            None => s.circuit = None,
            Some(mbps) => match s.circuit.as_mut() {
                Some(c) => c.mbps = mbps,
                None => {
                    s.circuit = Some(Circuit {
                        mbps,
                        location: None,
                        premium: false,
                        direct: false,
                    });
                }
            },
        },
        "location" => circuit_mut(s, p)?.location = text_value(p)?,
        "premium" => circuit_mut(s, p)?.premium = parse_bool(p)?,
        "direct" => circuit_mut(s, p)?.direct = parse_bool(p)?,
        _ => return Err(unknown_key(p, "site", SITE_KEYS)),
    }
    Ok(())
}

fn circuit_mut<'s>(s: &'s mut Site, p: &Prop) -> Result<&'s mut Circuit, EditError> {
    let name = s.name.clone();
    s.circuit.as_mut().ok_or_else(|| EditError::NeedsCircuit {
        site: name,
        key: p.key.clone(),
    })
}

fn set_users_prop(u: &mut Users, p: &Prop) -> Result<(), EditError> {
    match p.key.as_str() {
        "pool" => {
            let text = p.value.as_deref().unwrap_or("");
            let nets = parse_prefixes(text).map_err(|r| bad_value("pool", text, r))?;
            match nets.as_slice() {
                [one] => u.pool = *one,
                _ => return Err(bad_value("pool", text, "expected one prefix")),
            }
        }
        "clients" => u.clients = parse_num(p)?,
        "protocol" => {
            let text = p.value.as_deref().unwrap_or("");
            u.protocol = text.parse().map_err(|r: String| bad_value("protocol", text, r))?;
        }
        "radius" => u.radius = parse_bool(p)?,
        "source-ip" => {
            u.source_ip = if is_none(p) {
                None
            } else {
                Some(parse_value(p, "a public IPv4 address")?)
            }
        }
        _ => return Err(unknown_key(p, "users", USERS_KEYS)),
    }
    Ok(())
}

/// The links of `kind` between `a` and `b` (either way round); an error when there is none.
fn links_between(design: &Design, kind: LinkKind, a: &str, b: &str) -> Result<Vec<LinkId>, EditError> {
    let ids: Vec<LinkId> = design
        .links
        .iter()
        .filter(|(_, l)| l.kind == kind && ((l.a == a && l.b == b) || (l.a == b && l.b == a)))
        .map(|(id, _)| *id)
        .collect();
    if ids.is_empty() {
        return Err(EditError::NoSuchLink {
            kind,
            a: a.to_owned(),
            b: b.to_owned(),
        });
    }
    Ok(ids)
}

fn set_link_props(tx: &mut Tx<'_>, id: LinkId, props: &[Prop]) -> Result<(), EditError> {
    for p in props {
        let link = tx.link_mut(id)?;
        let kind = link.kind;
        let applies = match p.key.as_str() {
            "bgp" | "custom-ipsec" => matches!(kind, LinkKind::S2s | LinkKind::V2v),
            "nat" => matches!(kind, LinkKind::S2s | LinkKind::V2v | LinkKind::P2s),
            "allow-gateway-transit" | "use-remote-gateways" | "forwarded-traffic" | "one-sided" => {
                kind == LinkKind::Peering
            }
            _ => return Err(unknown_key(p, "link", LINK_KEYS)),
        };
        if !applies {
            return Err(bad_value(
                &p.key,
                p.text(),
                format!("does not apply to a {} link", kind.label()),
            ));
        }
        match p.key.as_str() {
            "bgp" => link.bgp = parse_bool(p)?,
            "custom-ipsec" => link.custom_ipsec = parse_bool(p)?,
            "nat" => link.nat = parse_bool(p)?,
            "forwarded-traffic" => link.forwarded_traffic = parse_bool(p)?,
            "one-sided" => link.one_sided = parse_bool(p)?,
            key => {
                // allow-gateway-transit=VNET / use-remote-gateways=VNET sets the flag on that VNet's side;
                // `none` clears both sides.
                let side = p
                    .value
                    .as_deref()
                    .ok_or_else(|| bad_value(key, "", "expected the VNet's name, as key=VNET"))?;
                let clear = side.eq_ignore_ascii_case("none");
                let (on_a, on_b) = (side == link.a, side == link.b);
                if !clear && !on_a && !on_b {
                    return Err(bad_value(
                        key,
                        side,
                        format!("expected {} or {} (an end of this peering), or none", link.a, link.b),
                    ));
                }
                let (fa, fb) = if key == "allow-gateway-transit" {
                    (&mut link.a_allow_transit, &mut link.b_allow_transit)
                } else {
                    (&mut link.a_use_remote, &mut link.b_use_remote)
                };
                if clear {
                    (*fa, *fb) = (false, false);
                } else {
                    *fa |= on_a;
                    *fb |= on_b;
                }
            }
        }
    }
    Ok(())
}

/// One editable property and its current value, for inspectors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertyView {
    /// The key, as `set` takes it.
    pub key: &'static str,
    /// The current value as text (`none` when unset).
    pub value: String,
    /// The values a chooser may cycle through (empty for free text).
    pub choices: Vec<String>,
}

#[allow(clippy::needless_pass_by_value)]
fn pv(key: &'static str, value: impl ToString, choices: &[&str]) -> PropertyView {
    PropertyView {
        key,
        value: value.to_string(),
        choices: choices.iter().map(|c| (*c).to_owned()).collect(),
    }
}

fn opt<T: ToString>(v: Option<&T>) -> String {
    v.map_or_else(|| "none".to_owned(), ToString::to_string)
}

fn join(prefixes: &[IpNet]) -> String {
    prefixes.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

const BOOL: &[&str] = &["false", "true"];

/// The editable properties of a node with their current values (gateway keys only where the gateway exists).
pub fn node_properties(node: &Node) -> Vec<PropertyView> {
    let vpn_skus: Vec<&str> = std::iter::once("none")
        .chain(VpnSku::ALL.iter().map(|s| s.as_str()))
        .collect();
    let er_skus: Vec<&str> = std::iter::once("none")
        .chain(ErSku::ALL.iter().map(|s| s.as_str()))
        .collect();
    match node {
        Node::Vnet(v) => {
            let mut out = vec![
                pv("name", &v.name, &[]),
                pv("prefixes", join(&v.prefixes), &[]),
                pv("region", opt(v.region.as_ref()), &[]),
                pv("classic", v.classic, BOOL),
                pv("vpn-sku", opt(v.vpn.as_ref().map(|g| g.sku).as_ref()), &vpn_skus),
            ];
            if let Some(g) = &v.vpn {
                out.push(pv("policy-based", g.vpn_type == VpnType::PolicyBased, BOOL));
                out.push(pv("active-active", g.active_active, BOOL));
                out.push(pv("asn", opt(g.asn.as_ref()), &[]));
                out.push(pv("generation", g.generation, &["1", "2"]));
                out.push(pv("nat-rules", g.nat_rules, &[]));
                out.push(pv("apipa", opt(g.apipa.as_ref()), &[]));
            }
            out.push(pv("er-sku", opt(v.er.as_ref().map(|g| g.sku).as_ref()), &er_skus));
            if let Some(g) = &v.er {
                out.push(pv("fastpath", g.fastpath, BOOL));
                out.push(pv("units", g.units, &[]));
            }
            out
        }
        Node::Site(s) => {
            let mut out = vec![
                pv("name", &s.name, &[]),
                pv("prefixes", join(&s.prefixes), &[]),
                pv("ip", opt(s.ip.as_ref()), &[]),
                pv("behind-nat", s.behind_nat, BOOL),
                pv("asn", opt(s.asn.as_ref()), &[]),
                pv("bgp-ip", opt(s.bgp_ip.as_ref()), &[]),
                pv("advertised", s.advertised, &[]),
                pv("uplink", opt(s.uplink_mbps.as_ref()), &[]),
                pv("circuit", opt(s.circuit.as_ref().map(|c| c.mbps).as_ref()), &[]),
            ];
            if let Some(c) = &s.circuit {
                out.push(pv("location", opt(c.location.as_ref()), &[]));
                out.push(pv("premium", c.premium, BOOL));
                out.push(pv("direct", c.direct, BOOL));
            }
            out
        }
        Node::Users(u) => vec![
            pv("name", &u.name, &[]),
            pv("pool", u.pool, &[]),
            pv("clients", u.clients, &[]),
            pv("protocol", u.protocol, &["sstp", "ikev2", "openvpn"]),
            pv("radius", u.radius, BOOL),
            pv("source-ip", opt(u.source_ip.as_ref()), &[]),
        ],
    }
}

/// The editable properties of a link with their current values.
pub fn link_properties(link: &Link) -> Vec<PropertyView> {
    let side = |a: bool, b: bool| match (a, b) {
        (true, true) => format!("{}+{}", link.a, link.b),
        (true, false) => link.a.clone(),
        (false, true) => link.b.clone(),
        (false, false) => "none".to_owned(),
    };
    let ends = ["none", link.a.as_str(), link.b.as_str()];
    match link.kind {
        LinkKind::S2s | LinkKind::V2v => vec![
            pv("bgp", link.bgp, BOOL),
            pv("custom-ipsec", link.custom_ipsec, BOOL),
            pv("nat", link.nat, BOOL),
        ],
        LinkKind::P2s => vec![pv("nat", link.nat, BOOL)],
        LinkKind::Peering => vec![
            pv(
                "allow-gateway-transit",
                side(link.a_allow_transit, link.b_allow_transit),
                &ends,
            ),
            pv("use-remote-gateways", side(link.a_use_remote, link.b_use_remote), &ends),
            pv("forwarded-traffic", link.forwarded_traffic, BOOL),
            pv("one-sided", link.one_sided, BOOL),
        ],
        LinkKind::Er => Vec::new(),
    }
}
