//! Everything the designer shows after an edit, from one index: the findings and the estimate.
//!
//! [`analyze`] builds one [`Ctx`], then runs the rules and the estimate. The index reads the links'
//! ends as the design keeps them resolved across edits (`design/ranks.rs`), so it hashes no name.
//! On a large design (from [`PARALLEL_FROM`] nodes + links) the analysis uses a second thread: both
//! threads take the next rule from a shared counter, the helper starting with the estimate, so the
//! split balances itself whatever the design makes expensive. The findings
//! are sorted on every field afterwards (`validate::finish`), so the report is identical to the
//! one-thread [`validate()`](crate::validate::validate) (tested below on generated designs).
//!
//! The incremental path is [`reanalyze`]: after an edit, [`changed`] says what it changed that the
//! analysis reads. Nothing (a move, a pin): the analysis stands as it was. Only properties that few
//! rules read (a site's uplink, a VNet's region: [`Changed`]): those rules run again, and the
//! estimate when it reads them, on a fresh index; every other finding is kept. Anything else: the
//! whole analysis. Which rules read what is a table (`analysis/readers.rs`) that a test keeps true
//! against the source, and the result equals the full analysis after every sort of edit (tested).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::design::Design;
use crate::throughput::{Estimate, estimate_with};
use crate::validate::{self, Ctx, Out, RULES, Report, Rule};

mod changed;
mod readers;

#[cfg(test)]
mod incremental_tests;

pub use changed::{Changed, changed};

/// The findings and the estimate of one design.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Validation findings.
    pub report: Report,
    /// Throughput estimate.
    pub estimate: Estimate,
}

/// From this many nodes + links up, two threads pay (measured on 2 cores: no gain at 1,000 and
/// 2,000 VNets, about 3,100 and 6,200 nodes + links; 10-20% at 5,000 VNets; 40% at 10,000, where one
/// core's cache no longer holds the index).
pub const PARALLEL_FROM: usize = 10_000;

/// Validates and estimates `design` from one index, on two threads when it is large.
pub fn analyze(design: &Design) -> Analysis {
    let all: Vec<&'static Rule> = RULES.iter().collect();
    let (outs, estimate) = run(design, &all, true);
    Analysis {
        report: validate::finish(outs),
        estimate: estimate.unwrap_or_default(),
    }
}

/// The analysis of `design` after an edit that changed `what` (see [`changed`]), given `before`,
/// the analysis of the design before the edit: `before` itself when the edit changed nothing the
/// analysis reads, the rules (and the estimate) that read `what` run again when it is narrow,
/// [`analyze`] otherwise. Equal to `analyze(design)` in every case.
pub fn reanalyze(design: &Design, before: Analysis, what: Changed) -> Analysis {
    if what.is_nothing() {
        return before;
    }
    if what.meets(Changed::EVERYTHING) {
        return analyze(design);
    }
    let rerun: Vec<&'static Rule> = RULES.iter().filter(|r| readers::rule_reads(r.id).meets(what)).collect();
    let (mut outs, estimate) = run(design, &rerun, readers::estimate_reads().meets(what));
    let kept: Vec<validate::Finding> = before
        .report
        .findings
        .into_iter()
        .filter(|f| !rerun.iter().any(|r| r.id == f.rule))
        .collect();
    outs.push(Out::kept(kept));
    Analysis {
        report: validate::finish(outs),
        estimate: estimate.unwrap_or(before.estimate),
    }
}

/// [`reanalyze`] on this thread while `meanwhile` runs on another (what the caller has to do that
/// reads the design and not its analysis: the designer routes the canvas's window), so on two cores
/// the two take the longer of their times, not the sum; gives both results. The analysis stays on
/// the caller's thread (a fresh thread's allocator caches are cold: measured slower by 2-3 ms at
/// 10,000 VNets), and the analysis it replaces wholly is freed on the other thread (about 2 M
/// instructions at 10,000 VNets). When no thread can be started, `meanwhile` does not run (`None`:
/// the caller does that work when it needs it) and the whole analysis runs here.
pub fn reanalyze_beside<T: Send>(
    design: &Design,
    before: Analysis,
    what: Changed,
    meanwhile: impl FnOnce() -> T + Send,
) -> (Analysis, Option<T>) {
    // The whole analysis reads nothing of the one before.
    let (before, old) = if what.meets(Changed::EVERYTHING) {
        (Analysis::default(), Some(before))
    } else {
        (before, None)
    };
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("vnetsketch-beside".into())
            .spawn_scoped(scope, move || {
                drop(old);
                meanwhile()
            });
        let Ok(helper) = helper else {
            // The closure (and the analysis it held) went with the failed spawn.
            return (analyze(design), None);
        };
        let analysis = reanalyze(design, before, what);
        // A panic on the other thread is a bug like one on this thread: pass it on.
        let done = helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (analysis, Some(done))
    })
}

