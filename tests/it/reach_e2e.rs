//! End to end, issue 14's path in the TUI: the real binary in tmux opens the hub-spoke example,
//! selects spoke-app, starts reach mode (`r`), moves the selection to head-office and reads the path
//! from the screen: reachable, through the hub's gateway (a transit hop, then Site-to-Site), 500 Mbps
//! and the bottleneck in words. Esc leaves reach mode and the inspector is back.
//!
//! Needs tmux (CI installs it). The screen is polled with a deadline, never with fixed sleeps.

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::common::tmux::Tmux;

const DEADLINE: Duration = Duration::from_secs(20);

/// The side panel's rows (right of the canvas) joined with single spaces: what a reader reads,
/// however the panel's width wrapped it.
fn panel(screen: &str) -> String {
    let rows: Vec<String> = screen
        .lines()
        .filter_map(|l| {
            // The side pane starts after the canvas's right border: the second "│" run of the row.
            let cells: Vec<char> = l.chars().collect();
            let cut = cells
                .windows(2)
                .position(|w| w == ['│', '│'] || w == ['┘', '│'] || w == ['┐', '│'])?;
            Some(
                cells[cut + 2..]
                    .iter()
                    .collect::<String>()
                    .trim_end_matches('│')
                    .to_owned(),
            )
        })
        .collect();
    rows.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_user_asks_whether_spoke_app_reaches_head_office_and_reads_the_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let file = dir.path().join("hub-spoke.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/hub-spoke.ron");
    fs::copy(&example, &file).expect("copy the example");
    let tmux = Tmux::new("reach", "app", DEADLINE);
    tmux.start_app(dir.path(), &state, Some(&file));
    // The example opens fitted: at this size its boxes are one line each, long names cut.
    tmux.wait("the example", |s| s.contains("[hub") && s.contains("Findings E:0"));

    // n goes through the nodes by name: head-office, hub, spoke-app.
    tmux.keys(&["n", "n", "n"]);
    tmux.wait("spoke-app selected", |s| s.contains("vnet spoke-app ─"));
    tmux.keys(&["r"]);
    let s = tmux.wait("reach mode from spoke-app", |s| {
        s.contains("Path from spoke-app") && s.contains(" REACH ")
    });
    assert!(panel(&s).contains("spoke-app reaches 3 of 3 other nodes"), "{s}");

    // n twice more: spoke-data, then head-office (the list wraps around).
    tmux.keys(&["n", "n"]);
    let s = tmux.wait("the path to head-office", |s| {
        panel(s).contains("spoke-app → head-office")
    });
    let p = panel(&s);
    for text in [
        "✓ reachable",
        "≈ 500 Mbps",
        "· transit spoke-app → hub · s2s hub → head-office",
        "bottleneck: s2s hub -> head-office: head-office uplink 500 Mbps",
    ] {
        assert!(p.contains(text), "{text:?} not in the panel:\n{s}");
    }
    assert!(
        s.contains(" from ") && s.contains(" ✓ "),
        "the canvas marks the source and what it reaches:\n{s}"
    );

    tmux.keys(&["Escape"]);
    tmux.wait("reach mode off, the inspector back", |s| {
        !s.contains("Path from") && s.contains("site head-office ─") && s.contains(" NORMAL ")
    });
    tmux.keys(&["q"]);
    tmux.wait_gone();
}
