//! End to end: two sessions of the real binary on one file, each in a tmux server of its own. The
//! first holds the file's lock for as long as it runs; the second is told that another vnetsketch,
//! with the first one's pid, is editing the file, and its autosave goes under a name of its own,
//! never over the first one's recovery copy. Started at the same instant, exactly one of the two
//! is told. When both quit, neither a recovery copy nor a lock is left.
//!
//! Needs tmux (CI installs it). Polls with a deadline; the tmux servers are killed at the end.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use vnetsketch::recovery::copy_path;

use crate::common::tmux::{BIN, Tmux};

const DEADLINE: Duration = Duration::from_secs(30);
const TOLD: &str = "another vnetsketch (pid";

/// A temp folder with a copy of the hub-and-spoke example, and a state folder in it.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("hub-spoke.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/hub-spoke.ron");
    fs::copy(&example, &file).expect("copy the example");
    let state = dir.path().join("state");
    (dir, file, state)
}

/// The recovery copies in `state` that contain `word`.
fn copies_with(state: &Path, word: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(state)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|x| x == "ron") && fs::read_to_string(p).is_ok_and(|t| t.contains(word)));
    out
}

/// Waits for exactly one recovery copy holding `word`.
fn wait_for_copy(state: &Path, word: &str) -> PathBuf {
    let start = Instant::now();
    loop {
        if let [copy] = copies_with(state, word).as_slice() {
            return copy.clone();
        }
        assert!(
            start.elapsed() < DEADLINE,
            "no recovery copy with {word} in {}",
            state.display()
        );
        sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_second_session_on_a_file_is_told_and_keeps_its_own_copy() {
    let (dir, file, state) = setup();
    let first = Tmux::new("first", "app", DEADLINE);
    first.start_app(dir.path(), &state, Some(&file));
    first.wait("the example", |s| s.contains("-app"));
    let first_pid = first.pid();

    let second = Tmux::new("second", "app", DEADLINE);
    second.start_app(dir.path(), &state, Some(&file));
    let told = format!("{TOLD} {first_pid}) is editing");
    second.wait("the second session is told", |s| {
        s.contains(&told) && s.contains("-app")
    });
    assert!(!first.screen().contains(TOLD), "the first session is not told anything");

    // Both edit; each autosave keeps its own copy.
    first.command("vnet fromfirst 10.201.0.0/16");
    first.wait("the first edit", |s| s.contains("added vnet fromfirst"));
    second.command("vnet fromsecond 10.202.0.0/16");
    second.wait("the second edit", |s| s.contains("added vnet fromsecond"));
    let (ours, theirs) = (wait_for_copy(&state, "fromfirst"), wait_for_copy(&state, "fromsecond"));
    assert_eq!(
        ours,
        copy_path(&state, Some(&file), first_pid, false),
        "the first has the plain name"
    );
    assert_eq!(
        theirs,
        copy_path(&state, Some(&file), second.pid(), true),
        "the second's name is its own (it ends with its pid)"
    );
    assert!(!fs::read_to_string(&ours).expect("read").contains("fromsecond"));

    // The second quits; the first keeps the file: a third session is told too.
    second.command("q!");
    second.wait_gone();
    let third = Tmux::new("third", "app", DEADLINE);
    third.start_app(dir.path(), &state, Some(&file));
    third.wait("the third session is told", |s| s.contains(&told));
    third.command("q");
    third.wait_gone();
    first.command("q!");
    first.wait_gone();
    let left: Vec<PathBuf> = fs::read_dir(&state)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");

    // With nobody on the file, the next session is not told.
    let fourth = Tmux::new("fourth", "app", DEADLINE);
    fourth.start_app(dir.path(), &state, Some(&file));
    let screen = fourth.wait("the example", |s| s.contains("-app"));
    assert!(!screen.contains(TOLD), "{screen}");
    fourth.command("q");
    fourth.wait_gone();
}

#[test]
fn of_two_sessions_started_at_the_same_instant_exactly_one_is_told() {
    let (dir, file, state) = setup();
    let go = dir.path().join("go");
    // Each pane waits for the same file to appear, then both exec the app at once.
    let command = format!(
        "while [ ! -e '{}' ]; do sleep 0.01; done; exec env VNETSKETCH_STATE_DIR='{}' '{BIN}' '{}'",
        go.display(),
        state.display(),
        file.display()
    );
    let sessions = [
        Tmux::new("race-a", "app", DEADLINE),
        Tmux::new("race-b", "app", DEADLINE),
    ];
    for tmux in &sessions {
        tmux.new_session(dir.path(), &command);
    }
    fs::write(&go, "").expect("go");
    for tmux in &sessions {
        tmux.wait("the example", |s| s.contains("-app"));
    }
    // The second session's message may come with its first frame or just after: settle both.
    let screens: Vec<String> = sessions.iter().map(|t| t.settled("the status line")).collect();
    let told = screens.iter().filter(|s| s.contains(TOLD)).count();
    assert_eq!(told, 1, "exactly one is told:\n{}", screens.join("\n----\n"));
    for tmux in &sessions {
        tmux.command("q");
        tmux.wait_gone();
    }
}
