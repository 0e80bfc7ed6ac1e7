//! Completion of a command line as it is typed (the TUI's `:` line): what the word under the cursor
//! is, the candidates for it, the syntax of the command, and "did you mean …?" for a word already
//! typed that is no known word.
//!
//! It knows the command language's grammar ([`crate::command::COMMANDS`]): command words, node
//! names of the kinds each position takes (`link s2s VNET SITE`: VNets with a VPN gateway first for
//! the first end, then sites for the second), property keys from the tables of [`crate::props`]
//! (`key=`, or a bare flag) and their values (the SKUs of the design's catalog era, protocols,
//! booleans, the link's ends, Azure regions, peering locations quoted when they hold a space),
//! link kinds, and `auto/N` where a prefix goes. It costs one pass over the design's nodes (and
//! links, for link ends) at most: a keystroke at 10,000 VNets stays well under 2 ms (`benches/model.rs`).

use crate::command::{COMMANDS, command_words, syntax_of};
use crate::design::Design;

mod options;
mod rank;
mod slots;
mod table;
mod types;
mod words;

pub use types::{Candidate, Completion, Expect};

/// Completes `line` at byte offset `cursor` (clamped to the line, and back to a character boundary)
/// against `design`.
///
/// # Examples
/// ```
/// use vnetsketch_model::complete::{Expect, complete};
/// use vnetsketch_model::{Design, run_script};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16\ngateway hub vpn VpnGw1AZ\nvnet spoke 10.1.0.0/16").unwrap();
/// let c = complete(&d, "link s2s ", 9);
/// assert_eq!(c.expects, Expect::VnetName);
/// assert_eq!(c.candidates[0].text, "hub", "a VNet with a VPN gateway first");
/// assert_eq!(c.syntax, Some("link s2s|p2s|v2v|peering|er A B [options]"));
/// ```
pub fn complete(design: &Design, line: &str, cursor: usize) -> Completion {
    let mut cursor = cursor.min(line.len());
    while !line.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let Some((done, current)) = words::split(line, cursor) else {
        return Completion {
            range: cursor..cursor,
            candidates: Vec::new(),
            syntax: None,
            expects: Expect::Nothing,
            suggestion: None,
        };
    };
    let range = current.start..current.end;
    let Some(verb) = done.first() else {
        return commands(&current.text, range);
    };
    let verb_text = verb.text.to_ascii_lowercase();
    let Some(mut syntax) = syntax_of(&verb_text) else {
        let words = command_words();
        let suggestion = crate::suggest::did_you_mean(&verb.text, words.iter().copied())
            .map(|near| format!("{}: did you mean {near}?", verb.text));
        return Completion {
            range,
            candidates: Vec::new(),
            syntax: None,
            expects: Expect::Nothing,
            suggestion,
        };
    };
    let line = slots::Line {
        design,
        verb: &verb_text,
        args: done[1..].iter().map(|t| t.text.as_str()).collect(),
    };
    if line.sets_design() {
        syntax = COMMANDS
            .iter()
            .find(|c| c.syntax.starts_with("set design"))
            .map_or(syntax, |c| c.syntax);
    }
    let found = line.candidates(&current);
    Completion {
        range: found.range.unwrap_or(range),
        candidates: found.candidates,
        syntax: Some(syntax),
        expects: found.expects,
        suggestion: line.suggestion(),
    }
}

/// The first word: the command words, with their docs.
fn commands(typed: &str, range: std::ops::Range<usize>) -> Completion {
    let items = command_words().into_iter().map(|word| rank::Item {
        text: word.into(),
        tier: 0,
        note: word,
    });
    let doc = |word: &&str| {
        COMMANDS
            .iter()
            .find(|c| c.syntax.split(' ').next() == Some(*word))
            .map_or_else(String::new, |c| c.doc.to_owned())
    };
    Completion {
        range,
        candidates: rank::rank(typed, items, doc),
        syntax: syntax_of(&typed.to_ascii_lowercase()),
        expects: Expect::Command,
        suggestion: None,
    }
}

#[cfg(test)]
mod tests;
