//! The minimap: in the pane's bottom-right corner when the design is larger than the pane, the whole
//! design scaled down (a dot where nodes are) with the part the pane shows outlined, so a large design
//! has a "you are here".

use ratatui::buffer::Buffer;
use ratatui::layout::Rect as Area;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Block, Clear, Widget};

use super::pane::Pane;
use crate::tui::geometry::minimap::{Scale, area};
use crate::tui::state::document::Document;
use crate::tui::ui::theme::{self, put_char};
use vnetsketch_model::Pos;

/// Draws the minimap of the design (its bounds and where its nodes are), the pane's view marked.
pub fn draw(buf: &mut Buffer, pane: &Pane, doc: &Document) {
    let bounds = doc.sketch().bounds;
    let Some(outer) = area(pane.clip) else { return };
    Clear.render(outer, buf);
    Block::bordered()
        .border_style(theme::dim())
        .title(" map ")
        .render(outer, buf);
    let inside = Area::new(outer.x + 1, outer.y + 1, outer.width - 2, outer.height - 2);
    let Some(scale) = Scale::new(inside, bounds) else {
        return;
    };
    let dots = Style::new().fg(theme::node_color(vnetsketch_model::design::NodeKind::Vnet));
    for (x, y) in doc.minimap_dots(scale).cells() {
        put_char(buf, inside, x, y, '·', dots);
    }
    let seen = pane.view.world().intersection(&bounds);
    if seen.is_empty() {
        return;
    }
    let (x0, y0) = scale.cell(seen.origin());
    let (x1, y1) = scale.cell(Pos {
        x: seen.right() - 1,
        y: seen.bottom() - 1,
    });
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
