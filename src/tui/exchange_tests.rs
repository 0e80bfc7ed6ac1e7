//! `:export FORMAT PATH` and `:import PATH...` (issue 13): every format the CLI exports, written
//! through the saves' atomic write and said on the message line; the format word completes; an
//! import becomes a new, unsaved design, laid out and validated, and over unsaved changes it asks
//! (Enter keeps everything).

use crossterm::event::{KeyCode, KeyModifiers};
use vnetsketch_model::diagram::node_box;

use super::action::Effect;
use super::action::builtin::ExportFormat;
use super::shell::effects;
use super::state::{App, Confirm, Mode};
use super::test_support::{HUB_SPOKE, app, command, key, press, status_says};
use super::update::update;

/// Runs the effects as the shell would and hands their results back to `update`.
fn perform(a: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        if let Some(reported) = effects::perform(a, &effect) {
            update(a, reported);
        }
    }
}

#[test]
fn export_writes_every_format_the_cli_has_and_says_what() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut a = app(HUB_SPOKE, 120, 40);
    for format in ExportFormat::all() {
        let path = dir.path().join(format!("out.{}", format.name()));
        let effects = command(&mut a, &format!("export {} {}", format.name(), path.display()));
        assert_eq!(
            effects,
            vec![Effect::Export {
                path: path.clone(),
                format
            }]
        );
        perform(&mut a, effects);
        let written = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", format.name()));
        let said = format!(
            "exported {} ({}, {} bytes)",
            path.display(),
            format.name(),
            written.len()
        );
        assert!(status_says(&a, &said), "{:?}", a.messages.status);
    }
    let svg = std::fs::read_to_string(dir.path().join("out.svg")).expect("svg");
    for name in a.doc.design.nodes().keys() {
        assert!(
            svg.contains(&format!("<g class=\"node\" data-name=\"{name}\"")),
            "{name}"
        );
    }
    assert!(!a.doc.dirty() || a.doc.file.path.is_none(), "an export is no save");
}

#[test]
fn a_failed_export_says_why_and_leaves_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut a = app(HUB_SPOKE, 120, 40);
    let path = dir.path().join("missing/folder/out.svg");
    let effects = command(&mut a, &format!("export svg {}", path.display()));
    perform(&mut a, effects);
    assert!(!path.exists());
    assert!(
        a.messages.status.as_ref().is_some_and(|s| s.1.contains("missing")),
        "{:?}",
        a.messages.status
    );
    command(&mut a, "export png out.png");
    assert!(status_says(&a, "expected a format"), "{:?}", a.messages.status);
}

#[test]
fn the_format_word_completes_after_export() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, ":export dr");
    key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    let Mode::Command { input, .. } = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_eq!(input.text(), "export drawio ");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "imp");
    key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    let Mode::Command { input, .. } = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert!(input.text().starts_with("import"), "{}", input.text());
}

/// The hub-and-spoke design as an ARM template: Azure JSON the import reads.
fn arm_file(dir: &std::path::Path) -> std::path::PathBuf {
    let source = app(HUB_SPOKE, 120, 40);
    let doc = &source.doc;
    let arm = vnetsketch_exchange::export(
        &doc.design,
        &doc.report,
        &doc.estimate,
        vnetsketch_exchange::Format::Arm,
    )
    .expect("arm");
    let path = dir.join("estate.json");
    std::fs::write(&path, arm).expect("write");
    path
}

#[test]
fn import_makes_a_new_laid_out_design_and_asks_over_unsaved_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let estate = arm_file(dir.path());
    let mut a = app("", 120, 40);
    command(&mut a, "vnet mine 10.9.0.0/16");
    let effects = command(&mut a, &format!("import {}", estate.display()));
    assert!(effects.is_empty());
    assert!(matches!(&a.mode, Mode::Confirm(Confirm::Import(p)) if p == &vec![estate.clone()]));
    press(&mut a, "\n");
    assert!(a.doc.design.node("mine").is_some(), "Enter keeps the unsaved design");
    assert_eq!(a.mode, Mode::Normal);

    command(&mut a, &format!("import {}", estate.display()));
    let effects = press(&mut a, "d");
    assert_eq!(effects, vec![Effect::Import(vec![estate.clone()])]);
    perform(&mut a, effects);
    assert!(a.doc.design.node("mine").is_none());
    assert!(a.doc.design.node("hub").is_some(), "the estate's VNets");
    assert_eq!(a.doc.file.path, None, "a new design");
    assert!(a.doc.dirty(), "an import is unsaved until written");
    assert!(matches!(&a.mode, Mode::Message { title, text } if title == "Imported" && text.contains("mapped")));
    assert!(status_says(&a, "imported"), "{:?}", a.messages.status);
    // Validated at once, and laid out: no two boxes overlap.
    assert_eq!(a.doc.report, vnetsketch_model::validate::validate(&a.doc.design));
    let boxes: Vec<_> = a.doc.design.nodes().values().map(|n| node_box(n).rect).collect();
    for (i, r) in boxes.iter().enumerate() {
        assert!(boxes[i + 1..].iter().all(|o| !o.intersects(r)), "{r:?} overlaps");
    }
}

#[test]
fn a_failed_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"value\": [").expect("write");
    let mut a = app(HUB_SPOKE, 120, 40);
    let before = a.doc.design.clone();
    let effects = command(&mut a, &format!("import! {}", bad.display()));
    perform(&mut a, effects);
    assert_eq!(a.doc.design, before);
    assert!(matches!(&a.mode, Mode::Message { title, .. } if title == "Could not import"));
}
