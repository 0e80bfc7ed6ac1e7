//! The recovery offer: a recovery copy of unsaved changes was found for the design being opened
//! (the shell looks; [`crate::recovery`] says what differs): recover it, show the differences,
//! discard it, or decide later.

use crate::tui::action::{Cmd, Effect};
use crate::tui::state::{App, History, Lookup, Mode, Offer, Selection};

/// Shows what `lookup` found: the offer's dialog, and the notes in the status line.
pub fn present(app: &mut App, lookup: Lookup) {
    app.autosave.unique = lookup.unique;
    if !lookup.notes.is_empty() {
        let mut text = app
            .messages
            .status
            .take()
            .map(|(_, t)| t)
            .into_iter()
            .collect::<Vec<_>>();
        text.extend(lookup.notes);
        app.info(text.join(" · "));
    }
    if let Some(offer) = lookup.offer {
        app.mode = Mode::Recover(offer);
    }
}

/// A key in the recovery dialog: R recover, D show or hide the differences, X discard the copy,
/// Esc decide later (the copy is kept and offered next time; this session writes its own).
pub fn answer(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let Mode::Recover(offer) = &mut app.mode else {
        return Vec::new();
    };
    match cmd {
        Cmd::ShowDifferences => {
            offer.show_diff = !offer.show_diff;
            Vec::new()
        }
        Cmd::Recover => {
            let Mode::Recover(offer) = std::mem::replace(&mut app.mode, Mode::Normal) else {
                return Vec::new();
            };
            // A copy of ours for the design this one replaces (opened with `:e!`) goes.
            let previous = app.autosave.written.take().filter(|p| *p != offer.copy);
            recover(app, *offer);
            previous.map(Effect::RemoveCopy).into_iter().collect()
        }
        Cmd::Discard => {
            let copy = offer.copy.clone();
            app.mode = Mode::Normal;
            app.info(format!("discarded the recovery copy {}", copy.display()));
            vec![Effect::RemoveCopy(copy)]
        }
        Cmd::Cancel => {
            let copy = offer.copy.clone();
            app.mode = Mode::Normal;
            app.autosave.unique = true;
            app.info(format!(
                "kept the recovery copy {} for later: it is offered again next time",
                copy.display()
            ));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// Takes the copy's design as the current one: unsaved, still belonging to the file, so that `:w`
/// writes the file. The copy stays until the design is saved or the app quits cleanly.
fn recover(app: &mut App, offer: Offer) {
    app.doc.design = offer.design;
    app.doc.history = History::default();
    app.doc.history.mark_modified();
    app.doc.edits += 1;
    app.panes.selection = Selection::None;
    if app.doc.file.unreadable {
        // The user chose this design for the file: saving writes it, after asking to overwrite.
        app.doc.file.unreadable = false;
        app.doc.file.stamp = None;
    }
    app.refresh();
    super::view::fit(app);
    app.autosave.written = Some(offer.copy);
    let target = app.doc.file.path.as_ref().map_or_else(
        || "saving asks for a name".to_owned(),
        |p| format!(":w writes {}", p.display()),
    );
    app.info(format!(
        "recovered {} nodes, {} links (unsaved; {target})",
        app.doc.design.nodes().len(),
        app.doc.design.links().len()
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::Duration;

    use crate::tui::action::Action;
    use crate::tui::shell::effects;
    use crate::tui::test_support::{HUB_SPOKE, app, command, press, status_says};
    use crate::tui::update;
    use crate::tui::update::autosave::IDLE;
    use vnetsketch_model::Design;

    /// Shows the offer of `design` from the recovery copy `copy`, with `notes` in the status line.
    fn offer(a: &mut App, copy: &str, design: &Design, notes: &[&str]) {
        let offer = Box::new(Offer {
            copy: copy.into(),
            file: a.doc.file.path.clone(),
            diff: crate::recovery::diff(&a.doc.design, design),
            design: design.clone(),
            when: "2026-11-23 10:00 UTC (5 minutes ago)".into(),
            notes: Vec::new(),
            show_diff: false,
        });
        let lookup = Lookup {
            offer: Some(offer),
            notes: notes.iter().map(|n| (*n).to_owned()).collect(),
            unique: false,
        };
        present(a, lookup);
    }

    const COPY: &str = "state/net-0000000000000000.ron";

    #[test]
    fn the_offer_recovers_shows_differences_discards_or_waits() {
        let mut a = app(HUB_SPOKE, 120, 40);
        a.doc.file.path = Some("net.ron".into());
        a.autosave.dir = Some("state".into());
        let mut changed = a.doc.design.clone();
        vnetsketch_model::run_script(&mut changed, "vnet extra 10.9.0.0/16").expect("edit");
        let copy = PathBuf::from(COPY);

        // D toggles the differences; nothing else happens.
        offer(&mut a, COPY, &changed, &[]);
        assert!(press(&mut a, "d").is_empty());
        assert!(matches!(&a.mode, Mode::Recover(o) if o.show_diff));
        assert!(press(&mut a, "q").is_empty(), "q does not leave the question");
        assert!(matches!(a.mode, Mode::Recover(_)));

        // X discards the copy.
        assert_eq!(press(&mut a, "X"), vec![Effect::RemoveCopy(copy.clone())]);
        assert_eq!(a.mode, Mode::Normal);
        assert!(!a.doc.dirty());

        // Esc keeps it for later: this session writes its own copy.
        offer(&mut a, COPY, &changed, &[]);
        assert!(press(&mut a, "\x1b").is_empty());
        assert!(a.autosave.unique);
        assert_eq!(a.autosave.written, None);

        // R recovers: the copy's design, unsaved, still the same file; the copy is ours now.
        offer(&mut a, COPY, &changed, &[]);
        assert!(press(&mut a, "r").is_empty());
        assert_eq!(a.doc.design, changed);
        assert!(a.doc.dirty());
        assert_eq!(a.doc.file.path, Some(PathBuf::from("net.ron")));
        assert_eq!(a.autosave.written, Some(copy));
        assert!(status_says(&a, "recovered 6 nodes"), "{:?}", a.messages.status);
        assert_eq!(
            command(&mut a, "w"),
            vec![Effect::Save {
                path: "net.ron".into(),
                mode: crate::tui::action::SaveMode::New
            }]
        );
    }

    #[test]
    fn undo_after_recovering_keeps_the_design_unsaved() {
        let mut a = app("", 120, 40);
        let mut changed = Design::default();
        vnetsketch_model::run_script(&mut changed, "vnet extra 10.9.0.0/16").expect("edit");
        offer(
            &mut a,
            "state/untitled-1.ron",
            &changed,
            &["another vnetsketch (pid 7) is editing it"],
        );
        assert!(status_says(&a, "pid 7"));
        press(&mut a, "R");
        command(&mut a, "vnet b 10.1.0.0/16");
        press(&mut a, "u");
        assert!(a.doc.dirty(), "the recovered design is not the file's");
    }

    /// Writes a recovery copy of `design` for `file` in `state`, as the process `pid` would.
    fn crashed_session(state: &std::path::Path, file: Option<&std::path::Path>, design: &Design, pid: u32) -> PathBuf {
        let path = crate::recovery::copy_path(state, file, pid, false);
        let header = crate::recovery::Header {
            pid,
            ..crate::recovery::Header::now(file)
        };
        crate::recovery::write_copy(&path, design, &header).expect("write the copy");
        path
    }

    #[test]
    fn opening_a_file_offers_an_orphaned_copy_and_cleans_up() {
        let dir = tempfile::tempdir().expect("tmp");
        let state = dir.path().join("state");
        let file = dir.path().join("net.ron");
        let saved = app(HUB_SPOKE, 1, 1).doc.design;
        crate::io::save_design(&file, &saved, None, crate::io::Overwrite::Force).expect("save");
        std::fs::write(dir.path().join(".net.ron.999.0.tmp"), "half a save").expect("stray");
        std::fs::write(dir.path().join(".net.ron.999.1.tmp"), "half a save").expect("stray");
        let gone = u32::MAX - 3;

        // A copy identical to the file is stale: removed, nothing offered; so is what a killed
        // autosave left beside it.
        let identical = crashed_session(&state, Some(&file), &saved, gone);
        let leftovers = [
            crate::io::backup_path(&identical),
            state.join(format!(
                ".{}.999.0.tmp",
                identical.file_name().expect("name").to_string_lossy()
            )),
        ];
        for path in &leftovers {
            std::fs::write(path, "left by a killed autosave").expect("write");
        }
        let a = crate::tui::shell::open::open_app_in(Some(&file), Some(&state));
        assert_eq!(a.mode, Mode::Normal);
        assert!(!identical.exists());
        assert!(leftovers.iter().all(|p| !p.exists()), "{leftovers:?}");
        assert!(
            status_says(&a, "removed 2 temporary file(s)"),
            "{:?}",
            a.messages.status
        );
        assert!(!dir.path().join(".net.ron.999.0.tmp").exists());

        // A copy that differs, from a session that is gone: offered, with the differences.
        let mut edited = saved.clone();
        vnetsketch_model::run_script(&mut edited, "vnet extra 10.9.0.0/16").expect("edit");
        let copy = crashed_session(&state, Some(&file), &edited, gone);
        drop(a); // the session above quits: it held the file
        let mut a = crate::tui::shell::open::open_app_in(Some(&file), Some(&state));
        let Mode::Recover(offer) = &a.mode else {
            panic!("{:?}", a.mode)
        };
        assert_eq!(offer.copy, copy);
        assert!(
            offer
                .question()
                .starts_with(&format!("Recovered unsaved changes for {}", file.display()))
        );
        assert!(offer.diff.iter().any(|l| l == "+ vnet extra"), "{:?}", offer.diff);
        assert!(press(&mut a, "r").is_empty());
        assert_eq!(a.doc.design, edited);
        // Saving writes the file and removes the copy.
        let effects = command(&mut a, "w");
        let result = effects::perform(&a, &effects[0]).expect("reported");
        let effects = update::update(&mut a, result);
        assert_eq!(effects, vec![Effect::RemoveCopy(copy.clone())]);
        effects::perform(&a, &effects[0]);
        assert!(!copy.exists());
        assert_eq!(crate::io::read_design(&file).expect("read").design, edited);

        // A copy of a running session (one that holds the file) is not offered, and this session
        // writes under its own name.
        drop(a);
        let running = crate::tui::shell::open::open_app_in(Some(&file), Some(&state));
        let live = crashed_session(&state, Some(&file), &saved, std::process::id());
        let mut a = crate::tui::shell::open::open_app_in(Some(&file), Some(&state));
        a.autosave.pid = std::process::id().wrapping_add(1);
        assert_eq!(a.mode, Mode::Normal, "not offered");
        assert!(a.autosave.unique);
        assert!(status_says(&a, "is editing"), "{:?}", a.messages.status);
        command(&mut a, "vnet other 10.8.0.0/16");
        let effects = update::update(&mut a, Action::Tick { idle: IDLE });
        let result = effects::perform(&a, &effects[0]).expect("reported");
        update::update(&mut a, result);
        let ours = a.autosave.written.clone().expect("written");
        assert_ne!(ours, live);
        assert!(ours.to_string_lossy().ends_with(&format!("-{}.ron", a.autosave.pid)));
        assert_eq!(crate::recovery::read_copy(&live).expect("untouched").design, saved);
        drop(running);
    }

    #[test]
    fn a_session_that_gets_a_file_another_one_holds_is_not_written_over() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("net.ron");
        let saved = app(HUB_SPOKE, 1, 1).doc.design;
        crate::io::save_design(&file, &saved, None, crate::io::Overwrite::Force).expect("save");
        // Another session opened the file (it holds its lock) and wrote the plain name.
        let other = crate::tui::shell::open::open_app_in(Some(&file), Some(dir.path()));
        let theirs = crashed_session(dir.path(), Some(&file), &saved, std::process::id());
        // This session got the file later, without opening it (as a save under its name does).
        let mut a = app("", 120, 40);
        a.doc.file.path = Some(file.clone());
        a.autosave.dir = Some(dir.path().to_path_buf());
        assert!(!a.autosave.unique);
        command(&mut a, "vnet mine 10.9.0.0/16");
        let effects = update::update(&mut a, Action::Tick { idle: IDLE });
        let result = effects::perform(&a, &effects[0]).expect("reported");
        update::update(&mut a, result);
        let ours = a.autosave.written.clone().expect("written");
        assert_ne!(ours, theirs);
        assert_eq!(crate::recovery::read_copy(&theirs).expect("theirs").design, saved);
        assert!(
            crate::recovery::read_copy(&ours)
                .expect("ours")
                .design
                .node("mine")
                .is_some()
        );
        drop(other);
    }

    #[test]
    fn a_new_design_offers_the_newest_orphaned_untitled_copy() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut older = Design::default();
        vnetsketch_model::run_script(&mut older, "vnet old 10.0.0.0/16").expect("edit");
        let mut newer = Design::default();
        vnetsketch_model::run_script(&mut newer, "vnet new 10.0.0.0/16").expect("edit");
        let first = crashed_session(dir.path(), None, &older, u32::MAX - 5);
        let when = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&first)
            .and_then(|f| f.set_modified(when))
            .expect("age it");
        let second = crashed_session(dir.path(), None, &newer, u32::MAX - 6);
        let mut a = crate::tui::shell::open::open_app_in(None, Some(dir.path()));
        let Mode::Recover(offer) = &a.mode else {
            panic!("{:?}", a.mode)
        };
        assert_eq!(offer.copy, second);
        assert!(offer.question().contains("for a new design"));
        press(&mut a, "r");
        assert_eq!(a.doc.design, newer);
        assert_eq!(a.doc.file.path, None);
        // The first autosave goes under this session's own name and removes the recovered copy.
        let effects = update::update(&mut a, Action::Tick { idle: IDLE });
        let result = effects::perform(&a, &effects[0]).expect("reported");
        let effects = update::update(&mut a, result);
        assert_eq!(effects, vec![Effect::RemoveCopy(second)]);
        // Quitting without saving (q!) discards; the shell then removes our copy.
        assert_eq!(command(&mut a, "q!"), vec![Effect::Quit]);
        let ours = a.autosave.written.clone().expect("ours");
        effects::remove_own_copy(&a);
        assert!(!ours.exists());
        assert!(first.exists(), "an older orphan stays for next time");
    }

    #[test]
    fn opening_another_file_with_e_offers_its_copy() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("other.ron");
        let saved = app(HUB_SPOKE, 1, 1).doc.design;
        crate::io::save_design(&file, &saved, None, crate::io::Overwrite::Force).expect("save");
        let mut edited = saved.clone();
        vnetsketch_model::run_script(&mut edited, "delete road").expect("edit");
        let copy = crashed_session(dir.path(), Some(&file), &edited, u32::MAX - 7);
        let mut a = app("", 120, 40);
        a.autosave.dir = Some(dir.path().to_path_buf());
        let effects = command(&mut a, &format!("e {}", file.display()));
        let result = effects::perform(&a, &effects[0]).expect("reported");
        update::update(&mut a, result);
        let Mode::Recover(offer) = &a.mode else {
            panic!("{:?}", a.mode)
        };
        assert_eq!(offer.copy, copy);
        assert_eq!(
            offer.diff,
            vec![
                "nodes: 0 added, 1 removed, 0 changed; links: 4 in the file, 3 in the copy (-1)",
                "- users road",
                "- link p2s hub road"
            ]
        );
        // Esc: decide later; the copy stays and this session will not write over it.
        press(&mut a, "\x1b");
        assert!(copy.exists());
        assert!(a.autosave.unique);
    }
}
