//! What each position of each command takes, the candidates for it, and which word typed before the
//! cursor is unknown (the options and their values: `complete/options.rs`).

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::rank::{Item, rank};
use super::table::{Table, auto, key_row, plain, rows};
use super::types::{Candidate, Expect, Found};
use super::words::Tok;
use crate::design::{Design, LinkKind, Node, NodeKind};
use crate::edit::{GatewayKind, next_free_name};
use crate::props::Needs;
use crate::sku::{ErSku, VpnSku};
use crate::suggest::did_you_mean;
use crate::text::join_nets as join;

/// Which existing nodes a position takes, and which of them fit it best.
#[derive(Clone, Copy)]
enum Want<'w> {
    /// Any node.
    Any,
    /// Any node, or the word `design` (`set`).
    AnyOrDesign,
    /// Any node, or `VNET/SUBNET` (`delete`).
    AnyOrSubnet,
    /// A VNet.
    Vnet,
    /// The VNet end of a new link of this kind (those with the gateway it needs first).
    Start(LinkKind),
    /// The other end of a new link of this kind from this VNet (those free for it first).
    End(LinkKind, &'w str),
    /// An end of an existing link of this kind.
    Linked(LinkKind),
    /// The other end of an existing link of this kind from this node.
    LinkedTo(LinkKind, &'w str),
}

/// What a position takes.
#[derive(Clone, Copy)]
enum Slot<'w> {
    Node(Want<'w>),
    /// A new name; `Some(original)` for a copy's (the next free name after it).
    NewName(Option<&'w str>),
    /// A subnet's name in this VNet (a new one, or one it replaces).
    SubnetName(&'w str),
    /// Prefixes, or `auto/N` of these lengths.
    Prefix(&'static [u8]),
    Words(&'static [&'static str], Expect),
    Sku(GatewayKind),
    LinkKind,
    Options(Table<'w>),
    Nothing,
}

/// A command line: the design, the command word and the words after it, up to the cursor's.
pub(super) struct Line<'d, 'w> {
    pub design: &'d Design,
    pub verb: &'w str,
    pub args: Vec<&'w str>,
}

fn kind_of(word: &str) -> Option<LinkKind> {
    word.parse().ok()
}

impl<'w> Line<'_, 'w> {
    /// `true` for `set design ...` where no node is called `design`.
    pub fn sets_design(&self) -> bool {
        self.verb == "set" && self.args.first() == Some(&"design") && self.design.node("design").is_none()
    }

    /// What argument `i` (0 is the word after the command) takes.
    fn slot(&self, i: usize) -> Slot<'w> {
        let arg = |j: usize| self.args.get(j).copied().unwrap_or("");
        let kind = kind_of(arg(0));
        let link_ends = || Some((arg(1), arg(2)));
        match (self.verb, i) {
            ("vnet" | "site" | "users", 0) => Slot::NewName(None),
            ("vnet", 1) => Slot::Prefix(&[16, 20, 22, 24]),
            ("site", 1) => Slot::Prefix(&[24, 16, 20]),
            ("users", 1) => Slot::Prefix(&[22, 24, 20]),
            ("vnet", _) => Slot::Options(Table::Node(NodeKind::Vnet)),
            ("site", _) => Slot::Options(Table::Node(NodeKind::Site)),
            ("users", _) => Slot::Options(Table::Node(NodeKind::Users)),
            ("subnet" | "gateway", 0) => Slot::Node(Want::Vnet),
            ("subnet", 1) => Slot::SubnetName(arg(0)),
            ("subnet", 2) if arg(1).eq_ignore_ascii_case("GatewaySubnet") => Slot::Prefix(&[27, 26]),
            ("subnet", 2) => Slot::Prefix(&[24, 26, 27, 28]),
            ("subnet", _) => Slot::Options(Table::Subnet),
            ("gateway", 1) => Slot::Words(&["vpn", "er"], Expect::Flag),
            ("gateway", 2) => match arg(1).to_ascii_lowercase().as_str() {
                "vpn" => Slot::Sku(GatewayKind::Vpn),
                "er" => Slot::Sku(GatewayKind::Er),
                _ => Slot::Nothing,
            },
            ("gateway", _) => match arg(1).to_ascii_lowercase().as_str() {
                "vpn" => Slot::Options(Table::Gateway(Needs::VpnGateway)),
                "er" => Slot::Options(Table::Gateway(Needs::ErGateway)),
                _ => Slot::Nothing,
            },
            ("link" | "unlink" | "set-link", 0) => Slot::LinkKind,
            (_, 1 | 2) if kind.is_none() && matches!(self.verb, "link" | "unlink" | "set-link") => Slot::Nothing,
            ("link", 1) => kind.map_or(Slot::Nothing, |k| Slot::Node(Want::Start(k))),
            ("link", 2) => kind.map_or(Slot::Nothing, |k| Slot::Node(Want::End(k, arg(1)))),
            ("unlink" | "set-link", 1) => kind.map_or(Slot::Nothing, |k| Slot::Node(Want::Linked(k))),
            ("unlink" | "set-link", 2) => kind.map_or(Slot::Nothing, |k| Slot::Node(Want::LinkedTo(k, arg(1)))),
            ("link" | "set-link", _) => kind.map_or(Slot::Nothing, |k| Slot::Options(Table::Link(k, link_ends()))),
            ("set", 0) => Slot::Node(Want::AnyOrDesign),
            ("set", _) if self.sets_design() => Slot::Options(Table::Design),
            ("set", _) => self
                .design
                .node(arg(0))
                .map_or(Slot::Nothing, |n| Slot::Options(Table::Node(n.kind()))),
            ("delete", 0) => Slot::Node(Want::AnyOrSubnet),
            ("duplicate" | "move" | "pin" | "unpin", 0) | ("layout", _) => Slot::Node(Want::Any),
            ("duplicate", 1) => Slot::Words(&["as"], Expect::Flag),
            ("duplicate", 2) => Slot::NewName(Some(arg(0))),
            ("catalog", 0) => Slot::Words(&["current", "2017"], Expect::Value),
            _ => Slot::Nothing,
        }
    }

    /// The candidates for the word under the cursor, `current`.
    pub fn candidates(&self, current: &Tok) -> Found {
        let found = |expects, candidates| Found {
            expects,
            candidates,
            range: None,
        };
        let typed = current.text.as_str();
        match self.slot(self.args.len()) {
            Slot::Node(want) => {
                let expects = if matches!(want, Want::Vnet | Want::Start(_)) {
                    Expect::VnetName
                } else {
                    Expect::NodeName
                };
                found(expects, self.nodes(want, typed))
            }
            Slot::NewName(original) => {
                let base = original.filter(|o| self.design.node(o).is_some()).or_else(|| {
                    // A name that is taken: offer the next free one after it.
                    Some(typed).filter(|t| self.design.node(t).is_some())
                });
                let items = base
                    .map(|b| next_free_name(self.design, b))
                    .into_iter()
                    .map(|name| Item {
                        text: name.into(),
                        tier: 0,
                        note: "a free name",
                    });
                found(Expect::NewName, rank("", items, |n| (*n).to_owned()))
            }
            Slot::SubnetName(vnet) => {
                let subnets = self.design.vnet(vnet).map(|v| v.subnets.as_slice()).unwrap_or_default();
                let items = std::iter::once(Item {
                    text: "GatewaySubnet".into(),
                    tier: 0,
                    note: "the subnet every gateway needs (a /27 or larger)".to_owned(),
                })
                .chain(subnets.iter().filter(|s| s.name != "GatewaySubnet").map(|s| Item {
                    text: s.name.as_str().into(),
                    tier: 1,
                    note: format!("replaces {}", s.prefix),
                }));
                found(Expect::NewName, rank(typed, items, Clone::clone))
            }
            Slot::Prefix(lengths) => found(Expect::Prefix, auto(typed, lengths)),
            Slot::Words(words, expects) => found(expects, plain(typed, words.iter().copied())),
            Slot::Sku(kind) => found(Expect::Sku, rank(typed, self.skus(kind, false), Clone::clone)),
            Slot::LinkKind => {
                let items = LinkKind::ALL.into_iter().map(|k| Item {
                    text: k.as_str().into(),
                    tier: 0,
                    note: k.label(),
                });
                found(Expect::LinkKind, rank(typed, items, |n| (*n).to_owned()))
            }
            Slot::Options(table) => self.options(table, current),
            Slot::Nothing => found(Expect::Nothing, Vec::new()),
        }
    }

    /// The nodes `want` takes, those that fit best first, each with its kind and prefixes.
    fn nodes(&self, want: Want<'_>, typed: &str) -> Vec<Candidate> {
        let design = self.design;
        if let (Want::AnyOrSubnet, Some((vnet, _))) = (want, typed.split_once('/')) {
            let subnets = design.vnet(vnet).map(|v| v.subnets.as_slice()).unwrap_or_default();
            let items = subnets.iter().map(|s| Item {
                text: format!("{vnet}/{}", s.name).into(),
                tier: 0,
                note: format!("subnet {}", s.prefix),
            });
            return rank(typed, items, Clone::clone);
        }
        // The ends already linked, for the positions that read them.
        let linked: BTreeSet<&str> = match want {
            Want::End(LinkKind::P2s, _) => design
                .links()
                .values()
                .filter(|l| l.kind == LinkKind::P2s)
                .map(|l| l.b.as_str())
                .collect(),
            // The kind first: a byte in the link, where the names are behind pointers.
            Want::End(kind, a) | Want::LinkedTo(kind, a) => design
                .links()
                .values()
                .filter(|l| l.kind == kind)
                .filter_map(|l| l.other(a))
                .collect(),
            Want::Linked(kind) => design
                .links()
                .values()
                .filter(|l| l.kind == kind)
                .flat_map(|l| [l.a.as_str(), l.b.as_str()])
                .collect(),
            _ => BTreeSet::new(),
        };
        let design_word = matches!(want, Want::AnyOrDesign) && design.node("design").is_none();
        let extra = design_word.then_some(Item {
            text: Cow::Borrowed("design"),
            tier: 0,
            note: None,
        });
        let items = design.nodes().values().filter_map(|n| {
            let tier = fit(want, n, &linked)?;
            Some(Item {
                text: Cow::Borrowed(n.name()),
                tier,
                note: Some(n),
            })
        });
        rank(typed, extra.into_iter().chain(items), |n| {
            n.map_or_else(|| "the design itself (pool, catalog)".to_owned(), describe)
        })
    }

    /// "WORD: did you mean X?" for the first word before the cursor that is not what its position
    /// takes, when a known word is near it.
    pub fn suggestion(&self) -> Option<String> {
        (0..self.args.len()).find_map(|i| {
            let slot = self.slot(i);
            let word = self.args[i];
            let near = self.near(slot, word)?;
            // An option is named by its key.
            let shown = match slot {
                Slot::Options(_) => word.split('=').next().unwrap_or(word),
                _ => word,
            };
            Some(format!("{shown}: did you mean {near}?"))
        })
    }

    /// The known word near `word` when `word` is not one `slot` takes (`None` when it is, or when
    /// none is near).
    fn near(&self, slot: Slot<'_>, word: &str) -> Option<String> {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        match slot {
            Slot::Node(want) => {
                let name = match want {
                    Want::AnyOrSubnet => word.split('/').next().unwrap_or(word),
                    _ => word,
                };
                if self.design.node(name).is_some() || (matches!(want, Want::AnyOrDesign) && name == "design") {
                    return None;
                }
                owned(did_you_mean(name, self.design.nodes().keys().map(String::as_str)))
            }
            Slot::LinkKind if kind_of(word).is_none() => {
                owned(did_you_mean(word, LinkKind::ALL.iter().map(|k| k.as_str())))
            }
            Slot::Words(words, _) if !words.iter().any(|w| w.eq_ignore_ascii_case(word)) => {
                owned(did_you_mean(word, words.iter().copied()))
            }
            Slot::Sku(kind) => {
                let known = match kind {
                    GatewayKind::Vpn => word.parse::<VpnSku>().is_ok(),
                    GatewayKind::Er => word.parse::<ErSku>().is_ok(),
                };
                if known || word.eq_ignore_ascii_case("none") {
                    return None;
                }
                let skus = self.skus(kind, false);
                owned(did_you_mean(word, skus.iter().map(|i| i.text.as_ref())))
            }
            Slot::Options(table) => {
                let key = word.split('=').next().unwrap_or(word);
                let rows = rows(table);
                if rows.iter().any(|r| r.key == key_row(table, key)) {
                    return None;
                }
                owned(did_you_mean(
                    key,
                    rows.iter().filter(|r| r.shown).map(|r| r.key.as_str()),
                ))
            }
            _ => None,
        }
    }
}

/// How well node `n` fits `want`: `Some(0)` best, `Some(1)` allowed, `None` not offered.
fn fit(want: Want<'_>, n: &Node, linked: &BTreeSet<&str>) -> Option<u8> {
    let best = |yes: bool| Some(u8::from(!yes));
    let vnet = n.as_vnet();
    match want {
        Want::Any | Want::AnyOrDesign | Want::AnyOrSubnet => Some(0),
        Want::Vnet => vnet.map(|_| 0),
        Want::Start(kind) => {
            let v = vnet?;
            match kind {
                LinkKind::S2s | LinkKind::P2s | LinkKind::V2v => best(v.vpn.is_some()),
                LinkKind::Er => best(v.er.is_some()),
                LinkKind::Peering => Some(0),
            }
        }
        Want::End(kind, a) => {
            if n.kind() != kind.b_kind() || n.name() == a {
                return None;
            }
            let free = !linked.contains(n.name());
            match n {
                Node::Vnet(v) if kind == LinkKind::V2v => best(free && v.vpn.is_some()),
                Node::Site(s) if kind == LinkKind::Er => best(free && s.circuit.is_some()),
                Node::Site(s) if kind == LinkKind::S2s => best(free && s.ip.is_some()),
                _ => best(free),
            }
        }
        Want::Linked(_) | Want::LinkedTo(..) => linked.contains(n.name()).then_some(0),
    }
}

/// A node in a few words: its kind and address space.
fn describe(n: &Node) -> String {
    format!("{} {}", n.kind(), join(n.prefixes()))
}
