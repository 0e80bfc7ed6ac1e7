//! Reach mode and the path panel on the shipped examples: `r` marks what the selected node reaches,
//! selecting a second node shows the model's path to it (hub-spoke: spoke-app reaches head-office
//! through the hub's gateway; broken: unreachable pairs with the model's reason and fix), `F` puts
//! the fix on the `:` line; the answers are kept until the design or the selection changes.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Modifier;

use super::action::Action;
use super::geometry::screen::ScreenAreas;
use super::state::{App, Mode, Selection};
use super::test_support::{app, key, press, screen, stabilize, status_says, terminal};
use super::update::update;

const HUB_SPOKE: &str = include_str!("../../assets/examples/hub-spoke.vns");
const BROKEN: &str = include_str!("../../assets/examples/broken.vns");

/// The text of the side panel (the path panel in reach mode), its rows joined with single spaces:
/// what a reader reads, however the width wrapped it.
fn panel_text(a: &App) -> String {
    let side = ScreenAreas::of_size(a.size).expect("usable size").inspector;
    let t = terminal(a);
    let buf = t.backend().buffer();
    let mut rows = Vec::new();
    for y in side.y + 1..buf.area.bottom().saturating_sub(3) {
        let row: String = (side.x + 1..side.right() - 1)
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect();
        rows.push(row);
    }
    rows.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fails unless the side panel says each of `texts`.
fn panel_says(a: &App, texts: &[&str]) {
    let s = panel_text(a);
    for text in texts {
        assert!(s.contains(text), "{text:?} missing at {:?}:\n{}", a.size, screen(a));
    }
}

fn select(a: &mut App, name: &str) {
    update(a, Action::Select(Selection::Node(name.into())));
}

/// Reach mode from `from`, with `to` selected.
fn path_app(script: &str, from: &str, to: &str, w: u16, h: u16) -> App {
    let mut a = app(script, w, h);
    select(&mut a, from);
    press(&mut a, "r");
    select(&mut a, to);
    a
}

#[test]
fn spoke_app_reaches_head_office_through_the_hubs_gateway() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = path_app(HUB_SPOKE, "spoke-app", "head-office", w, h);
        let view = a.reach.as_ref().expect("reach mode on");
        let p = view.path.as_ref().expect("the path to head-office");
        assert!(p.reachable, "{p:?}");
        assert!(screen(&a).contains("Path from spoke-app"));
        panel_says(
            &a,
            &[
                "spoke-app → head-office",
                "✓ reachable",
                "≈ 500 Mbps (up to 500 Mbps)",
                "· transit spoke-app → hub · s2s hub → head-office",
                "bottleneck: s2s hub -> head-office: head-office uplink 500 Mbps",
            ],
        );
        stabilize(&mut a);
        insta::assert_snapshot!(format!("reach_hub_spoke_{w}x{h}"), terminal(&a).backend());
    }
}

#[test]
fn an_unreachable_pair_of_broken_shows_why_and_the_fix_goes_on_the_command_line() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut a = path_app(BROKEN, "hub", "remote", w, h);
        panel_says(
            &a,
            &[
                "hub → remote",
                "✗ unreachable",
                "blocked path: · p2s hub → remote",
                "why: hub's PolicyBased gateway takes no Point-to-Site clients [S14, S16]",
                "fix: set hub policy-based=false",
                "F puts the first fix on the : line",
            ],
        );
        stabilize(&mut a);
        insta::assert_snapshot!(format!("reach_broken_{w}x{h}"), terminal(&a).backend());
    }
    let mut a = path_app(BROKEN, "hub", "remote", 120, 40);
    press(&mut a, "F");
    assert!(
        matches!(&a.mode, Mode::Command { input, .. } if input.text() == "set hub policy-based=false"),
        "the fix on the : line"
    );
    key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(a.mode, Mode::Normal);
    // The design changed: the model was asked again, and the PolicyBased block is gone.
    let p = a
        .reach
        .as_ref()
        .and_then(|v| v.path.as_ref())
        .expect("still on the path");
    assert!(p.blockers.iter().all(|b| !b.reason.contains("PolicyBased")), "{p:?}");
}

