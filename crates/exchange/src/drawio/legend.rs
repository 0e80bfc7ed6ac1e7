//! The draw.io file's legend, right of the diagram: a container vertex `legend` (it moves as one
//! piece) holding, for each link kind, a sample edge in the kind's edge style with the kind's name
//! beside it, what a link label says, and the findings' colours per severity (the colour of a node's
//! finding line). It mirrors the SVG's legend.

use vnetsketch_model::LinkKind;
use vnetsketch_model::diagram::style::severity_color;
use vnetsketch_model::validate::Severity;

use super::{edge_style, vertex};
use crate::picture::{LABEL_NOTE, px};

/// The legend's id (its children's parent).
pub(super) const ID: &str = "legend";
/// The legend's size, in pixels.
pub(super) const SIZE: (f64, f64) = (320.0, 216.0);
/// Space between the diagram and the legend, in pixels.
pub(super) const GAP: f64 = 16.0;
/// Space inside the legend's border.
const PAD: f64 = 12.0;
/// Height of one row.
const ROW: f64 = 20.0;
/// Where the first link kind's row starts (below the title).
const TOP: f64 = 32.0;
/// Length of a sample line.
const SAMPLE: f64 = 56.0;
/// Text without a shape, left-aligned and middle, written as text (not HTML).
const TEXT: &str = "text;strokeColor=none;fillColor=none;align=left;verticalAlign=middle;fontSize=12;";

/// Writes the legend with its top-left corner at `(x, y)` pixels of the page.
pub(super) fn write(out: &mut String, (x, y): (f64, f64)) {
    let (w, h) = SIZE;
    let style = "rounded=1;arcSize=4;fillColor=#ffffff;strokeColor=#bbbbbb;verticalAlign=top;align=left;spacingLeft=8;spacingTop=2;fontStyle=1;fontSize=12;container=1;collapsible=0;recursiveResize=0;";
    vertex(out, ID, "Legend", style, "1", (x, y, w, h));
    let mut row = TOP;
    for kind in LinkKind::ALL {
        let mid = row + ROW / 2.0;
        sample(out, kind, mid);
        let text = format!("{} ({})", kind.label(), kind.as_str());
        let at = (PAD + SAMPLE + 12.0, row, w - 2.0 * PAD - SAMPLE - 12.0, ROW);
        vertex(out, &format!("{ID}-{}", kind.as_str()), &text, TEXT, ID, at);
        row += ROW;
    }
    let note = format!("{TEXT}whiteSpace=wrap;fontColor=#444444;");
    vertex(
        out,
        &format!("{ID}-labels"),
        LABEL_NOTE,
        &note,
        ID,
        (PAD, row + 4.0, w - 2.0 * PAD, 2.0 * ROW),
    );
    row += 2.0 * ROW + 12.0;
    vertex(
        out,
        &format!("{ID}-findings"),
        "findings:",
        TEXT,
        ID,
        (PAD, row, 64.0, ROW),
    );
    let mut dot_x = PAD + 72.0;
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let style = format!(
            "ellipse;fillColor={};strokeColor=none;labelPosition=right;verticalLabelPosition=middle;align=left;verticalAlign=middle;spacingLeft=4;fontSize=12;",
            severity_color(severity).hex()
        );
        let name = severity.as_str();
        let at = (dot_x, row + 4.0, 12.0, 12.0);
        vertex(out, &format!("{ID}-{name}"), name, &style, ID, at);
        dot_x += 12.0 + 8.0 * name.len() as f64 + 20.0;
    }
}

/// A sample edge of `kind` across the row whose middle is `mid`: not attached to any vertex (its
/// ends are points), styled as the diagram's edges of that kind.
fn sample(out: &mut String, kind: LinkKind, mid: f64) {
    out.push_str("        <mxCell id=\"");
    out.push_str(ID);
    out.push('-');
    out.push_str(kind.as_str());
    out.push_str("-line\" value=\"\" style=\"");
    out.push_str(&edge_style(kind));
    out.push_str("\" edge=\"1\" parent=\"");
    out.push_str(ID);
    out.push_str("\">\n          <mxGeometry relative=\"1\" as=\"geometry\">\n");
    for (x, end) in [(PAD, "sourcePoint"), (PAD + SAMPLE, "targetPoint")] {
        out.push_str("            <mxPoint x=\"");
        px(out, x);
        out.push_str("\" y=\"");
        px(out, mid);
        out.push_str("\" as=\"");
        out.push_str(end);
        out.push_str("\"/>\n");
    }
    out.push_str("          </mxGeometry>\n        </mxCell>\n");
}
