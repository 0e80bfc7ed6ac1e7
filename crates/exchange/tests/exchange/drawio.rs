//! The draw.io file's geometry read back with `roxmltree`: links between the same two nodes drawn
//! apart (each on its own orthogonal path, from its own ports, no segment shared), and the legend
//! beside the diagram, clear of every node and frame, with each link kind's line as its edges are
//! styled.

use std::collections::BTreeMap;

use roxmltree::{Document, Node};
use vnetsketch_exchange::Format;
use vnetsketch_model::{Design, Edit, LinkKind};

use crate::support::{designs, exported, script};

/// `(x, y, width, height)` in pixels.
type Px = (f64, f64, f64, f64);
/// A point in pixels.
type Pt = (f64, f64);
/// Edges by the pair of vertices they join: each edge's id and path.
type Pairs<'a> = BTreeMap<(&'a str, &'a str), Vec<(&'a str, Vec<Pt>)>>;

/// A number attribute of `node`.
fn num(node: Node<'_, '_>, name: &str) -> Option<f64> {
    node.attribute(name)
        .map(|v| v.parse().unwrap_or_else(|e| panic!("{name}={v}: {e}")))
}

/// A number in a draw.io style string (`exitX=0.3;`).
fn style_num(style: &str, key: &str) -> Option<f64> {
    style.split(';').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| v.parse().unwrap_or_else(|e| panic!("{key}={v}: {e}")))
    })
}

/// The file's cells by id.
fn cells<'a, 'i>(doc: &'a Document<'i>) -> BTreeMap<&'a str, Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("mxCell"))
        .map(|n| (n.attribute("id").expect("id"), n))
        .collect()
}

/// A cell's `mxGeometry`.
fn geometry<'a, 'i>(cell: Node<'a, 'i>) -> Node<'a, 'i> {
    cell.children()
        .find(|n| n.has_tag_name("mxGeometry"))
        .expect("mxGeometry")
}

/// A vertex's rectangle on the page (a child's geometry is relative to its parent's).
fn rect(cells: &BTreeMap<&str, Node<'_, '_>>, id: &str) -> Px {
    let cell = cells[id];
    let geo = geometry(cell);
    let own = (
        num(geo, "x").unwrap_or(0.0),
        num(geo, "y").unwrap_or(0.0),
        num(geo, "width").expect("width"),
        num(geo, "height").expect("height"),
    );
    match cell.attribute("parent") {
        Some(parent) if parent != "1" => {
            let (px, py, _, _) = rect(cells, parent);
            (px + own.0, py + own.1, own.2, own.3)
        }
        _ => own,
    }
}

/// An edge's path as draw.io draws it when the edge names its ports: the exit port on the source,
/// the waypoints, the entry port on the target. `None` for an edge left to draw.io's routing.
fn path(cells: &BTreeMap<&str, Node<'_, '_>>, edge: Node<'_, '_>) -> Option<Vec<Pt>> {
    let style = edge.attribute("style").expect("style");
    let port = |end: &str, x: &str, y: &str| -> Option<Pt> {
        let (vx, vy, vw, vh) = rect(cells, edge.attribute(end).expect("an end"));
        Some((vx + style_num(style, x)? * vw, vy + style_num(style, y)? * vh))
    };
    let exit = port("source", "exitX", "exitY")?;
    let entry = port("target", "entryX", "entryY").expect("an edge with an exit has an entry");
    let points = geometry(edge)
        .descendants()
        .filter(|n| n.has_tag_name("mxPoint"))
        .map(|p| (num(p, "x").expect("x"), num(p, "y").expect("y")));
    Some(std::iter::once(exit).chain(points).chain([entry]).collect())
}

/// Whether two pixel figures are the same (ports are written as fractions of three decimals: a
/// few hundredths of a pixel off).
fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.1
}

/// Whether two axis-parallel segments share more than a point.
fn overlap(a: (Pt, Pt), b: (Pt, Pt)) -> bool {
    let span = |p: f64, q: f64| (p.min(q), p.max(q));
    let shared = |(a0, a1): (f64, f64), (b0, b1): (f64, f64)| a0.max(b0) + 0.1 < a1.min(b1);
    let (ax, ay, bx, by) = (
        span(a.0.0, a.1.0),
        span(a.0.1, a.1.1),
        span(b.0.0, b.1.0),
        span(b.0.1, b.1.1),
    );
    (near(ax.0, ax.1) && near(bx.0, bx.1) && near(ax.0, bx.0) && shared(ay, by))
        || (near(ay.0, ay.1) && near(by.0, by.1) && near(ay.0, by.0) && shared(ax, bx))
}

