//! One window routing of a laid-out generated design, for instruction counts:
//! `valgrind --tool=callgrind --toggle-collect='*route_window*' target/release/examples/route_probe 1000`;
//! `route_probe 10000 all` routes the whole design instead with the links' labels (as the exports
//! do; `all bare` without) and prints the time and a fingerprint of the routes (equal fingerprints,
//! the same routes and label spots); `route_probe 10000 hub-0008 50` routes the window 50 times more
//! and prints the mean time.

use std::hash::{Hash, Hasher};
use std::time::Instant;

use vnetsketch_model::diagram::{Rect, Scene, Topology};

fn main() {
    let n = std::env::args().nth(1).and_then(|v| v.parse().ok()).unwrap_or(1000);
    let hub = std::env::args().nth(2).unwrap_or_else(|| "hub-0008".to_owned());
    let mut d = vnetsketch_model::generate::generate(n, 1);
    d.apply(&vnetsketch_model::Edit::Layout { names: Vec::new() })
        .expect("a layout applies");
    let topology = Topology::new(&d);
    let scene = Scene::with_topology(&d, &topology);
    if hub == "all" {
        let analysis = vnetsketch_model::analysis::analyze(&d);
        let labels = vnetsketch_model::diagram::style::link_labels(&d, &analysis.estimate, &analysis.report);
        let t = Instant::now();
        let routing = scene.route_all((std::env::args().nth(3).as_deref() != Some("bare")).then_some(&labels));
        let fallbacks = routing.routes.iter().filter(|r| r.fallback).count();
        eprintln!("route all: {:?}", t.elapsed());
        // A fingerprint of every route's points and label spot: equal fingerprints, equal pictures.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for r in &routing.routes {
            r.points.hash(&mut hasher);
            r.label.map(|l| (l.at, l.width, l.on_line)).hash(&mut hasher);
        }
        println!(
            "{} routes, {fallbacks} fallbacks, fingerprint {:016x}",
            routing.routes.len(),
            hasher.finish()
        );
        return;
    }
    let h = scene.rect(&hub).unwrap_or_default();
    let view = Rect {
        x: h.x - 90,
        y: h.y - 10,
        w: 200,
        h: 60,
    };
    let routing = scene.route_window(view, None);
    println!("{} routes", routing.routes.len());
    // `route_probe N HUB R`: route the window R times more and print the mean time.
    if let Some(runs) = std::env::args().nth(3).and_then(|v| v.parse::<u32>().ok()) {
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(scene.route_window(view, None));
        }
        eprintln!("route window: {:?}", t.elapsed() / runs.max(1));
    }
}
