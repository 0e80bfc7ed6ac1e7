//! # vnetsketch-model
//!
//! The domain of vnetsketch, shared by the TUI and the CLI: designs of Azure hybrid networks, the SKU
//! catalogs, validation, the throughput estimate and the file formats.
//!
//! ## Organization
//! - [`design`]: the [`Design`] aggregate (VNets, sites, user groups, links).
//! - [`edit`]: the one way to change a design, [`Design::apply`], with undo ([`Change`]).
//! - [`props`]: the property tables (one per node kind and per link kind) that `set`, the creation
//!   options, the inspector and the refusals all read.
//! - [`command`]: the command language (`vnet hub 10.0.0.0/16` …) for scripts and the TUI prompt.
//! - [`complete`]: completion of a command line as it is typed, with "did you mean …?".
//! - [`sku`] and [`catalog`]: SKU names and the per-era tables embedded from `assets/catalog/`.
//! - [`cidr`]: prefix arithmetic, the n log n overlap sweep and the lowest free prefix.
//! - [`plan`]: IP planning: `auto/N` and the design's pool.
//! - [`validate`]: the rule registry and [`validate()`](validate::validate).
//! - [`analysis`]: findings and estimate from one index, on two threads for large designs.
//! - [`throughput`]: the estimate per link and per gateway.
//! - [`format`](mod@format): RON (native) and JSON files, versioned.
//! - [`generate`]: large realistic designs from a seed, for benchmarks.
//! - [`suggest`]: "did you mean …?" for words that are not known.
//! - `fix` (internal): the command lines that resolve a finding or open a blocked path, with the
//!   values they need (free space, an ASN plan, the SKU a feature needs) computed from the design.
//! - [`diagram`]: the diagram engine — boxes, zoom, auto-layout, frames, link routing, styles.
//!
//! ## Invariants
//! - No IO: no files, no terminal, no clock. Callers pass text in and get text out.
//! - Validation and estimation never fail and never panic: a broken design gives findings.
//! - Edits are all-or-nothing: [`Design::apply`] either applies the whole edit or changes nothing.
//! - A finding's fix, applied through the command language, removes it and adds no error.
//! - No import cycle between modules (a test reads the source).

pub mod analysis;
pub mod catalog;
pub mod cidr;
pub mod command;
pub mod complete;
pub mod design;
pub mod diagram;
pub mod edit;
pub mod error;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod generate;
pub mod hash;
pub mod paths;
pub mod plan;
pub mod props;
pub mod region;
pub mod search;
pub mod sku;
pub mod sources;
pub mod suggest;
pub mod throughput;
pub mod validate;

mod fix;
mod text;

pub use catalog::Catalog;
pub use command::{apply_line, parse_line, quote_value, run_script};
pub use design::{Design, Link, LinkId, LinkKind, Node, NodeKind, Pos};
pub use edit::{Change, Edit, Prop};
pub use error::{EditError, LoadError, ParseError, ScriptError};
pub use sku::{ErSku, Era, VpnSku};
pub use text::json_str;

#[cfg(test)]
mod architecture_tests;
