//! The recovery copies themselves: writing one, reading one back, removing one with what a killed
//! write left, and sorting the copies of a design into orphaned and still being written.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, anyhow};
use vnetsketch_model::Design;
use vnetsketch_model::format::{self, Format};

use super::header::Header;
use super::lock::{self, Locks};
use super::paths::{canonical, copy_base, is_copy_of};
use crate::io;

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

/// Removes a recovery copy and anything a killed write of it left (`NAME~`, `.NAME.*.tmp`, its lock
/// file when nobody holds it).
pub fn remove_copy(path: &Path) {
    let _ = fs::remove_file(path);
    let _ = fs::remove_file(io::backup_path(path));
    io::clean_stray_temps(path);
    lock::remove_stale(path);
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

/// The recovery copies in `dir` for the design at `file` (`None`: the untitled ones), seen from a
/// session holding `locks`.
#[derive(Debug, Default)]
pub struct Scan {
    /// Copies whose writer is gone (nobody holds their lock, or this session does), newest first.
    pub orphaned: Vec<Copy>,
    /// Copies whose writer still runs (another session holds their lock): `(path, pid)`.
    pub running: Vec<(PathBuf, u32)>,
    /// Copies that could not be read, with the reason.
    pub unreadable: Vec<String>,
}

/// Finds the recovery copies in `dir` for `file` (see [`Scan`]).
pub fn scan(dir: &Path, file: Option<&Path>, locks: &Locks) -> Scan {
    let base = file.map(|f| copy_base(&canonical(f)));
    let mut out = Scan::default();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !is_copy_of(&name, base.as_deref()) || !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        match read_copy(&entry.path()) {
            Ok(copy) if locks.held_elsewhere(&copy.path) => out.running.push((copy.path, copy.header.pid)),
            Ok(copy) => out.orphaned.push(copy),
            Err(e) => out.unreadable.push(format!("{e:#}")),
        }
    }
    out.orphaned
        .sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| a.path.cmp(&b.path)));
    out.running.sort();
    out
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::time::Duration;

    use super::*;
    use crate::recovery::design;
    use crate::recovery::paths::copy_path;

    #[test]
    fn a_copy_loads_as_a_design_and_leaves_nothing_else() {
        let h = Header::now(Some(Path::new("/x/net.ron")));
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
        assert_eq!(copy.header, h);
        remove_copy(&path);
        assert!(!path.exists());
    }

    #[test]
    fn a_scan_sorts_copies_into_orphaned_running_and_unreadable() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("net.ron");
        let d = design("vnet hub 10.0.0.0/16");
        let header = Header::now(Some(&file));
        // Copies of sessions that are gone: nobody holds their locks.
        let old = copy_path(dir.path(), Some(&file), 1, false);
        write_copy(&old, &d, &header).expect("write");
        let newer = copy_path(dir.path(), Some(&file), 77, true);
        write_copy(&newer, &d, &header).expect("write");
        let when = SystemTime::now() - Duration::from_secs(600);
        fs::File::options()
            .write(true)
            .open(&old)
            .and_then(|f| f.set_modified(when))
            .expect("age the first copy");
        // A session that still runs: it holds the lock of its copy's name.
        let other = Locks::default();
        assert!(other.take(Some(&file), 88, true));
        let live = copy_path(dir.path(), Some(&file), 88, true);
        write_copy(
            &live,
            &d,
            &Header {
                pid: 88,
                ..header.clone()
            },
        )
        .expect("write");
        // Junk with a copy's name, a copy of another file, an untitled copy.
        fs::write(copy_path(dir.path(), Some(&file), 5, true), "garbage").expect("write");
        let elsewhere = copy_path(dir.path(), Some(&dir.path().join("other.ron")), 0, false);
        write_copy(&elsewhere, &d, &header).expect("write");
        write_copy(&copy_path(dir.path(), None, 9, false), &d, &header).expect("write");

        let me = Locks::default();
        let scan = scan(dir.path(), Some(&file), &me);
        let orphaned: Vec<_> = scan.orphaned.iter().map(|c| c.path.clone()).collect();
        assert_eq!(orphaned, vec![newer.clone(), old.clone()], "newest first");
        assert_eq!(scan.running, vec![(live.clone(), 88)]);
        assert_eq!(scan.unreadable.len(), 1, "{:?}", scan.unreadable);
        // Seen from the session that holds the lock, its own copy is not another's.
        assert_eq!(super::scan(dir.path(), Some(&file), &other).running, vec![]);
        let untitled = super::scan(dir.path(), None, &me);
        assert_eq!(untitled.orphaned.len(), 1);
        assert!(super::scan(&dir.path().join("missing"), None, &me).orphaned.is_empty());

        // Removing a copy leaves a held lock alone; the lock goes with the session.
        remove_copy(&live);
        assert!(me.held_elsewhere(&live));
        drop(other);
        assert!(!me.held_elsewhere(&live));
    }
}
