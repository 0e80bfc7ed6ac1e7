//! The estimated-throughput panel: the model's [`Estimate`] as text. It never estimates; it reads the
//! design only for the names at the ends of links. For the selected link its Mbps and bottleneck
//! (and per client for P2S); for the selected virtual network its gateways' aggregate, connections
//! and each one's share, with a bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, Widget};
use vnetsketch_model::Design;
use vnetsketch_model::throughput::{Estimate, GatewayEstimate, LinkEstimate};

use super::theme::{self, put};
use crate::tui::geometry::screen::inner;
use crate::tui::geometry::text::wrap;
use crate::tui::state::{App, Selection};

/// `325 Mbps`, `33.3 Mbps`, `1.25 Gbps` — formatting only.
pub fn mbps(v: f64) -> String {
    if v >= 1000.0 {
        let g = v / 1000.0;
        if (g - g.round()).abs() < 1e-9 {
            format!("{g:.0} Gbps")
        } else {
            format!("{g:.2} Gbps")
        }
    } else if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0} Mbps")
    } else {
        format!("{v:.1} Mbps")
    }
}

fn bar(part: f64, whole: f64, width: usize) -> String {
    let filled = if whole > 0.0 {
        ((part / whole).clamp(0.0, 1.0) * width as f64).round() as usize
    } else {
        0
    };
    format!("{}{}", "█".repeat(filled), "░".repeat(width.saturating_sub(filled)))
}

/// Styled lines wrapped to a width (the path panel writes its text the same way).
pub(super) struct Lines {
    pub(super) out: Vec<(String, Style)>,
    pub(super) width: usize,
}

impl Lines {
    /// Draws a side panel's border titled `title` into `area`; returns its inside and the lines to
    /// fill it with, or `None` when it has no inside.
    pub(super) fn panel(title: &str, area: Rect, buf: &mut Buffer) -> Option<(Rect, Lines)> {
        Block::bordered()
            .border_style(theme::pane_border(false))
            .title(title)
            .render(area, buf);
        let body = inner(area);
        let lines = Lines {
            out: Vec::new(),
            width: usize::from(body.width),
        };
        (!body.is_empty()).then_some((body, lines))
    }

    /// Appends `text` wrapped to the width, every line in `style`.
    pub(super) fn push(&mut self, text: impl AsRef<str>, style: Style) {
        for l in wrap(text.as_ref(), self.width) {
            self.out.push((l, style));
        }
    }
}

/// The names at the ends of the estimated link.
fn ends<'d>(design: &'d Design, e: &LinkEstimate) -> (&'d str, &'d str) {
    design.link(e.id).map_or(("?", "?"), |l| (l.a.as_str(), l.b.as_str()))
}

fn link_lines(l: &mut Lines, design: &Design, e: &LinkEstimate) {
    let (from, to) = ends(design, e);
    l.push(format!("{} {from} → {to}", e.kind), theme::bold());
    match e.mbps {
        Some(v) => l.push(
            format!("≈ {}", mbps(v)),
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        ),
        None => l.push("no gateway cap", Style::new().fg(Color::Cyan)),
    }
    if let Some(pc) = e.per_client_mbps {
        l.push(format!("per client ≈ {}", mbps(pc)), Style::new().fg(Color::Green));
    }
    l.push(format!("limited by: {}", e.bottleneck), Style::new());
}

fn gateway_lines(l: &mut Lines, design: &Design, est: &Estimate, g: &GatewayEstimate) {
    let generation = g.generation.map(|n| format!(" Gen{n}")).unwrap_or_default();
    l.push(
        format!("{} gateway {}{}", g.kind.as_str().to_uppercase(), g.sku, generation),
        theme::bold(),
    );
    l.push(
        format!(
            "aggregate {} · {} connection(s)",
            mbps(g.aggregate_mbps),
            g.connections.len()
        ),
        Style::new(),
    );
    let bar_w = l.width.saturating_sub(2).clamp(4, 20);
    for (id, share) in &g.connections {
        let Some(e) = est.link(*id) else { continue };
        let (from, to) = ends(design, e);
        let other = if from == g.vnet { to } else { from };
        let value = share.map_or_else(|| "n/a".to_owned(), mbps);
        l.push(format!(" {} {}: {}", e.kind, other, value), Style::new());
        l.out.push((
            format!(" {}", bar(share.unwrap_or(0.0), g.aggregate_mbps, bar_w)),
            Style::new().fg(Color::Green),
        ));
    }
}

