//! State-machine tests of `update`: keys in, design and mode out. No terminal, no files except where
//! an effect is carried out on purpose (in a temp folder).

use crossterm::event::{KeyCode, KeyModifiers};
use vnetsketch_model::{LinkKind, Pos};

use super::action::{Action, Effect, Mouse, MouseKind, SaveFailure, SaveMode};
use super::shell::effects;
use super::state::{App, Confirm, Focus, Mode, Purpose, Selection};
use super::test_support::{HUB_SPOKE, app, command, key, press, screen, status_says};
use super::update;

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    key(app, KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn keys_place_a_vnet_at_the_cursor_and_select_it() {
    let mut a = app("", 120, 40);
    press(&mut a, "llllljj");
    assert_eq!(a.canvas.cursor, Pos { x: 7, y: 3 });
    press(&mut a, "v");
    assert!(matches!(&a.mode, Mode::Command { input, place: true, .. } if input.text() == "vnet "));
    press(&mut a, "hub 10.0.0.0/16\n");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.doc.design.vnet("hub").map(|v| v.pos), Some(Pos { x: 7, y: 3 }));
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    // Adding and placing is one step.
    press(&mut a, "u");
    assert!(a.doc.design.nodes().is_empty());
    ctrl(&mut a, 'r');
    assert_eq!(a.doc.design.vnet("hub").map(|v| v.pos), Some(Pos { x: 7, y: 3 }));
}

#[test]
fn undo_and_redo_are_unlimited() {
    let mut a = app("", 120, 40);
    for i in 0..40 {
        command(&mut a, &format!("vnet v{i} 10.{i}.0.0/16"));
    }
    assert_eq!(a.doc.design.nodes().len(), 40);
    for _ in 0..40 {
        press(&mut a, "u");
    }
    assert!(a.doc.design.nodes().is_empty());
    assert!(!a.doc.dirty(), "back to the state it was opened in");
    press(&mut a, "u");
    assert_eq!(
        a.messages.status.as_ref().map(|s| s.1.as_str()),
        Some("nothing to undo")
    );
    for _ in 0..40 {
        ctrl(&mut a, 'y');
    }
    assert_eq!(a.doc.design.nodes().len(), 40);
    command(&mut a, "undo");
    command(&mut a, "redo");
    assert_eq!(a.doc.design.nodes().len(), 40);
    // `U` redoes, as in helix (a newcomer's first guess after `u`).
    press(&mut a, "uuU");
    assert_eq!(a.doc.design.nodes().len(), 39);
    assert!(a.messages.status.as_ref().is_some_and(|s| s.1.starts_with("redone")));
}

/// A recovery copy written in the middle of a run of moves (every 25 edits: a long drag) neither
/// splits its undo step nor resets its speed.
#[test]
fn a_recovery_copy_written_meanwhile_does_not_end_a_run_of_moves() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "n");
    let start = a.doc.design.vnet("hub").map(|v| v.pos).expect("hub");
    let mut steady = app(HUB_SPOKE, 120, 40);
    press(&mut steady, "n");
    for i in 0..12 {
        press(&mut a, "L");
        press(&mut steady, "L");
        if i == 5 {
            let edits = a.doc.edits;
            update::update(
                &mut a,
                Action::Autosaved {
                    edits,
                    result: Ok("copy.ron".into()),
                },
            );
        }
    }
    let (moved, steady) = (
        a.doc.design.vnet("hub").map(|v| v.pos),
        steady.doc.design.vnet("hub").map(|v| v.pos),
    );
    assert_eq!(moved, steady, "the same speed-up as a run without a copy written");
    press(&mut a, "u");
    assert_eq!(a.doc.design.vnet("hub").map(|v| v.pos), Some(start), "one undo step");
}

#[test]
fn a_run_of_moves_is_one_undo_step_and_the_cursor_follows() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "n");
    let before = a.doc.design.vnet("hub").map(|v| v.pos).expect("hub");
    press(&mut a, "LLLJ");
    key(&mut a, KeyCode::Right, KeyModifiers::SHIFT);
    assert_eq!(
        a.doc.design.vnet("hub").map(|v| v.pos),
        Some(Pos {
            x: before.x + 4,
            y: before.y + 1
        })
    );
    press(&mut a, "u");
    assert_eq!(a.doc.design.vnet("hub").map(|v| v.pos), Some(before));
}

