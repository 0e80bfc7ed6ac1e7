//! Reading the input: size cap, JSON parse (line:column on failure, `serde_json`'s depth limit kept),
//! shape detection, ARM template expressions, and the flat list of resources with their parsed ids,
//! JSON paths and an index that resolves ids without regard to case.

use std::fmt::Write as _;
use vnetsketch_model::hash::FxMap;

use serde_json::Value;
use vnetsketch_model::Era;

use super::{FileSummary, ImportError, ImportReport, SourceKind};

/// The most bytes read from one file (a 10,000-VNet ARM template is about 20 MB).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// How deep template expressions may refer to parameters and variables that are expressions.
const MAX_EVAL_DEPTH: usize = 8;

/// One parsed input file.
pub(crate) struct Doc {
    pub name: String,
    pub source: SourceKind,
    pub root: Value,
    /// The catalog era recorded by a vnetsketch ARM export.
    pub catalog: Option<Era>,
}

/// A resource id taken apart: `/subscriptions/S/resourceGroups/RG/providers/NS/T1/N1/T2/N2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ArmId {
    pub sub: Option<String>,
    pub rg: Option<String>,
    /// `microsoft.network/virtualnetworks/subnets`, lower case.
    pub ty: String,
    /// One per type segment, as given.
    pub names: Vec<String>,
}

impl ArmId {
    /// The index key: type and names, lower case.
    pub(crate) fn key(&self) -> String {
        let mut k = self.ty.clone();
        for n in &self.names {
            k.push('|');
            k.push_str(&n.to_lowercase());
        }
        k
    }

    /// The id of the parent resource (a subnet's VNet).
    pub(crate) fn parent(&self) -> Option<ArmId> {
        if self.names.len() < 2 {
            return None;
        }
        let cut = self.ty.rfind('/')?;
        Some(ArmId {
            sub: self.sub.clone(),
            rg: self.rg.clone(),
            ty: self.ty[..cut].to_owned(),
            names: self.names[..self.names.len() - 1].to_vec(),
        })
    }
}

/// Parses a resource id; `None` when it has no provider part or its types and names do not pair.
pub(crate) fn parse_id(id: &str) -> Option<ArmId> {
    let parts: Vec<&str> = id.split('/').filter(|p| !p.is_empty()).collect();
    let mut sub = None;
    let mut rg = None;
    let mut i = 0;
    while i + 1 < parts.len() {
        match parts[i].to_ascii_lowercase().as_str() {
            "subscriptions" => sub = Some(parts[i + 1].to_owned()),
            "resourcegroups" => rg = Some(parts[i + 1].to_owned()),
            "providers" => break,
            _ => return None,
        }
        i += 2;
    }
    if parts.get(i).is_none_or(|p| !p.eq_ignore_ascii_case("providers")) {
        return None;
    }
    let namespace = parts.get(i + 1)?;
    let rest = &parts[i + 2..];
    if rest.is_empty() || !rest.len().is_multiple_of(2) {
        return None;
    }
    let mut ty = namespace.to_ascii_lowercase();
    let mut names = Vec::new();
    for pair in rest.chunks(2) {
        ty.push('/');
        ty.push_str(&pair[0].to_ascii_lowercase());
        names.push(pair[1].to_owned());
    }
    Some(ArmId { sub, rg, ty, names })
}

/// One resource of the input.
pub(crate) struct Res<'d> {
    pub id: ArmId,
    /// The id as given, or built from type and names.
    pub raw_id: String,
    /// `FILE: $.value[3]`.
    pub path: String,
    pub body: &'d Value,
}

impl<'d> Res<'d> {
    /// Its own name (the last segment).
    pub(crate) fn name(&self) -> &str {
        self.id.names.last().map_or("", String::as_str)
    }

    /// `properties.KEY`, else `KEY` (az CLI flattens properties).
    pub(crate) fn prop(&self, key: &str) -> Option<&'d Value> {
        prop(self.body, key)
    }

    /// A tag's value.
    pub(crate) fn tag(&self, key: &str) -> Option<&'d str> {
        self.body
            .get("tags")?
            .as_object()?
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))?
            .1
            .as_str()
    }

    /// Tags whose name starts with `prefix` (without regard to case), with the rest of the name.
    pub(crate) fn tags_with(&self, prefix: &str) -> Vec<(&'d str, &'d str)> {
        let Some(tags) = self.body.get("tags").and_then(Value::as_object) else {
            return Vec::new();
        };
        tags.iter()
            .filter(|(k, _)| k.len() >= prefix.len() && k[..prefix.len()].eq_ignore_ascii_case(prefix))
            .filter_map(|(k, v)| Some((&k[prefix.len()..], v.as_str()?)))
            .collect()
    }

    /// Its location, when it is a plain value.
    pub(crate) fn location(&self) -> Option<&'d str> {
        self.body.get("location").and_then(Value::as_str)
    }
}

/// `properties.KEY` of `v`, else `KEY`.
pub(crate) fn prop<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.get("properties")
        .and_then(|p| p.get(key))
        .or_else(|| v.get(key))
        .filter(|v| !v.is_null())
}

