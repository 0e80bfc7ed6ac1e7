//! Ranking candidates against what is typed: prefix matches first, then words that contain it, then
//! words that hold its letters in order (`2az` → `VpnGw2AZ`), each group in the order the source gave
//! (its best first); case is ignored, and at most [`MAX`] are kept.

use std::borrow::Cow;

/// Most candidates one completion lists.
pub const MAX: usize = 50;

/// A candidate before ranking: its text, how good it is for the position (0 best), and its note,
/// made only for the candidates kept.
pub(super) struct Item<'a, N> {
    /// The text that replaces the word.
    pub text: Cow<'a, str>,
    /// 0 for what fits the position best (a VNet with a VPN gateway for an S2S link), 1 for the rest.
    pub tier: u8,
    /// What the note is made from.
    pub note: N,
}

/// How `text` matches `lower` (the typed text in lower case): 0 a prefix, 1 a substring, 2 a
/// subsequence; `None` no match. The subsequence test comes first: it rejects most words in one pass.
fn class(text: &str, lower: &[u8]) -> Option<u8> {
    let t = text.as_bytes();
    if lower.is_empty() {
        return Some(0);
    }
    let mut j = 0;
    for b in t {
        if b.to_ascii_lowercase() == lower[j] {
            j += 1;
            if j == lower.len() {
                break;
            }
        }
    }
    if j < lower.len() {
        return None;
    }
    let at = |i: usize| {
        t[i..i + lower.len()]
            .iter()
            .zip(lower)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    };
    if at(0) {
        Some(0)
    } else if (1..=t.len() - lower.len()).any(at) {
        Some(1)
    } else {
        Some(2)
    }
}

/// The items that match `typed`, best first, at most [`MAX`], with their notes made by `note`.
pub(super) fn rank<'a, N>(
    typed: &str,
    items: impl IntoIterator<Item = Item<'a, N>>,
    note: impl Fn(&N) -> String,
) -> Vec<super::types::Candidate> {
    // (class, tier, order): one bucket per class and tier, filled in source order up to MAX each.
    let lower = typed.to_ascii_lowercase();
    let mut buckets: [Vec<Item<'a, N>>; 6] = Default::default();
    for item in items {
        let Some(c) = class(&item.text, lower.as_bytes()) else {
            continue;
        };
        let slot = usize::from(c) * 2 + usize::from(item.tier.min(1));
        if buckets[slot].len() < MAX {
            buckets[slot].push(item);
            // MAX of the best kind: nothing further can take their places.
            if slot == 0 && buckets[0].len() == MAX {
                break;
            }
        }
    }
    buckets
        .into_iter()
        .flatten()
        .take(MAX)
        .map(|item| super::types::Candidate {
            note: note(&item.note),
            text: item.text.into_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(typed: &str, words: &[&'static str]) -> Vec<String> {
        let items = words.iter().map(|w| Item {
            text: Cow::Borrowed(*w),
            tier: u8::from(w.starts_with('x')),
            note: (),
        });
        rank(typed, items, |()| String::new())
            .into_iter()
            .map(|c| c.text)
            .collect()
    }

    #[test]
    fn prefixes_then_substrings_then_subsequences_best_tier_first() {
        let skus = ["VpnGw1", "VpnGw2", "VpnGw2AZ", "Basic"];
        assert_eq!(texts("2az", &skus), ["VpnGw2AZ"]);
        assert_eq!(texts("vpngw2", &skus), ["VpnGw2", "VpnGw2AZ"]);
        assert_eq!(texts("gw", &skus), ["VpnGw1", "VpnGw2", "VpnGw2AZ"]);
        assert_eq!(texts("", &skus), skus);
        assert_eq!(
            texts("sp", &["xspoke", "spoke", "hub-sp", "s-p"]),
            ["spoke", "hub-sp", "xspoke", "s-p"]
        );
        let many: Vec<&'static str> = (0..80).map(|i| &*Box::leak(format!("n{i}").into_boxed_str())).collect();
        assert_eq!(texts("n", &many).len(), MAX);
    }
}
