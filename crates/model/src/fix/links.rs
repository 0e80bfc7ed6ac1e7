//! [`NodeLinks`]: every node's links in id order, flat (one array of links and one of offsets by
//! node index), what [`Fixer::links_of`](super::Fixer::links_of) reads. Built in one counting pass
//! over the links, with no per-node allocation: a large design has thousands of nodes and a fix
//! reads only a few of them.

use crate::design::{Design, Link};
use crate::hash::FxMap;

/// Links by node: the node of index `i` has `links[start[i]..start[i + 1]]`, in id order. Links
/// with an end naming no node are kept by that name apart (`odd`).
pub(crate) struct NodeLinks<'d> {
    /// Node names to indexes.
    index: FxMap<&'d str, u32>,
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
        let mut index: FxMap<&'d str, u32> = FxMap::default();
        index.reserve(design.nodes().len());
        for (i, name) in design.nodes().keys().enumerate() {
            index.insert(name.as_str(), i as u32);
        }
        let ends: Vec<_> = design
            .links()
            .values()
            .map(|l| (l, index.get(l.a.as_str()).copied(), index.get(l.b.as_str()).copied()))
            .collect();
        Self::build(index, &ends)
    }

    /// The index from `index` (node names to indexes, `0..n` for `n` nodes) and every link in id
    /// order with its ends' indexes, `None` for an end naming no node.
    pub fn build(index: FxMap<&'d str, u32>, ends: &[(&'d Link, Option<u32>, Option<u32>)]) -> NodeLinks<'d> {
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
