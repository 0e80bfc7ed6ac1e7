//! A one-line text field: the command line, the inspector's in-place editor and the file prompts.

/// Text and a cursor (a character index, `0..=len`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
}

/// Longest text a field takes (the command language caps lines at 4096 bytes).
const MAX_CHARS: usize = 4096;

impl TextInput {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.chars().count();
        TextInput { text, cursor }
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a character index.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Inserts `c` at the cursor.
    pub fn insert(&mut self, c: char) {
        if c.is_control() || self.text.chars().count() >= MAX_CHARS {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts `s` at the cursor (line breaks become spaces).
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c });
        }
    }

    /// Deletes the character before the cursor.
    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Deletes the character under the cursor.
    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Moves the cursor one character left.
    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    /// Moves the cursor one character right.
    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    /// Replaces the text, the cursor at its end.
    pub fn set(&mut self, text: impl Into<String>) {
        *self = TextInput::new(text);
    }

    /// The cursor as a byte offset into the text.
    pub fn byte_cursor(&self) -> usize {
        self.byte_at(self.cursor)
    }

    /// Replaces the bytes `range` of the text (clamped to the text and to character boundaries)
    /// with `with` (line breaks become spaces, the length cap holds); the cursor goes after it.
    pub fn replace(&mut self, range: std::ops::Range<usize>, with: &str) {
        let fix = |mut at: usize| {
            at = at.min(self.text.len());
            while !self.text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let (start, end) = (fix(range.start), fix(range.end.max(range.start)));
        let tail = self.text.split_off(end);
        self.text.truncate(start);
        self.cursor = self.text.chars().count();
        self.insert_str(with);
        let cursor = self.cursor;
        for c in tail.chars() {
            self.insert(c);
        }
        self.cursor = cursor;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_moves_the_cursor_by_characters() {
        let mut t = TextInput::new("ab");
        t.left();
        t.insert('é');
        assert_eq!((t.text(), t.cursor()), ("aéb", 2));
        t.backspace();
        t.home();
        t.delete();
        assert_eq!((t.text(), t.cursor()), ("b", 0));
        t.end();
        t.insert_str("c\nd");
        assert_eq!(t.text(), "bc d");
    }

    #[test]
    fn a_range_is_replaced_and_the_cursor_ends_after_it() {
        let mut t = TextInput::new("set hé reg x");
        t.replace(8..11, "region=");
        assert_eq!((t.text(), t.cursor(), t.byte_cursor()), ("set hé region= x", 14, 15));
        t.replace(100..200, "!");
        assert_eq!(t.text(), "set hé region= x!");
        t.replace(6..6, "");
        assert_eq!(
            t.text(),
            "set hé region= x!",
            "inside a character: the boundary before it"
        );
    }
}
