//! Import: a design from Azure's own JSON.
//!
//! Accepted shapes (several files may be combined; each is recognised on its own):
//! - ARM templates (`az group export`, our `arm` export): `{"resources":[…]}`, with `[parameters(…)]`,
//!   `[variables(…)]`, `[concat(…)]` and `[resourceId(…)]` expressions evaluated;
//! - REST list responses `{"value":[…]}` and single REST GET bodies;
//! - Azure Resource Graph output `{"data":[…]}`;
//! - az CLI list output: a top-level array, `properties` flattened into each object.
//!
//! Every property is read as `properties.X` first, then `X`. Resource ids resolve to names without
//! regard to case. What maps becomes VNets (subnets and peerings inline or as child resources),
//! gateways, sites (local network gateways, circuits), user groups (a gateway's Point-to-Site pools)
//! and links (connections, peerings); a peering to a VNet that is not in the input becomes an
//! external VNet node. Names that collide are made unique; other resource types are counted; what
//! cannot be mapped is reported with its resource id and JSON path. Nothing in the input is an
//! error except input that is not JSON, too large, or of no known shape.

mod build;
mod expr;
mod gateway;
mod id;
mod json;
mod links;
mod read;
mod site;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use vnetsketch_model::design::Origin;
use vnetsketch_model::{Design, Edit};

pub use read::MAX_IMPORT_BYTES;

/// Where an input came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// An ARM deployment template.
    ArmTemplate,
    /// A REST list response (`{"value":[…]}`).
    RestList,
    /// One REST resource body.
    RestResource,
    /// Azure Resource Graph output (`{"data":[…]}`).
    ResourceGraph,
    /// az CLI list output (a top-level array).
    AzCli,
    /// Several files of different kinds.
    Mixed,
}

impl SourceKind {
    /// How the report names it.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::ArmTemplate => "ARM template",
            SourceKind::RestList => "REST list",
            SourceKind::RestResource => "REST resource",
            SourceKind::ResourceGraph => "Resource Graph output",
            SourceKind::AzCli => "az CLI output",
            SourceKind::Mixed => "mixed sources",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A design built from Azure's JSON, and what the import did.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The design, laid out by the diagram engine, its origin saying it was imported from these
    /// files (the caller, which has a clock, may add the day); not yet validated.
    pub design: Design,
    /// What was mapped, renamed, skipped.
    pub report: ImportReport,
    /// Where it came from (an imported estate already exists: the lead's migration warnings need it).
    pub source: SourceKind,
}

/// One input file as read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSummary {
    /// The name the caller gave.
    pub name: String,
    /// Its shape.
    pub source: SourceKind,
    /// Resources found in it (child resources included).
    pub resources: usize,
}

/// A resource and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The resource id (as given, or built from type and name for templates).
    pub id: String,
    /// Where in which file: `FILE: $.value[3]`.
    pub path: String,
    /// What happened, in words.
    pub message: String,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The files read.
    pub files: Vec<FileSummary>,
    /// Resources that became part of the design.
    pub mapped: Vec<Entry>,
    /// Names changed to keep node names unique and valid.
    pub renamed: Vec<Entry>,
    /// VNets outside the input that peerings reach, added as external nodes.
    pub external: Vec<Entry>,
    /// Resources, or parts of them, that could not be mapped, and why.
    pub skipped: Vec<Entry>,
    /// Values read with a caveat (a default taken, a value adjusted).
    pub notes: Vec<Entry>,
    /// Resource types the design has no place for, with their counts.
    pub other_types: BTreeMap<String, usize>,
}

impl ImportReport {
    /// The report as text, one line per entry, for the CLI and the TUI.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for f in &self.files {
            let _ = writeln!(s, "read {} ({}, {} resources)", f.name, f.source, f.resources);
        }
        let _ = writeln!(
            s,
            "mapped {} resources; {} renamed, {} external VNets, {} skipped, {} notes",
            self.mapped.len(),
            self.renamed.len(),
            self.external.len(),
            self.skipped.len(),
            self.notes.len()
        );
        for (title, list) in [
            ("renamed", &self.renamed),
            ("external", &self.external),
            ("skipped", &self.skipped),
            ("note", &self.notes),
        ] {
            for e in list {
                let _ = writeln!(s, "{title}: {} ({}): {}", e.id, e.path, e.message);
            }
        }
        if !self.other_types.is_empty() {
            let list: Vec<String> = self.other_types.iter().map(|(t, n)| format!("{t} x{n}")).collect();
            let _ = writeln!(s, "not part of a network design: {}", list.join(", "));
        }
        s
    }
}

/// Why nothing could be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// No file was given.
    #[error("no input: give one or more JSON files")]
    NoInput,
    /// A file is larger than the import reads.
    #[error("{file}: {bytes} bytes; the import reads at most {limit} bytes per file")]
    TooLarge {
        /// The file.
        file: String,
        /// Its size.
        bytes: usize,
        /// The cap.
        limit: usize,
    },
    /// A file is not JSON.
    #[error("{file}:{line}:{column}: not JSON: {message}")]
    Json {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A file is JSON of no shape the import knows.
    #[error("{file}: {path}: {message}")]
    Shape {
        /// The file.
        file: String,
        /// The JSON path (`$`, `$.resources`).
        path: String,
        /// What was expected.
        message: String,
    },
    /// The result would break the design's limits.
    #[error("the imported design cannot be loaded: {0}")]
    Design(String),
}

/// Builds a design from `files` (name, bytes), each an Azure JSON document.
///
/// # Examples
/// ```
/// let json = br#"{"value":[{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub",
///   "name":"hub","type":"Microsoft.Network/virtualNetworks","location":"westeurope",
///   "properties":{"addressSpace":{"addressPrefixes":["10.0.0.0/16"]}}}]}"#;
/// let imported = vnetsketch_exchange::import(&[("vnets.json", &json[..])]).unwrap();
/// assert_eq!(imported.design.vnet("hub").unwrap().region.as_deref(), Some("westeurope"));
/// ```
pub fn import<N: AsRef<str>, B: AsRef<[u8]>>(files: &[(N, B)]) -> Result<Imported, ImportError> {
    if files.is_empty() {
        return Err(ImportError::NoInput);
    }
    let mut docs = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        docs.push(read::parse(name.as_ref(), bytes.as_ref())?);
    }
    let mut report = ImportReport::default();
    let resources = read::resources(&docs, &mut report);
    let source = match docs.as_slice() {
        [first, rest @ ..] if rest.iter().all(|d| d.source == first.source) => first.source,
        _ => SourceKind::Mixed,
    };
    let era = docs.iter().find_map(|d| d.catalog);
    let mut design = build::build(&resources, era, &mut report)?;
    design.origin = Some(Origin::imported(
        files.iter().map(|(name, _)| name.as_ref().to_owned()).collect(),
    ));
    // The diagram engine's layout: regions as columns, hubs over spokes, sites above, users below.
    design
        .apply(&Edit::Layout { names: Vec::new() })
        .map_err(|e| ImportError::Design(e.to_string()))?;
    Ok(Imported { design, report, source })
}
