//! The estimated-throughput report: per link and per gateway, each with its bottleneck in words, as a
//! range: `mbps` the conservative figure, `mbps_max` the optimistic one.
//!
//! # Formulas (every number from the era's catalog)
//! - **VPN gateway** `g` (module `share`): its aggregate (catalog, by SKU and generation; S2S + P2S
//!   combined \[S4\]\[S5\]\[S16\]) is split among its connections by weighted **max-min fair share**:
//!   every connection is a flow of weight 1, except a P2S group, which weighs its planned concurrent
//!   clients, each client being one tunnel (the fact sheet's estimator, 4: "`n_active` = S2S + V2V
//!   tunnels and expected concurrent P2S users"; the docs count P2S connections per client \[S7\]\[S16\]). All
//!   flows grow together until one meets its own cap or a gateway runs out; a flow stopped by its cap
//!   leaves the rest to the others. Shares assume **every connection busy** ([`ASSUMES`]).
//! - **Caps**: per tunnel, the catalog's per-tunnel figure where it has one (a P2S client is one tunnel;
//!   the 2017 tables publish none \[S1\]\[S2\], so only the aggregate applies); S2S: the site's uplink.
//! - **Range**: `mbps` uses the AES256+SHA256 per-tunnel rates and the aggregate per gateway (an
//!   active-active gateway counted at the catalog rate: the conservative reading of \[S8\]\[S36\]);
//!   `mbps_max` uses the GCMAES256 rates and both active-active instances: twice the aggregate, and an S2S
//!   or VNet-to-VNet connection of an active-active gateway as two tunnels (one per instance, both
//!   carrying traffic \[S36\]; each instance's rate is per instance \[S8\], fact sheet 4.4).
//! - **S2S**: its share. **P2S**: its share (clients × the per-client level); per client, the level.
//!   Policy-based traffic selectors (`policy-based-selectors`) change nothing here: the connection is
//!   one tunnel like any other, and Azure publishes no other rate for it \[S40\]\[S41\].
//! - **VNet-to-VNet**: one flow through both gateways (so the smaller side binds, and what it leaves
//!   goes to the other gateway's connections).
//! - **ExpressRoute**: the smaller of (circuit bandwidth / VNets linked to that circuit) and (ER gateway
//!   rate × scale units / ER links of that gateway) \[S29\]\[S32\]; FastPath removes the gateway term where
//!   the SKU supports it \[S30\]. Sharing a circuit among VNets, and a gateway among circuits, equally is our
//!   inference; Azure documents no formula (azure-facts.md 4.5). The range is one figure.
//! - **Peering**: no gateway limit (`None`); VM NIC bandwidth applies \[S20\].

use std::borrow::Cow;

use crate::design::{Design, LinkId, LinkKind};
use crate::validate::ends::Sound;
use crate::validate::index::Ctx;

mod share;

use share::{Mode, Share, allocate};

/// What every share of the estimate assumes (said in the text and JSON outputs).
pub const ASSUMES: &str = "every connection busy";

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

