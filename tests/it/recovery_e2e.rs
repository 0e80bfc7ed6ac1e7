//! End to end: crash recovery with the real binary in tmux. A user edits a copy of the hub-and-spoke
//! example with the `:` line, the autosave writes a recovery copy (never over the file), the process
//! is killed with SIGKILL, and the next start on the same file offers the unsaved changes: D shows
//! what differs, R takes them, `:w` writes the file, and a clean quit leaves no recovery copy. Also:
//! X discards a copy, and a design never saved is offered back to a plain `vnetsketch`.
//!
//! Five SIGKILLs in all: three kill/recover cycles on one file (the last one killed again before any
//! new edit: a recovered but unsaved design is offered again), one kill then discard, one untitled
//! design killed and recovered. And a hang-up: the terminal goes away (the tmux server is killed)
//! right after an edit, before any autosave: the app must still keep the edit and exit.
//!
//! Needs tmux (CI installs it). The screen and the state folder are polled with a deadline, never
//! with fixed sleeps; the tmux server is killed at the end, failures included. Recovery copies go to
//! a temp folder (`VNETSKETCH_STATE_DIR`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::tmux::Tmux;

const DEADLINE: Duration = Duration::from_secs(30);
/// The autosave policy writes 4 s after the last edit (25 edits write at once); a copy must be there
/// well within this (the figure R5 asks for is ≤ 5 s; the slack is for loaded CI machines).
const AUTOSAVE_WITHIN: Duration = Duration::from_secs(10);

/// SIGKILL the app and wait for its pane to go.
fn kill_9(tmux: &Tmux) {
    let pid = tmux.pid();
    let status = Command::new("kill").args(["-9", &pid.to_string()]).status();
    assert!(status.is_ok_and(|s| s.success()), "kill -9 {pid}");
    tmux.wait_gone();
}

/// Every file in `dir` (recovery copies, and anything else left there).
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// Waits for a recovery copy in `state` (`NAME.ron`, not a temp file being written) that contains
/// every one of `words`; returns it and how long it took.
/// Waits until the state folder `state` is empty; fails with `what` and what is left at the deadline.
fn wait_empty(state: &Path, what: &str) {
    let start = Instant::now();
    while !files_in(state).is_empty() {
        assert!(start.elapsed() < DEADLINE, "{what}: {:?}", files_in(state));
        sleep(Duration::from_millis(50));
    }
}

fn wait_for_copy(state: &Path, words: &[&str]) -> (PathBuf, Duration) {
    let start = Instant::now();
    loop {
        let copies = files_in(state).into_iter().filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            p.extension().is_some_and(|x| x == "ron") && !name.starts_with('.')
        });
        for path in copies {
            let text = fs::read_to_string(&path).unwrap_or_default();
            if words.iter().all(|w| text.contains(w)) {
                return (path, start.elapsed());
            }
        }
        assert!(
            start.elapsed() < DEADLINE,
            "no recovery copy with {words:?} after {DEADLINE:?}: {:?}",
            files_in(state)
        );
        sleep(Duration::from_millis(50));
    }
}

fn node_names(path: &Path) -> Vec<String> {
    let text = fs::read_to_string(path).expect("read the design");
    let design = vnetsketch_model::format::load(&text, None).expect("the design loads");
    design.nodes().keys().cloned().collect()
}

