//! What the bottom line says: the last status message, and the `:` lines entered so far.

/// Severity of a status message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Done as asked.
    Info,
    /// Refused or failed.
    Error,
}

/// The status message and the command line's history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Messages {
    /// The status message.
    pub status: Option<(Level, String)>,
    /// Command lines entered, oldest first.
    pub command_history: Vec<String>,
}
