//! Recovery copies: where the designer's autosave writes them, what they say about who wrote them,
//! whether that session still runs, and what differs from the file. No terminal, no UI: the TUI's
//! autosave ([`crate::tui`]) decides *when* to write; this module says *where* and *what*.
//!
//! - **Where**: `$VNETSKETCH_STATE_DIR`, else `$XDG_STATE_HOME/vnetsketch/autosave`, else
//!   `$HOME/.local/state/vnetsketch/autosave` ([`autosave_dir`]). Never beside the user's file.
//! - **Name**: `<stem>-<16 hex>.ron` for a design that has a file, the hex being a stable hash
//!   (FNV-1a 64) of the file's canonical path; `<stem>-<16 hex>-<pid>.ron` when the plain name is
//!   taken by a copy this session must not overwrite; `untitled-<pid>.ron` for a design never saved
//!   ([`copy_name`]).
//! - **What**: one `//` comment line ([`Header`]: pid, host, boot id, time, original path), then the
//!   design in RON exactly as a save writes it; the model's loader skips comments, so the copy is a
//!   design file anyone can open.
//! - **Who**: a copy is orphaned when its writer is gone: another boot, or no process with its pid
//!   that is a vnetsketch (`/proc/<pid>/stat` on Linux; a reused pid running something else counts as
//!   gone, a zombie too) ([`writer_running`]).
//! - **What differs**: [`diff`] compares two designs: nodes added, removed and changed by name,
//!   links added and removed, the link count.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow};
use vnetsketch_model::Design;
use vnetsketch_model::format::{self, Format};

use crate::io;

/// The first line of every recovery copy starts with this.
pub const HEADER_PREFIX: &str = "// vnetsketch recovery copy:";

/// The folder recovery copies go in (see the module doc); `None` when none of the variables is set.
pub fn autosave_dir() -> Option<PathBuf> {
    autosave_dir_from(
        std::env::var_os("VNETSKETCH_STATE_DIR"),
        std::env::var_os("XDG_STATE_HOME"),
        std::env::var_os("HOME"),
    )
}

/// [`autosave_dir`] from the values of `VNETSKETCH_STATE_DIR`, `XDG_STATE_HOME` and `HOME`. Empty
/// values count as unset; a relative `XDG_STATE_HOME` is ignored, as the XDG spec says.
pub fn autosave_dir_from(state: Option<OsString>, xdg: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let set = |v: Option<OsString>| v.filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = set(state) {
        return Some(dir);
    }
    if let Some(xdg) = set(xdg).filter(|p| p.is_absolute()) {
        return Some(xdg.join("vnetsketch").join("autosave"));
    }
    set(home).map(|h| h.join(".local").join("state").join("vnetsketch").join("autosave"))
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms (std's hasher is not).
pub fn stable_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// `path` made absolute with symlinks resolved, for a file that may not exist yet (its folder is
/// resolved then, or the path is joined to the current folder).
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path))
    };
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => fs::canonicalize(parent).map_or(absolute.clone(), |p| p.join(name)),
        _ => absolute,
    }
}

/// The stem part of a copy's name: the file's stem with anything but `[A-Za-z0-9._-]` made `_`,
/// at most 40 characters.
fn clean_stem(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if clean.is_empty() { "design".to_owned() } else { clean }
}

/// `<stem>-<16 hex>`: what every copy of the design at `canonical` starts with.
pub fn copy_base(canonical: &Path) -> String {
    format!(
        "{}-{:016x}",
        clean_stem(canonical),
        stable_hash(canonical.as_os_str().as_encoded_bytes())
    )
}

/// The file name of the recovery copy of the design at `canonical` (see the module doc); `unique`
/// adds the writer's pid, for a session that must leave the plain name to another copy.
pub fn copy_name(canonical: Option<&Path>, pid: u32, unique: bool) -> String {
    match canonical {
        None => format!("untitled-{pid}.ron"),
        Some(path) if unique => format!("{}-{pid}.ron", copy_base(path)),
        Some(path) => format!("{}.ron", copy_base(path)),
    }
}

