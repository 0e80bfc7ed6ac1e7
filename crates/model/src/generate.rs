//! A generator of large, realistic designs, deterministic from a seed (benchmarks, `vnetsketch generate`).
//!
//! Shape, per 1,000 VNets: regions of hub-and-spoke; each hub (one per 25 VNets) has a GatewaySubnet,
//! a zone-redundant VPN gateway and, on every fourth hub, an ExpressRoute gateway to a datacenter
//! circuit; spokes peer to their hub with gateway transit (hub allows, spoke uses); each hub has
//! S2S links to branch sites (BGP, distinct ASNs) and a P2S user group; every spoke but the first
//! also peers to the first (shared services); neighbouring hubs are
//! joined by VNet-to-VNet with BGP. About two links per VNet. Some deliberate mistakes (about 1 in 200
//! spokes overlaps a sibling, some GatewaySubnets are /29, a few sites lack a public IP) keep the
//! validator busy as in real estates.

use crate::design::{
    Circuit, Design, ErGateway, Link, LinkKind, Node, Pos, Protocol, Site, Subnet, Users, Vnet, VpnGateway,
};
use crate::sku::{ErSku, Era, VpnSku};
use ipnet::{IpNet, Ipv4Net};
use std::net::Ipv4Addr;

/// Spokes per hub.
const SPOKES_PER_HUB: usize = 24;

/// splitmix64: small, fast, and the same on every machine.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

fn v4(a: u32, len: u8) -> IpNet {
    IpNet::V4(
        Ipv4Net::new(Ipv4Addr::from(a), len)
            .map(|n| n.trunc())
            .unwrap_or_default(),
    )
}

const REGIONS: [&str; 8] = [
    "westeurope",
    "northeurope",
    "eastus",
    "eastus2",
    "westus2",
    "uksouth",
    "southeastasia",
    "japaneast",
];

