//! The design as Bicep: the same resources as the ARM template, one pinned API version, `@secure()`
//! parameters for secrets, `parent:` for subnets and peerings, symbolic references (`vnet_hub.id`)
//! that give Bicep its implicit dependencies, and `dependsOn` only for the ordering it cannot infer.

use std::fmt::Write as _;
use vnetsketch_model::hash::{FxMap, FxSet};

use crate::arm::resource_id_call;
use crate::plan;
use crate::template::{API_VERSION, ParamKind, Ref, Template, V};

/// A Bicep string literal: `'…'` with `\`, `'` and `${` escaped.
fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    push_quoted(&mut s, text);
    s
}

/// Appends `text` to `s` as a Bicep string literal.
fn push_quoted(s: &mut String, text: &str) {
    s.push('\'');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => s.push_str("\\\\"),
            '\'' => s.push_str("\\'"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            '$' if chars.peek() == Some(&'{') => s.push_str("\\$"),
            c => s.push(c),
        }
    }
    s.push('\'');
}

/// An object key: bare when it is an identifier, else quoted.
fn key(k: &str) -> String {
    let ident = k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ident { k.to_owned() } else { quoted(k) }
}

fn prefix_of(ty: &str) -> &'static str {
    match ty {
        "virtualNetworks" => "vnet",
        "virtualNetworks/subnets" => "snet",
        "virtualNetworks/virtualNetworkPeerings" => "peer",
        "publicIPAddresses" => "pip",
        "virtualNetworkGateways" => "vgw",
        "localNetworkGateways" => "lgw",
        "expressRouteCircuits" => "erc",
        _ => "con",
    }
}

struct Writer<'t> {
    symbols: FxMap<&'t Ref, String>,
    out: String,
}

impl Writer<'_> {
    fn reference(&self, r: &Ref) -> String {
        match self.symbols.get(r) {
            Some(sym) => format!("{sym}.id"),
            None => resource_id_call(r),
        }
    }

    fn value(&mut self, v: &V, depth: usize) {
        match v {
            V::Bool(b) => {
                let _ = write!(self.out, "{b}");
            }
            V::Int(i) => {
                let _ = write!(self.out, "{i}");
            }
            V::Str(s) => push_quoted(&mut self.out, s),
            V::Param(p) => self.out.push_str(p),
            V::Id(r) => match self.symbols.get(r) {
                Some(sym) => {
                    self.out.push_str(sym);
                    self.out.push_str(".id");
                }
                None => self.out.push_str(&resource_id_call(r)),
            },
            V::SubId(r, suffix) => {
                let text = self.reference(r);
                let _ = write!(self.out, "'${{{text}}}/{suffix}'");
            }
            V::List(items) if items.is_empty() => self.out.push_str("[]"),
            V::Obj(fields) if fields.is_empty() => self.out.push_str("{}"),
            V::List(items) => {
                self.out.push_str("[\n");
                for item in items {
                    pad(&mut self.out, depth + 1);
                    self.value(item, depth + 1);
                    self.out.push('\n');
                }
                pad(&mut self.out, depth);
                self.out.push(']');
            }
            V::Obj(fields) => {
                self.out.push_str("{\n");
                for (k, v) in fields {
                    pad(&mut self.out, depth + 1);
                    let _ = write!(self.out, "{}: ", key(k));
                    self.value(v, depth + 1);
                    self.out.push('\n');
                }
                pad(&mut self.out, depth);
                self.out.push('}');
            }
        }
    }
}

fn pad(out: &mut String, depth: usize) {
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// Every resource a value refers to.
fn refs<'v>(v: &'v V, out: &mut Vec<&'v Ref>) {
    match v {
        V::Id(r) | V::SubId(r, _) => out.push(r),
        V::List(items) => items.iter().for_each(|i| refs(i, out)),
        V::Obj(fields) => fields.iter().for_each(|(_, v)| refs(v, out)),
        V::Bool(_) | V::Int(_) | V::Str(_) | V::Param(_) => {}
    }
}

