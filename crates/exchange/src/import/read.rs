//! Reading the input: size cap, JSON parse (line:column on failure, `serde_json`'s depth limit kept),
//! shape detection (ARM template expressions evaluated in `expr`), and the flat list of resources
//! with their parsed ids (`id`) and JSON paths.

use std::collections::hash_map::Entry;
use std::fmt::Write as _;

use vnetsketch_model::hash::FxMap;

use super::json::Json;
use vnetsketch_model::Era;

use super::expr::evaluate_all;
use super::id::{ArmId, parse_id};
use super::{FileSummary, ImportError, ImportReport, SourceKind};

/// The most bytes read from one file (a 10,000-VNet ARM template is about 43 MB).
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// One parsed input file.
pub(crate) struct Doc<'a> {
    pub name: String,
    pub source: SourceKind,
    pub root: Json<'a>,
    /// The catalog era recorded by a vnetsketch ARM export.
    pub catalog: Option<Era>,
}

/// One resource of the input.
pub(crate) struct Res<'d> {
    pub id: ArmId,
    /// `id.key()`, made once.
    pub key: String,
    /// The id as given, or built from type and names.
    pub raw_id: String,
    /// `FILE: $.value[3]`.
    pub path: String,
    pub body: &'d Json<'d>,
}

impl<'d> Res<'d> {
    /// Its own name (the last segment).
    pub(crate) fn name(&self) -> &str {
        self.id.names.last().map_or("", String::as_str)
    }

    /// `properties.KEY`, else `KEY` (az CLI flattens properties).
    pub(crate) fn prop(&self, key: &str) -> Option<&'d Json<'d>> {
        prop(self.body, key)
    }

    /// A tag's value.
    pub(crate) fn tag(&self, key: &str) -> Option<&'d str> {
        self.body
            .get("tags")?
            .members()
            .into_iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))?
            .1
            .as_str()
    }

    /// Tags whose name starts with `prefix` (without regard to case), with the rest of the name.
    pub(crate) fn tags_with(&self, prefix: &str) -> Vec<(&'d str, &'d str)> {
        let Some(tags) = self.body.get("tags") else {
            return Vec::new();
        };
        tags.members()
            .into_iter()
            .filter(|(k, _)| k.len() >= prefix.len() && k[..prefix.len()].eq_ignore_ascii_case(prefix))
            .filter_map(|(k, v)| Some((&k[prefix.len()..], v.as_str()?)))
            .collect()
    }

    /// Its location, when it is a plain value.
    pub(crate) fn location(&self) -> Option<&'d str> {
        self.body.get("location").and_then(Json::as_str)
    }
}

/// `properties.KEY` of `v`, else `KEY`.
pub(crate) fn prop<'v>(v: &'v Json<'v>, key: &str) -> Option<&'v Json<'v>> {
    v.get("properties")
        .and_then(|p| p.get(key))
        .or_else(|| v.get(key))
        .filter(|v| !v.is_null())
}

/// Follows `keys` from `v` (each step `properties.K` first, then `K`).
pub(crate) fn dig<'v>(v: &'v Json<'v>, keys: &[&str]) -> Option<&'v Json<'v>> {
    keys.iter().try_fold(v, |v, k| prop(v, k))
}