/// A design with `vnets` VNets, deterministic from `seed`.
///
/// # Examples
/// ```
/// use vnetsketch_model::generate::generate;
/// let d = generate(100, 1);
/// assert_eq!(d.vnets().count(), 100);
/// assert_eq!(d, generate(100, 1));
/// ```
pub fn generate(vnets: usize, seed: u64) -> Design {
    let mut rng = Rng(seed);
    let mut d = Design::new(Era::Current);
    let hubs = vnets.div_ceil(SPOKES_PER_HUB + 1);
    // Address plan: VNet i gets 10.x.y.0/22-ish blocks carved from 10.0.0.0/8 and 100.64.0.0/10,
    // 65,536 /22 blocks in all: enough for any design this tool handles.
    let block = |i: usize| -> IpNet {
        let i = i as u32;
        if i < 16_384 {
            v4(0x0A00_0000 + (i << 10), 22)
        } else {
            v4(0x6440_0000 + ((i - 16_384) << 10), 22)
        }
    };
    let mut made = 0usize;
    for h in 0..hubs {
        if made >= vnets {
            break;
        }
        let region = REGIONS[h % REGIONS.len()];
        let hub = format!("hub-{h:04}");
        let hub_block = block(made);
        made += 1;
        let (fam, start, _) = crate::cidr::range(&hub_block);
        debug_assert_eq!(fam, 4);
        let base = start as u32;
        let gw_len = if rng.below(50) == 0 { 29 } else { 27 };
        let mut subnets = vec![
            Subnet {
                name: "GatewaySubnet".into(),
                prefix: v4(base + 0x300, gw_len),
                hosts: 0,
            },
            Subnet {
                name: "shared".into(),
                prefix: v4(base, 24),
                hosts: 40,
            },
        ];
        subnets.push(Subnet {
            name: "firewall".into(),
            prefix: v4(base + 0x100, 26),
            hosts: 2,
        });
        let sku = [VpnSku::VpnGw1AZ, VpnSku::VpnGw2AZ, VpnSku::VpnGw3AZ, VpnSku::VpnGw4AZ][rng.below(4) as usize];
        let generation = if sku == VpnSku::VpnGw1AZ { 1 } else { 2 };
        let er = (h % 4 == 0).then_some(ErGateway::new(ErSku::ErGw2AZ));
        let col = (h % 10) as i32;
        let row = (h / 10) as i32;
        let hub_pos = Pos {
            x: col * 200,
            y: row * 60,
        };
        d.insert_node_unchecked(Node::Vnet(Vnet {
            region: Some(region.into()),
            subnets,
            vpn: Some(VpnGateway {
                active_active: rng.below(2) == 0,
                asn: Some(65_000 + h as u32 % 500),
                ..VpnGateway::new(sku, generation)
            }),
            er,
            pos: hub_pos,
            ..Vnet::new(hub.clone(), vec![hub_block])
        }));
        // Spokes.
        for s in 0..SPOKES_PER_HUB {
            if made >= vnets {
                break;
            }
            let name = format!("spoke-{h:04}-{s:02}");
            // A deliberate overlap now and then: reuse the previous spoke's block.
            let prefix = if s > 0 && rng.below(200) == 0 {
                block(made - 1)
            } else {
                block(made)
            };
            made += 1;
            let (_, spoke_start, _) = crate::cidr::range(&prefix);
            d.insert_node_unchecked(Node::Vnet(Vnet {
                region: Some(region.into()),
                subnets: vec![
                    Subnet {
                        name: "app".into(),
                        prefix: v4(spoke_start as u32, 24),
                        hosts: 20 + rng.below(100) as u32,
                    },
                    Subnet {
                        name: "data".into(),
                        prefix: v4(spoke_start as u32 + 0x100, 24),
                        hosts: 10,
                    },
                ],
                pos: Pos {
                    x: hub_pos.x + (s as i32 % 6) * 30,
                    y: hub_pos.y + 10 + (s as i32 / 6) * 10,
                },
                ..Vnet::new(name.clone(), vec![prefix])
            }));
            let mut l = Link::new(LinkKind::Peering, hub.clone(), name.clone());
            l.a_allow_transit = true;
            l.b_use_remote = true;
            (l.a_allow_forwarded, l.b_allow_forwarded) = (true, true);
            d.push_link_unchecked(l);
            // The hub's first spoke hosts shared services (DNS, monitoring) that every other spoke
            // peers to directly.
            if s > 0 {
                d.push_link_unchecked(Link::new(LinkKind::Peering, format!("spoke-{h:04}-00"), name));
            }
        }
        // Branch sites with S2S.
        let branches = 1 + rng.below(3) as usize;
        for b in 0..branches {
            let site = format!("branch-{h:04}-{b}");
            let idx = (h * 4 + b) as u32;
            let ip = if rng.below(100) == 0 {
                None
            } else {
                Some(Ipv4Addr::from(0xCB00_7100 + (idx % 250) + 1))
            };
            d.insert_node_unchecked(Node::Site(Site {
                ip,
                asn: Some(64_512 + idx % 1000),
                // The device's BGP address: the first of its /24 (BGP S2S needs one).
                bgp_ip: Some(std::net::IpAddr::V4(Ipv4Addr::from(0xAC10_0001 + ((idx % 2048) << 8)))),
                uplink_mbps: Some([100, 200, 500, 1000][rng.below(4) as usize]),
                pos: Pos {
                    x: hub_pos.x + 190,
                    y: hub_pos.y + b as i32 * 8,
                },
                // 172.16.0.0/13: 2,048 branch /24s.
                ..Site::new(site.clone(), vec![v4(0xAC10_0000 + ((idx % 2048) << 8), 24)])
            }));
            let mut l = Link::new(LinkKind::S2s, hub.clone(), site);
            l.bgp = true;
            d.push_link_unchecked(l);
        }
        // Remote users.
        let users = format!("users-{h:04}");
        d.insert_node_unchecked(Node::Users(Users {
            clients: 10 + rng.below(200) as u32,
            protocol: [Protocol::Ikev2, Protocol::OpenVpn, Protocol::Sstp][rng.below(3) as usize],
            pos: Pos {
                x: hub_pos.x + 190,
                y: hub_pos.y + 30,
            },
            // 172.28.0.0/14: 1,024 pools.
            ..Users::new(users.clone(), v4(0xAC1C_0000 + ((h as u32 % 1024) << 8), 24))
        }));
        d.push_link_unchecked(Link::new(LinkKind::P2s, hub.clone(), users));
        // ExpressRoute to a datacenter every fourth hub.
        if h % 4 == 0 {
            let dc = format!("dc-{h:04}");
            d.insert_node_unchecked(Node::Site(Site {
                circuit: Some(Circuit {
                    location: Some("Amsterdam".into()),
                    // Linked to hubs of every region: a circuit in Amsterdam reaches beyond Europe only with Premium.
                    premium: true,
                    ..Circuit::new(1000)
                }),
                pos: Pos {
                    x: hub_pos.x + 190,
                    y: hub_pos.y + 40,
                },
                // 172.24.0.0/14: 1,024 datacenter /24s.
                ..Site::new(dc.clone(), vec![v4(0xAC18_0000 + ((h as u32 % 1024) << 8), 24)])
            }));
            d.push_link_unchecked(Link::new(LinkKind::Er, hub.clone(), dc));
        }
        // VNet-to-VNet to the previous hub, with BGP (transit across the chain of hubs needs it).
        if h > 0 {
            let mut l = Link::new(LinkKind::V2v, hub.clone(), format!("hub-{:04}", h - 1));
            l.bgp = true;
            d.push_link_unchecked(l);
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Severity, validate};

    #[test]
    fn sizes_are_exact_deterministic_and_about_two_links_per_vnet() {
        for n in [1, 25, 26, 1000] {
            let d = generate(n, 7);
            assert_eq!(d.vnets().count(), n);
        }
        let d = generate(1000, 7);
        let ratio = d.links().len() as f64 / 1000.0;
        assert!((1.8..2.5).contains(&ratio), "{ratio} links per VNet");
        assert_eq!(crate::format::to_ron(&d), crate::format::to_ron(&generate(1000, 7)));
        assert_ne!(crate::format::to_ron(&d), crate::format::to_ron(&generate(1000, 8)));
    }

    #[test]
    fn generated_designs_are_mostly_sound_with_a_few_deliberate_mistakes() {
        let report = validate(&generate(2000, 3));
        let errors = report.count(Severity::Error);
        assert!(errors > 0, "deliberate mistakes are found");
        assert!(errors < 200, "but the design is mostly sound: {errors} errors");
        assert!(!report.findings.iter().any(|f| f.rule == "link-dangling"));
    }
}
