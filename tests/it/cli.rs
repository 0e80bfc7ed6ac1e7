//! The CLI contract (PRODUCT.md, "CLI"): every subcommand, its outputs and its exit codes.

use std::path::Path;

use crate::common::cli::{example, run_to, vnetsketch};
use predicates::prelude::*;
use serde_json::Value;

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).expect("valid JSON")
}

#[test]
fn run_builds_a_design_from_a_script_to_stdout_and_to_a_file() {
    let out = vnetsketch()
        .arg("run")
        .arg(example("hub-spoke.vns"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf8");
    assert!(
        text.contains("name: \"hub\"") && text.contains("\"10.0.0.0/16\""),
        "{text}"
    );
    let dir = tempfile::tempdir().expect("tmp");
    let json = dir.path().join("hub.json");
    vnetsketch()
        .arg("run")
        .arg(example("hub-spoke.vns"))
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("written")).expect("json");
    assert_eq!(v["version"], 1);
    assert_eq!(v["vnets"].as_array().map(Vec::len), Some(3));
}

#[test]
fn run_saves_a_design_that_lost_a_link() {
    // The loader numbers links afresh, so the saved form's check compares links in order, not ids.
    let dir = tempfile::tempdir().expect("tmp");
    let script = dir.path().join("unlink.vns");
    std::fs::write(
        &script,
        "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nvnet c 10.2.0.0/16\nlink peering a b\nlink peering a c\nunlink peering a b\n",
    )
    .expect("write");
    let out = dir.path().join("unlink.ron");
    run_to(&script, &out);
    let text = std::fs::read_to_string(&out).expect("saved");
    assert!(text.contains("b: \"c\"") && !text.contains("b: \"b\""), "{text}");
}

#[test]
fn run_names_the_failing_line_and_word_and_exits_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let script = dir.path().join("bad.vns");
    std::fs::write(&script, "vnet hub 10.0.0.0/16\nsite s 192.168.0.0/24\nlink p2s hub s\n").expect("write");
    vnetsketch()
        .arg("run")
        .arg(&script)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.vns:line 3").and(predicate::str::contains("Point-to-Site")));
}

