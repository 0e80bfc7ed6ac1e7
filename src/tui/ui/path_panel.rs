//! The path panel, in the inspector's and the throughput panel's place while reach mode is on (in
//! the throughput panel's while the inspector has the focus): what the source reaches
//! and, with a second node selected, the model's path to it ([`PathReport`]): reachable or not, the
//! hops, the Mbps (and the optimistic figure), the bottleneck in words, the assumptions with their
//! sources ("assumed" where Azure's documents are silent), and for an unreachable pair why and the
//! fix lines (`F` puts the first on the `:` line). It formats the model's answer; it computes none.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use vnetsketch_model::paths::PathReport;

use super::theme::{self, put};
use super::throughput::{Lines, mbps};
use crate::tui::state::{App, ReachView};

/// Draws the panel into `area`; nothing when reach mode is off.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(view) = &app.reach else { return };
    let Some((body, mut l)) = Lines::panel(&format!(" Path from {} ", view.source), area, buf) else {
        return;
    };
    match &view.path {
        Some(p) => {
            path_lines(&mut l, p);
            l.out.push((String::new(), Style::new()));
            l.push(
                format!("✓ reached, ✗ not reached (dimmed) from {} · Esc: off", view.source),
                theme::dim(),
            );
        }
        None => summary_lines(&mut l, view),
    }
    let rows = usize::from(body.height);
    if l.out.len() > rows {
        l.out.truncate(rows.saturating_sub(1));
        l.out
            .push(("… (a taller terminal shows the rest)".to_owned(), theme::dim()));
    }
    for (i, (text, style)) in l.out.iter().enumerate() {
        put(buf, body, i32::from(body.x), i32::from(body.y) + i as i32, text, *style);
    }
}

/// No second node selected: the reach in numbers and what to do next.
fn summary_lines(l: &mut Lines, view: &ReachView) {
    l.push(
        format!(
            "{} reaches {} of {} other nodes",
            view.source,
            view.reached_count(),
            view.nodes.saturating_sub(1)
        ),
        theme::bold(),
    );
    l.push("on the canvas: ✓ reached, ✗ not reached (dimmed)", Style::new());
    l.push(
        format!(
            "select another node (n, arrows, a click) for the path from {} to it",
            view.source
        ),
        theme::dim(),
    );
    l.push(format!("r on {} or Esc: reach mode off", view.source), theme::dim());
}

fn path_lines(l: &mut Lines, p: &PathReport) {
    l.push(format!("{} → {}", p.from, p.to), theme::bold());
    if p.reachable {
        l.push(
            "✓ reachable",
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        );
        if let Some(m) = p.mbps {
            let max = p.mbps_max.map(|x| format!(" (up to {})", mbps(x))).unwrap_or_default();
            l.push(
                format!("≈ {}{max}", mbps(m)),
                Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            );
            l.push("shares assume every connection busy", theme::dim());
        }
    } else {
        l.push("✗ unreachable", theme::error());
    }
    if !p.hops.is_empty() {
        l.push(if p.reachable { "hops:" } else { "blocked path:" }, Style::new());
        for h in &p.hops {
            l.push(format!("· {} {} → {}", h.kind.as_str(), h.a, h.b), Style::new());
        }
    }
    if let Some(b) = &p.bottleneck {
        l.push(format!("bottleneck: {b}"), Style::new());
    }
    for n in &p.notes {
        l.push(format!("note: {} [{}]", n.text, n.source), theme::dim());
    }
    let mut fixes = 0;
    for b in &p.blockers {
        l.push(
            format!("why: {} [{}]", b.reason, b.source),
            Style::new().fg(Color::Yellow),
        );
        for f in &b.fix {
            l.push(format!("fix: {f}"), Style::new().fg(Color::Cyan));
            fixes += 1;
        }
    }
    if fixes > 0 {
        l.push("F puts the first fix on the : line (Enter runs it)", theme::dim());
    } else if !p.reachable {
        l.push("no edit of the design opens it", theme::dim());
    }
}
