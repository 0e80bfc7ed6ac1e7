//! Where recovery copies go and what they are called: the state folder, the stable hash of a
//! design's canonical path, and the names built from it (the lock files, [`super::lock`], share them).

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

/// The folder recovery copies go in (see [`crate::recovery`]); `None` when none of the variables is
/// set.
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

/// `true` when `name` is a copy of the design whose copies start with `base` (`None`: untitled).
pub(super) fn is_copy_of(name: &str, base: Option<&str>) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
