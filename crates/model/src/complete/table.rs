//! What completion reads of the property tables ([`Table`], [`Row`]: a peering's side keys named by
//! their VNet), and the small candidate lists (`auto/N`, plain words).

use super::rank::{Item, rank};
use super::types::Candidate;
use crate::design::{LinkKind, NodeKind};
use crate::props::{self, Choices, Needs, Property};

/// The option table a position takes.
#[derive(Clone, Copy)]
pub(super) enum Table<'w> {
    Node(NodeKind),
    Subnet,
    Gateway(Needs),
    Link(LinkKind, Option<(&'w str, &'w str)>),
    Design,
}

/// `auto/N` for the lengths a position usually takes.
pub(super) fn auto(typed: &str, lengths: &[u8]) -> Vec<Candidate> {
    let items = lengths.iter().map(|len| Item {
        text: format!("auto/{len}").into(),
        tier: 0,
        note: *len,
    });
    rank(typed, items, |len| format!("the lowest free /{len}"))
}

/// Words without notes.
pub(super) fn plain<'a>(typed: &str, words: impl Iterator<Item = &'a str>) -> Vec<Candidate> {
    rank(
        typed,
        words.map(|w| Item {
            text: w.to_owned().into(),
            tier: 0,
            note: (),
        }),
        |()| String::new(),
    )
}

/// A row of a table, whatever the entity: what completion reads of it.
pub(super) struct Row {
    pub key: String,
    pub doc: &'static str,
    pub choices: Choices,
    pub shown: bool,
}

fn row_of<T>(r: &Property<T>) -> Row {
    Row {
        key: r.key.to_owned(),
        doc: r.doc,
        choices: r.choices,
        shown: r.shown,
    }
}

/// The rows of `table`; a peering's side keys name their VNet (`allow-gateway-transit@hub`).
pub(super) fn rows(table: Table<'_>) -> Vec<Row> {
    match table {
        Table::Node(NodeKind::Vnet) => props::VNET.iter().map(row_of).collect(),
        Table::Node(NodeKind::Site) => props::SITE.iter().map(row_of).collect(),
        Table::Node(NodeKind::Users) => props::USERS.iter().map(row_of).collect(),
        Table::Subnet => props::SUBNET.iter().map(row_of).collect(),
        Table::Gateway(needs) => props::VNET.iter().filter(|r| r.needs == needs).map(row_of).collect(),
        Table::Design => props::DESIGN.iter().map(row_of).collect(),
        Table::Link(kind, ends) => props::link_table(kind)
            .iter()
            .map(|r| {
                let mut row = row_of(r);
                if let (Some((base, side)), Some((a, b))) = (r.key.rsplit_once('@'), ends) {
                    let end = if side == "a" { a } else { b };
                    if !end.is_empty() {
                        row.key = format!("{base}@{end}");
                    }
                }
                row
            })
            .collect(),
    }
}

/// The key of `table`'s row that `key` names (itself; a link's side named `@a`/`@b` by its VNet).
pub(super) fn key_row(table: Table<'_>, key: &str) -> String {
    match (table, key.rsplit_once('@')) {
        (Table::Link(_, Some((a, _))), Some((base, "a"))) if !a.is_empty() => format!("{base}@{a}"),
        (Table::Link(_, Some((_, b))), Some((base, "b"))) if !b.is_empty() => format!("{base}@{b}"),
        _ => key.to_owned(),
    }
}
