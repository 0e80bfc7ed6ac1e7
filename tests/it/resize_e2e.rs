//! End to end: a resize storm. The real binary runs in tmux on a copy of the hub-and-spoke example
//! while its window is resized 1,000 times (`VNETSKETCH_RESIZE_STORMS` sets another count) to
//! pseudo-random sizes from 1x1 to 300x100, many of them below the 60x16 the layout needs; every
//! tenth resize a key makes it draw something else (the help opened, scrolled and closed, the focus
//! moved and brought back). Then: the app still runs (no panic), it draws its panes again at
//! 120x40, and after the same keys its screen is the screen of a fresh session on the same file.
//!
//! The storm's keys change no design, cursor, selection or pan: sizes change between them, and
//! anything that depended on the size when it was set (panning to show a node) would make the
//! final screens differ for a reason other than a bug. Tab is among them because the example has
//! no findings (focusing the findings would otherwise select one and pan to it): checked first.
//!
//! Needs tmux (CI installs it). Polls with a deadline; the tmux servers are killed at the end.

use std::fs;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::tmux::Tmux;

const DEADLINE: Duration = Duration::from_secs(30);
const STORMS: usize = 1_000;
/// Sizes the storm starts with: the smallest, just below and at the layout's minimum (60x16), the
/// largest, and the extremes of one side.
const FIXED: [(u16, u16); 9] = [
    (1, 1),
    (5, 3),
    (59, 15),
    (60, 16),
    (60, 15),
    (59, 16),
    (300, 100),
    (1, 100),
    (300, 1),
];
/// What every tenth resize sends, in turn: the help opened, scrolled and closed, the focus moved and
/// brought back. No Escape: on a loaded machine the next gesture can follow it within the terminal's
/// escape timeout and arrive as Alt+key (an Alt+? that opens no help, then a `PageDown` that scrolls
/// the canvas instead, which ends the fit-on-resize and fails the comparison for a reason of the
/// test's own). In the help, `PageDown` scrolls it (clamped to the size of the moment).
const GESTURES: [&str; 5] = ["?", "PageDown", "?", "Tab", "BTab"];
/// The keys both sessions get once the storm is over: the first node selected, the second, the
/// inspector focused and its row moved.
const FINAL_KEYS: [&str; 4] = ["n", "n", "Tab", "j"];

/// Deterministic pseudo-random sizes (xorshift64).
struct XorShift(u64);
impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Starts vnetsketch on `file` in a tmux server of its own; the pane stays after the app ends so
/// that a panic's message can be read.
fn launch(tag: &str, dir: &Path, file: &Path) -> Tmux {
    let tmux = Tmux::new(tag, "app", DEADLINE);
    tmux.start_app(dir, &dir.join("state"), Some(file));
    tmux.run(&["set-option", "-t", "app", "remain-on-exit", "on"]);
    tmux.wait("the example", |s| s.contains("-app"));
    tmux
}

/// How the app (`pid`, the pane's process) stands: `None` while it runs, `Some("status N")` or
/// `Some("signal N")` once it has ended. tmux does not always reap its panes' processes at once (a
/// zombie was seen to stay over 30 s in a container): a zombie tells its own exit; a process reaped
/// by tmux, tmux tells.
fn ended(tmux: &Tmux, pid: u32) -> Option<String> {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        let out = tmux.run(&[
            "display-message",
            "-p",
            "-t",
            "app",
            "#{pane_dead_status}|#{pane_dead_signal}",
        ]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        return match text.trim().split_once('|') {
            Some((status, "")) if !status.is_empty() => Some(format!("status {status}")),
            Some(("", signal)) if !signal.is_empty() => Some(format!("signal {signal}")),
            _ => panic!("vnetsketch {pid} is gone but tmux does not say how: {text:?}"),
        };
    };
    // After the command name in parentheses: the state, ..., and last the wait status.
    let fields: Vec<&str> = stat[stat.rfind(')').map_or(0, |i| i + 1)..]
        .split_whitespace()
        .collect();
    if !matches!(fields.first(), Some(&("Z" | "X"))) {
        return None;
    }
    let wait: i32 = fields
        .last()
        .and_then(|f| f.parse().ok())
        .unwrap_or_else(|| panic!("/proc/{pid}/stat: {stat:?}"));
    // The low seven bits: the signal that ended it, or 0 for an exit with the status above them.
    let signal = wait & 0x7f;
    Some(if signal == 0 {
        format!("status {}", wait >> 8)
    } else {
        format!("signal {signal}")
    })
}

