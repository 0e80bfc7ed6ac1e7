//! Every question the designer asks, answered with Enter: nothing is discarded, deleted or
//! overwritten, and no file is opened over unsaved work. Enter is "no" everywhere (issue 11, bug 1:
//! Enter at the unsaved-changes prompt used to quit without saving).

use crossterm::event::{KeyCode, KeyModifiers};

use super::action::{Action, Effect, SaveFailure};
use super::state::{App, Confirm, Mode, Selection};
use super::test_support::{HUB_SPOKE, app, command, key, press, screen};
use super::update::update;

/// Presses Enter; asserts the design is as it was and nothing destructive was asked of the shell.
fn enter_keeps_everything(a: &mut App, what: &str) {
    let before = a.doc.design.clone();
    let effects = key(a, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        !effects.iter().any(|e| matches!(
            e,
            Effect::Quit | Effect::Load(_) | Effect::Save { .. } | Effect::RemoveCopy(_)
        )),
        "{what}: Enter asked for {effects:?}"
    );
    assert_eq!(a.doc.design, before, "{what}: Enter changed the design");
}

#[test]
fn the_unsaved_changes_prompt_names_save_discard_and_cancel_and_enter_cancels() {
    let mut a = app("", 120, 40);
    command(&mut a, "vnet hub 10.0.0.0/16");
    press(&mut a, "q");
    assert_eq!(a.mode, Mode::Confirm(Confirm::Quit));
    let shown = screen(&a);
    for words in ["s save and quit", "d discard", "Esc/Enter cancel"] {
        assert!(shown.contains(words), "the prompt shows `{words}`:\n{shown}");
    }
    enter_keeps_everything(&mut a, "quit");
    assert_eq!(a.mode, Mode::Normal);
    assert!(a.doc.dirty(), "the edit is still there, unsaved");
    // `y` is not "quit without saving" either: the question stays.
    press(&mut a, "q");
    assert!(press(&mut a, "y").is_empty());
    assert_eq!(a.mode, Mode::Confirm(Confirm::Quit));
    assert_eq!(press(&mut a, "d"), vec![Effect::Quit], "d discards");
}

#[test]
fn enter_never_deletes_a_node_or_a_link() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "nd");
    assert!(matches!(a.mode, Mode::Confirm(Confirm::Delete(Selection::Node(_)))));
    enter_keeps_everything(&mut a, "delete a node");
    assert!(a.doc.design.vnet("hub").is_some());
    press(&mut a, "]d");
    assert!(matches!(a.mode, Mode::Confirm(Confirm::Delete(Selection::Link(_)))));
    enter_keeps_everything(&mut a, "delete a link");
    assert_eq!(a.doc.design.links().len(), 4);
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn enter_never_opens_another_file_over_unsaved_changes() {
    let mut a = app("", 120, 40);
    command(&mut a, "vnet hub 10.0.0.0/16");
    command(&mut a, "e elsewhere.ron");
    assert!(matches!(a.mode, Mode::Confirm(Confirm::Open(_))));
    enter_keeps_everything(&mut a, "open");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn enter_never_overwrites_a_file() {
    let mut a = app(HUB_SPOKE, 120, 40);
    update(
        &mut a,
        Action::Saved {
            path: "saves/taken.ron".into(),
            result: Err(SaveFailure::Exists),
        },
    );
    assert!(matches!(a.mode, Mode::Confirm(Confirm::Overwrite(_))));
    enter_keeps_everything(&mut a, "overwrite");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn enter_in_the_recovery_offer_neither_recovers_nor_discards() {
    let mut a = app(HUB_SPOKE, 120, 40);
    let offer = super::state::Offer {
        copy: "state/copy.ron".into(),
        file: None,
        design: vnetsketch_model::Design::default(),
        when: "now".into(),
        notes: Vec::new(),
        diff: Vec::new(),
        show_diff: false,
    };
    a.mode = Mode::Recover(Box::new(offer));
    enter_keeps_everything(&mut a, "recovery offer");
    assert!(matches!(a.mode, Mode::Recover(_)), "the offer waits for r, x or Esc");
}

#[test]
fn enter_closes_a_message_and_changes_nothing() {
    let mut a = app(HUB_SPOKE, 120, 40);
    a.mode = Mode::Message {
        title: "t".into(),
        text: "x".into(),
    };
    enter_keeps_everything(&mut a, "message");
    assert_eq!(a.mode, Mode::Normal);
}
