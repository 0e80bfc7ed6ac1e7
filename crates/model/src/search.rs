//! Finding nodes in a design by what a user remembers of them: a name (fuzzy, smart case), an
//! address (`10.2.` finds the VNet whose space holds it: containment, not text), a SKU or a region.
//!
//! [`SearchIndex::new`] reads the design once (names, every prefix as a numeric range, the distinct
//! SKU and region values and the nodes that have each); [`SearchIndex::search`] then answers each
//! keystroke from it without touching the design. Fuzzy matching and scoring are `nucleo-matcher`'s
//! (the matcher of the Helix editor): a value shared by thousands of nodes (a region) is scored
//! once, not once per node. [`rank`] is the same fuzzy matching over a short list (a chooser's
//! values).

use std::net::IpAddr;

use ipnet::IpNet;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};

use crate::cidr::range;
use crate::design::{Design, Node, NodeKind};

/// What about a node matched the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matched {
    /// Its name.
    Name,
    /// One of its prefixes holds the address or prefix typed.
    Holds(IpNet),
    /// One of its prefixes lies inside the prefix typed.
    Inside(IpNet),
    /// Its VPN or ExpressRoute gateway's SKU.
    Sku(String),
    /// Its region (a VNet) or its circuit's peering location (a site).
    Region(String),
}

/// One node found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The node's name.
    pub name: String,
    /// Its kind.
    pub kind: NodeKind,
    /// What matched.
    pub matched: Matched,
    /// How well (higher is better; only the order means anything).
    pub score: u32,
}

/// The best hits of a search, and how many nodes matched in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    /// The best hits, best first (ties by name).
    pub hits: Vec<Hit>,
    /// How many nodes matched, the ones left out of `hits` included.
    pub total: usize,
}

/// A value many nodes may share (a SKU, a region), with those nodes.
struct Shared {
    text: Utf32String,
    raw: String,
    region: bool,
    nodes: Vec<u32>,
}

/// One prefix of one node as a numeric range (IPv4 and IPv6 apart by the family byte).
#[derive(Clone, Copy)]
struct Span {
    family: u8,
    lo: u128,
    hi: u128,
    net: IpNet,
    node: u32,
}

/// What [`SearchIndex::search`] reads: built once per design change, reused per keystroke.
pub struct SearchIndex {
    names: Vec<Utf32String>,
    plain: Vec<String>,
    /// The names in lower case, for the quick in-order check before scoring.
    lower: Vec<Box<[u8]>>,
    kinds: Vec<NodeKind>,
    shared: Vec<Shared>,
    spans: Vec<Span>,
}

/// Where a node's best score came from (resolved to a [`Matched`] for the hits kept only).
#[derive(Clone, Copy)]
enum Source {
    Name,
    Span(u32, bool),
    Shared(u32),
}

/// Score of an address hit: above any fuzzy score (`nucleo` scores fit in a `u16`), more specific
/// prefixes first.
const ADDRESS: u32 = 1 << 17;
/// Score of a name hit over a SKU or region hit that scored the same.
const NAME_BONUS: u32 = 1 << 16;

impl SearchIndex {
    /// Reads `design`: O(nodes + prefixes) once, so each search costs no design walk.
    pub fn new(design: &Design) -> SearchIndex {
        let mut index = SearchIndex {
            names: Vec::with_capacity(design.nodes().len()),
            plain: Vec::with_capacity(design.nodes().len()),
            lower: Vec::with_capacity(design.nodes().len()),
            kinds: Vec::with_capacity(design.nodes().len()),
            shared: Vec::new(),
            spans: Vec::new(),
        };
        let mut by_value: crate::hash::FxMap<(bool, String), usize> = crate::hash::FxMap::default();
        for (i, node) in design.nodes().values().enumerate() {
            let i = i as u32;
            index.names.push(Utf32String::from(node.name()));
            index.plain.push(node.name().to_owned());
            index
                .lower
                .push(node.name().to_lowercase().into_bytes().into_boxed_slice());
            index.kinds.push(node.kind());
            for net in node.prefixes() {
                let (family, lo, hi) = range(net);
                index.spans.push(Span {
                    family,
                    lo,
                    hi,
                    net: *net,
                    node: i,
                });
            }
            for (region, value) in values(node) {
                let at = *by_value.entry((region, value.clone())).or_insert_with(|| {
                    index.shared.push(Shared {
                        text: Utf32String::from(value.as_str()),
                        raw: value,
                        region,
                        nodes: Vec::new(),
                    });
                    index.shared.len() - 1
                });
                index.shared[at].nodes.push(i);
            }
        }
        index
    }

