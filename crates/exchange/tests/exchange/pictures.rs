//! The picture exports checked by real tools: every shipped example (laid out first, as
//! `vnetsketch layout` does) and a generated design exported as SVG and as draw.io, both parsed by an
//! XML parser (`roxmltree`) and held to PRODUCT.md's structure; the SVG rendered to PNG by librsvg's
//! `rsvg-convert`; no two node boxes overlapping; draw.io's edges joining existing vertices and its
//! shapes taken from draw.io's own Azure library.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use roxmltree::{Document, Node};
use vnetsketch_exchange::Format;
use vnetsketch_model::{Design, Edit};

use crate::support::{designs, exported};

/// The image paths of draw.io's Azure library the export may use: copied from jgraph/drawio,
/// `src/main/webapp/js/diagramly/sidebar/Sidebar-Azure2.js` (the Identity and Networking palettes,
/// `s + 'Users.svg;'` and so on, `s` being `…image=img/lib/azure2/` plus the palette's folder), each
/// checked to exist as `src/main/webapp/img/lib/azure2/<path>` in that repository.
const DRAWIO_AZURE_LIBRARY: [&str; 5] = [
    "networking/Virtual_Networks.svg",
    "networking/Virtual_Network_Gateways.svg",
    "networking/Local_Network_Gateways.svg",
    "networking/ExpressRoute_Circuits.svg",
    "identity/Users.svg",
];

/// The design laid out, as `vnetsketch layout` writes it.
fn laid_out(mut design: Design) -> Design {
    design
        .apply(&Edit::Layout { names: Vec::new() })
        .expect("a layout applies");
    design
}

/// A link as the pictures name it: (kind, a, b).
fn link_keys(design: &Design) -> BTreeMap<(String, String, String), usize> {
    let mut out = BTreeMap::new();
    for l in design.links().values() {
        *out.entry((l.kind.as_str().to_owned(), l.a.clone(), l.b.clone()))
            .or_default() += 1;
    }
    out
}

/// `(x, y, width, height)` in pixels.
type Px = (f64, f64, f64, f64);

/// The geometry of a `<rect>`.
fn rect_of(node: Node<'_, '_>) -> Px {
    let num = |a: &str| -> f64 {
        node.attribute(a)
            .unwrap_or_else(|| panic!("a rect without {a}"))
            .parse()
            .unwrap_or_else(|e| panic!("{a}: {e}"))
    };
    (num("x"), num("y"), num("width"), num("height"))
}

/// The elements of `doc` named `tag` with `class`.
fn with_class<'a, 'i>(doc: &'a Document<'i>, tag: &'a str, class: &'a str) -> impl Iterator<Item = Node<'a, 'i>> {
    doc.descendants()
        .filter(move |n| n.has_tag_name(tag) && n.attribute("class") == Some(class))
}

/// Checks the SVG's structure against `design`; returns its width and height.
fn check_svg(name: &str, design: &Design, svg: &str) -> (f64, f64) {
    let doc = Document::parse(svg).unwrap_or_else(|e| panic!("{name}: the SVG is not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{name}");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg"),
        "{name}"
    );
    let size = |a: &str| -> f64 { root.attribute(a).and_then(|v| v.parse().ok()).expect("a size") };

    let mut boxes: BTreeMap<String, Px> = BTreeMap::new();
    for g in with_class(&doc, "g", "node") {
        let node = g.attribute("data-name").expect("data-name").to_owned();
        let first = g
            .children()
            .find(|c| c.is_element() && c.tag_name().name() != "title")
            .expect("a node has content");
        assert!(
            first.has_tag_name("rect"),
            "{name}: {node}: the box is the first element"
        );
        assert!(
            boxes.insert(node.clone(), rect_of(first)).is_none(),
            "{name}: {node} twice"
        );
    }
    let expected: BTreeSet<&String> = design.nodes().keys().collect();
    assert_eq!(
        boxes.keys().collect::<BTreeSet<_>>(),
        expected,
        "{name}: every node, once"
    );

    let mut links: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for g in with_class(&doc, "g", "link") {
        let attr = |a: &str| {
            g.attribute(a)
                .unwrap_or_else(|| panic!("{name}: a link without {a}"))
                .to_owned()
        };
        *links
            .entry((attr("data-kind"), attr("data-a"), attr("data-b")))
            .or_default() += 1;
        let path = g
            .children()
            .find(|c| c.has_tag_name("path"))
            .unwrap_or_else(|| panic!("{name}: link {:?} has no route", attr("data-a")));
        assert!(path.attribute("d").is_some_and(|d| d.starts_with('M')), "{name}");
    }
    assert_eq!(links, link_keys(design), "{name}: every link, with its kind and ends");

    let all: Vec<(&String, &Px)> = boxes.iter().collect();
    for (i, (na, a)) in all.iter().enumerate() {
        for (nb, b) in &all[i + 1..] {
            let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
            assert!(apart, "{name}: the boxes of {na} and {nb} overlap: {a:?} {b:?}");
        }
    }
    assert!(with_class(&doc, "g", "legend").count() == 1, "{name}: a legend");
    (size("width"), size("height"))
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("IHDR"));
    (be(16), be(20))
}