/// The path of the recovery copy in `dir` for the design at `file` (`None`: never saved).
pub fn copy_path(dir: &Path, file: Option<&Path>, pid: u32, unique: bool) -> PathBuf {
    let canonical = file.map(canonical);
    dir.join(copy_name(canonical.as_deref(), pid, unique))
}

/// Who wrote a recovery copy, and for which file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// The writer's process id.
    pub pid: u32,
    /// The writer's host name.
    pub host: String,
    /// The writer's boot id (`/proc/sys/kernel/random/boot_id`), empty when unknown.
    pub boot: String,
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
            boot: boot_id(),
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
            "{HEADER_PREFIX} pid={} host={} boot={} time={} file={file}",
            self.pid,
            token(&self.host),
            token(&self.boot),
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
            boot: String::new(),
            time: 0,
            file: (file != "-").then(|| file.to_owned()),
        };
        for field in fields.split_whitespace() {
            let (key, value) = field.split_once('=')?;
            let value = if value == "-" { "" } else { value };
            match key {
                "pid" => header.pid = value.parse().ok()?,
                "host" => value.clone_into(&mut header.host),
                "boot" => value.clone_into(&mut header.boot),
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

/// The id of the running boot (Linux), empty elsewhere.
pub fn boot_id() -> String {
    first_line("/proc/sys/kernel/random/boot_id")
}

/// `true` when the process `pid` runs and is a vnetsketch (its command name starts with
/// `vnetsketch`, or is this process's own). A zombie, or a pid reused by another program, is not.
/// Without `/proc` (not Linux) nothing can be told: `false`, so that a copy is offered rather than
/// hidden.
pub fn pid_alive(pid: u32) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    // "PID (COMM) STATE ...": COMM may hold spaces and parentheses; the last ')' ends it.
    let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
        return false;
    };
    let comm = stat.get(open + 1..close).unwrap_or_default();
    let state = stat.get(close + 1..).unwrap_or_default().trim_start().chars().next();
    if matches!(state, Some('Z' | 'X' | 'x')) {
        return false;
    }
    let own = first_line("/proc/self/comm");
    comm.starts_with("vnetsketch") || (!own.is_empty() && comm == own)
}

/// `true` when the session that wrote `header` may still be running, seen from process `me` on
/// this host and boot. Another host cannot be checked (`false`: the copy is offered, with a note).
pub fn writer_running(header: &Header, me: u32) -> bool {
    if header.pid == me || header.host != host_name() {
        return false;
    }
    let boot = boot_id();
    if !boot.is_empty() && !header.boot.is_empty() && header.boot != boot {
        return false;
    }
    pid_alive(header.pid)
}

/// `true` when the copy at `path` was written by another session that still runs (seen from
/// process `me`): its first line only is read.
pub fn held_by_other(path: &Path, me: u32) -> bool {
    use std::io::{BufRead, BufReader};
    let Ok(file) = fs::File::open(path) else {
        return false;
    };
    let mut line = String::new();
    if BufReader::new(file.take(4096)).read_line(&mut line).is_err() {
        return false;
    }
    Header::parse(&line).is_some_and(|h| h.pid != me && writer_running(&h, me))
}

/// The text of a recovery copy: the header line, then the design as a save writes it.
pub fn copy_text(design: &Design, header: &Header) -> String {
    format!("{}\n{}", header.line(), format::to_ron(design))
}

/// Creates `dir` (and its parents), private to the user where the platform allows.
pub fn create_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("{}: cannot create the folder for recovery copies", dir.display()))
}

/// Writes the recovery copy of `design` to `path` atomically ([`io::write_atomic`]), creating its
/// folder. The previous copy `write_atomic` keeps as `NAME~` is removed: a recovery copy needs none.
pub fn write_copy(path: &Path, design: &Design, header: &Header) -> Result<()> {
    if let Some(dir) = path.parent() {
        create_dir(dir)?;
    }
    io::write_atomic(path, copy_text(design, header).as_bytes())?;
    let _ = fs::remove_file(io::backup_path(path));
    Ok(())
}

