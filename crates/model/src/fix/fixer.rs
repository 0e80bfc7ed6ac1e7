//! [`Fixer`]: what the fixes of one design read (its used address space and ASN plan, each built on
//! first use), and the lines that move address space: a node renumbered into free private space, a
//! subnet placed in free space of its VNet, a prefix replaced.

use std::fmt::Write as _;
use std::net::IpAddr;
use std::sync::OnceLock;

use ipnet::IpNet;

use super::asn::Asns;
use super::links::NodeLinks;
use super::space::{self, Space, free_block};
use crate::catalog::Catalog;
use crate::design::{Design, Link, Node, Vnet};

/// The gateway subnet's name.
pub(crate) const GATEWAY_SUBNET: &str = "GatewaySubnet";

/// What the fixes of one design read, each part built on first use.
pub(crate) struct Fixer<'d> {
    /// The design.
    pub design: &'d Design,
    /// Its era's catalog.
    pub catalog: &'static Catalog,
    space: OnceLock<Space>,
    asns: OnceLock<Asns<'d>>,
    /// Links by node, in id order.
    by_node: OnceLock<NodeLinks<'d>>,
}

/// ` hosts=N` for a subnet with planned hosts (a replaced subnet keeps them only if the line says so).
fn hosts(s: &crate::design::Subnet) -> String {
    if s.hosts > 0 {
        format!(" hosts={}", s.hosts)
    } else {
        String::new()
    }
}

impl<'d> Fixer<'d> {
    /// The fixer of `design`.
    pub fn new(design: &'d Design) -> Fixer<'d> {
        Fixer {
            design,
            catalog: Catalog::get(design.era),
            space: OnceLock::new(),
            asns: OnceLock::new(),
            by_node: OnceLock::new(),
        }
    }

    fn space(&self) -> &Space {
        self.space.get_or_init(|| Space::of(self.design))
    }

    /// The links that touch `name`, in id order (an index built on first use: a fix reads a node's
    /// links, and a large design has thousands of findings).
    pub fn links_of(&self, name: &str) -> impl Iterator<Item = &'d Link> + '_ {
        self.by_node
            .get_or_init(|| NodeLinks::of(self.design))
            .of_name(name)
            .iter()
            .copied()
    }

    /// Gives [`Fixer::links_of`] its index from `build` unless it has one already: a caller that
    /// has resolved every link's ends (the validation index) builds it without hashing each end
    /// again.
    pub fn seed_links(&self, build: impl FnOnce() -> NodeLinks<'d>) {
        self.by_node.get_or_init(build);
    }

    /// The ASN plan.
    pub fn asns(&self) -> &Asns<'d> {
        self.asns.get_or_init(|| Asns::of(self.design))
    }

    /// The lines that move `node` to free private space: its prefixes replaced by free blocks of the
    /// same lengths, its subnets (a VNet) or its BGP address (a site) moved along; `None` for an IPv6
    /// prefix or when there is no room.
    pub fn renumber(&self, node: &Node) -> Option<Vec<String>> {
        let moves = space::moved(self.space(), node.prefixes())?;
        let list = moves.iter().map(|(_, n)| n.to_string()).collect::<Vec<_>>().join(",");
        let name = node.name();
        Some(match node {
            Node::Vnet(v) => {
                let mut lines = vec![format!("set {name} prefixes={list}")];
                for s in &v.subnets {
                    if let Some(p) = space::follow_subnet(s, &moves) {
                        lines.push(format!("subnet {name} {} {p}{}", s.name, hosts(s)));
                    }
                }
                lines
            }
            Node::Site(s) => {
                let mut line = format!("set {name} prefixes={list}");
                if let Some(IpAddr::V4(ip)) = s.bgp_ip
                    && let Some(moved) = space::follow(ip, &moves)
                {
                    let _ = write!(line, " bgp-ip={moved}");
                }
                vec![line]
            }
            Node::Users(_) => vec![format!("set {name} pool={list}")],
        })
    }

    /// `subnet VNET NAME PREFIX [hosts=N]` (the subnet's planned hosts kept, except a gateway subnet's)
    /// for a block of length `len` placed in free space of the VNet (the subnet's own place counts
    /// as free); failing that, the lines that add a free block of private space to the VNet and put
    /// the subnet there.
    pub fn place_subnet(&self, v: &Vnet, name: &str, len: u8) -> Option<Vec<String>> {
        let hosts = v
            .subnets
            .iter()
            .find(|s| s.name == name && s.name != GATEWAY_SUBNET)
            .map_or_else(String::new, hosts);
        if let Some(block) = free_block(v, len, Some(name)) {
            return Some(vec![format!("subnet {} {name} {block}{hosts}", v.name)]);
        }
        let block = self.space().lowest_free(len, &[])?;
        let mut all: Vec<String> = v.prefixes.iter().map(ToString::to_string).collect();
        all.push(block.to_string());
        Some(vec![
            format!("set {} prefixes={}", v.name, all.join(",")),
            format!("subnet {} {name} {block}{hosts}", v.name),
        ])
    }

    /// The lines that replace `v`'s prefix `old` by a free block of private space of the same length,
    /// moving the subnets inside it along; `None` for IPv6 or when there is no room.
    pub fn replace_prefix(&self, v: &Vnet, old: &IpNet) -> Option<Vec<String>> {
        let moves = space::moved(self.space(), std::slice::from_ref(old))?;
        let new = moves[0].1;
        let list: Vec<String> = v
            .prefixes
            .iter()
            .map(|p| {
                if p == old {
                    new.to_string()
                } else {
                    p.trunc().to_string()
                }
            })
            .collect();
        let mut lines = vec![format!("set {} prefixes={}", v.name, list.join(","))];
        for s in &v.subnets {
            if let Some(p) = space::follow_subnet(s, &moves) {
                lines.push(format!("subnet {} {} {p}{}", v.name, s.name, hosts(s)));
            }
        }
        Some(lines)
    }

    /// A free block of private space of length `len`.
    pub fn free_space(&self, len: u8) -> Option<ipnet::Ipv4Net> {
        self.space().lowest_free(len, &[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::design;

    #[test]
    fn renumbering_a_vnet_moves_its_subnets_along() {
        let d =
            design("vnet a 10.0.0.0/16\nsubnet a app 10.0.1.0/24 hosts=20\nvnet b 10.0.0.0/8\nsite s 172.16.0.0/24\n");
        let fixer = Fixer::new(&d);
        let lines = fixer.renumber(d.node("a").expect("a")).expect("room");
        assert_eq!(
            lines,
            ["set a prefixes=172.17.0.0/16", "subnet a app 172.17.1.0/24 hosts=20"].map(str::to_owned)
        );
    }
}
