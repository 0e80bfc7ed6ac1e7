//! Snapshots of every screen and mode at 120x40 and 80x24 (and the too-small screen), rendered on
//! ratatui's `TestBackend`. Review changes with `cargo insta review` (or `INSTA_UPDATE=always`).

use super::test_support::{SCREENS, app, stabilize, terminal};

#[test]
fn every_screen_at_120x40_and_80x24() {
    for (w, h) in [(120, 40), (80, 24)] {
        for (name, make) in SCREENS {
            let mut a = make(w, h);
            stabilize(&mut a);
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal(&a).backend());
        }
    }
}

#[test]
fn too_small_says_so() {
    let a = app(super::test_support::HUB_SPOKE, 50, 10);
    insta::assert_snapshot!("too_small_50x10", terminal(&a).backend());
}
