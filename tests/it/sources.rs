//! `docs/sources.md` is the sources table of the model (`vnetsketch_model::sources`) for readers:
//! its table is exactly the data the binary prints, so the two cannot drift apart
//! (`VNETSKETCH_BLESS=1 cargo test --test it sources` rewrites the table from the data).

use std::fmt::Write as _;
use std::path::Path;

use vnetsketch_model::sources::SOURCES;

const BEGIN: &str = "<!-- sources:begin (generated from crates/model/src/sources.rs) -->\n";
const END: &str = "<!-- sources:end -->";

/// The doc's table, one row per source.
fn table() -> String {
    let mut s = String::from("| key | document | version read |\n|---|---|---|\n");
    for source in SOURCES {
        // A link into the repository (`docs/format.md`) is relative to the repository's root.
        let url = if source.url.starts_with("https://") {
            source.url.to_owned()
        } else {
            format!("../{}", source.url)
        };
        let _ = writeln!(s, "| `{}` | [{}]({url}) | {} |", source.key, source.title, source.read);
    }
    s
}

#[test]
fn docs_sources_md_lists_exactly_the_sources_table() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sources.md");
    let doc = std::fs::read_to_string(&path).expect("docs/sources.md");
    let (Some((head, rest)), true) = (doc.split_once(BEGIN), doc.contains(END)) else {
        panic!("docs/sources.md lacks the markers around its table");
    };
    let Some((committed, tail)) = rest.split_once(END) else {
        panic!("docs/sources.md: the end marker comes before the table")
    };
    if std::env::var_os("VNETSKETCH_BLESS").is_some() {
        std::fs::write(&path, format!("{head}{BEGIN}{}{END}{tail}", table())).expect("write");
        return;
    }
    assert!(
        committed == table(),
        "docs/sources.md's table differs from crates/model/src/sources.rs: run \
         `VNETSKETCH_BLESS=1 cargo test --test it sources`"
    );
}
