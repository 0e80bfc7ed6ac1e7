//! Splitting a command line into words, and quoting a value so it reads back as one word.
//!
//! Words are separated by whitespace; `#` outside quotes starts a comment. A `"` anywhere in a word
//! opens a quoted part that runs to the next unescaped `"`: inside it whitespace and `#` are text,
//! `\"` is a quote and `\\` a backslash (any other `\` is kept as it is). So
//! `location="New York"` is the one word `location=New York`. `quote_value` (in `text.rs`, where
//! the model's printers reach it) is the inverse: it quotes a value only when the value needs it.

use std::borrow::Cow;

use crate::error::ParseError;

/// One word of a line, quotes removed, with the 1-based column (in characters) where it starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Word<'a> {
    /// The word's text, its quotes and escapes resolved (borrowed when it had none).
    pub text: Cow<'a, str>,
    /// 1-based column of its first character.
    pub column: usize,
}

/// The words of `line` and the column just past its last word (where "expected more" points).
/// An unterminated quote is refused at the column of its opening `"`.
pub(super) fn words(line: &str) -> Result<(Vec<Word<'_>>, usize), ParseError> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    let mut column = 0; // characters consumed so far
    let mut end_column = 1;
    while let Some(&(start, c)) = chars.peek() {
        if c == '#' {
            break;
        }
        if c.is_whitespace() {
            chars.next();
            column += 1;
            continue;
        }
        let word_column = column + 1;
        let mut owned: Option<String> = None;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() || c == '#' {
                break;
            }
            chars.next();
            column += 1;
            if c != '"' {
                if let Some(o) = owned.as_mut() {
                    o.push(c);
                }
                end = i + c.len_utf8();
                continue;
            }
            // A quoted part: copy the word so far, then the quoted text with its escapes resolved.
            let text = owned.get_or_insert_with(|| line[start..i].to_owned());
            let quote_column = column;
            let mut closed = false;
            while let Some((j, q)) = chars.next() {
                column += 1;
                end = j + q.len_utf8();
                match q {
                    '"' => {
                        closed = true;
                        break;
                    }
                    '\\' => match chars.peek() {
                        Some(&(k, e @ ('"' | '\\'))) => {
                            chars.next();
                            column += 1;
                            end = k + 1;
                            text.push(e);
                        }
                        _ => text.push('\\'),
                    },
                    other => text.push(other),
                }
            }
            if !closed {
                return Err(ParseError {
                    column: quote_column,
                    word: line[start..].trim_end().to_owned(),
                    message: "unterminated quote: a quoted value ends with `\"` (write `\\\"` for a quote inside it)"
                        .to_owned(),
                });
            }
        }
        out.push(Word {
            text: owned.map_or(Cow::Borrowed(&line[start..end]), Cow::Owned),
            column: word_column,
        });
        end_column = column + 1;
    }
    Ok((out, end_column))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::quote_value;

    fn texts(line: &str) -> Vec<String> {
        let (words, _) = words(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        words.into_iter().map(|w| w.text.into_owned()).collect()
    }

    #[test]
    fn quotes_join_words_and_escapes_resolve() {
        assert_eq!(
            texts("site dc 10.0.0.0/8 location=\"New York\""),
            ["site", "dc", "10.0.0.0/8", "location=New York"]
        );
        assert_eq!(
            texts(r#"set a location="say \"hi\" \\ # not a comment" # a comment"#),
            ["set", "a", r#"location=say "hi" \ # not a comment"#]
        );
        assert_eq!(
            texts(r#"set a location="" x="a\b""#),
            ["set", "a", "location=", r"x=a\b"]
        );
        assert_eq!(texts("  # only a comment"), Vec::<String>::new());
    }

    #[test]
    fn columns_count_characters_past_quotes() {
        let (w, end) = words("set é location=\"a b\" x").expect("words");
        let columns: Vec<usize> = w.iter().map(|w| w.column).collect();
        assert_eq!(columns, [1, 5, 7, 22]);
        assert_eq!(end, 23);
    }

    #[test]
    fn an_unterminated_quote_names_its_column() {
        let e = words("site dc 10.0.0.0/8 location=\"New York").expect_err("unterminated");
        assert_eq!(e.column, 29);
        assert!(e.message.contains("unterminated quote"), "{}", e.message);
        assert_eq!(e.word, "location=\"New York");
        let e = words(r#"set a x="ends in an escaped quote\""#).expect_err("escaped");
        assert_eq!(e.column, 9);
    }

    #[test]
    fn a_quoted_value_reads_back_as_itself() {
        for value in [
            "",
            "plain",
            "New York",
            "a\"b",
            "a\\b",
            "tab\there",
            "# hash",
            "\\\"",
            "é ü",
        ] {
            let line = format!("set a location={}", quote_value(value));
            let got = texts(&line);
            assert_eq!(
                got.last().map(String::as_str),
                Some(format!("location={value}").as_str()),
                "{line}"
            );
        }
    }
}
