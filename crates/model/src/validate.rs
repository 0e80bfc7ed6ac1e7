//! Validation: a registry of rules, each with a stable id, a severity, a one-line doc and the source
//! key of `reference/azure-facts.md` behind it. [`validate`] runs them all and never fails: a broken
//! design (a link naming a missing node, say) gives findings, not errors.
//!
//! Rules live in one module per family (`validate/*.rs`); each family's module holds its rules'
//! checks and tests, and imports what it shares with the others from leaves (the vocabulary in
//! `validate/finding.rs`, the index in `validate/index.rs`), never from this registry. [`RULES`] lists
//! them all; `vnetsketch rules` and the TUI help read it.

use crate::design::Design;

mod addressing;
mod bgp;
mod capacity;
mod connectivity;
pub(crate) mod ends;
mod expressroute;
mod features;
mod finding;
mod gateways;
mod groups;
mod gwsubnet;
pub(crate) mod index;
mod integrity;
mod overlap;
mod peering;
mod regions;
mod selectors;
mod tunnels;

pub use finding::{Finding, Out, Report, Rule, Severity};
pub(crate) use finding::{finish, run_rules};
pub use index::Ctx;

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
    regions::PEER_CLOUD,
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
mod fix_tests;
#[cfg(test)]
mod tests;
