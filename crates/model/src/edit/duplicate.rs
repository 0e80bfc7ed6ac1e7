//! `duplicate NAME [as NEWNAME]`: a copy of a node under the next free name, with fresh address space
//! of the same shape, beside the original, in one undo step.
//!
//! - The name: `spoke1` → the next unused `spokeN` after it (`spoke-01` → `spoke-02`), `hub` → `hub2`.
//! - The space: `auto/N` for each prefix, of the original's lengths ([`Design::plan_prefixes`]).
//! - A VNet's subnets keep their places relative to the new space (a subnet outside the space, or
//!   on another's place, takes the lowest free block of its length instead), its gateways, region
//!   and classic flag are copied; and its peerings to a hub (a VNet with a gateway, where the
//!   original uses the remote gateways) are drawn again to the same hub with the same flags.
//! - A site's copy has no device address (`ip`, `bgp-ip`: each device has its own); a user group's
//!   copy keeps its clients and protocol.
//! - The place: the nearest free place to [`duplicate_position`] (`edit/place.rs`).

use ipnet::IpNet;

use super::tx::Tx;
use crate::cidr;
use crate::design::{Design, Link, LinkKind, Node, Pos, Vnet};
use crate::error::EditError;
use crate::plan;
use crate::plan::PrefixSpec;
use crate::props::MAX_NAME_LEN;
use crate::text::join_nets as join;

/// How far from the original a copy is put: one box width to the right.
const OFFSET: Pos = Pos { x: 25, y: 0 };

/// Where the copy of `original` is wished: its position plus a fixed offset (one box to the right).
/// The edit then puts the copy at the nearest place to it where its box keeps the margin from every
/// other box (`edit/place.rs`).
pub fn duplicate_position(design: &Design, original: &Node) -> Pos {
    let _ = design;
    let at = original.pos();
    Pos {
        x: at.x.saturating_add(OFFSET.x),
        y: at.y.saturating_add(OFFSET.y),
    }
}

/// The next free name after `name`: its trailing number plus one, or 2 (`hub` → `hub2`), the first
/// that no node has; zero-padded numbers keep their width (`spoke-01` → `spoke-02`).
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script};
/// use vnetsketch_model::edit::next_free_name;
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16\nvnet spoke1 10.1.0.0/16\nvnet spoke2 10.2.0.0/16").unwrap();
/// assert_eq!(next_free_name(&d, "spoke1"), "spoke3");
/// assert_eq!(next_free_name(&d, "hub"), "hub2");
/// ```
pub fn next_free_name(design: &Design, name: &str) -> String {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (base, number) = name.split_at(name.len() - digits);
    let width = if number.starts_with('0') { digits } else { 0 };
    let start = number.parse::<u64>().map_or(2, |n| n.saturating_add(1));
    // n nodes take at most n names, so one of the first n + 1 is free.
    let last = start.saturating_add(design.nodes().len() as u64);
    (start..=last)
        .map(|n| {
            let suffix = format!("{n:0width$}");
            let keep = base.len().min(MAX_NAME_LEN.saturating_sub(suffix.len()));
            format!("{}{suffix}", &base[..keep])
        })
        .find(|candidate| design.node(candidate).is_none())
        .unwrap_or_else(|| format!("{name}-copy"))
}

