//! Tab on the `:` line and in a file prompt: the word at the cursor is completed from what can
//! stand there, as the model's completion says (commands, node names, keys, SKUs, values, regions),
//! with the app's own commands among the first words. The first Tab takes the one candidate that
//! continues the word, or extends the word to what those share, or takes the best; the list shows
//! above the line and each further Tab (Shift-Tab: back) takes the next. A path (`:w`, `:e`,
//! `:export json`, a file prompt) is completed from its folder, which the shell lists
//! ([`Effect::ListDir`], answered by [`Action::DirListed`](crate::tui::action::Action)), since
//! reading a folder is IO.

use std::ops::Range;
use std::path::PathBuf;

use vnetsketch_model::Design;
use vnetsketch_model::complete::{Expect, complete};

use crate::tui::action::Effect;
use crate::tui::action::builtin;
use crate::tui::state::{App, Assist, Candidate, Mode, TextInput};

/// What the word at the cursor is.
enum Want {
    /// A path: the bytes of the line it spans.
    Path(Range<usize>),
    /// One of these, replacing those bytes.
    Words(Range<usize>, Vec<Candidate>),
}

fn parts(mode: &mut Mode) -> Option<(&mut TextInput, &mut Assist, bool)> {
    match mode {
        Mode::Command { input, assist, .. } => Some((input, assist, false)),
        Mode::Prompt { input, assist, .. } => Some((input, assist, true)),
        _ => None,
    }
}

/// Tab (`forward`) or Shift-Tab: completes the word at the cursor, or takes the next candidate
/// while Tab goes through them. A path asks the shell for its folder first.
pub fn tab(app: &mut App, forward: bool) -> Vec<Effect> {
    let design = &app.doc.design;
    let Some((input, assist, prompt)) = parts(&mut app.mode) else {
        return Vec::new();
    };
    if let Some(at) = assist.at
        && assist.candidates.len() > 1
    {
        let n = assist.candidates.len();
        let next = if forward { (at + 1) % n } else { (at + n - 1) % n };
        take(input, assist, next);
        return Vec::new();
    }
    let (line, cursor) = (input.text().to_owned(), input.byte_cursor());
    match want(design, &line, cursor, prompt) {
        Want::Path(range) => {
            let typed = &line[range.clone()];
            let dir = typed.rfind('/').map_or("", |i| &typed[..=i]);
            assist.range = range;
            assist.listing = Some(dir.to_owned());
            vec![Effect::ListDir(PathBuf::from(dir))]
        }
        Want::Words(range, candidates) => {
            offer(input, assist, range, candidates);
            Vec::new()
        }
    }
}

/// The shell listed `dir`: the names that continue the path typed are the candidates (if the line
/// still waits for that folder).
pub fn listed(app: &mut App, dir: &std::path::Path, entries: Result<Vec<String>, String>) {
    let Some((input, assist, _)) = parts(&mut app.mode) else {
        return;
    };
    let Some(asked) = assist.listing.take().filter(|d| std::path::Path::new(d) == dir) else {
        return;
    };
    let names = match entries {
        Ok(names) => names,
        Err(e) => {
            app.error(e);
            return;
        }
    };
    let range = assist.range.clone();
    let Some(typed) = input.text().get(range.clone()) else {
        return;
    };
    let prefix = &typed[asked.len().min(typed.len())..];
    let candidates = names
        .into_iter()
        .filter(|n| n.starts_with(prefix) && (prefix.starts_with('.') || !n.starts_with('.')))
        .map(|n| Candidate {
            note: if n.ends_with('/') {
                "folder".to_owned()
            } else {
                String::new()
            },
            text: format!("{asked}{n}"),
        })
        .collect();
    offer(input, assist, range, candidates);
}