#[test]
fn links_between_the_same_two_nodes_are_drawn_apart() {
    let mut design = script(
        "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
         gateway hub vpn VpnGw2AZ\ngateway hub er ErGw1AZ\n\
         vnet other 10.1.0.0/16 region=westeurope\nsubnet other GatewaySubnet 10.1.255.0/27\ngateway other vpn VpnGw1AZ\n\
         vnet spoke 10.2.0.0/16 region=westeurope\n\
         site office 192.168.0.0/24 ip=203.0.113.1 circuit=1000\n\
         link s2s hub office\nlink er hub office\nlink s2s hub office\n\
         link v2v hub other\nlink peering other hub\nlink peering hub spoke",
    );
    design.apply(&Edit::Layout { names: Vec::new() }).expect("layout");
    let text = exported(&design, Format::Drawio);
    let doc = Document::parse(&text).expect("XML");
    let cells = cells(&doc);
    let mut pairs = Pairs::new();
    for (id, edge) in cells.iter().filter(|(id, _)| id.starts_with("link-")) {
        let (s, t) = (
            edge.attribute("source").expect("source"),
            edge.attribute("target").expect("target"),
        );
        assert!(
            cells.contains_key(s) && cells.contains_key(t),
            "{id}: {s} -> {t} join vertices"
        );
        let key = (s.min(t), s.max(t));
        match path(&cells, *edge) {
            Some(p) => pairs.entry(key).or_default().push((id, p)),
            None => assert_eq!(key, ("node-hub", "node-spoke"), "only a link alone is left to draw.io"),
        }
    }
    let counts: Vec<_> = pairs.iter().map(|(k, v)| (*k, v.len())).collect();
    assert_eq!(
        counts,
        [(("node-hub", "node-office"), 3), (("node-hub", "node-other"), 2)]
    );
    for ((a, b), edges) in &pairs {
        for (id, p) in edges {
            assert!(
                p.windows(2).all(|w| near(w[0].0, w[1].0) || near(w[0].1, w[1].1)),
                "{id}: orthogonal: {p:?}"
            );
            for end in [a, b] {
                let (x, y, w, h) = rect(&cells, end);
                let inside = |q: &Pt| q.0 > x && q.0 < x + w && q.1 > y && q.1 < y + h;
                assert!(!p.iter().any(inside), "{id}: a waypoint inside {end}: {p:?}");
            }
        }
        for (i, (id, p)) in edges.iter().enumerate() {
            for (other, q) in &edges[i + 1..] {
                for s in p.windows(2) {
                    for t in q.windows(2) {
                        assert!(
                            !overlap((s[0], s[1]), (t[0], t[1])),
                            "{id} and {other} share a segment: {p:?} {q:?}"
                        );
                    }
                }
                let same = |x: &Pt, y: &Pt| near(x.0, y.0) && near(x.1, y.1);
                assert!(
                    !p.iter().any(|x| q.iter().any(|y| same(x, y))),
                    "{id} and {other} share a point: {p:?} {q:?}"
                );
            }
        }
        // Their labels sit at different places along the pair.
        let mut along: Vec<String> = edges
            .iter()
            .map(|(id, _)| {
                let edge = cells[id];
                let x = num(geometry(edge), "x").expect("a label place");
                let from_a = if edge.attribute("source") == Some(a) { x } else { -x };
                format!("{from_a:.3}")
            })
            .collect();
        along.sort();
        along.dedup();
        assert_eq!(along.len(), edges.len(), "{a} {b}: labels {along:?}");
    }
}

#[test]
fn the_legend_shows_every_link_kind_beside_the_diagram() {
    for (name, design) in designs() {
        let mut design: Design = design;
        design.apply(&Edit::Layout { names: Vec::new() }).expect("layout");
        let text = exported(&design, Format::Drawio);
        let doc = Document::parse(&text).expect("XML");
        let cells = cells(&doc);
        let legend = rect(&cells, "legend");
        let model = doc
            .descendants()
            .find(|n| n.has_tag_name("mxGraphModel"))
            .expect("model");
        let page = (
            num(model, "pageWidth").expect("w"),
            num(model, "pageHeight").expect("h"),
        );
        assert!(
            legend.0 + legend.2 <= page.0 && legend.1 + legend.3 <= page.1,
            "{name}: {legend:?} on {page:?}"
        );
        for (id, cell) in &cells {
            if cell.attribute("parent") == Some("1") && cell.attribute("vertex") == Some("1") && *id != "legend" {
                let r = rect(&cells, id);
                let apart = r.0 + r.2 <= legend.0
                    || legend.0 + legend.2 <= r.0
                    || r.1 + r.3 <= legend.1
                    || legend.1 + legend.3 <= r.1;
                assert!(apart, "{name}: {id} {r:?} under the legend {legend:?}");
            }
        }
        for kind in LinkKind::ALL {
            let text = cells[format!("legend-{}", kind.as_str()).as_str()];
            assert!(
                text.attribute("value").expect("value").starts_with(kind.label()),
                "{name}"
            );
            let line = cells[format!("legend-{}-line", kind.as_str()).as_str()];
            assert_eq!(line.attribute("edge"), Some("1"));
            let (x, y, w, h) = legend;
            for p in geometry(line).children().filter(|n| n.has_tag_name("mxPoint")) {
                let (px, py) = (x + num(p, "x").expect("x"), y + num(p, "y").expect("y"));
                assert!(
                    px > x && px < x + w && py > y && py < y + h,
                    "{name}: {kind:?} line inside the legend"
                );
            }
            // As the diagram's edges of that kind are drawn (theirs may add their ports).
            let sample = line.attribute("style").expect("style");
            for l in design.links().iter().filter(|(_, l)| l.kind == kind) {
                let edge = cells[format!("link-{}", l.0.0).as_str()];
                assert!(
                    edge.attribute("style").expect("style").starts_with(sample),
                    "{name}: {kind:?}"
                );
            }
        }
        for severity in ["error", "warning", "info"] {
            let dot = cells[format!("legend-{severity}").as_str()];
            assert_eq!(dot.attribute("value"), Some(severity), "{name}");
            assert!(dot.attribute("style").expect("style").contains("fillColor=#"), "{name}");
        }
    }
}