#[test]
fn a_link_drawn_by_keys_takes_the_natural_kind() {
    let mut a = app("vnet hub 10.0.0.0/16\nsite office 192.168.0.0/24", 120, 40);
    press(&mut a, "nc");
    assert!(matches!(a.mode, Mode::Link { .. }));
    press(&mut a, "\t");
    assert!(matches!(&a.mode, Mode::Link { kind: LinkKind::S2s, target: Some(t), .. } if t == "office"));
    press(&mut a, "\n");
    assert_eq!(a.mode, Mode::Normal);
    let link = a.doc.design.links().values().next().expect("a link");
    assert_eq!(
        (link.kind, link.a.as_str(), link.b.as_str()),
        (LinkKind::S2s, "hub", "office")
    );
    // The source stays selected, the cursor on it: the next link starts from it (issue 15.3).
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    // The model reports the missing gateway; the UI only shows it.
    assert!(a.doc.report.findings.iter().any(|f| f.rule == "link-needs-gateway"));
    assert!(screen(&a).contains("link-needs-gateway"));
}

#[test]
fn a_link_the_model_refuses_is_refused_with_its_reason_and_the_mode_stays() {
    // The user group has its P2S link already: the model refuses a second one.
    let mut a = app(
        "vnet hub 10.0.0.0/16\nvnet other 10.1.0.0/16\nusers road 172.16.0.0/24 clients=5\nlink p2s hub road",
        120,
        40,
    );
    press(&mut a, "nnc2\t");
    assert_eq!(a.selected_node(), Some("other"));
    press(&mut a, "\n");
    assert_eq!(a.doc.design.links().len(), 1);
    assert!(matches!(
        a.mode,
        Mode::Link {
            kind: LinkKind::P2s,
            ..
        }
    ));
    let (_, message) = a.messages.status.clone().expect("a reason");
    assert!(message.contains("link refused"), "{message}");
    assert!(screen(&a).contains("link refused"));
    press(&mut a, "\x1b");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn a_bad_cidr_is_refused_in_place_and_the_typed_text_is_kept() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "n\t");
    assert_eq!(a.panes.focus, Focus::Inspector);
    press(&mut a, "j\n"); // prefixes
    assert!(matches!(&a.mode, Mode::Field { key, input, .. } if key == "prefixes" && input.text() == "10.0.0.0/16"));
    press(&mut a, "\x08"); // not a key the field binds: ignored
    key(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    key(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    press(&mut a, "33\n");
    match &a.mode {
        Mode::Field {
            input, error: Some(e), ..
        } => {
            assert_eq!(input.text(), "10.0.0.0/33");
            assert!(e.contains("10.0.0.0/33"), "{e}");
        }
        other => panic!("expected the field to stay open with the error, got {other:?}"),
    }
    assert_eq!(
        a.doc.design.vnet("hub").map(|v| v.prefixes[0].to_string()),
        Some("10.0.0.0/16".into())
    );
    assert!(screen(&a).contains("10.0.0.0/33"));
    key(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    key(&mut a, KeyCode::Backspace, KeyModifiers::NONE);
    press(&mut a, "16,10.9.0.0/16\n");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.doc.design.vnet("hub").map(|v| v.prefixes.len()), Some(2));
}

#[test]
fn choices_cycle_through_the_models_list_and_undo() {
    let mut a = app("vnet hub 10.0.0.0/16", 120, 40);
    press(&mut a, "n\t");
    let row = a
        .inspector_rows()
        .iter()
        .position(|r| r.key == "vpn-sku")
        .expect("vpn-sku row");
    for _ in 0..row {
        press(&mut a, "j");
    }
    press(&mut a, " ");
    let sku = a
        .doc
        .design
        .vnet("hub")
        .and_then(|v| v.vpn.as_ref())
        .map(|g| g.sku.to_string());
    assert!(sku.is_some(), "the first SKU after none was set");
    assert!(
        a.doc.estimate.gateways_of("hub").next().is_some(),
        "the estimate follows"
    );
    key(&mut a, KeyCode::Left, KeyModifiers::NONE);
    assert!(a.doc.design.vnet("hub").is_some_and(|v| v.vpn.is_none()));
    press(&mut a, "uu");
    assert!(a.doc.design.vnet("hub").is_some_and(|v| v.vpn.is_none()));
}

#[test]
fn renaming_in_the_inspector_keeps_the_selection() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "n\t\n");
    ctrl(&mut a, 'u');
    press(&mut a, "core\n");
    assert_eq!(a.panes.selection, Selection::Node("core".into()));
    assert!(a.doc.design.links().values().filter(|l| l.a == "core").count() >= 4);
}

