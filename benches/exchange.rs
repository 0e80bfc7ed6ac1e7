//! Exchange speed: every export of a 10,000-VNet design (laid out, as the canvas shows it: the
//! pictures route every link) and the import of its ARM template (about 72,000 resources, 42 MB).
//! Target: each at most 1 s.
//!
//! `cargo bench --bench exchange -- --warm-up-time 1 --measurement-time 3` (or `-- svg …`, `-- drawio …`)

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use vnetsketch_exchange::{Format, export, import};
use vnetsketch_model::analysis::analyze;
use vnetsketch_model::generate::generate;

fn benches(c: &mut Criterion) {
    let mut design = generate(10_000, 1);
    design
        .apply(&vnetsketch_model::Edit::Layout { names: Vec::new() })
        .expect("a generated design lays out");
    let analysis = analyze(&design);
    let mut g = c.benchmark_group("exchange_10k");
    g.sample_size(10);
    for format in Format::ALL {
        g.bench_function(format!("export_{format}"), |b| {
            b.iter(|| export(black_box(&design), &analysis.report, &analysis.estimate, format));
        });
    }
    let arm = export(&design, &analysis.report, &analysis.estimate, Format::Arm).unwrap_or_default();
    println!("ARM template of 10,000 VNets: {} bytes", arm.len());
    let files = [("estate.json", arm.as_bytes())];
    g.bench_function("import_arm", |b| b.iter(|| import(black_box(&files))));
    g.finish();
}

criterion_group!(exchange, benches);
criterion_main!(exchange);
