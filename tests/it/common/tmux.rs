//! A tmux harness for the end-to-end tests: the real binary in a pane of a tmux server of our own,
//! driven by keys and read back with `capture-pane`. The screen is polled with a deadline, never
//! with fixed sleeps; the server is killed when the harness is dropped, failures included.
//!
//! Needs tmux on PATH (CI installs it).

use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_vnetsketch");

/// How often the screen (or the process) is polled.
const POLL: Duration = Duration::from_millis(50);

/// A tmux server of our own, killed when dropped. Every command targets one session, `session`.
pub struct Tmux {
    socket: String,
    session: String,
    /// How long [`Tmux::wait`], [`Tmux::settled`] and [`Tmux::wait_gone`] wait before failing.
    deadline: Duration,
}

impl Tmux {
    /// A server on the socket `vnetsketch-<tag>-<pid>` whose commands target the session `session`
    /// (started by [`Tmux::new_session`]). Fails at once when tmux is not installed.
    pub fn new(tag: &str, session: &str, deadline: Duration) -> Tmux {
        match Command::new("tmux").arg("-V").output() {
            Ok(o) if o.status.success() => {}
            _ => panic!("this test needs tmux on PATH (apt-get install tmux); CI installs it"),
        }
        Tmux {
            socket: format!("vnetsketch-{tag}-{}", std::process::id()),
            session: session.to_owned(),
            deadline,
        }
    }

    /// Starts the session, detached, 120x40, in `dir`, its pane running the shell line `command`.
    ///
    /// When the previous session's pane has just ended, our server may still be exiting (it exits
    /// when its last session does) as this command reaches it: tmux then says "server exited
    /// unexpectedly". That race is the harness's, not the app's, so the start is tried again.
    pub fn new_session(&self, dir: &Path, command: &str) {
        let dir = dir.display().to_string();
        let args = [
            "new-session",
            "-d",
            "-s",
            &self.session,
            "-x",
            "120",
            "-y",
            "40",
            "-c",
            &dir,
            command,
        ];
        let mut out = self.run(&args);
        for _ in 0..20 {
            if out.status.success() || !String::from_utf8_lossy(&out.stderr).contains("server exited unexpectedly") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            out = self.run(&args);
        }
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts vnetsketch (on `file`, or on nothing) as the pane's process (the pane `exec`s it),
    /// with recovery copies in `state` and `dir/saves` as the saves folder.
    pub fn start_app(&self, dir: &Path, state: &Path, file: Option<&Path>) {
        let file = file.map(|f| format!(" '{}'", f.display())).unwrap_or_default();
        let cmd = format!(
            "exec env VNETSKETCH_STATE_DIR='{}' VNETSKETCH_SAVES='{}' '{BIN}'{file}",
            state.display(),
            dir.join("saves").display()
        );
        self.new_session(dir, &cmd);
    }

    /// Runs `tmux <args>` on our server.
    pub fn run(&self, args: &[&str]) -> Output {
        match Command::new("tmux").arg("-L").arg(&self.socket).args(args).output() {
            Ok(o) => o,
            Err(e) => panic!("tmux {args:?}: {e}"),
        }
    }

    /// Sends tmux key names (`Enter`, `Tab`, `Escape`, `q`…).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", self.session.as_str()];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types text literally.
    pub fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
    }

    /// Types `line` and Enter.
    pub fn line(&self, line: &str) {
        self.text(line);
        self.keys(&["Enter"]);
    }

    /// Types `:line` and Enter.
    pub fn command(&self, line: &str) {
        self.text(":");
        self.text(line);
        self.keys(&["Enter"]);
    }

    /// The pane's text.
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", &self.session]).stdout).into_owned()
    }

    /// Waits until the screen satisfies `ok`; fails with the last screen after the deadline.
    pub fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < self.deadline,
                "waited {:?} for {what}; the screen:\n{screen}",
                self.deadline
            );
            sleep(POLL);
        }
    }

    /// Waits until two captures in a row are the same and returns that screen; fails after the
    /// deadline.
    pub fn settled(&self, what: &str) -> String {
        let start = Instant::now();
        let mut last = self.screen();
        loop {
            sleep(POLL);
            let screen = self.screen();
            if screen == last {
                return screen;
            }
            assert!(
                start.elapsed() < self.deadline,
                "the screen did not settle within {:?} ({what}); the last one:\n{screen}",
                self.deadline
            );
            last = screen;
        }
    }

    /// `true` while the session exists.
    pub fn alive(&self) -> bool {
        self.run(&["has-session", "-t", &self.session]).status.success()
    }

    /// The pid of the pane's process, checked to be vnetsketch itself (see [`Tmux::start_app`]).
    pub fn pid(&self) -> u32 {
        let out = self.run(&["list-panes", "-t", &self.session, "-F", "#{pane_pid}"]);
        let text = String::from_utf8_lossy(&out.stdout);
        let pid: u32 = text.trim().parse().unwrap_or_else(|_| panic!("pane pid: {text:?}"));
        let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
        assert_eq!(comm.trim(), "vnetsketch", "the pane runs vnetsketch");
        pid
    }

    /// Waits for the session to go (its pane's process ended).
    pub fn wait_gone(&self) {
        let start = Instant::now();
        while self.alive() {
            assert!(
                start.elapsed() < self.deadline,
                "the app did not go:\n{}",
                self.screen()
            );
            sleep(POLL);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}
