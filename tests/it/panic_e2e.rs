//! End to end: whatever ends the app, the terminal comes back usable. The real binary runs from a
//! shell in a tmux pane, with mouse capture, bracketed paste and the alternate screen on; then, in
//! the same pane, `stty -a` must show a cooked terminal (`icanon echo isig icrnl opost`, none
//! negated), tmux must see the alternate screen left and no mouse mode left on, and what the app
//! said on the way out must be on the screen.
//!
//! - **Panics** (20 runs; debug builds only, as the hook is not in a release build): the
//!   `VNETSKETCH_TEST_PANIC_KEY` test hook makes F12 panic. The runs cycle through four states:
//!   idle; with unsaved changes (the recovery copy is written and the message says where); with the
//!   recovery offer open; typing on the `:` line.
//! - **SIGTERM and SIGHUP** (one run each, with unsaved changes): exit code 128 + the signal, the
//!   recovery copy written, the terminal restored.
//!
//! Needs tmux (CI installs it). Polls with a deadline; the tmux server is killed at the end.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::tmux::{BIN, Tmux};

const DEADLINE: Duration = Duration::from_secs(30);
#[cfg(debug_assertions)]
const PANIC_RUNS: usize = 20;

/// A tmux server of our own with one pane running `sh` (session `sh`), killed when dropped.
fn start(dir: &Path) -> Tmux {
    let tmux = Tmux::new("panic", "sh", DEADLINE);
    tmux.new_session(dir, "env PS1='$ ' sh");
    tmux
}

/// tmux's view of the pane's modes: `(alternate screen, any mouse mode, cursor shown)`.
fn pane_modes(tmux: &Tmux) -> (bool, bool, bool) {
    let out = tmux.run(&[
        "display-message",
        "-p",
        "-t",
        "sh",
        "#{alternate_on} #{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_all_flag} #{cursor_flag}",
    ]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [alt, mouse, cursor] = parts.as_slice() else {
        panic!("tmux display-message: {text:?}")
    };
    (*alt == "1", mouse.contains('1'), *cursor == "1")
}

/// The pid of the vnetsketch the pane's shell runs.
fn app_pid(tmux: &Tmux) -> u32 {
    let out = tmux.run(&["list-panes", "-t", "sh", "-F", "#{pane_pid}"]);
    let shell = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let children = fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap_or_default();
    children
        .split_whitespace()
        .filter_map(|p| p.parse::<u32>().ok())
        .find(|p| fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.trim() == "vnetsketch"))
        .unwrap_or_else(|| panic!("no vnetsketch under the shell {shell}: {children:?}"))
}

/// Runs the app in the shell; when it ends, prints its exit code and the terminal's modes, then
/// `DONE-<tag>`. Waits for the app's screen with mouse capture and the alternate screen on.
fn launch(tmux: &Tmux, state: &Path, file: &Path, tag: &str) {
    tmux.line(&format!(
        "clear; VNETSKETCH_TEST_PANIC_KEY=1 RUST_BACKTRACE=0 VNETSKETCH_STATE_DIR='{}' '{BIN}' '{}'; \
         echo \"EXIT=$?\"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo|isig|icrnl|opost)$' | tr '\\n' ' '; \
         echo; echo DONE-{tag}",
        state.display(),
        file.display()
    ));
    tmux.wait("the app", |s| s.contains("┌ Canvas"));
    let start = Instant::now();
    // The cursor may be hidden or not, depending on the mode: only these two tell.
    while !matches!(pane_modes(tmux), (true, true, _)) {
        assert!(
            start.elapsed() < DEADLINE,
            "the app set up the terminal: {:?}",
            pane_modes(tmux)
        );
        sleep(Duration::from_millis(20));
    }
}

/// Waits for the run `tag` to end; checks the terminal is cooked again and returns the screen.
fn finished(tmux: &Tmux, tag: &str, exit: i32) -> String {
    let done = format!("DONE-{tag}");
    let screen = tmux.wait(&done, |s| s.lines().any(|l| l.trim() == done));
    assert!(screen.contains(&format!("EXIT={exit}")), "exit code {exit}:\n{screen}");
    let modes = screen
        .lines()
        .find(|l| l.contains("icanon"))
        .unwrap_or_else(|| panic!("stty's line:\n{screen}"));
    let words: Vec<&str> = modes.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(
            words.contains(&mode) && !words.contains(&format!("-{mode}").as_str()),
            "{mode} on after run {tag}: {modes}\n{screen}"
        );
    }
    let (alternate, mouse, cursor) = pane_modes(tmux);
    assert!(!alternate, "the alternate screen was left after run {tag}");
    assert!(!mouse, "mouse capture is off after run {tag}");
    assert!(cursor, "the cursor shows after run {tag}");
    screen
}

