//! Reach mode on the canvas: how a node's box shows whether the source reaches it. The canvas calls
//! [`mark_box`] once per box it drew; the answer is the model's, kept in [`ReachView`] by the update
//! room, so drawing looks it up and searches nothing. Colour is never the only cue: the source is
//! tagged `from`, a reached node `✓`, and a node not reached `✗` with its whole box dimmed (the DIM
//! modifier shows without colour, under `NO_COLOR` too).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::theme::{patch_style, put};
use crate::tui::geometry::text::width;
use crate::tui::state::{App, ReachView};

/// How reach mode shows one node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// The node reach mode started from.
    Source,
    /// The source reaches it.
    Reached,
    /// The source does not reach it: dimmed.
    Unreached,
}

impl Look {
    /// The tag on the box's bottom border.
    pub fn tag(self) -> &'static str {
        match self {
            Look::Source => " from ",
            Look::Reached => " ✓ ",
            Look::Unreached => " ✗ ",
        }
    }

    fn style(self) -> Style {
        match self {
            Look::Source => Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            Look::Reached => Style::new().fg(Color::LightGreen).add_modifier(Modifier::BOLD),
            Look::Unreached => dimmed(),
        }
    }
}

fn dimmed() -> Style {
    Style::new().fg(Color::DarkGray).add_modifier(Modifier::DIM)
}

/// How reach mode shows `name`; `None` when reach mode is off.
pub fn look(view: Option<&ReachView>, name: &str) -> Option<Look> {
    let view = view?;
    Some(if view.source == name {
        Look::Source
    } else if view.reaches(name) {
        Look::Reached
    } else {
        Look::Unreached
    })
}

/// Marks the box of node `name` drawn with its top-left corner at screen cell `at` and `size`
/// (columns, rows), clipped to `clip`: its tag on the bottom border (where it fits inside the
/// corners), and a node not reached dimmed all over. Nothing when reach mode is off.
pub fn mark_box(app: &App, name: &str, buf: &mut Buffer, clip: Rect, at: (i32, i32), size: (i32, i32)) {
    let Some(look) = look(app.reach.as_ref(), name) else {
        return;
    };
    let ((x0, y0), (w, h)) = (at, size);
    if look == Look::Unreached {
        for y in y0..y0 + h {
            for x in x0..x0 + w {
                patch_style(buf, clip, x, y, dimmed());
            }
        }
    }
    let tag = look.tag();
    if width(tag) as i32 + 4 <= w {
        put(buf, clip, x0 + 2, y0 + h - 1, tag, look.style());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_node_gets_one_look_from_the_kept_answer() {
        let view = ReachView::new("a".into(), 1, vec!["a".into(), "b".into()], 3);
        assert_eq!(look(None, "a"), None);
        assert_eq!(look(Some(&view), "a"), Some(Look::Source));
        assert_eq!(look(Some(&view), "b"), Some(Look::Reached));
        assert_eq!(look(Some(&view), "c"), Some(Look::Unreached));
    }

    #[test]
    fn a_node_not_reached_is_dim_and_tagged_without_colour() {
        let mut app = App::new(vnetsketch_model::Design::default(), None);
        app.reach = Some(ReachView::new("a".into(), 1, vec!["a".into()], 2));
        let area = Rect::new(0, 0, 12, 3);
        let mut buf = Buffer::empty(area);
        mark_box(&app, "c", &mut buf, area, (0, 0), (12, 3));
        let row: String = (0..12).map(|x| buf[(x, 2)].symbol().to_owned()).collect();
        assert_eq!(row.trim(), "✗", "{row:?}");
        assert!((0..12).all(|x| buf[(x, 0)].modifier.contains(Modifier::DIM)));
        // Too narrow for the tag: the box is left as drawn, no border cell overwritten.
        let mut narrow = Buffer::empty(Rect::new(0, 0, 4, 3));
        mark_box(&app, "a", &mut narrow, area, (0, 0), (4, 3));
        assert!((0..4).all(|x| narrow[(x, 2)].symbol() == " "));
    }
}
