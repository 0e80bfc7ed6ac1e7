//! Small text helpers shared by the model's messages.

/// `a, b or c`: the words of a closed list, for messages that say what was expected.
pub(crate) fn or_list(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// "unknown WHAT `WORD`: expected a, b or c": the refusal of a word outside a closed list.
pub(crate) fn unknown(what: &str, word: &str, names: &[&str]) -> String {
    format!("unknown {what} `{word}`: expected {}", or_list(names))
}