#[test]
fn nodes_the_source_does_not_reach_are_dimmed_and_marked() {
    let mut a = app(BROKEN, 120, 40);
    select(&mut a, "hub");
    press(&mut a, "r");
    assert!(status_says(&a, "reach from hub"));
    let view = a.reach.as_ref().expect("reach on");
    assert!(view.reaches("spoke") && view.reaches("office"));
    assert!(!view.reaches("remote") && !view.reaches("other"));
    let t = terminal(&a);
    let buf = t.backend().buffer();
    let s = screen(&a);
    assert!(s.contains(" from ") && s.contains(" ✓ ") && s.contains(" ✗ "), "{s}");
    assert!(s.contains(" REACH  canvas"), "the status bar says the mode: {s}");
    assert!(s.contains("hub reaches 3 of 5 other nodes"), "{s}");
    // The box of `other` (a name drawn on the canvas) is dim; the spoke's is not.
    let cell_of = |name: &str| {
        let area = buf.area;
        (area.y..area.bottom())
            .flat_map(|y| (area.x..area.right()).map(move |x| (x, y)))
            .find(|&(x, y)| (0..name.len() as u16).all(|i| buf[(x + i, y)].symbol() == &name[i as usize..=i as usize]))
            .unwrap_or_else(|| panic!("{name} not on screen"))
    };
    assert!(buf[cell_of("other  ")].modifier.contains(Modifier::DIM), "{s}");
    assert!(!buf[cell_of("spoke ")].modifier.contains(Modifier::DIM));
}

#[test]
fn answers_are_kept_across_moves_and_renewed_after_an_edit() {
    let mut a = app(HUB_SPOKE, 120, 40);
    select(&mut a, "spoke-app");
    press(&mut a, "r");
    let at = a.reach.as_ref().map(|v| v.at).expect("reach on");
    // A move changes no route: the answer stays as it was computed.
    press(&mut a, "L");
    assert_eq!(a.reach.as_ref().map(|v| v.at), Some(at));
    assert!(a.reach.as_ref().is_some_and(|v| v.reaches("spoke-data")));
    // Deleting the hub's peering to spoke-data changes the design: spoke-data is no longer reached.
    press(&mut a, ":unlink peering hub spoke-data\n");
    let view = a.reach.as_ref().expect("still on");
    assert_ne!(view.at, at);
    assert!(!view.reaches("spoke-data") && view.reaches("head-office"));
    // Undo brings it back.
    press(&mut a, "u");
    assert!(a.reach.as_ref().is_some_and(|v| v.reaches("spoke-data")));
}

#[test]
fn reach_mode_ends_with_esc_r_on_the_source_or_when_the_source_goes() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "r");
    assert!(a.reach.is_none() && status_says(&a, "select a node first"));
    select(&mut a, "hub");
    press(&mut a, "r");
    assert!(a.reach.is_some());
    press(&mut a, "\x1b");
    assert!(a.reach.is_none(), "Esc leaves reach mode");
    assert_eq!(
        a.panes.selection,
        Selection::Node("hub".into()),
        "and keeps the selection"
    );
    press(&mut a, "rr");
    assert!(a.reach.is_none(), "r on the source leaves reach mode");
    press(&mut a, "r");
    select(&mut a, "spoke-app");
    press(&mut a, "r");
    assert_eq!(
        a.reach.as_ref().map(|v| v.source.as_str()),
        Some("spoke-app"),
        "r elsewhere: a new source"
    );
    press(&mut a, ":delete spoke-app\n");
    assert!(a.reach.is_none() && status_says(&a, "spoke-app is no longer in the design"));
}

#[test]
fn f_says_why_when_there_is_no_fix() {
    let mut a = path_app(HUB_SPOKE, "spoke-app", "head-office", 120, 40);
    press(&mut a, "F");
    assert_eq!(a.mode, Mode::Normal);
    assert!(status_says(&a, "spoke-app reaches head-office: nothing to fix"));
    a.reach = None;
    press(&mut a, "F");
    assert!(status_says(&a, "no path shown"));
}

#[test]
fn the_inspector_with_the_focus_shares_the_side_with_the_path_panel() {
    let mut a = path_app(HUB_SPOKE, "spoke-app", "head-office", 120, 40);
    press(&mut a, "e");
    let s = screen(&a);
    assert!(s.contains("site head-office ─") && s.contains("uplink"), "{s}");
    assert!(
        s.contains("Path from spoke-app") && s.contains("spoke-app → head-office"),
        "{s}"
    );
    press(&mut a, "\x1b");
    let s = screen(&a);
    assert!(
        !s.contains("site head-office ─") && a.reach.is_some(),
        "Esc back to the canvas, reach still on"
    );
}

#[test]
fn reach_mode_draws_at_every_size_without_panic() {
    for (from, to) in [("spoke-app", "head-office"), ("branch", "other")] {
        let script = if from == "branch" { BROKEN } else { HUB_SPOKE };
        let mut a = path_app(script, from, to, 120, 40);
        for w in (1..=130).step_by(3).chain([299]) {
            for h in (1..=50).chain([99]) {
                update(&mut a, Action::Resize(w, h));
                let area = ratatui::layout::Rect::new(0, 0, w, h);
                let mut buf = ratatui::buffer::Buffer::empty(area);
                super::ui::render_buffer(&a, area, &mut buf);
                if w >= 60 && h >= 16 {
                    let all: String = buf.content().iter().map(ratatui::buffer::Cell::symbol).collect();
                    assert!(all.contains("Path from"), "{from} -> {to} at {w}x{h}");
                }
            }
        }
    }
}
