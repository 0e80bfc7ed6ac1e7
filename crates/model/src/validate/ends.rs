//! The links of a run with their ends resolved: a [`Sound`] link (a VNet at `a`, a node of the kind
//! the link kind needs at `b`) and the same link seen from one of its ends ([`Adj`]). Plain data the
//! index builds once and the rules, the groups and the estimate read.

use crate::design::{Link, LinkId, LinkKind, Node, Vnet};

/// A sound link with its ends resolved: `a` is a VNet, `b` a node of the kind the link kind needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sound<'d> {
    /// The link's id.
    pub id: LinkId,
    /// The link.
    pub link: &'d Link,
    /// Its kind, copied here so that filtering by kind reads no link.
    pub kind: LinkKind,
    /// The VNet end.
    pub a: &'d Vnet,
    /// The other end.
    pub b: &'d Node,
    /// The dense indexes of the two ends.
    pub ends: (u32, u32),
}

/// A sound link seen from one of its ends.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Adj<'d> {
    /// The link's id.
    pub id: LinkId,
    /// The link.
    pub link: &'d Link,
    /// Its kind, copied here so that filtering by kind reads no link.
    pub kind: LinkKind,
    /// The node at the other end.
    pub other: &'d Node,
    /// The dense index of the other end.
    pub other_idx: u32,
    /// `true` when this end is the link's `a` end.
    pub at_a: bool,
}