/// Removes a recovery copy and anything a killed write of it left (`NAME~`, `.NAME.*.tmp`).
pub fn remove_copy(path: &Path) {
    let _ = fs::remove_file(path);
    let _ = fs::remove_file(io::backup_path(path));
    io::clean_stray_temps(path);
}

/// A recovery copy read from disk.
#[derive(Clone, Debug)]
pub struct Copy {
    /// Where it is.
    pub path: PathBuf,
    /// Who wrote it.
    pub header: Header,
    /// The design it holds.
    pub design: Design,
    /// When it was last written (the file's time, else the header's).
    pub modified: SystemTime,
}

/// Reads the recovery copy at `path` (size-capped like any design file).
pub fn read_copy(path: &Path) -> Result<Copy> {
    let bytes = io::read_capped(path)?;
    let text = String::from_utf8(bytes).map_err(|_| anyhow!("{}: not UTF-8 text", path.display()))?;
    let header =
        Header::parse(&text).ok_or_else(|| anyhow!("{}: no recovery header on the first line", path.display()))?;
    let design = format::load(&text, Some(Format::Ron)).map_err(|e| anyhow!("{}:{e}", path.display()))?;
    let modified = fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| UNIX_EPOCH + std::time::Duration::from_secs(header.time));
    Ok(Copy {
        path: path.to_path_buf(),
        header,
        design,
        modified,
    })
}

/// The recovery copies in `dir` for the design at `file` (`None`: the untitled ones), seen from
/// process `me`.
#[derive(Debug, Default)]
pub struct Scan {
    /// Copies whose writer is gone, newest first.
    pub orphaned: Vec<Copy>,
    /// Copies whose writer still runs: `(path, pid)`.
    pub running: Vec<(PathBuf, u32)>,
    /// Copies that could not be read, with the reason.
    pub unreadable: Vec<String>,
}

/// `true` when `name` is a copy of the design whose copies start with `base` (`None`: untitled).
fn is_copy_of(name: &str, base: Option<&str>) -> bool {
    let Some(rest) = name.strip_suffix(".ron") else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match base {
        None => rest.strip_prefix("untitled-").is_some_and(digits),
        Some(base) => match rest.strip_prefix(base) {
            Some("") => true,
            Some(tail) => tail.strip_prefix('-').is_some_and(digits),
            None => false,
        },
    }
}

/// Finds the recovery copies in `dir` for `file` (see [`Scan`]).
pub fn scan(dir: &Path, file: Option<&Path>, me: u32) -> Scan {
    let base = file.map(|f| copy_base(&canonical(f)));
    let mut out = Scan::default();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_copy_of(&name, base.as_deref()) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        match read_copy(&entry.path()) {
            Ok(copy) if writer_running(&copy.header, me) => out.running.push((copy.path, copy.header.pid)),
            Ok(copy) => out.orphaned.push(copy),
            Err(e) => out.unreadable.push(format!("{e:#}")),
        }
    }
    out.orphaned
        .sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| a.path.cmp(&b.path)));
    out.running.sort();
    out
}