/// Renders `svg` with `rsvg-convert`; `None` (with a note) when it is missing outside CI.
fn render(dir: &std::path::Path, name: &str, svg: &str) -> Option<(u32, u32)> {
    let input = dir.join(format!("{name}.svg"));
    let output = dir.join(format!("{name}.png"));
    std::fs::write(&input, svg).expect("test data");
    let run = Command::new("rsvg-convert").arg(&input).arg("-o").arg(&output).output();
    match run {
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("rsvg-convert is needed under CI (Debian: apt-get install librsvg2-bin): {e}")
        }
        Err(e) => {
            eprintln!("note: rsvg-convert could not be run ({e}); the SVG was checked as XML only");
            None
        }
        Ok(out) => {
            assert!(
                out.status.success(),
                "{name}: rsvg-convert refused the SVG: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Some(png_size(&std::fs::read(&output).expect("the PNG")))
        }
    }
}

#[test]
fn every_example_exports_to_an_svg_that_librsvg_renders() {
    let dir = tempfile::tempdir().expect("tmp");
    for (name, design) in designs() {
        let design = laid_out(design);
        let svg = exported(&design, Format::Svg);
        let (w, h) = check_svg(&name, &design, &svg);
        if let Some(png) = render(dir.path(), &name, &svg) {
            assert_eq!(
                png,
                (w.ceil() as u32, h.ceil() as u32),
                "{name}: a PNG of the SVG's size"
            );
        }
    }
}

#[test]
fn the_svg_badges_each_node_with_its_findings() {
    let (name, design) = designs()
        .into_iter()
        .find(|(n, _)| n == "broken")
        .expect("the broken example");
    let design = laid_out(design);
    let a = vnetsketch_model::analysis::analyze(&design);
    let svg = exported(&design, Format::Svg);
    let doc = Document::parse(&svg).expect("XML");
    for g in with_class(&doc, "g", "node") {
        let node = g.attribute("data-name").expect("data-name");
        let named: Vec<_> = a
            .report
            .findings
            .iter()
            .filter(|f| f.nodes.iter().any(|n| n == node))
            .collect();
        let badge = g.children().find(|c| c.attribute("class") == Some("badge"));
        match named.iter().map(|f| f.severity).min() {
            None => assert!(badge.is_none(), "{name}: {node} has no finding"),
            Some(worst) => {
                let badge = badge.unwrap_or_else(|| panic!("{name}: {node} has findings and no badge"));
                assert_eq!(badge.attribute("data-severity"), Some(worst.as_str()), "{node}");
                assert_eq!(
                    badge.attribute("data-count"),
                    Some(named.len().to_string().as_str()),
                    "{node}"
                );
            }
        }
    }
}

