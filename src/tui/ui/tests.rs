//! Wide characters (`東京`: two terminal cells each) on the screen: text is measured in cells, so a
//! box keeps its right border in line and no character hides another. File paths and typed text
//! are where they come from (names and property values are ASCII by the model's rules).

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;
use vnetsketch_model::Design;

use crate::tui::action::Action;
use crate::tui::geometry::screen::ScreenAreas;
use crate::tui::state::App;
use crate::tui::test_support::{HUB_SPOKE, app, key, press, terminal};
use crate::tui::update::update;

/// What a terminal shows on row `y`: the column and symbol of each cell drawn, leaving out the
/// cells a wide character covers, as ratatui's diff leaves them out (measured here with
/// `unicode-width` itself, not with the code under test).
fn shown_row(buf: &Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let mut covered = 0;
    for x in 0..buf.area.width {
        let symbol = buf[(x, y)].symbol();
        if covered > 0 {
            covered -= 1;
            continue;
        }
        out.push((x, symbol.to_owned()));
        covered = symbol.width().saturating_sub(1);
    }
    out
}

/// The symbol a terminal shows at column `x` of row `y` (`None`: covered by a wide character).
fn shown_at(buf: &Buffer, x: u16, y: u16) -> Option<String> {
    shown_row(buf, y).into_iter().find(|(c, _)| *c == x).map(|(_, s)| s)
}

/// What a terminal shows between columns `from` and `to` (exclusive) of row `y`, trimmed.
fn text_between(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    let row: String = shown_row(buf, y)
        .into_iter()
        .filter(|(x, _)| *x > from && *x < to)
        .map(|(_, s)| s)
        .collect();
    row.trim().to_owned()
}

const PATH: &str = "saves/東京/大阪/名古屋/福岡/札幌/仙台/広島/京都/神戸/横浜/千葉/埼玉/東京-hub.ron";

#[test]
fn a_message_about_a_file_with_a_wide_name_keeps_its_box_and_every_character() {
    let mut a = App::unreadable(
        PATH.into(),
        &format!("{PATH}:3:14: expected a CIDR prefix, found `10.0.0.0/40`"),
    );
    a.autosave.dir = None;
    a.doc.design = Design::default();
    update(&mut a, Action::Resize(80, 24));
    let t = terminal(&a);
    let buf = t.backend().buffer();
    let top = (0..24)
        .find(|y| text_between(buf, *y, 0, 80).contains("Could not open the file"))
        .expect("the message box");
    let row = shown_row(buf, top);
    let left = row
        .iter()
        .find(|(_, s)| s == "┌")
        .map(|(x, _)| *x)
        .expect("top-left corner");
    let right = row
        .iter()
        .rev()
        .find(|(_, s)| s == "┐")
        .map(|(x, _)| *x)
        .expect("top-right corner");
    let mut y = top + 1;
    let mut body = String::new();
    while shown_at(buf, left, y).as_deref() == Some("│") {
        assert_eq!(
            shown_at(buf, right, y).as_deref(),
            Some("│"),
            "row {y}: the right border is at column {right}\n{}",
            t.backend()
        );
        body.push_str(&text_between(buf, y, left, right));
        y += 1;
    }
    assert_eq!(shown_at(buf, left, y).as_deref(), Some("└"), "{}", t.backend());
    assert_eq!(shown_at(buf, right, y).as_deref(), Some("┘"), "{}", t.backend());
    assert!(body.contains(PATH), "every character of the path shows:\n{body}");
}

/// Asserts that every row of the inspector pane shows its right border, and returns the pane's
/// inside as a terminal shows it, row by row.
fn inspector_rows(a: &App) -> Vec<String> {
    let t = terminal(a);
    let buf = t.backend().buffer();
    let pane = ScreenAreas::of_size(a.size).expect("usable").inspector;
    let right = pane.right() - 1;
    (pane.y + 1..pane.bottom() - 1)
        .map(|y| {
            assert_eq!(
                shown_at(buf, right, y).as_deref(),
                Some("│"),
                "row {y}: the inspector's right border at column {right}\n{}",
                t.backend()
            );
            text_between(buf, y, pane.x, right)
        })
        .collect()
}

#[test]
fn wide_text_typed_into_an_inspector_field_stays_inside_the_pane() {
    let mut a = app(HUB_SPOKE, 120, 40);
    press(&mut a, "n\tj\n");
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    let typed = "東京大阪名古屋福岡札幌仙台広島京都神戸横浜千葉埼玉".repeat(2);
    press(&mut a, &typed);
    let rows = inspector_rows(&a);
    let field = rows
        .iter()
        .find(|r| r.starts_with("prefixes"))
        .expect("the field's row");
    assert!(field.ends_with("千葉埼玉"), "the end of what was typed shows: {field}");
    // The cursor is the cell right after the text.
    let t = terminal(&a);
    let buf = t.backend().buffer();
    let (x, y) = (0..a.size.1)
        .flat_map(|y| shown_row(buf, y).into_iter().map(move |(x, s)| (x, y, s)))
        .filter(|(_, _, s)| s == "玉")
        .map(|(x, y, _)| (x, y))
        .next_back()
        .expect("the last character");
    let cursor = &buf[(x + 2, y)];
    assert!(
        cursor.modifier.contains(ratatui::style::Modifier::REVERSED),
        "the cursor after the text: {cursor:?}"
    );
    // Refused: the model's reason, naming the text, wraps under the field, inside the pane.
    press(&mut a, "\n");
    let rows = inspector_rows(&a);
    let reason: String = rows
        .iter()
        .skip_while(|r| !r.starts_with("prefixes"))
        .skip(1)
        .cloned()
        .collect();
    assert!(reason.contains(&typed), "the reason names the whole text: {rows:#?}");
}
