//! The design as a Mermaid flowchart (`flowchart LR`) that renders in GitHub and GitLab Markdown: a
//! subgraph per region, on-premises sites and user groups in subgraphs of their own, links drawn
//! and coloured per kind with their label (and estimated Mbps).
//!
//! Mermaid's pitfalls are avoided by construction: node IDs are `n_` plus the name reduced to
//! `[A-Za-z0-9_]` (so never `end`, and never starting with `o` or `x` after a link), subgraph IDs
//! are `g_…`, and every label is double-quoted with `"` and `#` written as Mermaid entities.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::{Design, LinkKind, Node};

use crate::graph::{self, kind_colour};
use crate::plan;

/// A quoted label: `"…"` with `"` and `#` as Mermaid entity codes, `<`/`>` as HTML entities.
fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("#quot;"),
            '#' => s.push_str("#35;"),
            '<' => s.push_str("#lt;"),
            '>' => s.push_str("#gt;"),
            '\n' | '\r' => s.push(' '),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn arrow(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::S2s | LinkKind::P2s => "-.-",
        LinkKind::V2v | LinkKind::Er => "===",
        LinkKind::Peering => "---",
    }
}

fn class(node: &Node) -> &'static str {
    match node {
        Node::Vnet(_) => "vnet",
        Node::Site(_) => "site",
        Node::Users(_) => "users",
    }
}

/// Writes the Mermaid text of `design`.
pub(crate) fn write(design: &Design, estimate: &Estimate) -> String {
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut taken = HashSet::new();
    let mut id_of = |name: &str| -> String {
        let base = format!("n_{}", plan::identifier(name, ""));
        let mut id = base.clone();
        let mut n = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    };
    let mut out = String::from("flowchart LR\n");
    let mut classes: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for g in graph::groups(design) {
        let _ = writeln!(
            out,
            "  subgraph g_{}[{}]",
            plan::identifier(&g.key, ""),
            quoted(&g.label)
        );
        for n in g.nodes {
            let id = id_of(n.name());
            let lines: Vec<String> = graph::node_lines(n).iter().map(|l| quoted(l)).collect();
            let label: Vec<&str> = lines.iter().map(|q| &q[1..q.len() - 1]).collect();
            let _ = writeln!(out, "    {id}[\"{}\"]", label.join("<br/>"));
            classes.entry(class(n)).or_default().push(id.clone());
            ids.insert(n.name(), id);
        }
        out.push_str("  end\n");
    }
    let mut by_kind: BTreeMap<LinkKind, Vec<usize>> = BTreeMap::new();
    let mut index = 0;
    for (l, text) in graph::labelled_links(design, estimate) {
        // A link to a node the design lacks has nothing to attach to.
        let (Some(a), Some(b)) = (ids.get(l.a.as_str()), ids.get(l.b.as_str())) else {
            continue;
        };
        let _ = writeln!(out, "  {a} {}|{}| {b}", arrow(l.kind), quoted(&text));
        by_kind.entry(l.kind).or_default().push(index);
        index += 1;
    }
    for (kind, indexes) in by_kind {
        let list: Vec<String> = indexes.iter().map(ToString::to_string).collect();
        let _ = writeln!(
            out,
            "  linkStyle {} stroke:{},stroke-width:2px,color:{}",
            list.join(","),
            kind_colour(kind),
            kind_colour(kind)
        );
    }
    out.push_str("  classDef vnet fill:#e6f2fb,stroke:#0078d4\n");
    out.push_str("  classDef site fill:#fdf0e1,stroke:#ca5010\n");
    out.push_str("  classDef users fill:#f0e9f7,stroke:#8764b8\n");
    for (class, members) in classes {
        let _ = writeln!(out, "  class {} {class}", members.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_carry_a_raw_quote() {
        assert_eq!(quoted("a\"b#c<d>"), "\"a#quot;b#35;c#lt;d#gt;\"");
    }
}
