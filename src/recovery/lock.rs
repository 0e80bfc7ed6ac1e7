//! Advisory locks: which session is editing a design, and whether the writer of a recovery copy
//! still runs.
//!
//! A session holds, for as long as it runs, the lock of each recovery-copy name it writes or may
//! write, named like the copy with `.lock` for `.ron`: `<stem>-<hash>.lock` for the design at a
//! canonical path (the plain copy's name; its holder is *the* session editing that file, taken when
//! the file is opened), `<stem>-<hash>-<pid>.lock` for a copy under a name of its own,
//! `untitled-<pid>.lock` for a design never saved. They are `flock` locks (`File::try_lock`): the
//! system drops them when the process ends, however it ends, so a copy whose lock nobody holds is
//! an orphan, and taking one is atomic, so of two sessions opening one file at the same instant
//! exactly one gets it and the other is told.
//!
//! Lock files live in `$XDG_RUNTIME_DIR/vnetsketch`, else in `vnetsketch-<uid>` in the temp folder
//! (created private to the user; one that another user could write in is refused, and the session
//! goes on without locks). Not beside the design (its folder may be read-only) nor among the
//! recovery copies (that folder holds the copies and nothing else). Each holds its holder's
//! [`Header`] line. A released lock's file is removed while it is still held; a taker checks, once
//! it holds a lock, that its file is still the one at the path.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::header::Header;
use super::paths::{canonical, copy_name};

/// The folder lock files go in (see the module doc).
pub fn lock_dir() -> PathBuf {
    lock_dir_from(std::env::var_os("XDG_RUNTIME_DIR"))
}

/// [`lock_dir`] from the value of `XDG_RUNTIME_DIR` (ignored unless an absolute path).
fn lock_dir_from(runtime: Option<OsString>) -> PathBuf {
    match runtime.map(PathBuf::from).filter(|p| p.is_absolute()) {
        Some(dir) => dir.join("vnetsketch"),
        None => std::env::temp_dir().join(format!("vnetsketch-{}", user())),
    }
}

/// The user's id (Unix), for a folder name of this user's own in the shared temp folder.
#[cfg(unix)]
fn user() -> String {
    rustix::process::getuid().as_raw().to_string()
}

/// The user's name (elsewhere the temp folder is the user's own already).
#[cfg(not(unix))]
fn user() -> String {
    std::env::var("USERNAME").unwrap_or_default()
}