#[test]
fn delete_asks_first_and_can_be_undone() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "nd");
    assert!(matches!(a.mode, Mode::Confirm(Confirm::Delete(_))));
    press(&mut a, "n");
    assert!(a.doc.design.vnet("hub").is_some());
    press(&mut a, "dy");
    assert!(a.doc.design.vnet("hub").is_none());
    assert!(a.doc.design.links().values().all(|l| l.a != "hub"));
    assert_eq!(a.panes.selection, Selection::None);
    press(&mut a, "u");
    assert_eq!(a.doc.design.links().len(), 4);
}

#[test]
fn selecting_a_finding_selects_and_highlights_what_it_names() {
    let mut a = app(
        "vnet hub 10.0.0.0/16\nsite office 192.168.0.0/24\nlink s2s hub office",
        120,
        40,
    );
    press(&mut a, "\t\t");
    assert_eq!(a.panes.focus, Focus::Findings);
    let i = super::test_support::finding_index(&a, "link-needs-gateway");
    while a.panes.finding != Some(i) {
        press(&mut a, "j");
    }
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    let f = a.highlighted().expect("highlighted");
    assert!(f.nodes.contains(&"hub".to_owned()) && !f.links.is_empty());
    assert!(a.findings_of_selection().iter().any(|f| f.rule == "link-needs-gateway"));
    // Moving what it names changes no finding: the highlight stays while the node moves.
    command(&mut a, "move hub 40 12");
    assert_eq!(a.doc.design.vnet("hub").map(|v| v.pos), Some(Pos { x: 40, y: 12 }));
    assert_eq!(a.highlighted().map(|f| f.rule), Some("link-needs-gateway"));
    // Fixing it through the command line updates the findings at once.
    command(&mut a, "gateway hub vpn VpnGw1AZ");
    assert!(!a.doc.report.findings.iter().any(|f| f.rule == "link-needs-gateway"));
    assert!(a.doc.estimate.links[0].mbps.is_some());
}

