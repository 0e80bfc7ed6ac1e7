//! The estimated-throughput report: per link and per gateway, each with its bottleneck in words.
//!
//! # Formulas (first version of PRODUCT.md; every number from the era's catalog)
//! - **VPN gateway** `g`: `share(g) = aggregate(g) / n(g)`, where `aggregate` is the catalog's aggregate
//!   for the SKU and generation (S2S + P2S combined \[S4\]\[S5\]\[S16\]) and `n(g)` counts each S2S, V2V and P2S
//!   link at `g` as one connection. A connection's capacity is `min(share(g), per_tunnel(g))` where the
//!   catalog has a per-tunnel figure (current era: AES256+SHA256, the conservative cipher \[S8\]; the 2017
//!   tables publish none \[S1\]\[S2\], so the aggregate applies).
//! - **S2S**: the connection capacity, capped by the site's uplink when given.
//! - **P2S**: the gateway share; per client, the share divided by the group's clients, capped by the
//!   per-tunnel figure.
//! - **VNet-to-VNet**: the smaller of the two ends' connection capacities (one tunnel on each gateway).
//! - **ExpressRoute**: the smaller of (circuit bandwidth / VNets linked to that circuit) and (ER gateway
//!   rate × scale units / ER links of that gateway) \[S29\]\[S32\]; FastPath removes the gateway term where
//!   the SKU supports it \[S30\]. Sharing a circuit among VNets, and a gateway among circuits, equally is our
//!   inference; Azure documents no formula (azure-facts.md 4.5).
//! - **Peering**: no gateway limit (`None`); VM NIC bandwidth applies \[S20\].
//!
//! Active-active gateways are counted at the catalog rate (the conservative reading of \[S8\]\[S36\]).

use std::borrow::Cow;

use crate::design::{Design, LinkId, LinkKind, Vnet};
use crate::validate::{Ctx, Sound};

/// The gateway type of a [`GatewayEstimate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GatewayType {
    /// VPN gateway.
    Vpn,
    /// ExpressRoute gateway.
    Er,
}

impl GatewayType {
    /// `vpn` or `er`, as the JSON output spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            GatewayType::Vpn => "vpn",
            GatewayType::Er => "er",
        }
    }
}

/// The estimate of one link.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkEstimate {
    /// The link.
    pub id: LinkId,
    /// Its kind (the ends' names are the design's: `design.link(id)`).
    pub kind: LinkKind,
    /// Expected throughput in Mbps; `None` where no gateway limits it (peering) or it cannot be estimated.
    pub mbps: Option<f64>,
    /// The optimistic figure: GCMAES256 per-tunnel rates and both active-active instances.
    pub mbps_max: Option<f64>,
    /// P2S only: the throughput each concurrent client can expect.
    pub per_client_mbps: Option<f64>,
    /// What limits the link, in words (borrowed when the words are fixed, as for every peering).
    pub bottleneck: Cow<'static, str>,
}

/// The estimate of one gateway.
#[derive(Clone, Debug, PartialEq)]
pub struct GatewayEstimate {
    /// The VNet.
    pub vnet: String,
    /// VPN or ExpressRoute.
    pub kind: GatewayType,
    /// The SKU as Azure spells it.
    pub sku: String,
    /// The generation (VPN gateways only).
    pub generation: Option<u8>,
    /// Aggregate throughput in Mbps (0 when the SKU is not in the catalog).
    pub aggregate_mbps: f64,
    /// Connections sharing it, each with its estimate (Mbps).
    pub connections: Vec<(LinkId, Option<f64>)>,
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Estimate {
    /// One entry per link, in link order.
    pub links: Vec<LinkEstimate>,
    /// One entry per gateway, by VNet name, VPN before ER.
    pub gateways: Vec<GatewayEstimate>,
}

impl Estimate {
    /// The estimate of link `id`.
    pub fn link(&self, id: LinkId) -> Option<&LinkEstimate> {
        self.links.iter().find(|l| l.id == id)
    }

    /// The gateways of VNet `name`.
    pub fn gateways_of<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a GatewayEstimate> + 'a {
        self.gateways.iter().filter(move |g| g.vnet == name)
    }
}

/// A VPN connection's capacity at one gateway and why.
struct Hop {
    mbps: f64,
    why: String,
}

