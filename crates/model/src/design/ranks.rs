//! [`Ranks`]: every node's position in name order, and every link's ends as those positions, kept
//! with the [`Design`](super::Design) across edits.
//!
//! The analysis's index ([`crate::validate::Ctx`]) numbers nodes in name order and reads each link's
//! ends as those numbers. Resolving 41,000 link ends by name costs most of the index on a 10,000-VNet
//! design: a hash of each name, then a comparison with the key's bytes elsewhere in memory. The
//! names do not change under most edits (a property, a move, a gateway), and when they do, only a
//! few do: so the design keeps the resolved ends beside its nodes and links, built on the first
//! analysis, and each of its own changes updates them in place (a node added or removed shifts the
//! positions after it: one pass over two arrays, no hashing; a link put resolves that link).
//!
//! The cache belongs to the design in memory: a clone starts without it (a clone is for a writer
//! thread or a what-if, which need not pay for a copy), equality ignores it, and it is never saved.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::OnceLock;

use super::link::{Link, LinkId};
use super::node::Node;
use crate::hash::FxMap;

/// Node names to their positions in name order.
pub(crate) type NameIndex = FxMap<Box<str>, u32>;

/// One link's ends as node positions: its id, then the `a` and `b` ends (`None`: the name is no
/// node's, which a loaded file may hold and validation reports).
pub(crate) type Ends = (LinkId, Option<u32>, Option<u32>);

/// Node positions in name order and the links' ends as positions (see the module).
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Ranks {
    /// Every node's name to its position in name order (`0..n`).
    pub(crate) of: NameIndex,
    /// Every link in id order with its ends resolved.
    pub(crate) ends: Vec<Ends>,
}

impl Ranks {
    /// Built from scratch: what the maintained ranks must always equal.
    pub(crate) fn of_design(nodes: &BTreeMap<String, Node>, links: &BTreeMap<LinkId, Link>) -> Ranks {
        let mut of = NameIndex::default();
        of.reserve(nodes.len());
        for (i, name) in nodes.keys().enumerate() {
            of.insert(name.as_str().into(), i as u32);
        }
        let mut ranks = Ranks { of, ends: Vec::new() };
        ranks.ends = links.iter().map(|(id, l)| ranks.resolve(*id, l)).collect();
        ranks
    }

    /// `link`'s ends as positions.
    fn resolve(&self, id: LinkId, link: &Link) -> Ends {
        (
            id,
            self.of.get(link.a.as_str()).copied(),
            self.of.get(link.b.as_str()).copied(),
        )
    }

    /// A node called `name` comes at position `at`: the positions from `at` on move up one,
    /// and the ends that named `name` and found no node find it.
    fn added(&mut self, name: &str, at: u32, links: &BTreeMap<LinkId, Link>) {
        let up = |r: &mut u32| {
            if *r >= at {
                *r += 1;
            }
        };
        self.of.values_mut().for_each(up);
        self.of.insert(name.into(), at);
        for (id, a, b) in &mut self.ends {
            for (end, at_a) in [(a, true), (b, false)] {
                if let Some(r) = end {
                    up(r);
                } else {
                    // Rare: a link naming no node (a loaded file's, until the node comes).
                    let named = links.get(id).map(|l| if at_a { &l.a } else { &l.b });
                    if named.is_some_and(|n| n == name) {
                        *end = Some(at);
                    }
                }
            }
        }
    }

    /// The node called `name` is gone: its ends name no node, the positions after it move down one.
    fn removed(&mut self, name: &str) {
        let Some(at) = self.of.remove(name) else { return };
        for r in self.of.values_mut() {
            if *r > at {
                *r -= 1;
            }
        }
        for (_, a, b) in &mut self.ends {
            for end in [a, b] {
                *end = match *end {
                    Some(r) if r == at => None,
                    Some(r) if r > at => Some(r - 1),
                    other => other,
                };
            }
        }
    }

    /// Link `id` is now `link` (`None`: removed).
    fn put_link(&mut self, id: LinkId, link: Option<&Link>) {
        let at = self.ends.binary_search_by_key(&id, |e| e.0);
        match (at, link) {
            (Ok(i), Some(l)) => self.ends[i] = self.resolve(id, l),
            (Ok(i), None) => {
                self.ends.remove(i);
            }
            (Err(i), Some(l)) => {
                let ends = self.resolve(id, l);
                self.ends.insert(i, ends);
            }
            (Err(_), None) => {}
        }
    }
}

