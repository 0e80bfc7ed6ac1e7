use proptest::prelude::*;

use super::*;
use crate::run_script;
use crate::sku::VpnSku;

fn design() -> Design {
    let mut d = Design::default();
    run_script(
        &mut d,
        "vnet hub 10.0.0.0/16 region=westeurope
subnet hub GatewaySubnet 10.0.255.0/27
gateway hub vpn VpnGw2AZ active-active
gateway hub er ErGw1AZ
vnet spoke1 10.1.0.0/16 region=westeurope
vnet spoke2 10.2.0.0/16 region=westeurope
vnet spoke3 10.3.0.0/16
vnet dr 10.50.0.0/16 region=northeurope
site branch1 192.168.10.0/24
site dc 10.200.0.0/16 circuit=1000 location=Amsterdam
users vpnusers 172.16.0.0/22 clients=500",
    )
    .expect("script");
    d
}

fn names(r: &Results) -> Vec<&str> {
    r.hits.iter().map(|h| h.name.as_str()).collect()
}

#[test]
fn an_address_being_typed_finds_the_vnet_whose_space_holds_it() {
    let index = SearchIndex::new(&design());
    let r = index.search("10.2.", 10);
    assert_eq!(names(&r)[0], "spoke2");
    assert_eq!(r.hits[0].matched, Matched::Holds("10.2.0.0/16".parse().expect("net")));
    // Deeper in the space: a subnet's address is still the VNet's.
    let r = index.search("10.0.255.4", 10);
    assert_eq!(names(&r)[0], "hub");
    let r = index.search("192.168.10.", 10);
    assert_eq!(names(&r)[0], "branch1");
    // A wide prefix finds what lies inside it, the widest nets last.
    let r = index.search("10.0.0.0/8", 10);
    let found = names(&r);
    for n in ["hub", "spoke1", "spoke2", "spoke3", "dr", "dc"] {
        assert!(found.contains(&n), "{n} is inside 10.0.0.0/8: {found:?}");
    }
    assert!(!found.contains(&"branch1"));
}

#[test]
fn names_match_fuzzily_with_smart_case() {
    let index = SearchIndex::new(&design());
    assert_eq!(names(&index.search("spk3", 10))[0], "spoke3");
    assert_eq!(names(&index.search("vpnu", 10))[0], "vpnusers");
    assert!(index.search("Hub", 10).hits.is_empty(), "upper case matches case");
    assert_eq!(names(&index.search("hub", 10))[0], "hub");
}

#[test]
fn skus_and_regions_find_the_nodes_that_have_them() {
    let index = SearchIndex::new(&design());
    let r = index.search("2az", 10);
    assert_eq!(r.hits[0].name, "hub");
    assert_eq!(r.hits[0].matched, Matched::Sku("VpnGw2AZ".into()));
    let r = index.search("northeu", 10);
    assert_eq!(names(&r), ["dr"]);
    let r = index.search("westeurope", 10);
    assert_eq!(names(&r), ["hub", "spoke1", "spoke2"]);
    assert_eq!(r.hits[0].matched, Matched::Region("westeurope".into()));
    assert_eq!(names(&index.search("amster", 10)), ["dc"]);
}

#[test]
fn the_best_hits_are_kept_and_the_rest_counted() {
    let index = SearchIndex::new(&design());
    let r = index.search("e", 2);
    assert_eq!(r.hits.len(), 2);
    assert!(r.total > 2, "{r:?}");
    assert!(r.hits[0].score >= r.hits[1].score);
    assert_eq!(index.search("   ", 5), Results::default());
    assert!(index.search("zzzzqq", 5).hits.is_empty());
}

#[test]
fn partial_addresses_stand_for_their_prefix() {
    let p = |s: &str| partial_address(s).map(|n| n.to_string());
    assert_eq!(p("10.2."), Some("10.2.0.0/16".into()));
    assert_eq!(p("10.2"), Some("10.2.0.0/16".into()));
    assert_eq!(p("10.2.3"), Some("10.2.3.0/24".into()));
    assert_eq!(p("10.2.3.4"), Some("10.2.3.4/32".into()));
    assert_eq!(p("10.2.3.4/16"), Some("10.2.0.0/16".into()));
    assert_eq!(p("fd00::/8"), Some("fd00::/8".into()));
    assert_eq!(p("10"), None);
    assert_eq!(p("spoke1"), None);
    assert_eq!(p("300.1."), None);
    assert_eq!(p("1.2.3.4.5"), None);
    assert_eq!(p("."), None);
}

#[test]
fn rank_puts_the_closest_choice_first() {
    let skus: Vec<&str> = <VpnSku as strum::VariantNames>::VARIANTS.to_vec();
    let r = rank("2az", &skus);
    assert_eq!(skus[r[0]], "VpnGw2AZ");
    assert!(r.iter().all(|i| skus[*i].to_ascii_lowercase().contains('2')));
    assert_eq!(rank("", &skus).len(), skus.len());
    assert!(rank("xyz", &skus).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// The containment hits are exactly the nodes a scan of every prefix finds.
    #[test]
    fn address_hits_are_what_a_scan_finds(seed in 0u64..1000, a in 0u8..=255, b in 0u8..=255, len in 8u8..=24) {
        let d = crate::generate::generate(60, seed);
        let index = SearchIndex::new(&d);
        let q: IpNet = format!("{}.{}.0.0/{}", if a % 2 == 0 { 10 } else { a }, b, len).parse().expect("net");
        let q = q.trunc();
        let mut expected: Vec<&str> = d
            .nodes()
            .values()
            .filter(|n| n.prefixes().iter().any(|p| p.contains(&q) || q.contains(p)))
            .map(Node::name)
            .collect();
        expected.sort_unstable();
        let r = index.search(&q.to_string(), usize::MAX);
        let mut found: Vec<&str> = r
            .hits
            .iter()
            .filter(|h| matches!(h.matched, Matched::Holds(_) | Matched::Inside(_)))
            .map(|h| h.name.as_str())
            .collect();
        found.sort_unstable();
        prop_assert_eq!(found, expected);
    }
}
