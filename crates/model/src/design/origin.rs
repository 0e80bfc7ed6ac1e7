//! Where a design came from: drawn in the tool (no origin), or imported from Azure's JSON, which
//! describes an estate that exists. Validation reads it: what can no longer be created is a
//! migration warning on an estate that exists, an error on a drawing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a design was made, when not drawn in the tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum OriginKind {
    /// Imported from Azure's JSON (`vnetsketch import`): the estate exists.
    Imported,
}

/// Where a design came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// How it was made.
    pub kind: OriginKind,
    /// The files it was made from, as they were named to the import.
    pub sources: Vec<String>,
    /// The day it was made, `YYYY-MM-DD` (UTC), when the caller knows it (the model has no clock).
    pub date: Option<String>,
}

impl Origin {
    /// An import from the files `sources`, on no day given yet.
    pub fn imported(sources: Vec<String>) -> Origin {
        Origin {
            kind: OriginKind::Imported,
            sources,
            date: None,
        }
    }
}

/// `true` when `date` is written `YYYY-MM-DD` (digits and two dashes; the month and day in range).
pub fn is_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
        return false;
    }
    let (month, day) = (&date[5..7], &date[8..10]);
    matches!(month.parse::<u8>(), Ok(1..=12)) && matches!(day.parse::<u8>(), Ok(1..=31))
}
