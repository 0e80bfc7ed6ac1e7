//! Validation: a registry of rules, each with a stable id, a severity, a one-line doc and the source
//! key of `reference/azure-facts.md` behind it. [`validate`] runs them all and never fails: a broken
//! design (a link naming a missing node, say) gives findings, not errors.
//!
//! Rules live in one module per family (`validate/*.rs`); each family's module holds its rules'
//! checks and tests. [`RULES`] lists them all; `vnetsketch rules` and the TUI help read it.

use ipnet::IpNet;
use serde::Serialize;
use strum::{Display, IntoStaticStr};

use crate::design::{Design, LinkId};

mod addressing;
mod bgp;
mod capacity;
mod connectivity;
mod expressroute;
mod features;
mod gateways;
mod groups;
mod gwsubnet;
mod index;
mod integrity;
mod overlap;
mod peering;
mod regions;
mod selectors;
mod tunnels;

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

pub(crate) use crate::hash::{FxMap, FxSet};
pub(crate) use groups::{GroupOverlap, Via};
pub use index::Ctx;
pub(crate) use index::{Adj, Sound};

/// The most pairs of sets one relation reports ([`cidr::set_overlaps`]): a hostile design (thousands
/// of networks on one range in one relation) stays bounded.
pub(crate) const MAX_SET_PAIRS: usize = 10_000;

/// Prefixes as `a,b,c` for messages (at most 4, then a count).
pub(crate) fn show_nets(nets: &[IpNet]) -> String {
    let mut s: Vec<String> = nets.iter().take(4).map(ToString::to_string).collect();
    if nets.len() > 4 {
        s.push(format!("and {} more", nets.len() - 4));
    }
    if s.is_empty() {
        "no prefix".to_owned()
    } else {
        s.join(",")
    }
}

/// Names as `a, b, c` for messages (at most 5, then a count).
pub(crate) fn show_names(names: &[&str]) -> String {
    let mut s: Vec<String> = names.iter().take(5).map(|n| (*n).to_owned()).collect();
    if names.len() > 5 {
        s.push(format!("and {} more", names.len() - 5));
    }
    s.join(", ")
}

macro_rules! rules {
    ($($family:ident :: $rule:ident),+ $(,)?) => {
        /// Every rule, in report order.
        pub static RULES: &[Rule] = &[$($family::$rule),+];
        /// The family (module) of each rule of [`RULES`], in the same order.
        pub static RULE_FAMILIES: &[&str] = &[$(stringify!($family)),+];
    };
}

/// How many rules there are: `"N rules: family n, ..."`, families in alphabetical order.
pub fn rules_summary() -> String {
    let mut families: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for f in RULE_FAMILIES {
        *families.entry(f).or_default() += 1;
    }
    let parts: Vec<String> = families.iter().map(|(f, n)| format!("{f} {n}")).collect();
    format!("{} rules: {}", RULES.len(), parts.join(", "))
}

rules![
    integrity::LINK_DANGLING,
    integrity::LINK_NEEDS_GATEWAY,
    addressing::ADDR_CIDR_VALID,
    addressing::ADDR_RESERVED,
    addressing::ADDR_PRIVATE,
    addressing::SUBNET_IN_VNET,
    addressing::SUBNET_NO_OVERLAP,
    addressing::SUBNET_SIZE,
    addressing::SUBNET_CAPACITY,
    gwsubnet::GWSUBNET_NAME,
    gwsubnet::GWSUBNET_PRESENT,
    gwsubnet::GWSUBNET_MIN,
    gwsubnet::GWSUBNET_RECOMMENDED,
    gwsubnet::GWSUBNET_COEXIST,
    gwsubnet::GWSUBNET_16_CIRCUITS,
    gwsubnet::GWSUBNET_EMPTY,
    overlap::OVERLAP_PEERING,
    overlap::OVERLAP_HUB_PEERS,
    overlap::OVERLAP_V2V,
    overlap::OVERLAP_LNG_VNET,
    overlap::OVERLAP_CONNECTED,
    overlap::P2S_POOL_VNET,
    overlap::P2S_POOL_ONPREM,
    gateways::GW_SKU_KNOWN,
    gateways::GW_GENERATION,
    gateways::GW_CLASSIC_SKU,
    gateways::SKU_ERA,
    features::AA_SKU,
    features::BASIC_P2S,
    features::BASIC_IPSEC_NAT,
    features::BASIC_PROD,
    tunnels::PB_BASIC_ONLY,
    tunnels::PB_ONE_TUNNEL,
    tunnels::PB_NO_P2S,
    tunnels::PB_NO_V2V_MULTISITE,
    tunnels::MULTISITE_ROUTEBASED,
    tunnels::MULTITUNNEL_SAME_SITE,
    tunnels::V2V_REDUNDANT,
    capacity::GW_TUNNEL_CAP,
    capacity::GW_P2S_CAP,
    capacity::TPUT_SHARED,
    capacity::P2S_WIN_SELECTORS,
    connectivity::S2S_PUBLIC_IP,
    connectivity::S2S_P2S_SAME_IP,
    connectivity::P2S_TRANSIT_BGP,
    connectivity::PEER_NO_GW_NEEDED,
    bgp::BGP_SKU,
    bgp::BGP_ENABLED,
    bgp::BGP_ASN_AZURE_RESERVED,
    bgp::BGP_ASN_IANA_RESERVED,
    bgp::BGP_ASN_DISTINCT,
    bgp::BGP_ASN_32BIT,
    bgp::BGP_PEER_IP,
    bgp::BGP_PREFIX_CAP,
    peering::PEER_NONTRANSITIVE,
    peering::PEER_REMOTE_GW,
    peering::PEER_REMOTE_GW_OWN,
    peering::PEER_REMOTE_GW_ONE,
    peering::PEER_TRANSIT_BASIC,
    peering::PEER_GLOBAL,
    peering::PEER_CLASSIC,
    peering::PEER_BOTH_SIDES,
    peering::PEER_COUNT,
    expressroute::COEXIST_ROUTEBASED,
    expressroute::COEXIST_TRANSIT,
    expressroute::ER_CIRCUIT_BW,
    expressroute::ER_GW_CIRCUITS,
    expressroute::ER_VNET_LINKS,
    expressroute::ER_FASTPATH,
    expressroute::ER_GW_BOTTLENECK,
    expressroute::ER_GW_UNITS,
    overlap::OVERLAP_ER_ONPREM,
    regions::REGION_KNOWN,
    regions::ER_PREMIUM_GEO,
    regions::V2V_CLOUD,
    bgp::BGP_ASN_GATEWAY_RESERVED,
    features::NAT_APIPA,
    capacity::P2S_POOL_SIZE,
    connectivity::BGP_PEER_ADDRESS,
    selectors::PBTS_ROUTEBASED,
    selectors::PBTS_CUSTOM_IPSEC,
    selectors::PBTS_SKU,
    selectors::PBTS_NO_TRANSIT,
    selectors::PBTS_SELECTORS,
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
    validate_with(&Ctx::new(design))
}

/// Runs every rule on indexes already built (callers that also estimate throughput build one [`Ctx`]).
pub fn validate_with(ctx: &Ctx<'_>) -> Report {
    let mut out = Out::default();
    run_rules(ctx, RULES.iter(), &mut out);
    finish(vec![out])
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
        (a.severity, a.rule, &a.nodes, &a.links, &a.message, &a.hint)
            .cmp(&(b.severity, b.rule, &b.nodes, &b.links, &b.message, &b.hint))
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
        validate(&design(script))
            .findings
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
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
mod tests;
