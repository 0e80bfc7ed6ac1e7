//! The `:` line's own commands ([`BUILTINS`]: `w`, `e`, `q`, `export`, `undo`, `redo`…), parsed into
//! a [`Builtin`]. Anything else on the line is the command language, which the model parses.

use std::path::PathBuf;

use vnetsketch_model::format::Format;

/// The app's own commands, for the help: `(syntax, what it does)`.
pub const BUILTINS: &[(&str, &str)] = &[
    ("w [PATH]", "save (with PATH: save as; refuses a file changed on disk)"),
    ("w! [PATH]", "save, overwriting what is on disk"),
    ("wq | x", "save, then quit"),
    (
        "e PATH",
        "open a design (RON or JSON; asks when there are unsaved changes)",
    ),
    ("e! PATH", "open, dropping unsaved changes"),
    ("q", "quit (asks when there are unsaved changes)"),
    ("q!", "quit without saving"),
    ("export json|ron PATH", "write the design as JSON (or RON) to PATH"),
    ("undo | redo", "undo or redo the last edit"),
    ("help", "this screen"),
];

/// The app's own commands' names, with what each does: the first words the `:` line completes
/// besides the command language's.
pub fn verbs() -> impl Iterator<Item = (&'static str, &'static str)> {
    BUILTINS.iter().flat_map(|(syntax, doc)| {
        syntax
            .split(" | ")
            .filter_map(|alt| alt.split_whitespace().next())
            .map(move |verb| (verb, *doc))
    })
}

/// The syntax and the doc of the app's own command `verb` (`w`, `q!`, `export`…), if it is one.
pub fn syntax(verb: &str) -> Option<(&'static str, &'static str)> {
    BUILTINS.iter().copied().find(|(syntax, _)| {
        syntax
            .split(" | ")
            .filter_map(|alt| alt.split_whitespace().next())
            .any(|v| v == verb)
    })
}

/// `true` when the word after `before` (the words typed so far) is a path: `w`, `e`, `export json`….
pub fn takes_path(before: &[&str]) -> bool {
    match before {
        [verb] => matches!(*verb, "w" | "w!" | "write" | "write!" | "e" | "e!" | "edit" | "open"),
        [verb, what] => *verb == "export" && matches!(what.to_ascii_lowercase().as_str(), "json" | "ron"),
        _ => false,
    }
}

/// One of the app's own commands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// Save: to `path` (save as) or to the opened file; `force` overwrites what is on disk.
    Write {
        /// Where to save (`None`: the opened file).
        path: Option<PathBuf>,
        /// Overwrite whatever is on disk.
        force: bool,
    },
    /// Save, then quit.
    WriteQuit,
    /// Open a design; `force` drops unsaved changes without asking.
    Edit {
        /// The file to open.
        path: PathBuf,
        /// Drop unsaved changes without asking.
        force: bool,
    },
    /// Quit; `force` drops unsaved changes without asking.
    Quit {
        /// Drop unsaved changes without asking.
        force: bool,
    },
    /// Write the design in `format` to `path`.
    Export {
        /// RON or JSON.
        format: Format,
        /// The target.
        path: PathBuf,
    },
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Show the help.
    Help,
}

/// The builtin `line` is (`None`: not a builtin, the command language's to parse), or why its
/// arguments are wrong.
pub fn parse(line: &str) -> Option<Result<Builtin, String>> {
    let (verb, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let path = (!rest.is_empty()).then(|| PathBuf::from(rest));
    let b = match verb {
        "w" | "write" => Builtin::Write { path, force: false },
        "w!" | "write!" => Builtin::Write { path, force: true },
        "wq" | "x" if rest.is_empty() => Builtin::WriteQuit,
        "e" | "e!" | "edit" | "open" => match path {
            Some(path) => Builtin::Edit {
                path,
                force: verb == "e!",
            },
            None => return Some(Err(format!("`{verb}`: expected a file name: e PATH"))),
        },
        "q" | "quit" if rest.is_empty() => Builtin::Quit { force: false },
        "q!" | "quit!" if rest.is_empty() => Builtin::Quit { force: true },
        "undo" if rest.is_empty() => Builtin::Undo,
        "redo" if rest.is_empty() => Builtin::Redo,
        "help" if rest.is_empty() => Builtin::Help,
        "export" => {
            let (what, file) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let format = match what.to_ascii_lowercase().as_str() {
                "json" => Format::Json,
                "ron" => Format::Ron,
                _ => return Some(Err(format!("`{what}`: expected json or ron: export json PATH"))),
            };
            if file.trim().is_empty() {
                return Some(Err("expected a file name: export json PATH".to_owned()));
            }
            Builtin::Export {
                format,
                path: PathBuf::from(file.trim()),
            }
        }
        _ => return None,
    };
    Some(Ok(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_parse_and_others_fall_through_to_the_language() {
        assert!(matches!(
            parse("w"),
            Some(Ok(Builtin::Write {
                path: None,
                force: false
            }))
        ));
        assert!(matches!(
            parse("w! a b.ron"),
            Some(Ok(Builtin::Write {
                path: Some(_),
                force: true
            }))
        ));
        assert!(matches!(
            parse("export json out.json"),
            Some(Ok(Builtin::Export {
                format: Format::Json,
                ..
            }))
        ));
        assert!(matches!(parse("export xml out"), Some(Err(_))));
        assert!(matches!(parse("e"), Some(Err(_))));
        assert!(parse("vnet hub 10.0.0.0/16").is_none());
        assert!(
            parse("q now").is_none(),
            "falls through to the language, which names the word"
        );
    }

    #[test]
    fn every_verb_parses_and_the_path_taking_ones_are_known() {
        let verbs: Vec<&str> = verbs().map(|(v, _)| v).collect();
        assert_eq!(
            verbs,
            [
                "w", "w!", "wq", "x", "e", "e!", "q", "q!", "export", "undo", "redo", "help"
            ]
        );
        for v in verbs {
            let line = match v {
                "e" | "e!" => "e x.ron".replace('e', v),
                "export" => "export json x.json".to_owned(),
                _ => v.to_owned(),
            };
            assert!(matches!(parse(&line), Some(Ok(_))), "{line}");
        }
        assert!(takes_path(&["w"]) && takes_path(&["e!"]) && takes_path(&["export", "JSON"]));
        assert!(!takes_path(&["export"]) && !takes_path(&["q"]) && !takes_path(&[]));
    }
}
