//! Fixes are commands: over the shipped examples and over generated designs with mistakes put in,
//! every finding's fix lines apply, remove that finding and add no error; and applying the errors'
//! fixes one after another reaches a design where no error has a fix left, without any finding
//! coming back once its fix was applied.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Finding, Report, Severity, validate};
use crate::design::{Design, LinkKind};
use crate::format::{Format, load};
use crate::generate::{Rng, generate};
use crate::run_script;

/// A finding's identity across edits: rule, severity, nodes, and its links by `kind a b` (an edit
/// that re-creates a link gives it a new id).
type Key = (&'static str, Severity, Vec<String>, Vec<String>);

fn key(d: &Design, f: &Finding) -> Key {
    let links = f
        .links
        .iter()
        .map(|id| d.link(*id).map_or_else(|| format!("#{}", id.0), crate::Link::describe))
        .collect();
    (f.rule, f.severity, f.nodes.clone(), links)
}

/// An error as the "adds no error" check sees it: its rule, its links (`kind a b`) and its nodes
/// (each once, sorted).
type Subject = (&'static str, Vec<String>, Vec<String>);

fn errors_of(d: &Design, r: &Report) -> Vec<Subject> {
    r.findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            let links = f
                .links
                .iter()
                .filter_map(|id| d.link(*id))
                .map(crate::Link::describe)
                .collect();
            let mut nodes = f.nodes.clone();
            nodes.sort();
            nodes.dedup();
            (f.rule, links, nodes)
        })
        .collect()
}

/// The errors of `after` that no error of `before` accounts for. An error after an edit is the same
/// error as one before when the rule is the same and they share a link (a finding that lost one of
/// its links, or names another party to the same refused link) or name the same nodes; each error
/// before accounts for one after.
fn new_errors(before: &[Subject], after: &[Subject]) -> Vec<Subject> {
    let mut used = vec![false; before.len()];
    let mut out = Vec::new();
    for e in after {
        let same = |b: &Subject| b.0 == e.0 && (b.1.iter().any(|l| e.1.contains(l)) || b.2 == e.2);
        match (0..before.len()).find(|&i| !used[i] && same(&before[i])) {
            Some(i) => used[i] = true,
            None => out.push(e.clone()),
        }
    }
    out
}

/// How many findings of each identity a report holds (`errors_only`: errors only).
fn census(d: &Design, r: &Report, errors_only: bool) -> BTreeMap<Key, usize> {
    let mut out = BTreeMap::new();
    for f in r
        .findings
        .iter()
        .filter(|f| !errors_only || f.severity == Severity::Error)
    {
        *out.entry(key(d, f)).or_default() += 1;
    }
    out
}

/// `d` with `fix` applied, or the reason it does not apply.
fn applied(d: &Design, fix: &[String]) -> Result<Design, String> {
    let mut after = d.clone();
    run_script(&mut after, &fix.join("\n")).map_err(|e| e.to_string())?;
    Ok(after)
}

/// Checks every finding of `d` that has a fix: how many it checked, and what went wrong.
fn check_each_fix(d: &Design, label: &str) -> (usize, Vec<String>) {
    let report = validate(d);
    let (all, errors) = (census(d, &report, false), errors_of(d, &report));
    let mut checked = 0;
    let mut wrong = Vec::new();
    for f in report.findings.iter().filter(|f| !f.fix.is_empty()) {
        checked += 1;
        let what = format!("{label}: the fix {:?} of [{}] {}", f.fix, f.rule, f.message);
        let after = match applied(d, &f.fix) {
            Ok(after) => after,
            Err(e) => {
                wrong.push(format!("{what} does not apply: {e}"));
                continue;
            }
        };
        let now = validate(&after);
        let k = key(d, f);
        if census(&after, &now, false).get(&k).copied().unwrap_or(0) >= all[&k] {
            wrong.push(format!("{what} leaves it"));
        }
        for e in new_errors(&errors, &errors_of(&after, &now)) {
            wrong.push(format!("{what} adds the error {e:?}"));
        }
    }
    (checked, wrong)
}

