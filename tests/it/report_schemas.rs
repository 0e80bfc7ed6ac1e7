//! The JSON reports of `validate`, `estimate` and `rules` have JSON Schemas in `assets/schema/`,
//! generated from the report types: a test fails when a committed schema is stale
//! (`VNETSKETCH_BLESS=1 cargo test --test it report_schemas` rewrites them), and every report the
//! binary prints for the shipped examples is checked against its schema.
//!
//! The check is a small validator for the keywords these schemas use (`type`, `properties`,
//! `required`, `items`, `enum`, `const`, `$ref`, `anyOf`, `oneOf`, `minimum`, `maximum`,
//! `format`); a keyword it does not
//! know fails the test rather than being skipped.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Map, Value};
use vnetsketch::cli::report::schemas;

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema")
}

#[test]
fn the_committed_report_schemas_are_current() {
    for (name, schema) in schemas() {
        let path = schema_dir().join(name);
        if std::env::var_os("VNETSKETCH_BLESS").is_some() {
            std::fs::write(&path, &schema).expect("write the schema");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema,
            "assets/schema/{name} is stale: run `VNETSKETCH_BLESS=1 cargo test --test it report_schemas`"
        );
    }
}

/// The schema committed as `assets/schema/<name>` (the test above keeps the files equal to these).
fn schema(name: &str) -> Value {
    let text = schemas()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, s)| s)
        .unwrap_or_default();
    serde_json::from_str(&text).expect("the schema is JSON")
}

/// What `vnetsketch <args>` prints, as JSON.
fn output(args: &[&str]) -> Value {
    let out = Command::cargo_bin("vnetsketch")
        .expect("binary")
        .args(args)
        .output()
        .expect("run");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON: {e}"))
}

/// The errors of `value` against `schema` (whose `$defs` are in `root`), each with its JSON path.
fn check(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(rules) = schema.as_object() else {
        errors.push(format!("{at}: the schema is not an object"));
        return;
    };
    for (key, rule) in rules {
        match key.as_str() {
            "$schema" | "title" | "description" | "format" | "$defs" => {}
            "$ref" => {
                let name = rule
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/$defs/"))
                    .unwrap_or_default();
                match root.get("$defs").and_then(|d| d.get(name)) {
                    Some(target) => check(root, target, value, at, errors),
                    None => errors.push(format!("{at}: unknown $ref {rule}")),
                }
            }
            "type" => {
                let allowed: Vec<&str> = match rule {
                    Value::String(t) => vec![t.as_str()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                    _ => vec![],
                };
                if !allowed.iter().any(|t| is_type(value, t)) {
                    errors.push(format!("{at}: {value} is not of type {rule}"));
                }
            }
            "properties" => {
                if let (Some(props), Some(obj)) = (rule.as_object(), value.as_object()) {
                    for (name, sub) in props {
                        if let Some(v) = obj.get(name) {
                            check(root, sub, v, &format!("{at}.{name}"), errors);
                        }
                    }
                    for name in obj.keys().filter(|k| !props.contains_key(*k)) {
                        errors.push(format!("{at}: {name} is not in the schema"));
                    }
                }
            }
            "required" => {
                let obj = value.as_object().map_or_else(Map::new, Clone::clone);
                for name in rule.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    if !obj.contains_key(name) {
                        errors.push(format!("{at}: {name} is missing"));
                    }
                }
            }
            "items" => {
                for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                    check(root, rule, item, &format!("{at}[{i}]"), errors);
                }
            }
            "const" => {
                if rule != value {
                    errors.push(format!("{at}: {value} is not {rule}"));
                }
            }
            "enum" => {
                if !rule.as_array().is_some_and(|vs| vs.contains(value)) {
                    errors.push(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "minimum" => {
                if let (Some(min), Some(n)) = (rule.as_f64(), value.as_f64())
                    && n < min
                {
                    errors.push(format!("{at}: {n} is below {min}"));
                }
            }
            "maximum" => {
                if let (Some(max), Some(n)) = (rule.as_f64(), value.as_f64())
                    && n > max
                {
                    errors.push(format!("{at}: {n} is above {max}"));
                }
            }
            "anyOf" | "oneOf" => {
                let matching = rule
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|sub| {
                        let mut e = Vec::new();
                        check(root, sub, value, at, &mut e);
                        e.is_empty()
                    })
                    .count();
                if matching == 0 || (key == "oneOf" && matching > 1) {
                    errors.push(format!("{at}: {value} matches {matching} of the {key} alternatives"));
                }
            }
            other => errors.push(format!("{at}: the checker does not know the keyword {other}")),
        }
    }
}

fn is_type(value: &Value, t: &str) -> bool {
    match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.is_u64() || value.is_i64(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    }
}

fn errors(schema: &Value, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    check(schema, schema, value, "$", &mut errors);
    errors
}

#[test]
fn every_json_report_follows_its_schema() {
    let (validate, estimate, rules) = (
        schema("validate.schema.json"),
        schema("estimate.schema.json"),
        schema("rules.schema.json"),
    );
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&examples)
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 6, "{files:?}");
    for file in &files {
        let file = file.to_str().expect("utf-8 path");
        for catalog in ["current", "2017"] {
            let report = output(&["validate", file, "--format", "json", "--catalog", catalog]);
            assert_eq!(
                errors(&validate, &report),
                Vec::<String>::new(),
                "validate {file} {catalog}"
            );
            let report = output(&["estimate", file, "--format", "json", "--catalog", catalog]);
            assert_eq!(
                errors(&estimate, &report),
                Vec::<String>::new(),
                "estimate {file} {catalog}"
            );
        }
    }
    let report = output(&["rules", "--format", "json"]);
    assert_eq!(errors(&rules, &report), Vec::<String>::new());
    assert!(
        report.as_array().is_some_and(|rs| rs.iter().all(|r| r["sources"]
            .as_array()
            .is_some_and(|s| !s.is_empty() && s.iter().all(|s| s["url"].is_string())))),
        "every rule links its sources"
    );

    // The checker refuses what the schemas forbid: a wrong severity, a missing count, a stray
    // field, a string for a number.
    let broken = output(&[
        "validate",
        &examples.join("broken.ron").display().to_string(),
        "--format",
        "json",
    ]);
    let mut bad = broken.clone();
    bad["findings"][0]["severity"] = "fatal".into();
    bad.as_object_mut().expect("object").remove("errors");
    bad["extra"] = 1.into();
    assert_eq!(errors(&validate, &bad).len(), 3, "{:?}", errors(&validate, &bad));
    let mut bad = output(&[
        "estimate",
        &examples.join("hub-spoke.ron").display().to_string(),
        "--format",
        "json",
    ]);
    bad["links"][0]["mbps"] = "fast".into();
    bad["gateways"][0]["type"] = "nat".into();
    bad["links"][0]["kind"] = "wormhole".into();
    assert_eq!(errors(&estimate, &bad).len(), 3, "{:?}", errors(&estimate, &bad));
}