/// Follows `keys` from `v` (each step `properties.K` first, then `K`).
pub(crate) fn dig<'v>(v: &'v Value, keys: &[&str]) -> Option<&'v Value> {
    keys.iter().try_fold(v, |v, k| prop(v, k))
}

/// Parses one file.
pub(crate) fn parse(name: &str, bytes: &[u8]) -> Result<Doc, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            file: name.to_owned(),
            bytes: bytes.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut root: Value = serde_json::from_slice(bytes).map_err(|e| ImportError::Json {
        file: name.to_owned(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let shape = |message: &str| ImportError::Shape {
        file: name.to_owned(),
        path: "$".into(),
        message: message.to_owned(),
    };
    let source = match &root {
        Value::Array(_) => SourceKind::AzCli,
        Value::Object(o) if o.get("resources").is_some_and(Value::is_array) => SourceKind::ArmTemplate,
        Value::Object(o) if o.get("value").is_some_and(Value::is_array) => SourceKind::RestList,
        Value::Object(o) if o.get("data").is_some_and(Value::is_array) => SourceKind::ResourceGraph,
        Value::Object(o)
            if o.get("id").is_some_and(Value::is_string) || o.get("type").is_some_and(Value::is_string) =>
        {
            SourceKind::RestResource
        }
        _ => {
            return Err(shape(
                "expected an ARM template ({\"resources\":[…]}), a REST list ({\"value\":[…]}), Resource Graph \
                 output ({\"data\":[…]}), az CLI output ([…]) or one resource ({\"id\":…})",
            ));
        }
    };
    let mut catalog = None;
    if source == SourceKind::ArmTemplate {
        let params = root.get("parameters").cloned().unwrap_or(Value::Null);
        let vars = root.get("variables").cloned().unwrap_or(Value::Null);
        if let Some(resources) = root.get_mut("resources") {
            evaluate_all(resources, &params, &vars);
        }
        catalog = root
            .pointer("/metadata/vnetsketch/catalog")
            .and_then(Value::as_str)
            .and_then(|c| c.parse().ok());
    }
    Ok(Doc {
        name: name.to_owned(),
        source,
        root,
        catalog,
    })
}

/// The resources of every document; fills in the report's file list.
pub(crate) fn resources<'d>(docs: &'d [Doc], report: &mut ImportReport) -> Vec<Res<'d>> {
    let mut out = Vec::new();
    for doc in docs {
        let before = out.len();
        let (list, field) = match (&doc.root, doc.source) {
            (Value::Array(items), _) => (items.as_slice(), ""),
            (root, SourceKind::RestResource) => (std::slice::from_ref(root), "$"),
            (root, SourceKind::ArmTemplate) => (arr(root, "resources"), "resources"),
            (root, SourceKind::ResourceGraph) => (arr(root, "data"), "data"),
            (root, _) => (arr(root, "value"), "value"),
        };
        for (i, item) in list.iter().enumerate() {
            let path = match field {
                "$" => format!("{}: $", doc.name),
                "" => format!("{}: $[{i}]", doc.name),
                f => format!("{}: $.{f}[{i}]", doc.name),
            };
            if doc.source == SourceKind::ArmTemplate {
                template_resource(item, None, path, &mut out, report, 0);
            } else {
                rest_resource(item, path, &mut out, report);
            }
        }
        report.files.push(FileSummary {
            name: doc.name.clone(),
            source: doc.source,
            resources: out.len() - before,
        });
    }
    // The same resource in two inputs (a GET and a list, say) is read once.
    let mut first: FxMap<String, String> = FxMap::default();
    first.reserve(out.len());
    out.retain(|r| {
        let identity = format!(
            "{}|{}|{}",
            r.id.sub.as_deref().unwrap_or("").to_lowercase(),
            r.id.rg.as_deref().unwrap_or("").to_lowercase(),
            r.id.key()
        );
        if let Some(path) = first.get(&identity) {
            report.notes.push(super::Entry {
                id: r.raw_id.clone(),
                path: r.path.clone(),
                message: format!("the same resource as {path}; read once"),
            });
            false
        } else {
            first.insert(identity, r.path.clone());
            true
        }
    });
    out
}

fn arr<'v>(root: &'v Value, key: &str) -> &'v [Value] {
    root.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn skip(report: &mut ImportReport, id: &str, path: &str, message: impl Into<String>) {
    report.skipped.push(super::Entry {
        id: id.to_owned(),
        path: path.to_owned(),
        message: message.into(),
    });
}

fn rest_resource<'d>(item: &'d Value, path: String, out: &mut Vec<Res<'d>>, report: &mut ImportReport) {
    if !item.is_object() {
        skip(report, "", &path, "not a JSON object");
        return;
    }
    let given = item.get("id").and_then(Value::as_str);
    let id = given.and_then(parse_id).or_else(|| {
        // No usable id: build one from type, name and resource group.
        let ty = item.get("type")?.as_str()?;
        let name = item.get("name")?.as_str()?;
        let (ns, rest) = ty.split_once('/')?;
        if rest.contains('/') {
            return None;
        }
        Some(ArmId {
            sub: None,
            rg: item.get("resourceGroup").and_then(Value::as_str).map(str::to_owned),
            ty: format!("{}/{}", ns.to_ascii_lowercase(), rest.to_ascii_lowercase()),
            names: vec![name.to_owned()],
        })
    });
    match id {
        Some(id) => out.push(Res {
            raw_id: given.map_or_else(|| format!("{}/{}", id.ty, id.names.join("/")), str::to_owned),
            id,
            path,
            body: item,
        }),
        None => skip(
            report,
            given.unwrap_or(""),
            &path,
            "no resource id that names a provider, type and name, and no type and name to build one",
        ),
    }
}

