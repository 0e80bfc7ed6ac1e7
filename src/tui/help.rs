//! The help screen, generated: every key from the keymap table ([`super::keymap::KEYMAP`]), the `:`
//! line's own commands, the command language ([`COMMANDS`]) and the rules behind the findings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Block, Clear, Widget};
use vnetsketch_model::LinkKind;
use vnetsketch_model::command::COMMANDS;
use vnetsketch_model::validate::RULES;

use super::command_line::BUILTINS;
use super::geometry::screen::{centered, inner};
use super::keymap::{self, Scope};
use super::theme::{self, put};

/// Width of the keys column.
const KEYS_W: usize = 16;

fn heading(out: &mut Vec<(String, Style)>, text: &str) {
    out.push((String::new(), Style::new()));
    out.push((text.to_owned(), theme::bold().fg(Color::LightCyan)));
}

/// The help text, one styled line each.
pub fn lines() -> Vec<(String, Style)> {
    let mut out = vec![(
        "vnetsketch: sketch Azure hybrid networks. Keys by mode (↑↓ PgUp PgDn scroll, Esc closes):".to_owned(),
        theme::bold(),
    )];
    for scope in Scope::ALL {
        heading(&mut out, scope.title());
        for (keys, desc) in keymap::grouped(scope) {
            let keys = keys.join(" ");
            if keys.chars().count() > KEYS_W {
                out.push((format!("  {keys}"), Style::new().fg(Color::Yellow)));
                out.push((format!("  {:KEYS_W$} {desc}", ""), Style::new()));
            } else {
                out.push((format!("  {keys:<KEYS_W$} {desc}"), Style::new()));
            }
        }
    }
    heading(&mut out, "Mouse");
    out.push((
        "  click selects a node, a link, a property or a finding; drag moves a node;".to_owned(),
        Style::new(),
    ));
    out.push((
        "  the wheel scrolls; in link mode a click picks the target and draws the link".to_owned(),
        Style::new(),
    ));
    heading(&mut out, "Links on the canvas");
    for kind in LinkKind::ALL {
        let c = theme::link_chars(kind);
        out.push((
            format!("  {}{}{}  {} ({})", c.h, c.h, c.h, kind.label(), kind.as_str()),
            Style::new().fg(theme::link_color(kind)),
        ));
    }
    heading(&mut out, "The : command line: the app's commands");
    for (syntax, doc) in BUILTINS {
        out.push((format!("  {syntax:<22} {doc}"), Style::new()));
    }
    heading(
        &mut out,
        "The : command line: the command language (as in `vnetsketch run SCRIPT`)",
    );
    for c in COMMANDS {
        out.push((format!("  {}", c.syntax), Style::new().fg(Color::Yellow)));
        out.push((format!("      {}", c.doc), Style::new()));
    }
    heading(&mut out, "Rules behind the findings");
    for r in RULES {
        out.push((format!("  {} [{}] {}", r.id, r.severity, r.doc), Style::new()));
    }
    out
}

fn popup(area: Rect) -> Rect {
    centered(
        area,
        area.width.saturating_sub(4).min(120),
        area.height.saturating_sub(2),
    )
}

/// The largest useful scroll for a terminal of `size`.
pub fn max_scroll(size: (u16, u16)) -> u16 {
    let body = inner(popup(Rect::new(0, 0, size.0, size.1)));
    lines()
        .len()
        .saturating_sub(usize::from(body.height))
        .min(usize::from(u16::MAX)) as u16
}

/// Draws the help over `area`, from line `scroll`.
pub fn render(area: Rect, scroll: u16, buf: &mut Buffer) {
    let r = popup(area);
    Clear.render(r, buf);
    Block::bordered()
        .border_style(theme::pane_border(true))
        .title(" Help ")
        .render(r, buf);
    let body = inner(r);
    let all = lines();
    let start = usize::from(scroll).min(all.len().saturating_sub(usize::from(body.height)));
    for (i, (text, style)) in all.iter().skip(start).take(usize::from(body.height)).enumerate() {
        put(buf, body, i32::from(body.x), i32::from(body.y) + i as i32, text, *style);
    }
}
