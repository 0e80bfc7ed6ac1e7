//! The design as a diagrams.net (draw.io) file: an uncompressed `mxfile` > `diagram` > `mxGraphModel`
//! > `root` that opens as an editable diagram.
//!
//! - **Nodes** are vertices drawn with draw.io's own Azure shape library (its "Azure" palette,
//!   `img/lib/azure2/…`): a VNet is *Virtual Networks*, a site *Local Network Gateways* (or
//!   *ExpressRoute Circuits* when it has a circuit and no VPN device), a user group *Users*. The style
//!   strings are the library's, as `src/main/webapp/js/diagramly/sidebar/Sidebar-Azure2.js` of
//!   jgraph/drawio writes them (`aspect=fixed;html=1;points=[];align=center;image;fontSize=12;image=img/lib/azure2/…`),
//!   with the label put below the icon. Each node's vertex has the id `node-NAME` and a `value` that
//!   starts with its name, then its prefixes and, when findings name it, their count and the worst
//!   severity.
//! - **Gateways** are drawn where they belong: a VNet's VPN and ExpressRoute gateways are small
//!   *Virtual Network Gateways* vertices inside the VNet's vertex (children: they move with it),
//!   labelled with their SKU; a site's circuit is an *ExpressRoute Circuits* child labelled with its
//!   bandwidth. Links join the nodes, not these children, so a link stays a link between two nodes.
//! - **Positions** are the design's: the icon sits at the top middle of where the canvas draws the
//!   node's box ([`node_box`] at full zoom, 8 × 16 pixels a cell, as the SVG).
//! - **Links** are edges with `source` and `target`, id `link-N`, styled per kind with the SVG's
//!   colours and dashes and labelled as the canvas labels them ([`link_labels`]). Their routes are left
//!   to draw.io's orthogonal edge style, so an edge follows its nodes when they are moved; edges
//!   between the same two nodes each get a lane of their own ([`lanes`]), or draw.io would draw them
//!   on top of each other.
//! - **Frames** (regions, on-premises, remote users) are dashed rectangles behind the nodes.
//! - **The legend** ([`legend`]), right of the diagram: each link kind's line and name, what a
//!   label says, the findings' colours.

mod lanes;
mod legend;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use vnetsketch_model::design::Node;
use vnetsketch_model::diagram::style::{link_color, link_labels, severity_color};
use vnetsketch_model::diagram::{LineStyle, Rect, frames, node_box};
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::Report;
use vnetsketch_model::{Design, LinkId, LinkKind};

use lanes::Px;

use crate::picture::{Badge, CELL_H, CELL_W, badges, escape, px};

/// The style of draw.io's Azure library shapes, up to the image's path (Sidebar-Azure2.js, `s`).
const AZURE_STYLE: &str = "aspect=fixed;html=1;points=[];align=center;image;fontSize=12;image=img/lib/azure2/";
/// The image paths used, under `img/lib/azure2/`.
pub const SHAPES: [&str; 5] = [
    "networking/Virtual_Networks.svg",
    "networking/Virtual_Network_Gateways.svg",
    "networking/Local_Network_Gateways.svg",
    "networking/ExpressRoute_Circuits.svg",
    "identity/Users.svg",
];

/// A shape: its image (an entry of [`SHAPES`]) and its size in pixels.
#[derive(Clone, Copy)]
struct Shape {
    image: &'static str,
    w: f64,
    h: f64,
}

// Sizes keep the library's aspect ratios (Sidebar-Azure2.js: r × 0.1675 by r × 0.1, and so on).
const VNET: Shape = Shape::new(SHAPES[0], 67.0, 40.0);
const GATEWAY: Shape = Shape::new(SHAPES[1], 15.0, 20.0);
const SITE: Shape = Shape::new(SHAPES[2], 40.0, 40.0);
const CIRCUIT: Shape = Shape::new(SHAPES[3], 40.0, 36.6);
const CIRCUIT_SMALL: Shape = Shape::new(SHAPES[3], 22.0, 20.1);
const USERS: Shape = Shape::new(SHAPES[4], 36.6, 40.0);

