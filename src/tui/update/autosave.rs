//! Autosave, the policy: *when* to write the recovery copy, and what to do with the result. Where
//! the copy goes and what it holds is [`crate::recovery`]'s; writing it is the shell's.
//!
//! The policy ([`decide`]): while the design has unsaved changes, write a recovery copy (never over
//! the user's file) once [`IDLE`] has passed since the last edit, or at once when [`EDITS`] edits
//! piled up since the last copy, whichever comes first. When the design is clean again (saved, or
//! undone back to the file, or another file opened) the copy is removed; a clean quit removes it too.
//! The shell measures the idle time and sends [`Action::Tick`](crate::tui::action::Action::Tick); a
//! tick that decides nothing changes nothing and draws nothing.

use std::path::PathBuf;
use std::time::Duration;

use crate::tui::action::Effect;
use crate::tui::state::{App, Mode};

/// Idle time after the last edit that writes the recovery copy (Vim's `'updatetime'`).
pub const IDLE: Duration = Duration::from_secs(4);

/// Edits since the last recovery copy that write a new one at once (Vim's `'updatecount'` is 200
/// keystrokes; an edit here is a whole command).
pub const EDITS: u64 = 25;

/// What the policy asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Nothing to do.
    Nothing,
    /// Write the recovery copy.
    Write,
    /// Remove the recovery copy: the design is clean.
    Remove,
}

/// The autosave policy: `dirty` (unsaved changes), `pending` edits since the last copy, `idle` time
/// since the last edit, and whether a copy of ours is on disk.
pub fn decide(dirty: bool, pending: u64, idle: Duration, written: bool) -> Decision {
    if !dirty {
        return if written { Decision::Remove } else { Decision::Nothing };
    }
    if pending >= EDITS || (pending > 0 && idle >= IDLE) {
        Decision::Write
    } else {
        Decision::Nothing
    }
}

/// Applies the policy after an action (`idle`: time since the last edit, zero but for ticks) and
/// adds the effect it asks for. Nothing while the recovery offer is open, when autosave is off, or
/// when the action's effects already save, open, or quit.
pub fn check(app: &mut App, idle: Duration, effects: &mut Vec<Effect>) {
    if app.autosave.dir.is_none()
        || matches!(app.mode, Mode::Recover(_))
        || effects
            .iter()
            .any(|e| matches!(e, Effect::Quit | Effect::Save { .. } | Effect::Load(_)))
    {
        return;
    }
    let dirty = app.doc.dirty();
    let pending = app.doc.edits.saturating_sub(app.autosave.base);
    match decide(dirty, pending, idle, app.autosave.written.is_some()) {
        Decision::Nothing => {}
        Decision::Write => effects.push(Effect::Autosave),
        Decision::Remove => {
            if let Some(path) = app.autosave.written.take() {
                effects.insert(0, Effect::RemoveCopy(path));
            }
        }
    }
    if !dirty {
        app.autosave.base = app.doc.edits;
    }
}