/// Applies the fix of the first error that has one, again and again: the errors go down every
/// round and no fixed error comes back. Returns the rounds and the errors left.
fn fix_until_done(mut d: Design, label: &str) -> (usize, usize) {
    // Each fixed identity with how many errors had it right after its fix: never more later.
    let mut fixed: Vec<(Key, usize)> = Vec::new();
    let mut errors = validate(&d).count(Severity::Error);
    // The errors go down every round, so there are at most as many rounds as errors at the start.
    let rounds = errors;
    for round in 0..=rounds {
        let report = validate(&d);
        let now = census(&d, &report, true);
        if let Some((back, _)) = fixed.iter().find(|(k, n)| now.get(k).copied().unwrap_or(0) > *n) {
            panic!("{label}: round {round}: {back:?} is back after its fix");
        }
        let Some(f) = report
            .findings
            .iter()
            .find(|f| f.severity == Severity::Error && !f.fix.is_empty())
        else {
            return (round, errors);
        };
        let k = key(&d, f);
        d = applied(&d, &f.fix).unwrap_or_else(|e| panic!("{label}: {e}"));
        let after = validate(&d);
        fixed.push((k.clone(), census(&d, &after, true).get(&k).copied().unwrap_or(0)));
        let next = after.count(Severity::Error);
        assert!(
            next < errors,
            "{label}: round {round}: {errors} errors became {next} after {:?}",
            f.fix
        );
        errors = next;
    }
    panic!("{label}: no fixpoint within {rounds} rounds");
}

const EXAMPLES: [(&str, &str); 6] = [
    ("broken", include_str!("../../../../assets/examples/broken.ron")),
    ("hub-spoke", include_str!("../../../../assets/examples/hub-spoke.ron")),
    ("multi-site", include_str!("../../../../assets/examples/multi-site.ron")),
    (
        "p2s-remote-users",
        include_str!("../../../../assets/examples/p2s-remote-users.ron"),
    ),
    (
        "v2v-regions",
        include_str!("../../../../assets/examples/v2v-regions.ron"),
    ),
    (
        "expressroute-coexist",
        include_str!("../../../../assets/examples/expressroute-coexist.ron"),
    ),
];

fn example(text: &str) -> Design {
    load(text, Some(Format::Ron)).expect("a shipped example loads")
}

/// One of `items`, picked by `rng` (generate's splitmix64, so a failing case is named by its seed).
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    items.get(rng.below(items.len() as u64) as usize)
}

