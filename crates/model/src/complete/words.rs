//! The words of a command line up to the cursor, read leniently (a quote may still be open): byte
//! ranges for replacing, texts with quotes removed for matching.

/// A word of the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Tok {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past it (in the whole line: the word under the cursor runs on past it).
    pub end: usize,
    /// Its text up to the cursor, quotes and escapes resolved.
    pub text: String,
    /// Byte offset of its first `=` outside quotes (where a value starts, one byte on).
    pub eq: Option<usize>,
}

/// The line read up to `cursor`: the words before the one under the cursor, and that one (empty,
/// at the cursor, when the cursor follows whitespace). `None` inside a comment.
pub(super) fn split(line: &str, cursor: usize) -> Option<(Vec<Tok>, Tok)> {
    let mut done: Vec<Tok> = Vec::new();
    let mut current: Option<Tok> = None;
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in line[..cursor].char_indices() {
        if quoted {
            let tok = current.as_mut()?;
            if escaped {
                tok.text.push(c);
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                quoted = false;
            } else {
                tok.text.push(c);
            }
            continue;
        }
        if c == '#' {
            return None;
        }
        if c.is_whitespace() {
            if let Some(mut tok) = current.take() {
                tok.end = i;
                done.push(tok);
            }
            continue;
        }
        let tok = current.get_or_insert_with(|| Tok {
            start: i,
            end: i,
            text: String::new(),
            eq: None,
        });
        if c == '"' {
            quoted = true;
        } else {
            if c == '=' && tok.eq.is_none() {
                tok.eq = Some(i);
            }
            tok.text.push(c);
        }
    }
    let mut tok = current.unwrap_or(Tok {
        start: cursor,
        end: cursor,
        text: String::new(),
        eq: None,
    });
    // The word under the cursor ends where the line's next whitespace (or comment) is.
    let rest = &line[cursor..];
    tok.end = cursor + rest.find(|c: char| c.is_whitespace() || c == '#').unwrap_or(rest.len());
    Some((done, tok))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_before_and_under_the_cursor() {
        let (done, cur) = split("link s2s hu", 11).expect("words");
        let texts: Vec<&str> = done.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["link", "s2s"]);
        assert_eq!((cur.start, cur.end, cur.text.as_str()), (9, 11, "hu"));
        let (done, cur) = split("link s2s ", 9).expect("words");
        assert_eq!((done.len(), cur.start, cur.end, cur.text.as_str()), (2, 9, 9, ""));
        // In the middle of a word: the text is what is before the cursor, the range the whole word.
        let (_, cur) = split("set hub regoin=x", 10).expect("words");
        assert_eq!((cur.start, cur.end, cur.text.as_str()), (8, 16, "re"));
        // An open quote keeps spaces in the word.
        let (done, cur) = split("site dc 10.0.0.0/8 location=\"New Y", 34).expect("words");
        assert_eq!((done.len(), cur.text.as_str(), cur.eq), (3, "location=New Y", Some(27)));
        assert_eq!(split("vnet a # note", 13), None, "a comment completes nothing");
    }
}