/// The design's [`Ranks`], built on first use and then kept up to date by the design's changes.
#[derive(Default)]
pub(crate) struct RankCache(OnceLock<Ranks>);

impl RankCache {
    /// The ranks, built now if they are not.
    pub(crate) fn get(&self, nodes: &BTreeMap<String, Node>, links: &BTreeMap<LinkId, Link>) -> &Ranks {
        self.0.get_or_init(|| Ranks::of_design(nodes, links))
    }

    /// The ranks when something built them (an analysis does).
    pub(crate) fn built(&self) -> Option<&Ranks> {
        self.0.get()
    }

    /// Before a node called `name`, a name `nodes` does not hold, is inserted.
    pub(crate) fn node_adding(&mut self, name: &str, nodes: &BTreeMap<String, Node>, links: &BTreeMap<LinkId, Link>) {
        if let Some(ranks) = self.0.get_mut() {
            let before = (Bound::Unbounded, Bound::Excluded(name));
            let at = nodes.range::<str, _>(before).count() as u32;
            ranks.added(name, at, links);
        }
    }

    /// After the node called `name` was removed.
    pub(crate) fn node_removed(&mut self, name: &str) {
        if let Some(ranks) = self.0.get_mut() {
            ranks.removed(name);
        }
    }

    /// After link `id` was put (`None`: removed) or changed.
    pub(crate) fn link_put(&mut self, id: LinkId, link: Option<&Link>) {
        if let Some(ranks) = self.0.get_mut() {
            ranks.put_link(id, link);
        }
    }
}

/// A clone starts without the cache (see the module).
impl Clone for RankCache {
    fn clone(&self) -> RankCache {
        RankCache::default()
    }
}

/// Two designs are equal on their data; the cache is derived from it.
impl PartialEq for RankCache {
    fn eq(&self, _: &RankCache) -> bool {
        true
    }
}

impl Eq for RankCache {}

