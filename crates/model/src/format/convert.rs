//! Between the domain and the file: [`SaveFile::from_design`] writes nodes by name and links in
//! order; [`SaveFile::into_design`] checks the version, the limits, the names (valid, unique across
//! kinds) and the per-side peering flags (forwarded traffic on both sides is written as the one
//! `forwarded_traffic` flag it always was, so files that do not use one side alone keep their bytes), and keeps a link that names a missing node for validation
//! to report.

use std::collections::BTreeMap;

use super::file::{
    CircuitFile, ErGatewayFile, LinkFile, OriginFile, SaveFile, SiteFile, SubnetFile, UsersFile, VnetFile,
    VpnGatewayFile,
};
use super::{MAX_LINKS, MAX_NODES, MAX_PREFIXES, MAX_SUBNETS, VERSION};
use crate::design::{Circuit, Design, ErGateway, Link, Node, Origin, Pos, Site, Subnet, Users, Vnet, VpnGateway};
use crate::error::LoadError;

fn pos(x: i32, y: i32) -> Pos {
    Pos { x, y }
}

impl SaveFile {
    /// The file form of `design`.
    pub fn from_design(design: &Design) -> SaveFile {
        let mut file = SaveFile {
            version: VERSION,
            catalog: design.era,
            pool: design.pool_set().to_vec(),
            origin: design.origin.as_ref().map(|o| OriginFile {
                kind: o.kind,
                sources: o.sources.clone(),
                date: o.date.clone(),
            }),
            vnets: Vec::new(),
            sites: Vec::new(),
            users: Vec::new(),
            links: Vec::new(),
        };
        for node in design.nodes().values() {
            match node {
                Node::Vnet(v) => file.vnets.push(VnetFile {
                    name: v.name.clone(),
                    address_space: v.prefixes.clone(),
                    region: v.region.clone(),
                    classic: v.classic,
                    subnets: v
                        .subnets
                        .iter()
                        .map(|s| SubnetFile {
                            name: s.name.clone(),
                            prefix: s.prefix,
                            hosts: s.hosts,
                        })
                        .collect(),
                    vpn_gateway: v.vpn.as_ref().map(|g| VpnGatewayFile {
                        sku: g.sku,
                        vpn_type: g.vpn_type,
                        active_active: g.active_active,
                        asn: g.asn,
                        generation: g.generation,
                        nat_rules: g.nat_rules,
                        apipa: g.apipa,
                    }),
                    er_gateway: v.er.as_ref().map(|g| ErGatewayFile {
                        sku: g.sku,
                        fastpath: g.fastpath,
                        units: g.units,
                    }),
                    x: v.pos.x,
                    y: v.pos.y,
                    pinned: v.pinned,
                }),
                Node::Site(s) => file.sites.push(SiteFile {
                    name: s.name.clone(),
                    prefixes: s.prefixes.clone(),
                    ip: s.ip,
                    behind_nat: s.behind_nat,
                    asn: s.asn,
                    bgp_ip: s.bgp_ip,
                    advertised: s.advertised,
                    uplink_mbps: s.uplink_mbps,
                    circuit: s.circuit.as_ref().map(|c| CircuitFile {
                        mbps: c.mbps,
                        location: c.location.clone(),
                        premium: c.premium,
                        direct: c.direct,
                    }),
                    x: s.pos.x,
                    y: s.pos.y,
                    pinned: s.pinned,
                }),
                Node::Users(u) => file.users.push(UsersFile {
                    name: u.name.clone(),
                    pool: u.pool,
                    clients: u.clients,
                    protocol: u.protocol,
                    radius: u.radius,
                    source_ip: u.source_ip,
                    x: u.pos.x,
                    y: u.pos.y,
                    pinned: u.pinned,
                }),
            }
        }
        for l in design.links().values() {
            let sides = |fa: bool, fb: bool| {
                let mut v = Vec::new();
                if fa {
                    v.push(l.a.clone());
                }
                if fb {
                    v.push(l.b.clone());
                }
                v
            };
            file.links.push(LinkFile {
                kind: l.kind,
                a: l.a.clone(),
                b: l.b.clone(),
                bgp: l.bgp,
                custom_ipsec: l.custom_ipsec,
                nat: l.nat,
                policy_based_selectors: l.policy_selectors,
                allow_gateway_transit: sides(l.a_allow_transit, l.b_allow_transit),
                use_remote_gateways: sides(l.a_use_remote, l.b_use_remote),
                forwarded_traffic: l.a_allow_forwarded && l.b_allow_forwarded,
                allow_forwarded_traffic: if l.a_allow_forwarded == l.b_allow_forwarded {
                    Vec::new()
                } else {
                    sides(l.a_allow_forwarded, l.b_allow_forwarded)
                },
                one_sided: l.one_sided,
            });
        }
        file
    }

