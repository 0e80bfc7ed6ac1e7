//! The design as a Graphviz graph: `graph { … }` with a `subgraph cluster_…` per region (and one for
//! on-premises sites, one for user groups), every ID double-quoted, links styled, coloured and
//! labelled per kind (with the estimated Mbps). Graphviz's own `dot` renders it in the tests.
//! Links are polylines: Graphviz's spline router warns on links between clusters in large designs.

use std::fmt::Write as _;

use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::{Design, LinkKind, Node};

use crate::graph::{self, kind_colour};

/// A DOT quoted string: `"…"` with `"` and `\` escaped and line breaks as `\n`.
fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' | '\r' => s.push(' '),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// A multi-line label: each line escaped, joined with DOT's centred line break.
fn label(lines: &[String]) -> String {
    let inner: Vec<String> = lines
        .iter()
        .map(|l| {
            let q = quoted(l);
            q[1..q.len() - 1].to_owned()
        })
        .collect();
    format!("\"{}\"", inner.join("\\n"))
}

fn fill(node: &Node) -> &'static str {
    match node {
        Node::Vnet(_) => "#e6f2fb",
        Node::Site(_) => "#fdf0e1",
        Node::Users(_) => "#f0e9f7",
    }
}

fn style(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::S2s => "dashed",
        LinkKind::P2s => "dotted",
        LinkKind::V2v | LinkKind::Er => "bold",
        LinkKind::Peering => "solid",
    }
}

/// Writes the DOT text of `design`.
pub(crate) fn write(design: &Design, estimate: &Estimate) -> String {
    let mut out = String::from("graph vnetsketch {\n");
    out.push_str(
        "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.4, ranksep=1.0, splines=polyline];\n",
    );
    out.push_str("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    for g in graph::groups(design) {
        let _ = writeln!(out, "\n  subgraph {} {{", quoted(&format!("cluster_{}", g.key)));
        let _ = writeln!(out, "    label={};", quoted(&g.label));
        out.push_str("    style=rounded;\n    color=\"#8a8886\";\n");
        for n in g.nodes {
            let _ = writeln!(
                out,
                "    {} [label={}, fillcolor=\"{}\"];",
                quoted(n.name()),
                label(&graph::node_lines(n)),
                fill(n)
            );
        }
        out.push_str("  }\n");
    }
    out.push('\n');
    for (l, text) in graph::labelled_links(design, estimate) {
        let colour = kind_colour(l.kind);
        let _ = writeln!(
            out,
            "  {} -- {} [label={}, style={}, color=\"{colour}\", fontcolor=\"{colour}\"];",
            quoted(&l.a),
            quoted(&l.b),
            quoted(&text),
            style(l.kind)
        );
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(label(&["x\"".into(), "y".into()]), r#""x\"\ny""#);
    }
}
