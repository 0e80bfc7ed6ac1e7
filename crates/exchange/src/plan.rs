//! The mapping of a design onto Azure resources that Terraform, ARM and Bicep share: which resources a
//! design needs and what they are called, the tags that carry what Azure has no property for (read
//! back by the import), and identifier sanitizing for the text formats.
//!
//! Resource names (every infrastructure format uses the same ones):
//! - VNet `NAME`, subnet `NAME/SUBNET`; VPN gateway `NAME-vpngw` with public IPs `NAME-vpngw-pip1`
//!   (and `-pip2` when active-active); ExpressRoute gateway `NAME-ergw` (no public IP);
//! - a site's local network gateway is named as the site; its circuit `SITE-circuit`;
//! - connections `A-to-B` (S2S, one per direction for V2V) and `A-to-B-er` (ExpressRoute); peerings
//!   `A-to-B` under A and `B-to-A` under B.

use std::collections::{BTreeMap, HashSet};

use vnetsketch_model::{Design, Link, LinkId, LinkKind, NodeKind};

use crate::{ExportError, Format};

/// Tag on a local network gateway or circuit: the site's uplink in Mbps.
pub const TAG_UPLINK: &str = "vnetsketch-uplink-mbps";
/// Tag on a local network gateway or circuit: the site's VPN device sits behind NAT.
pub const TAG_BEHIND_NAT: &str = "vnetsketch-behind-nat";
/// Tag on a local network gateway or circuit: prefixes the site advertises over BGP.
pub const TAG_ADVERTISED: &str = "vnetsketch-advertised-prefixes";
/// Tag on a circuit: the site it belongs to.
pub const TAG_SITE: &str = "vnetsketch-site";
/// Tag on a circuit of a site that has no local network gateway: the site's prefixes.
pub const TAG_PREFIXES: &str = "vnetsketch-site-prefixes";
/// Tag on a circuit of a site that has no local network gateway: the site's BGP ASN.
pub const TAG_ASN: &str = "vnetsketch-site-asn";
/// Tag on a circuit of a site that has no local network gateway: the site's BGP peer address.
pub const TAG_BGP_IP: &str = "vnetsketch-site-bgp-ip";
/// Tag on a VNet: a classic (Service Manager) VNet in the design.
pub const TAG_CLASSIC: &str = "vnetsketch-classic";
/// Tag prefix on a VNet: planned hosts per subnet, `SUBNET=N,...` (split over `-2`, `-3`… past 256 characters).
pub const TAG_HOSTS: &str = "vnetsketch-subnet-hosts";
/// Tag on a VPN gateway: its NAT rule count.
pub const TAG_NAT_RULES: &str = "vnetsketch-nat-rules";
/// Tag prefix on a VPN gateway: one Point-to-Site user group, `POOL clients=N protocol=P [radius] [source-ip=IP] [nat]`.
pub const TAG_USERS: &str = "vnetsketch-users-";
/// Tag on a connection: the design link it realizes, as the command language writes it.
pub const TAG_LINK: &str = "vnetsketch-link";
/// Tag on a connection: NAT rules apply to it.
pub const TAG_NAT: &str = "vnetsketch-nat";
/// The longest tag value Azure accepts.
pub const TAG_VALUE_MAX: usize = 256;

/// Every link of the design with its id, in id order. The only place this crate walks all links.
pub fn links(design: &Design) -> impl Iterator<Item = (LinkId, &Link)> {
    design.links().iter().map(|(id, l)| (*id, l))
}

/// The links, after checking that each joins a VNet to a node of the kind its kind needs
/// (infrastructure code cannot name a missing node).
pub(crate) fn checked_links(design: &Design, format: Format) -> Result<Vec<&Link>, ExportError> {
    links(design)
        .map(|(_, l)| {
            let broken = |reason: String| ExportError::BrokenLink {
                format,
                link: l.describe(),
                reason,
            };
            match design.node(&l.a) {
                None => return Err(broken(format!("names {}, which the design lacks", l.a))),
                Some(n) if n.kind() != NodeKind::Vnet => {
                    return Err(broken(format!("starts at {}, a {}, not a VNet", l.a, n.kind())));
                }
                Some(_) => {}
            }
            match design.node(&l.b) {
                None => Err(broken(format!("names {}, which the design lacks", l.b))),
                Some(n) if n.kind() != l.kind.b_kind() => Err(broken(format!(
                    "ends at {}, a {}, not a {}",
                    l.b,
                    n.kind(),
                    l.kind.b_kind()
                ))),
                Some(_) => Ok(l),
            }
        })
        .collect()
}

/// The VPN gateway of VNet `vnet`.
pub fn vpn_gateway(vnet: &str) -> String {
    format!("{vnet}-vpngw")
}

/// The ExpressRoute gateway of VNet `vnet`.
pub fn er_gateway(vnet: &str) -> String {
    format!("{vnet}-ergw")
}

/// The public IPs of VNet `vnet`'s VPN gateway (two when active-active).
pub fn vpn_public_ips(vnet: &str, active_active: bool) -> Vec<String> {
    let n = if active_active { 2 } else { 1 };
    (1..=n).map(|i| format!("{vnet}-vpngw-pip{i}")).collect()
}

/// The ExpressRoute circuit of site `site`.
pub fn circuit(site: &str) -> String {
    format!("{site}-circuit")
}

