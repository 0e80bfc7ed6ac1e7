//! What the integration tests share: the CLI's binary and examples, and the tmux harness.

pub mod cli;
pub mod tmux;
