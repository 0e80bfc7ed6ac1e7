//! Who reads the aspects of [`Changed`] short of everything: for each, the rules and whether the
//! estimate does. An edit that changed only such aspects re-runs those rules (and the estimate when
//! it reads one) and keeps every other finding ([`crate::analysis::reanalyze`]).
//!
//! The table is kept true by a test that reads the source: every place the analysis's code (the
//! modules `validate` and `throughput` reach) names the aspect's field must lie in a function listed
//! here, and every call of a listed helper must come from a listed function. A new reader of the
//! field fails that test until it is added, with the rules that reach it.

use super::changed::Changed;

/// The readers of one aspect.
pub(crate) struct Readers {
    /// The aspect.
    pub aspect: Changed,
    /// The node field that holds it.
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the test that checks the table"))]
    pub field: &'static str,
    /// The ids of the rules that read it.
    pub rules: &'static [&'static str],
    /// Whether the estimate reads it.
    pub estimate: bool,
    /// Every function of the analysis that names the field or calls such a helper, as (file under
    /// `src/`, function): the rules' checks above, the helpers they call, the estimate's functions.
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the test that checks the table"))]
    pub code: &'static [(&'static str, &'static str)],
}

/// The aspects that only some rules read.
pub(crate) static READERS: &[Readers] = &[
    Readers {
        aspect: Changed::UPLINK,
        field: "uplink_mbps",
        rules: &["tput-shared"],
        estimate: true,
        code: &[
            ("validate/capacity.rs", "tput_shared"),
            ("throughput/share.rs", "allocate"),
            ("throughput.rs", "estimate_with"),
            ("throughput.rs", "estimate"),
        ],
    },
    Readers {
        aspect: Changed::ADVERTISED,
        field: "advertised",
        rules: &["bgp-prefix-cap"],
        estimate: false,
        code: &[("validate/bgp.rs", "bgp_prefix_cap")],
    },
    Readers {
        aspect: Changed::BEHIND_NAT,
        field: "behind_nat",
        rules: &["s2s-public-ip"],
        estimate: false,
        code: &[("validate/connectivity.rs", "s2s_public_ip")],
    },
    Readers {
        aspect: Changed::REGION,
        field: "region",
        rules: &[
            "peer-remote-gw",
            "peer-global",
            "region-known",
            "er-premium-geo",
            "v2v-cloud",
            "peer-cloud",
            "p2s-transit-bgp",
            "peer-no-gw-needed",
            "peer-nontransitive",
        ],
        estimate: false,
        code: &[
            ("validate/peering.rs", "peer_remote_gw"),
            ("validate/peering.rs", "transit_ok"),
            ("validate/peering.rs", "peer_global"),
            ("validate/regions.rs", "region_known"),
            ("validate/regions.rs", "region_fits"),
            ("validate/regions.rs", "er_premium_geo"),
            ("validate/regions.rs", "v2v_cloud"),
            ("validate/regions.rs", "same_cloud"),
            ("validate/regions.rs", "across_clouds"),
            ("validate/regions.rs", "peer_cloud"),
            ("validate/peering.rs", "can_peer"),
            ("validate/peering.rs", "peer_nontransitive"),
            ("validate/connectivity.rs", "p2s_transit_bgp"),
            ("validate/connectivity.rs", "transit_fix"),
            ("validate/connectivity.rs", "peer_no_gw_needed"),
            ("validate/connectivity.rs", "peering_instead"),
        ],
    },
    Readers {
        aspect: Changed::CLIENTS,
        field: "clients",
        rules: &["gw-p2s-cap", "p2s-pool-size"],
        estimate: true,
        code: &[
            ("validate/capacity.rs", "gw_p2s_cap"),
            ("validate/capacity.rs", "p2s_pool_size"),
            ("throughput.rs", "link_estimate"),
            ("throughput.rs", "estimate_with"),
            ("throughput.rs", "estimate"),
            ("throughput/share.rs", "allocate"),
        ],
    },
    Readers {
        aspect: Changed::PROTOCOL,
        field: "protocol",
        rules: &["gw-p2s-cap", "p2s-win-selectors", "basic-p2s"],
        estimate: false,
        code: &[
            ("validate/capacity.rs", "gw_p2s_cap"),
            ("validate/capacity.rs", "p2s_win_selectors"),
            ("validate/features.rs", "basic_p2s"),
        ],
    },
    Readers {
        aspect: Changed::RADIUS,
        field: "radius",
        rules: &["basic-p2s"],
        estimate: false,
        code: &[("validate/features.rs", "basic_p2s")],
    },
    Readers {
        aspect: Changed::ACTIVE_ACTIVE,
        field: "active_active",
        rules: &["gw-tunnel-cap", "aa-sku", "v2v-redundant"],
        estimate: true,
        code: &[
            ("validate/capacity.rs", "gw_tunnel_cap"),
            ("validate/features.rs", "aa_sku"),
            ("validate/tunnels.rs", "v2v_redundant"),
            ("throughput/share.rs", "gateway"),
            ("throughput/share.rs", "allocate"),
            ("throughput.rs", "estimate_with"),
            ("throughput.rs", "estimate"),
        ],
    },
    Readers {
        aspect: Changed::APIPA,
        field: "apipa",
        rules: &["bgp-peer-ip", "nat-apipa"],
        estimate: false,
        code: &[
            ("validate/bgp.rs", "bgp_peer_ip"),
            ("validate/features.rs", "nat_apipa"),
        ],
    },
    Readers {
        aspect: Changed::FASTPATH,
        field: "fastpath",
        rules: &["er-fastpath", "er-gw-bottleneck"],
        estimate: true,
        code: &[
            ("validate/expressroute.rs", "er_fastpath"),
            ("validate/expressroute.rs", "er_gw_bottleneck"),
            ("throughput.rs", "er_estimate"),
            ("throughput.rs", "link_estimate"),
            ("throughput.rs", "estimate_with"),
            ("throughput.rs", "estimate"),
        ],
    },
    Readers {
        aspect: Changed::UNITS,
        field: "units",
        rules: &["er-gw-bottleneck", "er-gw-units"],
        estimate: true,
        code: &[
            ("validate/expressroute.rs", "er_gw_bottleneck"),
            ("validate/expressroute.rs", "er_gw_units"),
            ("validate/expressroute.rs", "er_rate"),
            ("throughput.rs", "er_estimate"),
            ("throughput.rs", "er_units"),
            ("throughput.rs", "link_estimate"),
            ("throughput.rs", "estimate_with"),
            ("throughput.rs", "estimate"),
        ],
    },
    Readers {
        aspect: Changed::PREMIUM,
        field: "premium",
        rules: &["er-vnet-links", "er-premium-geo", "region-known"],
        estimate: false,
        code: &[
            ("validate/expressroute.rs", "er_vnet_links"),
            ("validate/regions.rs", "er_premium_geo"),
            ("validate/regions.rs", "region_fits"),
            ("validate/regions.rs", "region_known"),
        ],
    },
    Readers {
        aspect: Changed::DIRECT,
        field: "direct",
        rules: &["er-circuit-bw", "er-vnet-links"],
        estimate: false,
        code: &[
            ("validate/expressroute.rs", "er_circuit_bw"),
            ("validate/expressroute.rs", "er_vnet_links"),
        ],
    },
    Readers {
        aspect: Changed::LOCATION,
        field: "location",
        rules: &["er-gw-circuits", "er-premium-geo", "region-known"],
        estimate: false,
        code: &[
            ("validate/expressroute.rs", "er_gw_circuits"),
            ("validate/regions.rs", "er_premium_geo"),
            ("validate/regions.rs", "region_fits"),
            ("validate/regions.rs", "region_known"),
            ("region.rs", "location_geo"),
            ("region.rs", "outside_geo"),
        ],
    },
];