#[test]
fn killed_sessions_are_recovered_and_a_clean_exit_leaves_no_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let file = dir.path().join("hub-spoke.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/hub-spoke.ron");
    fs::copy(&example, &file).expect("copy the example");
    let original = fs::read(&file).expect("read");
    let tmux = Tmux::new("recovery", "app", DEADLINE);
    let mut autosave_times = Vec::new();

    // Cycle 1: one edit, then idle: the autosave writes the copy; kill -9.
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the example", |s| s.contains("-app"));
    tmux.command("vnet recovered1 10.201.0.0/16");
    tmux.wait("the edit", |s| s.contains("added vnet recovered1"));
    let (copy, took) = wait_for_copy(&state, &["recovered1"]);
    autosave_times.push(took);
    let header = fs::read_to_string(&copy).expect("copy");
    assert!(
        header.starts_with(&format!("// vnetsketch recovery copy: pid={}", tmux.pid())),
        "{header}"
    );
    assert!(
        copy.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("hub-spoke-")),
        "{copy:?}"
    );
    kill_9(&tmux);
    assert_eq!(
        fs::read(&file).expect("read"),
        original,
        "the user's file is never autosaved over"
    );

    // Restart: the offer; D shows what differs; R takes it.
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the recovery offer", |s| {
        s.contains("Recovered unsaved changes for") && s.contains("R recover / D show")
    });
    tmux.keys(&["d"]);
    tmux.wait("the differences", |s| {
        s.contains("+ vnet recovered1") && s.contains("1 added")
    });
    tmux.keys(&["R"]);
    tmux.wait("the recovered design, unsaved", |s| {
        // The example fits the pane only as one-line boxes, where a long name is cut in the middle
        // (`[re…vered1]`).
        s.contains("recovered 5 nodes") && s.contains("hub-spoke.ron [+]") && s.contains("[re…vered1]")
    });

    // Cycle 2: many quick edits (a new node moved 30 times, right and back so that the moves, which
    // speed up in one direction, keep it on screen): the edit count writes the copy.
    tmux.command("vnet recovered2 10.202.0.0/16");
    tmux.wait("the second edit", |s| s.contains("added vnet recovered2"));
    tmux.text(&"LH".repeat(15));
    tmux.wait("the moves", |s| s.contains("moved recovered2"));
    let (_, took) = wait_for_copy(&state, &["recovered1", "recovered2"]);
    autosave_times.push(took);
    kill_9(&tmux);
    assert_eq!(fs::read(&file).expect("read"), original);

    // Cycle 3: recover, then killed again before any new edit: offered again.
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the recovery offer again", |s| {
        s.contains("Recovered unsaved changes for")
    });
    tmux.keys(&["r"]);
    tmux.wait("recovered", |s| s.contains("recovered 6 nodes"));
    kill_9(&tmux);
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the offer after a crash right after recovering", |s| {
        s.contains("Recovered unsaved changes for")
    });
    tmux.keys(&["d"]);
    tmux.wait("both edits in the differences", |s| {
        s.contains("+ vnet recovered1") && s.contains("+ vnet recovered2")
    });
    tmux.keys(&["r"]);
    tmux.wait("recovered", |s| s.contains("recovered 6 nodes"));

    // :w writes the file (not the copy) and the copy goes; a clean quit leaves nothing behind.
    tmux.command("w");
    tmux.wait("saved", |s| s.contains("saved "));
    let names = node_names(&file);
    assert!(
        names.contains(&"recovered1".to_owned()) && names.contains(&"recovered2".to_owned()),
        "{names:?}"
    );
    wait_empty(&state, "the copy outlived the save");
    tmux.command("q");
    tmux.wait_gone();
    assert!(files_in(&state).is_empty(), "{:?}", files_in(&state));
    let saved = fs::read(&file).expect("read");

    // Kill then discard: X deletes the copy; the file stays as it was.
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the saved design", |s| s.contains("[re…vered1]"));
    tmux.command("vnet discarded 10.203.0.0/16");
    tmux.wait("the edit", |s| s.contains("added vnet discarded"));
    let (_, took) = wait_for_copy(&state, &["discarded"]);
    autosave_times.push(took);
    kill_9(&tmux);
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the offer", |s| s.contains("Recovered unsaved changes for"));
    tmux.keys(&["x"]);
    tmux.wait("discarded", |s| s.contains("discarded the recovery copy"));
    // The writer thread removes the copy, in order after the writes it queued: soon after the message.
    wait_empty(&state, "the discarded copy stayed");
    assert!(!tmux.screen().contains("[+]"), "the file's design, clean");
    tmux.command("q");
    tmux.wait_gone();
    assert_eq!(fs::read(&file).expect("read"), saved);

    // A design never saved: `vnetsketch` alone offers the orphaned untitled copy.
    tmux.start_app(dir.path(), &state, None);
    tmux.wait("the empty canvas", |s| s.contains("An empty design"));
    tmux.command("vnet untitled1 10.204.0.0/16");
    tmux.wait("the edit", |s| s.contains("added vnet untitled1"));
    let (copy, took) = wait_for_copy(&state, &["untitled1"]);
    autosave_times.push(took);
    assert!(
        copy.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("untitled-")),
        "{copy:?}"
    );
    kill_9(&tmux);
    tmux.start_app(dir.path(), &state, None);
    tmux.wait("the offer for a new design", |s| {
        s.contains("Recovered unsaved changes for a new design")
    });
    tmux.keys(&["r"]);
    tmux.wait("recovered", |s| s.contains("recovered 1 nodes"));
    let target = dir.path().join("untitled.ron");
    tmux.command(&format!("w {}", target.display()));
    tmux.wait("saved", |s| s.contains("saved "));
    tmux.command("q");
    tmux.wait_gone();
    assert_eq!(node_names(&target), vec!["untitled1".to_owned()]);
    assert!(files_in(&state).is_empty(), "{:?}", files_in(&state));

    for took in &autosave_times {
        assert!(
            *took <= AUTOSAVE_WITHIN,
            "an autosave took {took:?} after the edit showed: {autosave_times:?}"
        );
    }
    eprintln!("autosave after the edit showed: {autosave_times:?}");
}

