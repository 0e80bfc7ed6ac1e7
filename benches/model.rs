//! Model benchmarks at 100, 1,000 and 10,000 VNets (generated, about two links per VNet):
//! validation, estimate, RON load/save, JSON load, the overlap sweep against the naive pairwise
//! baseline and the floor of sorting every prefix once, IP planning (`auto/N`), completion of the
//! command line, and the `/` search (index and one keystroke) at 10,000 VNets.
//!
//! `cargo bench --bench model` (add `-- --quick` for a fast pass). docs/performance.md has the figures.

#![allow(clippy::semicolon_if_nothing_returned)] // criterion closures read better as expressions

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ipnet::IpNet;
use vnetsketch_model::analysis::{analyze, analyze_serial};
use vnetsketch_model::cidr::{overlapping_pairs, overlaps, range};
use vnetsketch_model::complete::complete;
use vnetsketch_model::format::{self, Format};
use vnetsketch_model::generate::generate;
use vnetsketch_model::search::SearchIndex;
use vnetsketch_model::throughput::estimate;
use vnetsketch_model::validate::{Ctx, validate};

const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn all_prefixes(d: &vnetsketch_model::Design) -> Vec<IpNet> {
    d.nodes().values().flat_map(|n| n.prefixes().iter().copied()).collect()
}

/// What most scripts do: compare every prefix with every other.
fn naive_pairs(nets: &[IpNet]) -> usize {
    let mut n = 0;
    for i in 0..nets.len() {
        for j in i + 1..nets.len() {
            if overlaps(&nets[i], &nets[j]) {
                n += 1;
            }
        }
    }
    n
}

/// The floor: sort every prefix once.
fn sort_floor(nets: &[IpNet]) -> usize {
    let mut keys: Vec<(u8, u128, u128)> = nets.iter().map(range).collect();
    keys.sort_unstable();
    keys.len()
}

fn benches(c: &mut Criterion) {
    let mut g = c.benchmark_group("model");
    g.sample_size(20);
    for n in SIZES {
        let design = generate(n, 1);
        let ron = format::to_ron(&design);
        let json = format::to_json(&design);
        let nets = all_prefixes(&design);
        g.bench_with_input(BenchmarkId::new("validate", n), &design, |b, d| {
            b.iter(|| validate(black_box(d)))
        });
        g.bench_with_input(BenchmarkId::new("estimate", n), &design, |b, d| {
            b.iter(|| estimate(black_box(d)))
        });
        g.bench_with_input(BenchmarkId::new("validate+estimate", n), &design, |b, d| {
            // What the TUI does after every edit: one index, both reports, two threads when large.
            b.iter(|| analyze(black_box(d)));
        });
        g.bench_with_input(BenchmarkId::new("validate+estimate_1thread", n), &design, |b, d| {
            b.iter(|| analyze_serial(black_box(d)));
        });
        g.bench_with_input(BenchmarkId::new("index", n), &design, |b, d| {
            b.iter(|| Ctx::new(black_box(d)).sound_links().count());
        });
        g.bench_with_input(BenchmarkId::new("ron_load", n), &ron, |b, t| {
            b.iter(|| format::load(black_box(t), Some(Format::Ron)))
        });
        g.bench_with_input(BenchmarkId::new("ron_save", n), &design, |b, d| {
            b.iter(|| format::to_ron(black_box(d)))
        });
        g.bench_with_input(BenchmarkId::new("json_load", n), &json, |b, t| {
            b.iter(|| format::load(black_box(t), Some(Format::Json)));
        });
        g.bench_with_input(BenchmarkId::new("overlap_sweep", n), &nets, |b, v| {
            b.iter(|| overlapping_pairs(black_box(v)))
        });
        g.bench_with_input(BenchmarkId::new("overlap_naive", n), &nets, |b, v| {
            b.iter(|| naive_pairs(black_box(v)))
        });
        g.bench_with_input(BenchmarkId::new("sort_floor", n), &nets, |b, v| {
            b.iter(|| sort_floor(black_box(v)))
        });
    }
    g.finish();
}

/// IP planning: `auto/16` and `auto/24` (the lowest free prefix of the pool) in a generated design,
/// whose VNets fill 10.0.0.0/8 from the bottom.
fn planning(c: &mut Criterion) {
    let mut g = c.benchmark_group("plan");
    g.sample_size(20);
    for n in SIZES {
        let design = generate(n, 1);
        for len in [16u8, 24] {
            g.bench_with_input(BenchmarkId::new(format!("next_free_{len}"), n), &design, |b, d| {
                b.iter(|| d.next_free(black_box(len)))
            });
        }
    }
    g.finish();
}

/// Completion of the `:` line, one keystroke, at 10,000 VNets: node names for a link end (every VNet
/// read), keys of a node, a SKU value, and a line with a misspelt name (the "did you mean" pass over
/// every name).
fn completion(c: &mut Criterion) {
    let mut g = c.benchmark_group("complete");
    g.sample_size(20);
    let design = generate(10_000, 1);
    for (name, line) in [
        ("link_start", "link s2s hub-00"),
        ("link_end", "link peering spoke-0003-01 spoke-00"),
        ("keys", "set spoke-0003-01 re"),
        ("sku", "set hub-0003 vpn-sku=2az"),
        ("did_you_mean", "link s2s hbu-0003 branch-0003-0"),
    ] {
        g.bench_with_input(BenchmarkId::new(name, 10_000), &design, |b, d| {
            b.iter(|| complete(black_box(d), black_box(line), line.len()))
        });
    }
    g.finish();
}

/// `/` search at 10,000 VNets: building the index (once per design change) and one keystroke
/// (a search over the index) for the kinds of query a user types: one letter (every name
/// matches), a name, an address being typed, a SKU, a region. Target: a keystroke ≤ 2 ms.
fn search(c: &mut Criterion) {
    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    let design = generate(10_000, 1);
    g.bench_function("index_10000", |b| b.iter(|| SearchIndex::new(black_box(&design))));
    let index = SearchIndex::new(&design);
    for query in ["s", "spoke-0042", "10.2.", "10.40.3.7", "vpngw2", "northeu"] {
        g.bench_with_input(BenchmarkId::new("keystroke_10000", query), query, |b, q| {
            b.iter(|| index.search(black_box(q), 50))
        });
    }
    g.finish();
}

criterion_group!(model, benches, planning, completion, search);
criterion_main!(model);
