//! The first line of a recovery copy (and of a lock file): who wrote it, on which host, when, and
//! for which file.

use std::fs;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

/// The first line of every recovery copy starts with this.
pub const HEADER_PREFIX: &str = "// vnetsketch recovery copy:";

/// Who wrote a recovery copy, and for which file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The writer's process id.
    pub pid: u32,
    /// The writer's host name.
    pub host: String,
    /// When it was written, in seconds since 1970 (UTC).
    pub time: u64,
    /// The design's file, as written (control characters replaced); `None` for a new design.
    pub file: Option<String>,
}

impl Header {
    /// The header of a copy this process writes now for `file`.
    pub fn now(file: Option<&Path>) -> Header {
        Header {
            pid: std::process::id(),
            host: host_name(),
            time: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
            file: file.map(|f| f.display().to_string()),
        }
    }

    /// The comment line (no newline).
    pub fn line(&self) -> String {
        let token = |s: &str| -> String {
            let t: String = s.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
            if t.is_empty() { "-".to_owned() } else { t }
        };
        let file = self.file.as_deref().map_or_else(
            || "-".to_owned(),
            |f| f.chars().map(|c| if c.is_control() { '?' } else { c }).collect(),
        );
        format!(
            "{HEADER_PREFIX} pid={} host={} time={} file={file}",
            self.pid,
            token(&self.host),
            self.time
        )
    }

    /// Reads the header from the first line of `text`.
    pub fn parse(text: &str) -> Option<Header> {
        let line = text.lines().next()?.strip_prefix(HEADER_PREFIX)?;
        let (fields, file) = line.split_once(" file=").unwrap_or((line, "-"));
        let mut header = Header {
            pid: 0,
            host: String::new(),
            time: 0,
            file: (file != "-").then(|| file.to_owned()),
        };
        // Unknown fields (`boot=`, which copies of earlier versions carry) are skipped.
        for field in fields.split_whitespace() {
            let (key, value) = field.split_once('=')?;
            let value = if value == "-" { "" } else { value };
            match key {
                "pid" => header.pid = value.parse().ok()?,
                "host" => value.clone_into(&mut header.host),
                "time" => header.time = value.parse().unwrap_or(0),
                _ => {}
            }
        }
        (header.pid != 0).then_some(header)
    }
}

fn first_line(path: &str) -> String {
    fs::read_to_string(path)
        .ok()
        .and_then(|s| s.lines().next().map(|l| l.trim().to_owned()))
        .unwrap_or_default()
}

/// This machine's host name (`/proc/sys/kernel/hostname`, `/etc/hostname`, `$HOSTNAME`), or `unknown`.
pub fn host_name() -> String {
    [first_line("/proc/sys/kernel/hostname"), first_line("/etc/hostname")]
        .into_iter()
        .chain(std::env::var("HOSTNAME").ok())
        .find(|h| !h.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_round_trips_on_one_line() {
        let h = Header {
            pid: 4242,
            host: "my host".into(),
            time: 1_700_000_000,
            file: Some("/tmp/a b/new\nline.ron".into()),
        };
        let line = h.line();
        assert!(!line.contains('\n'));
        let back = Header::parse(&line).expect("parses");
        assert_eq!(back.pid, 4242);
        assert_eq!(back.host, "my_host");
        assert_eq!(back.time, 1_700_000_000);
        assert_eq!(back.file.as_deref(), Some("/tmp/a b/new?line.ron"));
        let untitled = Header {
            file: None,
            ..h.clone()
        };
        assert_eq!(Header::parse(&untitled.line()).and_then(|h| h.file), None);
        assert_eq!(Header::parse("// something else"), None);
        assert_eq!(Header::parse("(version: 1)"), None);
        // A copy written by an earlier version, with its boot id.
        let old =
            Header::parse("// vnetsketch recovery copy: pid=7 host=h boot=abc time=5 file=/x.ron").expect("parses");
        assert_eq!((old.pid, old.host.as_str(), old.time), (7, "h", 5));
        assert_eq!(Header::now(None).pid, std::process::id());
        assert_eq!(Header::now(None).host, host_name());
    }
}