    /// The nodes matching `query`, the best `limit` of them first. An address or prefix (`10.2.`,
    /// `10.2.3.4`, `10.0.0.0/8`) finds the nodes whose prefixes hold it, or lie inside it; any text
    /// is matched fuzzily against names, SKUs and regions (smart case: lower case ignores case).
    pub fn search(&self, query: &str, limit: usize) -> Results {
        let query = query.trim();
        if query.is_empty() {
            return Results::default();
        }
        // The best score of each node (0: none), and what gave it.
        let mut best: Vec<(u32, Source)> = vec![(0, Source::Name); self.names.len()];
        let mut offer = |node: u32, score: u32, source: Source| {
            let slot = &mut best[node as usize];
            if score > slot.0 {
                *slot = (score, source);
            }
        };
        if let Some(net) = partial_address(query) {
            let (family, lo, hi) = range(&net);
            for (i, s) in self.spans.iter().enumerate().filter(|(_, s)| s.family == family) {
                let len = u32::from(s.net.prefix_len());
                if s.lo <= lo && hi <= s.hi {
                    offer(s.node, ADDRESS + 256 + len, Source::Span(i as u32, true));
                } else if lo <= s.lo && s.hi <= hi {
                    offer(s.node, ADDRESS + len, Source::Span(i as u32, false));
                }
            }
        }
        let atom = Atom::new(query, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy, false);
        let mut matcher = Matcher::new(Config::DEFAULT);
        // Lower-case ASCII queries (the usual) first pass a quick in-order check of their letters,
        // so the scorer sees only the names that can match.
        let quick = (query.is_ascii() && !query.bytes().any(|b| b.is_ascii_uppercase()))
            .then(|| query.bytes().filter(|b| *b != b' ').collect::<Vec<u8>>());
        for (i, name) in self.names.iter().enumerate() {
            if quick.as_ref().is_some_and(|q| !in_order(q, &self.lower[i])) {
                continue;
            }
            if let Some(score) = atom.score(name.slice(..), &mut matcher) {
                offer(i as u32, u32::from(score) + NAME_BONUS, Source::Name);
            }
        }
        for (v, value) in self.shared.iter().enumerate() {
            if let Some(score) = atom.score(value.text.slice(..), &mut matcher) {
                for &node in &value.nodes {
                    offer(node, u32::from(score) + 1, Source::Shared(v as u32));
                }
            }
        }
        let mut found: Vec<(u32, usize, Source)> = best
            .into_iter()
            .enumerate()
            .filter(|(_, (score, _))| *score > 0)
            .map(|(i, (score, source))| (score, i, source))
            .collect();
        let total = found.len();
        // Best first, ties in name order (the nodes are indexed in name order).
        let order = |a: &(u32, usize, Source), b: &(u32, usize, Source)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if found.len() > limit && limit > 0 {
            found.select_nth_unstable_by(limit - 1, order);
        }
        found.truncate(limit);
        found.sort_unstable_by(order);
        let hits = found
            .into_iter()
            .map(|(score, i, source)| Hit {
                name: self.plain[i].clone(),
                kind: self.kinds[i],
                matched: self.matched(source),
                score,
            })
            .collect();
        Results { hits, total }
    }

    fn matched(&self, source: Source) -> Matched {
        match source {
            Source::Name => Matched::Name,
            Source::Span(i, holds) => {
                let net = self.spans[i as usize].net;
                if holds {
                    Matched::Holds(net)
                } else {
                    Matched::Inside(net)
                }
            }
            Source::Shared(v) => {
                let value = &self.shared[v as usize];
                if value.region {
                    Matched::Region(value.raw.clone())
                } else {
                    Matched::Sku(value.raw.clone())
                }
            }
        }
    }
}

/// `true` when the bytes of `needle` appear in `hay` in order (what a fuzzy match needs at least).
fn in_order(needle: &[u8], hay: &[u8]) -> bool {
    let mut rest = hay;
    for b in needle {
        match rest.iter().position(|h| h == b) {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
}

/// The SKUs (`false`) and regions (`true`) of a node, as text.
fn values(node: &Node) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    match node {
        Node::Vnet(v) => {
            out.extend(v.vpn.as_ref().map(|g| (false, g.sku.to_string())));
            out.extend(v.er.as_ref().map(|g| (false, g.sku.to_string())));
            out.extend(v.region.clone().map(|r| (true, r)));
        }
        Node::Site(s) => {
            out.extend(s.circuit.as_ref().and_then(|c| c.location.clone()).map(|l| (true, l)));
        }
        Node::Users(_) => {}
    }
    out
}

/// The prefix an address being typed stands for: `10.2.` and `10.2` are 10.2.0.0/16, `10.2.3.4` a
/// /32, `10.0.0.0/8` itself; an IPv6 address or prefix as written. `None` for anything else (a name
/// that happens to hold digits has no dot).
pub fn partial_address(text: &str) -> Option<IpNet> {
    if let Ok(net) = text.parse::<IpNet>() {
        return Some(net.trunc());
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(IpNet::from(ip));
    }
    let body = text.strip_suffix('.').unwrap_or(text);
    if !text.contains('.') || body.is_empty() {
        return None;
    }
    let octets: Vec<u8> = body
        .split('.')
        .map(|o| (!o.is_empty() && o.len() <= 3).then(|| o.parse::<u8>().ok()).flatten())
        .collect::<Option<Vec<u8>>>()?;
    if octets.len() > 3 {
        return None;
    }
    let mut bytes = [0u8; 4];
    bytes[..octets.len()].copy_from_slice(&octets);
    let len = 8 * octets.len() as u8;
    IpNet::new(IpAddr::from(bytes), len).ok().map(|n| n.trunc())
}

/// `items` matching `query` fuzzily (smart case), best first, ties in their order; every item in
/// order when `query` is blank. For short lists: a chooser's values, completion candidates.
pub fn rank<S: AsRef<str>>(query: &str, items: &[S]) -> Vec<usize> {
    let query = query.trim();
    if query.is_empty() {
        return (0..items.len()).collect();
    }
    let atom = Atom::new(query, CaseMatching::Smart, Normalization::Smart, AtomKind::Fuzzy, false);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut found: Vec<(u16, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let hay = Utf32String::from(item.as_ref());
            atom.score(hay.slice(..), &mut matcher).map(|s| (s, i))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests;