/// Estimates every link and gateway. Never fails: what cannot be estimated says why.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script, throughput::estimate};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16\ngateway hub vpn VpnGw1AZ\n\
///     site a 192.168.1.0/24\nsite b 192.168.2.0/24 uplink=100\nlink s2s hub a\nlink s2s hub b").unwrap();
/// let e = estimate(&d);
/// assert_eq!(e.links[1].mbps, Some(100.0)); // b's uplink
/// assert_eq!(e.links[0].mbps, Some(500.0)); // what b leaves of 650 Mbps, up to one tunnel's 500
/// assert_eq!(e.links[0].mbps_max, Some(550.0)); // GCM tunnels: 650 less b's 100
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
    let nodes = design.nodes().len();
    let (mut er_n, mut circuit_n) = (vec![0usize; nodes], vec![0usize; nodes]);
    for s in sound.iter().filter(|s| s.kind == LinkKind::Er) {
        er_n[s.ends.0 as usize] += 1;
        circuit_n[s.ends.1 as usize] += 1;
    }
    let mut counts = Counts {
        er: &er_n,
        circuit: &circuit_n,
        vpn: allocate(ctx, Mode::Conservative),
        vpn_max: allocate(ctx, Mode::Optimistic),
    };

    let mut links = Vec::with_capacity(design.links().len());
    let mut next_sound = sound.iter().peekable();
    // The position of the next S2S, P2S or VNet-to-VNet link among them: where its shares are.
    let mut flow = 0;
    for (id, l) in design.links() {
        let resolved = next_sound.next_if(|s| s.id == *id);
        let (mbps, mbps_max, per_client, bottleneck) = match resolved {
            Some(s) => {
                let figures = link_estimate(ctx, flow, s, &mut counts);
                flow += usize::from(share::is_flow(s.kind));
                figures
            }
            None => (
                None,
                None,
                None,
                Cow::Borrowed("the link does not join two existing nodes of the right kinds"),
            ),
        };
        links.push(LinkEstimate {
            id: *id,
            kind: l.kind,
            mbps,
            mbps_max,
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
    for (_, vnet, adj) in ctx.gateway_vnets_adj() {
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
                sku: gw.sku.as_str().to_owned(),
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
                sku: gw.sku.as_str().to_owned(),
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

/// ExpressRoute counts by dense node index, and the VPN shares by position among the S2S, P2S and
/// VNet-to-VNet sound links.
struct Counts<'a> {
    er: &'a [usize],
    circuit: &'a [usize],
    vpn: Vec<Option<Result<Share, String>>>,
    vpn_max: Vec<Option<Result<Share, String>>>,
}

/// One link's figures: `(mbps, mbps_max, per_client_mbps, bottleneck)`.
type Figures = (Option<f64>, Option<f64>, Option<f64>, Cow<'static, str>);

/// The estimate of one sound link (`si`: its index among the sound links). The words are borrowed where
/// they are fixed (every peering: most links of an estate), so they cost no allocation.
/// The figures of sound link `s`; `flow` is its position among the S2S, P2S and VNet-to-VNet links
/// (its shares, taken out of `counts`: each is read once).
fn link_estimate(ctx: &Ctx<'_>, flow: usize, s: &Sound<'_>, counts: &mut Counts<'_>) -> Figures {
    let (ia, ib) = (s.ends.0 as usize, s.ends.1 as usize);
    match s.kind {
        LinkKind::Peering => (
            None,
            None,
            None,
            Cow::Borrowed("no gateway in the path: peering adds no cap (VM NIC bandwidth applies)"),
        ),
        LinkKind::S2s | LinkKind::P2s | LinkKind::V2v => {
            let max = match counts.vpn_max.get(flow) {
                Some(Some(Ok(m))) => Some(m.mbps),
                _ => None,
            };
            match counts.vpn.get_mut(flow).and_then(Option::take) {
                Some(Ok(share)) => {
                    let clients = s.b.as_users().map_or(0, |u| u.clients);
                    if s.kind == LinkKind::P2s {
                        let per_client = (clients > 0).then_some(share.per_tunnel);
                        let why = if clients > 1 {
                            format!("{}; {clients} clients share it", share.why)
                        } else {
                            share.why
                        };
                        (Some(share.mbps), max, per_client, why.into())
                    } else {
                        (Some(share.mbps), max, None, share.why.into())
                    }
                }
                Some(Err(why)) => (None, None, None, why.into()),
                None => (None, None, None, Cow::Borrowed("not estimated")),
            }
        }
        LinkKind::Er => {
            let (mbps, per_client, why) = er_estimate(ctx, s, counts.er[ia], counts.circuit[ib]);
            (mbps, mbps, per_client, why.into())
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
    fn a_p2s_group_weighs_its_clients_in_the_split() {
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw2 generation=1\nsite a 192.168.1.0/24\nusers u 172.16.0.0/24 clients=10\n\
             vnet other 10.9.0.0/16\ngateway other vpn VpnGw3AZ\nlink s2s hub a\nlink p2s hub u\nlink v2v hub other"
        ));
        // VpnGw2 Gen1: 1000 Mbps over 1 + 10 + 1 tunnels; the per-tunnel 650 does not bind.
        let level = 1000.0 / 12.0;
        let s2s = &e.links[0];
        assert!((s2s.mbps.expect("s2s") - level).abs() < 1e-9, "{s2s:?}");
        assert!(
            s2s.bottleneck.contains("shared by 3 connections (12 tunnels"),
            "{}",
            s2s.bottleneck
        );
        let p2s = &e.links[1];
        assert!((p2s.mbps.expect("p2s") - 10.0 * level).abs() < 1e-9, "{p2s:?}");
        assert!((p2s.per_client_mbps.expect("per client") - level).abs() < 1e-9);
        let gw = e.gateways_of("hub").next().expect("hub gateway");
        assert_eq!((gw.aggregate_mbps, gw.connections.len()), (1000.0, 3));
    }

    #[test]
    fn many_clients_are_many_tunnels_not_one_tunnel_cap() {
        // 100 IKEv2 clients on a 650 Mbps gateway: 6.5 Mbps each, 650 in all (not one tunnel's 500).
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw1AZ\nusers u 172.16.0.0/24 clients=100\nlink p2s hub u"
        ));
        assert_eq!(e.links[0].mbps, Some(650.0));
        assert_eq!(e.links[0].per_client_mbps, Some(6.5));
    }

    #[test]
    fn what_a_capped_link_cannot_use_goes_to_the_others() {
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw1AZ\nsite a 192.168.1.0/24 uplink=50\nsite b 192.168.2.0/24\nlink s2s hub a\nlink s2s hub b"
        ));
        // 650 / 2 = 325 each, but a takes 50: b gets 600, capped by the 500 Mbps tunnel.
        assert_eq!((e.links[0].mbps, e.links[1].mbps), (Some(50.0), Some(500.0)));
        let e = est(&format!(
            "{HUB}gateway hub vpn Basic\nsite a 192.168.1.0/24 uplink=10\nsite b 192.168.2.0/24\nsite c 192.168.3.0/24\n\
             link s2s hub a\nlink s2s hub b\nlink s2s hub c"
        ));
        assert_eq!(e.links[1].mbps, Some(45.0));
        assert!(
            e.links[1].bottleneck.contains("what capped connections leave"),
            "{}",
            e.links[1].bottleneck
        );
    }

    #[test]
    fn the_optimistic_figure_takes_gcm_rates_and_both_active_active_instances() {
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw5AZ\nsite a 192.168.1.0/24\nlink s2s hub a"
        ));
        assert_eq!((e.links[0].mbps, e.links[0].mbps_max), (Some(700.0), Some(2300.0)));
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw5AZ active-active\nsite a 192.168.1.0/24\nlink s2s hub a"
        ));
        assert_eq!((e.links[0].mbps, e.links[0].mbps_max), (Some(700.0), Some(4600.0)));
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw1AZ active-active\nusers u 172.16.0.0/24 clients=1000\nlink p2s hub u"
        ));
        assert_eq!((e.links[0].mbps, e.links[0].mbps_max), (Some(650.0), Some(1300.0)));
    }

    #[test]
    fn a_vnet_to_vnet_flow_leaves_the_larger_gateway_room_for_its_others() {
        let e = est(&format!(
            "{HUB}gateway hub vpn VpnGw1AZ\nvnet b 10.1.0.0/16\ngateway b vpn Basic\nlink v2v hub b\n\
             site a 192.168.1.0/24\nlink s2s hub a"
        ));
        // The tunnel gets Basic's 100; the S2S link gets hub's 650 less 100, capped by the tunnel's 500.
        assert_eq!((e.links[0].mbps, e.links[1].mbps), (Some(100.0), Some(500.0)));
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
