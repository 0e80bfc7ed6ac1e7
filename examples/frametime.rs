//! What one edit's whole frame costs in the designer, split into the edit (with the analysis) and
//! the drawing, on a generated design laid out at 200x60 around `hub-0008`, as the frame bench sets it
//! up: `cargo run --release --example frametime [VNETS] [KIND] [RUNS]`, KIND one of `sku` (a hub's
//! VPN SKU: the whole analysis), `link` (a peering made, then removed), `node` (a VNet added at the
//! nearest free place, then deleted), `uplink` (a site's uplink), `region` (a hub's region), `undo` (a
//! peering made before the runs, undone and redone in turn) or `full` (the whole analysis again, no edit). Each run
//! applies the next edit of the pair and draws, printing both times; for callgrind, compare a run of
//! RUNS edits with one of 0 (the setup) and divide.
//!
//! `frametime VNETS KIND RUNS follow` does what the designer's event loop does from 5,000 nodes and
//! links up: the edit, then its frame drawn while the model analyzes (the findings of before the
//! edit), then the frame with its findings; it prints the time from the edit to each frame.

use std::time::Instant;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vnetsketch::tui::state::FINDINGS_FOLLOW_FROM;
use vnetsketch::tui::{Action, App, Selection, render, update};
use vnetsketch_model::{Edit, parse_line};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let mut args = std::env::args().skip(1);
    let vnets: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let kind = args.next().unwrap_or_else(|| "sku".into());
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let follow = args.next().is_some_and(|a| a == "follow");
    let hub = if vnets >= 1_000 { "hub-0008" } else { "hub-0000" };
    let lines = match kind.as_str() {
        "sku" => [
            format!("set {hub} vpn-sku=VpnGw3AZ"),
            format!("set {hub} vpn-sku=VpnGw2AZ"),
        ],
        "link" => [
            format!("link peering {hub} hub-0001"),
            format!("unlink peering {hub} hub-0001"),
        ],
        "node" => ["vnet bench-new 10.250.0.0/24".to_owned(), "delete bench-new".to_owned()],
        "uplink" => [
            "set branch-0000-0 uplink=150".to_owned(),
            "set branch-0000-0 uplink=250".to_owned(),
        ],
        "region" => [
            format!("set {hub} region=northeurope"),
            format!("set {hub} region=westeurope"),
        ],
        // A peering made before the runs, then undone and redone in turn.
        "undo" => ["undo".to_owned(), "redo".to_owned()],
        // The whole analysis again on an unchanged design (the bench's `full` row).
        "full" => ["refresh".to_owned(), "refresh".to_owned()],
        other => {
            eprintln!("frametime: unknown kind {other}: sku, link, node, uplink, region, undo or full");
            std::process::exit(2);
        }
    };
    let (undoing, full) = (kind == "undo", kind == "full");
    let parsed: &[String] = if undoing || full { &[] } else { &lines };
    let edits: Vec<Edit> = parsed
        .iter()
        .map(|l| match parse_line(l) {
            Ok(Some(e)) => e,
            other => {
                eprintln!("frametime: {l}: {other:?}");
                std::process::exit(2);
            }
        })
        .collect();
    let mut design = vnetsketch_model::generate::generate(vnets, 1);
    if let Err(e) = design.apply(&Edit::Layout { names: Vec::new() }) {
        eprintln!("frametime: layout: {e}");
        std::process::exit(1);
    }
    let mut app = App::new(design, None);
    app.autosave.dir = None;
    update(&mut app, Action::Resize(200, 60));
    update(&mut app, Action::Select(Selection::Node(hub.to_owned())));
    let Ok(mut terminal) = Terminal::new(TestBackend::new(200, 60));
    let _ = terminal.draw(|f| render(&app, f));
    if undoing && let Ok(Some(edit)) = parse_line(&format!("link peering {hub} hub-0001")) {
        let _ = app.apply(&edit, false);
        let _ = terminal.draw(|f| render(&app, f));
    }
    if follow {
        app.defer_from = FINDINGS_FOLLOW_FROM;
    }
    for run in 0..runs {
        let t = Instant::now();
        if full {
            app.refresh();
        } else if undoing {
            let stepped = if run % 2 == 0 { app.undo() } else { app.redo() };
            if stepped.is_none() {
                eprintln!("frametime: nothing to {}", lines[run % 2]);
                std::process::exit(1);
            }
        } else if let Err(e) = app.apply(&edits[run % 2], false) {
            eprintln!("frametime: {}: {e}", lines[run % 2]);
            std::process::exit(1);
        }
        let edit = ms(t);
        if follow {
            let shown = app.settle_drawing(|app| {
                let _ = terminal.draw(|f| render(app, f));
                ms(t)
            });
            let _ = terminal.draw(|f| render(&app, f));
            let with = ms(t);
            app.free_spent();
            println!(
                "{kind} {}: shown {shown:.2} ms, with its findings {with:.2} ms (the edit {edit:.2} ms)",
                lines[run % 2]
            );
            continue;
        }
        let t = Instant::now();
        let _ = terminal.draw(|f| render(&app, f));
        println!("{kind} {}: edit {edit:.2} ms, draw {:.2} ms", lines[run % 2], ms(t));
    }
}
