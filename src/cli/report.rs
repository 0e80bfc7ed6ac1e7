//! The reports of `validate`, `estimate` and `rules`, as text and as JSON. The JSON reports are typed
//! structs (serde for the bytes, schemars for the schemas in `assets/schema/`): PRODUCT.md's contract
//! plus the fields it allows. Fields are declared in alphabetical order, the order the output has
//! always had, so the bytes stay those of the contract's examples.

use std::fmt::Write as _;

use schemars::JsonSchema;
use serde::Serialize;
use vnetsketch_model::sources::{self, Source};
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::{RULES, Report, Rule, Severity};
use vnetsketch_model::{Design, LinkId, LinkKind};

/// `validate --format json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "vnetsketch validate report")]
pub struct ValidateReport<'a> {
    /// Findings of severity `error`.
    pub errors: usize,
    /// Every finding, in rule order.
    pub findings: Vec<FindingJson<'a>>,
    /// Findings of severity `info`.
    pub infos: usize,
    /// Findings of severity `warning`.
    pub warnings: usize,
}

/// One finding of the validate report.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FindingJson<'a> {
    /// The command lines that fix it, in order (applied to the design, they remove this finding and
    /// add no error); empty when no edit of the design can.
    pub fix: &'a [String],
    /// How to fix it, in words.
    pub hint: &'a str,
    /// The links involved, each as `kind a b`.
    pub links: Vec<String>,
    /// What is wrong.
    pub message: &'a str,
    /// The rule's id (`vnetsketch rules`).
    pub rule: &'static str,
    /// `error`, `warning` or `info`.
    #[schemars(extend("enum" = ["error", "warning", "info"]))]
    pub severity: &'static str,
    /// The nodes involved, by name.
    pub subjects: &'a [String],
}

/// `estimate --format json`.
#[derive(Debug, Serialize, JsonSchema)]
#[schemars(title = "vnetsketch estimate report")]
pub struct EstimateReport<'a> {
    /// What the shares assume ("every connection busy").
    pub assumes: &'static str,
    /// Every gateway.
    pub gateways: Vec<GatewayJson<'a>>,
    /// Every link.
    pub links: Vec<LinkJson<'a>>,
}

/// One link of the estimate report.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LinkJson<'a> {
    /// The VNet end.
    pub a: &'a str,
    /// The other end.
    pub b: &'a str,
    /// What limits the link, in words.
    pub bottleneck: &'a str,
    /// The link's kind.
    pub kind: LinkKind,
    /// Estimated Mbps, to one decimal; `null` where no gateway limits the link (a plain peering).
    #[schemars(required, extend("type" = ["number", "null"]))]
    pub mbps: Option<f64>,
    /// The optimistic estimate (GCMAES256 per-tunnel figures, both active-active instances), to one
    /// decimal; `null` where `mbps` is.
    #[schemars(required, extend("type" = ["number", "null"]))]
    pub mbps_max: Option<f64>,
    /// P2S only: the estimate per client.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_client_mbps: Option<f64>,
}

/// One gateway of the estimate report.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GatewayJson<'a> {
    /// The catalog's aggregate for the SKU, in Mbps.
    pub aggregate_mbps: f64,
    /// How many links use the gateway.
    pub connections: usize,
    /// The VPN gateway's generation, where the SKU has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub generation: Option<u8>,
    /// The SKU.
    pub sku: &'a str,
    /// `vpn` or `er`.
    #[serde(rename = "type")]
    #[schemars(extend("enum" = ["vpn", "er"]))]
    pub kind: &'static str,
    /// The VNet the gateway is in.
    pub vnet: &'a str,
}

/// `rules --format json`: every rule.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(transparent)]
#[schemars(title = "vnetsketch rules")]
pub struct RulesReport(pub Vec<RuleJson>);

/// One rule of the rules report.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RuleJson {
    /// What it checks, one line.
    pub doc: &'static str,
    /// Its stable id.
    pub id: &'static str,
    /// `error`, `warning` or `info`.
    #[schemars(extend("enum" = ["error", "warning", "info"]))]
    pub severity: &'static str,
    /// The source keys it cites, as one text (`S9, S16`).
    pub source: &'static str,
    /// The documents behind those keys (`docs/sources.md`).
    pub sources: Vec<SourceJson>,
}

/// One document a rule cites.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceJson {
    /// The key (`S24`, `model`).
    pub key: &'static str,
    /// The document's title.
    pub title: &'static str,
    /// Where to read it.
    pub url: &'static str,
}

fn link_name(design: &Design, id: LinkId) -> String {
    design
        .link(id)
        .map_or_else(|| format!("link #{}", id.0), vnetsketch_model::Link::describe)
}

/// The JSON report of `validate` (PRODUCT.md contract, plus `links`).
pub fn validate_json<'a>(design: &Design, report: &'a Report) -> ValidateReport<'a> {
    ValidateReport {
        errors: report.count(Severity::Error),
        findings: report
            .findings
            .iter()
            .map(|f| FindingJson {
                fix: &f.fix,
                hint: &f.hint,
                links: f.links.iter().map(|id| link_name(design, *id)).collect(),
                message: &f.message,
                rule: f.rule,
                severity: f.severity.as_str(),
                subjects: &f.nodes,
            })
            .collect(),
        infos: report.count(Severity::Info),
        warnings: report.count(Severity::Warning),
    }
}