impl std::fmt::Debug for RankCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() { "built" } else { "not built" })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::design::{Design, Link, LinkKind};
    use crate::generate::generate;
    use crate::validate::validate;
    use crate::{Change, parse_line};

    /// The ranks the design kept equal those built from scratch.
    fn kept_equal_fresh(d: &Design) -> bool {
        *d.ranks() == super::Ranks::of_design(d.nodes(), d.links())
    }

    fn apply(d: &mut Design, line: &str) -> Option<Change> {
        let edit = parse_line(line).ok()??;
        d.apply(&edit).ok()
    }

    /// A link saved with an end naming no node is reported; once the node is added, the kept ends
    /// find it and the finding goes, as a fresh load of the same design would say.
    #[test]
    fn a_dangling_link_is_sound_once_its_node_is_added() {
        let mut d = Design::default();
        apply(&mut d, "vnet hub 10.0.0.0/16").expect("vnet");
        d.push_link_unchecked(Link::new(LinkKind::Peering, "hub".to_owned(), "spoke".to_owned()));
        let dangling = |d: &Design| validate(d).findings.iter().any(|f| f.message.contains("spoke"));
        assert!(dangling(&d), "the missing end is reported");
        let added = apply(&mut d, "vnet spoke 10.1.0.0/16").expect("spoke");
        assert!(kept_equal_fresh(&d));
        assert!(!dangling(&d), "{:?}", validate(&d).findings);
        d.revert(added);
        assert!(kept_equal_fresh(&d));
        assert!(dangling(&d), "undone: reported again");
    }

    /// An unlink finds its links by the kept ends, either way round, of its kind only; and by name
    /// when an end names no node.
    #[test]
    fn an_unlink_takes_the_links_of_its_kind_between_its_ends() {
        let mut d = Design::default();
        let script = "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nvnet c 10.2.0.0/16\n\
                      link peering a b\nlink peering c a\nlink v2v b a";
        crate::run_script(&mut d, script).expect("script");
        d.push_link_unchecked(Link::new(LinkKind::Peering, "a".to_owned(), "ghost".to_owned()));
        assert!(kept_equal_fresh(&d), "the ranks are built");
        let kinds = |d: &Design| -> Vec<String> {
            d.links()
                .values()
                .map(|l| format!("{} {} {}", l.kind, l.a, l.b))
                .collect()
        };
        d.push_link_unchecked(Link::new(LinkKind::Peering, "a".to_owned(), "c".to_owned()));
        apply(&mut d, "unlink peering c a").expect("both peerings between a and c, saved that way");
        assert_eq!(kinds(&d), ["peering a b", "v2v b a", "peering a ghost"]);
        apply(&mut d, "unlink peering b a").expect("the peering, not the VNet-to-VNet link");
        assert_eq!(kinds(&d), ["v2v b a", "peering a ghost"]);
        assert!(
            apply(&mut d, "unlink peering a b").is_none(),
            "no peering left between a and b"
        );
        apply(&mut d, "unlink peering a ghost").expect("an end naming no node");
        assert_eq!(kinds(&d), ["v2v b a"]);
    }

    /// A second peering between two VNets, either way round, and a second Point-to-Site link to a
    /// user group are refused, whether the ends are read from the kept ranks or by name; other
    /// kinds between the same VNets are not.
    #[test]
    fn a_second_peering_or_p2s_link_is_refused_with_or_without_the_ranks() {
        let script = "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nvnet c 10.2.0.0/16\n\
                      users u 172.16.0.0/24 clients=10\nlink v2v a b\nlink peering b c\nlink p2s a u";
        for built in [false, true] {
            let mut d = Design::default();
            crate::run_script(&mut d, script).expect("script");
            if built {
                assert!(kept_equal_fresh(&d), "the ranks are built");
            }
            assert_eq!(d.ranks_built().is_some(), built);
            assert!(
                apply(&mut d, "link peering c b").is_none(),
                "already peered, the other way round"
            );
            assert!(apply(&mut d, "link p2s c u").is_none(), "u already has its P2S link");
            apply(&mut d, "link peering a b").expect("a VNet-to-VNet link is not a peering");
            assert!(apply(&mut d, "link peering b a").is_none(), "now they are peered");
            apply(&mut d, "link peering a c").expect("a and c were not peered");
        }
    }

    /// One edit of a designer's sorts, as a command line over the design's names: nodes added
    /// before, between and after the others in name order, links made and removed, renames,
    /// deletions, duplicates, link flags, and undo.
    fn line(d: &Design, pick: usize, sort: u8, n: u16) -> Option<String> {
        let names: Vec<&String> = d.nodes().keys().collect();
        let name = names.get(pick % names.len().max(1))?;
        let other = names.get((pick / 7 + 1) % names.len().max(1))?;
        let fresh = ["aa", "hub-0000x", "m", "zz", "branch-0001-9"][usize::from(n % 5)];
        Some(match sort {
            0 => format!("vnet {fresh}{n} auto/24"),
            1 => format!("site {fresh}{n} 192.168.{}.0/24", n % 250),
            2 => format!("link peering {name} {other}"),
            3 => format!("link s2s {name} {other}"),
            4 => format!("unlink peering {name} {other}"),
            5 => format!("delete {name}"),
            6 => format!("set {name} name={fresh}{n}r"),
            7 => format!("duplicate {name}"),
            8 => format!("set-link peering {name} {other} a-allow-transit=true"),
            _ => format!("set {name} region=westeurope"),
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// After any sequence of edits and undos, the ranks the design kept are those of a fresh
        /// build (the analysis's index reads them instead of the names).
        #[test]
        fn kept_ranks_equal_fresh_ones_after_any_edits(steps in proptest::collection::vec((0usize..1000, 0u8..12, 0u16..500), 1..30)) {
            let mut d = generate(12, 3);
            prop_assert!(kept_equal_fresh(&d));
            let mut undo: Vec<Change> = Vec::new();
            for (pick, sort, n) in steps {
                if sort >= 10 {
                    if let Some(last) = undo.pop() {
                        d.revert(last);
                    }
                } else if let Some(change) = line(&d, pick, sort, n).and_then(|l| apply(&mut d, &l)) {
                    undo.push(change);
                }
                prop_assert!(kept_equal_fresh(&d), "{:?}", d.ranks());
            }
        }
    }
}
