//! Per-rule cost of one validation run on a generated design: `cargo run --release --example ruletime [VNETS]`.
//! Each round builds a fresh `Ctx` (cold caches, as after an edit) and times every rule, the
//! estimate, and the two halves `analyze` splits between its threads.
//!
//! `ruletime VNETS serial K` runs `analyze_serial` K times and nothing else (for `perf stat -e
//! instructions` or callgrind: the count of one run is the total over K); `ruletime VNETS analyze K`
//! times K runs of `analyze` (two threads on a large design), one line per run.

use std::time::Instant;
use vnetsketch_model::analysis::{analyze, analyze_serial};
use vnetsketch_model::throughput::estimate_with;
use vnetsketch_model::validate::{Ctx, Out, RULES, validate};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let mut args = std::env::args().skip(1);
    let vnets = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let mode = args.next().unwrap_or_default();
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let design = vnetsketch_model::generate::generate(vnets, 1);
    match mode.as_str() {
        "serial" => {
            let findings: usize = (0..runs).map(|_| analyze_serial(&design).report.findings.len()).sum();
            println!("{runs} runs of analyze_serial: {findings} findings in all");
            return;
        }
        "analyze" => {
            for _ in 0..runs {
                let t = Instant::now();
                let a = analyze(&design);
                println!("analyze {:.2} ms, {} findings", ms(t), a.report.findings.len());
            }
            return;
        }
        _ => {}
    }
    for round in 0..3 {
        let t = Instant::now();
        let ctx = Ctx::new(&design);
        let t_ctx = ms(t);
        let mut times = Vec::new();
        for r in RULES {
            let mut out = Out::default();
            let t = Instant::now();
            (r.check)(&ctx, &mut out);
            times.push((ms(t), r.id));
        }
        let t = Instant::now();
        let est = estimate_with(&ctx);
        let t_est = ms(t);
        let t = Instant::now();
        let rep = validate(&design);
        let t_val = ms(t);
        times.sort_by(|a, b| b.0.total_cmp(&a.0));
        println!(
            "round {round}: ctx {t_ctx:.2} ms, rules {:.2} ms, estimate {t_est:.2} ms ({} links), validate() {t_val:.2} ms, {} findings; top: {:?}",
            times.iter().map(|t| t.0).sum::<f64>(),
            est.links.len(),
            rep.findings.len(),
            &times[..25]
        );
    }
}
