//! Small text helpers shared by the model's messages.

use ipnet::IpNet;

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

/// Names as `a, b, c` for messages (at most 5, then a count).
pub(crate) fn show_names(names: &[&str]) -> String {
    let mut s: Vec<String> = names.iter().take(5).map(|n| (*n).to_owned()).collect();
    if names.len() > 5 {
        s.push(format!("and {} more", names.len() - 5));
    }
    s.join(", ")
}
