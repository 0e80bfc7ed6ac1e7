//! What each [`Edit`] does, through the journal of [`Tx`]: the checks that keep the design's
//! invariants (valid, unique names; links between existing nodes of the kinds their kind needs, a
//! VNet at `a`; one peering per pair; one P2S link per user group) and the property tables of
//! [`crate::props`] for every `key=value`.

use super::tx::Tx;
use super::types::{Edit, GatewayKind};
use crate::catalog::Catalog;
use crate::design::{Design, ErGateway, Link, LinkId, LinkKind, Node, NodeKind, Site, Subnet, Users, Vnet, VpnGateway};
use ipnet::IpNet;

use crate::error::EditError;
use crate::plan::{self, PrefixSpec};
use crate::props::{self, Needs, Prop, bad_value, check_name, check_prefix, check_prefixes};
use crate::sku::{ErSku, VpnSku};

/// Applies `edit` through `tx` and returns its summary; on an error the caller rolls `tx` back.
pub(super) fn apply_in(tx: &mut Tx<'_>, edit: &Edit) -> Result<String, EditError> {
    match edit {
        Edit::AddVnet { name, prefixes, props } => {
            let planned = tx.design.plan_prefixes(name, prefixes)?;
            check_prefixes(&planned)?;
            let summary = add_node(tx, Node::Vnet(Vnet::new(name.clone(), planned.clone())), props)?;
            Ok(summary + &chosen(prefixes, &planned))
        }
        Edit::Subnet {
            vnet,
            name,
            prefix,
            props,
        } => {
            check_name(name)?;
            let era = tx.design.era;
            let v = tx.vnet_mut(vnet)?;
            let planned = plan::plan_subnet(v, name, *prefix)?;
            check_prefix(&planned)?;
            let mut subnet = Subnet {
                name: name.clone(),
                prefix: planned,
                hosts: 0,
            };
            for p in props {
                props::write_subnet(&mut subnet, p, era)?;
            }
            let note = chosen(&[*prefix], &[planned]);
            if let Some(s) = v.subnets.iter_mut().find(|s| s.name == *name) {
                *s = subnet;
                Ok(format!("changed subnet {vnet}/{name}{note}"))
            } else {
                v.subnets.push(subnet);
                Ok(format!("added subnet {vnet}/{name}{note}"))
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
            let catalog = Catalog::get(tx.design.era);
            let (summary, needs) = match kind {
                GatewayKind::Vpn => {
                    let sku: VpnSku = sku.parse().map_err(|reason| bad_value("sku", sku, reason))?;
                    tx.vnet_mut(vnet)?.vpn = Some(VpnGateway::new(sku, catalog.default_generation(sku)));
                    (format!("{vnet}: VPN gateway {sku}"), Needs::VpnGateway)
                }
                GatewayKind::Er => {
                    let sku: ErSku = sku.parse().map_err(|reason| bad_value("sku", sku, reason))?;
                    tx.vnet_mut(vnet)?.er = Some(ErGateway::new(sku));
                    (format!("{vnet}: ExpressRoute gateway {sku}"), Needs::ErGateway)
                }
            };
            for p in props {
                props::check_gateway_key(p, needs)?;
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
            let planned = tx.design.plan_prefixes(name, prefixes)?;
            check_prefixes(&planned)?;
            let summary = add_node(tx, Node::Site(Site::new(name.clone(), planned.clone())), props)?;
            Ok(summary + &chosen(prefixes, &planned))
        }
        Edit::AddUsers { name, pool, props } => {
            let planned = tx.design.plan_prefixes(name, &[*pool])?;
            let [one] = planned[..] else {
                return Err(bad_value("pool", &pool.to_string(), "expected one prefix"));
            };
            check_prefix(&one)?;
            let summary = add_node(tx, Node::Users(Users::new(name.clone(), one)), props)?;
            Ok(summary + &chosen(&[*pool], &planned))
        }
        Edit::Link { kind, a, b, props } => {
            check_link_ends(tx.design, *kind, a, b)?;
            let id = tx.push_link(Link::new(*kind, a.clone(), b.clone()));
            set_link_props(tx, id, props)?;
            Ok(format!("linked {kind} {a} {b}"))
        }
        Edit::SetLink { id, props } => {
            tx.with_link(*id, |_| ())?;
            set_link_props(tx, *id, props)?;
            let desc = tx.design.link(*id).map(Link::describe).unwrap_or_default();
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
                .link(*id)
                .map(Link::describe)
                .ok_or(EditError::UnknownLink { id: id.0 })?;
            tx.remove_link(*id);
            Ok(format!("removed {desc}"))
        }
        Edit::Set { name, props } if name == "design" && tx.design.node(name).is_none() => {
            apply_in(tx, &Edit::SetDesign { props: props.clone() })
        }
        Edit::SetDesign { props } => {
            tx.save_pool();
            tx.save_era();
            for p in props {
                props::write_design(tx.design, p)?;
            }
            let set: Vec<String> = props.iter().map(ToString::to_string).collect();
            Ok(format!("set {} on the design", set.join(" ")))
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
        Edit::Duplicate { name, new_name } => super::duplicate::apply(tx, name, new_name.as_deref()),
        Edit::Move { name, pos } => {
            *tx.node_mut(name)?.pos_mut() = *pos;
            Ok(format!("moved {name} to {} {}", pos.x, pos.y))
        }
        Edit::Pin { name, pinned } => {
            tx.node_mut(name)?.set_pinned(*pinned);
            Ok(format!("{} {name}", if *pinned { "pinned" } else { "unpinned" }))
        }
        Edit::Layout { names } => {
            if let Some(missing) = names.iter().find(|n| tx.design.node(n).is_none()) {
                return Err(EditError::unknown_node(tx.design, missing));
            }
            let pinned = tx.design.pinned_names();
            let options = crate::diagram::LayoutOptions {
                only: names,
                pinned: &pinned,
                ..crate::diagram::LayoutOptions::default()
            };
            let placed = crate::diagram::layout(tx.design, &options);
            for (name, pos) in &placed.moves {
                *tx.node_mut(name)?.pos_mut() = *pos;
            }
            Ok(format!("laid out {} node(s)", placed.moves.len()))
        }
        Edit::Catalog { era } => {
            tx.save_era();
            tx.design.era = *era;
            Ok(format!("catalog {era}"))
        }
    }
}

/// Adds `node` at a free canvas position, then sets its options: `vnet`, `site` and `users`.
fn add_node(tx: &mut Tx<'_>, mut node: Node, props: &[Prop]) -> Result<String, EditError> {
    *node.pos_mut() = tx.design.free_pos();
    let (kind, name) = (node.kind(), node.name().to_owned());
    tx.insert_node(node)?;
    set_props(tx, &name, props)?;
    Ok(format!("added {kind} {name}"))
}

fn gateway_word(kind: GatewayKind) -> &'static str {
    match kind {
        GatewayKind::Vpn => "VPN",
        GatewayKind::Er => "ExpressRoute",
    }
}

/// ` (chose 10.4.0.0/16)` when some of `specs` were `auto/N`: what the summary adds.
fn chosen(specs: &[PrefixSpec], planned: &[IpNet]) -> String {
    if specs.iter().any(|s| matches!(s, PrefixSpec::Auto(_))) {
        format!(" (chose {})", crate::text::join_nets(planned))
    } else {
        String::new()
    }
}

/// Sets `props` on the node called `name`, in order; a rename re-keys the node, and later keys apply
/// under the new name. `auto/N` in a key that takes prefixes becomes the prefix chosen.
fn set_props(tx: &mut Tx<'_>, name: &str, props: &[Prop]) -> Result<(), EditError> {
    let mut name = name.to_owned();
    for p in props {
        let era = tx.design.era;
        let planned;
        let mut p = p;
        if let Some(value) = p.value.as_deref()
            && plan::has_auto(value)
            && tx.design.node(&name).is_some_and(|n| props::takes_prefixes(n, &p.key))
        {
            planned = Prop::new(p.key.clone(), plan::plan_value(tx.design, &name, &p.key, value)?);
            p = &planned;
        }
        let node = tx.node_mut(&name)?;
        props::write_node(node, p, era)?;
        if node.name() != name {
            let new = node.name().to_owned();
            tx.rekey(&name, &new)?;
            name = new;
        }
    }
    Ok(())
}

fn set_link_props(tx: &mut Tx<'_>, id: LinkId, props: &[Prop]) -> Result<(), EditError> {
    let era = tx.design.era;
    for p in props {
        tx.with_link(id, |link| props::write_link(link, p, era))??;
    }
    Ok(())
}

/// The links of `kind` between `a` and `b` (either way round); an error when there is none.
fn links_between(design: &Design, kind: LinkKind, a: &str, b: &str) -> Result<Vec<LinkId>, EditError> {
    let ids = links_joining(design, kind, a, b);
    if ids.is_empty() {
        return Err(EditError::NoSuchLink {
            kind,
            a: a.to_owned(),
            b: b.to_owned(),
        });
    }
    Ok(ids)
}

/// The links of `kind` between `a` and `b` (either way round), in id order.
fn links_joining(design: &Design, kind: LinkKind, a: &str, b: &str) -> Vec<LinkId> {
    // With the links' ends kept as node positions, the ends are compared as numbers; a link to a
    // missing node has no position for it, so a name missing from the design is looked for by name.
    let ranked = design
        .ranks_built()
        .and_then(|r| Some((r, *r.of.get(a)?, *r.of.get(b)?)));
    match ranked {
        Some((ranks, ra, rb)) => ranks
            .ends
            .iter()
            .filter(|(_, x, y)| (*x, *y) == (Some(ra), Some(rb)) || (*x, *y) == (Some(rb), Some(ra)))
            .map(|(id, _, _)| *id)
            .filter(|id| design.link(*id).is_some_and(|l| l.kind == kind))
            .collect(),
        None => design
            .links()
            .iter()
            .filter(|(_, l)| l.kind == kind && l.joins(a, b))
            .map(|(id, _)| *id)
            .collect(),
    }
}

/// `true` when a Point-to-Site link ends at user group `b`.
fn has_p2s(design: &Design, b: &str) -> bool {
    let p2s = |id: &LinkId| design.link(*id).is_some_and(|l| l.kind == LinkKind::P2s && l.b == b);
    match design.ranks_built().and_then(|r| Some((r, *r.of.get(b)?))) {
        Some((ranks, rb)) => ranks.ends.iter().any(|(id, _, y)| *y == Some(rb) && p2s(id)),
        None => design.links().keys().any(p2s),
    }
}

fn check_link_ends(design: &Design, kind: LinkKind, a: &str, b: &str) -> Result<(), EditError> {
    let refuse = |reason: String| Err(EditError::LinkRefused { reason });
    if a == b {
        return refuse(format!("a {kind} link needs two different ends, not {a} twice"));
    }
    let na = design.node(a).ok_or_else(|| EditError::unknown_node(design, a))?;
    let nb = design.node(b).ok_or_else(|| EditError::unknown_node(design, b))?;
    if na.kind() != NodeKind::Vnet {
        return refuse(format!(
            "a {} link starts at a VNet; {a} is a {}",
            kind.label(),
            na.kind()
        ));
    }
    if nb.kind() != kind.b_kind() {
        return refuse(format!(
            "a {} link goes from a VNet to a {}; {b} is a {}",
            kind.label(),
            kind.b_kind(),
            nb.kind()
        ));
    }
    if kind == LinkKind::Peering && !links_joining(design, LinkKind::Peering, a, b).is_empty() {
        return refuse(format!("{a} and {b} are already peered"));
    }
    if kind == LinkKind::P2s && has_p2s(design, b) {
        return refuse(format!("user group {b} already has a Point-to-Site link"));
    }
    Ok(())
}
