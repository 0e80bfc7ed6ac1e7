//! Reach mode: `r` asks the model what the selected node reaches ([`Paths::reach_from`]) and keeps
//! the answer in [`ReachView`]; while it is on, [`sync`] (after every action) asks the model for the
//! path from that source to the selected node. The model's answers are recomputed only when the
//! design changed (the analysis number moved on: a move does not count, positions carry no route)
//! or the source or the selected node did: never while drawing.

use vnetsketch_model::paths::Paths;

use crate::tui::action::Action;
use crate::tui::state::{App, Focus, ReachView};

/// `r`: reach mode from the selected node; on the source itself (or with nothing selected while it
/// is on), reach mode off.
pub fn toggle(app: &mut App) {
    let Some(name) = app.selected_node().map(str::to_owned) else {
        if app.reach.is_some() {
            off(app);
        } else {
            app.error("reach: select a node first (n selects one, or click it)");
        }
        return;
    };
    if app.reach.as_ref().is_some_and(|r| r.source == name) {
        off(app);
        return;
    }
    app.reach = answer(app, &name, None);
    match &app.reach {
        Some(view) => {
            let text = format!(
                "reach from {name}: {} of {} other nodes reached (the rest dimmed); select one for its path, \
                 r on {name} or Esc: off",
                view.reached_count(),
                view.nodes.saturating_sub(1)
            );
            app.info(text);
        }
        None => app.error(format!("reach: no node {name}")),
    }
}

/// Leaves reach mode.
pub fn off(app: &mut App) {
    if let Some(view) = app.reach.take() {
        app.info(format!("reach from {} off", view.source));
    }
}

/// Keeps reach mode in step with the design and the selection: the model is asked again only when
/// the design changed since its answer, or the selected node is not the path's target. A source
/// that is gone (deleted, renamed, another file opened) ends reach mode, saying so.
pub fn sync(app: &mut App) {
    let Some(view) = &app.reach else { return };
    let target = app.selected_node().filter(|n| *n != view.source).map(str::to_owned);
    let stale = view.at != app.doc.analyses();
    if !stale && view.target() == target.as_deref() {
        return;
    }
    let source = view.source.clone();
    if app.doc.design.node(&source).is_none() {
        app.reach = None;
        app.info(format!("reach off: {source} is no longer in the design"));
        return;
    }
    if stale {
        app.reach = answer(app, &source, target.as_deref());
        return;
    }
    let path = target.and_then(|t| Paths::new(&app.doc.design, &app.doc.estimate).path(&source, &t));
    if let Some(view) = &mut app.reach {
        view.path = path;
    }
}

/// `F`: the first fix of the path shown goes on the `:` line (Enter runs it; the canvas has the
/// focus again after it). Says why when there is none.
pub fn fix(app: &mut App) -> Option<Action> {
    let Some(view) = &app.reach else {
        app.error("F: no path shown (r shows what the selected node reaches, then select a second node)");
        return None;
    };
    if let Some(line) = view.fixes().first() {
        return Some(Action::Line {
            text: (*line).to_owned(),
            back: Some(Focus::Canvas),
        });
    }
    let why = match &view.path {
        None => format!("f: select a node other than {} to see the path to it", view.source),
        Some(p) if p.reachable => format!("{} reaches {}: nothing to fix", p.from, p.to),
        Some(p) => format!(
            "no edit of the design opens {} -> {}: see why in the path panel",
            p.from, p.to
        ),
    };
    app.info(why);
    None
}

/// The model's answer for `source`, with the path to `target` when it is another node; one routing
/// graph serves both. `None` when there is no such source.
fn answer(app: &App, source: &str, target: Option<&str>) -> Option<ReachView> {
    let doc = &app.doc;
    let mut paths = Paths::new(&doc.design, &doc.estimate);
    let reach = paths.reach_from(source)?;
    let reached = reach.reachable().map(str::to_owned).collect();
    let mut view = ReachView::new(source.to_owned(), doc.analyses(), reached, paths.names().len());
    view.path = target.filter(|t| *t != source).and_then(|t| paths.path(source, t));
    Some(view)
}