/// Applies `duplicate name [as new_name]` through `tx` and returns its summary.
pub(super) fn apply(tx: &mut Tx<'_>, name: &str, new_name: Option<&str>) -> Result<String, EditError> {
    let original = tx
        .design
        .node(name)
        .cloned()
        .ok_or_else(|| EditError::unknown_node(tx.design, name))?;
    let copy_name = new_name.map_or_else(|| next_free_name(tx.design, name), str::to_owned);
    let shape: Vec<PrefixSpec> = original
        .prefixes()
        .iter()
        .map(|p| PrefixSpec::Auto(p.prefix_len()))
        .collect();
    let space = tx.design.plan_prefixes(&copy_name, &shape)?;
    let mut copy = original.clone();
    match &mut copy {
        Node::Vnet(v) => {
            v.name.clone_from(&copy_name);
            v.subnets = copied_subnets(&original, &space)?;
            v.prefixes.clone_from(&space);
        }
        Node::Site(s) => {
            s.name.clone_from(&copy_name);
            s.prefixes.clone_from(&space);
            (s.ip, s.bgp_ip) = (None, None);
        }
        Node::Users(u) => {
            u.name.clone_from(&copy_name);
            if let [pool] = space[..] {
                u.pool = pool;
            }
        }
    }
    *copy.pos_mut() = duplicate_position(tx.design, &original);
    tx.insert_node(copy)?;
    let peerings = hub_peerings(tx.design, name);
    for link in &peerings {
        let mut again = link.clone();
        for end in [&mut again.a, &mut again.b] {
            if end == name {
                end.clone_from(&copy_name);
            }
        }
        tx.push_link(again);
    }
    let hubs: Vec<&str> = peerings.iter().filter_map(|l| l.other(name)).collect();
    let linked = match hubs[..] {
        [] => String::new(),
        _ => format!(", peered to {}", hubs.join(", ")),
    };
    Ok(format!("duplicated {name} as {copy_name} ({}){linked}", join(&space)))
}

/// The peerings of the VNet `name` to a hub: the other end has a gateway, and `name` uses its gateways.
fn hub_peerings(design: &Design, name: &str) -> Vec<Link> {
    design
        .links_of(name)
        .filter(|(_, l)| l.kind == LinkKind::Peering && l.uses_remote(name))
        .filter(|(_, l)| {
            l.other(name)
                .and_then(|hub| design.vnet(hub))
                .is_some_and(|hub| hub.vpn.is_some() || hub.er.is_some())
        })
        .map(|(_, l)| l.clone())
        .collect()
}

/// The subnets of `original` (a VNet) moved into `space` (its copy's prefixes, in the same order and
/// of the same lengths): each at its place relative to its prefix, or, when it has none (outside
/// the space, or on a place another subnet took), at the lowest free block of its length.
fn copied_subnets(original: &Node, space: &[IpNet]) -> Result<Vec<crate::design::Subnet>, EditError> {
    let Node::Vnet(v) = original else {
        return Ok(Vec::new());
    };
    let mut placed: Vec<Option<IpNet>> = Vec::with_capacity(v.subnets.len());
    for s in &v.subnets {
        let moved = v
            .prefixes
            .iter()
            .zip(space)
            .find(|(old, _)| cidr::contains(old, &s.prefix))
            .and_then(|(old, new)| shift(&s.prefix, old, new))
            .filter(|p| placed.iter().flatten().all(|q| !cidr::overlaps(p, q)));
        placed.push(moved);
    }
    let mut out = Vec::with_capacity(v.subnets.len());
    for (s, place) in v.subnets.iter().zip(placed.clone()) {
        let prefix = if let Some(p) = place {
            p
        } else {
            let taken: Vec<IpNet> = placed.iter().flatten().copied().collect();
            let p = plan::lowest_free(space, &taken, s.prefix.prefix_len()).ok_or_else(|| no_room(v, s, space))?;
            placed.push(Some(p));
            p
        };
        out.push(crate::design::Subnet { prefix, ..s.clone() });
    }
    Ok(out)
}

fn no_room(v: &Vnet, s: &crate::design::Subnet, space: &[IpNet]) -> EditError {
    EditError::NoRoom {
        len: s.prefix.prefix_len(),
        space: format!("the copy's space {} (for {}'s subnet {})", join(space), v.name, s.name),
        fix: "give the copy more space with `set NAME prefixes=...`, then add the subnet".to_owned(),
    }
}

/// `prefix`, which lies in `old`, at the same offset in `new` (a prefix of the same length and family).
fn shift(prefix: &IpNet, old: &IpNet, new: &IpNet) -> Option<IpNet> {
    let (family, start, _) = cidr::range(prefix);
    let (_, old_start, _) = cidr::range(old);
    let (new_family, new_start, new_end) = cidr::range(new);
    let at = new_start.checked_add(start - old_start)?;
    let moved = plan::from_start(family, at, prefix.prefix_len())?;
    (family == new_family && cidr::range(&moved).2 <= new_end).then_some(moved)
}
