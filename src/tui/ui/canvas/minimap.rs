//! The minimap: in the pane's bottom-right corner when the design is larger than the pane, the whole
//! design scaled down (a dot where nodes are) with the part the pane shows outlined, so a large design
//! has a "you are here".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect as Area;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::pane::Pane;
use crate::tui::state::Sketch;
use crate::tui::ui::theme::{self, put_char};

/// The smallest pane that gets a minimap (columns, rows).
const MIN_PANE: (u16, u16) = (60, 20);

/// Where the minimap goes in a pane's inside `clip` (`None` when the pane is too small for one).
pub fn area(clip: Area) -> Option<Area> {
    if clip.width < MIN_PANE.0 || clip.height < MIN_PANE.1 {
        return None;
    }
    let w = (clip.width / 4).clamp(14, 34);
    let h = (clip.height / 3).clamp(6, 12);
    Some(Area::new(clip.right() - w, clip.bottom() - h, w, h))
}

/// Draws the minimap of the design (its bounds and positions), the pane's view marked.
pub fn draw(buf: &mut Buffer, pane: &Pane, sketch: &Sketch) {
    let bounds = sketch.bounds;
    let Some(outer) = area(pane.clip) else { return };
    Clear.render(outer, buf);
    Block::bordered()
        .border_style(theme::dim())
        .title(" map ")
        .render(outer, buf);
    let inside = Area::new(outer.x + 1, outer.y + 1, outer.width - 2, outer.height - 2);
    let (iw, ih) = (i64::from(inside.width), i64::from(inside.height));
    if bounds.is_empty() || iw <= 0 || ih <= 0 {
        return;
    }
    // World cell to minimap cell, by the same scale on both axes' share of the bounds.
    let cell = |x: i32, y: i32| -> (i32, i32) {
        let cx = (i64::from(x - bounds.x) * iw).div_euclid(i64::from(bounds.w.max(1)));
        let cy = (i64::from(y - bounds.y) * ih).div_euclid(i64::from(bounds.h.max(1)));
        (
            i32::from(inside.x) + cx.clamp(0, iw - 1) as i32,
            i32::from(inside.y) + cy.clamp(0, ih - 1) as i32,
        )
    };
    let dots = Style::new().fg(theme::node_color(vnetsketch_model::design::NodeKind::Vnet));
    for p in &sketch.positions {
        let (x, y) = cell(p.x, p.y);
        put_char(buf, inside, x, y, '·', dots);
    }
    let seen = pane.view.world().intersection(&bounds);
    if seen.is_empty() {
        return;
    }
    let (x0, y0) = cell(seen.x, seen.y);
    let (x1, y1) = cell(seen.right() - 1, seen.bottom() - 1);
    // The view: a heavy outline (a block when it covers one row or column), readable without
    // colour and in a text capture.
    let mark = Style::new().add_modifier(Modifier::BOLD);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let c = match (x == x0, x == x1, y == y0, y == y1) {
                _ if x0 == x1 || y0 == y1 => '█',
                (true, _, true, _) => '┏',
                (_, true, true, _) => '┓',
                (true, _, _, true) => '┗',
                (_, true, _, true) => '┛',
                (_, _, true, _) | (_, _, _, true) => '━',
                (true, _, _, _) | (_, true, _, _) => '┃',
                _ => continue,
            };
            put_char(buf, inside, x, y, c, mark);
        }
    }
}