#[test]
fn validate_exits_0_on_a_clean_design_and_1_on_errors() {
    vnetsketch()
        .args(["validate"])
        .arg(example("hub-spoke.ron"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors"));
    vnetsketch()
        .args(["validate"])
        .arg(example("broken.ron"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[").and(predicate::str::contains("hint:")));
}

#[test]
fn validate_json_follows_the_contract() {
    let out = vnetsketch()
        .args(["validate", "--format", "json"])
        .arg(example("broken.ron"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let findings = v["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        assert!(f["rule"].is_string() && f["message"].is_string() && f["hint"].is_string());
        assert!(matches!(f["severity"].as_str(), Some("error" | "warning" | "info")));
        assert!(f["subjects"].is_array());
    }
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(v["errors"].as_u64(), Some(errors as u64));
    assert!(v["warnings"].is_u64() && v["infos"].is_u64());
}

#[test]
fn validate_gives_each_finding_the_command_lines_that_fix_it() {
    let validate_json = |design: &Path| {
        let out = vnetsketch()
            .args(["validate", "--format", "json"])
            .arg(design)
            .assert()
            .get_output()
            .stdout
            .clone();
        json_of(&out)
    };
    let report = validate_json(&example("broken.ron"));
    let findings = report["findings"].as_array().expect("findings");
    assert!(findings.iter().all(|f| {
        f["fix"]
            .as_array()
            .is_some_and(|lines| lines.iter().all(Value::is_string))
    }));
    // Each error's fix lines, appended to the script that built the example, remove that error.
    let script = std::fs::read_to_string(example("broken.vns")).expect("script");
    let dir = tempfile::tempdir().expect("tmp");
    let mut fixed = 0;
    for f in findings.iter().filter(|f| f["severity"] == "error") {
        let lines: Vec<&str> = f["fix"]
            .as_array()
            .expect("fix")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if lines.is_empty() {
            continue;
        }
        let path = dir.path().join("fixed.vns");
        std::fs::write(&path, format!("{script}\n{}\n", lines.join("\n"))).expect("write");
        let design = dir.path().join("fixed.ron");
        run_to(&path, &design);
        let after = validate_json(&design);
        let same = |g: &Value| g["rule"] == f["rule"] && g["subjects"] == f["subjects"] && g["links"] == f["links"];
        assert!(
            !after["findings"].as_array().expect("findings").iter().any(same),
            "{f} after {lines:?}"
        );
        assert!(after["errors"].as_u64() < report["errors"].as_u64(), "{lines:?}");
        fixed += 1;
    }
    assert!(fixed >= 15, "{fixed} errors fixed");
    // The text report prints each line under the hint.
    vnetsketch()
        .args(["validate"])
        .arg(example("broken.ron"))
        .assert()
        .stdout(predicate::str::contains(
            "  hint: set office asn=65020\n  fix: set office asn=65020\n",
        ));
}

#[test]
fn deny_warnings_turns_warnings_into_exit_1() {
    let dir = tempfile::tempdir().expect("tmp");
    let script = dir.path().join("w.vns");
    // A public address space deploys but is risky: a warning, not an error.
    std::fs::write(&script, "vnet pub 20.0.0.0/16\n").expect("write");
    let design = dir.path().join("w.ron");
    run_to(&script, &design);
    let out = vnetsketch()
        .args(["validate", "--format", "json"])
        .arg(&design)
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert!(json_of(&out)["warnings"].as_u64() > Some(0), "the design has a warning");
    vnetsketch()
        .args(["validate", "--deny-warnings"])
        .arg(&design)
        .assert()
        .code(1);
}

#[test]
fn validate_against_the_2017_catalog_changes_the_findings() {
    let current = vnetsketch()
        .args(["validate", "--format", "json"])
        .arg(example("hub-spoke.ron"))
        .assert()
        .get_output()
        .stdout
        .clone();
    let old = vnetsketch()
        .args(["validate", "--format", "json", "--catalog", "2017"])
        .arg(example("hub-spoke.ron"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_ne!(json_of(&current), json_of(&old), "VpnGw2AZ did not exist in 2017");
}

#[test]
fn estimate_text_and_json_follow_the_contract() {
    vnetsketch()
        .arg("estimate")
        .arg(example("multi-site.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("GATEWAYS").and(predicate::str::contains("madrid uplink 100 Mbps")));
    let out = vnetsketch()
        .args(["estimate", "--format", "json"])
        .arg(example("hub-spoke.ron"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let links = v["links"].as_array().expect("links");
    let peering = links.iter().find(|l| l["kind"] == "peering").expect("peering");
    assert!(peering["mbps"].is_null() && peering["bottleneck"].is_string());
    let s2s = links.iter().find(|l| l["kind"] == "s2s").expect("s2s");
    assert!(s2s["mbps"].as_f64().is_some_and(|m| m > 0.0));
    let gw = &v["gateways"][0];
    assert_eq!(
        (gw["vnet"].as_str(), gw["type"].as_str(), gw["sku"].as_str()),
        (Some("hub"), Some("vpn"), Some("VpnGw2AZ"))
    );
    assert_eq!(gw["connections"].as_u64(), Some(1));
    assert!(gw["aggregate_mbps"].as_f64().is_some());
}

#[test]
fn export_converts_between_ron_and_json_losslessly() {
    let dir = tempfile::tempdir().expect("tmp");
    let json = dir.path().join("x.json");
    vnetsketch()
        .args(["export", "--to", "json"])
        .arg(example("expressroute-coexist.ron"))
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    let back = vnetsketch()
        .args(["export", "--to", "ron"])
        .arg(&json)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let original = std::fs::read(example("expressroute-coexist.ron")).expect("example");
    assert_eq!(
        String::from_utf8(back).expect("utf8"),
        String::from_utf8(original).expect("utf8")
    );
    // To stdout by default.
    let out = vnetsketch()
        .args(["export", "--to", "json"])
        .arg(example("v2v-regions.ron"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&out)["links"][0]["kind"], "v2v");
}

#[test]
fn unreadable_input_exits_2_with_path_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"version\": 1,\n  \"vnets\": [ {\"name\": \"a\", \"address_space\": [\"10.0.0.0/8\"] ]\n}",
    )
    .expect("write");
    let before = std::fs::read(&bad).expect("read");
    for sub in ["validate", "estimate"] {
        vnetsketch()
            .arg(sub)
            .arg(&bad)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!("{}:3:", bad.display())));
    }
    vnetsketch().args(["export", "--to", "ron"]).arg(&bad).assert().code(2);
    assert_eq!(std::fs::read(&bad).expect("read"), before, "the input is untouched");
    vnetsketch()
        .arg("validate")
        .arg(dir.path().join("missing.ron"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.ron"));
}

#[test]
fn bad_usage_exits_2() {
    vnetsketch().args(["validate"]).assert().code(2);
    vnetsketch().args(["export", "x.ron", "--to", "xml"]).assert().code(2);
    vnetsketch().args(["generate", "--vnets", "0"]).assert().code(2);
    vnetsketch()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("validate"));
}

#[test]
fn rules_lists_every_rule_with_id_severity_doc_and_source() {
    let out = vnetsketch()
        .args(["rules", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json_of(&out);
    let rules = v.as_array().expect("array");
    assert!(rules.len() >= 40, "{} rules", rules.len());
    for r in rules {
        assert!(r["id"].is_string() && r["doc"].is_string() && r["source"].is_string());
        assert!(matches!(r["severity"].as_str(), Some("error" | "warning" | "info")));
    }
    // The text names each rule's sources with a link a user can follow.
    vnetsketch()
        .arg("rules")
        .assert()
        .success()
        .stdout(predicate::str::contains("overlap-peering"))
        .stdout(predicate::str::contains(
            "\n    S24   https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq\n",
        ));
}

#[test]
fn generate_is_deterministic_from_the_seed() {
    let a = vnetsketch()
        .args(["generate", "--vnets", "60", "--seed", "4"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let b = vnetsketch()
        .args(["generate", "--vnets", "60", "--seed", "4"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let c = vnetsketch()
        .args(["generate", "--vnets", "60", "--seed", "5"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn examples_are_embedded_in_the_binary() {
    vnetsketch()
        .arg("example")
        .assert()
        .success()
        .stdout(predicate::str::contains("hub-spoke"));
    let out = vnetsketch()
        .args(["example", "hub-spoke"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out, std::fs::read(example("hub-spoke.ron")).expect("example"));
    vnetsketch()
        .args(["example", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("hub-spoke"));
}

#[test]
fn a_mistyped_subcommand_is_refused_with_a_suggestion_not_opened_as_a_design() {
    let dir = tempfile::tempdir().expect("temp dir");
    vnetsketch()
        .current_dir(dir.path())
        .arg("valdate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `vnetsketch validate`?"));
    vnetsketch()
        .current_dir(dir.path())
        .arg("exprot")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`vnetsketch export`"));
    assert!(
        std::fs::read_dir(dir.path()).expect("dir").next().is_none(),
        "nothing was created"
    );
}

#[test]
fn layout_moves_only_positions_and_is_deterministic_and_idempotent() {
    let dir = tempfile::tempdir().expect("tmp");
    let once = dir.path().join("once.ron");
    vnetsketch()
        .arg("layout")
        .arg(example("broken.ron"))
        .arg("-o")
        .arg(&once)
        .assert()
        .success();
    let stdout = vnetsketch()
        .arg("layout")
        .arg(example("broken.ron"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let once_text = std::fs::read_to_string(&once).expect("written");
    assert_eq!(
        String::from_utf8(stdout).expect("utf8"),
        once_text,
        "same design, same bytes"
    );
    let twice = vnetsketch()
        .arg("layout")
        .arg(&once)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(twice).expect("utf8"),
        once_text,
        "a laid-out design stays put"
    );
    let original = std::fs::read_to_string(example("broken.ron")).expect("example");
    assert_ne!(once_text, original);
    let without_positions = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.trim_start().starts_with("x:") && !l.trim_start().starts_with("y:"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(without_positions(&once_text), without_positions(&original));
    vnetsketch().args(["layout", "no/such/file.ron"]).assert().code(2);
}

#[test]
fn layout_keeps_a_pinned_node_where_it_is() {
    let dir = tempfile::tempdir().expect("tmp");
    let script = dir.path().join("pinned.vns");
    let base = std::fs::read_to_string(example("hub-spoke.vns")).expect("example");
    std::fs::write(&script, format!("{base}\nmove hub 500 300\npin hub\n")).expect("script");
    let design = dir.path().join("pinned.ron");
    run_to(&script, &design);
    let out = vnetsketch()
        .arg("layout")
        .arg(&design)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf8");
    let laid = vnetsketch_model::format::load(&text, None).expect("a design");
    let hub = laid.vnet("hub").expect("the hub");
    assert_eq!(
        (hub.pos.x, hub.pos.y, hub.pinned),
        (500, 300, true),
        "the pinned hub stays"
    );
    let spoke = laid.vnet("spoke-app").expect("a spoke");
    assert_ne!((spoke.pos.x, spoke.pos.y), (4, 14), "the others are laid out");
}
