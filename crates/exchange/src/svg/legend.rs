//! The SVG picture's legend, below the diagram: each link kind's line (its style and colour, as the
//! links are drawn) with its name, what a link label says, and the finding badges' colours per
//! severity.

use std::fmt::Write as _;

use vnetsketch_model::LinkKind;
use vnetsketch_model::diagram::style::severity_color;
use vnetsketch_model::validate::Severity;

use super::{stroke, text_at as text};
use crate::picture::{LABEL_NOTE, px};

/// Height of one legend row, in pixels.
const ROW: f64 = 20.0;
/// Space around the legend's content.
const PAD: f64 = 12.0;
/// The legend's width.
const WIDTH: f64 = 600.0;
/// Rows: the heading, one per link kind, the label note, a gap, one for the severities.
const ROWS: usize = 1 + LinkKind::ALL.len() + 1 + 1;

/// The legend's width and height, in pixels (the picture grows by its height).
pub(super) fn size() -> (f64, f64) {
    (WIDTH + 2.0 * PAD, ROWS as f64 * ROW + 3.0 * PAD)
}

/// Writes the legend with its top at `top` pixels.
pub(super) fn write(out: &mut String, top: f64) {
    let (w, h) = size();
    out.push_str("<g class=\"legend\" transform=\"translate(0 ");
    px(out, top);
    out.push_str(")\">");
    out.push_str("<rect x=\"");
    px(out, PAD / 2.0);
    out.push_str("\" y=\"");
    px(out, PAD / 2.0);
    out.push_str("\" width=\"");
    px(out, w - PAD);
    out.push_str("\" height=\"");
    px(out, h - PAD);
    out.push_str("\" rx=\"4\" fill=\"#ffffff\" stroke=\"#bbbbbb\"/>\n");
    let mut y = PAD + ROW * 0.75;
    text(out, PAD, y, "Legend", "font-weight=\"bold\"");
    for kind in LinkKind::ALL {
        y += ROW;
        let mid = y - 4.0;
        let _ = write!(out, "<g class=\"legend-link\" data-kind=\"{}\">", kind.as_str());
        out.push_str("<path d=\"M");
        px(out, PAD);
        out.push(' ');
        px(out, mid);
        out.push('L');
        px(out, PAD + 56.0);
        out.push(' ');
        px(out, mid);
        let _ = write!(out, "\" fill=\"none\" {}/>", stroke(kind));
        text(out, PAD + 68.0, y, &format!("{} ({})", kind.label(), kind.as_str()), "");
        out.push_str("</g>\n");
    }
    y += ROW;
    text(out, PAD, y, LABEL_NOTE, "fill=\"#444444\"");
    y += ROW + PAD / 2.0;
    let mut x = PAD;
    text(out, x, y, "findings:", "");
    x += 88.0;
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let _ = write!(
            out,
            "<g class=\"legend-severity\" data-severity=\"{}\">",
            severity.as_str()
        );
        out.push_str("<circle cx=\"");
        px(out, x + 8.0);
        out.push_str("\" cy=\"");
        px(out, y - 4.0);
        let _ = write!(out, "\" r=\"7\" fill=\"{}\"/>", severity_color(severity).hex());
        text(out, x + 20.0, y, severity.as_str(), "");
        out.push_str("</g>");
        x += 20.0 + 8.0 * severity.as_str().len() as f64 + 24.0;
    }
    out.push_str("\n</g>\n");
}
