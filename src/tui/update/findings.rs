//! The findings list: moving through the model's findings. Selecting a finding highlights it and
//! asks the canvas to select the first node (else link) it names; Enter goes to the property it is
//! about and puts its fix on the `:` line (the command its hint gives: until findings carry fix
//! commands of their own, the hint's text is where the command is found).

use vnetsketch_model::command::COMMANDS;
use vnetsketch_model::parse_line;

use crate::tui::action::Action;
use crate::tui::state::{App, Focus, Selection};

/// Selects finding `i`: highlights it; returns the selection of the first node it names (else its
/// first link), for the canvas.
pub fn select(app: &mut App, i: usize) -> Option<Action> {
    let f = app.doc.report.findings.get(i)?;
    let node = f.nodes.iter().find(|n| app.doc.design.node(n).is_some()).cloned();
    let link = f.links.first().copied();
    app.panes.finding = Some(i);
    match (node, link) {
        (Some(n), _) => Some(Action::Select(Selection::Node(n))),
        (None, Some(id)) => Some(Action::Select(Selection::Link(id))),
        (None, None) => None,
    }
}

/// Moves the finding selection by `delta` (see [`select`]).
pub fn move_row(app: &mut App, delta: isize) -> Option<Action> {
    let n = app.doc.report.findings.len();
    if n == 0 {
        app.info("no findings: the design passes every rule");
        return None;
    }
    let next = match app.panes.finding {
        None => 0,
        Some(i) => i.saturating_add_signed(delta).min(n - 1),
    };
    select(app, next)
}

/// Enter on a finding: goes to what it is about (the node its fix changes, else the first node or
/// link it names) and to the inspector row of the key its fix sets, when it says; its fix, when the
/// hint gives one, goes on the `:` line (Enter runs it, then the findings have the focus again;
/// a fix with a value to fill in ends where the value goes). Returns the actions, in order.
pub fn activate(app: &mut App) -> Vec<Action> {
    let Some(f) = app.highlighted() else {
        return Vec::new();
    };
    let fix = fix_of(&f.hint);
    let subject = fix.as_deref().and_then(subject_of);
    let mut out = Vec::new();
    match subject.as_ref().filter(|s| app.doc.design.node(&s.node).is_some()) {
        Some(s) => {
            out.push(Action::Select(Selection::Node(s.node.clone())));
            out.extend(s.key.clone().map(Action::InspectRow));
        }
        None => {
            if app.panes.selection == Selection::None {
                return out;
            }
        }
    }
    match fix {
        Some(text) => out.push(Action::Line {
            text,
            back: Some(Focus::Findings),
        }),
        None => out.push(Action::Focus(Focus::Inspector)),
    }
    out
}

/// The node a command changes and the inspector row of the key it sets, when it says.
struct Subject {
    node: String,
    key: Option<String>,
}

fn subject_of(line: &str) -> Option<Subject> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let key_of = |w: &&str| w.split_once('=').map(|(k, _)| k.to_owned());
    let (node, key) = match words.as_slice() {
        ["set", node, rest @ ..] => (*node, rest.iter().find_map(key_of)),
        ["gateway", vnet, kind, ..] => {
            let key = if kind.eq_ignore_ascii_case("er") {
                "er-sku"
            } else {
                "vpn-sku"
            };
            (*vnet, Some(key.to_owned()))
        }
        ["subnet", vnet, name, ..] => (*vnet, Some(format!("subnet {name}"))),
        [_, node, ..] if !node.contains('=') => (*node, None),
        _ => return None,
    };
    Some(Subject {
        node: node.to_owned(),
        key,
    })
}

/// The command a hint gives, if it gives one: in backticks, after `fix:`, or the first clause that
/// starts with a verb of the command language and that the model parses. A placeholder
/// (`prefixes=...`, `ip=<…>`) ends the line where the value is to be typed.
pub fn fix_of(hint: &str) -> Option<String> {
    let quoted = hint.split('`').skip(1).step_by(2);
    let after_fix = hint.split_once("fix:").map(|(_, rest)| rest);
    quoted.chain(after_fix).chain(clauses(hint)).find_map(command_in)
}

/// The clauses of a hint: cut at `, or`, `;`, ` or `, ` and `, `, then`, parentheses and `: `.
fn clauses(hint: &str) -> Vec<&str> {
    let mut parts = vec![hint];
    for sep in [";", "(", ")", ": ", ", then ", ", or ", " or ", " and ", ", "] {
        parts = parts.iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
}

/// The command in `text`, from its first verb on (placeholders cut), if the model parses it.
fn command_in(text: &str) -> Option<String> {
    let verbs: Vec<&str> = COMMANDS
        .iter()
        .filter_map(|c| c.syntax.split([' ', '|']).next())
        .collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let start = words.iter().position(|w| verbs.contains(w))?;
    let joined = words[start..].join(" ");
    let mut line = joined.trim_end_matches(['.', ',', ';']).to_owned();
    for placeholder in ["...", "…", "<"] {
        if let Some(at) = line.find(placeholder) {
            line.truncate(at);
            // The value goes right there: the line must still name a key.
            return line.ends_with('=').then_some(line);
        }
    }
    parse_line(&line).ok().flatten().map(|_| line)
}