/// The first Tab: the one candidate that continues the word (or the only one), else what the
/// candidates that continue it share, else the best of them (the list shows; further Tabs go
/// through it).
fn offer(input: &mut TextInput, assist: &mut Assist, range: Range<usize>, candidates: Vec<Candidate>) {
    assist.range = range.clone();
    assist.at = None;
    assist.candidates = candidates;
    let typed = input.text().get(range).unwrap_or("").to_ascii_lowercase();
    let continuing: Vec<usize> = (0..assist.candidates.len())
        .filter(|i| assist.candidates[*i].text.to_ascii_lowercase().starts_with(&typed))
        .collect();
    let only = match (continuing.as_slice(), assist.candidates.len()) {
        ([one], _) => Some(*one),
        ([], 1) => Some(0),
        _ => None,
    };
    if let Some(i) = only {
        take(input, assist, i);
        // A whole word is done: the next one starts after a space (a key waits for its value,
        // a folder for its file).
        let done = &assist.candidates[i].text;
        if !done.ends_with(['=', '/']) && input.byte_cursor() == input.text().len() {
            input.insert(' ');
        }
        assist.candidates.clear();
        assist.at = None;
        return;
    }
    let shared = shared_start(continuing.iter().map(|i| assist.candidates[*i].text.as_str()));
    if shared.len() > typed.len() {
        let start = assist.range.start;
        input.replace(assist.range.clone(), &shared);
        assist.range = start..start + shared.len();
    } else if !assist.candidates.is_empty() {
        take(input, assist, continuing.first().copied().unwrap_or(0));
    }
}

/// Puts candidate `i` in the line in place of the word.
fn take(input: &mut TextInput, assist: &mut Assist, i: usize) {
    let Some(c) = assist.candidates.get(i) else { return };
    let start = assist.range.start;
    input.replace(assist.range.clone(), &c.text);
    assist.range = start..start + c.text.len();
    assist.at = Some(i);
}

/// The longest start every text shares (on character boundaries).
fn shared_start<'a>(mut texts: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = texts.next() else {
        return String::new();
    };
    let mut len = first.len();
    for t in texts {
        len = first
            .char_indices()
            .zip(t.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    first[..len].to_owned()
}

/// The words of `words` that start with `typed`, each with its note, as candidates.
fn starting<'a, N: ToString>(typed: &str, words: impl Iterator<Item = (&'a str, N)>) -> Vec<Candidate> {
    words
        .filter(|(word, _)| word.starts_with(typed))
        .map(|(word, note)| Candidate {
            text: word.to_owned(),
            note: note.to_string(),
        })
        .collect()
}

/// The word at byte `cursor` of `line` and what can stand there: a path after the app's own
/// commands that take one (and in a prompt), else what the model's completion says, with the app's
/// own commands among the first words.
fn want(design: &Design, line: &str, cursor: usize, prompt: bool) -> Want {
    if prompt {
        return Want::Path(0..line.len());
    }
    let cursor = cursor.min(line.len());
    let start = line[..cursor].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let end = line[cursor..]
        .find(char::is_whitespace)
        .map_or(line.len(), |i| cursor + i);
    let before: Vec<&str> = line[..start].split_whitespace().collect();
    if builtin::takes_path(&before) {
        return Want::Path(start..end);
    }
    if builtin::takes_node(&before) {
        let names = design
            .nodes()
            .iter()
            .map(|(n, node)| (n.as_str(), node.kind().to_string()));
        return Want::Words(start..end, starting(&line[start..cursor], names));
    }
    if let Some(choices) = builtin::choices(&before) {
        let typed = line[start..cursor].to_ascii_lowercase();
        return Want::Words(start..end, starting(&typed, choices.into_iter()));
    }
    let found = complete(design, line, cursor);
    if found.expects == Expect::Path {
        return Want::Path(found.range);
    }
    let mut candidates: Vec<Candidate> = found
        .candidates
        .into_iter()
        .map(|c| Candidate {
            text: c.text,
            note: c.note,
        })
        .collect();
    if before.is_empty() {
        let typed = &line[start..cursor];
        for (verb, doc) in builtin::verbs().filter(|(v, _)| v.starts_with(typed)) {
            if !candidates.iter().any(|c| c.text == verb) {
                candidates.push(Candidate {
                    text: verb.to_owned(),
                    note: doc.to_owned(),
                });
            }
        }
    }
    Want::Words(found.range, candidates)
}