/// One mistake put into `d`, as command lines (from the list a designer makes: a gateway subnet
/// missing or too small, a SKU without the feature in use, overlapping space, transit flags or
/// ASNs missing, a PolicyBased gateway, a reserved ASN, a misspelt region, ...).
fn mistake(design: &Design, rng: &mut Rng) -> Vec<String> {
    let vnets: Vec<&str> = design.vnets().map(|vnet| vnet.name.as_str()).collect();
    let gws: Vec<&str> = design
        .vnets()
        .filter(|vnet| vnet.vpn.is_some())
        .map(|vnet| vnet.name.as_str())
        .collect();
    let ers: Vec<&str> = design
        .vnets()
        .filter(|vnet| vnet.er.is_some())
        .map(|vnet| vnet.name.as_str())
        .collect();
    let sites: Vec<&str> = design.sites().map(|site| site.name.as_str()).collect();
    let users: Vec<&str> = design.user_groups().map(|group| group.name.as_str()).collect();
    let links: Vec<(LinkKind, &str, &str)> = design
        .links()
        .values()
        .map(|l| (l.kind, l.a.as_str(), l.b.as_str()))
        .collect();
    let of =
        |kind: LinkKind| -> Vec<(&str, &str)> { links.iter().filter(|l| l.0 == kind).map(|l| (l.1, l.2)).collect() };
    let prefix_of = |name: &str| {
        design
            .node(name)
            .and_then(|count| count.prefixes().first())
            .map(ToString::to_string)
    };
    let one = |site: String| vec![site];
    let vnet = pick(rng, &vnets).copied().unwrap_or("none");
    let gw = pick(rng, &gws).copied().unwrap_or(vnet);
    let erv = pick(rng, &ers).copied().unwrap_or(vnet);
    let site = pick(rng, &sites).copied().unwrap_or("none");
    let group = pick(rng, &users).copied().unwrap_or("none");
    let other = pick(rng, &vnets).copied().unwrap_or(vnet);
    let s2s = pick(rng, &of(LinkKind::S2s)).copied();
    let v2v = pick(rng, &of(LinkKind::V2v)).copied();
    let peering = pick(rng, &of(LinkKind::Peering)).copied();
    let twin = format!("twin{}", rng.next() % 1000);
    let gw_asn = |name: &str| {
        design
            .vnet(name)
            .and_then(|vnet| vnet.vpn.as_ref())
            .and_then(|gw| gw.asn)
    };
    let subnet_of = |name: &str| {
        design
            .vnet(name)
            .and_then(|vnet| vnet.subnets.iter().find(|site| site.name != "GatewaySubnet"))
            .map(|site| site.prefix.to_string())
    };
    let er = pick(rng, &of(LinkKind::Er)).copied();
    let count = 5 + (rng.next() % 13) as usize;
    let made: Option<Vec<String>> = match rng.next() % 55 {
        0 => Some(one(format!("delete {gw}/GatewaySubnet"))),
        1 => Some(one(format!("set {gw} vpn-sku=Basic"))),
        2 => Some(one(format!("set {gw} policy-based=true"))),
        3 => prefix_of(other).map(|p| one(format!("set {vnet} prefixes={p}"))),
        4 => peering.map(|(a, b)| one(format!("set-link peering {a} {b} allow-gateway-transit=none"))),
        5 => Some(one(format!("set {gw} asn=none"))),
        6 => Some(one(format!("set {site} asn=none"))),
        7 => Some(one(format!("set {site} asn=65515"))),
        8 => Some(one(format!("set {site} ip=none"))),
        9 => Some(one(format!("subnet {vnet} stray 192.168.77.0/24"))),
        10 => Some(one(format!("subnet {gw} GatewaySubnet {}", last_block(design, gw, 29)))),
        11 => Some(one(format!("set {vnet} region=westeurpe"))),
        12 => Some(one(format!("set {site} circuit=1234"))),
        13 => s2s.map(|(a, b)| vec![format!("set-link s2s {a} {b} nat"), format!("set {a} nat-rules=2")]),
        14 => Some(vec![
            format!("set {gw} vpn-sku=Basic"),
            format!("set {gw} active-active=true"),
        ]),
        15 => Some(one(format!("set {group} protocol=openvpn radius=true"))),
        16 => Some(one("catalog 2017".to_owned())),
        17 => Some(one(format!("gateway {gw} vpn none"))),
        18 => s2s.map(|(a, b)| vec![format!("set-link s2s {a} {b} bgp"), format!("set {b} bgp-ip=none")]),
        19 => prefix_of(vnet).map(|p| one(format!("set {group} pool={p}"))),
        20 => Some(one(format!("link peering {vnet} {other} use-remote-gateways={vnet}"))),
        21 => peering.map(|(a, b)| one(format!("set-link peering {a} {b} one-sided"))),
        22 => Some(one(format!("set {site} circuit=none"))),
        23 => Some(one(format!("set {vnet} classic=true"))),
        24 => prefix_of(other).map(|p| vec![format!("vnet {twin} {p}"), format!("link peering {twin} {vnet}")]),
        25 => Some(one(format!("set {erv} fastpath=true"))),
        26 => subnet_of(vnet).map(|p| one(format!("subnet {vnet} dup {p}"))),
        27 => Some(one(format!("subnet {vnet} tiny {}", last_block(design, vnet, 30)))),
        28 => Some(one(format!(
            "subnet {vnet} crowded {} hosts=50",
            last_block(design, vnet, 28)
        ))),
        29 => design
            .vnet(gw)
            .and_then(|x| x.subnets.iter().find(|site| site.name == "GatewaySubnet"))
            .map(|site| {
                vec![
                    format!("delete {gw}/GatewaySubnet"),
                    format!("subnet {gw} gateway-subnet {}", site.prefix),
                ]
            }),
        30 => Some(one(format!("subnet {gw} GatewaySubnet {}", last_block(design, gw, 30)))),
        31 => design
            .vnet(gw)
            .and_then(|x| x.subnets.iter().find(|site| site.name == "GatewaySubnet"))
            .map(|site| one(format!("subnet {gw} GatewaySubnet {} hosts=4", site.prefix))),
        32 => Some(one(format!("set {gw} vpn-sku=VpnGw1AZ generation=2"))),
        33 => Some(one(format!("set {gw} vpn-sku=VpnGw2"))),
        34 => Some(one(format!("vnet {twin} 169.254.{}.0/24", rng.next() % 200))),
        35 => Some(one(format!("vnet {twin} 20.{}.0.0/16", rng.next() % 200))),
        36 => s2s.map(|(a, b)| {
            vec![
                format!("set-link s2s {a} {b} custom-ipsec"),
                format!("set {a} vpn-sku=Basic"),
            ]
        }),
        37 => Some(one(format!("set {gw} nat-rules=600 apipa=169.254.21.5"))),
        38 => s2s.map(|(a, b)| {
            vec![
                format!("link s2s {a} {b}"),
                format!("set {a} vpn-sku=Basic policy-based=true"),
            ]
        }),
        39 => s2s.map(|(a, b)| one(format!("link s2s {a} {b}"))),
        40 => v2v.map(|(a, b)| one(format!("link v2v {a} {b}"))),
        41 => Some(one(format!("set {site} behind-nat=true"))),
        42 => v2v.map(|(a, b)| {
            vec![
                format!("set {a} region=westeurope"),
                format!("set {b} region=westeurope"),
            ]
        }),
        43 => Some(one(format!(
            "set {site} asn={}",
            [64500, 4_200_000_000u32, 8075][(rng.next() % 3) as usize]
        ))),
        44 => s2s.and_then(|(a, b)| {
            gw_asn(a).map(|asn| vec![format!("set-link s2s {a} {b} bgp"), format!("set {b} asn={asn}")])
        }),
        45 => design
            .site(site)
            .and_then(|x| x.ip)
            .map(|ip| one(format!("set {site} bgp-ip={ip}"))),
        46 => Some(one(format!("set {site} advertised=5000"))),
        47 => Some(one(format!("set {gw} asn=8075"))),
        48 => peering.map(|(a, b)| vec![format!("set {a} classic=true"), format!("set {b} classic=true")]),
        49 => Some(vec![format!("set {site} circuit=10000 location=Tokyo premium=false")]),
        50 => v2v.map(|(a, _)| one(format!("set {a} region=chinanorth"))),
        51 => Some(vec![
            format!("set {erv} er-sku=ErGwScale"),
            format!("set {erv} units=50"),
        ]),
        // Many circuits on one gateway, from a few peering locations.
        52 => Some(
            (0..count)
                .flat_map(|i| {
                    let location = ["Amsterdam", "Amsterdam2", "London", "Paris", "Frankfurt"][i % 5];
                    [
                        format!(
                            "site {twin}c{i} 192.168.{}.0/24 circuit=1000 location={location}",
                            100 + i
                        ),
                        format!("link er {erv} {twin}c{i}"),
                    ]
                })
                .collect(),
        ),
        // One circuit linked to many VNets.
        53 => er.map(|(_, site)| {
            vnets
                .iter()
                .take(count)
                .flat_map(|vnet| [format!("gateway {vnet} er ErGw1AZ"), format!("link er {vnet} {site}")])
                .collect()
        }),
        _ => er
            .zip(s2s)
            .and_then(|((_, dc), (_, branch))| prefix_of(branch).map(|p| one(format!("set {dc} prefixes={p}")))),
    };
    made.unwrap_or_default()
}