    /// The design this file describes, or why it cannot form one.
    pub fn into_design(self) -> Result<Design, LoadError> {
        if self.version != VERSION {
            return Err(LoadError::Version {
                found: self.version,
                supported: VERSION,
            });
        }
        let total = self.vnets.len() + self.sites.len() + self.users.len();
        if total > MAX_NODES {
            return Err(content(format!(
                "the file has {total} nodes; a design holds at most {MAX_NODES}"
            )));
        }
        if self.links.len() > MAX_LINKS {
            return Err(content(format!(
                "the file has {} links; a design holds at most {MAX_LINKS}",
                self.links.len()
            )));
        }
        let mut design = Design::new(self.catalog);
        check_list("the design", "pool", self.pool.len(), MAX_PREFIXES)?;
        design.set_pool(self.pool);
        if let Some(o) = self.origin {
            check_list("the origin", "sources", o.sources.len(), MAX_ORIGIN_SOURCES)?;
            if let Some(date) = o.date.as_deref().filter(|d| !crate::design::origin_date_ok(d)) {
                return Err(content(format!(
                    "the origin: date `{date}` is not a day written YYYY-MM-DD"
                )));
            }
            design.origin = Some(Origin {
                kind: o.kind,
                sources: o.sources,
                date: o.date,
            });
        }
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut add = |design: &mut Design, node: Node, place: String| -> Result<(), LoadError> {
            let name = node.name().to_owned();
            crate::edit::check_name(&name).map_err(|e| content(format!("{place}: {e}")))?;
            if let Some(first) = seen.insert(name.clone(), place.clone()) {
                return Err(content(format!(
                    "{place}: the name `{name}` is already used by {first}; names must be unique across vnets, sites and users"
                )));
            }
            design.insert_node_unchecked(node);
            Ok(())
        };
        for (i, v) in self.vnets.into_iter().enumerate() {
            let place = format!("vnets[{i}] `{}`", v.name);
            check_list(&place, "address_space", v.address_space.len(), MAX_PREFIXES)?;
            check_list(&place, "subnets", v.subnets.len(), MAX_SUBNETS)?;
            for s in &v.subnets {
                crate::edit::check_name(&s.name).map_err(|e| content(format!("{place} subnet: {e}")))?;
            }
            let node = Node::Vnet(Vnet {
                name: v.name,
                prefixes: v.address_space,
                region: v.region,
                subnets: v
                    .subnets
                    .into_iter()
                    .map(|s| Subnet {
                        name: s.name,
                        prefix: s.prefix,
                        hosts: s.hosts,
                    })
                    .collect(),
                vpn: v.vpn_gateway.map(|g| VpnGateway {
                    sku: g.sku,
                    vpn_type: g.vpn_type,
                    active_active: g.active_active,
                    asn: g.asn,
                    generation: g.generation,
                    nat_rules: g.nat_rules,
                    apipa: g.apipa,
                }),
                er: v.er_gateway.map(|g| ErGateway {
                    sku: g.sku,
                    fastpath: g.fastpath,
                    units: g.units,
                }),
                classic: v.classic,
                pos: pos(v.x, v.y),
                pinned: v.pinned,
            });
            add(&mut design, node, place)?;
        }
        for (i, s) in self.sites.into_iter().enumerate() {
            let place = format!("sites[{i}] `{}`", s.name);
            check_list(&place, "prefixes", s.prefixes.len(), MAX_PREFIXES)?;
            let node = Node::Site(Site {
                name: s.name,
                prefixes: s.prefixes,
                ip: s.ip,
                behind_nat: s.behind_nat,
                asn: s.asn,
                bgp_ip: s.bgp_ip,
                advertised: s.advertised,
                uplink_mbps: s.uplink_mbps,
                circuit: s.circuit.map(|c| Circuit {
                    mbps: c.mbps,
                    location: c.location,
                    premium: c.premium,
                    direct: c.direct,
                }),
                pos: pos(s.x, s.y),
                pinned: s.pinned,
            });
            add(&mut design, node, place)?;
        }
        for (i, u) in self.users.into_iter().enumerate() {
            let place = format!("users[{i}] `{}`", u.name);
            let node = Node::Users(Users {
                name: u.name,
                pool: u.pool,
                clients: u.clients,
                protocol: u.protocol,
                radius: u.radius,
                source_ip: u.source_ip,
                pos: pos(u.x, u.y),
                pinned: u.pinned,
            });
            add(&mut design, node, place)?;
        }
        for (i, l) in self.links.into_iter().enumerate() {
            let mut link = Link::new(l.kind, l.a, l.b);
            for (list, key) in [
                (&l.allow_gateway_transit, "allow_gateway_transit"),
                (&l.use_remote_gateways, "use_remote_gateways"),
                (&l.allow_forwarded_traffic, "allow_forwarded_traffic"),
            ] {
                for (n, side) in list.iter().enumerate() {
                    // A link from a node to itself (always a finding) names its end twice: the first
                    // mention is the `a` side, a second the `b` side.
                    let self_link = link.a == link.b;
                    let on_a = *side == link.a && !(self_link && n > 0);
                    let on_b = *side == link.b && !(self_link && n == 0);
                    if !on_a && !on_b {
                        return Err(content(format!(
                            "links[{i}] ({}): {key} names `{side}`, which is not an end of this link",
                            link.describe()
                        )));
                    }
                    let (fa, fb) = match key {
                        "allow_gateway_transit" => (&mut link.a_allow_transit, &mut link.b_allow_transit),
                        "use_remote_gateways" => (&mut link.a_use_remote, &mut link.b_use_remote),
                        _ => (&mut link.a_allow_forwarded, &mut link.b_allow_forwarded),
                    };
                    *fa |= on_a;
                    *fb |= on_b;
                }
            }
            link.bgp = l.bgp;
            link.custom_ipsec = l.custom_ipsec;
            link.nat = l.nat;
            link.policy_selectors = l.policy_based_selectors;
            link.a_allow_forwarded |= l.forwarded_traffic;
            link.b_allow_forwarded |= l.forwarded_traffic;
            link.one_sided = l.one_sided;
            design.push_link_unchecked(link);
        }
        Ok(design)
    }
}

/// Most source files an origin names.
const MAX_ORIGIN_SOURCES: usize = 1000;

fn check_list(place: &str, what: &str, len: usize, max: usize) -> Result<(), LoadError> {
    if len > max {
        Err(content(format!("{place}: {len} {what}; at most {max} are accepted")))
    } else {
        Ok(())
    }
}

fn content(message: String) -> LoadError {
    LoadError::Content { message }
}
