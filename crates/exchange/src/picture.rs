//! What the two picture formats (SVG and draw.io) share: the fixed scale from the diagram's world
//! cells (terminal cells at [`Zoom::Full`](vnetsketch_model::diagram::Zoom)) to pixels, XML escaping,
//! and each node's finding badge (its worst severity and how many findings name it), read from the
//! model's `Report`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use vnetsketch_model::validate::{Report, Severity};

/// Pixels per world cell, across.
pub(crate) const CELL_W: i32 = 8;
/// Pixels per world cell, down (a terminal cell is about twice as tall as wide).
pub(crate) const CELL_H: i32 = 16;

/// What a link's label says, for the legends.
pub(crate) const LABEL_NOTE: &str = "link labels: kind and estimated throughput; ! marks a link with an error";

/// A node's finding badge: the worst severity among the findings that name it, and their count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Badge {
    /// The worst severity (errors before warnings before infos).
    pub worst: Severity,
    /// How many findings name the node.
    pub count: usize,
}

/// The badge of every node some finding of `report` names, by node name.
pub(crate) fn badges(report: &Report) -> BTreeMap<&str, Badge> {
    let mut out: BTreeMap<&str, Badge> = BTreeMap::new();
    for f in &report.findings {
        for name in &f.nodes {
            out.entry(name.as_str())
                .and_modify(|b| {
                    b.worst = b.worst.min(f.severity);
                    b.count += 1;
                })
                .or_insert(Badge {
                    worst: f.severity,
                    count: 1,
                });
        }
    }
    out
}

/// Appends `text` to `out` escaped for XML text and attribute values (`&`, `<`, `>`, `"`, `'`);
/// characters XML 1.0 cannot hold (control characters but tab and newline) are left out.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// `text` escaped for XML (see [`escape_into`]).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// A pixel figure as SVG and draw.io read it: whole numbers plainly, halves with one decimal.
/// Whole numbers and halves (all the pictures hold) are written as integers, which is several times
/// quicker than formatting a float with a precision (a picture of 10,000 VNets has millions).
pub(crate) fn px(out: &mut String, v: f64) {
    let twice = v * 2.0;
    if twice.fract() == 0.0 && twice.abs() < 1e15 && !(v == 0.0 && v.is_sign_negative()) {
        // Exact: |2v| is a whole number below 2^53.
        let twice = twice as i64;
        if v < 0.0 {
            out.push('-');
        }
        let _ = write!(out, "{}", twice.unsigned_abs() / 2);
        if twice % 2 != 0 {
            out.push_str(".5");
        }
    } else if v.fract() == 0.0 {
        let _ = write!(out, "{v:.0}");
    } else {
        let _ = write!(out, "{v:.1}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vnetsketch_model::analysis::analyze;

    #[test]
    fn pixel_figures_are_whole_or_one_decimal_as_float_formatting_writes_them() {
        for v in [
            0.0,
            -0.0,
            1.0,
            12.5,
            -12.5,
            -0.5,
            0.5,
            1234.0,
            -8.0,
            0.25,
            3.75,
            -1e16,
            1e16 + 2.0,
            7.1,
        ] {
            let mut out = String::new();
            px(&mut out, v);
            let expected = if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            };
            assert_eq!(out, expected, "{v}");
        }
    }

    #[test]
    fn escaping_covers_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(escape("two\nlines"), "two&#10;lines");
    }

    #[test]
    fn a_badge_keeps_the_worst_severity_and_counts_every_finding() {
        let mut d = vnetsketch_model::Design::default();
        vnetsketch_model::run_script(
            &mut d,
            "vnet hub 10.0.0.0/16\nvnet other 10.0.0.0/16\nlink peering hub other",
        )
        .expect("script");
        let report = analyze(&d).report;
        let b = badges(&report);
        let hub = b.get("hub").expect("overlapping peered VNets have findings");
        assert_eq!(hub.worst, Severity::Error);
        let named = report
            .findings
            .iter()
            .filter(|f| f.nodes.iter().any(|n| n == "hub"))
            .count();
        assert_eq!(hub.count, named);
    }
}
