//! [`reanalyze`] against the full analysis: after every narrow edit of every node of every shipped
//! example and of a generated design, with values chosen to raise and clear the rules that read them,
//! and after random sequences of edits of every sort.

use proptest::prelude::*;

use super::*;
use crate::design::Pos;
use crate::edit::Edit;
use crate::generate::generate;
use crate::props::Prop;

/// The shipped examples and a generated design, by name.
fn corpus() -> Vec<(String, Design)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/examples");
    let mut out: Vec<(String, Design)> = std::fs::read_dir(dir)
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (
                p.display().to_string(),
                crate::format::load(&text, None).expect("loads"),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(out.len() >= 5, "the shipped examples: {}", out.len());
    out.push(("generate(300, 3)".into(), generate(300, 3)));
    // An ExpressRoute Direct port on a scalable gateway: what `units` and `direct` change.
    let mut er = Design::default();
    crate::run_script(
        &mut er,
        "vnet hub 10.0.0.0/16 region=westeurope\nsubnet hub GatewaySubnet 10.0.255.0/27\n\
         gateway hub er ErGwScale\nsite dc 192.168.0.0/24 circuit=100000\nlink er hub dc",
    )
    .expect("the ExpressRoute script");
    out.push(("ErGwScale and a 100 Gbps circuit".into(), er));
    out
}

/// The narrow keys with values that raise and clear their rules' findings (a region in another
/// cloud, a misspelt one, none; a slow uplink and a fast one; a huge advertisement; too many clients;
/// an APIPA address outside 169.254/16; a peering location in another geopolitical region).
const NARROW: &[(&str, &[&str])] = &[
    (
        "region",
        &["westeurope", "chinanorth", "westeurop", "usgovvirginia", "none"],
    ),
    ("uplink", &["1", "50", "10000", "none"]),
    ("advertised", &["0", "3", "5000"]),
    ("behind-nat", &["true", "false"]),
    ("clients", &["1", "300", "200000"]),
    ("protocol", &["sstp", "ikev2", "openvpn"]),
    ("radius", &["true", "false"]),
    ("active-active", &["true", "false"]),
    ("apipa", &["169.254.21.5", "10.0.0.9", "none"]),
    ("fastpath", &["true", "false"]),
    ("units", &["1", "2", "40"]),
    ("premium", &["true", "false"]),
    ("direct", &["true", "false"]),
    ("location", &["amsterdam", "chicago", "nowhere", "none"]),
];

/// Applies `edit`, reanalyzes from `kept`, and checks the result against a full analysis; returns
/// what changed and whether the analysis differs from the one before the edit.
fn step(d: &mut Design, kept: &mut Analysis, edit: &Edit) -> Option<(Changed, bool)> {
    let change = d.apply(edit).ok()?;
    let what = changed(&change, d);
    let before = kept.clone();
    *kept = reanalyze(d, std::mem::take(kept), what);
    assert_eq!(*kept, analyze_serial(d), "after {edit:?} ({what:?})");
    Some((what, *kept != before))
}

#[test]
fn a_narrow_edit_reruns_its_readers_and_equals_the_full_analysis() {
    let (mut edits, mut differed) = (0, [0usize; NARROW.len()]);
    for (name, mut d) in corpus() {
        let mut kept = analyze(&d);
        let nodes: Vec<String> = d.nodes().keys().cloned().collect();
        // Every node of a small design; one in three of the generated one (the test stays quick).
        let every = if nodes.len() > 100 { 3 } else { 1 };
        for node in nodes.iter().step_by(every) {
            for (k, (key, values)) in NARROW.iter().enumerate() {
                for value in *values {
                    let edit = Edit::Set {
                        name: node.clone(),
                        props: vec![Prop::new(*key, *value)],
                    };
                    let Some((what, differs)) = step(&mut d, &mut kept, &edit) else {
                        continue;
                    };
                    assert!(!what.meets(Changed::EVERYTHING), "{name}: {edit:?} is narrow: {what:?}");
                    edits += 1;
                    differed[k] += usize::from(differs);
                }
            }
        }
    }
    assert!(edits > 500, "{edits} edits");
    // Each aspect changed some finding or figure somewhere: the test can fail.
    let quiet: Vec<&str> = NARROW
        .iter()
        .zip(differed)
        .filter(|(_, n)| *n == 0)
        .map(|((k, _), _)| *k)
        .collect();
    assert!(
        quiet.is_empty(),
        "keys that changed no finding and no figure anywhere: {quiet:?} ({differed:?})"
    );
}

