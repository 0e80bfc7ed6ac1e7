//! Path benchmarks on generated designs: what one node reaches at 10,000 VNets (the TUI's
//! selection; target ≤ 5 ms), with and without building the routing graph, and every pair of a
//! 1,000-VNet design written as text (the library half of `vnetsketch paths`; target ≤ 1 s end to end).
//!
//! `cargo bench --bench paths -- --warm-up-time 1 --measurement-time 3`. docs/performance.md has the figures.

#![allow(clippy::semicolon_if_nothing_returned)] // criterion closures read better as expressions

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vnetsketch_model::generate::generate;
use vnetsketch_model::paths::{Paths, reach_from};
use vnetsketch_model::throughput::estimate;

fn reach(c: &mut Criterion) {
    let d = generate(10_000, 1);
    let e = estimate(&d);
    // A spoke of a hub in the middle of the chain: it reaches most of the estate.
    let from = "spoke-0200-05";
    assert!(d.node(from).is_some(), "the generator names its spokes spoke-HHHH-SS");
    let mut paths = Paths::new(&d, &e);
    let mut g = c.benchmark_group("paths_reach_10k");
    g.bench_function("reach_from (graph built)", |b| {
        b.iter(|| black_box(paths.reach_from(black_box(from)).map(|r| r.reachable().count())))
    });
    g.bench_function("reach_from (graph and search)", |b| {
        b.iter(|| black_box(reach_from(&d, &e, black_box(from)).map(|r| r.reachable().count())))
    });
    g.bench_function("graph build", |b| {
        b.iter(|| black_box(Paths::new(&d, &e).names().len()))
    });
    g.finish();
}

fn all_pairs(c: &mut Criterion) {
    let d = generate(1_000, 1);
    let e = estimate(&d);
    let mut paths = Paths::new(&d, &e);
    let names: Vec<&str> = paths.names().to_vec();
    let mut g = c.benchmark_group("paths_all_pairs_1k");
    g.sample_size(10);
    g.bench_function("every pair as text", |b| {
        let mut out = String::new();
        b.iter(|| {
            let mut bytes = 0usize;
            for from in &names {
                out.clear();
                paths.for_each_from(from, |n| n > *from, |v| v.write_text(&mut out));
                bytes += out.len();
            }
            black_box(bytes)
        })
    });
    g.finish();
}

criterion_group!(benches, reach, all_pairs);
criterion_main!(benches);