fn vpn_hop(ctx: &Ctx<'_>, vnet: &Vnet, n: usize) -> Result<Hop, String> {
    let Some(gw) = &vnet.vpn else {
        return Err(format!("no VPN gateway in {}", vnet.name));
    };
    let Some(spec) = ctx.catalog.vpn(gw.sku, gw.generation) else {
        return Err(format!(
            "{} Gen{} is not in the {} catalog",
            gw.sku,
            gw.generation,
            ctx.era()
        ));
    };
    let n = n.max(1);
    let share = f64::from(spec.aggregate_mbps) / n as f64;
    match spec.per_tunnel_mbps {
        Some(cap) if f64::from(cap) < share => Ok(Hop {
            mbps: f64::from(cap),
            why: format!("{} per-tunnel cap {cap} Mbps (AES256+SHA256)", gw.sku),
        }),
        _ => Ok(Hop {
            mbps: share,
            why: if n == 1 {
                format!("{} {} aggregate {} Mbps", vnet.name, gw.sku, spec.aggregate_mbps)
            } else {
                format!(
                    "{} {} aggregate {} Mbps shared by {n} connections",
                    vnet.name, gw.sku, spec.aggregate_mbps
                )
            },
        }),
    }
}

/// Estimates every link and gateway. Never fails: what cannot be estimated says why.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script, throughput::estimate};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16\ngateway hub vpn VpnGw1AZ\n\
///     site a 192.168.1.0/24\nsite b 192.168.2.0/24 uplink=100\nlink s2s hub a\nlink s2s hub b").unwrap();
/// let e = estimate(&d);
/// assert_eq!(e.links[0].mbps, Some(325.0)); // 650 Mbps shared by two tunnels
/// assert_eq!(e.links[1].mbps, Some(100.0)); // the site's uplink
/// ```
pub fn estimate(design: &Design) -> Estimate {
    let ctx = Ctx::new(design);
    estimate_with(&ctx)
}

/// [`estimate`] with an index already built (the TUI validates and estimates from one [`Ctx`]).
///
/// Linear in nodes + links: connection counts are kept per dense node index, and each link is
/// resolved once by the index.
pub fn estimate_with(ctx: &Ctx<'_>) -> Estimate {
    let design = ctx.design;
    let sound = ctx.sound();
    // Connections per VPN gateway, ER links per ER gateway, VNets per circuit: by dense node index.
    let nodes = design.nodes.len();
    let (mut vpn_n, mut er_n, mut circuit_n) = (vec![0usize; nodes], vec![0usize; nodes], vec![0usize; nodes]);
    for s in sound {
        let (a, b) = (s.ends.0 as usize, s.ends.1 as usize);
        match s.kind {
            LinkKind::S2s | LinkKind::P2s => vpn_n[a] += 1,
            LinkKind::V2v => {
                vpn_n[a] += 1;
                vpn_n[b] += 1;
            }
            LinkKind::Er => {
                er_n[a] += 1;
                circuit_n[b] += 1;
            }
            LinkKind::Peering => {}
        }
    }
    let counts = Counts {
        vpn: &vpn_n,
        er: &er_n,
        circuit: &circuit_n,
    };

    let mut links = Vec::with_capacity(design.links.len());
    let mut next_sound = sound.iter().peekable();
    for (id, l) in &design.links {
        let resolved = next_sound.next_if(|s| s.id == *id);
        let (mbps, per_client, bottleneck) = match resolved {
            Some(s) => link_estimate(ctx, s, &counts),
            None => (
                None,
                None,
                Cow::Borrowed("the link does not join two existing nodes of the right kinds"),
            ),
        };
        links.push(LinkEstimate {
            id: *id,
            kind: l.kind,
            mbps,
            mbps_max: mbps,
            per_client_mbps: per_client,
            bottleneck,
        });
    }

    // `links` is in id order: a binary search finds a link's estimate.
    let mbps_of = |id: LinkId| {
        links
            .binary_search_by_key(&id, |e| e.id)
            .ok()
            .and_then(|i| links[i].mbps)
    };
    let mut gateways = Vec::new();
    for (_, vnet, adj) in ctx.vnets_adj() {
        let at = |kinds: &[LinkKind]| -> Vec<(LinkId, Option<f64>)> {
            adj.iter()
                .filter(|x| kinds.contains(&x.kind))
                .map(|x| (x.id, mbps_of(x.id)))
                .collect()
        };
        if let Some(gw) = &vnet.vpn {
            let spec = ctx.catalog.vpn(gw.sku, gw.generation);
            gateways.push(GatewayEstimate {
                vnet: vnet.name.clone(),
                kind: GatewayType::Vpn,
                sku: gw.sku.to_string(),
                generation: Some(gw.generation),
                aggregate_mbps: spec.map_or(0.0, |s| f64::from(s.aggregate_mbps)),
                connections: at(&[LinkKind::S2s, LinkKind::P2s, LinkKind::V2v]),
            });
        }
        if let Some(gw) = &vnet.er {
            let spec = ctx.catalog.er(gw.sku);
            gateways.push(GatewayEstimate {
                vnet: vnet.name.clone(),
                kind: GatewayType::Er,
                sku: gw.sku.to_string(),
                generation: None,
                aggregate_mbps: spec.map_or(0.0, |s| {
                    f64::from(s.aggregate_mbps) * f64::from(er_units(gw.units, s.max_units))
                }),
                connections: at(&[LinkKind::Er]),
            });
        }
    }
    Estimate { links, gateways }
}

