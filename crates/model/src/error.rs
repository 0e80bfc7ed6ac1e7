//! Typed errors of the model: edits refused, command lines that do not parse, files that do not load.

use thiserror::Error;

use crate::design::{LinkKind, NodeKind};

/// Why an edit was refused. The design is unchanged when one is returned.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EditError {
    /// No node has that name; `suggestion` is the nearest name the design has, if one is near.
    #[error("no node named `{name}`{}", crate::suggest::hint(.suggestion.as_deref()))]
    UnknownNode { name: String, suggestion: Option<String> },
    /// The node is of another kind than the edit needs.
    #[error("`{name}` is a {found}, not a {expected}")]
    WrongKind {
        name: String,
        expected: NodeKind,
        found: NodeKind,
    },
    /// The name is taken.
    #[error("the name `{name}` is already used by another node; names are unique across VNets, sites and users")]
    DuplicateName { name: String },
    /// The name breaks `[A-Za-z0-9_.-]{1,80}`.
    #[error("`{name}` is not a valid name: use 1 to 80 letters, digits, `_`, `.` or `-`")]
    InvalidName { name: String },
    /// A value does not fit its key.
    #[error("{key}=`{value}`: {reason}")]
    BadValue { key: String, value: String, reason: String },
    /// The key is not one this kind of thing has; `suggestion` is the nearest key it has, if one is near.
    #[error("unknown key `{key}` for a {what}{}; keys are: {allowed}", crate::suggest::hint(.suggestion.as_deref()))]
    UnknownKey {
        key: String,
        what: String,
        allowed: String,
        suggestion: Option<String>,
    },
    /// A gateway key on a VNet without that gateway.
    #[error("{key}: `{vnet}` has no {kind} gateway; add one first with `gateway {vnet} {kind} SKU`")]
    NeedsGateway {
        vnet: String,
        key: String,
        kind: &'static str,
    },
    /// A circuit key on a site without a circuit.
    #[error("{key}: site `{site}` has no ExpressRoute circuit; set one first with `set {site} circuit=MBPS`")]
    NeedsCircuit { site: String, key: String },
    /// Removing a gateway that is not there.
    #[error("`{vnet}` has no {kind} gateway")]
    NoGateway { vnet: String, kind: &'static str },
    /// No subnet of that name.
    #[error("`{vnet}` has no subnet named `{name}`")]
    UnknownSubnet { vnet: String, name: String },
    /// A prefix with host bits set.
    #[error("`{prefix}` has host bits set; did you mean {network}?")]
    HostBits { prefix: String, network: String },
    /// The link cannot exist at all.
    #[error("link refused: {reason}")]
    LinkRefused { reason: String },
    /// No link matches.
    #[error("no {kind} link between `{a}` and `{b}`")]
    NoSuchLink { kind: LinkKind, a: String, b: String },
    /// No link has that id.
    #[error("no link with id {id}")]
    UnknownLink { id: u32 },
    /// `auto/N` found no free /N.
    #[error("no room for a /{len} in {space}: every /{len} there overlaps a prefix in use; {fix}")]
    NoRoom { len: u8, space: String, fix: String },
}

impl EditError {
    /// The refusal of a node name `design` does not have, suggesting the nearest name it has.
    pub fn unknown_node(design: &crate::design::Design, name: &str) -> EditError {
        EditError::UnknownNode {
            name: name.to_owned(),
            suggestion: crate::suggest::did_you_mean(name, design.nodes().keys().map(String::as_str))
                .map(str::to_owned),
        }
    }

    /// The word of the command line this error is about, for pointing at it.
    pub fn word(&self) -> Option<&str> {
        match self {
            EditError::UnknownNode { name, .. }
            | EditError::WrongKind { name, .. }
            | EditError::DuplicateName { name }
            | EditError::InvalidName { name } => Some(name),
            EditError::BadValue { value, key, .. } => Some(if value.is_empty() { key } else { value }),
            EditError::UnknownKey { key, .. }
            | EditError::NeedsGateway { key, .. }
            | EditError::NeedsCircuit { key, .. } => Some(key),
            EditError::NoGateway { vnet, .. } | EditError::UnknownSubnet { vnet, .. } => Some(vnet),
            EditError::HostBits { prefix, .. } => Some(prefix),
            EditError::NoSuchLink { a, .. } => Some(a),
            EditError::LinkRefused { .. } | EditError::UnknownLink { .. } | EditError::NoRoom { .. } => None,
        }
    }
}

/// A command line that does not parse.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("column {column}: `{word}`: {message}")]
pub struct ParseError {
    /// 1-based column of the offending word.
    pub column: usize,
    /// The offending word (empty at the end of the line).
    pub word: String,
    /// What was expected.
    pub message: String,
}

/// A script line that failed, to parse or to apply.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("line {line}: `{word}`: {message}")]
pub struct ScriptError {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column of the offending word, when known.
    pub column: Option<usize>,
    /// The offending word.
    pub word: String,
    /// What went wrong and how to fix it.
    pub message: String,
}

/// Where in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Why a design file did not load.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file is larger than the cap.
    #[error("the file is {size} bytes; designs are limited to {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    /// Not UTF-8.
    #[error("{line}:{column}: the file is not UTF-8 text")]
    NotText { line: usize, column: usize },
    /// Syntax or shape error at a position.
    #[error("{}:{}: {message}", at.line, at.column)]
    Syntax { at: Location, message: String },
    /// A format version this build does not read.
    #[error("format version {found} is not supported (this build reads version {supported}); upgrade vnetsketch")]
    Version { found: u32, supported: u32 },
    /// Content that parses but cannot form a design.
    #[error("{message}")]
    Content { message: String },
}

impl LoadError {
    /// Line and column, where the error has them.
    pub fn location(&self) -> Option<Location> {
        match self {
            LoadError::Syntax { at, .. } => Some(*at),
            LoadError::NotText { line, column } => Some(Location {
                line: *line,
                column: *column,
            }),
            _ => None,
        }
    }
}