/// The last block of length `len` of `vnet`'s first IPv4 prefix.
fn last_block(d: &Design, vnet: &str, len: u8) -> String {
    let Some(ipnet::IpNet::V4(p)) = d.vnet(vnet).and_then(|v| v.prefixes.first()).copied() else {
        return format!("10.255.255.0/{len}");
    };
    let size = 1u32 << (32 - u32::from(len));
    let last = u32::from(p.broadcast()) & !(size - 1);
    format!("{}/{len}", std::net::Ipv4Addr::from(last))
}

/// `d` with `count` mistakes put in (the ones the editor refuses are left out).
fn with_mistakes(mut d: Design, rng: &mut Rng, count: usize) -> Design {
    for _ in 0..count {
        let lines = mistake(&d, rng);
        if lines.is_empty() {
            continue;
        }
        let mut next = d.clone();
        if run_script(&mut next, &lines.join("\n")).is_ok() {
            d = next;
        }
    }
    d
}

/// The designs the properties run over: the examples, each with and without mistakes, and small
/// generated estates with mistakes.
fn designs() -> Vec<(String, Design)> {
    let mut out = Vec::new();
    // A hand-edited file: a link to a node that is not there, prefixes with host bits set.
    let edited = EXAMPLES[0]
        .1
        .replace("b: \"branch\",", "b: \"ghost\",")
        .replace("\"10.0.0.0/8\"", "\"10.0.0.1/8\"")
        .replace("prefix: \"10.0.255.0/29\"", "prefix: \"10.0.255.1/29\"");
    out.push(("broken, hand-edited".to_owned(), example(&edited)));
    // A Standard circuit linked to more VNets than it allows.
    let mut d = Design::default();
    let mut script = "site dc 192.168.0.0/24 circuit=1000\n".to_owned();
    for i in 0..12 {
        let _ = writeln!(
            script,
            "vnet v{i} 10.{i}.0.0/16\nsubnet v{i} GatewaySubnet 10.{i}.255.0/27\ngateway v{i} er ErGw1AZ\nlink er v{i} dc"
        );
    }
    run_script(&mut d, &script).expect("script");
    out.push(("one circuit, twelve VNets".to_owned(), d));
    // Policy-based traffic selectors, set up wrong in each way the rules know.
    let pbts = "vnet hub 10.0.0.0/16,10.1.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
                gateway hub vpn VpnGw1AZ\nsite legacy 192.168.1.0/24,192.168.2.0/24 ip=203.0.113.10\n\
                link s2s hub legacy custom-ipsec policy-based-selectors\n";
    let transit = "site branch 192.168.9.0/24 ip=203.0.113.20\nlink s2s hub branch\nvnet spoke 10.9.0.0/16\n\
                   link peering hub spoke allow-gateway-transit@hub use-remote-gateways@spoke\n";
    for (what, script) in [
        ("sound", pbts.to_owned()),
        ("no custom policy", pbts.replace(" custom-ipsec", "")),
        ("on Basic", pbts.replace("VpnGw1AZ", "Basic")),
        (
            "on a PolicyBased gateway",
            pbts.replace("vpn VpnGw1AZ", "vpn Basic policy-based"),
        ),
        ("with transit", format!("{pbts}{transit}")),
        (
            "no custom policy, on Basic, with transit",
            format!(
                "{}{transit}",
                pbts.replace(" custom-ipsec", "").replace("VpnGw1AZ", "Basic")
            ),
        ),
    ] {
        let mut d = Design::default();
        run_script(&mut d, &script).expect("script");
        out.push((format!("policy-based selectors, {what}"), d));
    }
    for (name, text) in EXAMPLES {
        out.push((name.to_owned(), example(text)));
        for seed in 0..24u64 {
            let mut rng = Rng(seed);
            let count = 1 + (seed as usize % 6);
            out.push((
                format!("{name} + {count} mistakes (seed {seed})"),
                with_mistakes(example(text), &mut rng, count),
            ));
        }
    }
    for seed in 0..64u64 {
        let mut rng = Rng(1000 + seed);
        let vnets = 26 + (seed as usize % 3) * 13;
        let count = 2 + (seed as usize % 8);
        out.push((
            format!("generated {vnets} VNets + {count} mistakes (seed {seed})"),
            with_mistakes(generate(vnets, seed), &mut rng, count),
        ));
    }
    out
}

