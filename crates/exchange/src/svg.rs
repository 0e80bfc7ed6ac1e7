//! The design as an SVG picture: what the canvas draws, drawn once for a document.
//!
//! Everything comes from the model's diagram engine, so the picture shows what the canvas shows:
//! node positions from the design, each box from [`node_box`] at full zoom (its text cut as the canvas
//! cuts it), the links routed by the model's router over the whole design ([`Scene::route_all`]) with
//! their labels ([`link_labels`]: kind and estimated throughput, `!` on an error) at the router's label
//! spots, the region and band frames ([`frames`]) with their labels where no route passes, each
//! node's finding badge (its worst severity and how many findings name it, from the `Report`), and a
//! legend of the link kinds' line styles and colours and of the severities' colours.
//!
//! World cells map to pixels by a fixed scale ([`CELL_W`] × [`CELL_H`]); a route runs through the
//! middle of its cells and meets its boxes at their edges. Text is monospace, one cell a character.
//!
//! Structure (PRODUCT.md's contract, which tests check with an XML parser): each node is
//! `<g class="node" data-name="NAME">` whose first `<rect>` is its box; each link is
//! `<g class="link" data-kind="KIND" data-a="A" data-b="B">` holding its `<path>` (none when an end is
//! missing) and its label. Frames are `<g class="frame">`, the legend `<g class="legend">`.

mod legend;

use std::fmt::Write as _;

use vnetsketch_model::design::{Node, NodeKind, Pos};
use vnetsketch_model::diagram::style::{link_color, link_labels, severity_color};
use vnetsketch_model::diagram::{
    Frame, FrameKind, LineStyle, Rect, Route, Routing, Scene, Side, Zoom, frames, node_box,
};
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::Report;
use vnetsketch_model::{Design, Link};

use crate::picture::{Badge, CELL_H, CELL_W, badges, escape, escape_into, px};

/// The monospace font stack the text is set in.
const FONT: &str = "DejaVu Sans Mono, Menlo, Consolas, monospace";
/// The font size, in pixels: one character takes about one cell ([`CELL_W`]).
const FONT_SIZE: i32 = 13;

/// Maps world cells to pixels, the picture's top-left cell at the origin.
#[derive(Clone, Copy)]
struct Px {
    origin: Pos,
}

impl Px {
    /// The left edge of column `x`.
    fn x(self, x: i32) -> f64 {
        f64::from(CELL_W) * (i64::from(x) - i64::from(self.origin.x)) as f64
    }
    /// The top edge of row `y`.
    fn y(self, y: i32) -> f64 {
        f64::from(CELL_H) * (i64::from(y) - i64::from(self.origin.y)) as f64
    }
    /// The middle of cell `p`.
    fn mid(self, p: Pos) -> (f64, f64) {
        (
            self.x(p.x) + f64::from(CELL_W) / 2.0,
            self.y(p.y) + f64::from(CELL_H) / 2.0,
        )
    }
    /// The baseline of text in row `y`.
    fn baseline(self, y: i32) -> f64 {
        self.y(y) + 12.0
    }
}