#[test]
fn the_command_line_names_the_bad_word_keeps_the_line_and_has_a_history() {
    let mut a = app("", 120, 40);
    command(&mut a, "vnet hub 10.0.0.0/33");
    match &a.mode {
        Mode::Command {
            input, error: Some(e), ..
        } => {
            assert_eq!(input.text(), "vnet hub 10.0.0.0/33");
            assert!(e.contains("`10.0.0.0/33`"), "{e}");
        }
        other => panic!("expected the line kept with its error, got {other:?}"),
    }
    ctrl(&mut a, 'u');
    press(&mut a, "vnet hub 10.0.0.0/16\n");
    command(&mut a, "link p2s hub hub");
    assert!(matches!(&a.mode, Mode::Command { error: Some(e), .. } if e.contains("two different ends")));
    press(&mut a, "\x1b:");
    key(&mut a, KeyCode::Up, KeyModifiers::NONE);
    assert!(matches!(&a.mode, Mode::Command { input, .. } if input.text() == "link p2s hub hub"));
    key(&mut a, KeyCode::Up, KeyModifiers::NONE);
    assert!(matches!(&a.mode, Mode::Command { input, .. } if input.text() == "vnet hub 10.0.0.0/16"));
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    key(&mut a, KeyCode::Down, KeyModifiers::NONE);
    assert!(matches!(&a.mode, Mode::Command { input, .. } if input.text().is_empty()));
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut a = app("", 120, 40);
    assert_eq!(press(&mut a, "q"), vec![Effect::Quit], "nothing to lose: quits at once");
    command(&mut a, "vnet hub 10.0.0.0/16");
    assert!(press(&mut a, "q").is_empty());
    assert_eq!(a.mode, Mode::Confirm(Confirm::Quit));
    assert!(press(&mut a, "n").is_empty());
    assert_eq!(a.mode, Mode::Normal);
    assert!(command(&mut a, "q").is_empty(), ":q asks too");
    assert!(press(&mut a, "y").is_empty(), "y is no answer to unsaved changes");
    assert_eq!(press(&mut a, "d"), vec![Effect::Quit]);
    assert_eq!(command(&mut a, "q!"), vec![Effect::Quit]);
    // Save first: asks for a name, saves, then quits.
    press(&mut a, "q");
    assert!(press(&mut a, "s").is_empty());
    assert!(matches!(
        a.mode,
        Mode::Prompt {
            purpose: Purpose::SaveAs,
            ..
        }
    ));
    let effects = press(&mut a, "\n");
    let [
        Effect::Save {
            path,
            mode: SaveMode::New,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_string_lossy(), "saves/untitled.ron");
    let stamp = crate::io::Stamp::of_file(std::path::Path::new("Cargo.toml")).expect("a stamp");
    let after = update::update(
        &mut a,
        Action::Saved {
            path: path.clone(),
            result: Ok(stamp),
        },
    );
    assert_eq!(after, vec![Effect::Quit]);
    assert!(!a.doc.dirty());
}

#[test]
fn saving_round_trips_through_the_effects_and_guards_existing_files() {
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("net.ron");
    let mut a = app(HUB_SPOKE, 120, 40);
    a.saves_dir = dir.path().to_path_buf();
    command(&mut a, "vnet extra 10.50.0.0/16");
    let effects = command(&mut a, &format!("w {}", target.display()));
    assert_eq!(
        effects,
        vec![Effect::Save {
            path: target.clone(),
            mode: SaveMode::New
        }]
    );
    let result = effects::perform(&a, &effects[0]).expect("reported");
    assert!(update::update(&mut a, result).is_empty());
    assert!(!a.doc.dirty());
    assert_eq!(a.doc.file.path.as_ref(), Some(&target));
    let back = crate::io::read_design(&target).expect("saved file loads").design;
    assert_eq!(back, a.doc.design);
    // Save again: to the same file, guarded by its stamp.
    command(&mut a, "delete extra");
    let effects = ctrl(&mut a, 's');
    assert_eq!(
        effects,
        vec![Effect::Save {
            path: target.clone(),
            mode: SaveMode::Update
        }]
    );
    // Someone else changes the file: the save is refused with the reason.
    std::fs::write(&target, "(version: 1)").expect("external edit");
    let result = effects::perform(&a, &effects[0]).expect("reported");
    update::update(&mut a, result);
    assert!(status_says(&a, "changed on disk"), "{:?}", a.messages.status);
    assert!(a.doc.dirty());
    // Export JSON.
    let json = dir.path().join("net.json");
    let effects = command(&mut a, &format!("export json {}", json.display()));
    let result = effects::perform(&a, &effects[0]).expect("reported");
    update::update(&mut a, result);
    assert!(vnetsketch_model::format::load(&std::fs::read_to_string(&json).expect("json"), None).is_ok());
}

#[test]
fn an_unreadable_file_is_never_overwritten_without_asking() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("broken.ron");
    std::fs::write(
        &path,
        "(version: 1, vnets: [(name: \"a\", address_space: [\"10.0.0.0/40\"])])",
    )
    .expect("write");
    let mut a = super::shell::open::open_app_in(Some(&path), None);
    a.saves_dir = dir.path().to_path_buf();
    assert!(a.doc.file.unreadable);
    assert!(matches!(&a.mode, Mode::Message { text, .. } if text.contains("broken.ron:1:")));
    press(&mut a, "\n");
    command(&mut a, "vnet hub 10.0.0.0/16");
    assert!(ctrl(&mut a, 's').is_empty(), "saving asks for a name");
    let Mode::Prompt { input, .. } = &a.mode else {
        panic!("{:?}", a.mode)
    };
    assert_ne!(input.text(), path.display().to_string());
    // Even typing the broken file's name asks before overwriting it.
    press(&mut a, "\x1b");
    let effects = command(&mut a, &format!("w {}", path.display()));
    let result = effects::perform(&a, &effects[0]).expect("reported");
    assert!(matches!(
        &result,
        Action::Saved {
            result: Err(SaveFailure::Exists),
            ..
        }
    ));
    update::update(&mut a, result);
    assert!(matches!(a.mode, Mode::Confirm(Confirm::Overwrite(_))));
    assert_eq!(
        press(&mut a, "y"),
        vec![Effect::Save {
            path: path.clone(),
            mode: SaveMode::Force
        }]
    );
}

