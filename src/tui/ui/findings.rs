//! The findings pane: the model's findings (severity, rule id, message), the selected one's hint
//! below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};
use vnetsketch_model::validate::Severity;

use super::theme::{self, put, put_spans};
use crate::tui::geometry::screen::{findings_detail_rows, findings_offset, inner};
use crate::tui::geometry::text::{pad, width, wrap};
use crate::tui::state::{App, Focus, Mode};

/// Draws the findings pane into `area`.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let focused = app.panes.focus == Focus::Findings && app.mode == Mode::Normal;
    let count = |s| app.doc.report.count(s);
    let mut spans = vec![
        Span::styled(" Findings ", theme::pane_border(focused)),
        Span::styled(
            format!("E:{} ", count(Severity::Error)),
            Style::new().fg(theme::severity_color(Severity::Error)),
        ),
        Span::styled(
            format!("W:{} ", count(Severity::Warning)),
            Style::new().fg(theme::severity_color(Severity::Warning)),
        ),
        Span::styled(
            format!("I:{} ", count(Severity::Info)),
            Style::new().fg(theme::severity_color(Severity::Info)),
        ),
    ];
    // A large design's edit is drawn before its findings: these are still the ones of before it.
    if app.pending() {
        spans.push(Span::styled("checking… ", theme::dim()));
    }
    let title = Line::from(spans);
    Block::bordered()
        .border_style(theme::pane_border(focused))
        .title(title)
        .render(area, buf);
    let body = inner(area);
    if body.is_empty() {
        return;
    }
    let findings = &app.doc.report.findings;
    if findings.is_empty() {
        put(
            buf,
            body,
            i32::from(body.x),
            i32::from(body.y),
            "No findings: the design passes every rule.",
            theme::dim(),
        );
        return;
    }
    let list_h = body.height - findings_detail_rows(body);
    let rule_w = findings.iter().map(|f| width(f.rule)).max().unwrap_or(0).min(28);
    for (row, (i, f)) in findings
        .iter()
        .enumerate()
        .skip(findings_offset(app.panes.finding, usize::from(list_h)))
        .enumerate()
    {
        if row >= usize::from(list_h) {
            break;
        }
        let y = body.y + row as u16;
        let selected = app.panes.finding == Some(i);
        let base = if selected {
            theme::selected_row(focused)
        } else {
            Style::new()
        };
        let tag = Style::new()
            .fg(theme::severity_color(f.severity))
            .add_modifier(Modifier::BOLD);
        let line = Rect::new(body.x, y, body.width, 1);
        if selected {
            theme::fill_row(buf, line, y, base);
        }
        let rule = format!("{} ", pad(f.rule, rule_w));
        put_spans(
            buf,
            line,
            y,
            &[
                (theme::severity_tag(f.severity), tag.patch(base)),
                (" ", base),
                (&rule, base.add_modifier(Modifier::BOLD)),
                (&f.message, base),
            ],
        );
    }
    let detail = findings_detail_rows(body);
    if detail == 0 {
        return;
    }
    let text = match app.highlighted() {
        Some(f) => format!("fix: {}", f.hint),
        None => "↑↓ (Tab to focus here) selects a finding and highlights what it names".to_owned(),
    };
    let style = if app.panes.finding.is_some() {
        Style::new().fg(ratatui::style::Color::Green)
    } else {
        theme::dim()
    };
    for (k, line) in wrap(&text, usize::from(body.width))
        .iter()
        .take(usize::from(detail))
        .enumerate()
    {
        put(
            buf,
            body,
            i32::from(body.x),
            i32::from(body.y + list_h) + k as i32,
            line,
            style,
        );
    }
}
