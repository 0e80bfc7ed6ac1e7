//! ARM template expressions: every `[…]` string of a template's resources replaced by its value, for
//! the subset templates use for names and ids (`parameters`, `variables`, `concat`, `format`, `toLower`,
//! `toUpper`, `resourceId`; member and index access); what the import cannot evaluate becomes `null`.

use std::fmt::Write as _;

use serde_json::Value;

/// How deep template expressions may refer to parameters and variables that are expressions.
const MAX_EVAL_DEPTH: usize = 8;

/// Replaces every template expression string (`[…]`) under `v` by its value (`null` when the
/// import cannot evaluate it); `[[` escapes become `[`.
pub(super) fn evaluate_all(v: &mut Value, params: &Value, vars: &Value) {
    match v {
        Value::String(s) if s.starts_with("[[") => {
            s.remove(0);
        }
        Value::String(s) if s.starts_with('[') && s.ends_with(']') => {
            *v = eval_expression(s, params, vars, 0);
        }
        Value::Array(items) => items.iter_mut().for_each(|i| evaluate_all(i, params, vars)),
        // `dependsOn` orders the deployment; nothing here reads it.
        Value::Object(fields) => fields
            .iter_mut()
            .filter(|(k, _)| k.as_str() != "dependsOn")
            .for_each(|(_, f)| evaluate_all(f, params, vars)),
        _ => {}
    }
}

fn eval_expression(text: &str, params: &Value, vars: &Value, depth: usize) -> Value {
    if depth > MAX_EVAL_DEPTH {
        return Value::Null;
    }
    let inner = &text[1..text.len() - 1];
    let mut p = Parser {
        chars: inner.as_bytes(),
        at: 0,
        params,
        vars,
        depth,
    };
    match p.expr() {
        Some(v) if p.at == p.chars.len() => v,
        _ => Value::Null,
    }
}

/// A recursive-descent reader of the ARM expression subset templates use for names and ids.
struct Parser<'a> {
    /// The expression's bytes (its syntax is ASCII; string literals may hold any UTF-8).
    chars: &'a [u8],
    at: usize,
    params: &'a Value,
    vars: &'a Value,
    depth: usize,
}

impl Parser<'_> {
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

    fn expr(&mut self) -> Option<Value> {
        let mut v = self.primary()?;
        loop {
            if self.eat(b'.') {
                let key = self.ident()?;
                v = v.get(&key).cloned().unwrap_or(Value::Null);
            } else if self.eat(b'[') {
                let index = self.expr()?;
                if !self.eat(b']') {
                    return None;
                }
                v = match index {
                    Value::String(k) => v.get(&k).cloned().unwrap_or(Value::Null),
                    Value::Number(n) => n
                        .as_u64()
                        .and_then(|n| v.get(n as usize).cloned())
                        .unwrap_or(Value::Null),
                    _ => Value::Null,
                };
            } else {
                return Some(v);
            }
        }
    }

    fn ident(&mut self) -> Option<String> {
        self.ws();
        let start = self.at;
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            self.at += 1;
        }
        (self.at > start).then(|| String::from_utf8_lossy(&self.chars[start..self.at]).into_owned())
    }

    fn primary(&mut self) -> Option<Value> {
        self.ws();
        match self.chars.get(self.at)? {
            b'\'' => {
                self.at += 1;
                let mut s = Vec::new();
                loop {
                    let c = *self.chars.get(self.at)?;
                    self.at += 1;
                    if c == b'\'' {
                        if self.chars.get(self.at) == Some(&b'\'') {
                            s.push(b'\'');
                            self.at += 1;
                        } else {
                            return Some(Value::String(String::from_utf8_lossy(&s).into_owned()));
                        }
                    } else {
                        s.push(c);
                    }
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
                    .map(Value::from)
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
                Some(self.call(&name, &args))
            }
        }
    }

    fn lookup(&self, table: &Value, key: &Value, default_field: bool) -> Value {
        let Some(key) = key.as_str() else { return Value::Null };
        let entry = table
            .as_object()
            .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v));
        let value = if default_field {
            entry.and_then(|e| e.get("defaultValue"))
        } else {
            entry
        };
        match value {
            Some(Value::String(s)) if s.starts_with('[') && s.ends_with(']') && !s.starts_with("[[") => {
                eval_expression(s, self.params, self.vars, self.depth + 1)
            }
            Some(v) => v.clone(),
            None => Value::Null,
        }
    }

    fn call(&self, name: &str, args: &[Value]) -> Value {
        let strings: Option<Vec<&str>> = args.iter().map(Value::as_str).collect();
        match (name.to_ascii_lowercase().as_str(), args) {
            ("parameters", [key]) => self.lookup(self.params, key, true),
            ("variables", [key]) => self.lookup(self.vars, key, false),
            ("concat", _) if strings.is_some() => Value::String(strings.unwrap_or_default().concat()),
            ("concat", _) if args.iter().all(Value::is_array) => Value::Array(
                args.iter()
                    .flat_map(|a| a.as_array().cloned().unwrap_or_default())
                    .collect(),
            ),
            ("format", [Value::String(f), rest @ ..]) => {
                let mut s = f.clone();
                for (i, a) in rest.iter().enumerate() {
                    let text = match a {
                        Value::String(t) => t.clone(),
                        other => other.to_string(),
                    };
                    s = s.replace(&format!("{{{i}}}"), &text);
                }
                Value::String(s)
            }
            ("tolower", [Value::String(s)]) => Value::String(s.to_lowercase()),
            ("toupper", [Value::String(s)]) => Value::String(s.to_uppercase()),
            ("resourceid", _) => strings.map_or(Value::Null, |s| resource_id(&s)),
            _ => Value::Null,
        }
    }
}

/// `resourceId([sub], [rg], 'Namespace/type[/child]', name…)` as an id string.
fn resource_id(args: &[&str]) -> Value {
    let Some(t) = args
        .iter()
        .position(|a| a.split('/').next().is_some_and(|ns| ns.contains('.')))
    else {
        return Value::Null;
    };
    let (scope, rest) = args.split_at(t);
    let ty = rest[0];
    let names = &rest[1..];
    let mut segments = ty.split('/');
    let ns = segments.next().unwrap_or_default();
    let types: Vec<&str> = segments.collect();
    if types.len() != names.len() {
        return Value::Null;
    }
    let mut id = String::new();
    match scope {
        [sub, rg] => {
            let _ = write!(id, "/subscriptions/{sub}/resourceGroups/{rg}");
        }
        [rg] => {
            let _ = write!(id, "/resourceGroups/{rg}");
        }
        _ => {}
    }
    let _ = write!(id, "/providers/{ns}");
    for (t, n) in types.iter().zip(names) {
        let _ = write!(id, "/{t}/{n}");
    }
    Value::String(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn template_expressions_evaluate_names_and_ids() {
        let params = json!({"vnetName": {"type": "string", "defaultValue": "hub"}, "location": {"defaultValue": "[resourceGroup().location]"}});
        let vars = json!({"suffix": "GatewaySubnet"});
        let eval = |s: &str| eval_expression(s, &params, &vars, 0);
        assert_eq!(eval("[parameters('vnetName')]"), json!("hub"));
        assert_eq!(
            eval("[concat(parameters('vnetName'), '/', variables('suffix'))]"),
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