/// Creates `dir` private to the user, and refuses one another user owns or could write in.
fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::symlink_metadata(dir)?;
        let mine = meta.uid() == rustix::process::getuid().as_raw();
        if !meta.is_dir() || !mine || meta.mode() & 0o077 != 0 {
            return Err(io::Error::other(format!(
                "{} is not a folder private to this user",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// The lock file of the recovery copy at `copy` (`NAME.ron` → `NAME.lock`).
fn lock_of(copy: &Path) -> Option<PathBuf> {
    let stem = copy.file_stem()?;
    let mut name = stem.to_os_string();
    name.push(".lock");
    Some(lock_dir().join(name))
}

/// The lock file of the copy name for (`file`, `pid`, `unique`) ([`copy_name`]).
fn lock_for(file: Option<&Path>, pid: u32, unique: bool) -> Option<PathBuf> {
    let canonical = file.map(canonical);
    lock_of(Path::new(&copy_name(canonical.as_deref(), pid, unique)))
}

/// A lock this session holds; dropping it removes its file and releases it.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Takes the lock at `path` (creating its file), writing `holder`'s line into it; `Ok(None)`
    /// when another session holds it.
    pub fn take(path: &Path, holder: &Header) -> io::Result<Option<Lock>> {
        // A holder that releases removes the file while still holding it: a lock taken on a file
        // that is no longer at `path` guards nothing, and the next turn takes the new one.
        for _ in 0..16 {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) => return Err(e),
            }
            if is_at(&file, path) {
                file.set_len(0)?;
                (&file).write_all(format!("{}\n", holder.line()).as_bytes())?;
                return Ok(Some(Lock {
                    file,
                    path: path.to_path_buf(),
                }));
            }
        }
        Err(io::Error::other(format!(
            "{}: the lock file keeps being replaced",
            path.display()
        )))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so nobody takes a lock on a file that is going.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// `true` when the open `file` is the one at `path` now.
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// `true` when the open `file` is the one at `path` now (an open file cannot be removed here).
#[cfg(not(unix))]
fn is_at(_file: &File, _path: &Path) -> bool {
    true
}

/// `true` when a session holds the lock at `path` (this one too, through another handle).
pub fn held(path: &Path) -> bool {
    File::open(path).is_ok_and(|f| matches!(f.try_lock_shared(), Err(TryLockError::WouldBlock)))
}

/// Who holds the lock of the design at `file`, as the holder wrote it: its pid, host, and when it
/// opened the file. `None` when nobody does, or nothing can be told.
///
/// The holder writes its line just after it takes the lock; a session started at the same instant
/// can read the file in between and find it empty, so an empty or partial line is read again, for up
/// to about 100 ms while the lock is held.
pub fn editor(file: &Path) -> Option<Header> {
    let path = lock_for(Some(file), 0, false)?;
    for _ in 0..50 {
        if !held(&path) {
            return None;
        }
        if let Some(header) = fs::read_to_string(&path).ok().and_then(|text| Header::parse(&text)) {
            return Some(header);
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    None
}

/// Removes the lock file of the recovery copy at `copy` when nobody holds it (taken first, so that
/// it is removed only while held).
pub fn remove_stale(copy: &Path) {
    if let Some(path) = lock_of(copy).filter(|p| p.exists())
        && let Ok(Some(lock)) = Lock::take(&path, &Header::now(None))
    {
        drop(lock);
    }
}

/// The locks one session holds. Clones share them (the writer thread's and the signal watcher's
/// copies of the autosave state); they are released together when the last clone goes, or when
/// the process ends.
#[derive(Clone, Debug, Default)]
pub struct Locks(Arc<Mutex<Vec<Lock>>>);

impl Locks {
    /// Takes the lock of the copy name for (`file`, `pid`, `unique`), unless this session holds it
    /// already. `false` when another session holds it. When no lock can be taken at all (no private
    /// folder for them), nothing can be told: `true`, and the session goes on without it.
    pub fn take(&self, file: Option<&Path>, pid: u32, unique: bool) -> bool {
        let Some(path) = lock_for(file, pid, unique) else {
            return true;
        };
        let mut held = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if held.iter().any(|l| l.path == path) {
            return true;
        }
        let taken = path
            .parent()
            .map_or(Ok(()), private_dir)
            .and_then(|()| Lock::take(&path, &Header::now(file)));
        match taken {
            Ok(Some(lock)) => {
                held.push(lock);
                true
            }
            Ok(None) => false,
            Err(_) => true,
        }
    }

    /// `true` when this session holds the lock of the recovery copy at `copy`.
    pub fn holds(&self, copy: &Path) -> bool {
        let Some(path) = lock_of(copy) else { return false };
        let held = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        held.iter().any(|l| l.path == path)
    }

    /// `true` when another session holds the lock of the recovery copy at `copy`: its writer still
    /// runs.
    pub fn held_elsewhere(&self, copy: &Path) -> bool {
        !self.holds(copy) && lock_of(copy).is_some_and(|path| held(&path))
    }

    /// Lets go of every lock (for every clone), removing their files: on the way out of a session,
    /// whose other clones (a signal watcher's) may outlive it until the process ends.
    pub fn release(&self) {
        let taken = std::mem::take(&mut *self.0.lock().unwrap_or_else(PoisonError::into_inner));
        drop(taken);
    }

    /// The lock files held, in the order taken.
    pub fn paths(&self) -> Vec<PathBuf> {
        let held = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        held.iter().map(|l| l.path.clone()).collect()
    }
}

/// Two sets of locks are equal when they hold the same lock files.
impl PartialEq for Locks {
    fn eq(&self, other: &Locks) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.paths() == other.paths()
    }
}

impl Eq for Locks {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_folder_is_the_runtime_folder_else_a_private_one_in_temp() {
        assert_eq!(
            lock_dir_from(Some("/run/user/7".into())),
            PathBuf::from("/run/user/7/vnetsketch")
        );
        let fallback = lock_dir_from(Some("relative".into()));
        assert_eq!(fallback, lock_dir_from(None), "a relative value is ignored");
        assert!(fallback.starts_with(std::env::temp_dir()));

        let dir = tempfile::tempdir().expect("tmp");
        let private = dir.path().join("locks");
        private_dir(&private).expect("created private");
        private_dir(&private).expect("and accepted again");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let open = dir.path().join("open");
            fs::create_dir(&open).expect("mkdir");
            fs::set_permissions(&open, fs::Permissions::from_mode(0o777)).expect("chmod");
            assert!(private_dir(&open).is_err(), "a folder others can write in is refused");
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&private, &link).expect("symlink");
            assert!(private_dir(&link).is_err(), "a symlink is refused");
        }
    }

    /// A session started at the same instant as the holder may find the lock taken and its line not
    /// written yet: it reads again and names the holder (as the tmux race test expects).
    #[test]
    fn the_holder_is_named_when_its_line_comes_just_after_the_lock() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("race.ron");
        fs::write(&file, "").expect("design");
        let path = lock_for(Some(&file), 0, false).expect("a lock path");
        if let Some(parent) = path.parent() {
            private_dir(parent).expect("lock folder");
        }
        let holder = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)
            .expect("lock file");
        holder.try_lock().expect("free");
        let me = Header::now(Some(&file));
        let writer = {
            let (path, line) = (path.clone(), me.line());
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(20));
                fs::write(&path, format!("{line}\n")).expect("the holder's line");
            })
        };
        assert_eq!(editor(&file), Some(me), "read again until the line is there");
        writer.join().expect("writer");
        drop(holder);
        let _ = fs::remove_file(&path);
    }

    #[test]
    fn one_holder_at_a_time_and_the_file_goes_with_the_lock() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("net-0123456789abcdef.lock");
        let me = Header::now(Some(Path::new("/x/net.ron")));
        let first = Lock::take(&path, &me).expect("io").expect("free");
        assert!(held(&path));
        assert_eq!(
            fs::read_to_string(&path).ok().and_then(|t| Header::parse(&t)),
            Some(me.clone()),
            "the holder says who it is"
        );
        assert!(
            Lock::take(&path, &me).expect("io").is_none(),
            "a second handle is refused"
        );
        drop(first);
        assert!(!path.exists(), "released and removed");
        assert!(!held(&path));
        assert!(Lock::take(&path, &me).expect("io").is_some(), "free again");
        // A file left by a session that was killed (no holder) is taken over.
        let stale = dir.path().join("stale.lock");
        fs::write(&stale, "left by a killed session").expect("write");
        assert!(!held(&stale));
        assert!(Lock::take(&stale, &me).expect("io").is_some());
        assert!(!stale.exists());
    }

    #[test]
    fn a_session_takes_each_lock_once_and_sees_who_else_holds_one() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("net.ron");
        let (one, two) = (Locks::default(), Locks::default());
        assert!(one.take(Some(&file), 1, false), "the first session on the file");
        assert!(one.take(Some(&file), 1, false), "held already");
        assert!(!two.take(Some(&file), 2, false), "a second session is refused");
        assert!(two.take(Some(&file), 2, true), "its own name is free");
        assert_eq!(editor(&file).map(|h| h.pid), Some(std::process::id()));
        let state = dir.path().join("state");
        let plain = super::super::paths::copy_path(&state, Some(&file), 1, false);
        let own = super::super::paths::copy_path(&state, Some(&file), 2, true);
        assert!(one.holds(&plain) && !one.held_elsewhere(&plain));
        assert!(!two.holds(&plain) && two.held_elsewhere(&plain));
        assert!(one.held_elsewhere(&own) && two.holds(&own));
        assert_eq!(one.clone(), one, "clones share the locks");
        assert_ne!(one, two);
        // The last clone going releases them all.
        let lock_files = one.paths();
        let clone = one.clone();
        drop(one);
        assert!(lock_files.iter().all(|p| p.exists()), "a clone still holds them");
        drop(clone);
        assert!(lock_files.iter().all(|p| !p.exists()));
        assert!(!two.held_elsewhere(&plain));
        assert_eq!(editor(&file), None);
        assert!(two.take(Some(&file), 2, false), "free for the next session");
        let held = two.paths();
        let watcher = two.clone();
        two.release();
        assert!(
            held.iter().all(|p| !p.exists()) && watcher.paths().is_empty(),
            "released for all clones"
        );
    }
}
