//! Every screen at every size from 1x1 to 120x50, and a few up to 300x100: no panic, and the
//! layout or the "too small" message is always drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::test_support::SCREENS;
use super::{ui, update};

#[test]
fn no_screen_panics_at_any_size() {
    for (name, make) in SCREENS {
        let mut app = make(120, 40);
        let mut sizes: Vec<(u16, u16)> = (1..=120).flat_map(|w| (1..=50).map(move |h| (w, h))).collect();
        sizes.extend([(0, 0), (300, 100), (300, 1), (1, 100), (200, 60), (61, 99), (299, 17)]);
        for (w, h) in sizes {
            // The app learns the size as it would from the terminal, then draws.
            update::update(&mut app, Action::Resize(w, h));
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            ui::render_buffer(&app, area, &mut buf);
            if w >= 60 && h >= 16 {
                let top: String = (0..w)
                    .filter_map(|x| buf.cell((x, 0)).map(|c| c.symbol().to_owned()))
                    .collect();
                assert!(top.starts_with('┌') || top.contains('┌'), "{name} at {w}x{h}: {top}");
            }
        }
    }
}
