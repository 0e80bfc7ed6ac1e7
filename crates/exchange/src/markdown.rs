//! The design as a Markdown report for design documents and pull requests: a summary, the inventory
//! (VNets with prefixes, region and gateways; sites; user groups), the links with their estimated
//! throughput, the findings by severity with their hints, and the throughput tables per link and per
//! gateway. Every finding and number comes from the model's `Report` and `Estimate`.

use std::collections::HashMap;
use std::fmt::Write as _;

use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::{Report, Severity};
use vnetsketch_model::{Design, LinkId};

use crate::graph::{format_mbps, kind_label};
use crate::plan;

/// Text safe inside a table cell: `|` escaped, line breaks as spaces.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn mbps(m: Option<f64>) -> String {
    m.map_or_else(|| "—".to_owned(), format_mbps)
}

fn join<T: ToString>(items: &[T]) -> String {
    items.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

fn row(out: &mut String, cells: &[String]) {
    out.push('|');
    for c in cells {
        let _ = write!(out, " {} |", cell(c));
    }
    out.push('\n');
}

fn header(out: &mut String, titles: &[&str]) {
    row(out, &titles.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>());
    out.push('|');
    for _ in titles {
        out.push_str("---|");
    }
    out.push('\n');
}

/// Writes the report of `design`.
pub(crate) fn write(design: &Design, report: &Report, estimate: &Estimate) -> String {
    let vnets = design.vnets().count();
    let sites = design.sites().count();
    let users = design.user_groups().count();
    let links = plan::links(design).count();
    let (errors, warnings, infos) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let mut out = String::from("# Network design report\n\n");
    let _ = writeln!(
        out,
        "{vnets} VNets, {sites} sites, {users} user groups, {links} links; catalog `{}`.  \nFindings: {errors} errors, {warnings} warnings, {infos} infos.\n",
        design.era
    );

    out.push_str("## Inventory\n\n### VNets\n\n");
    if vnets == 0 {
        out.push_str("None.\n");
    } else {
        header(
            &mut out,
            &[
                "VNet",
                "Region",
                "Address space",
                "Subnets",
                "VPN gateway",
                "ExpressRoute gateway",
            ],
        );
        for v in design.vnets() {
            let subnets: Vec<String> = v.subnets.iter().map(|s| format!("{} {}", s.name, s.prefix)).collect();
            let vpn = v.vpn.as_ref().map_or_else(
                || "—".to_owned(),
                |g| {
                    let mut t = format!("{} gen{}", g.sku, g.generation);
                    if g.active_active {
                        t.push_str(", active-active");
                    }
                    if let Some(asn) = g.asn {
                        let _ = write!(t, ", ASN {asn}");
                    }
                    t
                },
            );
            let er = v.er.as_ref().map_or_else(
                || "—".to_owned(),
                |g| format!("{}{}", g.sku, if g.fastpath { ", FastPath" } else { "" }),
            );
            row(
                &mut out,
                &[
                    v.name.clone(),
                    v.region.clone().unwrap_or_else(|| "—".into()),
                    join(&v.prefixes),
                    if subnets.is_empty() {
                        "—".into()
                    } else {
                        subnets.join(", ")
                    },
                    vpn,
                    er,
                ],
            );
        }
    }
    out.push_str("\n### Sites\n\n");
    if sites == 0 {
        out.push_str("None.\n");
    } else {
        header(
            &mut out,
            &[
                "Site",
                "Prefixes",
                "VPN device",
                "BGP ASN",
                "Uplink Mbps",
                "ExpressRoute circuit",
            ],
        );
        for s in design.sites() {
            let circuit = s.circuit.as_ref().map_or_else(
                || "—".to_owned(),
                |c| {
                    let mut t = format!("{} Mbps", c.mbps);
                    if let Some(l) = &c.location {
                        let _ = write!(t, " at {l}");
                    }
                    t
                },
            );
            row(
                &mut out,
                &[
                    s.name.clone(),
                    join(&s.prefixes),
                    s.ip.map_or_else(|| "—".into(), |ip| ip.to_string()),
                    s.asn.map_or_else(|| "—".into(), |a| a.to_string()),
                    s.uplink_mbps.map_or_else(|| "—".into(), |u| u.to_string()),
                    circuit,
                ],
            );
        }
    }
    out.push_str("\n### User groups\n\n");
    if users == 0 {
        out.push_str("None.\n");
    } else {
        header(&mut out, &["Group", "Client pool", "Clients", "Protocol"]);
        for u in design.user_groups() {
            row(
                &mut out,
                &[
                    u.name.clone(),
                    u.pool.to_string(),
                    u.clients.to_string(),
                    u.protocol.to_string(),
                ],
            );
        }
    }

    let estimates: HashMap<LinkId, &vnetsketch_model::throughput::LinkEstimate> =
        estimate.links.iter().map(|l| (l.id, l)).collect();
    out.push_str("\n## Links\n\n");
    if links == 0 {
        out.push_str("None.\n");
    } else {
        header(&mut out, &["Kind", "From", "To", "Estimated Mbps"]);
        for (id, l) in plan::links(design) {
            let m = estimates.get(&id).and_then(|e| e.mbps);
            row(
                &mut out,
                &[kind_label(l.kind).into(), l.a.clone(), l.b.clone(), mbps(m)],
            );
        }
    }

    out.push_str("\n## Findings\n");
    if report.findings.is_empty() {
        out.push_str("\nNone: the design passes every rule.\n");
    }
    for (severity, title) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Information"),
    ] {
        let n = report.count(severity);
        if n == 0 {
            continue;
        }
        let _ = writeln!(out, "\n### {title} ({n})\n");
        for f in report.findings.iter().filter(|f| f.severity == severity) {
            let _ = writeln!(out, "- **{}**: {}", f.rule, cell(&f.message));
            if !f.nodes.is_empty() {
                let _ = writeln!(out, "  - Subjects: {}", f.nodes.join(", "));
            }
            let _ = writeln!(out, "  - Hint: {}", cell(&f.hint));
        }
    }

    out.push_str("\n## Throughput\n\n### Per link\n\n");
    if estimate.links.is_empty() {
        out.push_str("None.\n");
    } else {
        header(&mut out, &["Kind", "From", "To", "Mbps", "Per client", "Bottleneck"]);
        for e in &estimate.links {
            let (a, b) = design.link(e.id).map_or(("", ""), |l| (l.a.as_str(), l.b.as_str()));
            row(
                &mut out,
                &[
                    kind_label(e.kind).into(),
                    a.into(),
                    b.into(),
                    mbps(e.mbps),
                    e.per_client_mbps.map_or_else(|| "—".into(), format_mbps),
                    e.bottleneck.to_string(),
                ],
            );
        }
    }
    out.push_str("\n### Per gateway\n\n");
    if estimate.gateways.is_empty() {
        out.push_str("None.\n");
    } else {
        header(&mut out, &["VNet", "Type", "SKU", "Aggregate Mbps", "Connections"]);
        for g in &estimate.gateways {
            row(
                &mut out,
                &[
                    g.vnet.clone(),
                    g.kind.as_str().to_uppercase(),
                    g.generation
                        .map_or_else(|| g.sku.clone(), |n| format!("{} gen{n}", g.sku)),
                    format_mbps(g.aggregate_mbps),
                    g.connections.len().to_string(),
                ],
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
