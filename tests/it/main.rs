//! The integration tests, one binary (one link, one process): each module is what used to be a test
//! binary of its own. Tests run in parallel threads of this process, so none changes the process's
//! environment or current folder: each works in its own temp folder and hands any environment to the
//! child processes it starts.

mod cli;
mod common;
mod diagram_e2e;
mod docs;
mod examples;
mod exchange;
mod export_e2e;
mod fuzz_corpus;
mod hostile;
mod panic_e2e;
mod paths_cli;
mod reach_e2e;
mod recovery_e2e;
mod report_schemas;
mod resize_e2e;
mod safety;
mod sessions_e2e;
mod sketch_e2e;
mod sources;
mod tui_e2e;
