//! Reading the input: size cap, JSON parse (line:column on failure, `serde_json`'s depth limit kept),
//! shape detection (ARM template expressions evaluated in `expr`), and the flat list of resources
//! with their parsed ids (`id`) and JSON paths.

use vnetsketch_model::hash::FxMap;

use serde_json::Value;
use vnetsketch_model::Era;

use super::expr::evaluate_all;
use super::id::{ArmId, parse_id};
use super::{FileSummary, ImportError, ImportReport, SourceKind};

/// The most bytes read from one file (a 10,000-VNet ARM template is about 20 MB).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// One parsed input file.
pub(crate) struct Doc {
    pub name: String,
    pub source: SourceKind,
    pub root: Value,
    /// The catalog era recorded by a vnetsketch ARM export.
    pub catalog: Option<Era>,
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
