//! Small text helpers shared by the model's messages.

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
