//! What the two graph formats (Mermaid and DOT) share: nodes grouped by Azure region, with
//! on-premises sites and user groups in groups of their own; node and edge labels; a style per link
//! kind; the estimate of each link by id.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::{Design, Link, LinkId, LinkKind, Node};

use crate::plan;

/// A group of nodes drawn together.
pub(crate) struct Group<'d> {
    /// A stable key (`region-westeurope`, `azure`, `on-premises`, `users`).
    pub key: String,
    /// What the group is called in the picture.
    pub label: String,
    /// Its nodes, by name.
    pub nodes: Vec<&'d Node>,
}

/// The groups of `design`: one per region (VNets without a region in "Azure"), then on-premises
/// sites, then user groups. Empty groups are left out.
pub(crate) fn groups(design: &Design) -> Vec<Group<'_>> {
    let mut regions: BTreeMap<Option<&str>, Vec<&Node>> = BTreeMap::new();
    let mut sites = Vec::new();
    let mut users = Vec::new();
    for v in design.vnets() {
        if let Some(node) = design.node(&v.name) {
            regions.entry(v.region.as_deref()).or_default().push(node);
        }
    }
    for s in design.sites() {
        sites.extend(design.node(&s.name));
    }
    for u in design.user_groups() {
        users.extend(design.node(&u.name));
    }
    let mut out: Vec<Group<'_>> = regions
        .into_iter()
        .map(|(region, nodes)| match region {
            Some(r) => Group {
                key: format!("region-{r}"),
                label: r.to_owned(),
                nodes,
            },
            None => Group {
                key: "azure".into(),
                label: "Azure (no region)".into(),
                nodes,
            },
        })
        .collect();
    if !sites.is_empty() {
        out.push(Group {
            key: "on-premises".into(),
            label: "On-premises".into(),
            nodes: sites,
        });
    }
    if !users.is_empty() {
        out.push(Group {
            key: "users".into(),
            label: "Remote users".into(),
            nodes: users,
        });
    }
    out
}

/// The lines of a node's label: its name, then what matters about it.
pub(crate) fn node_lines(node: &Node) -> Vec<String> {
    let join = |p: &[ipnet::IpNet]| p.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let mut lines = vec![node.name().to_owned()];
    match node {
        Node::Vnet(v) => {
            lines.push(join(&v.prefixes));
            if let Some(g) = &v.vpn {
                lines.push(format!(
                    "VPN {}{}",
                    g.sku,
                    if g.active_active { " active-active" } else { "" }
                ));
            }
            if let Some(g) = &v.er {
                lines.push(format!("ER {}", g.sku));
            }
        }
        Node::Site(s) => {
            lines.push(join(&s.prefixes));
            if let Some(c) = &s.circuit {
                lines.push(format!("circuit {} Mbps", c.mbps));
            }
        }
        Node::Users(u) => {
            lines.push(u.pool.to_string());
            lines.push(format!("{} clients, {}", u.clients, u.protocol));
        }
    }
    lines
}

/// The short label of a link kind.
pub(crate) fn kind_label(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::S2s => "S2S",
        LinkKind::P2s => "P2S",
        LinkKind::V2v => "V2V",
        LinkKind::Peering => "peering",
        LinkKind::Er => "ExpressRoute",
    }
}

/// The colour of a link kind (the same in both formats).
pub(crate) fn kind_colour(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::S2s => "#1f77b4",
        LinkKind::P2s => "#9467bd",
        LinkKind::V2v => "#2ca02c",
        LinkKind::Peering => "#555555",
        LinkKind::Er => "#d62728",
    }
}

/// Every link with its label (`S2S 250 Mbps`, `peering, transit`).
pub(crate) fn labelled_links<'d>(design: &'d Design, estimate: &Estimate) -> Vec<(&'d Link, String)> {
    let mbps: HashMap<LinkId, Option<f64>> = estimate.links.iter().map(|l| (l.id, l.mbps)).collect();
    plan::links(design)
        .map(|(id, l)| {
            let mut label = kind_label(l.kind).to_owned();
            if let Some(Some(m)) = mbps.get(&id) {
                let _ = write!(label, " {} Mbps", format_mbps(*m));
            }
            if l.kind == LinkKind::Peering && (l.a_allow_transit || l.b_allow_transit) {
                label.push_str(", transit");
            }
            (l, label)
        })
        .collect()
}

/// Mbps with at most one decimal, none when whole.
pub(crate) fn format_mbps(m: f64) -> String {
    let r = (m * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}