/// [`analyze`] on a helper thread while `work` runs on this one, giving both: for work that cannot
/// leave its thread and does not need the new analysis (the designer draws an edit with the findings
/// it had, then the new ones when this returns). The helper builds the index, then runs the estimate
/// and takes rules; this thread, once `work` is done, takes rules too (the shared counter of
/// [`analyze`]'s two threads), so on two cores the analysis ends about half of `work` later than it
/// would alone, not all of it. When no thread can be started, `work` runs first and then the
/// analysis, both here.
pub fn analyze_meanwhile<T>(design: &Design, work: impl FnOnce() -> T) -> (Analysis, T) {
    let rules: Vec<&'static Rule> = RULES.iter().collect();
    let next = AtomicUsize::new(0);
    // Built by whichever thread gets to it first (the helper, unless it starts late); a panic while
    // building leaves it to the other.
    let index: OnceLock<Ctx<'_>> = OnceLock::new();
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("vnetsketch-meanwhile".into())
            .spawn_scoped(scope, || {
                let ctx = index.get_or_init(|| Ctx::new(design));
                let estimate = estimate_with(ctx);
                let mut out = Out::default();
                take_rules(ctx, &rules, &next, &mut out);
                (estimate, out)
            });
        let done = work();
        let Ok(helper) = helper else {
            return (analyze(design), done);
        };
        let mut mine = Out::default();
        take_rules(index.get_or_init(|| Ctx::new(design)), &rules, &next, &mut mine);
        // A panic on the other thread is a bug like one on this thread: pass it on.
        let (estimate, theirs) = helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let analysis = Analysis {
            report: validate::finish(vec![mine, theirs]),
            estimate,
        };
        (analysis, done)
    })
}

/// Runs the rules of `rules` that `next` hands out, one at a time, until none is left (the shared
/// counter of two threads).
fn take_rules(ctx: &Ctx<'_>, rules: &[&'static Rule], next: &AtomicUsize, out: &mut Out) {
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(rule) = rules.get(i) else { break };
        validate::run_rules(ctx, std::iter::once(*rule), out);
    }
}

/// The findings of `rules` (unfinished) and, when `with_estimate`, the estimate, from one index of
/// `design`: on two threads when it is large.
fn run(design: &Design, rules: &[&'static Rule], with_estimate: bool) -> (Vec<Out>, Option<Estimate>) {
    let large = design.nodes().len() + design.links().len() >= PARALLEL_FROM && two_cores();
    let ctx = Ctx::new(design);
    if large && let Some(done) = parallel(&ctx, rules, with_estimate) {
        return done;
    }
    let mut out = Out::default();
    validate::run_rules(&ctx, rules.iter().copied(), &mut out);
    (vec![out], with_estimate.then(|| estimate_with(&ctx)))
}

/// `true` when this process may run on more than one core (asked once).
fn two_cores() -> bool {
    static CORES: OnceLock<bool> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().is_ok_and(|n| n.get() > 1))
}

/// [`analyze`] on one thread (what it does on small designs), for comparison in tests and benches.
pub fn analyze_serial(design: &Design) -> Analysis {
    serial(&Ctx::new(design))
}

/// The rules, then the estimate, on this thread.
fn serial(ctx: &Ctx<'_>) -> Analysis {
    Analysis {
        report: validate::validate_with(ctx),
        estimate: estimate_with(ctx),
    }
}

