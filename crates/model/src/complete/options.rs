//! The options of a command (`key=value`, bare flags): the keys of the property table a position
//! takes, and the values of each key (SKUs of the design's era, regions, peering locations, the
//! link's ends, `auto/N`).

use std::collections::BTreeSet;

use super::rank::{Item, rank};
use super::slots::{Found, Line, Table};
use super::words::Tok;
use super::{Candidate, Expect};
use crate::catalog::Catalog;
use crate::design::NodeKind;
use crate::edit::GatewayKind;
use crate::props::{self, BOOL, Choices, Property};
use crate::region::{PEERING_LOCATIONS, REGIONS};

impl Line<'_, '_> {
    /// The option words: `key=`/`flag`, or after `key=` its values.
    pub(super) fn options(&self, table: Table<'_>, current: &Tok) -> Found {
        let rows = rows(table);
        let Some((key, value)) = current.text.split_once('=') else {
            let given: Vec<&str> = self.args.iter().map(|a| a.split('=').next().unwrap_or("")).collect();
            let items = rows
                .iter()
                .filter(|r| r.shown && !given.contains(&r.key.as_str()))
                .map(|r| Item {
                    text: match (&r.key, r.choices == BOOL) {
                        (k, true) => k.clone().into(),
                        (k, false) => format!("{k}=").into(),
                    },
                    tier: 0,
                    note: r.doc,
                });
            return Found {
                expects: Expect::Key,
                candidates: rank(&current.text, items, |d| (*d).to_owned()),
                range: None,
            };
        };
        // The value replaces what follows `=`, quotes included.
        let range = current.eq.map(|eq| eq + 1..current.end.max(eq + 1));
        let (expects, candidates) = match rows.iter().find(|r| r.key == key_row(table, key)) {
            None => (Expect::Value, Vec::new()),
            Some(row) => self.values(table, row, value),
        };
        Found {
            expects,
            candidates,
            range,
        }
    }

    /// The values of `row`, for `typed`.
    fn values(&self, table: Table<'_>, row: &Row, typed: &str) -> (Expect, Vec<Candidate>) {
        match (row.key.as_str(), row.choices) {
            ("vpn-sku", _) => (
                Expect::Sku,
                rank(typed, self.skus(GatewayKind::Vpn, true), Clone::clone),
            ),
            ("er-sku", _) => (Expect::Sku, rank(typed, self.skus(GatewayKind::Er, true), Clone::clone)),
            ("region", _) => {
                let items = REGIONS.iter().map(|r| Item {
                    text: r.name.into(),
                    tier: 0,
                    note: r.display,
                });
                (Expect::Region, rank(typed, items, |d| (*d).to_owned()))
            }
            ("location", _) => {
                let mut seen = BTreeSet::new();
                let items = PEERING_LOCATIONS
                    .iter()
                    .flat_map(|(_, geo, places)| places.iter().map(move |p| (*p, *geo)))
                    .filter(|(p, _)| seen.insert(*p))
                    .map(|(p, geo)| Item {
                        text: crate::command::quote_value(p),
                        tier: 0,
                        note: geo,
                    });
                (
                    Expect::Value,
                    rank(typed, items, |g| format!("ExpressRoute peering location, {g}")),
                )
            }
            (_, Choices::Prefixes) => {
                let lengths: &'static [u8] = match table {
                    Table::Node(NodeKind::Users) => &[22, 24, 20],
                    Table::Node(NodeKind::Site) => &[24, 16],
                    Table::Node(_) => &[16, 20, 22, 24],
                    _ => &[],
                };
                (Expect::Prefix, auto(typed, lengths))
            }
            (_, Choices::LinkEnd) => {
                let ends = match table {
                    Table::Link(_, Some((a, b))) => vec!["none", a, b],
                    _ => vec!["none"],
                };
                (Expect::VnetName, plain(typed, ends.into_iter()))
            }
            (_, choices) => (
                Expect::Value,
                plain(typed, choices.values(None).iter().map(String::as_str)),
            ),
        }
    }

    /// The SKUs of the design's era for a gateway of `kind` (and `none` first when asked), with
    /// their aggregate throughput.
    pub(super) fn skus(&self, kind: GatewayKind, none: bool) -> Vec<Item<'static, String>> {
        let catalog = Catalog::get(self.design.era);
        let mut out: Vec<Item<'static, String>> = Vec::new();
        if none {
            out.push(Item {
                text: "none".into(),
                tier: 0,
                note: "removes the gateway".to_owned(),
            });
        }
        let mut push = |name: &'static str, mbps: u32| {
            if !out.iter().any(|i| i.text == name) {
                out.push(Item {
                    text: name.into(),
                    tier: 0,
                    note: format!("{mbps} Mbps aggregate"),
                });
            }
        };
        match kind {
            GatewayKind::Vpn => {
                for s in &catalog.vpn {
                    push(s.sku.as_str(), s.aggregate_mbps);
                }
            }
            GatewayKind::Er => {
                for s in &catalog.er {
                    push(s.sku.as_str(), s.aggregate_mbps);
                }
            }
        }
        out
    }
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
