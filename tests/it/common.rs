//! What the end-to-end tests share: the tmux harness.

pub mod tmux;
