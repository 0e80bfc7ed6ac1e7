//! "Did you mean …?": the nearest known word to a word that is not one (a command, a key, a SKU, a
//! node name, a link kind), for refusals and completion. Case is ignored; a candidate is near when it
//! is at most two edits away (insertions, deletions, substitutions, swaps of neighbours; one for a
//! word of four letters or fewer, so `hub` is no typo of `run` nor `l2tp` of `sstp`) or a clear Jaro-Winkler match (a
//! long shared start: `peer` → `peering`).

use std::cmp::Ordering;

use strsim::{jaro_winkler, osa_distance};

/// Most edits a suggestion may be away from the word.
pub const MAX_EDITS: usize = 2;

/// The Jaro-Winkler similarity from which a candidate further than [`MAX_EDITS`] still counts.
const CLEAR_JARO_WINKLER: f64 = 0.9;

/// Edits between `a` and `b`, case ignored (optimal string alignment: a swap of two neighbours is one).
///
/// # Examples
/// ```
/// use vnetsketch_model::suggest::edits;
/// assert_eq!(edits("valdate", "validate"), 1);
/// assert_eq!(edits("LNIK", "link"), 1);
/// ```
pub fn edits(a: &str, b: &str) -> usize {
    osa_distance(&a.to_lowercase(), &b.to_lowercase())
}

/// The candidate nearest to `word`, if one is near enough. Near: at most two edits away (at most
/// one for a word of two to four characters; none for one character), or a Jaro-Winkler match of
/// 0.9 or more for a word of three characters or more. Nearest: the highest Jaro-Winkler similarity,
/// then the fewest edits; when two candidates are equally near (`VpnGw9`: `VpnGw1` … `VpnGw5`),
/// none is suggested.
///
/// # Examples
/// ```
/// use vnetsketch_model::suggest::did_you_mean;
/// let commands = ["vnet", "subnet", "link", "unlink", "set"];
/// assert_eq!(did_you_mean("lnk", commands), Some("link"));
/// assert_eq!(did_you_mean("VNTE", commands), Some("vnet"));
/// assert_eq!(did_you_mean("colour", commands), None);
/// ```
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let length = lower.chars().count();
    if length == 0 {
        return None;
    }
    // The best so far: the highest similarity, then the fewest edits (`peer` is nearer `peering`
    // than `er`, though `er` is fewer edits away).
    let allowed = match length {
        1 => 0,
        2..=4 => 1,
        _ => MAX_EDITS,
    };
    let mut best: Option<(&'a str, usize, f64)> = None;
    let mut tied = false;
    for candidate in candidates {
        let other = candidate.to_lowercase();
        let distance = osa_distance(&lower, &other);
        let similarity = jaro_winkler(&lower, &other);
        let near = distance <= allowed || (length >= 3 && similarity >= CLEAR_JARO_WINKLER);
        if !near {
            continue;
        }
        // Greater: nearer than the best so far.
        let order = best.map_or(Ordering::Greater, |(_, d, s)| {
            similarity.total_cmp(&s).then(d.cmp(&distance))
        });
        match order {
            Ordering::Less => {}
            // Two candidates as near as each other: neither is the one meant.
            Ordering::Equal => tied = true,
            Ordering::Greater => {
                best = Some((candidate, distance, similarity));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(candidate, _, _)| candidate)
}

/// ` (did you mean X?)` when `suggestion` is some, for the end of a refusal; empty otherwise.
pub fn hint(suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| format!(" (did you mean {s}?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_words_are_suggested_and_far_ones_are_not() {
        let subcommands = [
            "run", "validate", "estimate", "export", "rules", "generate", "example", "schema",
        ];
        assert_eq!(did_you_mean("valdate", subcommands), Some("validate"));
        assert_eq!(did_you_mean("exprot", subcommands), Some("export"));
        assert_eq!(did_you_mean("Estimat", subcommands), Some("estimate"));
        assert_eq!(
            did_you_mean("hub", subcommands),
            None,
            "two edits of three letters are too many"
        );
        assert_eq!(did_you_mean("rn", subcommands), Some("run"));
        assert_eq!(did_you_mean("mydesign", subcommands), None);
        assert_eq!(did_you_mean("", subcommands), None);
        assert_eq!(
            did_you_mean("x", ["a", "ab"]),
            None,
            "a one-letter word is not a typo of another"
        );
        let kinds = ["s2s", "p2s", "v2v", "peering", "er"];
        assert_eq!(
            did_you_mean("peer", kinds),
            Some("peering"),
            "a clear Jaro-Winkler match"
        );
        assert_eq!(did_you_mean("s2", kinds), Some("s2s"));
        assert_eq!(did_you_mean("tunnel", kinds), None);
    }

    #[test]
    fn the_closest_match_wins_and_a_tie_suggests_nothing() {
        assert_eq!(did_you_mean("vpngw2", ["VpnGw1", "VpnGw2", "VpnGw2AZ"]), Some("VpnGw2"));
        assert_eq!(
            did_you_mean("spoke", ["spoke1", "spoke2"]),
            None,
            "a tie suggests nothing"
        );
        assert_eq!(did_you_mean("spoke", ["spoke1", "hub"]), Some("spoke1"));
        assert_eq!(did_you_mean("VpnGw9", ["VpnGw1", "VpnGw2", "VpnGw1AZ"]), None);
        assert_eq!(hint(Some("link")), " (did you mean link?)");
        assert_eq!(hint(None), "");
    }
}
