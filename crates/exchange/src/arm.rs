//! The design as an ARM deployment template (JSON): `$schema` 2019-04-01, `contentVersion`, a
//! `location` parameter and secure string parameters for secrets, `resources[]` with
//! `[resourceId(...)]` references and `dependsOn`. Written by hand in field order (keys keep the order
//! Azure's documentation uses), two-space indented.

use std::fmt::Write as _;

use crate::template::{API_VERSION, ParamKind, Ref, Template, V};

const SCHEMA: &str = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/// A JSON value with ordered keys.
enum J {
    Str(String),
    Int(i64),
    Bool(bool),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

fn js(text: impl Into<String>) -> J {
    J::Str(text.into())
}

/// An ARM string literal inside an expression: `'…'` with `'` doubled.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `resourceId('Microsoft.Network/TYPE', 'name'…)`.
pub(crate) fn resource_id_call(r: &Ref) -> String {
    let mut s = format!("resourceId({}", quoted(&format!("Microsoft.Network/{}", r.ty)));
    for n in &r.names {
        s.push_str(", ");
        s.push_str(&quoted(n));
    }
    s.push(')');
    s
}

fn value(v: &V) -> J {
    match v {
        V::Bool(b) => J::Bool(*b),
        V::Int(i) => J::Int(*i),
        // A literal starting with `[` would be read as an expression; ARM escapes it as `[[`.
        V::Str(s) if s.starts_with('[') => J::Str(format!("[{s}")),
        V::Str(s) => js(s.clone()),
        V::List(items) => J::Arr(items.iter().map(value).collect()),
        V::Obj(fields) => J::Obj(fields.iter().map(|(k, v)| ((*k).to_owned(), value(v))).collect()),
        V::Param(p) => js(format!("[parameters({})]", quoted(p))),
        V::Id(r) => js(format!("[{}]", resource_id_call(r))),
        V::SubId(r, suffix) => js(format!(
            "[concat({}, {})]",
            resource_id_call(r),
            quoted(&format!("/{suffix}"))
        )),
    }
}

/// Writes `t` as a deployment template.
pub(crate) fn write(t: &Template) -> String {
    let params = t
        .params
        .iter()
        .map(|p| {
            let mut fields = vec![(
                "type".to_owned(),
                js(match p.kind {
                    ParamKind::String => "string",
                    ParamKind::SecureString => "securestring",
                }),
            )];
            if p.rg_location {
                fields.push(("defaultValue".into(), js("[resourceGroup().location]")));
            }
            fields.push((
                "metadata".into(),
                J::Obj(vec![("description".into(), js(p.description.clone()))]),
            ));
            (p.name.clone(), J::Obj(fields))
        })
        .collect();
    let resources = t
        .resources
        .iter()
        .map(|r| {
            let mut fields = vec![
                ("type".to_owned(), js(format!("Microsoft.Network/{}", r.r.ty))),
                ("apiVersion".into(), js(API_VERSION)),
                ("name".into(), js(r.r.names.join("/"))),
            ];
            if let Some(l) = &r.location {
                fields.push(("location".into(), value(l)));
            }
            if !r.tags.is_empty() {
                let tags = r.tags.iter().map(|(k, v)| (k.clone(), js(v.clone()))).collect();
                fields.push(("tags".into(), J::Obj(tags)));
            }
            if let Some(sku) = &r.sku {
                fields.push(("sku".into(), value(sku)));
            }
            fields.push(("properties".into(), value(&r.properties)));
            if !r.depends.is_empty() {
                let deps = r
                    .depends
                    .iter()
                    .map(|d| js(format!("[{}]", resource_id_call(d))))
                    .collect();
                fields.push(("dependsOn".into(), J::Arr(deps)));
            }
            J::Obj(fields)
        })
        .collect();
    let root = J::Obj(vec![
        ("$schema".into(), js(SCHEMA)),
        ("contentVersion".into(), js("1.0.0.0")),
        (
            "metadata".into(),
            J::Obj(vec![(
                "vnetsketch".into(),
                J::Obj(vec![("catalog".into(), js(t.catalog.to_string()))]),
            )]),
        ),
        ("parameters".into(), J::Obj(params)),
        ("resources".into(), J::Arr(resources)),
    ]);
    let mut out = String::new();
    emit(&mut out, &root, 0);
    out.push('\n');
    out
}

fn string(out: &mut String, s: &str) {
    out.push_str(&serde_json::Value::String(s.to_owned()).to_string());
}

fn emit(out: &mut String, j: &J, depth: usize) {
    let pad = |out: &mut String, d: usize| {
        for _ in 0..d {
            out.push_str("  ");
        }
    };
    match j {
        J::Str(s) => string(out, s),
        J::Int(i) => {
            let _ = write!(out, "{i}");
        }
        J::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        J::Arr(items) if items.is_empty() => out.push_str("[]"),
        J::Obj(fields) if fields.is_empty() => out.push_str("{}"),
        J::Arr(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                pad(out, depth + 1);
                emit(out, item, depth + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            pad(out, depth);
            out.push(']');
        }
        J::Obj(fields) => {
            out.push_str("{\n");
            for (i, (k, v)) in fields.iter().enumerate() {
                pad(out, depth + 1);
                string(out, k);
                out.push_str(": ");
                emit(out, v, depth + 1);
                out.push_str(if i + 1 < fields.len() { ",\n" } else { "\n" });
            }
            pad(out, depth);
            out.push('}');
        }
    }
}
