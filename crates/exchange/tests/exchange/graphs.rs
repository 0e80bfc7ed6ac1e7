//! DOT rendered by Graphviz's own `dot`, Mermaid parsed by mermaid's own parser (node), both on every
//! shipped example and a generated design; their escaping on hostile names.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use vnetsketch_exchange::Format;

use crate::support::{designs, exported, script};

/// Runs Graphviz `dot -Tsvg` on `text`; the SVG, or a panic with what dot said.
fn dot_svg(name: &str, text: &str) -> String {
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("Graphviz `dot` is needed for this test and could not be run ({e}): install it (Debian: apt-get install graphviz)")
        });
    child
        .stdin
        .take()
        .expect("test data")
        .write_all(text.as_bytes())
        .expect("test data");
    let out = child.wait_with_output().expect("test data");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name}: dot refused the export: {stderr}\n{text}");
    assert!(stderr.trim().is_empty(), "{name}: dot warned: {stderr}");
    String::from_utf8(out.stdout).expect("test data")
}

#[test]
fn graphviz_renders_every_example() {
    for (name, design) in designs() {
        let svg = dot_svg(&name, &exported(&design, Format::Dot));
        assert!(svg.contains("<svg"), "{name}: no SVG");
        for v in design.vnets() {
            // Graphviz writes `-` in SVG titles as `&#45;`.
            let title = format!("<title>{}</title>", v.name.replace('-', "&#45;"));
            assert!(svg.contains(&title), "{name}: node {} missing", v.name);
        }
        let clusters = svg.matches("<title>cluster_").count();
        let mut regions: Vec<_> = design.vnets().map(|v| v.region.clone()).collect();
        regions.sort();
        regions.dedup();
        let expected =
            regions.len() + usize::from(design.sites().count() > 0) + usize::from(design.user_groups().count() > 0);
        assert_eq!(
            clusters, expected,
            "{name}: one cluster per region, one for sites, one for users"
        );
    }
}

#[test]
fn dot_links_are_styled_and_labelled_per_kind() {
    let design = script(
        "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ\n\
         vnet spoke 10.1.0.0/16 region=westeurope\nsite office 192.168.0.0/24 ip=203.0.113.1\n\
         link s2s hub office\nlink peering hub spoke\n",
    );
    let text = exported(&design, Format::Dot);
    assert!(text.contains("\"hub\" -- \"office\" [label=\"S2S"), "{text}");
    assert!(text.contains("style=dashed, color=\"#1f77b4\""));
    assert!(text.contains("\"hub\" -- \"spoke\" [label=\"peering\", style=solid"));
    assert!(text.contains("subgraph \"cluster_region-westeurope\""));
    dot_svg("small", &text);
}

/// The folder with the mermaid checker (its `node_modules` from `npm ci`).
fn mermaid_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mermaid")
}

/// Parses each file with mermaid's parser; panics with what it said.
fn mermaid_parse(files: &[PathBuf]) -> String {
    let dir = mermaid_dir();
    assert!(
        dir.join("node_modules/mermaid").is_dir(),
        "mermaid's parser is needed for this test: run `npm ci --prefix {}` (node and the npm registry)",
        dir.display()
    );
    let out = Command::new("node")
        .arg("check.mjs")
        .args(files)
        .current_dir(&dir)
        .output()
        .unwrap_or_else(|e| panic!("node is needed for this test and could not be run: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "mermaid refused: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(format!("{name}.mmd"));
    std::fs::write(&p, text).expect("test data");
    p
}

#[test]
fn mermaid_parses_every_example_as_a_flowchart() {
    let dir = std::env::temp_dir().join(format!("vnetsketch-mermaid-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for (name, design) in designs() {
        let text = exported(&design, Format::Mermaid);
        assert!(text.starts_with("flowchart LR\n"), "{name}");
        for v in design.vnets() {
            assert!(
                text.contains(&format!("n_{}[\"{}<br/>", v.name.replace(['-', '.'], "_"), v.name)),
                "{name}: {}",
                v.name
            );
        }
        files.push(write_temp(&dir, &name, &text));
    }
    // Names that break careless Mermaid: `end`, and ids starting with o or x right after a link.
    let hostile = script(
        "vnet end 10.0.0.0/16 region=end\nvnet o 10.1.0.0/16\nvnet x 10.2.0.0/16\nvnet x.1 10.3.0.0/16\n\
         link peering end o\nlink peering o x\nlink peering x x.1\n",
    );
    let text = exported(&hostile, Format::Mermaid);
    files.push(write_temp(&dir, "hostile", &text));
    let said = mermaid_parse(&files);
    assert_eq!(said.matches("flowchart").count(), files.len(), "{said}");
    // The checker does refuse broken text (so the test above can fail).
    let bad = write_temp(&dir, "bad", "flowchart LR\n  a --> end\n");
    let refused = Command::new("node")
        .arg("check.mjs")
        .arg(&bad)
        .current_dir(mermaid_dir())
        .output()
        .unwrap();
    assert!(!refused.status.success(), "the checker accepted `a --> end`");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn mermaid_styles_links_per_kind() {
    let design = script(
        "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ\n\
         vnet spoke 10.1.0.0/16\nusers staff 172.16.0.0/24 clients=10\nlink p2s hub staff\nlink peering hub spoke\n",
    );
    let text = exported(&design, Format::Mermaid);
    assert!(text.contains("n_hub -.-|\"P2S"), "{text}");
    assert!(text.contains("n_hub ---|\"peering\"| n_spoke"));
    assert!(text.contains("linkStyle 0 stroke:#9467bd"));
    assert!(text.contains("linkStyle 1 stroke:#555555"));
    assert!(text.contains("subgraph g_users[\"Remote users\"]"));
}
