//! Every file the tool reads or writes goes through here.
//!
//! Reads are size-capped before parsing and report `path:line:column: what was expected`.
//! Writes are atomic: serialize in memory and parse it back, write a temp file in the same folder
//! (`tempfile`), fsync it, keep the previous version as `NAME~`, rename over the target (`persist`),
//! fsync the folder. A failed write leaves the target byte-identical. A file that changed on disk
//! since it was read is not overwritten unless forced.

use std::fs::{self, File};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result, anyhow, bail};
use vnetsketch_model::Design;
use vnetsketch_model::format::{self, Format, MAX_FILE_BYTES};

/// What a file looked like when we last read or wrote it, to notice changes made by others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl Stamp {
    fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Stamp {
        let mut h = DefaultHasher::new();
        bytes.hash(&mut h);
        Stamp {
            len: bytes.len() as u64,
            modified,
            hash: h.finish(),
        }
    }

    /// The stamp of the file at `path` now (`None` when it does not exist or cannot be read).
    pub fn of_file(path: &Path) -> Option<Stamp> {
        let bytes = read_capped(path).ok()?;
        let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
        Some(Stamp::of_bytes(&bytes, modified))
    }

    /// `true` when the content is the same (the modification time alone may differ after a copy).
    pub fn same_content(&self, other: &Stamp) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// Today's date in UTC, `YYYY-MM-DD` (what an imported design's origin records), from the system
/// clock (a clock before 1970 gives 1970-01-01).
pub fn today_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// The date `days` days after 1970-01-01, `YYYY-MM-DD` (Howard Hinnant's `civil_from_days`: the
/// proleptic Gregorian calendar).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The format a path implies: `.json` is JSON, anything else RON.
pub fn format_for(path: &Path) -> Format {
    Format::from_extension(&path.to_string_lossy()).unwrap_or(Format::Ron)
}

/// Reads at most [`MAX_FILE_BYTES`] + 1 bytes, refusing larger files before parsing anything.
pub fn read_capped(path: &Path) -> Result<Vec<u8>> {
    let file = File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    if bytes.len() > MAX_FILE_BYTES {
        bail!(
            "{}: the file is larger than {MAX_FILE_BYTES} bytes; designs are limited to that size",
            path.display()
        );
    }
    Ok(bytes)
}

/// Reads an import input (Azure JSON): at most the import's cap plus one byte, so the import refuses
/// a larger file by its size without this reading all of it.
pub fn read_import(path: &Path) -> Result<Vec<u8>> {
    let cap = vnetsketch_exchange::import::MAX_IMPORT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(cap).read_to_end(&mut bytes))
        .with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(bytes)
}

/// A design read from disk, with the stamp to guard a later save.
pub struct Loaded {
    /// The design.
    pub design: Design,
    /// The file as it was read.
    pub stamp: Stamp,
}

/// Reads a design (RON or JSON, by extension, else by content). Errors read
/// `PATH:LINE:COLUMN: what was expected`.
pub fn read_design(path: &Path) -> Result<Loaded> {
    let bytes = read_capped(path)?;
    let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
    let format = Format::from_extension(&path.to_string_lossy());
    let design = format::load_bytes(&bytes, format).map_err(|e| match e.location() {
        Some(at) => anyhow!(
            "{}:{}:{}: {}",
            path.display(),
            at.line,
            at.column,
            strip_location(&e.to_string())
        ),
        None => anyhow!("{}: {e}", path.display()),
    })?;
    Ok(Loaded {
        design,
        stamp: Stamp::of_bytes(&bytes, modified),
    })
}

fn strip_location(message: &str) -> &str {
    // LoadError's Display starts with "L:C: "; the caller puts the path before its own copy.
    match message.split_once(": ") {
        Some((pos, rest)) if pos.chars().all(|c| c.is_ascii_digit() || c == ':') => rest,
        _ => message,
    }
}

/// How a save should treat a target that changed since it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    /// Refuse if the target's content differs from `expected`.
    IfUnchanged,
    /// Write whatever is there.
    Force,
}

