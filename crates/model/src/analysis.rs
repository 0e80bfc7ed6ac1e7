//! Everything the designer shows after an edit, from one index: the findings and the estimate.
//!
//! [`analyze`] builds one [`Ctx`], then runs the rules and the estimate. On a large design it uses a
//! second thread (the target machine has two cores): the index resolves half the links' ends on it,
//! then both threads take the next rule from a shared
//! counter, the helper starting with the estimate, so the split balances itself whatever the design
//! makes expensive. The findings are sorted on every field afterwards ([`validate::finish`]), so the
//! report is identical to the one-thread [`validate()`](validate::validate) (tested below and by the
//! property test in `tests`).

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::design::Design;
use crate::throughput::{Estimate, estimate_with};
use crate::validate::{self, Ctx, Out, RULES, Report};

/// The findings and the estimate of one design.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Validation findings.
    pub report: Report,
    /// Throughput estimate.
    pub estimate: Estimate,
}

/// Below this many nodes + links one thread is faster than starting a second one.
pub const PARALLEL_FROM: usize = 3_000;

/// Validates and estimates `design` from one index, on two threads when it is large.
pub fn analyze(design: &Design) -> Analysis {
    let large = design.nodes.len() + design.links.len() >= PARALLEL_FROM;
    let ctx = if large {
        Ctx::new_two_threads(design)
    } else {
        Ctx::new(design)
    };
    if large && let Some(analysis) = parallel(&ctx) {
        return analysis;
    }
    Analysis {
        report: validate::validate_with(&ctx),
        estimate: estimate_with(&ctx),
    }
}

/// [`analyze`] on one thread (what it does on small designs), for comparison in tests and benches.
pub fn analyze_serial(design: &Design) -> Analysis {
    let ctx = Ctx::new(design);
    Analysis {
        report: validate::validate_with(&ctx),
        estimate: estimate_with(&ctx),
    }
}

/// Runs the rules on two threads; `None` when the second thread cannot be started.
fn parallel(ctx: &Ctx<'_>) -> Option<Analysis> {
    let next = AtomicUsize::new(0);
    let take = |out: &mut Out| {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(rule) = RULES.get(i) else { break };
            validate::run_rules(ctx, std::iter::once(rule), out);
        }
    };
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("vnetsketch-analyze".into())
            .spawn_scoped(scope, || {
                let estimate = estimate_with(ctx);
                let mut out = Out::default();
                take(&mut out);
                (estimate, out)
            })
            .ok()?;
        let mut mine = Out::default();
        take(&mut mine);
        // A panic in the helper is a bug like one on this thread: pass it on.
        let (estimate, theirs) = match helper.join() {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        Some(Analysis {
            report: validate::finish(vec![mine, theirs]),
            estimate,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;

    #[test]
    fn two_threads_give_the_one_thread_result() {
        for (n, seed) in [(2_000, 1), (2_500, 7)] {
            let d = generate(n, seed);
            assert!(d.nodes.len() + d.links.len() >= PARALLEL_FROM);
            let ctx = Ctx::new_two_threads(&d);
            let two = parallel(&ctx).expect("a second thread");
            assert_eq!(two, analyze_serial(&d));
            assert!(!two.report.findings.is_empty(), "the generator plants mistakes");
        }
    }
}
