//! Small text helpers shared by the model's messages.

use std::borrow::Cow;
use std::fmt::Write as _;

use ipnet::IpNet;

/// `a, b or c`: the words of a closed list, for messages that say what was expected.
pub(crate) fn or_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// "unknown WHAT `WORD` (did you mean B?): expected a, b or c": the refusal of a word outside a
/// closed list, with the nearest word of the list when one is near.
pub(crate) fn unknown(what: &str, word: &str, names: &[&str]) -> String {
    let hint = crate::suggest::hint(crate::suggest::did_you_mean(word, names.iter().copied()));
    format!("unknown {what} `{word}`{hint}: expected {}", or_list(names))
}

/// Prefixes as `a,b,c` for messages (at most 4, then a count).
pub(crate) fn show_nets(nets: &[IpNet]) -> String {
    let mut s: Vec<String> = nets.iter().take(4).map(ToString::to_string).collect();
    if nets.len() > 4 {
        s.push(format!("and {} more", nets.len() - 4));
    }
    if s.is_empty() {
        "no prefix".to_owned()
    } else {
        s.join(",")
    }
}

/// Prefixes as the command language writes them: `10.0.0.0/16,10.1.0.0/16` (all of them).
pub(crate) fn join_nets(nets: &[IpNet]) -> String {
    nets.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")
}

/// Names as `a, b, c` for messages (at most 5, then a count).
pub(crate) fn show_names(names: &[&str]) -> String {
    let mut s: Vec<String> = names.iter().take(5).map(|n| (*n).to_owned()).collect();
    if names.len() > 5 {
        s.push(format!("and {} more", names.len() - 5));
    }
    s.join(", ")
}

/// `value` as a command line writes it: as it is when it is one plain word, else in quotes with
/// `"` and `\` escaped (a value with whitespace, a quote, a backslash or `#`, or an empty one).
///
/// # Examples
/// ```
/// use vnetsketch_model::quote_value;
/// assert_eq!(quote_value("Amsterdam"), "Amsterdam");
/// assert_eq!(quote_value("New York"), "\"New York\"");
/// assert_eq!(quote_value(r#"say "hi" \o/"#), r#""say \"hi\" \\o/""#);
/// ```
pub fn quote_value(value: &str) -> Cow<'_, str> {
    let plain = !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '"' | '\\' | '#'));
    if plain {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    Cow::Owned(out)
}

/// Appends `s` to `out` as a JSON string literal (quotes, backslashes and control characters
/// escaped): for writers that build JSON text directly, faster than a `serde_json::Value`.
pub fn json_str(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Runs that need no escape are copied whole; every byte escaped is ASCII, so the runs end on
    // character boundaries.
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            b if b < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::json_str;

    #[test]
    fn json_strings_escape_only_what_json_needs() {
        let mut s = String::new();
        json_str(&mut s, "hub-01 «é» \"q\" a\\b\tc\nd\re\u{7}f\u{1f}");
        assert_eq!(s, r#""hub-01 «é» \"q\" a\\b\tc\nd\re\u0007f\u001f""#);
        let back: String = serde_json::from_str(&s).unwrap();
        assert_eq!(back, "hub-01 «é» \"q\" a\\b\tc\nd\re\u{7}f\u{1f}");
        json_str(&mut s, "");
        assert!(s.ends_with(r#"f\u001f""""#));
    }
}