impl Shape {
    const fn new(image: &'static str, w: f64, h: f64) -> Shape {
        Shape { image, w, h }
    }
}

/// Writes `design` as an uncompressed draw.io file.
pub(crate) fn write(design: &Design, report: &Report, estimate: &Estimate) -> String {
    let labels = link_labels(design, estimate, report);
    let frames = frames(design);
    let badges = badges(report);
    let bounds = design
        .nodes()
        .values()
        .map(|n| node_box(n).rect)
        .chain(frames.iter().map(|f| f.rect))
        .fold(Rect::default(), |a, b| a.union(&b))
        .inflate(1, 1);
    let (ox, oy) = (i64::from(bounds.x), i64::from(bounds.y));
    let at = |x: i32, y: i32| {
        (
            ((i64::from(x) - ox) * i64::from(CELL_W)) as f64,
            ((i64::from(y) - oy) * i64::from(CELL_H)) as f64,
        )
    };

    let mut out = String::with_capacity(1024 + design.nodes().len() * 700 + design.links().len() * 400);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mxfile host=\"vnetsketch\">\n");
    out.push_str("  <diagram id=\"vnetsketch\" name=\"Network design\">\n");
    let (pw, ph) = (
        f64::from(bounds.w) * f64::from(CELL_W),
        f64::from(bounds.h) * f64::from(CELL_H),
    );
    // The legend right of the diagram, its top a row down; the page holds both.
    let legend_at = (pw + legend::GAP, f64::from(CELL_H));
    let (pw, ph) = (
        legend_at.0 + legend::SIZE.0 + legend::GAP,
        ph.max(legend_at.1 + legend::SIZE.1 + legend::GAP),
    );
    out.push_str("    <mxGraphModel grid=\"1\" gridSize=\"8\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"1\" pageScale=\"1\" pageWidth=\"");
    px(&mut out, pw);
    out.push_str("\" pageHeight=\"");
    px(&mut out, ph);
    out.push_str("\" math=\"0\" shadow=\"0\">\n      <root>\n        <mxCell id=\"0\"/>\n        <mxCell id=\"1\" parent=\"0\"/>\n");

    for (i, f) in frames.iter().enumerate() {
        let (x, y) = at(f.rect.x, f.rect.y);
        let geometry = (
            x + f64::from(CELL_W) / 2.0,
            y + f64::from(CELL_H) / 2.0,
            f64::from(f.rect.w - 1) * f64::from(CELL_W),
            f64::from(f.rect.h - 1) * f64::from(CELL_H),
        );
        // Not HTML: a region is free text in a design file, shown as written.
        let style = "rounded=1;arcSize=2;fillColor=none;dashed=1;strokeColor=#8c8c8c;verticalAlign=top;align=left;spacingLeft=8;fontStyle=1;fontColor=#444444;";
        vertex(&mut out, &format!("frame-{i}"), &escape(&f.label), style, "1", geometry);
    }
    // Where each node's icon is.
    let icon = |node: &Node| {
        let b = node_box(node);
        let (x, y) = at(b.rect.x, b.rect.y);
        let box_w = f64::from(b.rect.w) * f64::from(CELL_W);
        let shape = icon_of(node);
        (x + (box_w - shape.w) / 2.0, y, shape.w, shape.h)
    };
    for (name, node) in design.nodes() {
        write_node(&mut out, name, node, icon(node), badges.get(name.as_str()).copied());
    }
    let lanes = parallel(design, icon);
    for (id, link) in design.links() {
        let mut style = edge_style(link.kind);
        let lane = lanes.get(id);
        if let Some(lane) = lane {
            lane.style(&mut style);
        }
        let label = labels.get(id).map_or(link.kind.as_str(), String::as_str);
        let _ = writeln!(
            out,
            "        <mxCell id=\"link-{}\" value=\"{}\" style=\"{style}\" edge=\"1\" parent=\"1\" source=\"node-{}\" target=\"node-{}\">",
            id.0,
            escape(label),
            escape(&link.a),
            escape(&link.b)
        );
        match lane {
            Some(lane) => lane.geometry(&mut out),
            None => out.push_str("          <mxGeometry relative=\"1\" as=\"geometry\"/>\n"),
        }
        out.push_str("        </mxCell>\n");
    }
    legend::write(&mut out, legend_at);
    out.push_str("      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n");
    out
}

