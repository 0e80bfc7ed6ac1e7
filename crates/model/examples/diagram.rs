//! Prints a laid-out design as plain text, and its quality measures on standard error:
//! `cargo run --release -p vnetsketch-model --example diagram -- FILE.ron [full|compact|overview]`, or
//! `-- generate N [full|compact|overview]` for a generated design of N VNets. A last word `boxes` leaves
//! the links out (how an overview reads best).

use std::time::Instant;

use vnetsketch_model::Design;
use vnetsketch_model::diagram::{self, LayoutOptions, Rect, Scene, Zoom};
use vnetsketch_model::format;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (mut design, rest): (Design, &[String]) = match args.first().map(String::as_str) {
        Some("generate") => {
            let n = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100);
            (vnetsketch_model::generate::generate(n, 1), &args[2.min(args.len())..])
        }
        Some(path) => match std::fs::read_to_string(path).map(|t| format::load(&t, None)) {
            Ok(Ok(d)) => (d, &args[1..]),
            Ok(Err(e)) => return eprintln!("{path}: {e}"),
            Err(e) => return eprintln!("{path}: {e}"),
        },
        None => return eprintln!("usage: diagram FILE.ron [full|compact|overview] | generate N [zoom]"),
    };
    let zoom = match rest.first().map(String::as_str) {
        Some("compact") => Zoom::Compact,
        Some("overview") => Zoom::Overview,
        _ => Zoom::Full,
    };
    let t = Instant::now();
    let placed = diagram::layout(&design, &LayoutOptions::default());
    eprintln!("layout: {:?}", t.elapsed());
    for (name, pos) in &placed.moves {
        let edit = vnetsketch_model::Edit::Move {
            name: name.clone(),
            pos: *pos,
        };
        design.apply(&edit).expect("a move applies");
    }
    let analysis = vnetsketch_model::analysis::analyze(&design);
    let labels = diagram::style::link_labels(&design, &analysis.estimate, &analysis.report);
    let scene = Scene::new(&design);
    let t = Instant::now();
    let routing = scene.route_all(Some(&labels));
    eprintln!("route all: {:?}", t.elapsed());
    let view = placed
        .frames
        .iter()
        .map(|f| f.rect)
        .chain((0..scene.len() as u32).filter_map(|i| scene.rect_at(i)))
        .fold(Rect::default(), |a, b| a.union(&b))
        .inflate(1, 1);
    // A last word `boxes` leaves the links out (how an overview reads best).
    let shown = if rest.iter().any(|w| w == "boxes") {
        diagram::Routing::default()
    } else {
        routing.clone()
    };
    print!(
        "{}",
        diagram::text::render(&scene, &shown, &placed.frames, Some(&labels), view, zoom)
    );
    eprintln!("{:?}", diagram::quality::measure(&scene, &routing));
}