/// Writes `design` as a standalone SVG document.
pub(crate) fn write(design: &Design, report: &Report, estimate: &Estimate) -> String {
    let labels = link_labels(design, estimate, report);
    let scene = Scene::new(design);
    let routing = scene.route_all(Some(&labels));
    let frames = frames(design);
    let badges = badges(report);

    let bounds = bounds(design, &routing, &frames);
    let at = Px {
        origin: bounds.origin(),
    };
    let (legend_w, legend_h) = legend::size();
    let width = (f64::from(bounds.w) * f64::from(CELL_W)).max(legend_w);
    let diagram_h = f64::from(bounds.h) * f64::from(CELL_H);
    let height = diagram_h + legend_h;

    let mut out = String::with_capacity(1024 + design.nodes().len() * 900 + design.links().len() * 300);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    px(&mut out, width);
    out.push_str("\" height=\"");
    px(&mut out, height);
    out.push_str("\" viewBox=\"0 0 ");
    px(&mut out, width);
    out.push(' ');
    px(&mut out, height);
    let _ = writeln!(out, "\" font-family=\"{FONT}\" font-size=\"{FONT_SIZE}\">");
    let _ = writeln!(
        out,
        "<title>vnetsketch design: {} nodes, {} links</title>",
        design.nodes().len(),
        design.links().len()
    );
    out.push_str("<rect class=\"background\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

    out.push_str("<g class=\"frames\">\n");
    for f in &frames {
        write_frame(&mut out, at, f, &routing);
    }
    out.push_str("</g>\n<g class=\"links\">\n");
    for (id, link) in design.links() {
        write_link(&mut out, at, &scene, link, routing.route(*id), labels.get(id));
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    for (name, node) in design.nodes() {
        write_node(&mut out, at, node, badges.get(name.as_str()).copied());
    }
    out.push_str("</g>\n");
    legend::write(&mut out, diagram_h);
    out.push_str("</svg>\n");
    out
}

/// The cells the picture covers: every box, frame, route and label, and a free cell around.
fn bounds(design: &Design, routing: &Routing, frames: &[Frame]) -> Rect {
    let boxes = design.nodes().values().map(|n| node_box(n).rect);
    let around = frames.iter().map(|f| f.rect);
    let routed = routing.routes.iter().flat_map(|r| {
        let label = r.label.map(|l| Rect::at(l.at, l.width.max(1), 1));
        r.points.iter().map(|p| Rect::at(*p, 1, 1)).chain(label)
    });
    boxes
        .chain(around)
        .chain(routed)
        .fold(Rect::default(), |a, b| a.union(&b))
        .inflate(1, 1)
}

/// The class word of a frame kind.
fn frame_kind(kind: FrameKind) -> &'static str {
    match kind {
        FrameKind::Region => "region",
        FrameKind::OnPremises => "on-premises",
        FrameKind::Users => "users",
    }
}

/// A frame: a dashed rectangle through the middle of its border cells, its label on the top border
/// where no route passes.
fn write_frame(out: &mut String, at: Px, frame: &Frame, routing: &Routing) {
    let half = (f64::from(CELL_W) / 2.0, f64::from(CELL_H) / 2.0);
    let r = frame.rect;
    let geometry = (
        at.x(r.x) + half.0,
        at.y(r.y) + half.1,
        f64::from(r.w - 1) * f64::from(CELL_W),
        f64::from(r.h - 1) * f64::from(CELL_H),
    );
    let _ = write!(
        out,
        "<g class=\"frame\" data-kind=\"{}\" data-label=\"{}\">",
        frame_kind(frame.kind),
        escape(&frame.label)
    );
    rect(
        out,
        geometry,
        "fill=\"none\" stroke=\"#8c8c8c\" stroke-dasharray=\"6 3\" rx=\"6\"",
    );
    let spot = frame.label_at(routing);
    let text = format!(" {} ", frame.label);
    text_on_white(out, at, spot, &text, "font-weight=\"bold\" fill=\"#444444\"");
    out.push_str("</g>\n");
}

/// A `<rect>` at `(x, y, w, h)` pixels with `attrs`.
fn rect(out: &mut String, (x, y, w, h): (f64, f64, f64, f64), attrs: &str) {
    out.push_str("<rect x=\"");
    px(out, x);
    out.push_str("\" y=\"");
    px(out, y);
    out.push_str("\" width=\"");
    px(out, w.max(0.0));
    out.push_str("\" height=\"");
    px(out, h.max(0.0));
    let _ = write!(out, "\" {attrs}/>");
}

/// Text starting at cell `spot`, one cell a character, over a white band that hides the lines below.
fn text_on_white(out: &mut String, at: Px, spot: Pos, text: &str, attrs: &str) {
    let chars = text.chars().count();
    let w = chars as f64 * f64::from(CELL_W);
    rect(
        out,
        (at.x(spot.x), at.y(spot.y) + 1.0, w, f64::from(CELL_H) - 2.0),
        "fill=\"#ffffff\"",
    );
    text_at(out, at.x(spot.x), at.baseline(spot.y), text, attrs);
}

/// A `<text>` at `(x, baseline)` with `attrs`.
pub(crate) fn text_at(out: &mut String, x: f64, baseline: f64, text: &str, attrs: &str) {
    out.push_str("<text x=\"");
    px(out, x);
    out.push_str("\" y=\"");
    px(out, baseline);
    let _ = write!(out, "\" xml:space=\"preserve\" {attrs}>");
    escape_into(out, text);
    out.push_str("</text>");
}

/// The stroke attributes of a link kind's line style.
pub(crate) fn stroke(kind: vnetsketch_model::LinkKind) -> String {
    let style = LineStyle::of(kind);
    let mut s = format!(
        "stroke=\"{}\" stroke-width=\"{}\"",
        link_color(kind).hex(),
        style.svg_stroke_width()
    );
    if let Some(dash) = style.svg_dasharray() {
        let _ = write!(s, " stroke-dasharray=\"{dash}\"");
    }
    s
}

/// A link: its route as a path from the edge of one box to the edge of the other, and its label.
fn write_link(out: &mut String, at: Px, scene: &Scene<'_>, link: &Link, route: Option<&Route>, label: Option<&String>) {
    out.push_str("<g class=\"link\" data-kind=\"");
    out.push_str(link.kind.as_str());
    out.push_str("\" data-a=\"");
    escape_into(out, &link.a);
    out.push_str("\" data-b=\"");
    escape_into(out, &link.b);
    out.push('"');
    if route.is_some_and(|r| r.fallback) {
        out.push_str(" data-fallback=\"true\"");
    }
    out.push('>');
    let _ = write!(out, "<title>{}</title>", escape(&link.describe()));
    if let Some(route) = route.filter(|r| !r.points.is_empty()) {
        let ends = [scene.rect(&link.a), scene.rect(&link.b)];
        let mut points: Vec<(f64, f64)> = route.points.iter().map(|p| at.mid(*p)).collect();
        if let (Some(first), Some(side), Some(r)) = (route.points.first(), route.ends[0], ends[0]) {
            points.insert(0, edge(at, r, side, *first));
        }
        if let (Some(last), Some(side), Some(r)) = (route.points.last(), route.ends[1], ends[1]) {
            points.push(edge(at, r, side, *last));
        }
        out.push_str("<path d=\"");
        for (i, (x, y)) in points.iter().enumerate() {
            out.push(if i == 0 { 'M' } else { 'L' });
            px(out, *x);
            out.push(' ');
            px(out, *y);
        }
        let _ = write!(out, "\" fill=\"none\" {}/>", stroke(link.kind));
        if let (Some(spot), Some(text)) = (route.label, label) {
            text_on_white(
                out,
                at,
                spot.at,
                text,
                &format!("fill=\"{}\"", link_color(link.kind).hex()),
            );
        }
    }
    out.push_str("</g>\n");
}

/// Where a route's end cell `p`, beside `side` of box `r`, meets the box's edge.
fn edge(at: Px, r: Rect, side: Side, p: Pos) -> (f64, f64) {
    let (mx, my) = at.mid(p);
    match side {
        Side::Top => (mx, at.y(r.y)),
        Side::Bottom => (mx, at.y(r.bottom())),
        Side::Left => (at.x(r.x), my),
        Side::Right => (at.x(r.right()), my),
    }
}

/// The fill and the border colour of a node kind's box.
fn box_colors(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Vnet => ("#eaf3fb", "#0072b2"),
        NodeKind::Site => ("#f4f4f4", "#555555"),
        NodeKind::Users => ("#f8eef4", "#cc79a7"),
    }
}