fn er_units(units: u32, max: Option<u32>) -> u32 {
    match max {
        Some(m) => units.clamp(1, m),
        None => 1,
    }
}

/// Connection counts by dense node index.
struct Counts<'a> {
    vpn: &'a [usize],
    er: &'a [usize],
    circuit: &'a [usize],
}

/// The estimate of one sound link: Mbps, Mbps per client (P2S), and what limits it. The words are
/// borrowed where they are fixed (every peering: most links of an estate), so they cost no allocation.
fn link_estimate(ctx: &Ctx<'_>, s: &Sound<'_>, counts: &Counts<'_>) -> (Option<f64>, Option<f64>, Cow<'static, str>) {
    let (l, a) = (s.link, s.a);
    let (ia, ib) = (s.ends.0 as usize, s.ends.1 as usize);
    match s.kind {
        LinkKind::Peering => (
            None,
            None,
            Cow::Borrowed("no gateway in the path: peering adds no cap (VM NIC bandwidth applies)"),
        ),
        LinkKind::S2s => match vpn_hop(ctx, a, counts.vpn[ia]) {
            Err(why) => (None, None, why.into()),
            Ok(hop) => match s.b.as_site().and_then(|site| site.uplink_mbps) {
                Some(up) if f64::from(up) < hop.mbps => {
                    (Some(f64::from(up)), None, format!("{} uplink {up} Mbps", l.b).into())
                }
                _ => (Some(hop.mbps), None, hop.why.into()),
            },
        },
        LinkKind::P2s => match vpn_hop(ctx, a, counts.vpn[ia]) {
            Err(why) => (None, None, why.into()),
            Ok(hop) => {
                let clients = s.b.as_users().map_or(0, |u| u.clients);
                let per_client = (clients > 0).then(|| hop.mbps / f64::from(clients));
                let why = if clients > 1 {
                    format!("{}; {clients} clients share it", hop.why)
                } else {
                    hop.why
                };
                (Some(hop.mbps), per_client, why.into())
            }
        },
        LinkKind::V2v => {
            let Some(b) = s.b.as_vnet() else {
                return (None, None, format!("{} is not a VNet", l.b).into());
            };
            match (vpn_hop(ctx, a, counts.vpn[ia]), vpn_hop(ctx, b, counts.vpn[ib])) {
                (Err(why), _) | (_, Err(why)) => (None, None, why.into()),
                (Ok(ha), Ok(hb)) => {
                    let hop = if hb.mbps < ha.mbps { hb } else { ha };
                    (Some(hop.mbps), None, hop.why.into())
                }
            }
        }
        LinkKind::Er => {
            let (mbps, per_client, why) = er_estimate(ctx, s, counts.er[ia], counts.circuit[ib]);
            (mbps, per_client, why.into())
        }
    }
}

