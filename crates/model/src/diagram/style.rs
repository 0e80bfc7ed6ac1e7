//! How links look, as data the canvas and the exporters share: a line style per link kind that tells
//! the kinds apart without colour (corners included), the colour-blind-safe palette of Okabe and Ito
//! for link kinds and severities, and the text of a link's label.
//!
//! | kind | style | runs | corners | junctions | SVG stroke |
//! |---|---|---|---|---|---|
//! | peering | [`LineStyle::Light`] | `─ │` | `┌ ┐ └ ┘` | `├ ┤ ┬ ┴ ┼` | solid, thin |
//! | v2v | [`LineStyle::Double`] | `═ ║` | `╔ ╗ ╚ ╝` | `╠ ╣ ╦ ╩ ╬` | dash-dot |
//! | er | [`LineStyle::Heavy`] | `━ ┃` | `┏ ┓ ┗ ┛` | `┣ ┫ ┳ ┻ ╋` | solid, heavy |
//! | s2s | [`LineStyle::Dashed`] | `╌ ╎` | `╭ ╮ ╰ ╯` | `├ ┤ ┬ ┴ ┼` | dashed |
//! | p2s | [`LineStyle::Dotted`] | `┈ ┊` | `• • • •` | `•` | dotted |
//!
//! Each kind differs from every other in its runs and in its corners, so a corner alone names the
//! kind. Junctions are where the routes of one bundle (one node's links of one kind) branch. Where two
//! bundles cross ([`super::Crossing`], [`super::route::LineCell::crossing`]) the vertical run is drawn
//! over the horizontal one, which jumps: a `┼` always means a junction, never a crossing.
//!
//! Colours (Okabe & Ito, "Color Universal Design", 2008): every pair stays apart under the common
//! colour-vision deficiencies, and none is so light that it vanishes on a light background (the
//! palette's yellow is left out for that reason).

use std::collections::BTreeMap;

use crate::design::{Design, LinkId, LinkKind};
use crate::hash::FxSet;
use crate::throughput::Estimate;
use crate::validate::{Report, Severity};

use super::geom::all_links;

/// A line style (one per link kind; see the module doc for the glyphs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineStyle {
    /// Thin solid line: peering.
    Light,
    /// Double line: VNet-to-VNet.
    Double,
    /// Heavy line: ExpressRoute.
    Heavy,
    /// Dashed line, rounded corners: Site-to-Site.
    Dashed,
    /// Dotted line, dotted corners: Point-to-Site.
    Dotted,
}

impl LineStyle {
    /// The style of a link kind.
    pub const fn of(kind: LinkKind) -> LineStyle {
        match kind {
            LinkKind::Peering => LineStyle::Light,
            LinkKind::V2v => LineStyle::Double,
            LinkKind::Er => LineStyle::Heavy,
            LinkKind::S2s => LineStyle::Dashed,
            LinkKind::P2s => LineStyle::Dotted,
        }
    }

    /// The glyphs of the style: runs (horizontal, vertical), corners (joining right and down, left
    /// and down, right and up, left and up), junctions (├ ┤ ┬ ┴) and the four-way junction.
    pub const fn glyphs(self) -> [char; 11] {
        match self {
            LineStyle::Light => ['─', '│', '┌', '┐', '└', '┘', '├', '┤', '┬', '┴', '┼'],
            LineStyle::Double => ['═', '║', '╔', '╗', '╚', '╝', '╠', '╣', '╦', '╩', '╬'],
            LineStyle::Heavy => ['━', '┃', '┏', '┓', '┗', '┛', '┣', '┫', '┳', '┻', '╋'],
            LineStyle::Dashed => ['╌', '╎', '╭', '╮', '╰', '╯', '├', '┤', '┬', '┴', '┼'],
            LineStyle::Dotted => ['┈', '┊', '•', '•', '•', '•', '•', '•', '•', '•', '•'],
        }
    }

