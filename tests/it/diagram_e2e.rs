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

/// The app in tmux (session tag `tag`) on a generated design of `vnets` VNets laid out by `vnetsketch
/// layout`, saved as `big.ron` in the folder returned.
fn open_generated(vnets: &str, tag: &str) -> (tempfile::TempDir, Tmux) {
    let dir = tempfile::tempdir().expect("temp dir");
    vnetsketch(dir.path(), &["generate", "--vnets", vnets, "-o", "big.ron"]);
    vnetsketch(dir.path(), &["layout", "big.ron", "-o", "big.ron"]);
    let tmux = Tmux::new(tag, "app", DEADLINE);
    tmux.start_app(dir.path(), &dir.path().join("state"), Some(&dir.path().join("big.ron")));
    (dir, tmux)
}

#[test]
fn a_generated_thousand_vnet_design_opens_fitted_and_zooms() {
    let (_dir, tmux) = open_generated("1000", "diagram");
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

/// The counts `E:n W:n I:n` the status bar shows (its last line with counts).
fn status_counts(screen: &str) -> Option<String> {
    let line = screen.lines().rev().find(|l| l.contains(" E:") && l.contains(" W:"))?;
    let at = line.find("E:")?;
    let counts: Vec<&str> = line[at..].split_whitespace().take(3).collect();
    Some(counts.join(" "))
}

/// On a design large enough that the designer draws an edit before its findings (2,000 VNets, about
/// 6,500 nodes and links), the findings still come by themselves: after one edit and no other key,
/// the screen shows the counts of the edited design, the ones `vnetsketch validate` gives for it once
/// saved, and no `checking…`.
#[test]
fn a_large_designs_edit_gets_its_findings_without_another_key() {
    let (dir, tmux) = open_generated("2000", "follow");
    let s = tmux.wait("the overview", |s| s.contains("Canvas  overview"));
    let before = status_counts(&s).expect("counts on the status bar");
    // A spoke has no gateway: a Site-to-Site link from it adds an error.
    tmux.command("link s2s spoke-0000-00 branch-0000-0");
    let s = tmux.wait("the edit's findings", |s| {
        s.contains("linked s2s") && status_counts(s).is_some_and(|c| c != before) && !s.contains("checking…")
    });
    let after = status_counts(&s).expect("counts");
    tmux.command("w");
    tmux.wait("saved", |s| s.contains("saved"));
    let out = Command::new(BIN)
        .args(["validate", "--format", "json", "big.ron"])
        .current_dir(dir.path())
        .output()
        .expect("run vnetsketch validate");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("validate's JSON");
    let count = |k: &str| json[k].as_u64().expect("a count");
    assert_eq!(
        after,
        format!("E:{} W:{} I:{}", count("errors"), count("warnings"), count("infos")),
        "the screen's counts are the saved design's"
    );
    tmux.keys(&["q"]);
    tmux.wait_gone();
}
