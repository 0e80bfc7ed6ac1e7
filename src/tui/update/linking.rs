//! Drawing a link: pick the source (the selection), the kind (keys 1–5) and the target (offered at
//! once: the likeliest; Tab, the cursor, or a click for another), then Enter. Link mode knows the domain: from a site only S2S and
//! ExpressRoute start, from a user group only P2S, from a VNet all five; the kind offered first fits
//! the source, and Tab and clicks offer only the nodes that can be the other end of that kind (a
//! site for S2S, another VNet for peering…) and are not linked so already. The model still decides:
//! a link it refuses is refused with its reason, and the mode stays open to pick again. Once drawn,
//! the source stays selected with the cursor on it, to draw the next link from it.

use vnetsketch_model::design::NodeKind;
use vnetsketch_model::{Design, Edit, LinkKind};

use crate::tui::action::{Action, step};
use crate::tui::state::{App, Mode, Selection};

/// The kinds of link that can start or end at a node of kind `node`.
pub fn kinds_of(node: NodeKind) -> Vec<LinkKind> {
    match node {
        NodeKind::Vnet => LinkKind::ALL.to_vec(),
        NodeKind::Site => vec![LinkKind::S2s, LinkKind::Er],
        NodeKind::Users => vec![LinkKind::P2s],
    }
}

/// The kind a link from `source` most likely is before a target is chosen.
fn default_kind(design: &Design, source: &str) -> LinkKind {
    match design.node(source).map(vnetsketch_model::Node::kind) {
        Some(NodeKind::Site) => {
            let site = design.site(source);
            // A site with a circuit and no VPN device is reached by ExpressRoute.
            if site.is_some_and(|s| s.circuit.is_some() && s.ip.is_none()) {
                LinkKind::Er
            } else {
                LinkKind::S2s
            }
        }
        Some(NodeKind::Users) => LinkKind::P2s,
        _ => LinkKind::Peering,
    }
}

/// The kind a link between `a` and `b` most likely is.
fn natural_kind(design: &Design, a: &str, b: &str) -> Option<LinkKind> {
    let (vnet, other) = if design.vnet(a).is_some() { (a, b) } else { (b, a) };
    let v = design.vnet(vnet)?;
    Some(match design.node(other)?.kind() {
        NodeKind::Vnet => LinkKind::Peering,
        NodeKind::Users => LinkKind::P2s,
        NodeKind::Site => {
            let site = design.site(other)?;
            let er = site.circuit.is_some() && (site.ip.is_none() || (v.er.is_some() && v.vpn.is_none()));
            if er { LinkKind::Er } else { LinkKind::S2s }
        }
    })
}

/// `true` when a link of `kind` can join `source` and `target`: one of them a VNet (the `a` end),
/// the other of the kind the link ends at, and no link of that kind between them yet.
fn fits(design: &Design, source: &str, target: &str, kind: LinkKind) -> bool {
    let (Some(s), Some(t)) = (design.node(source), design.node(target)) else {
        return false;
    };
    let ends = match (s.kind(), t.kind()) {
        (NodeKind::Vnet, other) | (other, NodeKind::Vnet) => other == kind.b_kind(),
        _ => false,
    };
    ends && source != target
        && !design
            .links_of(source)
            .any(|(_, l)| l.kind == kind && l.joins(source, target))
}

/// Starts link mode from the selected node, with the kind that fits it.
pub fn start(app: &mut App) {
    let Selection::Node(source) = app.panes.selection.clone() else {
        app.error("select a node first (n, or click one), then c to connect it");
        return;
    };
    let Some(node_kind) = app.doc.design.node(&source).map(vnetsketch_model::Node::kind) else {
        return;
    };
    let kind = default_kind(&app.doc.design, &source);
    app.mode = Mode::Link {
        source: source.clone(),
        kind,
        kinds: kinds_of(node_kind),
        kind_chosen: false,
        target: None,
    };
    offer_first(app);
    app.info(format!(
        "link from {source}: Enter draws it; Tab, the arrows or a click pick another target, 1-5 a kind"
    ));
}

/// Link mode: chooses the kind (one that can start or end at the source); a target that does not
/// fit it is dropped.
pub fn set_kind(app: &mut App, new: LinkKind) {
    let design = &app.doc.design;
    let Mode::Link {
        source,
        kind,
        kinds,
        kind_chosen,
        target,
    } = &mut app.mode
    else {
        return;
    };
    if !kinds.contains(&new) {
        let what = design.node(source).map_or("node", |n| n.kind().as_str());
        let offered: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
        let message = format!(
            "no {new} link starts or ends at a {what}: from {source}, {}",
            offered.join(" or ")
        );
        app.error(message);
        return;
    }
    *kind = new;
    *kind_chosen = true;
    if target.as_ref().is_some_and(|t| !fits(design, source, t, new)) {
        *target = None;
    }
    if target.is_none() {
        offer_first(app);
    }
}