    /// The glyph of a cell whose line joins the neighbours in `joins` (the bits of
    /// [`super::route::cells`]: up 1, right 2, down 4, left 8).
    pub const fn glyph(self, joins: u8) -> char {
        let bits = (joins & 1 != 0, joins & 2 != 0, joins & 4 != 0, joins & 8 != 0);
        let g = self.glyphs();
        match bits {
            (true, true, true, true) => g[10],
            (true, true, true, false) => g[6],
            (true, false, true, true) => g[7],
            (false, true, true, true) => g[8],
            (true, true, false, true) => g[9],
            (false, true, true, false) => g[2],
            (false, false, true, true) => g[3],
            (true, true, false, false) => g[4],
            (true, false, false, true) => g[5],
            (true, false, true | false, false) | (false, false, true, false) => g[1],
            _ => g[0],
        }
    }

    /// The SVG `stroke-dasharray` (`None`: a solid line).
    pub const fn svg_dasharray(self) -> Option<&'static str> {
        match self {
            LineStyle::Light | LineStyle::Heavy => None,
            LineStyle::Double => Some("10 3 2 3"),
            LineStyle::Dashed => Some("8 4"),
            LineStyle::Dotted => Some("1.5 3.5"),
        }
    }

    /// The SVG `stroke-width`, in pixels.
    pub const fn svg_stroke_width(self) -> f32 {
        match self {
            LineStyle::Light | LineStyle::Dashed => 1.5,
            LineStyle::Double | LineStyle::Dotted => 2.0,
            LineStyle::Heavy => 3.0,
        }
    }
}

/// A colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as SVG and draw.io write colours.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The Okabe–Ito palette.
pub mod okabe_ito {
    use crate::diagram::style::Rgb;
    /// Black.
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    /// Orange.
    pub const ORANGE: Rgb = Rgb(230, 159, 0);
    /// Sky blue.
    pub const SKY_BLUE: Rgb = Rgb(86, 180, 233);
    /// Bluish green.
    pub const BLUISH_GREEN: Rgb = Rgb(0, 158, 115);
    /// Yellow (too light for lines on a light background; not used for links).
    pub const YELLOW: Rgb = Rgb(240, 228, 66);
    /// Blue.
    pub const BLUE: Rgb = Rgb(0, 114, 178);
    /// Vermillion.
    pub const VERMILLION: Rgb = Rgb(213, 94, 0);
    /// Reddish purple.
    pub const REDDISH_PURPLE: Rgb = Rgb(204, 121, 167);
}

/// The colour of a link kind.
pub const fn link_color(kind: LinkKind) -> Rgb {
    match kind {
        LinkKind::Peering => okabe_ito::BLUISH_GREEN,
        LinkKind::V2v => okabe_ito::BLUE,
        LinkKind::Er => okabe_ito::VERMILLION,
        LinkKind::S2s => okabe_ito::ORANGE,
        LinkKind::P2s => okabe_ito::REDDISH_PURPLE,
    }
}

/// The colour of a severity.
pub const fn severity_color(severity: Severity) -> Rgb {
    match severity {
        Severity::Error => okabe_ito::VERMILLION,
        Severity::Warning => okabe_ito::ORANGE,
        Severity::Info => okabe_ito::SKY_BLUE,
    }
}

/// A link's label: its kind and estimated throughput (`s2s 312M`, `er 1G`, `v2v 1.2G`, `peering`),
/// marked `!` in front when the link has an error finding.
///
/// # Examples
/// ```
/// use vnetsketch_model::LinkKind;
/// use vnetsketch_model::diagram::link_label;
/// assert_eq!(link_label(LinkKind::S2s, Some(312.4), false), "s2s 312M");
/// assert_eq!(link_label(LinkKind::Er, Some(1000.0), false), "er 1G");
/// assert_eq!(link_label(LinkKind::Peering, None, true), "!peering");
/// ```
pub fn link_label(kind: LinkKind, mbps: Option<f64>, error: bool) -> String {
    let mark = if error { "!" } else { "" };
    match mbps.filter(|m| m.is_finite() && *m >= 0.0) {
        None => format!("{mark}{kind}"),
        Some(m) => format!("{mark}{kind} {}", throughput_text(m)),
    }
}