fn template_resource<'d>(
    item: &'d Value,
    parent: Option<&ArmId>,
    path: String,
    out: &mut Vec<Res<'d>>,
    report: &mut ImportReport,
    depth: usize,
) {
    let ty = item.get("type").and_then(Value::as_str);
    let name = item.get("name").and_then(Value::as_str);
    let (Some(ty), Some(name)) = (ty, name) else {
        skip(
            report,
            "",
            &path,
            "a template resource whose type or name is not a plain string (or an expression the import \
             can evaluate: parameters, variables, concat, format, resourceId)",
        );
        return;
    };
    let (full_ty, mut names) = match (ty.split_once('/'), parent) {
        (Some((ns, rest)), _) if ns.contains('.') => (
            format!("{}/{}", ns.to_ascii_lowercase(), rest.to_ascii_lowercase()),
            Vec::new(),
        ),
        (_, Some(p)) => (format!("{}/{}", p.ty, ty.to_ascii_lowercase()), p.names.clone()),
        _ => {
            skip(
                report,
                ty,
                &path,
                format!("`{ty}` is not a resource type (Namespace/type)"),
            );
            return;
        }
    };
    if names.is_empty() {
        names = name.split('/').map(str::to_owned).collect();
    } else {
        names.extend(name.split('/').map(str::to_owned));
    }
    let segments = full_ty.split('/').count() - 1;
    let display = format!("{ty}/{name}");
    if names.len() != segments {
        skip(
            report,
            &display,
            &path,
            format!(
                "the name `{name}` has {} parts; type `{ty}` needs {segments}",
                names.len()
            ),
        );
        return;
    }
    let id = ArmId {
        sub: None,
        rg: None,
        ty: full_ty,
        names,
    };
    if let Some(children) = item.get("resources").and_then(Value::as_array)
        && depth < 4
    {
        for (i, child) in children.iter().enumerate() {
            template_resource(
                child,
                Some(&id),
                format!("{path}.resources[{i}]"),
                out,
                report,
                depth + 1,
            );
        }
    }
    out.push(Res {
        raw_id: display,
        id,
        path,
        body: item,
    });
}

/// Resources by index key, for resolving ids.
pub(crate) struct Index {
    by_key: FxMap<String, Vec<usize>>,
}

impl Index {
    pub(crate) fn new(res: &[Res<'_>]) -> Index {
        let mut by_key: FxMap<String, Vec<usize>> = FxMap::default();
        by_key.reserve(res.len());
        for (i, r) in res.iter().enumerate() {
            by_key.entry(r.id.key()).or_default().push(i);
        }
        Index { by_key }
    }

    /// The resource `id` names: the one whose subscription and resource group match where both
    /// sides give them (without regard to case), else the only candidate.
    pub(crate) fn resolve(&self, res: &[Res<'_>], id: &ArmId) -> Option<usize> {
        let candidates = self.by_key.get(&id.key())?;
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => true,
        };
        let matching: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| same(&res[i].id.sub, &id.sub) && same(&res[i].id.rg, &id.rg))
            .collect();
        match matching.as_slice() {
            [one] => Some(*one),
            [] => None,
            many => many
                .iter()
                .copied()
                .find(|&i| res[i].id.rg.is_some() && id.rg.is_some())
                .or(Some(many[0])),
        }
    }
}

/// Replaces every template expression string (`[…]`) under `v` by its value (`null` when the
/// import cannot evaluate it); `[[` escapes become `[`.
fn evaluate_all(v: &mut Value, params: &Value, vars: &Value) {
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
    fn ids_parse_without_regard_to_case() {
        let id = parse_id(
            "/subscriptions/s/resourceGroups/RG1/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet",
        )
        .unwrap();
        assert_eq!(id.ty, "microsoft.network/virtualnetworks/subnets");
        assert_eq!(id.names, ["hub", "GatewaySubnet"]);
        assert_eq!(id.rg.as_deref(), Some("RG1"));
        let other = parse_id(
            "/SUBSCRIPTIONS/s/RESOURCEGROUPS/rg1/PROVIDERS/microsoft.network/VIRTUALNETWORKS/HUB/SUBNETS/gatewaysubnet",
        )
        .unwrap();
        assert_eq!(id.key(), other.key());
        assert_eq!(id.parent().unwrap().key(), "microsoft.network/virtualnetworks|hub");
        assert!(parse_id("/subscriptions/s/resourceGroups/rg").is_none());
        assert!(parse_id("not an id").is_none());
    }

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
