//! ARM template expressions: every `[…]` string of a template's resources replaced by its value, for
//! the subset templates use for names and ids (`parameters`, `variables`, `concat`, `format`, `toLower`,
//! `toUpper`, `resourceId`; member and index access); what the import cannot evaluate becomes `null`.

use std::borrow::Cow;

use vnetsketch_model::hash::FxMap;

use super::json::Json;

/// How deep template expressions may refer to parameters and variables that are expressions.
const MAX_EVAL_DEPTH: usize = 8;

/// Replaces every template expression string (`[…]`) under `v` by its value (`null` when the
/// import cannot evaluate it); `[[` escapes become `[`.
pub(super) fn evaluate_all<'a>(v: &mut Json<'a>, params: &Json<'a>, vars: &Json<'a>) {
    let scope = Scope {
        params: Scope::table(params),
        vars: Scope::table(vars),
    };
    scope.evaluate(v);
}

/// A template's parameters and variables by name in ASCII lower case (names are compared without
/// regard to case; of two that differ only in case, the first in key order).
struct Scope<'s, 'a> {
    params: FxMap<String, &'s Json<'a>>,
    vars: FxMap<String, &'s Json<'a>>,
}

impl<'s, 'a> Scope<'s, 'a> {
    fn table(object: &'s Json<'a>) -> FxMap<String, &'s Json<'a>> {
        let mut table = FxMap::default();
        for (k, v) in object.members() {
            table.entry(k.to_ascii_lowercase()).or_insert(v);
        }
        table
    }

    fn evaluate(&self, v: &mut Json<'a>) {
        match v {
            Json::String(s) if s.starts_with("[[") => {
                s.to_mut().remove(0);
            }
            Json::String(s) if s.starts_with('[') && s.ends_with(']') => {
                *v = self.expression(s, 0);
            }
            Json::Array(items) => items.iter_mut().for_each(|i| self.evaluate(i)),
            // `dependsOn` orders the deployment; nothing here reads it.
            Json::Object(fields) => fields
                .iter_mut()
                .filter(|(k, _)| k != "dependsOn")
                .for_each(|(_, f)| self.evaluate(f)),
            _ => {}
        }
    }

    fn expression(&self, text: &str, depth: usize) -> Json<'a> {
        if depth > MAX_EVAL_DEPTH {
            return Json::Null;
        }
        let inner = &text[1..text.len() - 1];
        let mut p = Parser {
            text: inner,
            chars: inner.as_bytes(),
            at: 0,
            scope: self,
            depth,
        };
        match p.expr() {
            Some(v) if p.at == p.chars.len() => v,
            _ => Json::Null,
        }
    }
}

/// A recursive-descent reader of the ARM expression subset templates use for names and ids.
struct Parser<'e, 's, 'a> {
    text: &'e str,
    /// The expression's bytes (its syntax is ASCII; string literals may hold any UTF-8).
    chars: &'e [u8],
    at: usize,
    scope: &'e Scope<'s, 'a>,
    depth: usize,
}

