//! The options of a command (`key=value`, bare flags): the keys of the property table a position
//! takes, and the values of each key (SKUs of the design's era, regions, peering locations, the
//! link's ends, `auto/N`).

use std::collections::BTreeSet;

use super::rank::{Item, rank};
use super::slots::Line;
use super::table::{Row, Table, auto, key_row, plain, rows};
use super::types::{Candidate, Expect, Found};
use super::words::Tok;
use crate::catalog::Catalog;
use crate::design::NodeKind;
use crate::edit::GatewayKind;
use crate::props::{BOOL, Choices};
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
