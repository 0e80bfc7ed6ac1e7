//! `vnetsketch paths` (PRODUCT.md, "Contract additions") and the estimate's range, end to end.

use crate::common::cli::{example, vnetsketch};
use serde_json::Value;

fn json(args: &[&str], file: &str) -> Value {
    let out = vnetsketch()
        .args(args)
        .arg(example(file))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("valid JSON")
}

#[test]
fn a_spoke_reaches_the_head_office_through_the_hub_gateway() {
    let v = json(
        &[
            "paths",
            "--from",
            "spoke-app",
            "--to",
            "head-office",
            "--format",
            "json",
        ],
        "hub-spoke.ron",
    );
    let p = &v["paths"][0];
    assert_eq!(
        (p["from"].as_str(), p["to"].as_str()),
        (Some("spoke-app"), Some("head-office"))
    );
    assert_eq!(p["reachable"], true);
    let kinds: Vec<&str> = p["hops"]
        .as_array()
        .expect("hops")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert_eq!(kinds, vec!["transit", "s2s"]);
    assert_eq!(p["mbps"].as_f64(), Some(500.0));
    assert!(
        p["why"].is_null() && p["bottleneck"].as_str().is_some_and(|b| b.contains("uplink")),
        "{p}"
    );
}

#[test]
fn every_pair_once_and_the_unreachable_ones_say_why() {
    let v = json(&["paths", "--format", "json"], "broken.ron");
    let paths = v["paths"].as_array().expect("paths");
    // Six nodes: fifteen unordered pairs.
    assert_eq!(paths.len(), 15);
    for p in paths.iter().filter(|p| p["reachable"] == false) {
        assert!(p["why"].as_str().is_some_and(|w| w.contains("[S")), "{p}");
    }
    let text = vnetsketch()
        .arg("paths")
        .arg(example("broken.ron"))
        .args(["--to", "office"])
        .assert()
        .success();
    let text = String::from_utf8(text.get_output().stdout.clone()).expect("utf-8");
    assert!(
        text.contains("branch -> office: unreachable") && text.contains("fix: set-link s2s hub branch bgp"),
        "{text}"
    );
}

#[test]
fn an_unknown_node_is_bad_usage() {
    vnetsketch()
        .arg("paths")
        .arg(example("hub-spoke.ron"))
        .args(["--from", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no node named `nowhere`"));
}

#[test]
fn the_estimate_gives_a_range_and_says_what_it_assumes() {
    let v = json(&["estimate", "--format", "json"], "v2v-regions.ron");
    assert_eq!(v["assumes"], "every connection busy");
    let link = &v["links"][0];
    assert_eq!(
        (link["mbps"].as_f64(), link["mbps_max"].as_f64()),
        (Some(550.0), Some(1250.0))
    );
    let text = vnetsketch()
        .arg("estimate")
        .arg(example("v2v-regions.ron"))
        .assert()
        .success();
    let text = String::from_utf8(text.get_output().stdout.clone()).expect("utf-8");
    assert!(text.contains("Shares assume every connection busy"), "{text}");
}