/// `312M`, `0.5M`, `1G`, `1.2G`, `10G`.
fn throughput_text(mbps: f64) -> String {
    let short = |v: f64, unit: &str| {
        let tenths = (v * 10.0).round();
        if v < 10.0 && tenths % 10.0 != 0.0 {
            format!("{:.1}{unit}", tenths / 10.0)
        } else {
            format!("{:.0}{unit}", v.round())
        }
    };
    if mbps.round() < 1000.0 {
        short(mbps, "M")
    } else {
        short(mbps / 1000.0, "G")
    }
}

/// The links that have an error finding: the `!` of their labels (see [`link_label`]). Built once
/// per analysis, so that labels can be made link by link ([`label_of`]) for the links a window shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorLinks(FxSet<LinkId>);

impl ErrorLinks {
    /// The links named by an error finding of `report`.
    pub fn new(report: &Report) -> ErrorLinks {
        ErrorLinks(
            report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .flat_map(|f| f.links.iter().copied())
                .collect(),
        )
    }

    /// `true` when link `id` has an error finding.
    pub fn contains(&self, id: LinkId) -> bool {
        self.0.contains(&id)
    }
}

/// The estimated throughput of link `id` (the estimate holds its links in id order).
fn mbps_of(estimate: &Estimate, id: LinkId) -> Option<f64> {
    match estimate.links.binary_search_by_key(&id, |e| e.id) {
        Ok(i) => estimate.links[i].mbps,
        Err(_) => estimate.link(id).and_then(|e| e.mbps),
    }
}

/// The label of link `id` of `design` (see [`link_label`]); `None` when there is no such link.
pub fn label_of(design: &Design, estimate: &Estimate, errors: &ErrorLinks, id: LinkId) -> Option<String> {
    let link = design.link(id)?;
    Some(link_label(link.kind, mbps_of(estimate, id), errors.contains(id)))
}

/// The label of every link of `design` (see [`link_label`]), from the estimate and the findings, by id.
pub fn link_labels(design: &Design, estimate: &Estimate, report: &Report) -> BTreeMap<LinkId, String> {
    let errors = ErrorLinks::new(report);
    all_links(design)
        .map(|(id, l)| (*id, link_label(l.kind, mbps_of(estimate, *id), errors.contains(*id))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_differs_from_every_other_in_runs_and_in_corners() {
        for a in LinkKind::ALL {
            for b in LinkKind::ALL.into_iter().filter(|b| *b != a) {
                let (ga, gb) = (LineStyle::of(a).glyphs(), LineStyle::of(b).glyphs());
                assert_ne!((ga[0], ga[1]), (gb[0], gb[1]), "{a} {b}");
                for corner in 2..6 {
                    assert_ne!(ga[corner], gb[corner], "{a} {b}");
                }
                assert_ne!(link_color(a), link_color(b));
                let stroke = |s: LineStyle| (s.svg_dasharray(), (s.svg_stroke_width() * 2.0) as u8);
                assert_ne!(stroke(LineStyle::of(a)), stroke(LineStyle::of(b)), "{a} {b}");
            }
        }
        assert_eq!(link_color(LinkKind::Er).hex(), "#d55e00");
    }

    #[test]
    fn throughput_reads_short() {
        for (m, want) in [
            (0.5, "0.5M"),
            (9.96, "10M"),
            (312.0, "312M"),
            (999.6, "1G"),
            (1250.0, "1.3G"),
            (10_000.0, "10G"),
        ] {
            assert_eq!(throughput_text(m), want, "{m}");
        }
        assert_eq!(link_label(LinkKind::V2v, Some(f64::NAN), false), "v2v");
    }

    #[test]
    fn labels_mark_links_with_an_error_finding() {
        let mut d = Design::default();
        crate::run_script(
            &mut d,
            "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1\n\
             site office 192.168.0.0/24 ip=203.0.113.1\nlink s2s hub office\n\
             vnet other 10.0.0.0/16\nlink peering hub other",
        )
        .expect("script");
        let analysis = crate::analysis::analyze(&d);
        let labels = link_labels(&d, &analysis.estimate, &analysis.report);
        let texts: Vec<&str> = labels.values().map(String::as_str).collect();
        assert!(texts[0].starts_with("s2s ") && texts[0].ends_with('M'), "{texts:?}");
        assert_eq!(texts[1], "!peering", "overlapping peered VNets are an error");
    }
}
