//! [`NodeLinks`]: every node's links in id order, flat (one array of links and one of offsets by
//! node index), what [`Fixer::links_of`](super::Fixer::links_of) reads. Built in one counting pass
//! over the links, with no per-node allocation: a large design has thousands of nodes and a fix
//! reads only a few of them.

use crate::design::{Design, Link, NameIndex};
use crate::hash::FxMap;

/// Links by node: the node of index `i` has `links[start[i]..start[i + 1]]`, in id order. Links
/// with an end naming no node are kept by that name apart (`odd`).
pub(crate) struct NodeLinks<'d> {
    /// Node names to indexes (the design's ranks).
    index: &'d NameIndex,
    /// Offsets into `links` per node index, one more than there are nodes.
    start: Vec<u32>,
    /// The links of every node, node after node.
    links: Vec<&'d Link>,
    /// The links of names that are no node, in id order.
    odd: FxMap<&'d str, Vec<&'d Link>>,
}

impl<'d> NodeLinks<'d> {
    /// The index of `design`, resolving every link's ends by name.
    pub fn of(design: &'d Design) -> NodeLinks<'d> {
        let ranks = design.ranks();
        let ends: Vec<_> = design
            .links()
            .values()
            .zip(&ranks.ends)
            .map(|(l, &(_, a, b))| (l, a, b))
            .collect();
        Self::build(&ranks.of, &ends)
    }

    /// The index from `index` (node names to indexes, `0..n` for `n` nodes) and every link in id
    /// order with its ends' indexes, `None` for an end naming no node.
    pub fn build(index: &'d NameIndex, ends: &[(&'d Link, Option<u32>, Option<u32>)]) -> NodeLinks<'d> {
        let n = index.len();
        let mut odd: FxMap<&'d str, Vec<&'d Link>> = FxMap::default();
        let mut start = vec![0u32; n + 1];
        // Each link at each of its ends, once at a self-link (known by index, or by name when
        // neither end is a node): counted, then placed.
        let both = |l: &Link, a: Option<u32>, b: Option<u32>| match (a, b) {
            (Some(x), Some(y)) => x != y,
            (None, None) => l.a != l.b,
            _ => true,
        };
        for &(l, a, b) in ends {
            let mut count = |end: Option<u32>, name: &'d str| match end {
                Some(i) => start[i as usize + 1] += 1,
                None => odd.entry(name).or_default().push(l),
            };
            count(a, l.a.as_str());
            if both(l, a, b) {
                count(b, l.b.as_str());
            }
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut cursor = start.clone();
        let mut links: Vec<&'d Link> = match ends.first() {
            // Every slot is overwritten below; the first link only fills the vector.
            Some(&(first, ..)) => vec![first; start[n] as usize],
            None => Vec::new(),
        };
        for &(l, a, b) in ends {
            let second = if both(l, a, b) { b } else { None };
            for i in [a, second].into_iter().flatten() {
                let slot = &mut cursor[i as usize];
                links[*slot as usize] = l;
                *slot += 1;
            }
        }
        NodeLinks {
            index,
            start,
            links,
            odd,
        }
    }

    /// The index from `index` (node names to indexes, `0..n` for `n` nodes) and the links of every
    /// node laid out already: `links[start[i]..start[i + 1]]` for the node of index `i`, in id order,
    /// `start` one longer than there are nodes. For a design whose every link joins two distinct
    /// nodes (no name of no node to keep apart): the validation index's adjacency when every link
    /// is sound.
    pub fn laid_out(index: &'d NameIndex, start: Vec<u32>, links: Vec<&'d Link>) -> NodeLinks<'d> {
        NodeLinks {
            index,
            start,
            links,
            odd: FxMap::default(),
        }
    }

    /// The links of the node (or the name of no node) `name`, in id order.
    pub fn of_name(&self, name: &str) -> &[&'d Link] {
        match self.index.get(name) {
            Some(&i) => {
                let (s, e) = (self.start[i as usize] as usize, self.start[i as usize + 1] as usize);
                self.links.get(s..e).unwrap_or(&[])
            }
            None => self.odd.get(name).map_or(&[], Vec::as_slice),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::LinkKind;
    use crate::validate::Ctx;
    use crate::validate::test_support::design;

    /// The links of every name, as the fixes see them, from both builders.
    fn both(d: &Design) -> Vec<(String, Vec<Link>, Vec<Link>)> {
        let ctx = Ctx::new(d);
        let by_name = NodeLinks::of(d);
        let mut names: Vec<String> = d.nodes().keys().cloned().collect();
        names.extend(["ghost", "nowhere", "self"].map(str::to_owned));
        names
            .into_iter()
            .map(|n| {
                let seeded: Vec<Link> = ctx.fix().links_of(&n).cloned().collect();
                let direct: Vec<Link> = by_name.of_name(&n).iter().map(|l| (*l).clone()).collect();
                (n, seeded, direct)
            })
            .collect()
    }

    /// A fix reads a node's links, sound or not, in id order, whichever way they were indexed: from
    /// the validation index's resolved ends, or by name (the paths' fixer).
    #[test]
    fn the_index_and_the_names_give_every_node_the_same_links_in_id_order() {
        let mut d = design(
            "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nsite s 192.168.0.0/24\nusers u 172.16.0.0/24 clients=5\n\
             link peering a b\nlink s2s a s\nlink p2s a u\nlink s2s b s",
        );
        d.push_link_unchecked(Link::new(LinkKind::S2s, "a", "ghost"));
        d.push_link_unchecked(Link::new(LinkKind::P2s, "a", "s"));
        d.push_link_unchecked(Link::new(LinkKind::Peering, "self", "self"));
        d.push_link_unchecked(Link::new(LinkKind::Peering, "b", "b"));
        d.push_link_unchecked(Link::new(LinkKind::S2s, "ghost", "nowhere"));
        for (name, seeded, direct) in both(&d) {
            assert_eq!(seeded, direct, "{name}");
            let expected: Vec<Link> = d
                .links()
                .values()
                .filter(|l| l.a == name || l.b == name)
                .cloned()
                .collect();
            assert_eq!(direct, expected, "{name}");
        }
        let generated = crate::generate::generate(200, 3);
        for (name, seeded, direct) in both(&generated) {
            assert_eq!(seeded, direct, "{name}");
        }
    }
}
