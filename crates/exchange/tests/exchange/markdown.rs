//! Markdown: the report of every example carries the inventory, the links, the findings by severity
//! with their hints, and the throughput tables, with counts that match the model's own.

use vnetsketch_exchange::Format;
use vnetsketch_model::analysis::analyze;
use vnetsketch_model::validate::Severity;

use crate::support::{designs, exported};

/// The rows of the table under `heading` (header and separator excluded).
fn table_rows(text: &str, heading: &str) -> usize {
    let start = text.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    let rest = &text[start + heading.len()..];
    let end = rest.find("\n#").unwrap_or(rest.len());
    rest[..end]
        .lines()
        .filter(|l| l.starts_with('|'))
        .count()
        .saturating_sub(2)
}

#[test]
fn every_example_reports_its_inventory_findings_and_throughput() {
    for (name, design) in designs() {
        let text = exported(&design, Format::Markdown);
        let a = analyze(&design);
        assert!(text.starts_with("# Network design report\n"), "{name}");
        assert_eq!(table_rows(&text, "### VNets"), design.vnets().count(), "{name}: VNets");
        assert_eq!(table_rows(&text, "### Sites"), design.sites().count(), "{name}: sites");
        assert_eq!(
            table_rows(&text, "### User groups"),
            design.user_groups().count(),
            "{name}: user groups"
        );
        assert_eq!(table_rows(&text, "## Links"), a.estimate.links.len(), "{name}: links");
        assert_eq!(
            table_rows(&text, "### Per link"),
            a.estimate.links.len(),
            "{name}: per link"
        );
        assert_eq!(
            table_rows(&text, "### Per gateway"),
            a.estimate.gateways.len(),
            "{name}: per gateway"
        );
        for (severity, title) in [
            (Severity::Error, "Errors"),
            (Severity::Warning, "Warnings"),
            (Severity::Info, "Information"),
        ] {
            let n = a.report.count(severity);
            if n > 0 {
                assert!(text.contains(&format!("### {title} ({n})")), "{name}: {title}");
            }
        }
        let summary = format!(
            "Findings: {} errors, {} warnings, {} infos.",
            a.report.count(Severity::Error),
            a.report.count(Severity::Warning),
            a.report.count(Severity::Info)
        );
        assert!(text.contains(&summary), "{name}: {summary}");
        for f in &a.report.findings {
            assert!(
                text.contains(&format!("- **{}**", f.rule)),
                "{name}: finding {}",
                f.rule
            );
        }
        assert_eq!(
            text.matches("  - Hint: ").count(),
            a.report.findings.len(),
            "{name}: one hint per finding"
        );
        // Every table row has as many cells as its header.
        for block in text.split("\n\n").filter(|b| b.starts_with('|')) {
            let widths: Vec<usize> = block
                .lines()
                .map(|l| l.replace("\\|", "").matches('|').count())
                .collect();
            assert!(widths.windows(2).all(|w| w[0] == w[1]), "{name}: ragged table\n{block}");
        }
    }
}

#[test]
fn the_broken_example_lists_its_errors_with_hints() {
    let (_, design) = designs().into_iter().find(|(n, _)| n == "broken").unwrap();
    let text = exported(&design, Format::Markdown);
    let a = analyze(&design);
    let first = a
        .report
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error)
        .unwrap();
    let at = text.find(&format!("- **{}**", first.rule)).unwrap();
    let hint_line = text[at..].lines().find(|l| l.starts_with("  - Hint: ")).unwrap();
    assert!(
        hint_line.contains(&first.hint.replace('|', "\\|")[..first.hint.len().min(30)]),
        "{hint_line}"
    );
}