impl<'e, 'a> Parser<'e, '_, 'a> {
    fn ws(&mut self) {
        while self.chars.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.chars.get(self.at) == Some(&c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Option<Json<'a>> {
        let mut v = self.primary()?;
        loop {
            if self.eat(b'.') {
                let key = self.ident()?;
                v = v.get(key).cloned().unwrap_or(Json::Null);
            } else if self.eat(b'[') {
                let index = self.expr()?;
                if !self.eat(b']') {
                    return None;
                }
                v = match index {
                    Json::String(k) => v.get(&k).cloned().unwrap_or(Json::Null),
                    Json::Number(n) => n.as_u64().and_then(|n| v.at(n as usize).cloned()).unwrap_or(Json::Null),
                    _ => Json::Null,
                };
            } else {
                return Some(v);
            }
        }
    }

    fn ident(&mut self) -> Option<&'e str> {
        self.ws();
        let start = self.at;
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            self.at += 1;
        }
        // ASCII bytes end the name on both sides: the slice is on character boundaries.
        self.text.get(start..self.at).filter(|name| !name.is_empty())
    }

    fn primary(&mut self) -> Option<Json<'a>> {
        self.ws();
        match self.chars.get(self.at)? {
            b'\'' => {
                // Pieces between quotes (on character boundaries, quotes being ASCII); `''` is a quote.
                let mut s = String::new();
                loop {
                    let start = self.at + 1;
                    let end = start + self.chars.get(start..)?.iter().position(|&c| c == b'\'')?;
                    s.push_str(self.text.get(start..end)?);
                    self.at = end + 1;
                    if self.chars.get(self.at) != Some(&b'\'') {
                        return Some(Json::String(Cow::Owned(s)));
                    }
                    s.push('\'');
                }
            }
            c if c.is_ascii_digit() || *c == b'-' => {
                let start = self.at;
                self.at += 1;
                while self.chars.get(self.at).is_some_and(u8::is_ascii_digit) {
                    self.at += 1;
                }
                std::str::from_utf8(&self.chars[start..self.at])
                    .ok()?
                    .parse::<i64>()
                    .ok()
                    .map(Json::from)
            }
            _ => {
                let name = self.ident()?;
                if !self.eat(b'(') {
                    return None;
                }
                let mut args = Vec::new();
                if !self.eat(b')') {
                    loop {
                        args.push(self.expr()?);
                        if self.eat(b')') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Some(self.call(name, &args))
            }
        }
    }

    fn lookup(&self, table: &FxMap<String, &Json<'a>>, key: &Json<'a>, default_field: bool) -> Json<'a> {
        let Some(key) = key.as_str() else { return Json::Null };
        let entry = table.get(&key.to_ascii_lowercase()).copied();
        let value = if default_field {
            entry.and_then(|e| e.get("defaultValue"))
        } else {
            entry
        };
        match value {
            Some(Json::String(s)) if s.starts_with('[') && s.ends_with(']') && !s.starts_with("[[") => {
                self.scope.expression(s, self.depth + 1)
            }
            Some(v) => v.clone(),
            None => Json::Null,
        }
    }

    fn call(&self, name: &str, args: &[Json<'a>]) -> Json<'a> {
        let strings: Option<Vec<&str>> = args.iter().map(Json::as_str).collect();
        match (name.to_ascii_lowercase().as_str(), args) {
            ("parameters", [key]) => self.lookup(&self.scope.params, key, true),
            ("variables", [key]) => self.lookup(&self.scope.vars, key, false),
            ("concat", _) if strings.is_some() => Json::String(Cow::Owned(strings.unwrap_or_default().concat())),
            ("concat", _) if args.iter().all(Json::is_array) => {
                Json::Array(args.iter().flat_map(|a| a.items().iter().cloned()).collect())
            }
            ("format", [Json::String(f), rest @ ..]) => {
                let mut s = f.to_string();
                for (i, a) in rest.iter().enumerate() {
                    let text = match a {
                        Json::String(t) => t.to_string(),
                        other => other.to_string(),
                    };
                    s = s.replace(&format!("{{{i}}}"), &text);
                }
                Json::String(Cow::Owned(s))
            }
            ("tolower", [Json::String(s)]) => Json::String(Cow::Owned(s.to_lowercase())),
            ("toupper", [Json::String(s)]) => Json::String(Cow::Owned(s.to_uppercase())),
            ("resourceid", _) => strings.map_or(Json::Null, |s| resource_id(&s)),
            _ => Json::Null,
        }
    }
}

/// `resourceId([sub], [rg], 'Namespace/type[/child]', name…)` as an id string.
fn resource_id(args: &[&str]) -> Json<'static> {
    let Some(t) = args
        .iter()
        .position(|a| a.split('/').next().is_some_and(|ns| ns.contains('.')))
    else {
        return Json::Null;
    };
    let (scope, rest) = args.split_at(t);
    let ty = rest[0];
    let names = &rest[1..];
    let mut segments = ty.split('/');
    let ns = segments.next().unwrap_or_default();
    let types: Vec<&str> = segments.collect();
    if types.len() != names.len() {
        return Json::Null;
    }
    let mut id = String::with_capacity(64 + args.iter().map(|a| a.len() + 2).sum::<usize>());
    match scope {
        [sub, rg] => {
            id.push_str("/subscriptions/");
            id.push_str(sub);
            id.push_str("/resourceGroups/");
            id.push_str(rg);
        }
        [rg] => {
            id.push_str("/resourceGroups/");
            id.push_str(rg);
        }
        _ => {}
    }
    id.push_str("/providers/");
    id.push_str(ns);
    for (t, n) in types.iter().zip(names) {
        id.push('/');
        id.push_str(t);
        id.push('/');
        id.push_str(n);
    }
    Json::String(Cow::Owned(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    #[test]
    fn template_expressions_evaluate_names_and_ids() {
        let params = super::super::json::parse(
            br#"{"vnetName": {"type": "string", "defaultValue": "hub"}, "location": {"defaultValue": "[resourceGroup().location]"}}"#,
        )
        .unwrap();
        let vars = super::super::json::parse(br#"{"Suffix": "GatewaySubnet"}"#).unwrap();
        let scope = Scope {
            params: Scope::table(&params),
            vars: Scope::table(&vars),
        };
        let eval = |s: &str| scope.expression(s, 0).to_value();
        assert_eq!(eval("[parameters('vnetName')]"), json!("hub"));
        assert_eq!(
            eval("[concat(parameters('VNETNAME'), '/', variables('suffix'))]"),
            json!("hub/GatewaySubnet")
        );
        assert_eq!(
            eval("[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'GatewaySubnet')]"),
            json!("/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet")
        );
        assert_eq!(eval("[parameters('location')]"), Value::Null);
        assert_eq!(eval("[format('{0}-{1}', 'a', 'b')]"), json!("a-b"));
        assert_eq!(eval("[concat('it''s')]"), json!("it's"));
        assert_eq!(eval("[unknownFunction()]"), Value::Null);
        assert_eq!(eval("[concat('unterminated)]"), Value::Null);
    }
}
