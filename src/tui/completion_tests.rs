//! Tab on the `:` line and in a file prompt (issue 11.5): the first word from the app's own
//! commands and the command language's; paths from the folder, listed by the shell (an effect,
//! never in update); the list shows while Tab goes through the candidates.

use crossterm::event::{KeyCode, KeyModifiers};

use super::action::Effect;
use super::shell::effects;
use super::state::{App, Mode};
use super::test_support::{HUB_SPOKE, app, key, press, screen};
use super::update::update;

fn line(a: &App) -> String {
    match &a.mode {
        Mode::Command { input, .. } | Mode::Prompt { input, .. } => input.text().to_owned(),
        m => panic!("no line: {m:?}"),
    }
}

fn tab(a: &mut App) -> Vec<Effect> {
    key(a, KeyCode::Tab, KeyModifiers::NONE)
}

/// Tab, with the folder listing the shell would do carried out.
fn tab_listing(a: &mut App) {
    for effect in tab(a) {
        assert!(matches!(effect, Effect::ListDir(_)), "{effect:?}");
        let reported = effects::perform(a, &effect).expect("a listing");
        update(a, reported);
    }
}

#[test]
fn the_first_word_completes_from_both_command_sets_and_tab_goes_through_them() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, ":gat");
    assert!(tab(&mut a).is_empty());
    assert_eq!(line(&a), "gateway ", "one candidate: taken, a space after");
    assert!(screen(&a).contains("gateway VNET vpn SKU"), "its syntax shows");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "e");
    tab(&mut a);
    let first = line(&a);
    assert!(["e", "e!", "export"].contains(&first.as_str()), "{first}");
    assert!(screen(&a).contains("Tab: next"), "the list shows:\n{}", screen(&a));
    tab(&mut a);
    assert_ne!(line(&a), first, "the next candidate");
    key(&mut a, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(line(&a), first, "Shift-Tab goes back");
    press(&mut a, "x");
    assert!(!screen(&a).contains("Tab: next"), "typing closes the list");
}

#[test]
fn paths_complete_from_the_folder_the_shell_lists() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("network.ron"), "").expect("file");
    std::fs::create_dir(dir.path().join("nets")).expect("folder");
    std::fs::write(dir.path().join(".hidden"), "").expect("file");
    let base = format!("{}/", dir.path().display());
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, &format!(":w {base}netw"));
    let effects = tab(&mut a);
    assert_eq!(
        effects,
        vec![Effect::ListDir(base.clone().into())],
        "the folder is the shell's to read"
    );
    let reported = effects::perform(&a, &effects[0]).expect("a listing");
    update(&mut a, reported);
    assert_eq!(line(&a), format!("w {base}network.ron "));
    // Two candidates: the shared start, then Tab goes through them.
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, &format!("e {base}n"));
    tab_listing(&mut a);
    assert_eq!(line(&a), format!("e {base}net"));
    tab_listing(&mut a);
    assert_eq!(line(&a), format!("e {base}nets/"));
    tab_listing(&mut a);
    assert_eq!(line(&a), format!("e {base}network.ron"));
    // The file prompt completes its path the same way.
    press(&mut a, "\x1bS");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, &format!("{base}nets"));
    tab_listing(&mut a);
    assert_eq!(line(&a), format!("{base}nets/"));
    assert!(matches!(a.mode, Mode::Prompt { .. }));
}

#[test]
fn the_models_completion_fills_names_keys_and_values_and_says_did_you_mean() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, ":set spoke1 reg");
    tab(&mut a);
    assert_eq!(line(&a), "set spoke1 region=", "a key waits for its value: no space");
    press(&mut a, "northeu");
    tab(&mut a);
    assert!(line(&a).starts_with("set spoke1 region=northeurope"), "{}", line(&a));
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "link s2s ");
    tab(&mut a);
    assert!(
        line(&a).starts_with("link s2s hub"),
        "a VNet with a VPN gateway first: {}",
        line(&a)
    );
    // An unknown word already typed: the model's "did you mean" shows in the status bar.
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    press(&mut a, "set hbu ");
    assert!(screen(&a).contains("did you mean hub"), "{}", screen(&a));
}

/// `:select NAME` (what a newcomer types before finding `/`): Tab completes node names, Enter
/// selects the node and brings it into view; a name that is no node's stays on the line with the
/// one it may have meant.
#[test]
fn select_completes_a_node_name_and_selects_it() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, ":select spoke");
    tab(&mut a);
    assert!(screen(&a).contains("Tab: next"), "two spokes listed:\n{}", screen(&a));
    assert_eq!(line(&a), "select spoke1");
    press(&mut a, "\n");
    assert_eq!(a.selected_node(), Some("spoke1"));
    assert_eq!(a.mode, Mode::Normal);
    press(&mut a, ":select spoek2\n");
    assert_eq!(line(&a), "select spoek2", "the line stays to be mended");
    let s = screen(&a);
    assert!(
        s.contains("spoek2") && s.contains("spoke2"),
        "says what it may have meant:\n{s}"
    );
    assert_eq!(a.selected_node(), Some("spoke1"), "nothing else selected");
}
