//! Reach mode's state: what the model said one node (the source) reaches, and the model's path from
//! it to the selected node. Plain data: the update room asks the model (`update/reach.rs`) and keeps
//! the answers here with the analysis number they were computed at, so the canvas and the path panel
//! only read them and nothing searches paths while drawing.

use vnetsketch_model::paths::PathReport;

/// What the source reaches, and the path to one target.
#[derive(Clone, Debug, PartialEq)]
pub struct ReachView {
    /// The node reach mode started from.
    pub source: String,
    /// The analysis number ([`super::Document::analyses`]) the answers were computed at.
    pub at: u64,
    /// The nodes the source reaches, the source included, in name order.
    reached: Vec<String>,
    /// How many nodes the design had.
    pub nodes: usize,
    /// The path to the selected node, when a node other than the source is selected.
    pub path: Option<PathReport>,
}

impl ReachView {
    /// The answer for `source` at analysis `at`: `reached` in name order, out of `nodes` nodes.
    pub fn new(source: String, at: u64, reached: Vec<String>, nodes: usize) -> ReachView {
        debug_assert!(reached.is_sorted(), "the model lists reached nodes in name order");
        ReachView {
            source,
            at,
            reached,
            nodes,
            path: None,
        }
    }

    /// `true` when the source reaches `name` (the source itself counts as reached).
    pub fn reaches(&self, name: &str) -> bool {
        self.reached.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    /// How many nodes the source reaches, itself not counted.
    pub fn reached_count(&self) -> usize {
        self.reached.len().saturating_sub(1)
    }

    /// The target of the path kept, if any.
    pub fn target(&self) -> Option<&str> {
        self.path.as_ref().map(|p| p.to.as_str())
    }

    /// The fix lines of the path kept (empty when it is reachable or none was given), in order,
    /// each once.
    pub fn fixes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for line in self.path.iter().flat_map(|p| &p.blockers).flat_map(|b| &b.fix) {
            if !out.contains(&line.as_str()) {
                out.push(line);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaches_answers_by_name_and_counts_without_the_source() {
        let v = ReachView::new("a".into(), 1, vec!["a".into(), "c".into()], 3);
        assert!(v.reaches("a") && v.reaches("c"));
        assert!(!v.reaches("b") && !v.reaches("z"));
        assert_eq!(v.reached_count(), 1);
        assert_eq!(v.target(), None);
        assert!(v.fixes().is_empty());
    }
}
