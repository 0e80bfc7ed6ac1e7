//! IP planning (PRODUCT.md, "Contract additions"): `auto/N` wherever a prefix is expected, and the
//! design's pool (`set design pool=PREFIX[,PREFIX...]`, default 10.0.0.0/8).
//!
//! `auto/N` for a VNet, a site or a user group takes the lowest /N of the pool that overlaps no
//! prefix in use: a VNet's space, a subnet, a site's prefixes, a P2S pool. For a subnet it takes the
//! lowest /N of its VNet's space that overlaps none of the VNet's other subnets. The design stores
//! the prefix chosen (files never hold `auto`); no room left is refused ([`EditError::NoRoom`]).
//! The search is [`lowest_free`] (`plan/free.rs`): one sort of the prefixes in use, then a walk over them.

use std::fmt;

use ipnet::IpNet;

use crate::design::{Design, Node, Vnet};
use crate::error::EditError;
use crate::props::parse_prefixes;
use crate::text::join_nets as join;

mod free;

pub use crate::design::DEFAULT_POOL;
pub use free::{from_start, lowest_free};

/// A prefix as a command gives it: a CIDR prefix, or `auto/N` (the lowest free /N).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrefixSpec {
    /// This prefix.
    Net(IpNet),
    /// The lowest free prefix of this length.
    Auto(u8),
}

impl From<IpNet> for PrefixSpec {
    fn from(net: IpNet) -> PrefixSpec {
        PrefixSpec::Net(net)
    }
}

impl fmt::Display for PrefixSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrefixSpec::Net(net) => write!(f, "{net}"),
            PrefixSpec::Auto(len) => write!(f, "auto/{len}"),
        }
    }
}

/// `true` when `text` (one prefix or a comma-separated list) asks for `auto/N` somewhere.
pub fn has_auto(text: &str) -> bool {
    text.split(',').any(|part| auto_len(part.trim()).is_some())
}

/// The length of `auto/N` (any case), if `part` is that.
fn auto_len(part: &str) -> Option<Result<u8, String>> {
    let (word, len) = part.split_once('/')?;
    if !word.eq_ignore_ascii_case("auto") {
        return None;
    }
    Some(
        len.parse::<u8>()
            .ok()
            .filter(|l| *l <= 128)
            .ok_or_else(|| format!("`{part}`: auto/N takes a prefix length N from 0 to 128")),
    )
}

/// Parses `10.0.0.0/16,auto/24`: prefixes (no host bits) and `auto/N` requests.
///
/// # Examples
/// ```
/// use vnetsketch_model::plan::{PrefixSpec, parse_prefix_specs};
/// let specs = parse_prefix_specs("10.0.0.0/16,AUTO/24").unwrap();
/// assert_eq!(specs, [PrefixSpec::Net("10.0.0.0/16".parse().unwrap()), PrefixSpec::Auto(24)]);
/// assert!(parse_prefix_specs("auto/129").is_err());
/// ```
pub fn parse_prefix_specs(text: &str) -> Result<Vec<PrefixSpec>, String> {
    text.split(',')
        .map(|part| match auto_len(part.trim()) {
            Some(len) => len.map(PrefixSpec::Auto),
            None => parse_prefixes(part)?
                .into_iter()
                .next()
                .map(PrefixSpec::Net)
                .ok_or_else(|| format!("`{part}` is not a CIDR prefix")),
        })
        .collect()
}

impl Design {
    /// The pool `auto/N` takes VNet, site and P2S space from ([`DEFAULT_POOL`] unless set).
    pub fn pool(&self) -> &[IpNet] {
        if self.pool_set().is_empty() {
            &DEFAULT_POOL
        } else {
            self.pool_set()
        }
    }

    /// Every prefix in use: VNet spaces, subnets, site prefixes and P2S pools, leaving out the node
    /// called `except` (a node whose own prefixes are being planned again).
    pub fn prefixes_in_use(&self, except: Option<&str>) -> Vec<IpNet> {
        let mut out = Vec::new();
        for node in self.nodes().values().filter(|n| Some(n.name()) != except) {
            out.extend_from_slice(node.prefixes());
            if let Node::Vnet(v) = node {
                out.extend(v.subnets.iter().map(|s| s.prefix));
            }
        }
        out
    }

    /// The lowest /`len` of the pool that no prefix in use overlaps: what `auto/len` takes for a VNet.
    pub fn next_free(&self, len: u8) -> Option<IpNet> {
        free::lowest_free(self.pool(), &self.prefixes_in_use(None), len)
    }

    /// The prefixes `specs` name for the node called `node` (a new one, or one planned again): each
    /// `auto/N` the lowest /N of the pool clear of every prefix in use (the node's own left out) and
    /// of the prefixes before it in `specs`.
    pub fn plan_prefixes(&self, node: &str, specs: &[PrefixSpec]) -> Result<Vec<IpNet>, EditError> {
        if !specs.iter().any(|s| matches!(s, PrefixSpec::Auto(_))) {
            return Ok(concrete(specs));
        }
        let mut taken = self.prefixes_in_use(Some(node));
        taken.extend(concrete(specs));
        let mut out = Vec::with_capacity(specs.len());
        for spec in specs {
            out.push(match *spec {
                PrefixSpec::Net(net) => net,
                PrefixSpec::Auto(len) => {
                    let net = free::lowest_free(self.pool(), &taken, len).ok_or_else(|| EditError::NoRoom {
                        len,
                        space: format!("the pool {}", join(self.pool())),
                        fix: "widen it with `set design pool=PREFIX[,PREFIX...]`".to_owned(),
                    })?;
                    taken.push(net);
                    net
                }
            });
        }
        Ok(out)
    }
}

/// The prefix `spec` names for subnet `name` of `vnet`: `auto/N` is the lowest /N of the VNet's space
/// clear of its other subnets (a subnet of the same name is being replaced, so it does not count).
pub fn plan_subnet(vnet: &Vnet, name: &str, spec: PrefixSpec) -> Result<IpNet, EditError> {
    match spec {
        PrefixSpec::Net(net) => Ok(net),
        PrefixSpec::Auto(len) => {
            let taken: Vec<IpNet> = vnet
                .subnets
                .iter()
                .filter(|s| s.name != name)
                .map(|s| s.prefix)
                .collect();
            free::lowest_free(&vnet.prefixes, &taken, len).ok_or_else(|| EditError::NoRoom {
                len,
                space: format!("{}'s address space {}", vnet.name, join(&vnet.prefixes)),
                fix: format!(
                    "add space with `set {} prefixes=...`, or ask for a longer prefix",
                    vnet.name
                ),
            })
        }
    }
}

/// Resolves the `auto/N` parts of a `key=PREFIXES` value of the node `node` to the prefixes chosen,
/// as text the property's writer reads (`10.0.0.0/16,10.4.0.0/16`).
pub(crate) fn plan_value(design: &Design, node: &str, key: &str, text: &str) -> Result<String, EditError> {
    let specs = parse_prefix_specs(text).map_err(|reason| crate::props::bad_value(key, text, reason))?;
    Ok(join(&design.plan_prefixes(node, &specs)?))
}

fn concrete(specs: &[PrefixSpec]) -> Vec<IpNet> {
    specs
        .iter()
        .filter_map(|s| match s {
            PrefixSpec::Net(net) => Some(*net),
            PrefixSpec::Auto(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
