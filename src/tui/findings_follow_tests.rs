//! On a large design the frame after an edit does not wait for the whole analysis: the edit is drawn
//! with the findings of before it (the findings pane says `checking…`) while the model analyzes, and
//! the next frame has the new findings. Nothing reads stale findings: the next action, an action an
//! action leads to, and reach mode all see the analysis of the design as it is. The threshold is
//! lowered to 0 here so that a small design shows the same path quickly.

use vnetsketch_model::analysis::analyze;
use vnetsketch_model::validate::Severity;

use vnetsketch_model::parse_line;

use super::action::Action;
use super::state::{App, Focus, Selection};
use super::test_support::{HUB_SPOKE, app, command, finding_index, line, press, screen, status_says};
use super::update::update;

/// Selects node `name` as a click or a search would.
fn select(a: &mut App, name: &str) {
    update(a, Action::Select(Selection::Node(name.to_owned())));
    assert_eq!(a.selected_node(), Some(name));
}

/// The hub-spoke design with every edit that needs the whole analysis left owed.
fn deferring() -> App {
    let mut a = app(HUB_SPOKE, 120, 40);
    a.defer_from = 0;
    a
}

/// The findings pane's counts as drawn: `E:n W:n I:n` of `a`'s report.
fn counts(a: &App) -> String {
    let c = |s| a.doc.report.count(s);
    format!(
        "E:{} W:{} I:{}",
        c(Severity::Error),
        c(Severity::Warning),
        c(Severity::Info)
    )
}

/// `true` when `a` shows the model's analysis of its design as it is now.
fn up_to_date(a: &App) -> bool {
    let now = analyze(&a.doc.design);
    a.doc.report == now.report && a.doc.estimate == now.estimate
}

#[test]
fn a_large_designs_edit_is_drawn_first_then_with_its_findings() {
    let mut a = deferring();
    let before = counts(&a);
    // spoke1 has no gateway: a Site-to-Site link from it is an error.
    command(&mut a, "link s2s spoke1 office");
    assert!(a.pending(), "the analysis is owed");
    assert!(
        a.doc
            .design
            .links()
            .values()
            .any(|l| l.a == "spoke1" && l.b == "office")
    );
    assert_eq!(counts(&a), before, "the findings of before the edit, until the frame");
    let first = a.settle_drawing(screen);
    assert!(
        first.contains("checking…"),
        "the first frame says the findings are coming:\n{first}"
    );
    assert!(first.contains(&before), "{first}");
    assert!(!a.pending());
    assert!(up_to_date(&a), "the model's analysis of the edited design, taken in");
    let after = counts(&a);
    assert_ne!(after, before, "the edit added an error");
    let second = screen(&a);
    assert!(second.contains(&after) && !second.contains("checking…"), "{second}");
}

#[test]
fn the_next_action_reads_the_findings_of_the_design_as_it_is() {
    let mut a = deferring();
    let original = a.doc.report.clone();
    command(&mut a, "link s2s spoke1 office");
    assert!(a.pending());
    // The next key runs the owed analysis before anything else: `u` undoes the edit it was for
    // (and, being a step that needs the whole analysis, leaves the next one owed).
    press(&mut a, "u");
    assert!(status_says(&a, "undone"), "{:?}", a.messages.status);
    assert!(a.pending(), "the undo's analysis is owed in turn");
    a.settle();
    assert_eq!(a.doc.report, original, "undone: the findings of before the edit");
    // Tab to the findings pane reads them after the owed analysis of a new edit.
    command(&mut a, "link s2s spoke1 office");
    press(&mut a, "\t\t");
    assert!(!a.pending() && up_to_date(&a));
}

