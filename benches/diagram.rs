//! Diagram engine benchmarks on generated designs of 1,000 and 10,000 VNets: the auto-layout (and the
//! `layout` edit, which applies it with its undo record), and
//! routing what a 200x60 screen shows (around a hub, where links are densest) — the scene built from
//! a kept topology, as a frame does — the region frames (every box measured), and routing the whole
//! design, as an export does.
//!
//! `cargo bench --bench diagram -- --warm-up-time 1 --measurement-time 3`. docs/performance.md has the
//! figures.

#![allow(clippy::semicolon_if_nothing_returned)] // criterion closures read better as expressions

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use vnetsketch_model::Design;
use vnetsketch_model::diagram::{self, LayoutOptions, Rect, Scene, Topology};
use vnetsketch_model::generate::generate;

/// The generated design of `n` VNets, laid out.
fn laid_out(n: usize) -> Design {
    let mut d = generate(n, 1);
    d.apply(&vnetsketch_model::Edit::Layout { names: Vec::new() })
        .expect("a layout applies");
    d
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("diagram");
    g.sample_size(10);
    for n in [1_000, 10_000] {
        let design = generate(n, 1);
        g.bench_with_input(BenchmarkId::new("layout", n), &design, |b, d| {
            b.iter(|| diagram::layout(black_box(d), &LayoutOptions::default()))
        });
        // The `layout` command: the same layout applied as one edit, its undo record included.
        g.bench_with_input(BenchmarkId::new("layout edit", n), &design, |b, d| {
            b.iter_batched(
                || d.clone(),
                |mut d| d.apply(&vnetsketch_model::Edit::Layout { names: Vec::new() }),
                criterion::BatchSize::LargeInput,
            )
        });
        let d = laid_out(n);
        let topology = Topology::new(&d);
        let analysis = vnetsketch_model::analysis::analyze(&d);
        let labels = diagram::style::link_labels(&d, &analysis.estimate, &analysis.report);
        let hub = Scene::new(&d).rect("hub-0008").unwrap_or_default();
        let view = Rect {
            x: hub.x - 90,
            y: hub.y - 10,
            w: 200,
            h: 60,
        };
        g.bench_with_input(BenchmarkId::new("route 200x60 window", n), &d, |b, d| {
            b.iter(|| Scene::with_topology(black_box(d), &topology).route_window(view, Some(&labels)))
        });
        g.bench_with_input(BenchmarkId::new("frames", n), &d, |b, d| {
            b.iter(|| diagram::frames(black_box(d)))
        });
        g.bench_with_input(BenchmarkId::new("route whole design", n), &d, |b, d| {
            b.iter(|| Scene::with_topology(black_box(d), &topology).route_all(Some(&labels)))
        });
    }
    g.finish();
}

criterion_group!(diagram_benches, benches);
criterion_main!(diagram_benches);