/// The sites that get a local network gateway: those that end a Site-to-Site link, have a VPN device
/// address, or have no circuit (then the gateway is what carries their prefixes).
pub fn lng_sites(design: &Design) -> HashSet<&str> {
    let mut out: HashSet<&str> = design
        .sites()
        .filter(|s| s.ip.is_some() || s.circuit.is_none())
        .map(|s| s.name.as_str())
        .collect();
    for (_, l) in links(design) {
        if l.kind == LinkKind::S2s && design.site(&l.b).is_some() {
            out.insert(l.b.as_str());
        }
    }
    out
}

/// One side of a peering: the VNet it is created on, the remote VNet, whether that is the link's `a`
/// end, and the peering's name (`LOCAL-to-REMOTE`).
pub(crate) struct PeeringSide<'l> {
    pub local: &'l str,
    pub remote: &'l str,
    pub a_side: bool,
    pub name: String,
}

/// The `a` side of peering `link` (`reverse` false) or its `b` side.
pub(crate) fn peering_side(link: &Link, reverse: bool) -> PeeringSide<'_> {
    let (local, remote) = if reverse {
        (&link.b, &link.a)
    } else {
        (&link.a, &link.b)
    };
    PeeringSide {
        local,
        remote,
        a_side: !reverse,
        name: format!("{local}-to-{remote}"),
    }
}

/// The custom IPsec/IKE policy written for a link with `custom-ipsec`: AES256 and SHA256 with DH
/// group 14 and PFS2048, accepted by Azure and by common VPN devices. (ARM spelling; the Terraform
/// arguments carry the same values.)
pub(crate) const IPSEC_POLICY: [(&str, &str); 6] = [
    ("ipsecEncryption", "AES256"),
    ("ipsecIntegrity", "SHA256"),
    ("ikeEncryption", "AES256"),
    ("ikeIntegrity", "SHA256"),
    ("dhGroup", "DHGroup14"),
    ("pfsGroup", "PFS2048"),
];
/// The policy's security association lifetime (seconds) and data size (kilobytes).
pub(crate) const IPSEC_SA: (i64, i64) = (27_000, 102_400_000);

/// Gives out unique names: the wanted one, else with `-2`, `-3`… appended.
#[derive(Default)]
pub(crate) struct Unique {
    taken: HashSet<String>,
}

impl Unique {
    /// `wanted`, or the first free `wanted-N`.
    pub(crate) fn get(&mut self, wanted: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }
        let mut i = 2;
        loop {
            let name = format!("{wanted}-{i}");
            if self.taken.insert(name.clone()) {
                return name;
            }
            i += 1;
        }
    }
}

/// The connection names of every gateway link (S2S, V2V both ways, ER), unique, keyed by link id and
/// direction (`false` = from `a`).
pub(crate) fn connection_names(design: &Design) -> BTreeMap<(LinkId, bool), String> {
    let mut unique = Unique::default();
    let mut out = BTreeMap::new();
    for (id, l) in links(design) {
        match l.kind {
            LinkKind::S2s => {
                out.insert((id, false), unique.get(&format!("{}-to-{}", l.a, l.b)));
            }
            LinkKind::Er => {
                out.insert((id, false), unique.get(&format!("{}-to-{}-er", l.a, l.b)));
            }
            LinkKind::V2v => {
                out.insert((id, false), unique.get(&format!("{}-to-{}", l.a, l.b)));
                out.insert((id, true), unique.get(&format!("{}-to-{}", l.b, l.a)));
            }
            LinkKind::P2s | LinkKind::Peering => {}
        }
    }
    out
}

/// An identifier made of `[A-Za-z0-9_]` from `name` (other characters become `_`), never empty and
/// never starting with a digit (prefixed with `prefix` then).
pub fn identifier(name: &str, prefix: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert_str(0, prefix);
    }
    s
}

/// Splits `items` into tag values of at most [`TAG_VALUE_MAX`] characters, joined by `,`, under
/// `key`, `key-2`, `key-3`…
pub(crate) fn chunked_tags(key: &str, items: &[String]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current = String::new();
    for item in items {
        if !current.is_empty() && current.len() + 1 + item.len() > TAG_VALUE_MAX {
            out.push((String::new(), std::mem::take(&mut current)));
        }
        if !current.is_empty() {
            current.push(',');
        }
        current.push_str(item);
    }
    if !current.is_empty() {
        out.push((String::new(), current));
    }
    for (i, (k, _)) in out.iter_mut().enumerate() {
        *k = if i == 0 {
            key.to_owned()
        } else {
            format!("{key}-{}", i + 1)
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_appends_a_counter_on_collision() {
        let mut u = Unique::default();
        assert_eq!(u.get("a-to-b"), "a-to-b");
        assert_eq!(u.get("a-to-b"), "a-to-b-2");
        assert_eq!(u.get("a-to-b"), "a-to-b-3");
    }

    #[test]
    fn identifiers_are_safe() {
        assert_eq!(identifier("spoke-app.1", "n"), "spoke_app_1");
        assert_eq!(identifier("10net", "n"), "n10net");
        assert_eq!(identifier("", "n"), "n");
    }

    #[test]
    fn long_tag_lists_split_under_the_azure_limit() {
        let items: Vec<String> = (0..100).map(|i| format!("subnet{i:03}=100")).collect();
        let tags = chunked_tags("k", &items);
        assert!(tags.len() > 1);
        assert!(tags.iter().all(|(_, v)| v.len() <= TAG_VALUE_MAX));
        assert_eq!(tags[1].0, "k-2");
        let rejoined: Vec<&str> = tags.iter().flat_map(|(_, v)| v.split(',')).collect();
        assert_eq!(rejoined.len(), 100);
    }
}