/// Saves `design` to `path` in the format its extension implies, atomically, keeping the previous
/// file as `path~`. With `expected` and [`Overwrite::IfUnchanged`], refuses when the file on disk is
/// no longer what was read. Returns the new stamp.
pub fn save_design(path: &Path, design: &Design, expected: Option<&Stamp>, overwrite: Overwrite) -> Result<Stamp> {
    let fmt = format_for(path);
    let text = format::to_string(design, fmt);
    // Parse it back before touching the disk: what we write must load as the same design (links in
    // the same order; the loader numbers them afresh, so a design that lost a link has other ids).
    let same = |back: &Design| {
        back.era == design.era && back.nodes() == design.nodes() && back.links().values().eq(design.links().values())
    };
    match format::load(&text, Some(fmt)) {
        Ok(back) if same(&back) => {}
        Ok(_) => bail!(
            "{}: not saved: the written form would not load as the same design (a bug; please report it)",
            path.display()
        ),
        Err(e) => bail!(
            "{}: not saved: the written form would not load ({e}) (a bug; please report it)",
            path.display()
        ),
    }
    if overwrite == Overwrite::IfUnchanged
        && let Some(expected) = expected
        && let Some(now) = Stamp::of_file(path)
        && !now.same_content(expected)
    {
        bail!(
            "{}: not saved: the file changed on disk since it was opened; save with force (`:w!`) to overwrite it",
            path.display()
        );
    }
    write_atomic(path, text.as_bytes())?;
    Ok(Stamp::of_bytes(
        text.as_bytes(),
        fs::metadata(path).and_then(|m| m.modified()).ok(),
    ))
}

/// The backup path of `path`: `NAME~` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
    name.push("~");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically (see the module doc). The target, if any, is untouched on failure.
///
/// The temp file is `tempfile`'s ([`tempfile::NamedTempFile`], named `.NAME.XXXXXX.tmp` so that
/// [`clean_stray_temps`] finds what a killed save left), removed by its drop on every error path;
/// [`persist`](tempfile::NamedTempFile::persist) renames it over the target. The fsyncs are ours: the data before the
/// rename, the folder after it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    // Write through a symlink to its target, so the link survives.
    let target = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) => path.to_path_buf(),
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        bail!(
            "{}: not saved: the folder {} does not exist",
            path.display(),
            dir.display()
        );
    }
    let file_name = target
        .file_name()
        .map_or_else(|| "design".into(), |n| n.to_string_lossy().into_owned());
    let not_saved = |e: &dyn std::fmt::Display| anyhow!("{}: not saved: {e}", path.display());
    let prefix = format!(".{file_name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets read-write for all less the umask, as `File::create` gives (a temp file's
    // own 0600 would make a first save private).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| not_saved(&e))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .and_then(|()| match fs::metadata(&target) {
            Ok(meta) => tmp.as_file().set_permissions(meta.permissions()),
            Err(_) => Ok(()),
        })
        .map_err(|e| not_saved(&e))?;
    if target.exists() {
        // A hard link keeps the previous version at no cost and atomically; copy where links fail.
        let backup = backup_path(&target);
        let _ = fs::remove_file(&backup);
        fs::hard_link(&target, &backup)
            .or_else(|_| fs::copy(&target, &backup).map(|_| ()))
            .map_err(|e| {
                anyhow!(
                    "{}: not saved: cannot keep the previous version as {}: {e}",
                    path.display(),
                    backup.display()
                )
            })?;
    }
    tmp.persist(&target).map_err(|e| not_saved(&e.error))?;
    // Make the rename durable; some file systems refuse to sync a folder, which is not an error here.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Removes temp files a killed save left beside `path` (`.NAME.*.tmp`); returns how many.
