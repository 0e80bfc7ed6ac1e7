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
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
