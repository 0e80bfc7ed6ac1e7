//! The design as an ARM deployment template (JSON): `$schema` 2019-04-01, `contentVersion`, a
//! `location` parameter and secure string parameters for secrets, `resources[]` with
//! `[resourceId(...)]` references and `dependsOn`. Written by hand in field order (keys keep the order
//! Azure's documentation uses), two-space indented.

use std::fmt::Write as _;

use crate::template::{API_VERSION, ParamKind, Ref, Template, V};
use vnetsketch_model::json_str;

const SCHEMA: &str = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/// An ARM string literal inside an expression: `'…'` with `'` doubled.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `resourceId('Microsoft.Network/TYPE', 'name'…)`.
pub(crate) fn resource_id_call(r: &Ref) -> String {
    let mut s = String::with_capacity(64);
    push_resource_id(&mut s, r);
    s
}

fn push_resource_id(out: &mut String, r: &Ref) {
    out.push_str("resourceId('Microsoft.Network/");
    out.push_str(r.ty);
    out.push('\'');
    for n in &r.names {
        out.push_str(", '");
        out.push_str(&n.replace('\'', "''"));
        out.push('\'');
    }
    out.push(')');
}

/// A JSON writer that indents by two spaces and puts `,` between items.
struct Json {
    out: String,
    depth: usize,
    /// Per open object or array: whether an item was written yet.
    started: Vec<bool>,
}

impl Json {
    fn pad(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    /// Starts an item of the innermost object (`key` set) or array.
    fn item(&mut self, key: Option<&str>) {
        if let Some(started) = self.started.last_mut() {
            if *started {
                self.out.push(',');
            }
            *started = true;
            self.out.push('\n');
            self.pad();
        }
        if let Some(k) = key {
            json_str(&mut self.out, k);
            self.out.push_str(": ");
        }
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.started.push(false);
    }

    fn close(&mut self, bracket: char) {
        self.depth -= 1;
        if self.started.pop() == Some(true) {
            self.out.push('\n');
            self.pad();
        }
        self.out.push(bracket);
    }

    fn str_field(&mut self, key: &str, value: &str) {
        self.item(Some(key));
        json_str(&mut self.out, value);
    }

    fn expression(&mut self, f: impl FnOnce(&mut String)) {
        self.out.push_str("\"[");
        f(&mut self.out);
        self.out.push_str("]\"");
    }

    fn value(&mut self, v: &V) {
        match v {
            V::Bool(b) => {
                let _ = write!(self.out, "{b}");
            }
            V::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            // A literal starting with `[` would be read as an expression; ARM escapes it as `[[`.
            V::Str(s) if s.starts_with('[') => json_str(&mut self.out, &format!("[{s}")),
            V::Str(s) => json_str(&mut self.out, s),
            V::Param(p) => {
                let text = format!("[parameters({})]", quoted(p));
                json_str(&mut self.out, &text);
            }
            V::Id(r) => self.expression(|out| push_resource_id(out, r)),
            V::SubId(r, suffix) => self.expression(|out| {
                out.push_str("concat(");
                push_resource_id(out, r);
                let _ = write!(out, ", '/{suffix}')");
            }),
            V::List(items) => {
                self.open('[');
                for item in items {
                    self.item(None);
                    self.value(item);
                }
                self.close(']');
            }
            V::Obj(fields) => {
                self.open('{');
                for (k, v) in fields {
                    self.item(Some(k));
                    self.value(v);
                }
                self.close('}');
            }
        }
    }
}

/// Writes `t` as a deployment template.
pub(crate) fn write(t: &Template) -> String {
    let mut j = Json {
        out: String::with_capacity(t.resources.len() * 700 + 4096),
        depth: 0,
        started: Vec::new(),
    };
    j.open('{');
    j.str_field("$schema", SCHEMA);
    j.str_field("contentVersion", "1.0.0.0");
    j.item(Some("metadata"));
    j.open('{');
    j.item(Some("vnetsketch"));
    j.open('{');
    j.str_field("catalog", t.catalog.as_str());
    j.close('}');
    j.close('}');
    j.item(Some("parameters"));
    j.open('{');
    for p in &t.params {
        j.item(Some(&p.name));
        j.open('{');
        j.str_field(
            "type",
            match p.kind {
                ParamKind::String => "string",
                ParamKind::SecureString => "securestring",
            },
        );
        if p.rg_location {
            j.str_field("defaultValue", "[resourceGroup().location]");
        }
        j.item(Some("metadata"));
        j.open('{');
        j.str_field("description", &p.description);
        j.close('}');
        j.close('}');
    }
    j.close('}');
    j.item(Some("resources"));
    j.open('[');
    for r in &t.resources {
        j.item(None);
        j.open('{');
        j.item(Some("type"));
        j.out.push_str("\"Microsoft.Network/");
        j.out.push_str(r.r.ty);
        j.out.push('"');
        j.str_field("apiVersion", API_VERSION);
        j.str_field("name", &r.r.names.join("/"));
        if let Some(l) = &r.location {
            j.item(Some("location"));
            j.value(l);
        }
        if !r.tags.is_empty() {
            j.item(Some("tags"));
            j.open('{');
            for (k, v) in &r.tags {
                j.str_field(k, v);
            }
            j.close('}');
        }
        if let Some(sku) = &r.sku {
            j.item(Some("sku"));
            j.value(sku);
        }
        j.item(Some("properties"));
        j.value(&r.properties);
        if !r.depends.is_empty() {
            j.item(Some("dependsOn"));
            j.open('[');
            for d in &r.depends {
                j.item(None);
                j.expression(|out| push_resource_id(out, d));
            }
            j.close(']');
        }
        j.close('}');
    }
    j.close(']');
    j.close('}');
    j.out.push('\n');
    j.out
}
