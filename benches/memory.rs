//! Peak memory of the designer with a 10,000-VNet design open and a long undo history.
//!
//! `cargo bench --bench memory` prints the peak resident set (`VmHWM`) after loading the generated
//! design into the TUI's `App` (findings and estimate computed) and applying 1,000 edits through the
//! same path a keystroke takes (each one an undo step, each followed by a full refresh every 50
//! edits, as a user typing would leave it). Target: under 150 MB.

use std::time::Instant;

use vnetsketch::tui::App;
use vnetsketch_model::edit::{Edit, Prop};
use vnetsketch_model::generate::generate;
use vnetsketch_model::{Pos, format};

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run a small size then.
    let full = std::env::args().any(|a| a == "--bench");
    let (vnets, edits) = if full { (10_000, 1_000) } else { (200, 50) };
    let base = vm_hwm_kib();
    let t = Instant::now();
    let text = format::to_ron(&generate(vnets, 1));
    let design = match format::load(&text, None) {
        Ok(d) => d,
        Err(e) => panic!("generated design does not load: {e}"),
    };
    drop(text);
    let mut app = App::new(design, None);
    let names: Vec<String> = app.doc.design.nodes().keys().take(edits).cloned().collect();
    for (i, name) in names.iter().enumerate() {
        let edit = if i % 2 == 0 {
            Edit::Move {
                name: name.clone(),
                pos: Pos { x: i as i32, y: 3 },
            }
        } else {
            Edit::Set {
                name: name.clone(),
                props: vec![Prop::new("name", format!("{name}-r"))],
            }
        };
        if let Err(e) = app.doc.design.apply(&edit).map(|c| app.doc.history.push(c, false)) {
            panic!("edit {i} refused: {e}");
        }
        if i % 50 == 49 {
            app.refresh();
        }
    }
    app.refresh();
    let peak = vm_hwm_kib();
    println!(
        "memory: {vnets} VNets, {} nodes, {} links, {edits} edits in the undo history: peak RSS {:.1} MB (process start {:.1} MB), {:.2} s",
        app.doc.design.nodes().len(),
        app.doc.design.links().len(),
        peak as f64 / 1024.0,
        base as f64 / 1024.0,
        t.elapsed().as_secs_f64()
    );
}