fn assert_running(tmux: &Tmux, pid: u32, when: &str) {
    if let Some(how) = ended(tmux, pid) {
        panic!("the app ended ({when}, exit {how}); the screen:\n{}", tmux.screen());
    }
}

fn resize(tmux: &Tmux, (w, h): (u16, u16)) {
    let out = tmux.run(&["resize-window", "-t", "app", "-x", &w.to_string(), "-y", &h.to_string()]);
    assert!(
        out.status.success(),
        "tmux resize-window {w}x{h}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Brings the app to a known state (help closed, focus on the canvas, nothing selected), then
/// sends [`FINAL_KEYS`] and returns the screen once it has settled.
fn final_screen(tmux: &Tmux, what: &str) -> String {
    for _ in 0..3 {
        tmux.keys(&["Escape"]);
        tmux.settled(what);
    }
    // Fit (`0`) in both sessions: on a loaded machine a storm key can reach the canvas at a size
    // where the help did not open (CI saw the stormed session left at the overview of a small size,
    // the fresh one at one-line boxes), which ends the fit-on-resize for a reason of the test's own;
    // `0` fits again, so what is compared is what the storm could break: the app and its drawing.
    tmux.keys(&["0"]);
    tmux.settled(what);
    tmux.keys(&FINAL_KEYS);
    tmux.wait("the inspector focused", |s| s.contains("NORMAL  inspector"));
    tmux.settled(what)
}

#[test]
fn a_resize_storm_leaves_the_app_running_and_drawing_what_a_fresh_one_draws() {
    let storms: usize = std::env::var("VNETSKETCH_RESIZE_STORMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(STORMS);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("hub-spoke.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/hub-spoke.ron");
    fs::copy(&example, &file).expect("copy the example");

    let tmux = launch("resize", dir.path(), &file);
    let pid = tmux.pid();
    let screen = tmux.screen();
    assert!(
        screen.contains("Findings E:0 W:0 I:0"),
        "the storm's Tab needs an example without findings (see the module doc):\n{screen}"
    );
    resize(&tmux, (59, 15));
    tmux.wait("the too-small message", |s| {
        s.contains("terminal too small (need 60x16, have 59x15)")
    });

    let started = Instant::now();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut gestures = GESTURES.iter().cycle();
    for i in 0..storms {
        let size = FIXED.get(i).copied().unwrap_or_else(|| {
            let r = rng.next();
            (1 + (r % 300) as u16, 1 + ((r >> 32) % 100) as u16)
        });
        resize(&tmux, size);
        if i % 10 == 9 {
            tmux.keys(&[gestures.next().expect("a cycle never ends")]);
        }
        if i % 100 == 99 {
            assert_running(&tmux, pid, &format!("after {} resizes", i + 1));
        }
    }
    let took = started.elapsed();

    resize(&tmux, (120, 40));
    assert_running(&tmux, pid, "after the storm");
    assert_eq!(tmux.pid(), pid, "the same process");
    let screen = tmux.wait("the panes at 120x40", |s| {
        s.contains("┌ Canvas") && s.contains("NORMAL")
    });
    assert!(!screen.contains("panicked"), "{screen}");
    let mut stormed = final_screen(&tmux, "after the storm");

    let fresh = launch("resize-fresh", dir.path(), &file);
    let mut expected = final_screen(&fresh, "a fresh session");
    // A screen can settle (two equal captures) before the last key has landed when the machine is
    // loaded: look again a few times before calling a difference a difference.
    for _ in 0..5 {
        if stormed == expected {
            break;
        }
        sleep(Duration::from_millis(300));
        stormed = tmux.settled("after the storm, again");
        expected = fresh.settled("a fresh session, again");
    }
    assert!(
        stormed == expected,
        "the screen after the storm:\n{stormed}\nis not a fresh session's:\n{expected}"
    );

    // Still answering keys: a clean quit.
    tmux.command("q");
    let quit = Instant::now();
    let how = loop {
        if let Some(how) = ended(&tmux, pid) {
            break how;
        }
        assert!(quit.elapsed() < DEADLINE, "the app did not quit:\n{}", tmux.screen());
        sleep(Duration::from_millis(50));
    };
    assert_eq!(how, "status 0", "the exit after :q:\n{}", tmux.screen());
    eprintln!(
        "{storms} resizes in {:.1} s ({:.1} ms each), no panic; the screen after it is a fresh session's",
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / storms.max(1) as f64
    );
}
