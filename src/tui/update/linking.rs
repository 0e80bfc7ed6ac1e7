//! Drawing a link: pick the source (the selection), the kind (keys 1–5) and the target (Tab, the
//! cursor, or a click), then Enter. The model decides: a link it refuses is refused with its reason,
//! and the mode stays open to pick again.

use vnetsketch_model::design::NodeKind;
use vnetsketch_model::{Edit, LinkKind};

use crate::tui::action::{Action, step};
use crate::tui::state::{App, Mode, Selection};

/// Starts link mode from the selected node.
pub fn start(app: &mut App) {
    let Selection::Node(source) = app.panes.selection.clone() else {
        app.error("select a node first (n, or click one), then c to connect it");
        return;
    };
    app.mode = Mode::Link {
        source: source.clone(),
        kind: LinkKind::Peering,
        kind_chosen: false,
        target: None,
    };
    app.info(format!(
        "link from {source}: pick a target (Tab, arrows, click) and a kind (1-5), Enter draws it"
    ));
}

/// Link mode: chooses the kind.
pub fn set_kind(app: &mut App, new: LinkKind) {
    if let Mode::Link { kind, kind_chosen, .. } = &mut app.mode {
        *kind = new;
        *kind_chosen = true;
    }
}

/// The kind a link between nodes of these kinds most likely is.
fn natural_kind(a: NodeKind, b: NodeKind) -> LinkKind {
    match (a, b) {
        (NodeKind::Vnet, NodeKind::Site) | (NodeKind::Site, NodeKind::Vnet) => LinkKind::S2s,
        (NodeKind::Vnet, NodeKind::Users) | (NodeKind::Users, NodeKind::Vnet) => LinkKind::P2s,
        _ => LinkKind::Peering,
    }
}

/// Link mode: makes `name` the target (the kind follows it until the user chooses one).
pub fn set_target(app: &mut App, name: &str) {
    let target_kind = app.doc.design.node(name).map(vnetsketch_model::design::Node::kind);
    if let Mode::Link {
        source,
        kind,
        kind_chosen,
        target,
    } = &mut app.mode
    {
        if name == source {
            return;
        }
        *target = Some(name.to_owned());
        if !*kind_chosen
            && let (Some(s), Some(t)) = (
                app.doc.design.node(source).map(vnetsketch_model::design::Node::kind),
                target_kind,
            )
        {
            *kind = natural_kind(s, t);
        }
    }
}

/// Link mode: the next (or previous) node by name as the target, skipping the source; returns the
/// new target (to scroll into view).
pub fn cycle_target(app: &mut App, forward: bool) -> Option<String> {
    let Mode::Link { source, target, .. } = &app.mode else {
        return None;
    };
    let names: Vec<String> = app
        .doc
        .design
        .nodes()
        .keys()
        .filter(|n| *n != source)
        .cloned()
        .collect();
    if names.is_empty() {
        app.error("no other node to link to: add one first (Esc, then v, s or p)");
        return None;
    }
    let at = target.as_ref().and_then(|t| names.iter().position(|n| n == t));
    let name = names[step(at, names.len(), forward)].clone();
    set_target(app, &name);
    Some(name)
}

/// Link mode: asks the model for the link. Refused: the reason shows and the mode stays. Done: the
/// new link is to be selected (the action returned).
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
        (target, source)
    } else {
        (source, target)
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
            let id = change.touched_links().next();
            app.info(change.summary);
            id.map(|id| Action::Select(Selection::Link(id)))
        }
        Err(e) => {
            app.error(e.to_string());
            None
        }
    }
}
