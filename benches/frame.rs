//! One full frame of the designer on a 500-node design at 200x60: validate + estimate (what the app
//! does after every edit) + render on ratatui's `TestBackend`. The target is under 8 ms.
//!
//! The design is built inside the bench with the command language: 50 hubs with a VPN gateway, each
//! with 6 spokes peered to it and 3 sites linked by Site-to-Site (500 nodes, 450 links).

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vnetsketch::tui::state::FINDINGS_FOLLOW_FROM;
use vnetsketch::tui::{Action, App, Cmd, Selection, render, update};
use vnetsketch_model::{Design, Edit, Pos, run_script};

/// The 500-node script.
fn script() -> String {
    let mut s = String::new();
    for h in 0..50 {
        let _ = writeln!(
            s,
            "vnet hub{h} 10.{h}.0.0/20\nsubnet hub{h} GatewaySubnet 10.{h}.15.0/27"
        );
        let _ = writeln!(s, "gateway hub{h} vpn VpnGw2AZ");
        for k in 1..=6 {
            let _ = writeln!(s, "vnet spoke{h}-{k} 10.{h}.{}.0/20", 16 * k);
            let _ = writeln!(
                s,
                "link peering hub{h} spoke{h}-{k} allow-gateway-transit=hub{h} use-remote-gateways=spoke{h}-{k}"
            );
        }
        for k in 0..3 {
            let n = h * 3 + k;
            let _ = writeln!(s, "site site{h}-{k} 192.168.{n}.0/24 ip=203.0.{h}.{} uplink=500", k + 1);
            let _ = writeln!(s, "link s2s hub{h} site{h}-{k}");
        }
    }
    s
}

fn frame(c: &mut Criterion) {
    let mut design = Design::default();
    if let Err(e) = run_script(&mut design, &script()) {
        panic!("the bench script does not run: {e}");
    }
    assert_eq!(design.nodes().len(), 500);
    let mut app = App::new(design, None);
    app.size = (200, 60);
    // Select a hub so that the inspector and the throughput panel have work to do.
    app.panes.selection = Selection::Node("hub0".to_owned());
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    c.bench_function("frame_500_nodes_200x60", |b| {
        b.iter(|| {
            app.refresh();
            let drawn = terminal.draw(|f| render(black_box(&app), f));
            black_box(drawn.is_ok())
        });
    });
    c.bench_function("render_only_500_nodes_200x60", |b| {
        b.iter(|| black_box(terminal.draw(|f| render(black_box(&app), f)).is_ok()));
    });
}

/// The hub a frame shows: `hub-0008` (where links are densest) when the design has it, else the first.
fn hub(n: usize) -> &'static str {
    if n >= 1_000 { "hub-0008" } else { "hub-0000" }
}

/// A generated design of `n` VNets laid out by the model, opened at 200x60 with [`hub`] selected
/// and shown, at full size.
fn laid_out_app(n: usize) -> App {
    let mut design = vnetsketch_model::generate::generate(n, 1);
    if let Err(e) = design.apply(&Edit::Layout { names: Vec::new() }) {
        panic!("layout: {e}");
    }
    let mut app = App::new(design, None);
    app.autosave.dir = None;
    update(&mut app, Action::Resize(200, 60));
    update(&mut app, Action::Select(Selection::Node(hub(n).to_owned())));
    assert!(app.selected_node() == Some(hub(n)), "{} is in the design", hub(n));
    app
}

/// `iters` times, `step` (an edit as the designer makes it; `false` when it did not apply), then the
/// frame that shows it drawn while the model analyzes, then the frame with its findings: the time from
/// the edit to the end of the first frame, summed (what the user waits for to see the edit).
fn shown(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    iters: u64,
    mut step: impl FnMut(&mut App) -> bool,
) -> Duration {
    let mut shown = Duration::ZERO;
    for _ in 0..iters {
        let t = Instant::now();
        let stepped = step(app);
        shown += app.settle_drawing(|app| {
            black_box(stepped && terminal.draw(|f| render(black_box(app), f)).is_ok());
            t.elapsed()
        });
        black_box(terminal.draw(|f| render(black_box(&*app), f)).is_ok());
        app.free_spent();
    }
    shown
}

