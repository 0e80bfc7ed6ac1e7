//! Tests of the registry and of validation as a whole: sound reference designs, robustness on
//! arbitrary designs, and the running time on large estates.

use std::collections::HashSet;

use ipnet::IpNet;

use super::*;
use crate::cidr;
use crate::design::{Link, LinkId, LinkKind, Vnet};
use crate::sku::Era;

#[test]
fn rule_ids_are_unique_kebab_case_with_docs_and_sources() {
    let mut seen = HashSet::new();
    for r in RULES {
        assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
        assert!(
            r.id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            r.id
        );
        assert!(!r.doc.is_empty() && !r.doc.contains('\n'), "{} doc", r.id);
        assert!(
            r.source.starts_with('S') || r.source == "model",
            "{} source {}",
            r.id,
            r.source
        );
    }
}

#[test]
fn an_empty_design_has_no_findings() {
    assert!(validate(&Design::default()).findings.is_empty());
}

#[test]
fn the_registry_covers_every_family_of_the_fact_sheet() {
    assert!(RULES.len() >= 45, "{} rules", RULES.len());
    for id in [
        "addr-reserved",
        "subnet-in-vnet",
        "gwsubnet-present",
        "overlap-peering",
        "overlap-hub-peers",
        "overlap-v2v",
        "overlap-lng-vnet",
        "overlap-connected",
        "p2s-pool-vnet",
        "pb-basic-only",
        "bgp-sku",
        "gw-tunnel-cap",
        "bgp-asn-distinct",
        "peer-remote-gw",
        "coexist-routebased",
        "er-vnet-links",
        "tput-shared",
    ] {
        assert!(rule(id).is_some(), "missing {id}");
    }
}

fn errors_and_warnings(report: &Report) -> Vec<&Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect()
}

#[test]
fn a_sound_current_hub_and_spoke_design_has_no_errors_or_warnings() {
    let d = test_support::design(
        "vnet hub 10.0.0.0/16,fd00:10::/48 region=westeurope
subnet hub GatewaySubnet 10.0.255.0/27
subnet hub app 10.0.1.0/24 hosts=50
subnet hub app6 fd00:10:0:1::/64
gateway hub vpn VpnGw2AZ active-active asn=65515
gateway hub er ErGw2AZ
vnet spoke1 10.1.0.0/16 region=westeurope
subnet spoke1 app 10.1.1.0/24 hosts=200
vnet spoke2 10.2.0.0/16 region=northeurope
site office 192.168.0.0/24 ip=203.0.113.10 asn=65020 bgp-ip=192.168.0.1 uplink=200
site dc 172.16.0.0/16 circuit=1000 location=Amsterdam
users remote 172.31.0.0/24 clients=50 protocol=openvpn
link s2s hub office bgp
link p2s hub remote
link er hub dc
link peering hub spoke1 allow-gateway-transit=hub use-remote-gateways=spoke1
link peering hub spoke2 allow-gateway-transit=hub use-remote-gateways=spoke2
link peering spoke1 spoke2",
    );
    let report = validate(&d);
    assert!(errors_and_warnings(&report).is_empty(), "{:#?}", report.findings);
    let infos: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(infos, vec!["coexist-transit"], "only the Route Server note");
}

#[test]
fn a_sound_2017_design_has_no_errors_or_warnings() {
    let d = test_support::design(
        "catalog 2017
vnet hub 10.0.0.0/16 region=westeurope
subnet hub GatewaySubnet 10.0.255.0/27
gateway hub vpn VpnGw2 active-active asn=65010
gateway hub er HighPerformance
vnet spoke 10.1.0.0/16 region=westeurope
vnet far 10.2.0.0/16 region=eastus
subnet far GatewaySubnet 10.2.255.0/27
gateway far vpn VpnGw1 asn=65011
site office 192.168.0.0/24 ip=203.0.113.10 asn=65020 bgp-ip=192.168.0.1
site dc 172.16.0.0/16 circuit=2000 location=Amsterdam
users remote 172.31.0.0/24 clients=50 protocol=sstp
link s2s hub office bgp
link p2s hub remote
link v2v hub far bgp
vnet erv 10.3.0.0/16 region=westeurope
subnet erv GatewaySubnet 10.3.255.0/27
gateway erv er HighPerformance
link er erv dc
link peering hub spoke allow-gateway-transit=hub use-remote-gateways=spoke",
    );
    let report = validate(&d);
    assert!(errors_and_warnings(&report).is_empty(), "{:#?}", report.findings);
}