#[test]
fn narrow_edits_reach_mode_and_small_designs_never_wait() {
    // A site's uplink re-runs two readers: quick, never owed.
    let mut a = deferring();
    command(&mut a, "set office uplink=100");
    assert!(!a.pending() && up_to_date(&a));
    // Reach mode's paths read the estimate: its edits are analyzed at once.
    select(&mut a, "hub");
    press(&mut a, "r");
    assert!(a.reach.is_some(), "reach mode on");
    command(&mut a, "link s2s spoke1 office");
    assert!(!a.pending() && up_to_date(&a));
    // The default threshold: a small design is analyzed with the edit.
    let mut small = app(HUB_SPOKE, 120, 40);
    command(&mut small, "link s2s spoke1 office");
    assert!(!small.pending() && up_to_date(&small));
}

#[test]
fn a_deleted_node_is_drawn_before_its_findings_go_and_is_no_longer_selected() {
    let mut a = deferring();
    select(&mut a, "spoke1");
    assert_eq!(a.selected_node(), Some("spoke1"));
    command(&mut a, "delete spoke1");
    assert!(a.pending());
    assert_eq!(a.selected_node(), None, "the selection went with the node");
    // The findings of before may name the deleted node and its links: drawn, not followed.
    let first = a.settle_drawing(screen);
    assert!(first.contains("checking…"), "{first}");
    assert!(up_to_date(&a));
    // Two edits before a frame: the second adds to what is owed, and one analysis covers both.
    for line in ["vnet spoke3 10.3.0.0/16", "link peering hub spoke3"] {
        let edit = parse_line(line).expect("parses").expect("an edit");
        a.apply(&edit, false).expect("applies");
        assert!(a.pending(), "{line}");
    }
    a.settle_drawing(|_| ());
    assert!(up_to_date(&a));
}

#[test]
fn a_fix_run_from_the_findings_lands_on_the_findings_of_the_fixed_design() {
    let mut a = deferring();
    command(&mut a, "link s2s spoke1 office");
    a.settle();
    a.panes.focus = Focus::Findings;
    a.panes.finding = Some(finding_index(&a, "link-needs-gateway"));
    // Enter puts the fix on the line, Enter runs it: the edit owes its analysis, and going back
    // to the findings (what the fix leads to) runs it first.
    press(&mut a, "\n");
    assert_eq!(line(&a).as_deref(), Some("gateway spoke1 vpn VpnGw1AZ"));
    press(&mut a, "\n");
    assert!(!a.pending() && up_to_date(&a));
    assert!(!a.doc.report.findings.iter().any(|f| f.rule == "link-needs-gateway"));
    assert_eq!(a.panes.focus, Focus::Findings, "back to the findings");
    assert_eq!(a.panes.finding, Some(0), "on the first one left");
}

/// Edits of every sort in a row (structural, narrow, undo and redo), some drawn before their
/// findings and some not: whenever no analysis is owed, the findings and the estimate are the
/// model's for the design as it is, and the last frame drawn says `checking…` only while one is.
#[test]
fn whenever_nothing_is_owed_the_findings_are_the_designs() {
    let mut a = deferring();
    let lines = [
        "link s2s spoke1 office",
        "set office uplink=100",
        "vnet spoke3 10.3.0.0/16 region=westeurope",
        "link peering hub spoke3",
        "set hub region=northeurope",
        "gateway spoke1 vpn VpnGw1AZ",
        "delete spoke2",
        "set spoke1 name=app",
    ];
    let mut owed = 0;
    for (i, line) in lines.iter().enumerate() {
        command(&mut a, line);
        owed += usize::from(a.pending());
        if i % 2 == 0 {
            let drawn = a.settle_drawing(screen);
            assert!(!a.pending(), "{line}");
            assert!(up_to_date(&a), "after {line}");
            assert!(!screen(&a).contains("checking…"), "after {line}: {drawn}");
        } else if !a.pending() {
            assert!(up_to_date(&a), "after {line}");
        }
    }
    assert!(
        (4..lines.len()).contains(&owed),
        "{owed} of {} edits drawn before their findings: the narrow ones never are",
        lines.len()
    );
    for keys in ["uuu", "U", "uu"] {
        press(&mut a, keys);
        a.settle_drawing(|_| ());
        assert!(up_to_date(&a), "after {keys}");
    }
}
