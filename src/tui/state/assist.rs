//! What the `:` line (and a file prompt) shows about what is being typed: the syntax of the
//! command, a "did you mean …" for an unknown word, and the candidates Tab goes through. The model
//! says what they are; update keeps them here; the ui draws them.

use std::ops::Range;

/// One candidate for the word at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The text that replaces the word.
    pub text: String,
    /// What it is, short (a SKU's era, a node's kind, a key's doc).
    pub note: String,
}

/// The help about the line being typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assist {
    /// The syntax of the command being typed.
    pub syntax: Option<String>,
    /// "WORD: did you mean …?": the nearest known word to an unknown one (the model's words).
    pub suggestion: Option<String>,
    /// The candidates for the word at the cursor, once Tab asked for them.
    pub candidates: Vec<Candidate>,
    /// The characters of the line (char indexes) the candidate replaces.
    pub range: Range<usize>,
    /// The candidate Tab put in the line, while Tab goes through them.
    pub at: Option<usize>,
    /// A folder listing asked of the shell for the path being completed (the folder, as typed).
    pub listing: Option<String>,
}

impl Assist {
    /// `true` while Tab is going through candidates (the list shows).
    pub fn cycling(&self) -> bool {
        self.at.is_some() && self.candidates.len() > 1
    }
}
