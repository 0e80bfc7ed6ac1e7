//! `/` search: the model's [`SearchIndex`](vnetsketch_model::search::SearchIndex) (kept by the
//! document, built once per design change) answers each keystroke; the highlighted hit is selected
//! and shown as the results change, Enter keeps it and centres the view on it, Esc goes back to
//! the selection and the view from before the search.

use crate::tui::action::Action;
use crate::tui::state::{App, Focus, Mode, Search, Selection, TextInput};

/// How many hits the list keeps (the total is counted whatever it is).
pub const LIMIT: usize = 50;

/// Opens the search, remembering where the user was.
pub fn open(app: &mut App) {
    app.mode = Mode::Search(Box::new(Search {
        input: TextInput::default(),
        results: vnetsketch_model::search::Results::default(),
        at: 0,
        before: (app.panes.selection.clone(), app.canvas.cursor, app.canvas.scroll),
    }));
}

/// The query changed: asks the model again; returns the selection of the best hit, to show it.
pub fn typed(app: &mut App) -> Option<Action> {
    let index = app.doc.search_index();
    let Mode::Search(s) = &mut app.mode else { return None };
    s.results = index.search(s.input.text(), LIMIT);
    s.at = 0;
    highlighted(app)
}

/// Moves the highlight by `delta` (wrapping); returns the selection of the hit, to show it.
pub fn move_by(app: &mut App, delta: i32) -> Option<Action> {
    let Mode::Search(s) = &mut app.mode else { return None };
    let n = s.results.hits.len() as i64;
    if n == 0 {
        return None;
    }
    s.at = (s.at as i64 + i64::from(delta)).rem_euclid(n) as usize;
    highlighted(app)
}

fn highlighted(app: &App) -> Option<Action> {
    let Mode::Search(s) = &app.mode else { return None };
    let hit = s.results.hits.get(s.at)?;
    Some(Action::Select(Selection::Node(hit.name.clone())))
}

/// Enter: keeps the highlighted hit selected, on the canvas; returns it, to select and centre.
pub fn take(app: &mut App) -> Option<Selection> {
    let Mode::Search(s) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return None;
    };
    let Some(hit) = s.results.hits.get(s.at) else {
        app.mode = Mode::Search(s);
        app.error("nothing found: type a name, an address (10.2.), a SKU or a region; Esc goes back");
        return None;
    };
    app.panes.focus = Focus::Canvas;
    app.info(format!("found {} {}", hit.kind, hit.name));
    Some(Selection::Node(hit.name.clone()))
}

/// Esc: back to the selection, the cursor and the view from before the search.
pub fn cancel(app: &mut App) {
    let Mode::Search(s) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        return;
    };
    let (selection, cursor, scroll) = s.before;
    let gone = match &selection {
        Selection::Node(n) => app.doc.design.node(n).is_none(),
        Selection::Link(id) => app.doc.design.link(*id).is_none(),
        Selection::None => false,
    };
    app.panes.selection = if gone { Selection::None } else { selection };
    app.canvas.cursor = cursor;
    app.canvas.scroll = scroll;
}
