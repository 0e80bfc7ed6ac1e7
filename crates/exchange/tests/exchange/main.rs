//! The exchange crate's integration tests: every export of every shipped example (and of generated
//! designs) checked by real tools where this machine has them (Graphviz `dot`, the `hcl-rs` HCL parser
//! with the azurerm provider's documented argument names, a JSON parser, the tree-sitter Bicep
//! grammar), and the import of Azure's own REST API examples and of our ARM exports.

mod arm;
mod bicep;
mod drawio;

mod graphs;
mod import;
mod markdown;
mod pictures;

mod support;
mod terraform;