/// The links between the same two nodes, each with its lane (a link alone between its nodes has
/// none: draw.io routes it freely). `icon` is where a node's icon is.
fn parallel(design: &Design, icon: impl Fn(&Node) -> Px) -> BTreeMap<LinkId, lanes::Lane> {
    let mut pairs: BTreeMap<(&str, &str), Vec<LinkId>> = BTreeMap::new();
    for (id, link) in design.links() {
        let (a, b) = (link.a.as_str(), link.b.as_str());
        pairs.entry((a.min(b), a.max(b))).or_default().push(*id);
    }
    let mut out = BTreeMap::new();
    for ((p, q), ids) in pairs.into_iter().filter(|(_, ids)| ids.len() > 1) {
        let (Some(pn), Some(qn)) = (design.node(p), design.node(q)) else {
            continue;
        };
        let (pi, qi) = (icon(pn), icon(qn));
        for (k, id) in ids.iter().enumerate() {
            let reversed = design.links().get(id).is_some_and(|l| l.a != p);
            out.insert(*id, lanes::lane(pi, qi, k, ids.len(), reversed));
        }
    }
    out
}

/// A node's icon: a VNet's, a site's (an ExpressRoute circuit's when it has a circuit and no device
/// address), a user group's.
fn icon_of(node: &Node) -> Shape {
    match node {
        Node::Vnet(_) => VNET,
        Node::Site(s) if s.circuit.is_some() && s.ip.is_none() => CIRCUIT,
        Node::Site(_) => SITE,
        Node::Users(_) => USERS,
    }
}

/// A node's vertex (its icon, `(x, y, width, height)` in pixels, at the top middle of its box) and
/// its gateways' or circuit's children.
fn write_node(out: &mut String, name: &str, node: &Node, icon: Px, badge: Option<Badge>) {
    let [_, prefixes, details] = node_box(node).lines;
    let shape = icon_of(node);
    // The label's line under the prefixes, and the children with their labels.
    let (extra, children): (Option<String>, Vec<(Shape, String)>) = match node {
        Node::Vnet(v) => {
            let vpn = v.vpn.as_ref().map(|g| (GATEWAY, format!("vpn {}", g.sku)));
            let er = v.er.as_ref().map(|g| (GATEWAY, format!("er {}", g.sku)));
            (None, vpn.into_iter().chain(er).collect())
        }
        Node::Site(s) => match (&s.circuit, s.ip) {
            (Some(c), Some(ip)) => (Some(ip.to_string()), vec![(CIRCUIT_SMALL, format!("ER {}M", c.mbps))]),
            _ => (Some(details), Vec::new()),
        },
        Node::Users(_) => (Some(details), Vec::new()),
    };
    let mut value = escape(name);
    for line in std::iter::once(&prefixes).chain(&extra) {
        value.push_str("&lt;br&gt;");
        value.push_str(&escape(line));
    }
    if let Some(b) = badge {
        let _ = write!(
            value,
            "&lt;br&gt;&lt;font color=&quot;{}&quot;&gt;{} finding{}, worst: {}&lt;/font&gt;",
            severity_color(b.worst).hex(),
            b.count,
            if b.count == 1 { "" } else { "s" },
            b.worst.as_str()
        );
    }
    let id = format!("node-{}", escape(name));
    let style = format!(
        "{AZURE_STYLE}{};verticalLabelPosition=bottom;verticalAlign=top;",
        shape.image
    );
    vertex(out, &id, &value, &style, "1", icon);
    // Children sit right of the icon, one under the other; their geometry is relative to it.
    for (i, (child, label)) in children.iter().enumerate() {
        let style = format!(
            "{AZURE_STYLE}{};labelPosition=right;verticalLabelPosition=middle;align=left;verticalAlign=middle;fontSize=10;",
            child.image
        );
        let kind = if child.image == CIRCUIT_SMALL.image {
            "circuit"
        } else {
            "gateway"
        };
        let geometry = (shape.w + 4.0, i as f64 * (child.h + 2.0), child.w, child.h);
        vertex(out, &format!("{id}-{kind}-{i}"), &escape(label), &style, &id, geometry);
    }
}