/// A node: its box (the group's first `<rect>`), the kind in the top border, the three lines as the
/// canvas cuts them, and its finding badge.
fn write_node(out: &mut String, at: Px, node: &Node, badge: Option<Badge>) {
    let b = node_box(node);
    let r = b.rect;
    let kind = node.kind();
    out.push_str("<g class=\"node\" data-name=\"");
    escape_into(out, node.name());
    let _ = write!(out, "\" data-kind=\"{}\">", kind.as_str());
    out.push_str("<title>");
    escape_into(out, &b.lines.join("\n"));
    out.push_str("</title>");
    let (fill, border) = box_colors(kind);
    let (x, y) = (at.x(r.x), at.y(r.y));
    rect(
        out,
        (
            x,
            y,
            f64::from(r.w) * f64::from(CELL_W),
            f64::from(r.h) * f64::from(CELL_H),
        ),
        &format!("rx=\"4\" fill=\"{fill}\" stroke=\"{border}\" stroke-width=\"1.5\""),
    );
    text_at(
        out,
        x + f64::from(2 * CELL_W),
        y + 11.0,
        kind.as_str(),
        &format!("font-size=\"10\" fill=\"{border}\""),
    );
    let (dx, dy) = vnetsketch_model::diagram::NodeBox::text_offset(Zoom::Full);
    for (i, line) in b.lines_at(Zoom::Full).iter().enumerate() {
        let weight = if i == 0 { " font-weight=\"bold\"" } else { "" };
        let row = r.y + dy + i as i32;
        text_at(
            out,
            at.x(r.x + dx),
            at.baseline(row),
            line,
            &format!("fill=\"#1a1a1a\"{weight}"),
        );
    }
    if let Some(badge) = badge {
        let severity = badge.worst.as_str();
        let (cx, cy) = (x + f64::from(r.w * CELL_W) - 2.0, y + 2.0);
        let _ = write!(
            out,
            "<g class=\"badge\" data-severity=\"{severity}\" data-count=\"{}\"><title>{} finding{}, the worst {severity}</title>",
            badge.count,
            badge.count,
            if badge.count == 1 { "" } else { "s" }
        );
        out.push_str("<circle cx=\"");
        px(out, cx);
        out.push_str("\" cy=\"");
        px(out, cy);
        let _ = write!(
            out,
            "\" r=\"9\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>",
            severity_color(badge.worst).hex()
        );
        let count = if badge.count > 99 {
            "99+".to_owned()
        } else {
            badge.count.to_string()
        };
        let _ = write!(out, "<text x=\"");
        px(out, cx);
        out.push_str("\" y=\"");
        px(out, cy + 3.5);
        let _ = write!(
            out,
            "\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"#ffffff\">{count}</text></g>"
        );
    }
    out.push_str("</g>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use vnetsketch_model::analysis::analyze;

    fn design() -> Design {
        let mut d = Design::default();
        vnetsketch_model::run_script(
            &mut d,
            "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
             gateway hub vpn VpnGw1AZ\nvnet spoke 10.1.0.0/16 region=westeurope\n\
             site office 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub office\nlink peering hub spoke\nlayout",
        )
        .expect("script");
        d
    }

    #[test]
    fn every_node_and_link_is_drawn_in_the_contract_structure() {
        let d = design();
        let a = analyze(&d);
        let svg = write(&d, &a.report, &a.estimate);
        assert!(svg.contains("<g class=\"node\" data-name=\"hub\" data-kind=\"vnet\"><title>"));
        assert!(svg.contains("<g class=\"link\" data-kind=\"s2s\" data-a=\"hub\" data-b=\"office\">"));
        assert!(svg.contains("<g class=\"frame\" data-kind=\"region\" data-label=\"westeurope\">"));
        assert_eq!(svg.matches("<path ").count(), 2 + 5, "two links and five legend lines");
        assert!(svg.contains("stroke-dasharray=\"8 4\""), "s2s is dashed");
        assert!(svg.contains(">s2s "), "the s2s label with its throughput");
    }

    #[test]
    fn a_link_with_a_missing_end_keeps_its_group_without_a_path() {
        let mut d = design();
        let text = vnetsketch_model::format::to_ron(&d).replace("b: \"office\"", "b: \"gone\"");
        d = vnetsketch_model::format::load(&text, None).expect("a dangling link loads");
        let a = analyze(&d);
        let svg = write(&d, &a.report, &a.estimate);
        let group = svg
            .lines()
            .find(|l| l.contains("data-b=\"gone\""))
            .expect("the link's group");
        assert!(!group.contains("<path"), "{group}");
    }
}