#[test]
fn every_example_exports_to_an_editable_drawio_diagram() {
    for (name, design) in designs() {
        let design = laid_out(design);
        let text = exported(&design, Format::Drawio);
        let doc = Document::parse(&text).unwrap_or_else(|e| panic!("{name}: not XML: {e}"));
        let root = doc.root_element();
        assert!(root.has_tag_name("mxfile"), "{name}");
        let model_root = root
            .children()
            .find(|n| n.has_tag_name("diagram"))
            .and_then(|d| d.children().find(|n| n.has_tag_name("mxGraphModel")))
            .and_then(|m| m.children().find(|n| n.has_tag_name("root")))
            .unwrap_or_else(|| panic!("{name}: mxfile > diagram > mxGraphModel > root"));
        let cells: Vec<Node<'_, '_>> = model_root.children().filter(|n| n.has_tag_name("mxCell")).collect();
        let ids: BTreeSet<&str> = cells.iter().filter_map(|c| c.attribute("id")).collect();
        assert_eq!(ids.len(), cells.len(), "{name}: ids are unique");
        let vertices: BTreeMap<&str, &str> = cells
            .iter()
            .filter(|c| c.attribute("vertex") == Some("1"))
            .map(|c| (c.attribute("id").expect("id"), c.attribute("value").unwrap_or("")))
            .collect();
        for node in design.nodes().keys() {
            let value = vertices
                .get(format!("node-{node}").as_str())
                .unwrap_or_else(|| panic!("{name}: no vertex for {node}"));
            assert!(value.starts_with(node.as_str()), "{name}: {node}: {value}");
        }
        let mut ends: BTreeMap<(String, String), usize> = BTreeMap::new();
        for edge in cells.iter().filter(|c| c.attribute("edge") == Some("1")) {
            if edge.attribute("parent") == Some("legend") {
                // The legend's sample lines: inside the legend, attached to nothing.
                assert!(vertices.contains_key("legend"), "{name}");
                assert_eq!(
                    (edge.attribute("source"), edge.attribute("target")),
                    (None, None),
                    "{name}"
                );
                continue;
            }
            let (s, t) = (edge.attribute("source"), edge.attribute("target"));
            let (s, t) = (s.expect("source"), t.expect("target"));
            assert!(
                vertices.contains_key(s) && vertices.contains_key(t),
                "{name}: {s} -> {t}"
            );
            let style = edge.attribute("style").expect("style");
            assert!(style.contains("strokeColor=#"), "{name}: edges are styled per kind");
            assert!(
                !edge.attribute("value").unwrap_or("").is_empty(),
                "{name}: edges are labelled"
            );
            let strip = |id: &str| id.trim_start_matches("node-").to_owned();
            *ends.entry((strip(s), strip(t))).or_default() += 1;
        }
        let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
        for l in design.links().values() {
            *want.entry((l.a.clone(), l.b.clone())).or_default() += 1;
        }
        assert_eq!(ends, want, "{name}: one edge per link, between its ends");
        for c in &cells {
            let style = c.attribute("style").unwrap_or("");
            if let Some(at) = style.find("image=img/lib/azure2/") {
                let path = &style[at + "image=img/lib/azure2/".len()..];
                let path = path.split(';').next().unwrap_or("");
                assert!(
                    DRAWIO_AZURE_LIBRARY.contains(&path),
                    "{name}: {path} is no draw.io Azure shape"
                );
            }
        }
    }
}

#[test]
fn markup_in_a_region_name_stays_text_in_both_pictures() {
    let region = "west<eu> & \"r'";
    let text = std::fs::read_to_string(crate::support::root().join("assets/examples/hub-spoke.ron")).expect("example");
    let text = text.replace("region: Some(\"westeurope\")", "region: Some(\"west<eu> & \\\"r'\")");
    let design = vnetsketch_model::format::load(&text, None).expect("a region is free text in a file");
    assert!(
        design.vnets().any(|v| v.region.as_deref() == Some(region)),
        "the test's region"
    );

    let svg = exported(&design, Format::Svg);
    let doc = Document::parse(&svg).expect("the SVG is XML");
    let frame = with_class(&doc, "g", "frame")
        .find(|g| g.attribute("data-kind") == Some("region"))
        .expect("the region's frame");
    assert_eq!(frame.attribute("data-label"), Some(region));
    let label: String = frame
        .descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(label.trim(), region);

    let drawio = exported(&design, Format::Drawio);
    let doc = Document::parse(&drawio).expect("the draw.io file is XML");
    let frame = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("frame-0"))
        .expect("the region's frame");
    assert_eq!(frame.attribute("value"), Some(region));
    assert!(
        !frame.attribute("style").unwrap_or("").contains("html=1"),
        "shown as text, not HTML"
    );
}