/// The bench row `name` at `n` VNets: an edit's frame without the analysis. Each step applies the
/// other of `edits` as the app applies it, swaps in the model's analysis of the new state (computed
/// before the measurement), then draws the frame: what the canvas does for the edit (topology,
/// labels, frames, routing) and the render, `full` minus the analysis.
fn without_analysis(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    n: usize,
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    edits: &[Edit; 2],
) {
    let mut analyses = edits.clone().map(|e| {
        let mut d = app.doc.design.clone();
        if let Err(err) = d.apply(&e) {
            panic!("{err}");
        }
        vnetsketch_model::analysis::analyze(&d)
    });
    // The design starts at the first edit's state, with its analysis; each step goes to the other
    // one and keeps the analysis it replaces for the step back.
    let set = |app: &mut App, analyses: &mut [vnetsketch_model::analysis::Analysis; 2], k: usize| {
        let changed = app.doc.edit(&edits[k], false).is_ok();
        analyses[1 - k] = app.doc.adopt(std::mem::take(&mut analyses[k]));
        changed
    };
    assert!(set(app, &mut analyses, 0), "{name}: the edit applies");
    let mut k = 0;
    g.bench_function(criterion::BenchmarkId::new(name, n), |b| {
        b.iter(|| {
            k = (k + 1) % 2;
            let changed = set(app, &mut analyses, k);
            black_box(changed && terminal.draw(|f| render(black_box(&*app), f)).is_ok())
        });
    });
}

