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
    let bag = Bag::of(&lower);
    let mut best: Option<(&'a str, usize, f64)> = None;
    let mut tied = false;
    for candidate in candidates {
        if !bag.may_be_near(&lower, candidate, allowed) {
            continue;
        }
        // Within `allowed` edits, by the banded count where both are ASCII (no allocation).
        let within = if lower.is_ascii() && candidate.is_ascii() {
            osa_within(lower.as_bytes(), candidate.as_bytes(), allowed)
        } else {
            Some(osa_distance(&lower, &candidate.to_lowercase())).filter(|d| *d <= allowed)
        };
        if within.is_none() && (length < 3 || !bag.may_match_clearly(&lower, candidate)) {
            continue;
        }
        let other = candidate.to_lowercase();
        let similarity = jaro_winkler(&lower, &other);
        if within.is_none() && similarity < CLEAR_JARO_WINKLER {
            continue;
        }
        let distance = within.unwrap_or_else(|| osa_distance(&lower, &other));
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

/// The letters of an ASCII word, counted: a cheap bound that rules out most candidates before the
/// exact measures run (thousands of node names on every keystroke of a misspelt one).
struct Bag {
    /// How many of each ASCII character (lower case); `None` for a word that is not ASCII.
    counts: Option<[u16; 128]>,
    /// Characters in the word.
    len: usize,
}

impl Bag {
    fn of(lower: &str) -> Bag {
        let mut counts = [0u16; 128];
        for b in lower.bytes() {
            if let Some(n) = counts.get_mut(usize::from(b)) {
                *n = n.saturating_add(1);
            }
        }
        Bag {
            counts: lower.is_ascii().then_some(counts),
            len: lower.chars().count(),
        }
    }

    /// `false` only when `candidate` can be neither within `allowed` edits of the word (`lower`) nor a
    /// clear Jaro-Winkler match: the characters the two share bound both from the wrong side (an edit
    /// changes at most one shared character; Jaro counts at most the shared characters as matches).
    fn may_be_near(&self, lower: &str, candidate: &str, allowed: usize) -> bool {
        let Some(mut counts) = self.counts.filter(|_| candidate.is_ascii()) else {
            return true;
        };
        // By the lengths alone: too far apart for the edits, and, without a shared first letter (no
        // Winkler bonus), too unequal for Jaro to reach 0.9 (that needs the shorter at 70% of the longer).
        let (short, long) = (self.len.min(candidate.len()), self.len.max(candidate.len()));
        let first = lower.bytes().next() == candidate.bytes().next().map(|b| b.to_ascii_lowercase());
        if long - short > allowed && !first && short * 10 < long * 7 {
            return false;
        }
        let mut shared = 0usize;
        for b in candidate.bytes() {
            let n = &mut counts[usize::from(b.to_ascii_lowercase())];
            if *n > 0 {
                *n -= 1;
                shared += 1;
            }
        }
        let (a, b) = (self.len, candidate.len());
        if a.max(b) - shared <= allowed {
            return true;
        }
        a >= 3 && jaro_winkler_bound(lower, candidate, shared, a) >= CLEAR_JARO_WINKLER
    }

    /// `false` only when `candidate` cannot be a clear Jaro-Winkler match of the word (`lower`).
    fn may_match_clearly(&self, lower: &str, candidate: &str) -> bool {
        let Some(mut counts) = self.counts.filter(|_| candidate.is_ascii()) else {
            return true;
        };
        let shared = candidate
            .bytes()
            .filter(|b| {
                let n = &mut counts[usize::from(b.to_ascii_lowercase())];
                let hit = *n > 0;
                *n = n.saturating_sub(1);
                hit
            })
            .count();
        jaro_winkler_bound(lower, candidate, shared, self.len) >= CLEAR_JARO_WINKLER
    }
}

/// The highest Jaro-Winkler similarity two ASCII words of `a` characters (`lower`) and `candidate`
/// sharing `shared` characters can have: Jaro counts at most the shared characters as matches.
fn jaro_winkler_bound(lower: &str, candidate: &str, shared: usize, a: usize) -> f64 {
    if shared == 0 {
        return 0.0;
    }
    let b = candidate.len();
    let prefix = lower
        .bytes()
        .zip(candidate.bytes())
        .take(4)
        .take_while(|(x, y)| *x == y.to_ascii_lowercase())
        .count();
    let m = shared as f64;
    let jaro = (m / a as f64 + m / b as f64 + 1.0) / 3.0;
    jaro + 0.1 * prefix as f64 * (1.0 - jaro)
}

/// The optimal-string-alignment distance of two ASCII words (`a` in lower case; `b` compared in
/// lower case) when it is at most `k`, counting only the cells within `k` of the diagonal; `None`
/// when it is more. Words longer than a name are left to the exact measure.
fn osa_within(a: &[u8], b: &[u8], k: usize) -> Option<usize> {
    // Room for a name (80 characters at most) and the band; longer words take the exact measure.
    const W: usize = 84;
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    if a.len() + 1 >= W || b.len() + 1 >= W || k > MAX_EDITS {
        let distance = osa_distance(std::str::from_utf8(a).ok()?, &String::from_utf8_lossy(b).to_lowercase());
        return (distance <= k).then_some(distance);
    }
    // Cells hold distances up to `far`: bytes suffice (k is at most MAX_EDITS).
    let far = (k + 1) as u8;
    // Rows i - 2, i - 1 and i of the table, by i mod 3; cells off the band read as `far`.
    let mut rows = [[far; W]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(b.len().min(k) + 1) {
        *cell = j as u8;
    }
    for i in 1..=a.len() {
        let (from, to) = (i.saturating_sub(k).max(1), (i + k).min(b.len()));
        let [two, one, row] = [(i + 1) % 3, (i + 2) % 3, i % 3];
        let low = from - 1;
        rows[row][low..=(to + 1).min(W - 1)].fill(far);
        let mut best = far;
        if i <= k {
            rows[row][0] = i as u8;
            best = i as u8;
        }
        for j in from..=to {
            let (here, there) = (a[i - 1], b[j - 1].to_ascii_lowercase());
            let mut cell = (rows[one][j - 1] + u8::from(here != there))
                .min(rows[one][j] + 1)
                .min(rows[row][j - 1] + 1);
            if i > 1 && j > 1 && here == b[j - 2].to_ascii_lowercase() && a[i - 2] == there {
                cell = cell.min(rows[two][j - 2] + 1);
            }
            rows[row][j] = cell.min(far);
            best = best.min(cell);
        }
        if best >= far {
            return None;
        }
    }
    let distance = usize::from(rows[a.len() % 3][b.len()]);
    (distance <= k).then_some(distance)
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

    /// The cheap bound never rules out what the exact measures would keep.
    #[test]
    fn the_letter_count_bound_keeps_every_near_word() {
        let words = [
            "hub",
            "hbu",
            "spoke1",
            "spoke-0003-01",
            "spoke-0003-10",
            "branch-0003-0",
            "peer",
            "peering",
            "er",
            "s2s",
            "vpngw2az",
            "VpnGw2AZ",
            "valdate",
            "validate",
            "x",
            "ab",
            "abc",
            "cab",
            "a-b-c-d",
            "GatewaySubnet",
        ];
        for w in words {
            let lower = w.to_lowercase();
            let length = lower.chars().count();
            let allowed = match length {
                1 => 0,
                2..=4 => 1,
                _ => MAX_EDITS,
            };
            for c in words {
                let other = c.to_lowercase();
                let near = osa_distance(&lower, &other) <= allowed
                    || (length >= 3 && jaro_winkler(&lower, &other) >= CLEAR_JARO_WINKLER);
                if near {
                    assert!(Bag::of(&lower).may_be_near(&lower, c, allowed), "{w} / {c}");
                }
            }
        }
        assert!(!Bag::of("hbu-0003").may_be_near("hbu-0003", "spoke-0003-01", 2));
    }

    /// The banded count agrees with strsim's wherever either is within the band.
    #[test]
    fn the_banded_distance_is_the_exact_one_within_the_band() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "hub", "hbu", "hub-0003", "hbu-0003", "hub-0013", "spoke1", "sopke1",
            "spoke12", "validate", "valdate", "vladiate", "xyz", "abcdef", "badcfe",
        ];
        for a in words {
            for b in words {
                for k in 0..=MAX_EDITS {
                    let exact = osa_distance(a, b);
                    let want = (exact <= k).then_some(exact);
                    assert_eq!(osa_within(a.as_bytes(), b.as_bytes(), k), want, "{a} / {b} within {k}");
                }
            }
        }
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