/// Draws the panel into `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some((body, mut l)) = Lines::panel(" Throughput (estimate) ", area, buf) else {
        return;
    };
    let (design, est) = (&app.doc.design, &app.doc.estimate);
    match &app.panes.selection {
        Selection::Link(id) => match est.link(*id) {
            Some(e) => link_lines(&mut l, design, e),
            None => l.push("no estimate for this link", theme::dim()),
        },
        Selection::Node(name) => {
            let gws: Vec<&GatewayEstimate> = est.gateways_of(name).collect();
            for g in &gws {
                gateway_lines(&mut l, design, est, g);
            }
            if gws.is_empty() {
                let links: Vec<&LinkEstimate> = est
                    .links
                    .iter()
                    .filter(|e| {
                        let (a, b) = ends(design, e);
                        a == name || b == name
                    })
                    .collect();
                if links.is_empty() {
                    l.push(format!("{name}: no gateway and no links"), theme::dim());
                }
                for e in links {
                    link_lines(&mut l, design, e);
                }
            }
        }
        Selection::None => {
            if est.gateways.is_empty() {
                l.push(
                    "No gateways yet. Select a link or a VNet to see its estimate.",
                    theme::dim(),
                );
            } else {
                l.push("Select a link or a VNet. Gateways:", theme::dim());
                for g in &est.gateways {
                    l.push(
                        format!(
                            "{} {} {}: {}, {} conn.",
                            g.vnet,
                            g.kind.as_str(),
                            g.sku,
                            mbps(g.aggregate_mbps),
                            g.connections.len()
                        ),
                        Style::new(),
                    );
                }
            }
        }
    }
    for (i, (text, style)) in l.out.iter().enumerate().take(usize::from(body.height)) {
        put(buf, body, i32::from(body.x), i32::from(body.y) + i as i32, text, *style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use vnetsketch_model::throughput::GatewayType;
    use vnetsketch_model::{LinkId, LinkKind};

    fn literal() -> Estimate {
        Estimate {
            links: vec![LinkEstimate {
                id: LinkId(0),
                kind: LinkKind::P2s,
                mbps: Some(325.0),
                mbps_max: Some(325.0),
                per_client_mbps: Some(6.5),
                bottleneck: "hub VpnGw1AZ aggregate 650 Mbps shared by 2 connections".into(),
            }],
            gateways: vec![GatewayEstimate {
                vnet: "hub".into(),
                kind: GatewayType::Vpn,
                sku: "VpnGw1AZ".into(),
                generation: Some(2),
                aggregate_mbps: 650.0,
                connections: vec![(LinkId(0), Some(325.0))],
            }],
        }
    }

    /// The panel drawn at 40x10 for the design of `script` with the estimate `est`, `selection` selected.
    fn text(script: &str, est: &Estimate, selection: Selection) -> String {
        let mut a = crate::tui::test_support::app(script, 120, 40);
        a.doc.estimate = est.clone();
        a.panes.selection = selection;
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 10));
        draw(&a, buf.area, &mut buf);
        buf.content()
            .chunks(40)
            .map(|r| r.iter().map(ratatui::buffer::Cell::symbol).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_literal_report_shows_link_and_gateway_figures() {
        let est = literal();
        let script = "vnet hub 10.0.0.0/16\nusers road 172.16.0.0/24 clients=50\nlink p2s hub road";
        let link = text(script, &est, Selection::Link(LinkId(0)));
        assert!(
            link.contains("p2s hub → road") && link.contains("≈ 325 Mbps") && link.contains("per client ≈ 6.5 Mbps"),
            "{link}"
        );
        let hub = text(script, &est, Selection::Node("hub".into()));
        assert!(
            hub.contains("VPN gateway VpnGw1AZ Gen2") && hub.contains("p2s road: 325 Mbps") && hub.contains("█████"),
            "{hub}"
        );
        assert_eq!(mbps(1250.0), "1.25 Gbps");
        assert_eq!(mbps(10000.0), "10 Gbps");
    }
}