/// `true` once the process is gone (a zombie counts: nobody may reap it in a container).
fn gone(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rfind(')')
            .and_then(|i| stat[i + 1..].split_whitespace().next())
            .is_some_and(|state| state == "Z" || state == "X"),
    }
}

#[test]
fn a_terminal_that_hangs_up_keeps_the_changes_and_the_app_exits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let file = dir.path().join("hub-spoke.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/hub-spoke.ron");
    fs::copy(&example, &file).expect("copy the example");
    let original = fs::read(&file).expect("read");
    let tmux = Tmux::new("hangup", "app", DEADLINE);
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the example", |s| s.contains("-app"));
    tmux.command("vnet hungup1 10.210.0.0/16");
    tmux.wait("the edit", |s| s.contains("added vnet hungup1"));
    let pid = tmux.pid();
    assert!(
        files_in(&state).is_empty(),
        "no autosave yet (it comes 4 s after the edit): the copy below is the hang-up's"
    );
    // The terminal goes away: SIGHUP, and every read of the tty fails from now on.
    tmux.run(&["kill-server"]);
    let start = Instant::now();
    while !gone(pid) {
        assert!(
            start.elapsed() < DEADLINE,
            "vnetsketch {pid} still runs {DEADLINE:?} after its terminal hung up"
        );
        sleep(Duration::from_millis(50));
    }
    let exited = start.elapsed();
    let (copy, _) = wait_for_copy(&state, &["hungup1"]);
    assert_eq!(fs::read(&file).expect("read"), original);
    assert!(fs::read_to_string(&copy).is_ok_and(|t| t.contains("hub-spoke.ron")));

    // The next start offers it.
    tmux.start_app(dir.path(), &state, Some(&file));
    tmux.wait("the offer", |s| s.contains("Recovered unsaved changes for"));
    tmux.keys(&["r"]);
    tmux.wait("recovered", |s| {
        s.contains("recovered 5 nodes") && s.contains("hungup1")
    });
    tmux.command("q!");
    tmux.wait_gone();
    assert!(files_in(&state).is_empty(), "q! discards: {:?}", files_in(&state));
    eprintln!("exited {exited:?} after the hang-up");
}