/// Runs `rules` (and the estimate, first, on the helper, when `with_estimate`) on two threads;
/// `None` when the second thread cannot be started.
fn parallel(ctx: &Ctx<'_>, rules: &[&'static Rule], with_estimate: bool) -> Option<(Vec<Out>, Option<Estimate>)> {
    let next = AtomicUsize::new(0);
    let take = |out: &mut Out| take_rules(ctx, rules, &next, out);
    std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("vnetsketch-analyze".into())
            .spawn_scoped(scope, || {
                let estimate = with_estimate.then(|| estimate_with(ctx));
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
        Some((vec![mine, theirs], estimate))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;

    use crate::design::Pos;
    use crate::edit::Edit;
    use crate::{Prop, apply_line};

    /// What the TUI does after an edit ([`changed`], then [`reanalyze`]): keep the analysis when
    /// the change only moved nodes, re-run what a narrow property reads, else recompute. Checked
    /// against a full run after edits of every sort: moves (kept), a SKU and a region (re-run), new
    /// links and nodes, an era switch (recomputed).
    #[test]
    fn incremental_analysis_equals_full_analysis_after_every_edit() {
        let mut d = generate(300, 3);
        let mut kept = analyze(&d);
        let after = |d: &Design, change: &crate::Change, kept: &mut Analysis| {
            let what = changed(change, d);
            *kept = reanalyze(d, std::mem::take(kept), what);
            !what.is_nothing()
        };
        let names: Vec<String> = d.nodes().keys().cloned().collect();
        let hubs: Vec<&String> = names.iter().filter(|n| n.starts_with("hub-")).collect();
        let (mut moves, mut recomputed) = (0, 0);
        for step in 0..240usize {
            let name = &names[(step * 7919) % names.len()];
            let hub = hubs[step % hubs.len()];
            let edit = match step % 8 {
                0..=3 => Edit::Move {
                    name: name.clone(),
                    pos: Pos {
                        x: (step * 13 % 500) as i32,
                        y: (step * 29 % 300) as i32,
                    },
                },
                4 => Edit::Set {
                    name: hub.clone(),
                    props: vec![Prop::new("vpn-sku", if step % 16 == 4 { "Basic" } else { "VpnGw2AZ" })],
                },
                5 => Edit::Set {
                    name: hub.clone(),
                    props: vec![Prop::new(
                        "region",
                        if step % 16 == 5 { "westeurope" } else { "eastus" },
                    )],
                },
                6 => Edit::Catalog {
                    era: if step % 16 == 6 {
                        crate::Era::Y2017
                    } else {
                        crate::Era::Current
                    },
                },
                _ => {
                    let line = format!("site extra{step} 10.{}.0.0/24\nlink s2s {hub} extra{step}", step % 200);
                    let before = d.clone();
                    let change_count = line.lines().count();
                    for l in line.lines() {
                        let change = apply_line(&mut d, l).expect("script edit").expect("an edit");
                        recomputed += usize::from(after(&d, &change, &mut kept));
                    }
                    assert_eq!(change_count, 2);
                    assert_ne!(before, d);
                    assert_eq!(kept, analyze_serial(&d), "after step {step}: {line}");
                    continue;
                }
            };
            let Ok(change) = d.apply(&edit) else { continue };
            if after(&d, &change, &mut kept) {
                recomputed += 1;
            } else {
                moves += 1;
            }
            assert_eq!(kept, analyze_serial(&d), "after step {step}: {edit:?}");
        }
        assert!(
            moves >= 100 && recomputed >= 60,
            "{moves} kept, {recomputed} recomputed"
        );
    }

    #[test]
    fn a_move_is_only_a_move_when_nothing_else_changed() {
        let mut d = generate(20, 1);
        let name = d
            .nodes()
            .keys()
            .find(|n| n.starts_with("hub-"))
            .cloned()
            .expect("a hub");
        let moved = d
            .apply(&Edit::Move {
                name: name.clone(),
                pos: Pos { x: 3, y: 4 },
            })
            .expect("move");
        assert!(moved.only_moved(&d));
        let both = d
            .apply(&Edit::Set {
                name: name.clone(),
                props: vec![Prop::new("region", "northeurope")],
            })
            .expect("set");
        assert!(!both.only_moved(&d));
        let deleted = d.apply(&Edit::Delete { name }).expect("delete");
        assert!(!deleted.only_moved(&d));
    }

    /// The analysis beside other work is the analysis, and the other work ran.
    #[test]
    fn an_analysis_beside_other_work_is_the_analysis() {
        let mut d = generate(300, 7);
        let before = analyze(&d);
        let change = d
            .apply(
                &crate::parse_line("link peering hub-0001 hub-0002")
                    .expect("parses")
                    .expect("an edit"),
            )
            .expect("applies");
        let what = changed(&change, &d);
        let (beside, ran) = reanalyze_beside(&d, before.clone(), what, || d.nodes().len());
        assert_eq!(ran, Some(d.nodes().len()), "the other work ran and gave its result");
        assert_eq!(beside, analyze(&d));
        assert_ne!(beside, before, "the peering changed the findings");
    }

    /// The analysis meanwhile is the analysis, and the work on this thread ran and gave its result.
    #[test]
    fn an_analysis_meanwhile_is_the_analysis() {
        let d = generate(300, 9);
        let (analysis, ran) = analyze_meanwhile(&d, || d.links().len());
        assert_eq!(ran, d.links().len());
        assert_eq!(analysis, analyze_serial(&d));
        assert!(!analysis.report.findings.is_empty(), "the generator plants mistakes");
    }

    #[test]
    fn two_threads_give_the_one_thread_result() {
        // Smaller than `analyze` would split (a test must stay quick), but the same code path.
        for (n, seed) in [(2_000, 1), (2_500, 7)] {
            let d = generate(n, seed);
            let ctx = Ctx::new(&d);
            let all: Vec<&'static Rule> = RULES.iter().collect();
            let (outs, estimate) = parallel(&ctx, &all, true).expect("a second thread");
            let two = Analysis {
                report: validate::finish(outs),
                estimate: estimate.expect("the estimate was asked for"),
            };
            assert_eq!(two, analyze_serial(&d));
            assert!(!two.report.findings.is_empty(), "the generator plants mistakes");
        }
    }
}