/// What differs between the design in the file and the one in the recovery copy, in lines of text:
/// a summary, then one line per node added (`+`), removed (`-`) or changed (`~`, "moved" when only
/// its position differs), then the links added and removed. `["no differences"]` when equal.
pub fn diff(file: &Design, copy: &Design) -> Vec<String> {
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (name, node) in copy.nodes() {
        match file.nodes().get(name) {
            None => added.push(format!("+ {} {name}", node.kind())),
            Some(old) if old != node => {
                let mut moved = old.clone();
                *moved.pos_mut() = node.pos();
                let how = if moved == *node { "moved" } else { "changed" };
                changed.push(format!("~ {} {name} ({how})", node.kind()));
            }
            Some(_) => {}
        }
    }
    for (name, node) in file.nodes() {
        if !copy.nodes().contains_key(name) {
            removed.push(format!("- {} {name}", node.kind()));
        }
    }
    let (links_added, links_removed, links_changed) = link_diff(file, copy);
    let (before, after) = (file.links().len(), copy.links().len());
    let mut out = Vec::new();
    let links = if before == after {
        format!("links: {after}")
    } else {
        format!(
            "links: {before} in the file, {after} in the copy ({:+})",
            after as i64 - before as i64
        )
    };
    if added.is_empty()
        && removed.is_empty()
        && changed.is_empty()
        && links_added.is_empty()
        && links_removed.is_empty()
        && links_changed.is_empty()
    {
        if file.era != copy.era {
            return vec![format!(
                "catalog era: {:?} in the file, {:?} in the copy",
                file.era, copy.era
            )];
        }
        return vec!["no differences".to_owned()];
    }
    out.push(format!(
        "nodes: {} added, {} removed, {} changed; {links}",
        added.len(),
        removed.len(),
        changed.len()
    ));
    if file.era != copy.era {
        out.push(format!(
            "catalog era: {:?} in the file, {:?} in the copy",
            file.era, copy.era
        ));
    }
    out.extend(added);
    out.extend(removed);
    out.extend(changed);
    out.extend(links_added.into_iter().map(|l| format!("+ link {l}")));
    out.extend(links_removed.into_iter().map(|l| format!("- link {l}")));
    out.extend(links_changed.into_iter().map(|l| format!("~ link {l} (changed)")));
    out
}

/// Links only in the copy, only in the file, and changed (same ends and kind, other settings), by
/// `kind a b`. Links have no names and their ids are per load, so they are matched by content.
fn link_diff(file: &Design, copy: &Design) -> (Vec<String>, Vec<String>, Vec<String>) {
    // Count each exact link (by its full debug form) on both sides; what is left over differs.
    let mut count: BTreeMap<String, (i64, String)> = BTreeMap::new();
    for l in file.links().values() {
        count.entry(format!("{l:?}")).or_insert((0, l.describe())).0 -= 1;
    }
    for l in copy.links().values() {
        count.entry(format!("{l:?}")).or_insert((0, l.describe())).0 += 1;
    }
    let mut plus: BTreeMap<String, i64> = BTreeMap::new();
    let mut minus: BTreeMap<String, i64> = BTreeMap::new();
    for (n, describe) in count.into_values() {
        if n > 0 {
            *plus.entry(describe).or_default() += n;
        } else if n < 0 {
            *minus.entry(describe).or_default() -= n;
        }
    }
    let mut added = Vec::new();
    let mut removed = Vec::new();
    let mut changed = Vec::new();
    for (describe, &n) in &plus {
        let m = minus.get(describe).copied().unwrap_or(0);
        let common = n.min(m);
        changed.extend((0..common).map(|_| describe.clone()));
        added.extend((common..n).map(|_| describe.clone()));
    }
    for (describe, &m) in &minus {
        let n = plus.get(describe).copied().unwrap_or(0);
        removed.extend((n.min(m)..m).map(|_| describe.clone()));
    }
    (added, removed, changed)
}

/// `2026-11-23 14:05 UTC (5 minutes ago)`: when `t` was, seen at `now`.
pub fn describe_time(when: SystemTime, now: SystemTime) -> String {
    let secs = when.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    let ago = match now.duration_since(when).map(|d| d.as_secs()) {
        Ok(age) if age < 60 => "just now".to_owned(),
        Ok(age) if age < 3600 => format!("{} ago", plural(age / 60, "minute")),
        Ok(age) if age < 86_400 => format!("{} ago", plural(age / 3600, "hour")),
        Ok(age) => format!("{} ago", plural(age / 86_400, "day")),
        Err(_) => "in the future".to_owned(),
    };
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC ({ago})",
        rest / 3600,
        (rest % 3600) / 60
    )
}

fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Year, month, day of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::{Command, Stdio};
    use std::time::Duration;
    use vnetsketch_model::run_script;

    fn design(script: &str) -> Design {
        let mut d = Design::default();
        run_script(&mut d, script).expect("script");
        d
    }

    #[test]
    fn the_folder_follows_the_variables_in_order() {
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(
            autosave_dir_from(os("/s"), os("/x"), os("/h")),
            Some(PathBuf::from("/s"))
        );
        assert_eq!(
            autosave_dir_from(None, os("/x"), os("/h")),
            Some(PathBuf::from("/x/vnetsketch/autosave"))
        );
        assert_eq!(
            autosave_dir_from(os(""), os("relative"), os("/h")),
            Some(PathBuf::from("/h/.local/state/vnetsketch/autosave")),
            "empty and relative values are ignored"
        );
        assert_eq!(autosave_dir_from(None, None, None), None);
    }

    #[test]
    fn names_are_stable_and_derived_from_the_canonical_path() {
        // FNV-1a's published test vectors: the hash never changes with the Rust version.
        assert_eq!(stable_hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        let p = Path::new("/home/ann/nets/hub spoke.ron");
        let name = copy_name(Some(p), 42, false);
        assert_eq!(
            name,
            format!("hub_spoke-{:016x}.ron", stable_hash(p.as_os_str().as_encoded_bytes()))
        );
        assert_eq!(
            name,
            copy_name(Some(p), 7, false),
            "the pid is not part of the plain name"
        );
        assert_ne!(
            name,
            copy_name(Some(Path::new("/home/bob/nets/hub spoke.ron")), 42, false)
        );
        assert!(copy_name(Some(p), 42, true).ends_with("-42.ron"));
        assert_eq!(copy_name(None, 42, false), "untitled-42.ron");
        assert!(copy_name(Some(Path::new("/x/\u{e9}t\u{e9}.ron")), 1, false).starts_with("_t_-"));
        assert!(copy_name(Some(Path::new("/")), 1, false).starts_with("design-"));

        // The same file reached through `.`, `..` and a symlink has one copy name.
        let dir = tempfile::tempdir().expect("tmp");
        let real = dir.path().join("net.ron");
        fs::write(&real, "(version: 1)").expect("write");
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let dotted = dir.path().join("sub").join("..").join(".").join("net.ron");
        fs::create_dir(dir.path().join("sub")).expect("mkdir");
        let state = Path::new("/state");
        let a = copy_path(state, Some(&real), 1, false);
        assert_eq!(a, copy_path(state, Some(&link), 1, false));
        assert_eq!(a, copy_path(state, Some(&dotted), 1, false));
        // A file not created yet: its folder is resolved.
        let new = dir.path().join("sub").join("..").join("new.ron");
        assert_eq!(canonical(&new), canonical(dir.path()).join("new.ron"));
    }

    #[test]
    fn names_of_copies_are_recognised_and_nothing_else() {
        assert!(is_copy_of("hub-0123456789abcdef.ron", Some("hub-0123456789abcdef")));
        assert!(is_copy_of("hub-0123456789abcdef-99.ron", Some("hub-0123456789abcdef")));
        assert!(!is_copy_of("hub-0123456789abcdef-x.ron", Some("hub-0123456789abcdef")));
        assert!(!is_copy_of("hub-0123456789abcdef.ron~", Some("hub-0123456789abcdef")));
        assert!(!is_copy_of(
            ".hub-0123456789abcdef.ron.1.0.tmp",
            Some("hub-0123456789abcdef")
        ));
        assert!(is_copy_of("untitled-12.ron", None));
        assert!(!is_copy_of("untitled-.ron", None));
        assert!(!is_copy_of("hub-0123456789abcdef.ron", None));
    }

    #[test]
    fn the_header_round_trips_and_the_copy_loads_as_a_design() {
        let h = Header {
            pid: 4242,
            host: "my host".into(),
            boot: String::new(),
            time: 1_700_000_000,
            file: Some("/tmp/a b/new\nline.ron".into()),
        };
        let line = h.line();
        assert!(!line.contains('\n'));
        let back = Header::parse(&line).expect("parses");
        assert_eq!(back.pid, 4242);
        assert_eq!(back.host, "my_host");
        assert_eq!(back.boot, "");
        assert_eq!(back.time, 1_700_000_000);
        assert_eq!(back.file.as_deref(), Some("/tmp/a b/new?line.ron"));
        let untitled = Header {
            file: None,
            ..h.clone()
        };
        assert_eq!(Header::parse(&untitled.line()).and_then(|h| h.file), None);
        assert_eq!(Header::parse("// something else"), None);
        assert_eq!(Header::parse("(version: 1)"), None);

        let d = design("vnet hub 10.0.0.0/16\nsite office 192.168.0.0/24\nlink s2s hub office");
        let text = copy_text(&d, &h);
        assert_eq!(format::load(&text, None).expect("the model reads a copy"), d);
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("state").join("x.ron");
        write_copy(&path, &d, &h).expect("write");
        write_copy(&path, &d, &h).expect("write again");
        let names: Vec<_> = fs::read_dir(path.parent().expect("dir"))
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![OsString::from("x.ron")], "no backup, no temp file left");
        let copy = read_copy(&path).expect("read");
        assert_eq!(copy.design, d);
        assert_eq!(copy.header.pid, 4242);
        remove_copy(&path);
        assert!(!path.exists());
    }

    #[test]
    fn only_a_running_vnetsketch_counts_as_alive() {
        let me = std::process::id();
        // This test binary is `vnetsketch-<hash>`: a running vnetsketch.
        assert!(pid_alive(me));
        // A running process that is not a vnetsketch (a reused pid) counts as gone.
        let mut sleeper = Command::new("sleep").arg("30").spawn().expect("sleep");
        assert!(!pid_alive(sleeper.id()));
        let _ = sleeper.kill();
        let _ = sleeper.wait();
        // A process that exited and was reaped.
        let mut done = Command::new("true").stdout(Stdio::null()).spawn().expect("true");
        let pid = done.id();
        done.wait().expect("wait");
        assert!(!pid_alive(pid));
        assert!(!pid_alive(u32::MAX));

        let header = Header::now(None);
        assert!(
            !writer_running(&header, me),
            "a copy carrying our own pid is a stale one"
        );
        assert!(writer_running(&header, me.wrapping_add(1)), "seen from another process");
        let other_boot = Header {
            boot: "another-boot".into(),
            ..header.clone()
        };
        assert!(boot_id().is_empty() || !writer_running(&other_boot, me.wrapping_add(1)));
        let other_host = Header {
            host: "elsewhere".into(),
            ..header
        };
        assert!(!writer_running(&other_host, me.wrapping_add(1)));
    }

    #[test]
    fn a_scan_sorts_copies_into_orphaned_running_and_unreadable() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("net.ron");
        let me = std::process::id();
        let d = design("vnet hub 10.0.0.0/16");
        let gone = Header {
            pid: u32::MAX - 1,
            ..Header::now(Some(&file))
        };
        let old = copy_path(dir.path(), Some(&file), 0, false);
        write_copy(&old, &d, &gone).expect("write");
        let newer = copy_path(dir.path(), Some(&file), 77, true);
        write_copy(&newer, &d, &gone).expect("write");
        let when = SystemTime::now() - Duration::from_secs(600);
        fs::File::options()
            .write(true)
            .open(&old)
            .and_then(|f| f.set_modified(when))
            .expect("age the first copy");
        // A live session (this test process seen from another pid).
        let live = copy_path(dir.path(), Some(&file), me, true);
        write_copy(&live, &d, &Header::now(Some(&file))).expect("write");
        // Junk with a copy's name, a copy of another file, an untitled copy.
        fs::write(copy_path(dir.path(), Some(&file), 5, true), "garbage").expect("write");
        write_copy(
            &copy_path(dir.path(), Some(&dir.path().join("other.ron")), 0, false),
            &d,
            &gone,
        )
        .expect("w");
        write_copy(&copy_path(dir.path(), None, 9, false), &d, &gone).expect("write");

        assert!(held_by_other(&live, me.wrapping_add(1)));
        assert!(!held_by_other(&live, me), "our own copy");
        assert!(!held_by_other(&old, me), "its writer is gone");
        assert!(!held_by_other(&dir.path().join("missing.ron"), me));
        let scan = scan(dir.path(), Some(&file), me.wrapping_add(1));
        let orphaned: Vec<_> = scan.orphaned.iter().map(|c| c.path.clone()).collect();
        assert_eq!(orphaned, vec![newer, old], "newest first");
        assert_eq!(scan.running, vec![(live, me)]);
        assert_eq!(scan.unreadable.len(), 1, "{:?}", scan.unreadable);
        let untitled = super::scan(dir.path(), None, me);
        assert_eq!(untitled.orphaned.len(), 1);
        assert!(super::scan(&dir.path().join("missing"), None, me).orphaned.is_empty());
    }

    #[test]
    fn the_diff_names_nodes_and_counts_links() {
        let file = design(
            "vnet hub 10.0.0.0/16\nvnet spoke 10.1.0.0/16\nsite office 192.168.0.0/24\n\
             link peering hub spoke\nlink s2s hub office",
        );
        assert_eq!(diff(&file, &file), vec!["no differences"]);
        let mut copy = file.clone();
        run_script(
            &mut copy,
            "vnet spoke2 10.2.0.0/16\nlink peering hub spoke2\ndelete office\nmove hub 30 4\n\
             set spoke region=northeurope",
        )
        .expect("edits");
        let lines = diff(&file, &copy);
        assert_eq!(lines[0], "nodes: 1 added, 1 removed, 2 changed; links: 2", "{lines:#?}");
        for expected in [
            "+ vnet spoke2",
            "- site office",
            "~ vnet hub (moved)",
            "~ vnet spoke (changed)",
            "+ link peering hub spoke2",
            "- link s2s hub office",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in {lines:#?}");
        }
        let mut more = file.clone();
        run_script(&mut more, "vnet spoke2 10.2.0.0/16\nlink peering hub spoke2").expect("edits");
        assert_eq!(
            diff(&file, &more)[0],
            "nodes: 1 added, 0 removed, 0 changed; links: 2 in the file, 3 in the copy (+1)"
        );
        // A link whose settings changed is one changed link, not one added and one removed.
        let mut flags = file.clone();
        run_script(&mut flags, "set-link peering hub spoke forwarded-traffic").expect("a flag");
        let lines = diff(&file, &flags);
        assert!(lines.iter().any(|l| l.starts_with("~ link ")), "{lines:#?}");
        assert!(!lines.iter().any(|l| l.starts_with("+ link ")), "{lines:#?}");
        assert_eq!(
            diff(&Design::default(), &file)[0],
            "nodes: 3 added, 0 removed, 0 changed; links: 0 in the file, 2 in the copy (+2)"
        );
    }

    #[test]
    fn times_read_as_utc_dates_and_ages() {
        let t = UNIX_EPOCH + Duration::from_secs(1_795_000_000);
        assert_eq!(
            describe_time(t, t + Duration::from_secs(300)),
            "2026-11-18 11:06 UTC (5 minutes ago)"
        );
        assert!(describe_time(t, t).ends_with("(just now)"));
        assert!(describe_time(t, t + Duration::from_secs(3600)).ends_with("(1 hour ago)"));
        assert!(describe_time(t, t + Duration::from_secs(3 * 86_400)).ends_with("(3 days ago)"));
        assert!(describe_time(t + Duration::from_secs(5), t).ends_with("(in the future)"));
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