/// The text report of `validate`.
pub fn validate_text(design: &Design, report: &Report, file: &std::path::Path) -> String {
    let mut s = String::new();
    for f in &report.findings {
        let _ = writeln!(s, "{}[{}]: {}", f.severity, f.rule, f.message);
        let mut subjects: Vec<String> = f.nodes.clone();
        subjects.extend(f.links.iter().map(|id| link_name(design, *id)));
        if !subjects.is_empty() {
            let _ = writeln!(s, "  subjects: {}", subjects.join(", "));
        }
        let _ = writeln!(s, "  hint: {}", f.hint);
        for line in &f.fix {
            let _ = writeln!(s, "  fix: {line}");
        }
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let _ = writeln!(
        s,
        "{}: {e} error{}, {w} warning{}, {i} info{} (catalog {})",
        file.display(),
        plural(e),
        plural(w),
        plural(i),
        design.era
    );
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn mbps_text(m: Option<f64>) -> String {
    m.map_or_else(|| "-".to_owned(), |m| format!("{:.1}", round1(m)))
}

/// The names at the ends of link `id` (empty when the estimate names a link the design lacks).
fn ends(design: &Design, id: LinkId) -> (&str, &str) {
    design.link(id).map_or(("", ""), |l| (l.a.as_str(), l.b.as_str()))
}

/// The text report of `estimate`.
pub fn estimate_text(design: &Design, est: &Estimate) -> String {
    let mut s = String::from("LINKS\n");
    let _ = writeln!(
        s,
        "{:<8} {:<24} {:<24} {:>10} {:>10}  bottleneck",
        "kind", "a", "b", "Mbps", "max"
    );
    for l in &est.links {
        let (a, b) = ends(design, l.id);
        let mut bottleneck = l.bottleneck.to_string();
        if let Some(pc) = l.per_client_mbps {
            let _ = write!(bottleneck, " ({:.1} Mbps per client)", round1(pc));
        }
        let _ = writeln!(
            s,
            "{:<8} {:<24} {:<24} {:>10} {:>10}  {}",
            l.kind.as_str(),
            a,
            b,
            mbps_text(l.mbps),
            mbps_text(l.mbps_max),
            bottleneck
        );
    }
    s.push_str("\nGATEWAYS\n");
    let _ = writeln!(
        s,
        "{:<24} {:<4} {:<18} {:>10} {:>12}",
        "vnet", "type", "sku", "aggregate", "connections"
    );
    for g in &est.gateways {
        let sku = match g.generation {
            Some(gen_) => format!("{} Gen{gen_}", g.sku),
            None => g.sku.clone(),
        };
        let _ = writeln!(
            s,
            "{:<24} {:<4} {:<18} {:>10} {:>12}",
            g.vnet,
            g.kind.as_str(),
            sku,
            format!("{:.1}", round1(g.aggregate_mbps)),
            g.connections.len()
        );
    }
    let _ = writeln!(
        s,
        "\nShares assume {} (each P2S client one tunnel). Mbps: AES256+SHA256 tunnels; max: GCMAES256 tunnels and both active-active instances.",
        vnetsketch_model::throughput::ASSUMES
    );
    s
}

/// The JSON report of `estimate` (PRODUCT.md contract, plus `per_client_mbps` and `generation`).
pub fn estimate_json<'a>(design: &'a Design, est: &'a Estimate) -> EstimateReport<'a> {
    EstimateReport {
        assumes: vnetsketch_model::throughput::ASSUMES,
        gateways: est
            .gateways
            .iter()
            .map(|g| GatewayJson {
                aggregate_mbps: round1(g.aggregate_mbps),
                connections: g.connections.len(),
                generation: g.generation,
                sku: &g.sku,
                kind: g.kind.as_str(),
                vnet: &g.vnet,
            })
            .collect(),
        links: est
            .links
            .iter()
            .map(|l| {
                let (a, b) = ends(design, l.id);
                LinkJson {
                    a,
                    b,
                    bottleneck: &l.bottleneck,
                    kind: l.kind,
                    mbps: l.mbps.map(round1),
                    mbps_max: l.mbps_max.map(round1),
                    per_client_mbps: l.per_client_mbps.map(round1),
                }
            })
            .collect(),
    }
}

/// The documents `rule` cites, as the sources table has them (a key missing from the table, which
/// a test forbids, is left out rather than shown without a link).
fn cited(rule: &Rule) -> impl Iterator<Item = &'static Source> {
    sources::keys(rule.source).filter_map(sources::source)
}

/// The text of `rules`: one line per rule (id, severity, what it checks, source keys), then one
/// indented line per source with its link.
pub fn rules_text() -> String {
    let mut s = String::new();
    for r in RULES {
        let _ = writeln!(s, "{:<26} {:<8} {}  [{}]", r.id, r.severity.as_str(), r.doc, r.source);
        for source in cited(r) {
            let _ = writeln!(s, "    {:<5} {}", source.key, source.url);
        }
    }
    let _ = writeln!(
        s,
        "{}; the sources are described in docs/sources.md",
        vnetsketch_model::validate::rules_summary()
    );
    s
}

/// The JSON report of `rules`.
pub fn rules_json() -> RulesReport {
    RulesReport(
        RULES
            .iter()
            .map(|r| RuleJson {
                doc: r.doc,
                id: r.id,
                severity: r.severity.as_str(),
                source: r.source,
                sources: cited(r)
                    .map(|s| SourceJson {
                        key: s.key,
                        title: s.title,
                        url: s.url,
                    })
                    .collect(),
            })
            .collect(),
    )
}

/// The JSON Schemas of the CLI's reports: `(file name in assets/schema/, schema)`.
pub fn schemas() -> [(&'static str, String); 3] {
    fn pretty(schema: &schemars::Schema) -> String {
        serde_json::to_string_pretty(schema).unwrap_or_default() + "\n"
    }
    [
        ("validate.schema.json", pretty(&schemars::schema_for!(ValidateReport))),
        ("estimate.schema.json", pretty(&schemars::schema_for!(EstimateReport))),
        ("rules.schema.json", pretty(&schemars::schema_for!(RulesReport))),
    ]
}