#[test]
fn a_move_or_a_pin_keeps_the_analysis_and_anything_else_is_everything() {
    let mut d = generate(20, 1);
    let hub = d
        .nodes()
        .keys()
        .find(|n| n.starts_with("hub-"))
        .cloned()
        .expect("a hub");
    let mut kept = analyze(&d);
    let moved = Edit::Move {
        name: hub.clone(),
        pos: Pos { x: 3, y: 4 },
    };
    assert_eq!(step(&mut d, &mut kept, &moved), Some((Changed::NOTHING, false)));
    let pin = Edit::Pin {
        name: hub.clone(),
        pinned: true,
    };
    assert_eq!(step(&mut d, &mut kept, &pin), Some((Changed::NOTHING, false)));
    for (key, value) in [("vpn-sku", "VpnGw3AZ"), ("prefixes", "10.200.0.0/16")] {
        let set = Edit::Set {
            name: hub.clone(),
            props: vec![Prop::new(key, value)],
        };
        let (what, _) = step(&mut d, &mut kept, &set).expect("applies");
        assert_eq!(what, Changed::EVERYTHING, "{key}");
    }
}

/// One edit of any sort on the generated design, by index into its nodes.
fn any_edit() -> impl Strategy<Value = (usize, u8, u16)> {
    (0usize..10_000, 0u8..16, 0u16..1000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Random sequences of narrow and broad edits, moves and undos: the kept analysis is the full one
    /// after every step.
    #[test]
    fn any_sequence_of_edits_keeps_the_full_analysis(steps in proptest::collection::vec(any_edit(), 1..24)) {
        let mut d = generate(60, 5);
        let mut kept = analyze(&d);
        let mut undo: Vec<crate::Change> = Vec::new();
        for (pick, sort, n) in steps {
            let names: Vec<String> = d.nodes().keys().cloned().collect();
            let name = names[pick % names.len()].clone();
            let (key, value) = match sort {
                0 => ("region", ["westeurope", "eastus", "chinanorth", "none"][usize::from(n % 4)].to_owned()),
                1 => ("uplink", (n % 300 + 1).to_string()),
                2 => ("advertised", (n * 7).to_string()),
                3 => ("behind-nat", (n % 2 == 0).to_string()),
                4 => ("vpn-sku", ["Basic", "VpnGw1AZ", "VpnGw5AZ"][usize::from(n % 3)].to_owned()),
                5 => ("asn", (65_000 + u32::from(n % 600)).to_string()),
                6 => ("clients", n.to_string()),
                7 => ("protocol", ["sstp", "ikev2", "openvpn"][usize::from(n % 3)].to_owned()),
                8 => ("active-active", (n % 2 == 0).to_string()),
                9 => ("premium", (n % 2 == 0).to_string()),
                10 => ("location", ["amsterdam", "chicago", "none"][usize::from(n % 3)].to_owned()),
                _ => ("", String::new()),
            };
            let edit = match sort {
                0..=10 => Edit::Set { name, props: vec![Prop::new(key, value)] },
                11 | 12 => Edit::Move { name, pos: Pos { x: i32::from(n), y: 7 } },
                13 => Edit::Pin { name, pinned: n % 2 == 0 },
                14 => Edit::Delete { name },
                _ => {
                    // Undo the last step (what the TUI's history does with the recorded changes).
                    let Some(last) = undo.pop() else { continue };
                    let redo = d.revert(last);
                    let what = changed(&redo, &d);
                    kept = reanalyze(&d, std::mem::take(&mut kept), what);
                    prop_assert_eq!(&kept, &analyze_serial(&d));
                    continue;
                }
            };
            let Ok(change) = d.apply(&edit) else { continue };
            let what = changed(&change, &d);
            kept = reanalyze(&d, std::mem::take(&mut kept), what);
            prop_assert_eq!(&kept, &analyze_serial(&d), "after {:?}", edit);
            undo.push(change);
        }
    }
}
