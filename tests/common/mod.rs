//! What the end-to-end tests share. Cargo builds `tests/common/` as a module of each test that says
//! `mod common;`, not as a test of its own.

pub mod tmux;