/// Writes a vertex `mxCell` with its geometry `(x, y, width, height)`; `value` and `id` are escaped.
fn vertex(out: &mut String, id: &str, value: &str, style: &str, parent: &str, (x, y, w, h): (f64, f64, f64, f64)) {
    let _ = write!(
        out,
        "        <mxCell id=\"{id}\" value=\"{value}\" style=\"{style}\" vertex=\"1\" parent=\"{parent}\">\n          <mxGeometry x=\""
    );
    px(out, x);
    out.push_str("\" y=\"");
    px(out, y);
    out.push_str("\" width=\"");
    px(out, w);
    out.push_str("\" height=\"");
    px(out, h);
    out.push_str("\" as=\"geometry\"/>\n        </mxCell>\n");
}

/// An edge's style: the link kind's colour, width and dashes (as in the SVG), no arrows, routed by
/// draw.io's orthogonal edge style, its label on a white background in the kind's colour.
fn edge_style(kind: LinkKind) -> String {
    let line = LineStyle::of(kind);
    let colour = link_color(kind).hex();
    let mut style = format!(
        "edgeStyle=orthogonalEdgeStyle;rounded=0;html=1;endArrow=none;startArrow=none;strokeColor={colour};strokeWidth={};fontColor={colour};fontSize=10;labelBackgroundColor=#ffffff;",
        line.svg_stroke_width()
    );
    if let Some(dash) = line.svg_dasharray() {
        let _ = write!(style, "dashed=1;dashPattern={dash};fixDash=1;");
    }
    style
}

#[cfg(test)]
mod tests {
    use super::*;
    use vnetsketch_model::analysis::analyze;

    #[test]
    fn nodes_are_azure_shapes_and_links_are_styled_edges() {
        let mut d = Design::default();
        vnetsketch_model::run_script(
            &mut d,
            "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
             gateway hub vpn VpnGw1AZ\ngateway hub er ErGw1AZ\nsite office 192.168.0.0/24 ip=203.0.113.1 circuit=1000\n\
             users remote 172.16.0.0/24 clients=50\nlink s2s hub office\nlink p2s hub remote\nlayout",
        )
        .expect("script");
        let a = analyze(&d);
        let x = write(&d, &a.report, &a.estimate);
        assert!(
            x.contains("<mxCell id=\"node-hub\" value=\"hub&lt;br&gt;10.0.0.0/16"),
            "{x}"
        );
        assert!(x.contains("image=img/lib/azure2/networking/Virtual_Networks.svg;"));
        assert!(x.contains("id=\"node-hub-gateway-1\" value=\"er ErGw1AZ\""), "{x}");
        assert!(x.contains("parent=\"node-hub\""), "gateways move with their VNet");
        assert!(x.contains("id=\"node-office-circuit-0\" value=\"ER 1000M\""), "{x}");
        assert!(x.contains("image=img/lib/azure2/identity/Users.svg;"));
        assert!(x.contains("source=\"node-hub\" target=\"node-office\""));
        assert!(x.contains("dashed=1;dashPattern=8 4;"), "s2s is dashed");
        assert!(
            !x.contains("exitX="),
            "a link alone between its nodes is routed by draw.io"
        );
    }
}