fn er_estimate(
    ctx: &Ctx<'_>,
    s: &Sound<'_>,
    circuits_at_gw: usize,
    vnets_on_circuit: usize,
) -> (Option<f64>, Option<f64>, String) {
    let (l, a) = (s.link, s.a);
    let Some(circuit) = s.b.as_site().and_then(|site| site.circuit.as_ref()) else {
        return (None, None, format!("{} has no ExpressRoute circuit", l.b));
    };
    let Some(gw) = &a.er else {
        return (None, None, format!("no ExpressRoute gateway in {}", l.a));
    };
    let Some(spec) = ctx.catalog.er(gw.sku) else {
        return (None, None, format!("{} is not in the {} catalog", gw.sku, ctx.era()));
    };
    let vnets = vnets_on_circuit.max(1);
    let circuit_share = f64::from(circuit.mbps) / vnets as f64;
    let circuit_why = if vnets == 1 {
        format!("{} circuit {} Mbps", l.b, circuit.mbps)
    } else {
        format!("{} circuit {} Mbps shared by {vnets} VNets", l.b, circuit.mbps)
    };
    if gw.fastpath && spec.fastpath {
        return (
            Some(circuit_share),
            None,
            format!("{circuit_why} (FastPath bypasses the gateway)"),
        );
    }
    let circuits = circuits_at_gw.max(1);
    let rate = f64::from(spec.aggregate_mbps) * f64::from(er_units(gw.units, spec.max_units));
    let gw_share = rate / circuits as f64;
    let gw_why = if circuits == 1 {
        format!("{} {} gateway {rate} Mbps", l.a, gw.sku)
    } else {
        format!("{} {} gateway {rate} Mbps shared by {circuits} circuits", l.a, gw.sku)
    };
    if gw_share < circuit_share {
        (Some(gw_share), None, gw_why)
    } else {
        (Some(circuit_share), None, circuit_why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::Link;
    use crate::validate::test_support::design;

    fn est(script: &str) -> Estimate {
        estimate(&design(script))
    }

    const HUB: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n";

    #[test]
    fn vpn_aggregate_is_split_among_s2s_v2v_and_p2s() {
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw2 generation=1\nsite a 192.168.1.0/24\nusers u 172.16.0.0/24 clients=10\n\
             vnet other 10.9.0.0/16\ngateway other vpn VpnGw3AZ\nlink s2s hub a\nlink p2s hub u\nlink v2v hub other"
        ));
        // VpnGw2 Gen1: 1000 Mbps / 3 = 333.3, per-tunnel 650 does not bind.
        let s2s = &e.links[0];
        assert!((s2s.mbps.expect("s2s") - 1000.0 / 3.0).abs() < 1e-9, "{s2s:?}");
        assert!(s2s.bottleneck.contains("shared by 3"), "{}", s2s.bottleneck);
        let p2s = &e.links[1];
        assert!((p2s.per_client_mbps.expect("per client") - 100.0 / 3.0).abs() < 1e-9);
        let gw = e.gateways_of("hub").next().expect("hub gateway");
        assert_eq!((gw.aggregate_mbps, gw.connections.len()), (1000.0, 3));
    }

    #[test]
    fn the_per_tunnel_cap_and_the_uplink_bind_when_lower() {
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw5AZ\nsite a 192.168.1.0/24\nlink s2s hub a"
        ));
        assert_eq!(e.links[0].mbps, Some(700.0));
        assert!(
            e.links[0].bottleneck.contains("per-tunnel"),
            "{}",
            e.links[0].bottleneck
        );
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw1AZ\nsite a 192.168.1.0/24 uplink=50\nlink s2s hub a"
        ));
        assert_eq!(e.links[0].mbps, Some(50.0));
        assert!(e.links[0].bottleneck.contains("uplink"));
    }

    #[test]
    fn the_2017_catalog_has_no_per_tunnel_cap() {
        let e = est(&format!(
            "catalog 2017\n{HUB}gateway hub vpn HighPerformance\nsite a 192.168.1.0/24\nlink s2s hub a"
        ));
        assert_eq!(e.links[0].mbps, Some(200.0));
    }

    #[test]
    fn v2v_takes_the_smaller_end_and_peering_has_no_cap() {
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw3AZ\nvnet b 10.1.0.0/16\ngateway b vpn Basic\nlink v2v hub b\nlink peering hub b"
        ));
        assert_eq!(e.links[0].mbps, Some(100.0));
        assert!(e.links[0].bottleneck.contains("b Basic"), "{}", e.links[0].bottleneck);
        assert_eq!(e.links[1].mbps, None);
        assert!(e.links[1].bottleneck.contains("no gateway"));
    }

    #[test]
    fn expressroute_takes_circuit_and_gateway_shares_and_fastpath_drops_the_gateway() {
        let script = format!(
            "{HUB}gateway hub er ErGw1AZ\nvnet b 10.1.0.0/16\ngateway b er ErGw3AZ\n\
             site dc 192.168.0.0/16 circuit=10000\nlink er hub dc\nlink er b dc"
        );
        let e = est(&script);
        assert_eq!(e.links[0].mbps, Some(1000.0), "ErGw1AZ gateway binds");
        assert_eq!(e.links[1].mbps, Some(5000.0), "circuit shared by two VNets binds");
        let e = est(&format!("{script}\nset b fastpath=true\nset dc circuit=1000"));
        assert_eq!(e.links[1].mbps, Some(500.0));
        assert!(e.links[1].bottleneck.contains("FastPath"));
    }

    #[test]
    fn missing_gateways_and_dangling_links_are_explained_not_estimated() {
        let e = est("vnet hub 10.0.0.0/16\nsite a 192.168.1.0/24\nlink s2s hub a");
        assert_eq!(e.links[0].mbps, None);
        assert!(e.links[0].bottleneck.contains("no VPN gateway"));
        let mut d = design("vnet hub 10.0.0.0/16");
        d.push_link_unchecked(Link::new(LinkKind::S2s, "hub", "ghost"));
        assert_eq!(estimate(&d).links[0].mbps, None);
    }
}
