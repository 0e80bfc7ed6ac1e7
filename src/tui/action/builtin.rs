//! The `:` line's own commands ([`BUILTINS`]: `w`, `e`, `q`, `export`, `import`, `undo`, `redo`…),
//! parsed into a [`Builtin`]. Anything else on the line is the command language, which the model
//! parses. `export` takes every format the CLI's `export --to` takes ([`ExportFormat`]).

use std::path::PathBuf;

use vnetsketch_model::format::Format;

/// A format `:export` writes: the design file itself (RON, JSON) or one of the exchange formats
/// (pictures, infrastructure code, the report), the same list as the CLI's `export --to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The design as a design file.
    Design(Format),
    /// An exchange format of `vnetsketch-exchange`.
    Exchange(vnetsketch_exchange::Format),
}

impl ExportFormat {
    /// Every format, in the order the help and the completion list them.
    pub fn all() -> impl Iterator<Item = ExportFormat> {
        [ExportFormat::Design(Format::Ron), ExportFormat::Design(Format::Json)]
            .into_iter()
            .chain(vnetsketch_exchange::Format::ALL.into_iter().map(ExportFormat::Exchange))
    }

    /// The format's name on the `:` line and in the CLI (`ron`, `svg`, `terraform`…).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Design(Format::Ron) => "ron",
            ExportFormat::Design(Format::Json) => "json",
            ExportFormat::Exchange(x) => x.as_str(),
        }
    }

    /// What the format is, in a few words (the completion's note).
    pub fn doc(self) -> &'static str {
        use vnetsketch_exchange::Format as X;
        match self {
            ExportFormat::Design(Format::Ron) => "the design file (RON)",
            ExportFormat::Design(Format::Json) => "the design file as JSON",
            ExportFormat::Exchange(X::Svg) => "a picture of the diagram (SVG)",
            ExportFormat::Exchange(X::Drawio) => "an editable diagrams.net (draw.io) diagram",
            ExportFormat::Exchange(X::Mermaid) => "a Mermaid flowchart",
            ExportFormat::Exchange(X::Dot) => "Graphviz DOT",
            ExportFormat::Exchange(X::Terraform) => "Terraform (azurerm 4.x)",
            ExportFormat::Exchange(X::Arm) => "an ARM deployment template",
            ExportFormat::Exchange(X::Bicep) => "Bicep",
            ExportFormat::Exchange(X::Markdown) => "a Markdown design report",
            ExportFormat::Exchange(x) => x.as_str(),
        }
    }

    /// The format named `word` (any case).
    pub fn parse(word: &str) -> Option<ExportFormat> {
        ExportFormat::all().find(|f| f.name().eq_ignore_ascii_case(word))
    }
}

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
    (
        "export FORMAT PATH",
        "write the design as FORMAT to PATH: ron, json, svg, drawio, mermaid, dot, terraform, arm, bicep, markdown",
    ),
    (
        "import PATH...",
        "a new design from Azure JSON (ARM template, REST, Resource Graph, az CLI), laid out and checked; asks when there are unsaved changes",
    ),
    ("import! PATH...", "import, dropping unsaved changes"),
    ("undo | redo", "undo or redo the last edit"),
    (
        "select NAME",
        "select the node NAME and bring it into view (/ searches by name, address, SKU or region)",
    ),
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

/// `true` when the word after `before` (the words typed so far) is a path: `w`, `e`, `export svg`,
/// every word after `import`….
pub fn takes_path(before: &[&str]) -> bool {
    match before {
        [verb, ..] if matches!(*verb, "import" | "import!") => true,
        [verb] => matches!(*verb, "w" | "w!" | "write" | "write!" | "e" | "e!" | "edit" | "open"),
        [verb, what] => *verb == "export" && ExportFormat::parse(what).is_some(),
        _ => false,
    }
}

/// `true` when the word after `before` (the words typed so far) is a node's name: after `select`.
pub fn takes_node(before: &[&str]) -> bool {
    before == ["select"]
}