#[test]
fn panics_and_signals_leave_the_terminal_usable_and_the_changes_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let file = dir.path().join("hub-spoke.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/hub-spoke.ron");
    fs::copy(&example, &file).expect("copy the example");
    let tmux = start(dir.path());
    tmux.wait("the shell", |s| s.contains('$'));

    // The panic key is a debug-build test hook: a release binary has none.
    #[cfg(debug_assertions)]
    panic_runs(&tmux, &state, &file);

    // SIGTERM with unsaved changes: the copy is written, the terminal restored, exit 143.
    launch(&tmux, &state, &file, "term");
    tmux.text(":");
    tmux.line("vnet byterm 10.250.0.0/16");
    tmux.wait("the edit", |s| s.contains("added vnet byterm"));
    let pid = app_pid(&tmux);
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .is_ok_and(|s| s.success())
    );
    let screen = finished(&tmux, "term", 143);
    assert!(
        screen.contains("stopped by signal 15") && screen.contains("were kept in"),
        "{screen}"
    );

    // SIGHUP: recover what SIGTERM kept, edit more, hang up: exit 129, both edits kept.
    launch(&tmux, &state, &file, "hup");
    tmux.wait("the offer", |s| s.contains("Recovered unsaved changes for"));
    tmux.keys(&["r"]);
    tmux.wait("recovered", |s| s.contains("recovered 5 nodes"));
    tmux.text(":");
    tmux.line("vnet byhup 10.251.0.0/16");
    tmux.wait("the edit", |s| s.contains("added vnet byhup"));
    let pid = app_pid(&tmux);
    assert!(
        Command::new("kill")
            .args(["-HUP", &pid.to_string()])
            .status()
            .is_ok_and(|s| s.success())
    );
    let screen = finished(&tmux, "hup", 129);
    assert!(screen.contains("stopped by signal 1;"), "{screen}");
    let copies: Vec<String> = fs::read_dir(&state)
        .expect("state folder")
        .filter_map(Result::ok)
        .filter_map(|e| fs::read_to_string(e.path()).ok())
        .collect();
    assert!(
        copies.iter().any(|c| c.contains("byterm") && c.contains("byhup")),
        "one copy holds both edits"
    );

    // The shell still reads lines as a shell should.
    tmux.line("clear; echo usable-$((20 + 22))");
    tmux.wait("the shell answering", |s| s.contains("usable-42"));
}

/// The panic runs: F12 (the debug-build test hook) panics in four states, 20 times.
#[cfg(debug_assertions)]
fn panic_runs(tmux: &Tmux, state: &Path, file: &Path) {
    let mut restored = 0;
    for run in 0..PANIC_RUNS {
        let tag = format!("panic{run}");
        launch(tmux, state, file, &tag);
        let dirty = run % 4 == 1;
        match run % 4 {
            0 => {}
            1 => {
                tmux.text(":");
                tmux.line(&format!("vnet unsaved{run} 10.{}.0.0/16", 100 + run));
                tmux.wait("the edit", |s| s.contains(&format!("added vnet unsaved{run}")));
            }
            2 => {
                tmux.wait("the offer of the changes the last panic kept", |s| {
                    s.contains("Recovered unsaved changes for")
                });
            }
            _ => {
                tmux.wait("the offer", |s| s.contains("Recovered unsaved changes for"));
                tmux.keys(&["x"]);
                tmux.wait("discarded", |s| s.contains("discarded the recovery copy"));
                tmux.text(":vnet half-typ");
                tmux.wait("the : line", |s| s.contains(":vnet half-typ"));
            }
        }
        tmux.keys(&["F12"]);
        let screen = finished(tmux, &tag, 101);
        assert!(
            screen.contains("panicked") && screen.contains("F12 was pressed: a deliberate panic"),
            "the panic message after run {tag}:\n{screen}"
        );
        assert_eq!(
            screen.contains("were kept in"),
            dirty,
            "the recovery copy is written when there are unsaved changes (run {tag}):\n{screen}"
        );
        if dirty {
            let copies: Vec<String> = fs::read_dir(state)
                .expect("state folder")
                .filter_map(Result::ok)
                .filter_map(|e| fs::read_to_string(e.path()).ok())
                .collect();
            assert!(
                copies.iter().any(|c| c.contains(&format!("unsaved{run}"))),
                "the copy holds the edit"
            );
        }
        restored += 1;
    }
    assert_eq!(restored, PANIC_RUNS);
}
