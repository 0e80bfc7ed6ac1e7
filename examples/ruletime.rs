//! Per-rule cost of one validation run on a generated design: `cargo run --release --example ruletime [VNETS]`.
//! Each round builds a fresh `Ctx` (cold caches, as after an edit) and times every rule.

use std::time::Instant;
use vnetsketch_model::validate::{Ctx, Out, RULES, validate};
fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let d = vnetsketch_model::generate::generate(n, 1);
    for round in 0..3 {
        let t = Instant::now();
        let ctx = Ctx::new(&d);
        let t_ctx = t.elapsed();
        let mut times = Vec::new();
        for r in RULES {
            let mut out = Out::default();
            let t = Instant::now();
            (r.check)(&ctx, &mut out);
            times.push((t.elapsed().as_secs_f64() * 1000.0, r.id));
        }
        let t = Instant::now();
        let rep = validate(&d);
        let t_val = t.elapsed();
        times.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!(
            "round {round}: ctx {:.2} ms, rules {:.2} ms, validate() {:.2} ms, {} findings; top: {:?}",
            t_ctx.as_secs_f64() * 1e3,
            times.iter().map(|t| t.0).sum::<f64>(),
            t_val.as_secs_f64() * 1e3,
            rep.findings.len(),
            &times[..25]
        );
    }
}