/// The words that can follow `before` when they are a fixed list (the formats after `export`), each
/// with what it is.
pub fn choices(before: &[&str]) -> Option<Vec<(&'static str, &'static str)>> {
    match before {
        ["export"] => Some(ExportFormat::all().map(|f| (f.name(), f.doc())).collect()),
        _ => None,
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
        /// The format.
        format: ExportFormat,
        /// The target.
        path: PathBuf,
    },
    /// Make a new design from Azure JSON files; `force` drops unsaved changes without asking.
    Import {
        /// The files.
        paths: Vec<PathBuf>,
        /// Drop unsaved changes without asking.
        force: bool,
    },
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Select the node of this name and bring it into view.
    Select {
        /// The node's name, as typed.
        name: String,
    },
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
        "select" => match rest.split_whitespace().collect::<Vec<_>>()[..] {
            [name] => Builtin::Select { name: name.to_owned() },
            [] => return Some(Err("`select`: expected a node name: select NAME".to_owned())),
            _ => return Some(Err(format!("`select {rest}`: one node name: select NAME"))),
        },
        "export" => {
            let (what, file) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let Some(format) = ExportFormat::parse(what) else {
                let names: Vec<&str> = ExportFormat::all().map(ExportFormat::name).collect();
                return Some(Err(format!(
                    "`{what}`: expected a format: export FORMAT PATH ({})",
                    names.join(", ")
                )));
            };
            if file.trim().is_empty() {
                return Some(Err(format!("expected a file name: export {} PATH", format.name())));
            }
            Builtin::Export {
                format,
                path: PathBuf::from(file.trim()),
            }
        }
        "import" | "import!" => {
            let paths: Vec<PathBuf> = rest.split_whitespace().map(PathBuf::from).collect();
            if paths.is_empty() {
                return Some(Err(format!("`{verb}`: expected Azure JSON files: import PATH...")));
            }
            Builtin::Import {
                paths,
                force: verb == "import!",
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
                format: ExportFormat::Design(Format::Json),
                ..
            }))
        ));
        assert!(matches!(
            parse("export SVG out.svg"),
            Some(Ok(Builtin::Export {
                format: ExportFormat::Exchange(vnetsketch_exchange::Format::Svg),
                ..
            }))
        ));
        assert!(matches!(parse("export xml out"), Some(Err(_))));
        assert!(matches!(parse("export svg"), Some(Err(_))));
        assert_eq!(
            parse("import a.json b.json"),
            Some(Ok(Builtin::Import {
                paths: vec![PathBuf::from("a.json"), PathBuf::from("b.json")],
                force: false
            }))
        );
        assert!(matches!(parse("import"), Some(Err(_))));
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
                "w", "w!", "wq", "x", "e", "e!", "q", "q!", "export", "import", "import!", "undo", "redo", "select",
                "help"
            ]
        );
        for v in verbs {
            let line = match v {
                "e" | "e!" => "e x.ron".replace('e', v),
                "export" => "export json x.json".to_owned(),
                "import" | "import!" => format!("{v} x.json"),
                "select" => "select hub".to_owned(),
                _ => v.to_owned(),
            };
            assert!(matches!(parse(&line), Some(Ok(_))), "{line}");
        }
        assert!(takes_path(&["w"]) && takes_path(&["e!"]) && takes_path(&["export", "JSON"]));
        assert!(takes_path(&["export", "drawio"]) && takes_path(&["import", "a.json"]));
        assert!(!takes_path(&["export"]) && !takes_path(&["q"]) && !takes_path(&[]));
        assert!(takes_node(&["select"]) && !takes_node(&["select", "hub"]) && !takes_path(&["select"]));
        assert!(matches!(parse("select"), Some(Err(_))) && matches!(parse("select a b"), Some(Err(_))));
        let formats = choices(&["export"]).expect("the formats");
        assert_eq!(formats.len(), 2 + vnetsketch_exchange::Format::ALL.len());
        assert!(formats.iter().all(|(f, _)| ExportFormat::parse(f).is_some()));
    }
}