#[test]
fn opening_a_file_asks_when_there_are_unsaved_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("other.json");
    std::fs::write(
        &path,
        vnetsketch_model::format::to_string(
            &super::test_support::app(HUB_SPOKE, 1, 1).doc.design,
            vnetsketch_model::format::Format::Json,
        ),
    )
    .expect("write");
    let mut a = app("", 120, 40);
    command(&mut a, "vnet hub 10.0.0.0/16");
    assert!(command(&mut a, &format!("e {}", path.display())).is_empty());
    let effects = press(&mut a, "d");
    assert_eq!(effects, vec![Effect::Load(path.clone())]);
    let result = effects::perform(&a, &effects[0]).expect("reported");
    update::update(&mut a, result);
    assert_eq!(a.doc.design.nodes().len(), 5);
    assert!(!a.doc.dirty());
    let missing = dir.path().join("missing.ron");
    let effects = command(&mut a, &format!("e {}", missing.display()));
    let result = effects::perform(&a, &effects[0]).expect("reported");
    update::update(&mut a, result);
    assert!(matches!(&a.mode, Mode::Message { text, .. } if text.contains("missing.ron")));
    assert_eq!(a.doc.design.nodes().len(), 5, "a failed open changes nothing");
}

#[test]
fn the_mouse_selects_drags_and_scrolls() {
    let mut a = app(HUB_SPOKE, 120, 40);
    let hub = a.doc.design.vnet("hub").map(|v| v.pos).expect("hub");
    // The canvas starts at column 1, row 1 (inside its border); the view starts at 0,0.
    let at = |p: Pos, kind| {
        Action::Mouse(Mouse {
            kind,
            col: (p.x + 2) as u16,
            row: (p.y + 2) as u16,
        })
    };
    update::update(&mut a, at(hub, MouseKind::Down));
    assert_eq!(a.panes.selection, Selection::Node("hub".into()));
    for dx in 1..=5 {
        update::update(
            &mut a,
            at(
                Pos {
                    x: hub.x + dx,
                    y: hub.y + 1,
                },
                MouseKind::Drag,
            ),
        );
    }
    update::update(
        &mut a,
        at(
            Pos {
                x: hub.x + 5,
                y: hub.y + 1,
            },
            MouseKind::Up,
        ),
    );
    assert_eq!(
        a.doc.design.vnet("hub").map(|v| v.pos),
        Some(Pos {
            x: hub.x + 5,
            y: hub.y + 1
        })
    );
    press(&mut a, "u");
    assert_eq!(
        a.doc.design.vnet("hub").map(|v| v.pos),
        Some(hub),
        "a drag is one undo step"
    );
    // A click on empty canvas clears the selection; the wheel pans.
    update::update(
        &mut a,
        Action::Mouse(Mouse {
            kind: MouseKind::Down,
            col: 60,
            row: 20,
        }),
    );
    assert_eq!(a.panes.selection, Selection::None);
    update::update(
        &mut a,
        Action::Mouse(Mouse {
            kind: MouseKind::ScrollDown,
            col: 60,
            row: 20,
        }),
    );
    assert_eq!(a.canvas.scroll.y, 3);
    // A click on a finding (the findings pane starts at row 29) selects it and what it names.
    update::update(
        &mut a,
        Action::Mouse(Mouse {
            kind: MouseKind::Down,
            col: 5,
            row: 30,
        }),
    );
    assert_eq!((a.panes.focus, a.panes.finding), (Focus::Findings, Some(0)));
    assert_ne!(a.panes.selection, Selection::None);
}

#[test]
fn help_is_generated_from_the_keymap_and_lists_the_language() {
    let mut a = app("", 120, 40);
    press(&mut a, "?");
    assert!(matches!(a.mode, Mode::Help { .. }));
    let text: String = super::action::manual::lines()
        .into_iter()
        .map(|l| l.text + "\n")
        .collect();
    for b in super::action::keymap::KEYMAP {
        assert!(text.contains(b.desc), "{} missing from the help", b.desc);
    }
    for c in vnetsketch_model::command::COMMANDS {
        assert!(text.contains(c.syntax));
    }
    key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    assert!(matches!(a.mode, Mode::Help { scroll } if scroll > 0));
    press(&mut a, "?");
    assert_eq!(a.mode, Mode::Normal);
}

