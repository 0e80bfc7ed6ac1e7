//! Fixes as commands: the command lines (PRODUCT.md's command language) that resolve a finding or
//! open a blocked path, with the values they need computed from the design: a free prefix, a
//! gateway subnet, an ASN that no BGP neighbour has, the SKU a feature needs. Validation's rules and
//! the paths' blockers both write their fixes here, so the same problem gets the same lines.
//!
//! A [`Fixer`] reads one design and builds what it needs on first use (the used address space, the
//! ASN plan). Names need no quoting (`[A-Za-z0-9_.-]+`), and neither do the values written here.

mod asn;
mod fixer;
mod gateway;
mod lines;
mod links;
mod space;

pub(crate) use asn::AZURE_ASN;
pub(crate) use fixer::Fixer;
pub(crate) use lines::{clear_side, custom_ipsec_off, link_line};
pub(crate) use links::NodeLinks;
pub(crate) use space::free_block;
