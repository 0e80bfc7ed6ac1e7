//! [`Pane`]: where the canvas pane's cells are on the terminal, for the parts of the canvas that
//! draw into it (screen cells of the zoom level in, clipped terminal writes out).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use vnetsketch_model::Pos;

use crate::tui::geometry::view::View;
use crate::tui::ui::theme::{put, put_char};

/// Where the pane's cells are: the view (zoom level and origin) and the pane's inside on screen.
pub struct Pane {
    /// The pane's inside on the terminal.
    pub clip: Rect,
    /// What it shows.
    pub view: View,
}

impl Pane {
    /// The terminal cell of screen cell `p` of the zoom level.
    pub fn at(&self, p: Pos) -> (i32, i32) {
        (
            i32::from(self.clip.x) + p.x - self.view.origin.x,
            i32::from(self.clip.y) + p.y - self.view.origin.y,
        )
    }

    /// Writes `c` at screen cell `p` of the zoom level (clipped).
    pub fn put_char(&self, buf: &mut Buffer, p: Pos, c: char, style: Style) {
        let (x, y) = self.at(p);
        put_char(buf, self.clip, x, y, c, style);
    }

    /// Writes `text` from screen cell `p` of the zoom level (clipped).
    pub fn put(&self, buf: &mut Buffer, p: Pos, text: &str, style: Style) {
        let (x, y) = self.at(p);
        put(buf, self.clip, x, y, text, style);
    }

    /// The symbol at screen cell `p` of the zoom level (`None` off the pane).
    pub fn symbol<'b>(&self, buf: &'b Buffer, p: Pos) -> Option<&'b str> {
        let (x, y) = self.at(p);
        let clip = self.clip;
        if x < i32::from(clip.x)
            || y < i32::from(clip.y)
            || x >= i32::from(clip.right())
            || y >= i32::from(clip.bottom())
        {
            return None;
        }
        buf.cell((x as u16, y as u16)).map(ratatui::buffer::Cell::symbol)
    }
}
