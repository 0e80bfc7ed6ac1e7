//! What the CLI tests share: the binary under test and the shipped examples.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `vnetsketch` binary built for these tests.
pub fn vnetsketch() -> Command {
    Command::cargo_bin("vnetsketch").expect("binary")
}

/// A shipped example, by file name (`hub-spoke.ron`, `multi-site.vns`).
pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples").join(name)
}

/// `vnetsketch run SCRIPT -o DESIGN`, which must succeed.
pub fn run_to(script: &Path, design: &Path) {
    vnetsketch()
        .arg("run")
        .arg(script)
        .arg("-o")
        .arg(design)
        .assert()
        .success();
}