/// One frame at the scale of issues 6 and 12: generated designs of 100, 1,000 and 10,000 VNets, laid
/// out, at 200x60, the canvas at full size around a hub: render only (a keystroke that changes
/// nothing: the routes of the window are kept), routed (the view pans a cell each frame, so the
/// model routes the window and places the labels every frame), full (validate + estimate + the
/// labels + routing + render: what an edit that changes a node or link, an address or a gateway
/// costs), edit without analysis and edit region without analysis (the canvas's part of an uplink's
/// and a region's edit: see [`without_analysis`]), edit uplink and edit region (the whole frame of an
/// edit whose property few rules read) and drag (a move edit, which keeps the findings, then the
/// frame with the window routed again).
fn frame_at_scale(c: &mut Criterion) {
    let mut g = c.benchmark_group("frame_200x60");
    g.sample_size(20);
    for n in [100usize, 1_000, 10_000] {
        let mut app = laid_out_app(n);
        let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
            Ok(t) => t,
            Err(e) => panic!("test backend: {e}"),
        };
        g.bench_function(criterion::BenchmarkId::new("render", n), |b| {
            b.iter(|| black_box(terminal.draw(|f| render(black_box(&app), f)).is_ok()));
        });
        let home = app.canvas.scroll;
        let mut pan = 0;
        g.bench_function(criterion::BenchmarkId::new("routed", n), |b| {
            b.iter(|| {
                pan = (pan + 1) % 8;
                app.canvas.scroll = Pos {
                    x: home.x + pan,
                    y: home.y,
                };
                black_box(terminal.draw(|f| render(black_box(&app), f)).is_ok())
            });
        });
        app.canvas.scroll = home;
        g.bench_function(criterion::BenchmarkId::new("full", n), |b| {
            b.iter(|| {
                app.refresh();
                black_box(terminal.draw(|f| render(black_box(&app), f)).is_ok())
            });
        });
        // An edit's frame without the analysis (see `without_analysis`): a site's uplink set between
        // two values (the Site-to-Site labels change, no box, frame or link end does).
        let site = app
            .doc
            .design
            .nodes()
            .keys()
            .find(|n| n.starts_with("branch-"))
            .cloned()
            .unwrap_or_default();
        let uplink = |mbps: u32| match vnetsketch_model::parse_line(&format!("set {site} uplink={mbps}")) {
            Ok(Some(edit)) => edit,
            other => panic!("set {site} uplink: {other:?}"),
        };
        let edits = [uplink(150), uplink(250)];
        without_analysis(&mut g, "edit without analysis", n, &mut app, &mut terminal, &edits);
        // An edit's whole frame as the app does it: a site's uplink set (the model re-runs the rules
        // and the estimate that read an uplink, on a fresh index, and keeps every other finding),
        // then the frame; and a VNet's region (the rules that read a region).
        let mut up = 0;
        g.bench_function(criterion::BenchmarkId::new("edit uplink", n), |b| {
            b.iter(|| {
                up = (up + 1) % 2;
                let changed = app.apply(&edits[up], false).is_ok();
                black_box(changed && terminal.draw(|f| render(black_box(&app), f)).is_ok())
            });
        });
        let regions = ["westeurope", "northeurope"].map(|r| Edit::Set {
            name: hub(n).to_owned(),
            props: vec![vnetsketch_model::Prop::new("region", r)],
        });
        // The canvas part of a region edit: the frames the hub left and joined, the window's routes
        // (kept: no box moved), its labels, the render.
        without_analysis(
            &mut g,
            "edit region without analysis",
            n,
            &mut app,
            &mut terminal,
            &regions,
        );
        g.bench_function(criterion::BenchmarkId::new("edit region", n), |b| {
            b.iter(|| {
                up = (up + 1) % 2;
                let changed = app.apply(&regions[up], false).is_ok();
                black_box(changed && terminal.draw(|f| render(black_box(&app), f)).is_ok())
            });
        });
        // Edits that need the whole analysis, as the app applies them, each followed by the frame: a
        // hub's VPN SKU between two sizes (every rule and the estimate run again; no name changes), a
        // peering made and removed (a link more or less: the design's kept link ends take the one
        // link), and a VNet added (placed at the nearest free place) and deleted (a node more or
        // less: every position after its name moves).
        let lines = |pair: [String; 2]| {
            pair.map(|l| match vnetsketch_model::parse_line(&l) {
                Ok(Some(edit)) => edit,
                other => panic!("{l}: {other:?}"),
            })
        };
        let far = "hub-0001";
        let structural = [
            (
                "edit sku",
                lines([
                    format!("set {} vpn-sku=VpnGw3AZ", hub(n)),
                    format!("set {} vpn-sku=VpnGw2AZ", hub(n)),
                ]),
            ),
            (
                "edit link",
                lines([
                    format!("link peering {} {far}", hub(n)),
                    format!("unlink peering {} {far}", hub(n)),
                ]),
            ),
            (
                "edit node",
                lines(["vnet bench-new 10.250.0.0/24".to_owned(), "delete bench-new".to_owned()]),
            ),
        ];
        for (row, pair) in &structural {
            for edit in pair {
                if let Err(e) = app.apply(edit, false) {
                    panic!("{row}: {e}");
                }
            }
            let mut k = 0;
            g.bench_function(criterion::BenchmarkId::new(*row, n), |b| {
                b.iter(|| {
                    let changed = app.apply(&pair[k], false).is_ok();
                    k = 1 - k;
                    black_box(changed && terminal.draw(|f| render(black_box(&app), f)).is_ok())
                });
            });
            // Back to the design the other rows measure (after an odd number of steps).
            if k == 1 {
                assert!(app.apply(&pair[1], false).is_ok(), "{row}: back");
            }
        }
        // A peering made, then undone and redone in turn: what `u` and `U` cost after a link edit
        // (the whole analysis; the canvas's caches follow the step as they follow the edit).
        if let Some((_, [made, _])) = structural.iter().find(|(row, _)| *row == "edit link") {
            assert!(app.apply(made, false).is_ok(), "undo link: the peering");
            let mut undone = false;
            g.bench_function(criterion::BenchmarkId::new("undo link", n), |b| {
                b.iter(|| {
                    let stepped = if undone { app.redo() } else { app.undo() }.is_some();
                    undone = !undone;
                    black_box(stepped && terminal.draw(|f| render(black_box(&app), f)).is_ok())
                });
            });
            if !undone {
                assert!(app.undo().is_some(), "undo link: back");
            }
        }
        // The same edits as the designer's event loop does them on a large design: the frame that
        // shows the edit, drawn while the model analyzes (the findings of before it), timed from the
        // edit to the end of that frame; the analysis and the frame with it follow, untimed.
        if app.doc.design.nodes().len() + app.doc.design.links().len() >= FINDINGS_FOLLOW_FROM {
            app.defer_from = FINDINGS_FOLLOW_FROM;
            for (row, pair) in &structural {
                let name = format!("shown, {}", row.trim_start_matches("edit "));
                let mut k = 0;
                g.bench_function(criterion::BenchmarkId::new(name.as_str(), n), |b| {
                    b.iter_custom(|iters| {
                        shown(&mut app, &mut terminal, iters, |app| {
                            let changed = app.apply(&pair[k], false).is_ok();
                            k = 1 - k;
                            changed
                        })
                    });
                });
                if k == 1 {
                    assert!(app.apply(&pair[1], false).is_ok(), "{name}: back");
                    app.settle();
                }
            }
            // Undo and redo of a peering, drawn the same way.
            if let Some((_, [made, _])) = structural.iter().find(|(row, _)| *row == "edit link") {
                assert!(app.apply(made, false).is_ok(), "shown, undo: the peering");
                app.settle();
                let mut undone = false;
                g.bench_function(criterion::BenchmarkId::new("shown, undo", n), |b| {
                    b.iter_custom(|iters| {
                        shown(&mut app, &mut terminal, iters, |app| {
                            let stepped = if undone { app.redo() } else { app.undo() }.is_some();
                            undone = !undone;
                            stepped
                        })
                    });
                });
                if !undone {
                    assert!(app.undo().is_some(), "shown, undo: back");
                }
                app.settle();
            }
            app.defer_from = usize::MAX;
        }
        // One step of dragging a node: the edit, its (kept) findings and estimate, the frame.
        let start = app
            .doc
            .design
            .node(hub(n))
            .map(vnetsketch_model::Node::pos)
            .unwrap_or_default();
        let mut step = 0;
        g.bench_function(criterion::BenchmarkId::new("drag", n), |b| {
            b.iter(|| {
                step = (step + 1) % 4;
                let edit = Edit::Move {
                    name: hub(n).to_owned(),
                    pos: Pos {
                        x: start.x + step,
                        y: start.y,
                    },
                };
                let moved = app.apply(&edit, true).is_ok();
                black_box(moved && terminal.draw(|f| render(black_box(&app), f)).is_ok())
            });
        });
    }
    g.finish();
}