/// Writes `t` as Bicep.
pub(crate) fn write(t: &Template) -> String {
    let mut taken: FxSet<String> = FxSet::default();
    let mut symbols = FxMap::default();
    for r in &t.resources {
        let base = format!("{}_{}", prefix_of(r.r.ty), plan::identifier(&r.r.names.join("_"), "n"));
        let mut sym = base.clone();
        let mut n = 2;
        while !taken.insert(sym.clone()) {
            sym = format!("{base}_{n}");
            n += 1;
        }
        symbols.insert(&r.r, sym);
    }
    // VNet name → (its resource, its symbol), for the `parent:` of subnets and peerings.
    let vnets: FxMap<&str, (&Ref, String)> = t
        .resources
        .iter()
        .filter(|r| r.r.ty == "virtualNetworks")
        .filter_map(|r| Some((r.r.names.first()?.as_str(), (&r.r, symbols.get(&r.r)?.clone()))))
        .collect();
    let mut w = Writer {
        symbols,
        out: String::new(),
    };
    let _ = writeln!(
        w.out,
        "// Written by vnetsketch. Every resource uses API version {API_VERSION} of Microsoft.Network."
    );
    let _ = writeln!(w.out, "metadata vnetsketchCatalog = {}", quoted(&t.catalog.to_string()));
    for p in &t.params {
        w.out.push('\n');
        if p.kind == ParamKind::SecureString {
            w.out.push_str("@secure()\n");
        }
        let _ = writeln!(w.out, "@description({})", quoted(&p.description));
        let _ = write!(w.out, "param {} string", p.name);
        if p.rg_location {
            w.out.push_str(" = resourceGroup().location");
        }
        w.out.push('\n');
    }
    for r in &t.resources {
        let sym = w.symbols.get(&r.r).cloned().unwrap_or_default();
        // Resource types are plain identifiers: no escaping needed.
        let _ = writeln!(
            w.out,
            "\nresource {sym} 'Microsoft.Network/{}@{API_VERSION}' = {{",
            r.r.ty
        );
        // Subnets and peerings are children of their VNet.
        let parent = if r.r.ty.starts_with("virtualNetworks/") {
            r.r.names
                .first()
                .and_then(|v| vnets.get(v.as_str()))
                .map(|(r, s)| (*r, s.as_str()))
        } else {
            None
        };
        match parent {
            Some((_, psym)) => {
                let _ = writeln!(w.out, "  parent: {psym}");
                let last = r.r.names.last().map_or("", String::as_str);
                let _ = writeln!(w.out, "  name: {}", quoted(last));
            }
            None => {
                let _ = writeln!(w.out, "  name: {}", quoted(&r.r.names.join("/")));
            }
        }
        if let Some(l) = &r.location {
            w.out.push_str("  location: ");
            w.value(l, 1);
            w.out.push('\n');
        }
        if !r.tags.is_empty() {
            w.out.push_str("  tags: {\n");
            for (k, v) in &r.tags {
                let _ = writeln!(w.out, "    {}: {}", key(k), quoted(v));
            }
            w.out.push_str("  }\n");
        }
        if let Some(sku) = &r.sku {
            w.out.push_str("  sku: ");
            w.value(sku, 1);
            w.out.push('\n');
        }
        w.out.push_str("  properties: ");
        w.value(&r.properties, 1);
        w.out.push('\n');
        let mut implied = Vec::new();
        refs(&r.properties, &mut implied);
        let explicit: Vec<String> = r
            .depends
            .iter()
            .filter(|d| !implied.contains(d) && parent.is_none_or(|(p, _)| p != *d))
            .filter_map(|d| w.symbols.get(d).cloned())
            .collect();
        if !explicit.is_empty() {
            w.out.push_str("  dependsOn: [\n");
            for d in explicit {
                let _ = writeln!(w.out, "    {d}");
            }
            w.out.push_str("  ]\n");
        }
        w.out.push_str("}\n");
    }
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_backslashes_and_interpolation() {
        assert_eq!(quoted("it's"), "'it\\'s'");
        assert_eq!(quoted("a\\b"), "'a\\\\b'");
        assert_eq!(quoted("${x}"), "'\\${x}'");
        assert_eq!(quoted("$5"), "'$5'");
    }

    #[test]
    fn keys_are_bare_only_when_identifiers() {
        assert_eq!(key("addressSpace"), "addressSpace");
        assert_eq!(key("vnetsketch-site"), "'vnetsketch-site'");
    }
}