/// What rule `id` reads of [`Changed`]: [`Changed::EVERYTHING`] and the aspects it is listed under.
pub(crate) fn rule_reads(id: &str) -> Changed {
    READERS
        .iter()
        .filter(|r| r.rules.contains(&id))
        .fold(Changed::EVERYTHING, |reads, r| reads | r.aspect)
}

/// What the estimate reads of [`Changed`].
pub(crate) fn estimate_reads() -> Changed {
    READERS
        .iter()
        .filter(|r| r.estimate)
        .fold(Changed::EVERYTHING, |reads, r| reads | r.aspect)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::architecture_tests::{Module, Token, graph_of, lex, sources, without_tests};
    use crate::validate::RULES;

    /// The modules the analysis's code reaches from the rules and the estimate.
    fn analysis_modules() -> Vec<(Module, String)> {
        let sources = sources();
        let graph = graph_of(&sources);
        let mut seen: BTreeSet<Module> = BTreeSet::new();
        let mut todo: Vec<Module> = vec![vec!["validate".into()], vec!["throughput".into()]];
        // A family's files are its module and its children: every module under `validate` and
        // `throughput` is reached.
        for m in sources.keys() {
            if m.first().is_some_and(|f| f == "validate" || f == "throughput") {
                todo.push(m.clone());
            }
        }
        while let Some(m) = todo.pop() {
            if seen.insert(m.clone())
                && let Some(deps) = graph.get(&m)
            {
                todo.extend(deps.iter().cloned());
            }
        }
        seen.into_iter()
            .filter_map(|m| sources.get(&m).map(|text| (m, text.clone())))
            .collect()
    }

    /// The file of module `m` under `src/` (`validate/capacity.rs`), as the table spells it.
    fn file_of(m: &Module) -> String {
        if m.is_empty() {
            "lib.rs".into()
        } else {
            format!("{}.rs", m.join("/"))
        }
    }

    /// Each identifier of `tokens` that is a field name or a call (not a path segment), with the
    /// innermost function around it (`None`: outside every function body).
    fn names_in_functions(tokens: &[Token]) -> Vec<(String, Option<String>, bool)> {
        let mut out = Vec::new();
        // (function name, brace depth of its body)
        let mut fns: Vec<(String, usize)> = Vec::new();
        let mut pending: Option<String> = None;
        let mut depth = 0usize;
        // Brackets open in the signature of `pending` (a `;` in `[u8; 4]` ends no item).
        let mut nested = 0usize;
        for (i, t) in tokens.iter().enumerate() {
            match t {
                Token::Ident(word) if word == "fn" => {
                    if let Some(Token::Ident(name)) = tokens.get(i + 1) {
                        pending = Some(name.clone());
                        nested = 0;
                    }
                }
                Token::Punct('{') => {
                    depth += 1;
                    if let Some(name) = pending.take() {
                        fns.push((name, depth));
                    }
                }
                Token::Punct('}') => {
                    if fns.last().is_some_and(|(_, d)| *d == depth) {
                        fns.pop();
                    }
                    depth = depth.saturating_sub(1);
                }
                Token::Punct('(' | '[') if pending.is_some() => nested += 1,
                Token::Punct(')' | ']') if pending.is_some() => nested = nested.saturating_sub(1),
                Token::Punct(';') if pending.is_some() && nested == 0 => {
                    // A function without a body (a trait item).
                    pending = None;
                }
                Token::Ident(_) if i > 0 && tokens[i - 1] == Token::Ident("fn".into()) => {}
                Token::Ident(word) => {
                    let after_sep = i > 0 && tokens[i - 1] == Token::Sep;
                    let before_sep = tokens.get(i + 1) == Some(&Token::Sep);
                    if !after_sep && !before_sep {
                        let call = tokens.get(i + 1) == Some(&Token::Punct('('));
                        // In a signature, a name belongs to the function it declares.
                        let within = pending.clone().or_else(|| fns.last().map(|(n, _)| n.clone()));
                        out.push((word.clone(), within, call));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// `true` when function `name` of `file` is private to its module (no `pub` before its `fn`).
    fn private(modules: &[(Module, String)], file: &str, name: &str) -> bool {
        let Some((_, text)) = modules.iter().find(|(m, _)| file_of(m) == file) else {
            return false;
        };
        let tokens = lex(text);
        tokens.windows(2).enumerate().any(|(i, w)| {
            w[0] == Token::Ident("fn".into())
                && w[1] == Token::Ident(name.into())
                && i > 0
                && tokens[i - 1] != Token::Ident("pub".into())
                && tokens[i - 1] != Token::Punct(')')
        })
    }

    /// The rules a family's source defines, as (id, check function): `id: "…"` then `check: name`.
    fn checks(text: &str) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        for part in text.split("id: \"").skip(1) {
            let Some((id, rest)) = part.split_once('"') else {
                continue;
            };
            let Some((_, after)) = rest.split_once("check: ") else {
                continue;
            };
            let check = after
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("");
            out.push((id, check));
        }
        out
    }

    /// Places that name the fields without reading them for the analysis: the fields' definitions
    /// (the catalog's SKU specs have fields of the same names) and the constructors (which write them), and the node property tables' readers and writers
    /// (closures in statics, for `set` and the inspector; the analysis uses only the link table and
    /// the name and prefix parsers of `props`, which the test below checks).
    const NOT_READERS: &[(&str, Option<&str>)] = &[
        ("catalog.rs", None),
        ("design/node.rs", None),
        ("design/node.rs", Some("new")),
        ("props/node.rs", None),
    ];

    #[test]
    fn every_reader_of_a_narrow_aspect_is_in_the_table() {
        let modules = analysis_modules();
        let files: BTreeSet<String> = modules.iter().map(|(m, _)| file_of(m)).collect();
        assert!(
            files.contains("validate/capacity.rs") && files.contains("fix/fixer.rs") && files.contains("cidr.rs"),
            "the analysis's modules: {files:?}"
        );
        let mut wrong = Vec::new();
        for readers in READERS {
            let listed = |file: &str, f: &Option<String>| {
                readers
                    .code
                    .iter()
                    .any(|(lf, lfn)| *lf == file && f.as_deref() == Some(*lfn))
            };
            // A private helper is called only from its own module and the modules under it.
            let helper = |file: &str, name: &str| {
                readers.code.iter().any(|(lf, lfn)| {
                    let inside = *lf == file || file.starts_with(&format!("{}/", lf.trim_end_matches(".rs")));
                    *lfn == name && (inside || !private(&modules, lf, lfn))
                })
            };
            let mut found = BTreeSet::new();
            for (m, text) in &modules {
                let file = file_of(m);
                for (word, f, call) in names_in_functions(&without_tests(&lex(text))) {
                    let reads = word == readers.field && !call;
                    let calls = call && helper(&file, &word);
                    let exempt = NOT_READERS.iter().any(|(nf, nfn)| *nf == file && f.as_deref() == *nfn);
                    if reads && !exempt && !listed(&file, &f) {
                        wrong.push(format!("{file}: {f:?} names `{}`", readers.field));
                    }
                    if calls && !listed(&file, &f) {
                        wrong.push(format!("{file}: {f:?} calls `{word}`, which reads `{}`", readers.field));
                    }
                    if reads {
                        found.insert((file.clone(), f.clone()));
                    }
                }
            }
            assert!(
                !found.is_empty(),
                "nothing reads `{}`: the test reads no source",
                readers.field
            );
            // The rules listed are exactly those whose checks are among the functions listed.
            let mut reached: BTreeSet<&str> = BTreeSet::new();
            for (m, text) in &modules {
                for (id, check) in checks(text) {
                    if readers.code.contains(&(file_of(m).as_str(), check)) {
                        reached.insert(id);
                    }
                }
            }
            let listed: BTreeSet<&str> = readers.rules.iter().copied().collect();
            assert_eq!(listed, reached, "the rules whose checks read `{}`", readers.field);
            for id in readers.rules {
                assert!(RULES.iter().any(|r| r.id == *id), "no rule {id}");
            }
        }
        // The node property tables are out of the analysis's reach: nothing outside `props` names them.
        for (m, text) in &modules {
            if m.first().is_some_and(|f| f == "props") {
                continue;
            }
            for (word, f, _) in names_in_functions(&without_tests(&lex(text))) {
                if ["node_properties", "node_keys", "SITE", "USERS"].contains(&word.as_str()) {
                    wrong.push(format!("{}: {f:?} names the node property table `{word}`", file_of(m)));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "code reads an aspect analysis::readers does not list: add the function and the rules that reach it\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn the_guard_sees_a_reader_outside_the_table() {
        let text = "fn somewhere(s: &Site) -> u32 { s.uplink_mbps.unwrap_or(0) }\n\
                    fn tput_shared() { let x = crate::region::lookup(\"a\"); }";
        let found = names_in_functions(&without_tests(&lex(text)));
        assert!(found.contains(&("uplink_mbps".into(), Some("somewhere".into()), false)));
        assert!(
            !found.iter().any(|(w, _, _)| w == "region"),
            "a path segment is not a field: {found:?}"
        );
    }

    #[test]
    fn every_rule_and_the_estimate_read_everything() {
        for rule in RULES {
            assert!(rule_reads(rule.id).meets(Changed::EVERYTHING));
        }
        assert!(estimate_reads().meets(Changed::UPLINK) && !estimate_reads().meets(Changed::REGION));
        assert!(
            rule_reads("region-known").meets(Changed::REGION) && !rule_reads("region-known").meets(Changed::UPLINK)
        );
    }
}
