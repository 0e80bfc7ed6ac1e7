//! Data safety: a save killed at any moment leaves the old or the new design, never a torn file;
//! failed saves (full disk, read-only folder, missing folder) leave the original byte-identical.
//!
//! The full-disk and read-only cases mount a small tmpfs (root only). Where mounting is not allowed,
//! they say so loudly on stderr and check nothing else: run them as root to exercise them.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use vnetsketch::io::{Overwrite, backup_path, clean_stray_temps, read_design, save_design};
use vnetsketch_model::Design;
use vnetsketch_model::generate::generate;

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_vnetsketch")
}

fn generate_cmd(seed: u64, vnets: usize, out: &Path) -> Command {
    let mut c = Command::new(bin());
    c.args([
        "generate",
        "--vnets",
        &vnets.to_string(),
        "--seed",
        &seed.to_string(),
        "-o",
    ])
    .arg(out);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// Deterministic pseudo-random delays.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn kill_9_during_save_leaves_the_old_or_the_new_design() {
    const VNETS: usize = 2_000;
    let iterations: usize = std::env::var("VNETSKETCH_KILL_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let dir = tempfile::tempdir().expect("tmp");
    let target = dir.path().join("design.ron");
    let designs: [Design; 2] = [generate(VNETS, 1), generate(VNETS, 2)];
    let started = Instant::now();
    assert!(generate_cmd(1, VNETS, &target).status().expect("run").success());
    let full = started.elapsed();
    let mut rng = Lcg(42);
    let (mut old, mut new) = (0, 0);
    for i in 0..iterations {
        let seed = 1 + (i as u64 % 2);
        let mut child = generate_cmd(seed, VNETS, &target).spawn().expect("spawn");
        let delay = full.as_micros() as u64 * 12 / 10 * (rng.next() % 1000) / 1000;
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let _ = child.wait();
        let loaded = read_design(&target)
            .unwrap_or_else(|e| panic!("iteration {i}: torn file: {e:#}"))
            .design;
        if loaded == designs[0] {
            old += usize::from(seed == 2);
            new += usize::from(seed == 1);
        } else if loaded == designs[1] {
            old += usize::from(seed == 1);
            new += usize::from(seed == 2);
        } else {
            panic!("iteration {i}: the file holds neither design");
        }
    }
    let strays = clean_stray_temps(&target);
    eprintln!(
        "kill -9 during save: {iterations} kills, {old} left the previous design, {new} the new one, {strays} stray temp files removed"
    );
    let left: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert!(
        left.iter().all(|p| p == &target || p == &backup_path(&target)),
        "left behind: {left:?}"
    );
}

/// A tmpfs of `kib` KiB mounted for the test's life.
struct Tmpfs(PathBuf);
impl Tmpfs {
    fn mount(kib: u32) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?.keep();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(&dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Tmpfs(dir))
        } else {
            eprintln!("SKIPPED: cannot mount a tmpfs here (not root?); full-disk and read-only cases not exercised");
            None
        }
    }
    fn remount_read_only(&self) -> bool {
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success())
    }
}
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_full_disk_leaves_the_original_byte_identical_and_says_why() {
    let Some(fs) = Tmpfs::mount(256) else { return };
    let target = fs.0.join("d.ron");
    save_design(&target, &generate(20, 1), None, Overwrite::Force).expect("first save fits");
    let before = std::fs::read(&target).expect("read");
    // Fill the disk.
    let filler = fs.0.join("filler");
    let _ = std::fs::write(&filler, vec![0u8; 512 * 1024]);
    let err = save_design(&target, &generate(400, 2), None, Overwrite::Force).expect_err("no space");
    let msg = format!("{err:#}");
    assert!(
        msg.contains("not saved") && msg.to_lowercase().contains("space"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&target).expect("read"), before);
    assert_eq!(clean_stray_temps(&target), 0, "the failed save cleaned up after itself");
}

#[test]
fn a_read_only_folder_leaves_the_original_byte_identical_and_says_why() {
    let Some(fs) = Tmpfs::mount(1024) else { return };
    let target = fs.0.join("d.ron");
    save_design(&target, &generate(20, 1), None, Overwrite::Force).expect("first save");
    let before = std::fs::read(&target).expect("read");
    assert!(fs.remount_read_only(), "remount read-only");
    let err = save_design(&target, &generate(30, 2), None, Overwrite::Force).expect_err("read-only");
    assert!(format!("{err:#}").contains("Read-only"), "{err:#}");
    assert_eq!(std::fs::read(&target).expect("read"), before);
}

#[test]
fn the_cli_refuses_to_write_into_a_missing_folder_and_exits_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("missing").join("d.ron");
    let status = generate_cmd(1, 5, &out).status().expect("run");
    assert_eq!(status.code(), Some(2));
    assert!(!out.exists());
}