/// A random, possibly broken design: names may dangle, kinds may be wrong, prefixes may have host
/// bits or be IPv6, SKUs may be missing from the era and numbers may be out of range.
fn arbitrary_design() -> impl proptest::strategy::Strategy<Value = Design> {
    use crate::design::{Circuit, ErGateway, Node, Pos, Protocol, Site, Subnet, Users, VpnGateway, VpnType};
    use crate::sku::{ErSku, VpnSku};
    use proptest::prelude::*;
    let net = prop_oneof![
        (any::<u32>(), 0u8..=32).prop_map(|(a, l)| IpNet::V4(
            ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(a & 0x0F0F_FFFF), l).unwrap_or_default()
        )),
        (any::<u16>(), 0u8..=128).prop_map(|(a, l)| IpNet::V6(
            ipnet::Ipv6Net::new(std::net::Ipv6Addr::new(0xfd00, a, 0, 0, 0, 0, 0, 0), l).unwrap_or_default()
        )),
    ];
    let nets = prop::collection::vec(net.clone(), 0..3);
    let node = (0u8..3, 0u8..8, nets, net, any::<u32>(), any::<bool>(), any::<u8>());
    let link = (0usize..5, 0u8..9, 0u8..9, any::<u16>());
    (
        prop::collection::vec(node, 0..8),
        prop::collection::vec(link, 0..12),
        any::<bool>(),
    )
        .prop_map(|(nodes, links, y2017)| {
            let mut d = Design::new(if y2017 { Era::Y2017 } else { Era::Current });
            for (kind, n, prefixes, one, num, flag, pick) in nodes {
                let name = format!("n{n}");
                let node = match kind {
                    0 => Node::Vnet(Vnet {
                        name,
                        prefixes,
                        region: flag.then(|| format!("r{}", pick % 2)),
                        subnets: vec![
                            Subnet {
                                name: "GatewaySubnet".into(),
                                prefix: one,
                                hosts: num % 3,
                            },
                            Subnet {
                                name: "app".into(),
                                prefix: one,
                                hosts: num,
                            },
                        ],
                        vpn: (pick % 3 != 0).then(|| VpnGateway {
                            sku: VpnSku::ALL[usize::from(pick) % VpnSku::ALL.len()],
                            vpn_type: if flag {
                                VpnType::PolicyBased
                            } else {
                                VpnType::RouteBased
                            },
                            active_active: pick % 2 == 0,
                            asn: Some(num),
                            generation: pick % 4,
                            nat_rules: num % 700,
                            apipa: flag.then(|| std::net::Ipv4Addr::from(num)),
                        }),
                        er: (pick % 5 != 0).then(|| ErGateway {
                            sku: ErSku::ALL[usize::from(pick) % ErSku::ALL.len()],
                            fastpath: flag,
                            units: num % 50,
                        }),
                        classic: pick % 7 == 0,
                        pos: Pos::default(),
                        pinned: flag,
                    }),
                    1 => Node::Site(Site {
                        name,
                        prefixes,
                        ip: flag.then(|| std::net::Ipv4Addr::from(num)),
                        behind_nat: pick % 2 == 0,
                        asn: Some(num),
                        bgp_ip: flag.then(|| std::net::IpAddr::from(std::net::Ipv4Addr::from(num))),
                        advertised: num % 9000,
                        uplink_mbps: Some(num % 20_000),
                        circuit: flag.then(|| Circuit {
                            mbps: num % 200_000,
                            location: Some(format!("l{}", pick % 2)),
                            premium: pick % 2 == 0,
                            direct: pick % 3 == 0,
                        }),
                        pos: Pos::default(),
                        pinned: flag,
                    }),
                    _ => Node::Users(Users {
                        name,
                        pool: one,
                        clients: num % 20_000,
                        protocol: Protocol::ALL[usize::from(pick) % 3],
                        radius: flag,
                        source_ip: flag.then(|| std::net::Ipv4Addr::from(num)),
                        pos: Pos::default(),
                        pinned: flag,
                    }),
                };
                d.insert_node_unchecked(node);
            }
            for (kind, a, b, bits) in links {
                let mut l = Link::new(LinkKind::ALL[kind], format!("n{a}"), format!("n{b}"));
                l.bgp = bits & 1 != 0;
                l.custom_ipsec = bits & 2 != 0;
                l.nat = bits & 4 != 0;
                l.a_allow_transit = bits & 8 != 0;
                l.b_allow_transit = bits & 16 != 0;
                l.a_use_remote = bits & 32 != 0;
                l.b_use_remote = bits & 64 != 0;
                l.a_allow_forwarded = bits & 128 != 0;
                l.b_allow_forwarded = bits & 512 != 0;
                l.one_sided = bits & 256 != 0;
                d.push_link_unchecked(l);
            }
            d
        })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    #[test]
    fn overlap_marks_match_brute_force(spaces in proptest::collection::vec(proptest::collection::vec((0u32..64, 20u8..=28, proptest::bool::ANY), 0..3), 0..12)) {
        use crate::design::Node;
        let mut d = Design::default();
        for (i, space) in spaces.iter().enumerate() {
            let prefixes = space
                .iter()
                .map(|&(a, len, v6)| if v6 {
                    IpNet::V6(ipnet::Ipv6Net::new(std::net::Ipv6Addr::new(0xfd00, 0, (a << 10) as u16, 0, 0, 0, 0, 0), len + 20).unwrap_or_default())
                } else {
                    IpNet::V4(ipnet::Ipv4Net::new(std::net::Ipv4Addr::from(0x0A00_0000 | (a << 10)), len).unwrap_or_default())
                })
                .collect();
            d.insert_node_unchecked(Node::Vnet(Vnet::new(format!("v{i:02}"), prefixes)));
        }
        let ctx = Ctx::new(&d);
        let all: Vec<(usize, IpNet)> = d.nodes().values().enumerate().flat_map(|(i, n)| n.prefixes().iter().map(move |p| (i, *p))).collect();
        for (i, _) in d.nodes().values().enumerate() {
            let brute = all.iter().enumerate().any(|(x, (ni, p))| *ni == i && all.iter().enumerate().any(|(y, (_, q))| x != y && cidr::overlaps(p, q)));
            proptest::prop_assert_eq!(ctx.overlap_marks()[i], brute, "node {}", i);
        }
    }

    #[test]
    fn validation_never_panics_and_every_finding_is_complete(d in arbitrary_design()) {
        let report = validate(&d);
        for f in &report.findings {
            proptest::prop_assert!(rule(f.rule).is_some());
            proptest::prop_assert!(!f.message.is_empty() && !f.hint.is_empty(), "{f:?}");
            proptest::prop_assert!(!f.nodes.is_empty() || !f.links.is_empty(), "{f:?}");
            for n in &f.nodes {
                proptest::prop_assert!(d.node(n).is_some(), "finding names unknown node {n}: {f:?}");
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Generated designs (dangling links, host bits, IPv6, SKUs missing from the era included):
    /// estimating never panics, and RON and JSON both carry the design back unchanged.
    #[test]
    fn generated_designs_estimate_and_round_trip_through_ron_and_json(mut d in arbitrary_design()) {
        let _ = crate::throughput::estimate(&d);
        // A self-link (always a finding) lists its one name per flag: a flag on the `b` side alone
        // reads back on the `a` side. Everything else must come back exactly.
        let self_links: Vec<LinkId> = d.links().iter().filter(|(_, l)| l.a == l.b).map(|(id, _)| *id).collect();
        for id in self_links {
            d.with_link(id, |l| {
                l.a_allow_transit |= std::mem::take(&mut l.b_allow_transit) && !l.a_allow_transit;
                l.a_use_remote |= std::mem::take(&mut l.b_use_remote) && !l.a_use_remote;
                l.a_allow_forwarded |= std::mem::take(&mut l.b_allow_forwarded) && !l.a_allow_forwarded;
            });
        }
        for fmt in [crate::format::Format::Ron, crate::format::Format::Json] {
            let text = crate::format::to_string(&d, fmt);
            let back = crate::format::load(&text, Some(fmt));
            proptest::prop_assert_eq!(back.as_ref(), Ok(&d), "{:?}: {}", fmt, text);
            let again = crate::format::to_string(back.as_ref().map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?, fmt);
            proptest::prop_assert_eq!(again, text, "same design, same bytes");
        }
    }
}

/// A large hub-and-spoke estate: `hubs` hubs with VPN and ER gateways, each with a shared-services
/// VNet and `spokes` spokes; every spoke is peered to its hub (using its gateway) and to the shared
/// VNet, and each hub has one S2S site and one circuit.
fn estate(hubs: u32, spokes: u32) -> Design {
    use crate::design::{Circuit, ErGateway, Node, Site, Subnet, VpnGateway};
    use crate::sku::{ErSku, VpnSku};
    let net = |s: String| -> IpNet { s.parse().unwrap_or_else(|_| IpNet::V4(ipnet::Ipv4Net::default())) };
    let vnet = |name: String, prefixes: Vec<IpNet>, subnets: Vec<Subnet>| Vnet {
        region: Some("westeurope".into()),
        subnets,
        ..Vnet::new(name, prefixes)
    };
    let mut design = Design::default();
    for h in 0..hubs {
        let (hub, shared, site) = (format!("hub{h}"), format!("shared{h}"), format!("site{h}"));
        let (hi, lo) = (h / 256, h % 256);
        let gw_subnet = Subnet {
            name: "GatewaySubnet".into(),
            prefix: net(format!("10.{hi}.{lo}.0/27")),
            hosts: 0,
        };
        let mut hub_vnet = vnet(hub.clone(), vec![net(format!("10.{hi}.{lo}.0/24"))], vec![gw_subnet]);
        hub_vnet.vpn = Some(VpnGateway {
            asn: Some(65515),
            ..VpnGateway::new(VpnSku::VpnGw2AZ, 2)
        });
        hub_vnet.er = Some(ErGateway::new(ErSku::ErGw2AZ));
        design.insert_node_unchecked(Node::Vnet(hub_vnet));
        design.insert_node_unchecked(Node::Vnet(vnet(
            shared.clone(),
            vec![net(format!("10.{}.{lo}.0/24", 32 + hi))],
            Vec::new(),
        )));
        design.insert_node_unchecked(Node::Site(Site {
            ip: Some(std::net::Ipv4Addr::new(203, 0, 113, 1)),
            asn: Some(65020),
            bgp_ip: Some(std::net::IpAddr::V4(std::net::Ipv4Addr::new(
                172,
                16 + hi as u8,
                lo as u8,
                1,
            ))),
            uplink_mbps: Some(100),
            circuit: Some(Circuit::new(1000)),
            ..Site::new(site.clone(), vec![net(format!("172.{}.{lo}.0/24", 16 + hi))])
        }));
        let mut s2s = Link::new(LinkKind::S2s, hub.clone(), site.clone());
        s2s.bgp = true;
        design.push_link_unchecked(s2s);
        design.push_link_unchecked(Link::new(LinkKind::Er, hub.clone(), site));
        design.push_link_unchecked(Link::new(LinkKind::Peering, hub.clone(), shared.clone()));
        for s in 0..spokes {
            let spoke = format!("hub{h}-s{s}");
            let n = h * spokes + s;
            let (third, fourth) = (64 + n / 256, n % 256);
            let app = Subnet {
                name: "app".into(),
                prefix: net(format!("10.{third}.{fourth}.0/25")),
                hosts: 10,
            };
            design.insert_node_unchecked(Node::Vnet(vnet(
                spoke.clone(),
                vec![
                    net(format!("10.{third}.{fourth}.0/24")),
                    net(format!("fd00:{n:x}::/48")),
                ],
                vec![app],
            )));
            let mut transit = Link::new(LinkKind::Peering, hub.clone(), spoke.clone());
            (transit.a_allow_transit, transit.b_use_remote) = (true, true);
            design.push_link_unchecked(transit);
            design.push_link_unchecked(Link::new(LinkKind::Peering, shared.clone(), spoke));
        }
    }
    design
}

#[test]
fn validation_of_10000_vnets_and_20000_links_stays_fast() {
    let d = estate(100, 98);
    assert_eq!(d.vnets().count(), 10_000);
    assert!(d.links().len() >= 19_900, "{}", d.links().len());
    let start = std::time::Instant::now();
    let report = validate(&d);
    let elapsed = start.elapsed();
    eprintln!(
        "validate: {} VNets, {} links, {} findings in {elapsed:?}",
        d.vnets().count(),
        d.links().len(),
        report.findings.len()
    );
    // Per hub: its spokes are not peered to each other (seen from the hub and from the shared VNet).
    // The site reaches its hub by ExpressRoute with S2S as failover to the same site: no transit note.
    let count = |rule: &str| report.findings.iter().filter(|f| f.rule == rule).count();
    assert_eq!((count("peer-nontransitive"), count("coexist-transit")), (200, 0));
    assert_eq!(
        report.findings.len(),
        200,
        "{:?}",
        report
            .findings
            .iter()
            .find(|f| !matches!(f.rule, "peer-nontransitive" | "coexist-transit"))
    );
}

#[test]
fn unrelated_vnets_reusing_one_space_cost_nothing() {
    use crate::design::Node;
    let mut d = Design::default();
    let space: IpNet = "10.0.0.0/16"
        .parse()
        .unwrap_or_else(|_| IpNet::V4(ipnet::Ipv4Net::default()));
    for i in 0..10_000 {
        d.insert_node_unchecked(Node::Vnet(Vnet::new(format!("v{i}"), vec![space])));
    }
    let start = std::time::Instant::now();
    let report = validate(&d);
    assert!(report.findings.is_empty(), "{:?}", report.findings.first());
    assert!(start.elapsed().as_secs() < 2, "took {:?}", start.elapsed());
}

#[test]
fn a_hostile_hub_with_thousands_of_identical_peers_stays_bounded() {
    use crate::design::Node;
    let mut d = Design::default();
    let space: IpNet = "10.0.0.0/16"
        .parse()
        .unwrap_or_else(|_| IpNet::V4(ipnet::Ipv4Net::default()));
    let vnet = |name: String| Vnet::new(name, vec![space]);
    d.insert_node_unchecked(Node::Vnet(vnet("hub".into())));
    for i in 0..20_000 {
        d.insert_node_unchecked(Node::Vnet(vnet(format!("s{i:05}"))));
        d.push_link_unchecked(Link::new(LinkKind::Peering, "hub", format!("s{i:05}")));
    }
    let start = std::time::Instant::now();
    let report = validate(&d);
    let count = |rule: &str| report.findings.iter().filter(|f| f.rule == rule).count();
    // Every spoke overlaps the hub; every spoke after the first is refused, naming the first.
    assert_eq!(count("overlap-peering"), 20_000);
    assert!(
        count("overlap-hub-peers") > 0 && count("overlap-hub-peers") < 20_000,
        "{}",
        count("overlap-hub-peers")
    );
    assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
}
