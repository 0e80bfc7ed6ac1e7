//! The CLI's exchange commands (PRODUCT.md, "Contract additions"): `export --to` every
//! infrastructure, diagram and report format, and `import FILE... [-o OUT]` of Azure's JSON.

use std::path::Path;

use crate::common::cli::{example, vnetsketch};
use predicates::prelude::*;

fn stdout_of(args: &[&str], file: &Path) -> String {
    let out = vnetsketch()
        .args(args)
        .arg(file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("utf8")
}

#[test]
fn export_writes_every_exchange_format_to_stdout_and_to_a_file() {
    let file = example("hub-spoke.ron");
    for (to, marker) in [
        (
            "terraform",
            "resource \"azurerm_virtual_network_gateway\" \"hub-vpngw\"",
        ),
        (
            "arm",
            "\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\"",
        ),
        (
            "bicep",
            "resource vnet_hub 'Microsoft.Network/virtualNetworks@2024-05-01'",
        ),
        ("mermaid", "flowchart LR"),
        ("dot", "graph vnetsketch {"),
        ("markdown", "# Network design report"),
        ("svg", "<g class=\"node\" data-name=\"hub\""),
        ("drawio", "<mxCell id=\"node-hub\" value=\"hub"),
    ] {
        let out = vnetsketch()
            .args(["export"])
            .arg(&file)
            .args(["--to", to])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.contains(marker), "{to}: {text}");
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join(format!("out.{to}"));
        vnetsketch()
            .args(["export"])
            .arg(&file)
            .args(["--to", to, "-o"])
            .arg(&path)
            .assert()
            .success();
        assert_eq!(
            std::fs::read_to_string(&path).expect("written"),
            text,
            "{to}: -o writes what stdout shows"
        );
    }
}

#[test]
fn an_unknown_export_format_is_a_usage_error() {
    vnetsketch()
        .args(["export"])
        .arg(example("hub-spoke.ron"))
        .args(["--to", "visio"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("terraform"));
}

#[test]
fn import_reads_back_an_arm_export() {
    let dir = tempfile::tempdir().expect("tmp");
    let arm = dir.path().join("estate.json");
    std::fs::write(&arm, stdout_of(&["export", "--to", "arm"], &example("multi-site.ron"))).expect("write");
    let out = vnetsketch()
        .arg("import")
        .arg(&arm)
        .assert()
        .success()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("ARM template") && stderr.contains("0 skipped"),
        "{stderr}"
    );
    assert!(stderr.contains("imported 1 VNets, 3 sites"), "{stderr}");
    let text = String::from_utf8(out.stdout).expect("utf8");
    let back = vnetsketch_model::format::load(&text, None).expect("RON design");
    let original = vnetsketch_model::format::load(
        &std::fs::read_to_string(example("multi-site.ron")).expect("example"),
        None,
    )
    .expect("example");
    let core = back.vnet("core").expect("core");
    assert_eq!(core.vpn, original.vnet("core").expect("core").vpn);
    // The design says where it came from, and when.
    let origin = back.origin.as_ref().expect("an origin");
    assert_eq!(origin.sources, [arm.display().to_string()]);
    let date = origin.date.as_deref().expect("a date");
    assert!(
        date.len() == 10 && date.as_bytes()[4] == b'-' && date >= "2025-01-01",
        "{date}"
    );
    assert_eq!(
        back.site("paris"),
        original
            .site("paris")
            .map(|s| {
                let mut s = s.clone();
                s.pos = back.site("paris").expect("paris").pos;
                s
            })
            .as_ref()
    );
    // -o writes the design file, JSON by extension.
    let json = dir.path().join("back.json");
    vnetsketch()
        .arg("import")
        .arg(&arm)
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&json)
            .expect("written")
            .contains("\"name\": \"core\"")
    );
}

#[test]
fn import_combines_several_files_and_reports_what_it_skipped() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/exchange/tests/fixtures/azure-rest-examples");
    vnetsketch()
        .arg("import")
        .arg(fixtures.join("VirtualNetworkList.json"))
        .arg(fixtures.join("PublicIpAddressGet.json"))
        .assert()
        .success()
        .stderr(
            predicate::str::contains("skipped: /subscriptions/subid/resourceGroups/rg1/providers/Microsoft.Network/publicIPAddresses/testDNS-ip")
                .and(predicate::str::contains("imported 2 VNets")),
        )
        .stdout(predicate::str::contains("name: \"vnet1\""));
}

#[test]
fn import_of_bad_json_exits_2_with_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"value\": [\n  {\"id\": }\n]}").expect("write");
    vnetsketch()
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json:2:").and(predicate::str::contains("not JSON")));
    vnetsketch().arg("import").assert().code(2);
}