pub fn clean_stray_temps(path: &Path) -> usize {
    let Some(dir) = path
        .parent()
        .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
    else {
        return 0;
    };
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return 0;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else { return 0 };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && Path::new(&n).extension().is_some_and(|x| x == "tmp")
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// The folder new designs are saved in: `$VNETSKETCH_SAVES`, else `saves/` under the current folder.
pub fn saves_dir() -> PathBuf {
    std::env::var_os("VNETSKETCH_SAVES").map_or_else(|| PathBuf::from("saves"), PathBuf::from)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_since_1970_become_calendar_dates() {
        assert_eq!(super::civil_date(0), "1970-01-01");
        assert_eq!(super::civil_date(11_016), "2000-02-29");
        assert_eq!(super::civil_date(19_723), "2024-01-01");
        assert_eq!(super::civil_date(20_417), "2025-11-25");
        assert!(super::today_utc().as_str() >= "2025-01-01");
    }

    use super::*;
    use vnetsketch_model::run_script;

    fn design(script: &str) -> Design {
        let mut d = Design::default();
        run_script(&mut d, script).expect("script");
        d
    }

    #[cfg(unix)]
    #[test]
    fn a_save_through_a_symlink_writes_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().expect("tmp");
        let (real_dir, link_dir) = (dir.path().join("real"), dir.path().join("links"));
        fs::create_dir_all(&real_dir).expect("real dir");
        fs::create_dir_all(&link_dir).expect("link dir");
        let (target, link) = (real_dir.join("d.ron"), link_dir.join("d.ron"));
        let d1 = design("vnet a 10.0.0.0/16");
        save_design(&target, &d1, None, Overwrite::Force).expect("save the target");
        std::os::unix::fs::symlink(&target, &link).expect("symlink");
        let s1 = Stamp::of_file(&link).expect("stamp through the link");
        let d2 = design("vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16");
        save_design(&link, &d2, Some(&s1), Overwrite::IfUnchanged).expect("save through the link");
        assert!(
            fs::symlink_metadata(&link).expect("link").file_type().is_symlink(),
            "still a link"
        );
        assert_eq!(fs::read_link(&link).expect("read link"), target);
        assert_eq!(read_design(&target).expect("target").design, d2);
        assert_eq!(
            read_design(&backup_path(&target))
                .expect("backup beside the target")
                .design,
            d1
        );
        assert_eq!(
            fs::read_dir(&link_dir).expect("dir").count(),
            1,
            "nothing written beside the link"
        );
        assert_eq!(
            fs::read_dir(&real_dir).expect("dir").count(),
            2,
            "the target and its backup, no temp"
        );
    }

    #[test]
    fn save_then_read_gives_the_same_design_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("d.ron");
        let d1 = design("vnet a 10.0.0.0/16");
        let s1 = save_design(&path, &d1, None, Overwrite::IfUnchanged).expect("save 1");
        let d2 = design("vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16");
        save_design(&path, &d2, Some(&s1), Overwrite::IfUnchanged).expect("save 2");
        assert_eq!(read_design(&path).expect("read").design, d2);
        assert_eq!(read_design(&backup_path(&path)).expect("backup").design, d1);
        assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 2, "no temp file left");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_mode_and_a_save_keeps_the_files_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        let dir = tempfile::tempdir().expect("tmp");
        let plain = dir.path().join("plain");
        File::create(&plain).expect("create");
        let path = dir.path().join("d.ron");
        save_design(&path, &design("vnet a 10.0.0.0/16"), None, Overwrite::Force).expect("save");
        assert_eq!(
            mode(&path),
            mode(&plain),
            "what File::create gives (0666 less the umask)"
        );
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        save_design(&path, &design("vnet b 10.0.0.0/16"), None, Overwrite::Force).expect("save");
        assert_eq!(mode(&path), 0o640, "a save keeps the file's mode");
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten_unless_forced() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("d.json");
        let stamp = save_design(&path, &design("vnet a 10.0.0.0/16"), None, Overwrite::IfUnchanged).expect("save");
        fs::write(&path, "{\"version\": 1}").expect("external edit");
        let err = save_design(
            &path,
            &design("vnet b 10.0.0.0/16"),
            Some(&stamp),
            Overwrite::IfUnchanged,
        )
        .expect_err("refused");
        assert!(err.to_string().contains("changed on disk"), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "{\"version\": 1}");
        save_design(&path, &design("vnet b 10.0.0.0/16"), Some(&stamp), Overwrite::Force).expect("forced");
    }

    #[test]
    fn a_missing_folder_fails_with_a_reason() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("nope").join("d.ron");
        let err = save_design(&path, &Design::default(), None, Overwrite::IfUnchanged).expect_err("no folder");
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn read_errors_name_path_line_and_column() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("bad.ron");
        fs::write(
            &path,
            "(\n  version: 1,\n  vnets: [(name: \"a\", address_space: [\"10.0.0.0/40\"])],\n)",
        )
        .expect("write");
        let err = read_design(&path).err().expect("bad file").to_string();
        assert!(err.starts_with(&format!("{}:3:", path.display())), "{err}");
    }
}
