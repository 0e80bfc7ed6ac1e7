//! Shared test data: the shipped examples, generated designs, exports.

use std::path::PathBuf;

use vnetsketch_exchange::{Format, export};
use vnetsketch_model::analysis::analyze;
use vnetsketch_model::{Design, format};

/// The workspace root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fixture of this crate.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every shipped example (`assets/examples/*.ron`), by file stem.
pub fn examples() -> Vec<(String, Design)> {
    let mut out = Vec::new();
    let dir = root().join("assets/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("test data").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).expect("test data");
        let design = format::load(&text, None).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.push((p.file_stem().expect("test data").to_string_lossy().into_owned(), design));
    }
    assert!(
        out.len() >= 6,
        "the shipped examples are missing from {}",
        dir.display()
    );
    out
}

/// The examples plus a generated design of 150 VNets (every link kind, deliberate mistakes).
pub fn designs() -> Vec<(String, Design)> {
    let mut all = examples();
    all.push(("generated-150".into(), vnetsketch_model::generate::generate(150, 7)));
    all
}

/// `design` exported as `format`.
pub fn exported(design: &Design, format: Format) -> String {
    let a = analyze(design);
    export(design, &a.report, &a.estimate, format).unwrap_or_else(|e| panic!("{format}: {e}"))
}

/// A design from a command script.
pub fn script(text: &str) -> Design {
    let mut d = Design::default();
    vnetsketch_model::run_script(&mut d, text).unwrap_or_else(|e| panic!("{e}"));
    d
}