/// A recovery copy was written (or not), holding the design as it was at `edits`.
pub fn autosaved(app: &mut App, edits: u64, result: Result<PathBuf, String>) -> Vec<Effect> {
    app.autosave.base = edits;
    match result {
        Ok(path) => {
            app.autosave.failed = None;
            let previous = app.autosave.written.replace(path.clone());
            previous
                .filter(|p| *p != path)
                .map(Effect::RemoveCopy)
                .into_iter()
                .collect()
        }
        Err(e) => {
            // Said once; retried after the next edit, not on every tick.
            if app.autosave.failed.is_none() {
                app.error(format!("autosave: the recovery copy could not be written: {e}"));
            }
            app.autosave.failed = Some(e);
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::shell::effects;
    use crate::tui::test_support::{HUB_SPOKE, app, command, press, screen, status_says};
    use crate::tui::update;

    fn tick(a: &mut App, secs: u64) -> Vec<Effect> {
        update::update(
            a,
            Action::Tick {
                idle: Duration::from_secs(secs),
            },
        )
    }

    #[test]
    fn the_policy_writes_after_idle_or_many_edits_and_removes_when_clean() {
        let second = Duration::from_secs(1);
        assert_eq!(decide(false, 0, IDLE, false), Decision::Nothing);
        assert_eq!(decide(false, 3, IDLE, true), Decision::Remove);
        assert_eq!(
            decide(true, 0, IDLE * 10, true),
            Decision::Nothing,
            "nothing new since the copy"
        );
        assert_eq!(decide(true, 1, IDLE.saturating_sub(second), false), Decision::Nothing);
        assert_eq!(decide(true, 1, IDLE, false), Decision::Write);
        assert_eq!(decide(true, EDITS - 1, Duration::ZERO, true), Decision::Nothing);
        assert_eq!(decide(true, EDITS, Duration::ZERO, true), Decision::Write);
    }

    #[test]
    fn ticks_and_edits_emit_autosaves_and_a_save_removes_the_copy() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut a = app(HUB_SPOKE, 120, 40);
        assert!(tick(&mut a, 60).is_empty(), "off without a folder");
        a.autosave.dir = Some(dir.path().to_path_buf());
        assert!(tick(&mut a, 60).is_empty(), "nothing unsaved");
        command(&mut a, "vnet extra 10.9.0.0/16");
        assert!(tick(&mut a, 3).is_empty(), "not idle long enough");
        let effects = tick(&mut a, 4);
        assert_eq!(effects, vec![Effect::Autosave]);
        let before = screen(&a);
        let result = effects::perform(&a, &effects[0]).expect("reported");
        assert!(update::update(&mut a, result).is_empty());
        assert_eq!(screen(&a), before, "an autosave changes nothing on the screen");
        let copy = a.autosave.written.clone().expect("a copy");
        assert_eq!(
            copy.file_name().and_then(|n| n.to_str()),
            Some(format!("untitled-{}.ron", std::process::id()).as_str())
        );
        let back = crate::recovery::read_copy(&copy).expect("the copy reads");
        assert_eq!(back.design, a.doc.design);
        assert!(tick(&mut a, 600).is_empty(), "nothing new since the copy");

        // 25 edits write at once, idle or not.
        let mut effects = Vec::new();
        for i in 0..EDITS {
            effects.extend(command(&mut a, &format!("move extra {i} 30")));
        }
        assert_eq!(effects, vec![Effect::Autosave], "once, at the 25th edit");

        // Undo back to the opened state: the design is clean and the copy goes.
        for _ in 0..EDITS {
            press(&mut a, "u");
        }
        assert_eq!(press(&mut a, "u"), vec![Effect::RemoveCopy(copy.clone())]);
        assert!(!a.doc.dirty());
        assert!(a.autosave.written.is_none());
        assert!(tick(&mut a, 600).is_empty());
    }

    #[test]
    fn a_failed_autosave_is_said_once_and_retried_after_the_next_edit() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "").expect("write");
        let mut a = app("", 120, 40);
        a.autosave.dir = Some(file.join("autosave"));
        command(&mut a, "vnet a 10.0.0.0/16");
        let effects = tick(&mut a, 5);
        let result = effects::perform(&a, &effects[0]).expect("reported");
        update::update(&mut a, result);
        assert!(
            status_says(&a, "recovery copy could not be written"),
            "{:?}",
            a.messages.status
        );
        assert!(tick(&mut a, 60).is_empty(), "not retried on every tick");
        command(&mut a, "vnet b 10.1.0.0/16");
        let effects = tick(&mut a, 5);
        assert_eq!(effects, vec![Effect::Autosave], "retried after an edit");
        let result = effects::perform(&a, &effects[0]).expect("reported");
        update::update(&mut a, result);
        assert!(!status_says(&a, "autosave"), "said once: {:?}", a.messages.status);
    }
}
