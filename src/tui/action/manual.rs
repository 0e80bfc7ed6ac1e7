//! The help's content, generated: every key from the keymap table ([`super::keymap::KEYMAP`]), the
//! `:` line's own commands ([`super::builtin::BUILTINS`]), the command language ([`COMMANDS`]) and the
//! rules behind the findings ([`RULES`]). Lines of text, each tagged with what it is; the ui styles
//! and draws them, update scrolls through them.

use vnetsketch_model::LinkKind;
use vnetsketch_model::command::COMMANDS;
use vnetsketch_model::validate::RULES;

use super::builtin::BUILTINS;
use super::keymap::{self, Scope};
use crate::tui::geometry::text::{pad, width};

/// Width of the keys column.
const KEYS_W: usize = 16;

/// What a line of the help is, for its style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The first line.
    Title,
    /// A section's heading.
    Heading,
    /// Keys too long for their column, or the syntax of a command.
    Syntax,
    /// Plain text (and the blank line before a heading).
    Text,
    /// A link kind as the canvas draws it: the ui puts the kind's line in front of the text.
    Link(LinkKind),
}

/// One line of the help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The text.
    pub text: String,
    /// What it is.
    pub part: Part,
}

fn line(part: Part, text: impl Into<String>) -> Line {
    Line {
        text: text.into(),
        part,
    }
}

fn heading(out: &mut Vec<Line>, text: &str) {
    out.push(line(Part::Text, ""));
    out.push(line(Part::Heading, text));
}

/// The help, one line each.
pub fn lines() -> Vec<Line> {
    let mut out = vec![line(
        Part::Title,
        "vnetsketch: sketch Azure hybrid networks. Keys by mode (↑↓ PgUp PgDn scroll, Esc closes):",
    )];
    for scope in Scope::ALL {
        heading(&mut out, scope.title());
        for (keys, desc) in keymap::grouped(scope) {
            let keys = keys.join(" ");
            if width(&keys) > KEYS_W {
                out.push(line(Part::Syntax, format!("  {keys}")));
                out.push(line(Part::Text, format!("  {} {desc}", pad("", KEYS_W))));
            } else {
                out.push(line(Part::Text, format!("  {} {desc}", pad(&keys, KEYS_W))));
            }
        }
    }
    heading(&mut out, "Mouse");
    out.push(line(
        Part::Text,
        "  click selects a node, a link, a property or a finding; drag moves a node;",
    ));
    out.push(line(
        Part::Text,
        "  the wheel scrolls; in link mode a click picks the target and draws the link",
    ));
    heading(&mut out, "Links on the canvas");
    for kind in LinkKind::ALL {
        out.push(line(Part::Link(kind), format!("{} ({})", kind.label(), kind.as_str())));
    }
    heading(&mut out, "The : command line: the app's commands");
    for (syntax, doc) in BUILTINS {
        out.push(line(Part::Text, format!("  {} {doc}", pad(syntax, 22))));
    }
    heading(
        &mut out,
        "The : command line: the command language (as in `vnetsketch run SCRIPT`)",
    );
    for c in COMMANDS {
        out.push(line(Part::Syntax, format!("  {}", c.syntax)));
        out.push(line(Part::Text, format!("      {}", c.doc)));
    }
    heading(&mut out, "Rules behind the findings");
    for r in RULES {
        out.push(line(Part::Text, format!("  {} [{}] {}", r.id, r.severity, r.doc)));
    }
    out
}