/// Parses one file.
pub(crate) fn parse<'a>(name: &str, bytes: &'a [u8]) -> Result<Doc<'a>, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            file: name.to_owned(),
            bytes: bytes.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut root = super::json::parse(bytes).map_err(|e| ImportError::Json {
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
        Json::Array(_) => SourceKind::AzCli,
        Json::Object(_) if root.get("resources").is_some_and(Json::is_array) => SourceKind::ArmTemplate,
        Json::Object(_) if root.get("value").is_some_and(Json::is_array) => SourceKind::RestList,
        Json::Object(_) if root.get("data").is_some_and(Json::is_array) => SourceKind::ResourceGraph,
        Json::Object(_)
            if root.get("id").is_some_and(Json::is_string) || root.get("type").is_some_and(Json::is_string) =>
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
        let params = root.get("parameters").cloned().unwrap_or(Json::Null);
        let vars = root.get("variables").cloned().unwrap_or(Json::Null);
        if let Some(resources) = root.get_mut("resources") {
            evaluate_all(resources, &params, &vars);
        }
        catalog = root
            .get("metadata")
            .and_then(|m| m.get("vnetsketch"))
            .and_then(|v| v.get("catalog"))
            .and_then(Json::as_str)
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
pub(crate) fn resources<'d>(docs: &'d [Doc<'d>], report: &mut ImportReport) -> Vec<Res<'d>> {
    let mut out = Vec::new();
    for doc in docs {
        let before = out.len();
        let (list, field) = match (&doc.root, doc.source) {
            (Json::Array(items), _) => (items.as_slice(), ""),
            (root, SourceKind::RestResource) => (std::slice::from_ref(root), "$"),
            (root, SourceKind::ArmTemplate) => (arr(root, "resources"), "resources"),
            (root, SourceKind::ResourceGraph) => (arr(root, "data"), "data"),
            (root, _) => (arr(root, "value"), "value"),
        };
        let prefix = match field {
            "$" | "" => format!("{}: $", doc.name),
            f => format!("{}: $.{f}", doc.name),
        };
        for (i, item) in list.iter().enumerate() {
            let path = if field == "$" {
                prefix.clone()
            } else {
                indexed(&prefix, i)
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
    let lower = |s: &Option<String>| s.as_deref().map(str::to_lowercase).unwrap_or_default();
    let mut first: FxMap<(String, String, &str), usize> = FxMap::default();
    first.reserve(out.len());
    let mut keep = vec![true; out.len()];
    for (i, r) in out.iter().enumerate() {
        match first.entry((lower(&r.id.sub), lower(&r.id.rg), r.key.as_str())) {
            Entry::Occupied(seen) => {
                keep[i] = false;
                report.notes.push(super::Entry {
                    id: r.raw_id.clone(),
                    path: r.path.clone(),
                    message: format!("the same resource as {}; read once", out[*seen.get()].path),
                });
            }
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    drop(first);
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

/// `PREFIX[I]`, a JSON path to an array's item.
fn indexed(prefix: &str, i: usize) -> String {
    let mut path = String::with_capacity(prefix.len() + 24);
    path.push_str(prefix);
    let _ = write!(path, "[{i}]");
    path
}

fn arr<'v>(root: &'v Json<'v>, key: &str) -> &'v [Json<'v>] {
    root.get(key).map_or(&[], Json::items)
}

fn skip(report: &mut ImportReport, id: &str, path: &str, message: impl Into<String>) {
    report.skipped.push(super::Entry {
        id: id.to_owned(),
        path: path.to_owned(),
        message: message.into(),
    });
}

fn rest_resource<'d>(item: &'d Json<'d>, path: String, out: &mut Vec<Res<'d>>, report: &mut ImportReport) {
    if !item.is_object() {
        skip(report, "", &path, "not a JSON object");
        return;
    }
    let given = item.get("id").and_then(Json::as_str);
    let id = given.and_then(parse_id).or_else(|| {
        // No usable id: build one from type, name and resource group.
        let ty = item.get("type")?.as_str()?;
        let name = item.get("name")?.as_str()?;
        let (_, rest) = ty.split_once('/')?;
        if rest.contains('/') {
            return None;
        }
        Some(ArmId {
            sub: None,
            rg: item.get("resourceGroup").and_then(Json::as_str).map(str::to_owned),
            ty: ty.to_ascii_lowercase(),
            names: vec![name.to_owned()],
        })
    });
    match id {
        Some(id) => out.push(Res {
            raw_id: given.map_or_else(|| format!("{}/{}", id.ty, id.names.join("/")), str::to_owned),
            key: id.key(),
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
    item: &'d Json<'d>,
    parent: Option<&ArmId>,
    path: String,
    out: &mut Vec<Res<'d>>,
    report: &mut ImportReport,
    depth: usize,
) {
    let ty = item.get("type").and_then(Json::as_str);
    let name = item.get("name").and_then(Json::as_str);
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
        (Some((ns, _)), _) if ns.contains('.') => (ty.to_ascii_lowercase(), Vec::new()),
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
    let display = [ty, "/", name].concat();
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
    if let Some(children) = item.get("resources").and_then(Json::as_array)
        && depth < 4
    {
        for (i, child) in children.iter().enumerate() {
            template_resource(
                child,
                Some(&id),
                indexed(&format!("{path}.resources"), i),
                out,
                report,
                depth + 1,
            );
        }
    }
    out.push(Res {
        raw_id: display,
        key: id.key(),
        id,
        path,
        body: item,
    });
}
