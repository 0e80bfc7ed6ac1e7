//! The vocabulary of validation that every rule family and the registry share: a [`Rule`], the
//! [`Severity`] of what it finds, a [`Finding`], [`Out`] (where a check puts its findings) and the
//! [`Report`] of a run. A leaf: it knows the index the checks read ([`Ctx`]) and nothing of the
//! families or the registry.

use serde::Serialize;
use strum::{Display, IntoStaticStr};

use super::index::Ctx;
use crate::design::LinkId;

/// How bad a finding is, spelled `error`, `warning` or `info` in reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default, Display, IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Severity {
    /// Azure refuses the create or update.
    #[default]
    Error,
    /// It deploys, but is risky, unsupported or degraded.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One problem found in a design.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The id of the rule that found it.
    pub rule: &'static str,
    /// Its severity (a rule may report with a lower severity in one era).
    pub severity: Severity,
    /// What is wrong, naming the entities.
    pub message: String,
    /// The nodes involved, for highlighting.
    pub nodes: Vec<String>,
    /// The links involved, for highlighting.
    pub links: Vec<LinkId>,
    /// How to fix it, in words.
    pub hint: String,
    /// The command lines (the command language) that fix it, applied in order: they remove this
    /// finding and add no error. Empty when no edit of the design can (a limit that needs another
    /// design, a value only the user knows, a change outside the model).
    pub fix: Vec<String>,
}

/// A validation rule.
pub struct Rule {
    /// Stable kebab-case id.
    pub id: &'static str,
    /// Severity (in the current era; the doc says when 2017 differs).
    pub severity: Severity,
    /// What it checks, one line.
    pub doc: &'static str,
    /// Source keys in `reference/azure-facts.md`.
    pub source: &'static str,
    /// The check.
    pub check: fn(&Ctx<'_>, &mut Out),
}

/// Where checks put their findings.
#[derive(Default)]
pub struct Out {
    findings: Vec<Finding>,
    rule: &'static str,
    severity: Severity,
}

impl Out {
    /// Findings kept from an earlier run, to be finished with new ones ([`finish`]).
    pub(crate) fn kept(findings: Vec<Finding>) -> Out {
        Out {
            findings,
            ..Out::default()
        }
    }

    /// Reports a finding with the rule's severity and the command lines that fix it.
    pub fn emit(
        &mut self,
        message: String,
        nodes: &[&str],
        links: &[LinkId],
        hint: impl Into<String>,
        fix: Vec<String>,
    ) {
        self.emit_with(self.severity, message, nodes, links, hint, fix);
    }

    /// Reports a finding with an explicit severity.
    pub fn emit_with(
        &mut self,
        severity: Severity,
        message: String,
        nodes: &[&str],
        links: &[LinkId],
        hint: impl Into<String>,
        fix: Vec<String>,
    ) {
        self.findings.push(Finding {
            rule: self.rule,
            severity,
            message,
            nodes: nodes.iter().map(|n| (*n).to_owned()).collect(),
            links: links.to_vec(),
            hint: hint.into(),
            fix,
        });
    }
}

/// The result of a validation run: findings sorted by severity, then rule, then subjects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// All findings.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// `true` when there are no errors.
    pub fn is_ok(&self) -> bool {
        self.count(Severity::Error) == 0
    }
}

/// Runs `rules` into `out`.
pub(crate) fn run_rules<'r>(ctx: &Ctx<'_>, rules: impl Iterator<Item = &'r Rule>, out: &mut Out) {
    for rule in rules {
        out.rule = rule.id;
        out.severity = rule.severity;
        (rule.check)(ctx, out);
    }
}

/// The report from the findings of one or more runs: sorted on every field, so the order is the same
/// whichever thread ran which rule, and deduplicated.
pub(crate) fn finish(outs: Vec<Out>) -> Report {
    let mut findings: Vec<Finding> = Vec::with_capacity(outs.iter().map(|o| o.findings.len()).sum());
    for out in outs {
        findings.extend(out.findings);
    }
    findings.sort_unstable_by(|a, b| {
        (a.severity, a.rule, &a.nodes, &a.links, &a.message, &a.hint, &a.fix)
            .cmp(&(b.severity, b.rule, &b.nodes, &b.links, &b.message, &b.hint, &b.fix))
    });
    findings.dedup();
    Report { findings }
}
