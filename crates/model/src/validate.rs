//! Validation: a registry of rules, each with a stable id, a severity, a one-line doc and the source
//! key of `reference/azure-facts.md` behind it. [`validate`] runs them all and never fails: a broken
//! design (a link naming a missing node, say) gives findings, not errors.
//!
//! Rules live in one module per family (`validate/*.rs`); each family's module holds its rules'
//! checks and tests. [`RULES`] lists them all; `vnetsketch rules` and the TUI help read it.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::catalog::{Catalog, ErSkuSpec, VpnSkuSpec};
use crate::design::{Design, Link, LinkId, LinkKind, Vnet};
use crate::sku::Era;

mod addressing;
mod bgp;
mod connectivity;
mod expressroute;
mod gateways;
mod integrity;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Azure refuses the create or update.
    Error,
    /// It deploys, but is risky, unsupported or degraded.
    Warning,
    /// Worth knowing.
    Info,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
    /// How to fix it.
    pub hint: String,
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

impl Default for Severity {
    fn default() -> Self {
        Severity::Error
    }
}

impl Out {
    /// Reports a finding with the rule's severity.
    pub fn emit(&mut self, message: String, nodes: &[&str], links: &[LinkId], hint: impl Into<String>) {
        self.emit_with(self.severity, message, nodes, links, hint);
    }

    /// Reports a finding with an explicit severity.
    pub fn emit_with(
        &mut self,
        severity: Severity,
        message: String,
        nodes: &[&str],
        links: &[LinkId],
        hint: impl Into<String>,
    ) {
        self.findings.push(Finding {
            rule: self.rule,
            severity,
            message,
            nodes: nodes.iter().map(|n| (*n).to_owned()).collect(),
            links: links.to_vec(),
            hint: hint.into(),
        });
    }
}

/// What checks read: the design, its catalog and indexes built once per run.
pub struct Ctx<'d> {
    /// The design.
    pub design: &'d Design,
    /// The catalog of the design's era.
    pub catalog: &'static Catalog,
    /// Links by node name.
    by_node: HashMap<&'d str, Vec<(LinkId, &'d Link)>>,
}

impl<'d> Ctx<'d> {
    /// Builds the indexes for `design`.
    pub fn new(design: &'d Design) -> Ctx<'d> {
        let mut by_node: HashMap<&str, Vec<(LinkId, &Link)>> = HashMap::new();
        for (id, link) in &design.links {
            by_node.entry(link.a.as_str()).or_default().push((*id, link));
            if link.b != link.a {
                by_node.entry(link.b.as_str()).or_default().push((*id, link));
            }
        }
        Ctx { design, catalog: Catalog::get(design.era), by_node }
    }

    /// The design's era.
    pub fn era(&self) -> Era {
        self.design.era
    }

    /// Links touching `name`.
    pub fn links_of(&self, name: &str) -> &[(LinkId, &'d Link)] {
        self.by_node.get(name).map_or(&[], Vec::as_slice)
    }

    /// Links of `kind` touching `name`.
    pub fn links_of_kind<'s>(&'s self, name: &str, kind: LinkKind) -> impl Iterator<Item = (LinkId, &'d Link)> + 's {
        self.links_of(name).iter().filter(move |(_, l)| l.kind == kind).copied()
    }

    /// Links whose both ends exist with the kinds the link kind needs.
    pub fn sound_links(&self) -> impl Iterator<Item = (LinkId, &'d Link)> + '_ {
        self.design.links.iter().map(|(id, l)| (*id, l)).filter(|(_, l)| self.link_is_sound(l))
    }

    /// `true` when both ends exist and are of the right kinds.
    pub fn link_is_sound(&self, l: &Link) -> bool {
        self.design.vnet(&l.a).is_some()
            && self.design.node(&l.b).is_some_and(|n| n.kind() == l.kind.b_kind())
            && l.a != l.b
    }

    /// The catalog row of a VNet's VPN gateway (`None` without a gateway or when the era lacks the SKU).
    pub fn vpn_spec(&self, vnet: &Vnet) -> Option<&'static VpnSkuSpec> {
        let gw = vnet.vpn.as_ref()?;
        self.catalog.vpn(gw.sku, gw.generation).or_else(|| self.catalog.vpn_any(gw.sku))
    }

    /// The catalog row of a VNet's ExpressRoute gateway.
    pub fn er_spec(&self, vnet: &Vnet) -> Option<&'static ErSkuSpec> {
        self.catalog.er(vnet.er.as_ref()?.sku)
    }
}

macro_rules! rules {
    ($($family:ident :: $rule:ident),+ $(,)?) => {
        /// Every rule, in report order.
        pub static RULES: &[Rule] = &[$($family::$rule),+];
    };
}

rules![
    integrity::LINK_DANGLING,
    integrity::LINK_NEEDS_GATEWAY,
];

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

/// The rule with id `id`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// Runs every rule. Never fails, never panics.
pub fn validate(design: &Design) -> Report {
    let ctx = Ctx::new(design);
    let mut out = Out::default();
    for rule in RULES {
        out.rule = rule.id;
        out.severity = rule.severity;
        (rule.check)(&ctx, &mut out);
    }
    let mut findings = out.findings;
    findings.sort_by(|a, b| {
        (a.severity, a.rule, &a.nodes, &a.links, &a.message).cmp(&(b.severity, b.rule, &b.nodes, &b.links, &b.message))
    });
    findings.dedup();
    Report { findings }
}

/// Test helpers shared by the rule families.
#[cfg(test)]
pub(crate) mod test_support {
    use super::*;

    /// Builds a design from a script (panics on a bad script: tests only).
    pub fn design(script: &str) -> Design {
        let mut d = Design::default();
        if let Err(e) = crate::run_script(&mut d, script) {
            panic!("bad test script: {e}");
        }
        d
    }

    /// The findings of `rule` for the design built from `script`.
    pub fn findings(rule: &str, script: &str) -> Vec<Finding> {
        assert!(super::rule(rule).is_some(), "no rule {rule}");
        validate(&design(script)).findings.into_iter().filter(|f| f.rule == rule).collect()
    }

    /// Asserts `rule` fires on `script` and names `subject` among its nodes.
    pub fn fires(rule: &str, script: &str, subject: &str) -> Finding {
        let found = findings(rule, script);
        found
            .iter()
            .find(|f| f.nodes.iter().any(|n| n == subject))
            .cloned()
            .unwrap_or_else(|| panic!("{rule} did not fire on {subject}; got {found:?}"))
    }

    /// Asserts `rule` stays silent on `script`.
    pub fn silent(rule: &str, script: &str) {
        let found = findings(rule, script);
        assert!(found.is_empty(), "{rule} fired: {found:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn rule_ids_are_unique_kebab_case_with_docs_and_sources() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(r.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", r.id);
            assert!(!r.doc.is_empty() && !r.doc.contains('\n'), "{} doc", r.id);
            assert!(r.source.starts_with("S") || r.source == "model", "{} source {}", r.id, r.source);
        }
    }

    #[test]
    fn an_empty_design_has_no_findings() {
        assert!(validate(&Design::default()).findings.is_empty());
    }
}
