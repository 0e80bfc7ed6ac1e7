//! Text measured in terminal cells, not characters: a wide character (`東`) takes two cells, a
//! control character or a combining mark none. Whatever sizes, pads, cuts or wraps text for the
//! screen goes through these, so a box sized for its text holds it, and a line cut to a pane's
//! width stops at its border.

use unicode_width::UnicodeWidthChar;

/// The cells `c` takes: 2 for a wide character, 0 for a control character or a combining mark.
pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The cells `text` takes.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// `text` with spaces after it to fill `cells` cells (as it is when it is wider).
pub fn pad(text: &str, cells: usize) -> String {
    let mut out = text.to_owned();
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(width(text))));
    out
}

/// The longest start of `text` that fits in `cells` cells.
fn take(text: &str, cells: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += char_width(c);
        if used > cells {
            return &text[..i];
        }
    }
    text
}

/// `text` cut to `cells` cells, ending with `…` when it was wider.
pub fn ellipsize(text: &str, cells: usize) -> String {
    if width(text) <= cells {
        return text.to_owned();
    }
    if cells == 0 {
        return String::new();
    }
    let mut out = take(text, cells - 1).to_owned();
    out.push('…');
    out
}

/// `text` wrapped at spaces into lines of at most `cells` cells (a word wider than a line is cut;
/// a character wider than a line gets a line of its own).
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word;
        loop {
            let (len, wlen) = (width(&line), width(word));
            if line.is_empty() && wlen <= cells {
                word.clone_into(&mut line);
                break;
            }
            if !line.is_empty() && len + 1 + wlen <= cells {
                line.push(' ');
                line.push_str(word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than the line: cut it (at least one character, to move on).
            let mut head = take(word, cells);
            if head.is_empty() {
                head = word.chars().next().map_or(word, |c| &word[..c.len_utf8()]);
            }
            lines.push(head.to_owned());
            word = &word[head.len()..];
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The part of a field's `text` to show in `cells` cells so that the cursor (a character index)
/// shows, and the cursor's cell within it.
pub fn visible(text: &str, cursor: usize, cells: usize) -> (String, usize) {
    let cells = cells.max(1);
    let chars: Vec<char> = text.chars().collect();
    let cursor = cursor.min(chars.len());
    // Drop characters from the left until those before the cursor, and the cursor's cell, fit.
    let mut start = 0;
    let mut before: usize = chars[..cursor].iter().map(|c| char_width(*c)).sum();
    while before + 1 > cells && start < cursor {
        before -= char_width(chars[start]);
        start += 1;
    }
    let mut shown = String::new();
    let mut used = 0;
    for &c in &chars[start..] {
        used += char_width(c);
        if used > cells {
            break;
        }
        shown.push(c);
    }
    (shown, before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_and_cuts_long_ones() {
        assert_eq!(wrap("a bb ccc", 4), vec!["a bb", "ccc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert_eq!(ellipsize("abcdef", 4), "abc…");
    }

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(width("東京-hub"), 8);
        assert_eq!(pad("東京", 6), "東京  ");
        assert_eq!(ellipsize("東京大阪", 6), "東京…");
        assert_eq!(ellipsize("東京大阪", 8), "東京大阪");
        assert_eq!(wrap("東京 大阪名古屋", 6), vec!["東京", "大阪名", "古屋"]);
        assert_eq!(
            wrap("東京", 1),
            vec!["東", "京"],
            "a character wider than the line still moves on"
        );
        // The cursor at the end of a field 5 cells wide: two wide characters and the cursor's cell.
        assert_eq!(visible("ab東京", 4, 5), ("東京".to_owned(), 4));
        assert_eq!(visible("ab", 1, 2), ("ab".to_owned(), 1));
        assert_eq!(visible("bc d", 4, 2), ("d".to_owned(), 1));
    }
}