/// Reach mode at 10,000 VNets (issue 14): `r` on a spoke (the model's routing graph built, one
/// reach search, the answer kept), a new selection while it is on (the graph built again and the
/// path to the node), and a frame that draws the kept answer (no search).
fn reach_at_10k(c: &mut Criterion) {
    let mut g = c.benchmark_group("reach_10k");
    g.sample_size(20);
    let mut app = App::new(vnetsketch_model::generate::generate(10_000, 1), None);
    app.size = (200, 60);
    app.autosave.dir = None;
    let source = vnetsketch::tui::Selection::Node("spoke-0200-05".to_owned());
    g.bench_function("toggle on", |b| {
        b.iter(|| {
            app.reach = None;
            update(&mut app, Action::Select(source.clone()));
            update(&mut app, Action::Cmd(Cmd::Reach));
            black_box(app.reach.as_ref().map(vnetsketch::tui::state::ReachView::reached_count))
        });
    });
    let targets = ["hub-0000", "spoke-0300-02"].map(|t| vnetsketch::tui::Selection::Node(t.to_owned()));
    let mut k = 0;
    g.bench_function("path to a new selection", |b| {
        b.iter(|| {
            k = (k + 1) % 2;
            update(&mut app, Action::Select(targets[k].clone()));
            black_box(app.reach.as_ref().and_then(|r| r.path.as_ref()).map(|p| p.hops.len()))
        });
    });
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    g.bench_function("render with reach on", |b| {
        b.iter(|| black_box(terminal.draw(|f| render(black_box(&app), f)).is_ok()));
    });
    // The same view with reach mode off, for comparison.
    app.reach = None;
    g.bench_function("render with reach off", |b| {
        b.iter(|| black_box(terminal.draw(|f| render(black_box(&app), f)).is_ok()));
    });
    g.finish();
}

criterion_group!(benches, frame, frame_at_scale, reach_at_10k);
criterion_main!(benches);
