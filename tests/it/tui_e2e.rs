//! End to end: the real binary in tmux, driven by keys and the `:` line like a user would. Builds a
//! small hub-and-spoke with a peering (drawn by keys) and a Site-to-Site link (typed), watches the
//! findings and the throughput panel change, saves with `:w PATH`, quits, and checks the saved file
//! with `vnetsketch validate`.
//!
//! Needs tmux (CI installs it). The screen is polled with a deadline, never with fixed sleeps; the
//! tmux server is killed at the end, failures included.

use std::path::Path;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::tmux::{BIN, Tmux};

const DEADLINE: Duration = Duration::from_secs(20);

/// A tmux server of our own running the app in a session `e2e`, killed when dropped.
fn start(dir: &Path) -> Tmux {
    let tmux = Tmux::new("e2e", "e2e", DEADLINE);
    let saves = dir.join("saves");
    let shell_cmd = format!(
        "VNETSKETCH_SAVES='{}' VNETSKETCH_STATE_DIR='{}/state' '{}'",
        saves.display(),
        saves.display(),
        BIN
    );
    tmux.new_session(dir, &shell_cmd);
    tmux
}

/// The status bar's error count, `E:N`.
fn errors(screen: &str) -> Option<usize> {
    let bar = screen
        .lines()
        .rev()
        .find(|l| l.contains("NORMAL") || l.contains("COMMAND") || l.contains("LINK"))?;
    let at = bar.find("E:")?;
    bar[at + 2..].split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

#[test]
fn a_user_sketches_a_hub_and_spoke_saves_it_and_the_cli_validates_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let tmux = start(dir.path());
    tmux.wait("the empty canvas", |s| s.contains("An empty design"));

    // Place the hub at the cursor with keys, a spoke below it, a site to the right.
    tmux.keys(&["v"]);
    tmux.wait("the : line with `vnet `", |s| s.contains(":vnet "));
    tmux.text("hub 10.0.0.0/16");
    tmux.keys(&["Enter"]);
    tmux.wait("the hub on the canvas", |s| {
        s.contains("│ hub") || s.contains("║ hub") || s.contains(" hub ")
    });
    tmux.command("subnet hub GatewaySubnet 10.0.255.0/27");
    tmux.text("jjjjjjjjjj");
    tmux.keys(&["v"]);
    tmux.text("spoke 10.1.0.0/16");
    tmux.keys(&["Enter"]);
    tmux.wait("the spoke", |s| s.contains("10.1.0.0/16"));
    tmux.text(&"l".repeat(30));
    tmux.keys(&["s"]);
    tmux.text("office 192.168.0.0/24 ip=203.0.113.10");
    tmux.keys(&["Enter"]);
    tmux.wait("the site", |s| s.contains("192.168.0.0/24"));

    // The peering, by keys: select the hub, connect (the spoke is offered as the target), Enter.
    // Escape alone: a key right after it would arrive as Alt+key.
    tmux.keys(&["Escape"]);
    tmux.wait("the selection cleared", |s| s.contains("┌ Inspector ─"));
    tmux.keys(&["n"]);
    tmux.wait("the hub selected", |s| s.contains("vnet hub ─"));
    tmux.keys(&["c"]);
    tmux.wait("link mode", |s| s.contains("LINK"));
    tmux.wait("the spoke offered as target", |s| {
        s.contains("link peering from hub to spoke")
    });
    tmux.keys(&["Enter"]);
    tmux.wait("the peering drawn", |s| s.contains("linked peering hub spoke"));

    // The S2S link, typed: the model finds the missing gateway; the panel says why there is no figure.
    tmux.command("link s2s hub office");
    // (Back in normal mode: a capture can catch a frame half drawn, and the `:` line's status bar
    // shows the command's syntax instead of the counts.)
    let screen = tmux.wait("the missing-gateway finding", |s| {
        s.contains("link-needs-gateway") && s.contains(" NORMAL ")
    });
    assert!(
        errors(&screen).is_some_and(|n| n >= 1),
        "the status bar counts the error:\n{screen}"
    );
    tmux.wait("the throughput panel on the S2S link", |s| {
        s.contains("no VPN gateway in hub")
    });
    let before = errors(&screen).unwrap_or(0);

    // Add the gateway: the finding goes away and the panel shows the gateway's figures.
    tmux.command("gateway hub vpn VpnGw1AZ");
    let screen = tmux.wait("the gateway estimate", |s| {
        s.contains("VPN gateway VpnGw1AZ") && s.contains("aggregate") && s.contains(" NORMAL ")
    });
    assert!(!screen.contains("link-needs-gateway"), "the finding is gone:\n{screen}");
    assert!(
        errors(&screen).is_some_and(|n| n < before || before == 0),
        "fewer errors than {before}:\n{screen}"
    );
    assert!(
        screen.contains("s2s office:") && screen.contains("Mbps"),
        "the S2S share:\n{screen}"
    );

    // Save with :w PATH and quit.
    let path = dir.path().join("hub.ron");
    tmux.command(&format!("w {}", path.display()));
    tmux.wait("saved", |s| s.contains("saved "));
    tmux.command("q");
    let start = Instant::now();
    while tmux.alive() {
        assert!(start.elapsed() < DEADLINE, "the app did not quit:\n{}", tmux.screen());
        sleep(Duration::from_millis(50));
    }

    // The CLI reads what the TUI wrote.
    let out = Command::new(BIN)
        .arg("validate")
        .arg(&path)
        .output()
        .expect("run vnetsketch validate");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "validate could not read the file ({code:?}): {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).expect("saved file");
    let design = vnetsketch_model::format::load(&text, None).expect("the saved design loads");
    assert_eq!(design.nodes().len(), 3);
    assert_eq!(design.links().len(), 2);
    assert!(design.vnet("hub").is_some_and(|v| v.vpn.is_some()));
}