#[test]
fn the_canvas_keeps_link_ends_across_moves_and_renews_them_after_other_edits() {
    let mut a = app(HUB_SPOKE, 120, 40);
    let before = a.doc.topology();
    command(&mut a, "move hub 40 12");
    assert!(
        std::rc::Rc::ptr_eq(&before, &a.doc.topology()),
        "a move changes no link end"
    );
    command(&mut a, "delete spoke1");
    assert!(a.doc.design.node("spoke1").is_none());
    let after = a.doc.topology();
    assert!(!std::rc::Rc::ptr_eq(&before, &after));
    assert_eq!(*after, vnetsketch_model::diagram::Topology::new(&a.doc.design));
    assert_ne!(*after, *before, "one peering fewer, and the nodes renumbered");
}

/// Adds a VNet with `v` and `line`, the cursor one cell into the box of `on`; gives the new box.
fn add_on(a: &mut App, on: &str, line: &str) -> vnetsketch_model::diagram::Rect {
    use vnetsketch_model::diagram::boxes::node_rect;
    let at = a
        .doc
        .design
        .node(on)
        .map(vnetsketch_model::Node::pos)
        .expect("the node");
    a.canvas.cursor = Pos {
        x: at.x + 1,
        y: at.y + 1,
    };
    press(a, "v");
    press(a, &format!("{line}\n"));
    let name = line.split_whitespace().next().expect("a name");
    a.doc.design.node(name).map(node_rect).expect("added")
}

#[test]
fn a_node_added_with_the_cursor_on_a_box_goes_to_the_nearest_free_place() {
    use vnetsketch_model::diagram::boxes::node_rect;
    let mut a = app(HUB_SPOKE, 120, 40);
    // A spoke of no region, like the VNet added: no frame is in the way.
    let spoke = a.doc.design.vnet("spoke1").map(|v| v.pos).expect("spoke1");
    let new = add_on(&mut a, "spoke1", "new 10.9.0.0/16");
    for other in a.doc.design.nodes().values().filter(|n| n.name() != "new") {
        assert!(!new.intersects(&node_rect(other)), "{new:?} covers {}", other.name());
    }
    assert!((new.y - spoke.y - 1).abs() <= 8, "near the cursor: {new:?}");
    // On the hub, inside its region's frame: a VNet of no region is kept out of the frame.
    let loose = add_on(&mut a, "hub", "loose 10.8.0.0/16");
    let frames = vnetsketch_model::diagram::frames(&a.doc.design);
    assert!(
        frames.iter().all(|f| !f.rect.intersects(&loose)),
        "{loose:?} is in a frame: {frames:?}"
    );
    press(&mut a, "u");
    press(&mut a, "u");
    assert!(a.doc.design.node("new").is_none(), "adding and placing is one step");
}

#[test]
fn an_uplink_edit_and_its_undo_show_what_a_full_analysis_shows() {
    use vnetsketch_model::analysis::analyze;
    let script = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ\n\
                  site office 192.168.0.0/24 ip=203.0.113.5 uplink=100\nlink s2s hub office";
    let mut a = app(script, 120, 40);
    let full = |a: &App| {
        let analysis = analyze(&a.doc.design);
        assert_eq!(a.doc.report, analysis.report);
        assert_eq!(a.doc.estimate, analysis.estimate);
        a.doc.report.findings.iter().any(|f| f.rule == "tput-shared")
    };
    assert!(!full(&a), "100 Mbps fits the gateway");
    let estimate = a.doc.estimate.clone();
    command(&mut a, "set office uplink=5000");
    assert!(
        full(&a),
        "5,000 Mbps is more than the gateway's aggregate: the finding shows at once"
    );
    assert_ne!(a.doc.estimate, estimate, "the link's figure follows the uplink");
    press(&mut a, "u");
    assert!(!full(&a), "undo takes the finding away");
    assert_eq!(a.doc.estimate, estimate);
    key(&mut a, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert!(full(&a), "redo brings it back");
}