#[test]
fn every_fix_removes_its_finding_and_adds_no_error() {
    let mut checked = 0;
    let mut wrong = Vec::new();
    let mut rules = std::collections::BTreeSet::new();
    for (label, d) in designs() {
        let (n, w) = check_each_fix(&d, &label);
        checked += n;
        wrong.extend(w);
        rules.extend(
            validate(&d)
                .findings
                .iter()
                .filter(|f| !f.fix.is_empty())
                .map(|f| f.rule),
        );
    }
    let mut kinds: BTreeMap<String, (usize, String)> = BTreeMap::new();
    for w in &wrong {
        let rule = w.split(" of [").nth(1).and_then(|r| r.split(']').next()).unwrap_or("?");
        let what = w
            .rsplit(" adds the error (")
            .next()
            .and_then(|r| r.split(',').next())
            .unwrap_or("leaves/apply");
        let e = kinds.entry(format!("{rule} -> {what}")).or_insert((0, w.clone()));
        e.0 += 1;
    }
    let summary: Vec<String> = kinds
        .iter()
        .map(|(k, (n, ex))| format!("{n}x {k}\n    e.g. {}", &ex[..ex.len().min(600)]))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {checked} fixes go wrong:\n{}",
        wrong.len(),
        summary.join("\n")
    );
    // The sweep reaches well past the examples: thousands of fixes, of every rule but the three whose
    // fix is always empty (where P2S clients connect from; the peering limit, which needs another hub;
    // the selectors a policy-based device needs, which are configured on the device).
    assert!(checked > 2000, "only {checked} fixes checked");
    let unmet: Vec<&str> = super::RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !rules.contains(id))
        .collect();
    assert_eq!(
        unmet,
        ["s2s-p2s-same-ip", "peer-count", "pbts-selectors"],
        "rules with no fix met"
    );
}