/// Offers the likeliest target at once (Enter draws to it, Tab goes to the next): the first
/// candidate, of the kind the mode has when there is one of that kind.
fn offer_first(app: &mut App) {
    let found = candidates(app);
    let Mode::Link { source, kind, .. } = &app.mode else {
        return;
    };
    let design = &app.doc.design;
    let first = found
        .iter()
        .find(|n| fits(design, source, n, *kind))
        .or(found.first())
        .cloned();
    if let Some(first) = first {
        set_target(app, &first);
    }
}

/// The nodes that can be the target: of the kind chosen, or, before one is, of any kind the source
/// takes (the kind then follows the target). Those that already have what the link needs come
/// first (a VNet with a VPN gateway for S2S, P2S and VNet-to-VNet, with an ExpressRoute gateway for
/// ExpressRoute, with any gateway for a peering: the hub), then by name.
fn candidates(app: &App) -> Vec<String> {
    let Mode::Link {
        source,
        kind,
        kind_chosen,
        ..
    } = &app.mode
    else {
        return Vec::new();
    };
    let design = &app.doc.design;
    let mut found: Vec<(bool, &String)> = design
        .nodes()
        .keys()
        .filter_map(|n| {
            let kind = if *kind_chosen {
                Some(*kind)
            } else {
                natural_kind(design, source, n)
            };
            let k = kind.filter(|k| fits(design, source, n, *k))?;
            Some((!ready(design, source, n, k), n))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, n)| n.clone()).collect()
}

/// `true` when the link of `kind` from `source` to `target` has the gateway it needs at its VNet
/// end (for a peering or a VNet-to-VNet link, at the target; any gateway for a peering).
fn ready(design: &Design, source: &str, target: &str, kind: LinkKind) -> bool {
    let vnet_end = match kind {
        LinkKind::Peering | LinkKind::V2v => target,
        _ if design.vnet(source).is_some() => source,
        _ => target,
    };
    let Some(v) = design.vnet(vnet_end) else { return false };
    match kind {
        LinkKind::Er => v.er.is_some(),
        LinkKind::Peering => v.vpn.is_some() || v.er.is_some(),
        LinkKind::S2s | LinkKind::P2s | LinkKind::V2v => v.vpn.is_some(),
    }
}

/// Link mode: makes `name` the target when it can be one (the kind follows it until the user
/// chooses one); says why not otherwise. Returns `true` when it is the target.
pub fn set_target(app: &mut App, name: &str) -> bool {
    let design = &app.doc.design;
    let Mode::Link {
        source,
        kind,
        kind_chosen,
        target,
        ..
    } = &mut app.mode
    else {
        return false;
    };
    if name == source {
        return false;
    }
    let new_kind = if *kind_chosen {
        Some(*kind)
    } else {
        natural_kind(design, source, name)
    };
    match new_kind {
        Some(k) if fits(design, source, name, k) => {
            *kind = k;
            *target = Some(name.to_owned());
            true
        }
        _ => {
            let message = format!(
                "{name} cannot be the other end of a {kind} link from {source}{}",
                if *kind_chosen {
                    ""
                } else {
                    " (nor of any link that starts there)"
                }
            );
            app.error(message);
            false
        }
    }
}

/// Link mode: the next (or previous) node that can be the target, by name; returns it (to scroll
/// into view).
pub fn cycle_target(app: &mut App, forward: bool) -> Option<String> {
    let names = candidates(app);
    let Mode::Link { target, kind, .. } = &app.mode else {
        return None;
    };
    if names.is_empty() {
        let kind = *kind;
        let what = match kind.b_kind() {
            NodeKind::Vnet => "another VNet",
            NodeKind::Site => "a site",
            NodeKind::Users => "a user group",
        };
        app.error(format!(
            "nothing to link to with {kind}: add {what} first (Esc, then v, s or p), or pick another kind"
        ));
        return None;
    }
    let at = target.as_ref().and_then(|t| names.iter().position(|n| n == t));
    let name = names[step(at, names.len(), forward)].clone();
    set_target(app, &name).then_some(name)
}

/// Link mode: asks the model for the link. Refused: the reason shows and the mode stays. Done: the
/// source is to stay selected with the cursor on it (the action returned), to draw the next link.
pub fn confirm(app: &mut App) -> Option<Action> {
    let Mode::Link {
        source, kind, target, ..
    } = app.mode.clone()
    else {
        return None;
    };
    let Some(target) = target else {
        app.error("pick a target first: Tab, the arrows, or click a node");
        return None;
    };
    // `a` is the VNet end; a link drawn from a site or user group to a VNet is turned around.
    let source_is_vnet = app.doc.design.vnet(&source).is_some();
    let (a, b) = if !source_is_vnet && app.doc.design.vnet(&target).is_some() {
        (target, source.clone())
    } else {
        (source.clone(), target)
    };
    let edit = Edit::Link {
        kind,
        a,
        b,
        props: Vec::new(),
    };
    match app.apply(&edit, false) {
        Ok(change) => {
            app.mode = Mode::Normal;
            app.info(format!("{} · c links {source} again", change.summary));
            Some(Action::Select(Selection::Node(source)))
        }
        Err(e) => {
            app.error(e.to_string());
            None
        }
    }
}
