//! What the analysis of an edit costs on a generated design, the way the TUI brings it up to date
//! (`vnetsketch_model::analysis::reanalyze`): `cargo run --release --example edittime [VNETS] [KIND]
//! [RUNS]`, KIND one of `uplink` (a site's uplink), `region` (a hub's region), `sku` (a hub's VPN
//! SKU: the full analysis). Each run sets the property to the other of two values and prints the
//! time of `changed` + `reanalyze`; for callgrind, toggle on `*reanalyze*`.

use std::time::Instant;
use vnetsketch_model::analysis::{analyze, changed, reanalyze};
use vnetsketch_model::{Edit, Prop};

fn main() {
    let mut args = std::env::args().skip(1);
    let vnets = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let kind = args.next().unwrap_or_else(|| "uplink".into());
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let mut design = vnetsketch_model::generate::generate(vnets, 1);
    let names: Vec<String> = design.nodes().keys().cloned().collect();
    let first = |prefix: &str| {
        names
            .iter()
            .find(|n| n.starts_with(prefix))
            .cloned()
            .unwrap_or_default()
    };
    let (node, key, values) = match kind.as_str() {
        "uplink" => (first("branch-"), "uplink", ["150", "250"]),
        "region" => (first("hub-"), "region", ["westeurope", "northeurope"]),
        "sku" => (first("hub-"), "vpn-sku", ["VpnGw2AZ", "VpnGw3AZ"]),
        other => {
            eprintln!("edittime: unknown kind {other}: uplink, region or sku");
            std::process::exit(2);
        }
    };
    let mut analysis = analyze(&design);
    for run in 0..runs {
        let edit = Edit::Set {
            name: node.clone(),
            props: vec![Prop::new(key, values[run % 2])],
        };
        let change = match design.apply(&edit) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("edittime: {e}");
                std::process::exit(1);
            }
        };
        let t = Instant::now();
        let what = changed(&change, &design);
        analysis = reanalyze(&design, analysis, what);
        println!(
            "{kind} {node}={}: {:.2} ms ({what:?}), {} findings",
            values[run % 2],
            t.elapsed().as_secs_f64() * 1e3,
            analysis.report.findings.len()
        );
    }
}
