//! The shipped examples: each `.ron` is exactly what its `.vns` script builds, loads clean, and
//! `broken` fires at least eight different rules.
//!
//! After changing a script, regenerate with `VNETSKETCH_BLESS=1 cargo test --test it examples`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use vnetsketch_model::validate::{Severity, validate};
use vnetsketch_model::{Design, format, run_script};

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("assets/examples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "vns"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 6, "expected at least six example scripts");
    scripts
}

fn build(script: &Path) -> Design {
    let text = std::fs::read_to_string(script).expect("script");
    let mut d = Design::default();
    if let Err(e) = run_script(&mut d, &text) {
        panic!("{}: {e}", script.display());
    }
    d
}

#[test]
fn every_example_file_is_what_its_script_builds() {
    for script in examples() {
        let design = build(&script);
        let ron_path = script.with_extension("ron");
        let expected = format::to_ron(&design);
        if std::env::var_os("VNETSKETCH_BLESS").is_some() {
            std::fs::write(&ron_path, &expected).expect("write example");
        }
        let committed = std::fs::read_to_string(&ron_path).unwrap_or_default();
        assert!(
            committed == expected,
            "{} is stale; run VNETSKETCH_BLESS=1 cargo test --test it examples",
            ron_path.display()
        );
    }
}

#[test]
fn every_example_but_broken_loads_without_errors() {
    for script in examples() {
        if script.file_stem().is_some_and(|s| s == "broken") {
            continue;
        }
        let report = validate(&build(&script));
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", script.display());
        let warnings: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        assert!(warnings.is_empty(), "{}: {warnings:#?}", script.display());
    }
}

#[test]
fn the_broken_example_fires_at_least_eight_different_rules() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/broken.vns");
    let report = validate(&build(&script));
    let rules: BTreeSet<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert!(rules.len() >= 8, "only {} rules fire: {rules:?}", rules.len());
    assert!(report.count(Severity::Error) >= 5);
}
