//! Design files: RON (native) and JSON, carrying the same versioned [`SaveFile`].
//!
//! The file types are a boundary, kept apart from the domain types: [`SaveFile::from_design`] and
//! [`SaveFile::into_design`] convert. Output is deterministic (nodes by name, links in order): the
//! same design gives the same bytes. Loading caps the size, keeps the parsers' depth limits, and
//! reports syntax errors at line:column with what was expected; content that cannot form a design
//! (duplicate names, bad names, too many things) is refused with the entity it concerns. A loaded
//! design may still have findings (a link naming a missing node): validation reports those.

use serde::Deserialize;

use crate::design::Design;
use crate::error::{LoadError, Location};

mod convert;
mod file;

pub use file::{
    CircuitFile, ErGatewayFile, LinkFile, SaveFile, SiteFile, SubnetFile, UsersFile, VnetFile, VpnGatewayFile,
};

/// The format version this build writes and reads.
pub const VERSION: u32 = 1;
/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;
/// Most nodes (VNets + sites + user groups) in one file.
pub const MAX_NODES: usize = 100_000;
/// Most links in one file.
pub const MAX_LINKS: usize = 500_000;
/// Most subnets in one VNet (Azure's current limit is 3000 \[S23\]).
pub const MAX_SUBNETS: usize = 10_000;
/// Most prefixes in one address space.
pub const MAX_PREFIXES: usize = 1_000;

/// A file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// RON, the native format.
    Ron,
    /// JSON.
    Json,
}

impl Format {
    /// The format of a path by its extension (`.ron`, `.json`), if it has one of those.
    pub fn from_extension(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        match ext.as_str() {
            "ron" => Some(Format::Ron),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The format of a text by its content: JSON starts with `{`, anything else is read as RON.
    pub fn sniff(text: &str) -> Format {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('{') {
            Format::Json
        } else {
            Format::Ron
        }
    }
}

/// Writes `design` as RON: deterministic, human-readable CIDRs, a header comment.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, format};
/// let text = format::to_ron(&Design::default());
/// assert!(text.contains("version: 1"));
/// assert_eq!(format::load(&text, None).unwrap(), Design::default());
/// ```
pub fn to_ron(design: &Design) -> String {
    let config = ron::ser::PrettyConfig::new().indentor("  ").struct_names(false);
    let body = ron::ser::to_string_pretty(&SaveFile::from_design(design), config)
        // Serializing plain data to a String cannot fail; an error here is a bug, shown in the file.
        .unwrap_or_else(|e| format!("// serialization failed: {e}"));
    format!("// vnetsketch design (RON, format version {VERSION}); docs/format.md describes it\n{body}\n")
}

/// Writes `design` as JSON (pretty, deterministic).
pub fn to_json(design: &Design) -> String {
    let body = serde_json::to_string_pretty(&SaveFile::from_design(design)).unwrap_or_else(|e| format!("\"{e}\""));
    body + "\n"
}

/// Writes `design` in `format`.
pub fn to_string(design: &Design, format: Format) -> String {
    match format {
        Format::Ron => to_ron(design),
        Format::Json => to_json(design),
    }
}

/// Loads a design from `text` in `format` (sniffed from the content when `None`).
pub fn load(text: &str, format: Option<Format>) -> Result<Design, LoadError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = format.unwrap_or_else(|| Format::sniff(text));
    let file = match format {
        Format::Ron => parse_ron(text)?,
        Format::Json => parse_json(text)?,
    };
    file.into_design()
}

/// Loads a design from raw bytes: refuses oversize input before anything else and non-UTF-8 text with
/// the position of the first bad byte.
pub fn load_bytes(bytes: &[u8], format: Option<Format>) -> Result<Design, LoadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load(text, format),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            #[allow(clippy::naive_bytecount)] // once, on an error path
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let column = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(LoadError::NotText { line, column })
        }
    }
}

#[derive(Deserialize)]
struct VersionProbe {
    version: u32,
}

fn parse_ron(text: &str) -> Result<SaveFile, LoadError> {
    let options = ron::Options::default();
    match options.from_str::<SaveFile>(text) {
        Ok(file) => Ok(file),
        Err(e) => {
            if let Ok(probe) = options.from_str::<VersionProbe>(text)
                && probe.version != VERSION
            {
                return Err(LoadError::Version {
                    found: probe.version,
                    supported: VERSION,
                });
            }
            Err(LoadError::Syntax {
                at: Location {
                    line: e.span.start.line,
                    column: e.span.start.col,
                },
                message: ron_message(&e.code),
            })
        }
    }
}

fn ron_message(code: &ron::Error) -> String {
    let text = code.to_string();
    match code {
        ron::Error::ExceededRecursionLimit => format!("{text} (nesting deeper than 128 levels is refused)"),
        _ => text,
    }
}

fn parse_json(text: &str) -> Result<SaveFile, LoadError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, SaveFile>(de) {
        Ok(file) => Ok(file),
        Err(e) => {
            if let Ok(probe) = serde_json::from_str::<VersionProbe>(text)
                && probe.version != VERSION
            {
                return Err(LoadError::Version {
                    found: probe.version,
                    supported: VERSION,
                });
            }
            let path = e.path().to_string();
            let inner = e.into_inner();
            let message = if path == "." {
                inner.to_string()
            } else {
                format!("at {path}: {inner}")
            };
            // serde_json appends " at line L column C"; the location is reported separately.
            let message = message.split(" at line ").next().unwrap_or(&message).to_owned();
            Err(LoadError::Syntax {
                at: Location {
                    line: inner.line(),
                    column: inner.column(),
                },
                message,
            })
        }
    }
}

/// The JSON Schema of the design file, as written to `assets/schema/design.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(SaveFile);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests;
