//! End to end, issue 12: the real binary in tmux on a generated 1,000-VNet design, laid out by
//! `vnetsketch layout`, as a newcomer meets it: it opens fitted (the overview around the hub with the
//! most links, the cursor on it, a minimap showing where the view is), `+` zooms in to one-line boxes
//! (names cut in the middle, so neighbours differ) and to full boxes around that hub, `-` zooms out,
//! `0` fits it all again, and `A` lays the design out as one undo step.
//!
//! Needs tmux (CI installs it). The screen is polled with a deadline, never with fixed sleeps.

use std::process::Command;
use std::time::Duration;

use crate::common::tmux::{BIN, Tmux};

const DEADLINE: Duration = Duration::from_secs(60);

/// Runs the binary with `args` in `dir`; fails with its stderr when it fails.
fn vnetsketch(dir: &std::path::Path, args: &[&str]) {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run vnetsketch");
    assert!(
        out.status.success(),
        "vnetsketch {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_generated_thousand_vnet_design_opens_fitted_and_zooms() {
    let dir = tempfile::tempdir().expect("temp dir");
    vnetsketch(dir.path(), &["generate", "--vnets", "1000", "-o", "big.ron"]);
    vnetsketch(dir.path(), &["layout", "big.ron", "-o", "big.ron"]);
    let tmux = Tmux::new("diagram", "app", DEADLINE);
    tmux.start_app(dir.path(), &dir.path().join("state"), Some(&dir.path().join("big.ron")));
    // Fitted on open: too large for the pane at any level, so the overview around the busiest hub,
    // with the minimap and the view outlined on it.
    let s = tmux.wait("the overview with its minimap", |s| {
        s.contains("Canvas  overview") && s.contains(" map ")
    });
    assert!(
        s.contains('┏') && s.contains('┛'),
        "the view outlined on the minimap:\n{s}"
    );
    // Zoom in twice: one-line boxes (a spoke's name keeps its end), then full boxes with their kind in
    // the border, the hub under the cursor among them.
    tmux.keys(&["+"]);
    tmux.wait("compact", |s| s.contains("Canvas  compact") && s.contains("[sp…"));
    tmux.keys(&["+"]);
    let s = tmux.wait("full boxes", |s| s.contains("Canvas  full") && s.contains("─ vnet "));
    assert!(s.contains("│ hub-"), "the busiest hub in view:\n{s}");
    assert!(s.contains(" map "), "still larger than the pane:\n{s}");
    tmux.keys(&["-"]);
    tmux.wait("compact again", |s| s.contains("Canvas  compact"));
    // Fit: the overview again, and the status line says why there is a minimap.
    tmux.keys(&["0"]);
    tmux.wait("fitted again", |s| {
        s.contains("Canvas  overview") && s.contains("minimap")
    });
    // The layout key on a laid-out design: one undo step that moves nothing.
    tmux.keys(&["A"]);
    tmux.wait("laid out", |s| s.contains("laid out") && s.contains("undo 1"));
    tmux.keys(&["u"]);
    tmux.wait("undone", |s| s.contains("undo 0"));
    tmux.keys(&["q"]);
    tmux.wait_gone();
}