#[test]
fn the_broken_example_is_fixed_to_a_fixpoint_without_a_circle() {
    let d = example(EXAMPLES[0].1);
    let (rounds, left) = fix_until_done(d, "broken");
    // Every error of the broken example but the device address (the user's to give) has a fix.
    assert!(rounds > 5, "{rounds} rounds");
    assert_eq!(left, 1, "errors left");
}

#[test]
fn designs_with_mistakes_reach_a_fixpoint_without_a_circle() {
    for (label, d) in designs() {
        fix_until_done(d, &label);
    }
}

#[test]
fn following_the_bgp_and_coexistence_hints_together_makes_no_new_error() {
    // The circle the hints used to draw: both gateways of a BGP VNet-to-VNet connection told to take
    // 65515, the ExpressRoute hub told 65515 again after being moved off it.
    let script = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ\n\
                  gateway hub er ErGw1AZ\nvnet far 10.1.0.0/16\nsubnet far GatewaySubnet 10.1.255.0/27\n\
                  gateway far vpn VpnGw1AZ\nsite dc 192.168.0.0/24 circuit=1000\n\
                  site branch 192.168.1.0/24 ip=203.0.113.1 asn=65020 bgp-ip=192.168.1.1\n\
                  link er hub dc\nlink s2s hub branch bgp\nlink v2v far hub bgp\n";
    let mut d = Design::default();
    run_script(&mut d, script).expect("script");
    let report = validate(&d);
    let lines: Vec<String> = report
        .findings
        .iter()
        .filter(|f| matches!(f.rule, "bgp-enabled" | "coexist-transit"))
        .flat_map(|f| f.fix.clone())
        .collect();
    assert!(lines.contains(&"set hub asn=65515".to_owned()), "{lines:?}");
    assert!(lines.contains(&"set far asn=65010".to_owned()), "{lines:?}");
    let after = applied(&d, &lines).expect("the fixes apply");
    let now = validate(&after);
    assert!(
        now.findings
            .iter()
            .all(|f| !matches!(f.rule, "bgp-enabled" | "bgp-asn-distinct") && f.severity != Severity::Error),
        "{:?}",
        now.findings
    );
}

#[test]
fn rules_without_a_fix_say_why_in_their_hint() {
    // No edit gives a device its public address: the finding has a hint and no fix.
    let mut d = Design::default();
    run_script(
        &mut d,
        "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub vpn VpnGw1AZ\n\
         site office 192.168.0.0/24\nlink s2s hub office",
    )
    .expect("script");
    let f = validate(&d)
        .findings
        .into_iter()
        .find(|f| f.rule == "s2s-public-ip")
        .expect("s2s-public-ip fires");
    assert!(f.fix.is_empty() && f.hint.contains("public IPv4"), "{f:?}");
}
