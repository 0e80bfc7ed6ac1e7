//! ExpressRoute: circuits, ER gateways, and coexistence with a VPN gateway.

use std::collections::BTreeMap;

use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::catalog::ErSkuSpec;
use crate::design::{Circuit, ErGateway, LinkId, LinkKind, Site, Vnet, VpnType};
use crate::hash::FxSet;
use crate::sku::{ErSku, Era};

/// The circuits an ExpressRoute gateway connects: each site once, with the first link to it.
pub(super) fn circuits_of<'d>(ctx: &Ctx<'d>, v: &Vnet) -> Vec<(LinkId, &'d Site, &'d Circuit)> {
    let mut seen = FxSet::default();
    ctx.vnet_links(&v.name, LinkKind::Er)
        .filter_map(|(id, _, name)| {
            let site = ctx.site(name)?;
            Some((id, site, site.circuit.as_ref()?))
        })
        .filter(|(_, s, _)| seen.insert(s.name.as_str()))
        .collect()
}

/// An ER gateway's throughput in Mbps (scale units multiply the per-unit figure).
fn er_rate(gw: &ErGateway, spec: &ErSkuSpec) -> u64 {
    let units = if spec.max_units.is_some() {
        u64::from(gw.units.max(1))
    } else {
        1
    };
    u64::from(spec.aggregate_mbps) * units
}

/// The smallest creatable ER SKU (without scale units) that `fits`, preferring `current`'s family (AZ or legacy).
fn pick_er(ctx: &Ctx<'_>, current: ErSku, fits: impl Fn(&ErSkuSpec) -> bool) -> Option<ErSku> {
    let az = |s: ErSku| s.as_str().starts_with("ErGw");
    ctx.catalog
        .er
        .iter()
        .filter(|r| r.creatable && r.max_units.is_none() && fits(r))
        .min_by_key(|r| (r.aggregate_mbps, az(r.sku) != az(current)))
        .map(|r| r.sku)
}

pub const COEXIST_ROUTEBASED: Rule = Rule {
    id: "coexist-routebased",
    severity: Severity::Error,
    doc: "beside an ExpressRoute gateway the VPN gateway is RouteBased and not Basic, and the ER gateway is not Basic",
    source: "S25",
    check: coexist_routebased,
};

fn coexist_routebased(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let (Some(vpn), Some(er)) = (&v.vpn, &v.er) else {
            continue;
        };
        let mut problems = Vec::new();
        if vpn.vpn_type == VpnType::PolicyBased {
            problems.push("the VPN gateway is PolicyBased".to_owned());
        }
        if ctx.vpn_spec(v).is_some_and(|s| !s.coexist) {
            problems.push(format!("the {} VPN SKU cannot coexist", vpn.sku));
        }
        if ctx.er_spec(v).is_some_and(|s| !s.coexist) {
            problems.push(format!("the {} ExpressRoute SKU cannot coexist", er.sku));
        }
        if !problems.is_empty() {
            out.emit(
                format!(
                    "{} has VPN and ExpressRoute gateways, but {}",
                    v.name,
                    problems.join(" and ")
                ),
                &[&v.name],
                &[],
                format!(
                    "set {} policy-based=false vpn-sku={}",
                    v.name,
                    super::gateways::suggest_vpn(ctx, crate::sku::VpnSku::VpnGw1)
                ),
            );
        }
    }
}

pub const COEXIST_TRANSIT: Rule = Rule {
    id: "coexist-transit",
    severity: Severity::Warning,
    doc: "S2S sites and ExpressRoute circuits on one VNet do not transit to each other through Azure (2017-18); now only with Route Server and VPN ASN 65515",
    source: "S25",
    check: coexist_transit,
};

fn coexist_transit(ctx: &Ctx<'_>, out: &mut Out) {
    for (_, v, adj) in ctx.tunnel_vnets_adj() {
        let s2s: Vec<(LinkId, &str)> = Ctx::of_kind(adj, LinkKind::S2s)
            .map(|x| (x.id, x.other.name()))
            .collect();
        let er: Vec<(LinkId, &str)> = Ctx::of_kind(adj, LinkKind::Er)
            .map(|x| (x.id, x.other.name()))
            .collect();
        if s2s.is_empty() || er.is_empty() {
            continue;
        }
        // S2S as the failover of ExpressRoute to the very same sites needs no transit between them.
        let s2s_sites: std::collections::BTreeSet<&str> = s2s.iter().map(|(_, n)| *n).collect();
        let er_sites: std::collections::BTreeSet<&str> = er.iter().map(|(_, n)| *n).collect();
        if s2s_sites == er_sites {
            continue;
        }
        let mut nodes = vec![v.name.as_str()];
        nodes.extend(s2s.iter().chain(&er).map(|(_, n)| *n));
        let ids: Vec<LinkId> = s2s.iter().chain(&er).map(|(id, _)| *id).collect();
        let asn_65515 = v.vpn.as_ref().and_then(|g| g.asn) == Some(65515);
        if ctx.era() == Era::Y2017 {
            out.emit(
                format!("{} joins S2S sites and ExpressRoute circuits, but Azure does not route between them (no S2S-ExpressRoute transit in 2017)", v.name),
                &nodes,
                &ids,
                "route between the sites on premises, or back up ExpressRoute with S2S to the same site",
            );
        } else {
            let severity = if asn_65515 { Severity::Info } else { Severity::Warning };
            let asn = if asn_65515 {
                "its VPN ASN is 65515"
            } else {
                "its VPN ASN is not 65515"
            };
            out.emit_with(
                severity,
                format!("{} joins S2S sites and ExpressRoute circuits; transit between them needs Azure Route Server (not modeled) and {asn}", v.name),
                &nodes,
                &ids,
                format!("set {} asn=65515 and deploy Route Server with branch-to-branch enabled", v.name),
            );
        }
    }
}

pub const ER_CIRCUIT_BW: Rule = Rule {
    id: "er-circuit-bw",
    severity: Severity::Error,
    doc: "a circuit's bandwidth is one a provider offers (50 Mbps-10 Gbps), or for ExpressRoute Direct one of its sizes (not in 2017)",
    source: "S30",
    check: er_circuit_bw,
};

fn er_circuit_bw(ctx: &Ctx<'_>, out: &mut Out) {
    let list = |v: &[u32]| v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    for s in ctx.sites() {
        let Some(c) = &s.circuit else { continue };
        let (offered, kind) = if c.direct {
            (&ctx.catalog.direct_circuit_mbps, "ExpressRoute Direct")
        } else {
            (&ctx.catalog.circuit_mbps, "provider")
        };
        if offered.contains(&c.mbps) {
            continue;
        }
        let (message, hint) = if offered.is_empty() {
            (
                format!(
                    "site {}'s circuit is ExpressRoute Direct, which the {} catalog does not offer",
                    s.name,
                    ctx.era()
                ),
                format!("set {} direct=false", s.name),
            )
        } else {
            let nearest = offered
                .iter()
                .copied()
                .find(|m| *m >= c.mbps)
                .or_else(|| offered.last().copied())
                .unwrap_or(1000);
            (
                format!(
                    "site {}'s {kind} circuit of {} Mbps is not an offered size ({} Mbps)",
                    s.name,
                    c.mbps,
                    list(offered)
                ),
                format!("set {} circuit={nearest}", s.name),
            )
        };
        out.emit(message, &[&s.name], &[], hint);
    }
}

pub const ER_GW_CIRCUITS: Rule = Rule {
    id: "er-gw-circuits",
    severity: Severity::Error,
    doc: "an ExpressRoute gateway connects at most 4/8/16 circuits (Standard/HighPerformance/UltraPerformance and AZ forms), at most 4 from one peering location; 2017: at most 4 circuits, each from a different location",
    source: "S29, S30, S32",
    check: er_gw_circuits,
};

fn er_gw_circuits(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let (Some(gw), Some(spec)) = (&v.er, ctx.er_spec(v)) else {
            continue;
        };
        let circuits = circuits_of(ctx, v);
        if let Some(max) = spec.max_circuits
            && circuits.len() > max as usize
        {
            let ids: Vec<LinkId> = circuits.iter().map(|(id, _, _)| *id).collect();
            let bigger = pick_er(ctx, gw.sku, |r| {
                r.max_circuits.is_some_and(|m| m as usize >= circuits.len())
            });
            out.emit(
                format!(
                    "{}'s {} ExpressRoute gateway connects {} circuits; it takes {max}",
                    v.name,
                    gw.sku,
                    circuits.len()
                ),
                &[&v.name],
                &ids,
                bigger.map_or("split the circuits over another VNet's gateway".to_owned(), |sku| {
                    format!("set {} er-sku={sku}", v.name)
                }),
            );
        }
        let per_location = ctx.catalog.circuits_per_location as usize;
        let mut by_location: BTreeMap<&str, Vec<(LinkId, &str)>> = BTreeMap::new();
        for (id, site, c) in &circuits {
            if let Some(loc) = &c.location {
                by_location.entry(loc).or_default().push((*id, &site.name));
            }
        }
        for (loc, list) in by_location.into_iter().filter(|(_, l)| l.len() > per_location) {
            let mut nodes = vec![v.name.as_str()];
            nodes.extend(list.iter().map(|(_, s)| *s));
            let ids: Vec<LinkId> = list.iter().map(|(id, _)| *id).collect();
            out.emit(
                format!("{}'s ExpressRoute gateway connects {} circuits from peering location {loc}; at most {per_location} may come from one location", v.name, list.len()),
                &nodes,
                &ids,
                format!("move circuits to other peering locations (set SITE location=...), or unlink er {} SITE", v.name),
            );
        }
    }
}

/// VNet links a Premium circuit of `mbps` allows (ExpressRoute limits table) \[S30\].
fn premium_links(mbps: u32) -> u32 {
    const TABLE: [(u32, u32); 8] = [
        (50, 20),
        (100, 25),
        (200, 25),
        (500, 40),
        (1000, 50),
        (2000, 60),
        (5000, 75),
        (10_000, 100),
    ];
    TABLE
        .iter()
        .rev()
        .find(|(m, _)| mbps >= *m)
        .map_or(20, |(_, links)| *links)
}

pub const ER_VNET_LINKS: Rule = Rule {
    id: "er-vnet-links",
    severity: Severity::Error,
    doc: "VNets linked to one circuit stay within 10 (Standard) or the Premium table (20-100 by bandwidth)",
    source: "S30, S32",
    check: er_vnet_links,
};

fn er_vnet_links(ctx: &Ctx<'_>, out: &mut Out) {
    for s in ctx.sites() {
        let Some(c) = &s.circuit else { continue };
        let mut seen = FxSet::default();
        let links: Vec<(LinkId, &str)> = ctx
            .adj_of(&s.name)
            .iter()
            .filter(|x| x.kind == LinkKind::Er && !x.at_a && seen.insert(x.other_idx))
            .map(|x| (x.id, x.other.name()))
            .collect();
        let limit = if c.premium {
            premium_links(c.mbps).min(ctx.catalog.vnet_links_per_premium_circuit)
        } else {
            ctx.catalog.vnet_links_per_circuit
        };
        if links.len() > limit as usize {
            let mut nodes = vec![s.name.as_str()];
            nodes.extend(links.iter().map(|(_, v)| *v));
            let ids: Vec<LinkId> = links.iter().map(|(id, _)| *id).collect();
            let tier = if c.premium { "Premium" } else { "Standard" };
            let hint = if c.premium {
                "link fewer VNets, or use a larger circuit".to_owned()
            } else {
                format!("set {} premium=true", s.name)
            };
            out.emit(
                format!(
                    "{}'s {tier} circuit ({} Mbps) is linked to {} VNets; it allows {limit}",
                    s.name,
                    c.mbps,
                    links.len()
                ),
                &nodes,
                &ids,
                hint,
            );
        }
    }
}

pub const ER_FASTPATH: Rule = Rule {
    id: "er-fastpath",
    severity: Severity::Error,
    doc: "FastPath needs an UltraPerformance or ErGw3AZ gateway (and does not exist in 2017)",
    source: "S30",
    check: er_fastpath,
};

fn er_fastpath(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let (Some(gw), Some(spec)) = (&v.er, ctx.er_spec(v)) else {
            continue;
        };
        if gw.fastpath && !spec.fastpath {
            let target = pick_er(ctx, gw.sku, |r| r.fastpath);
            out.emit(
                format!(
                    "{}'s {} ExpressRoute gateway has FastPath, which only {} offers",
                    v.name,
                    gw.sku,
                    target.map_or("no SKU of this era".to_owned(), |t| t.to_string())
                ),
                &[&v.name],
                &[],
                target.map_or(format!("set {} fastpath=false", v.name), |t| {
                    format!("set {} er-sku={t}, or set {} fastpath=false", v.name, v.name)
                }),
            );
        }
    }
}

pub const ER_GW_BOTTLENECK: Rule = Rule {
    id: "er-gw-bottleneck",
    severity: Severity::Warning,
    doc: "an ExpressRoute gateway without FastPath is at least as fast as each circuit it connects (the gateway rate is fixed; no burst through it)",
    source: "S29, S32",
    check: er_gw_bottleneck,
};

fn er_gw_bottleneck(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let (Some(gw), Some(spec)) = (&v.er, ctx.er_spec(v)) else {
            continue;
        };
        if gw.fastpath && spec.fastpath {
            continue;
        }
        let rate = er_rate(gw, spec);
        for (id, site, c) in circuits_of(ctx, v) {
            if u64::from(c.mbps) <= rate {
                continue;
            }
            let fit = pick_er(ctx, gw.sku, |r| r.aggregate_mbps >= c.mbps);
            let hint = match (spec.max_units, fit) {
                (Some(max), _) => format!(
                    "set {} units={}",
                    v.name,
                    c.mbps.div_ceil(spec.aggregate_mbps.max(1)).min(max)
                ),
                (None, Some(sku)) => format!("set {} er-sku={sku}", v.name),
                (None, None) => "accept the gateway as the bottleneck".to_owned(),
            };
            out.emit(
                format!(
                    "{}'s {} ExpressRoute gateway moves {rate} Mbps, less than the {} Mbps circuit of {}",
                    v.name, gw.sku, c.mbps, site.name
                ),
                &[&v.name, &site.name],
                &[id],
                hint,
            );
        }
    }
}

pub const ER_GW_UNITS: Rule = Rule {
    id: "er-gw-units",
    severity: Severity::Error,
    doc: "an ErGwScale gateway has 1 to 40 scale units",
    source: "S29",
    check: er_gw_units,
};

fn er_gw_units(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let (Some(gw), Some(max)) = (&v.er, ctx.er_spec(v).and_then(|s| s.max_units)) else {
            continue;
        };
        if gw.units == 0 || gw.units > max {
            out.emit(
                format!(
                    "{}'s {} gateway has {} scale units; it takes 1 to {max}",
                    v.name, gw.sku, gw.units
                ),
                &[&v.name],
                &[],
                format!("set {} units={}", v.name, gw.units.clamp(1, max)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::Severity;
    use crate::validate::test_support::{fires, silent};
    use std::fmt::Write;

    const HUB: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/26\n";

    #[test]
    fn coexist_routebased_fires_on_basic_or_policy_based_beside_er() {
        let f = fires(
            "coexist-routebased",
            &format!("{HUB}gateway hub vpn Basic policy-based\ngateway hub er ErGw1AZ"),
            "hub",
        );
        assert!(
            f.message.contains("PolicyBased") && f.message.contains("Basic VPN SKU"),
            "{}",
            f.message
        );
        fires(
            "coexist-routebased",
            &format!("catalog 2017\n{HUB}gateway hub vpn VpnGw1\ngateway hub er Basic"),
            "hub",
        );
        silent(
            "coexist-routebased",
            &format!("{HUB}gateway hub vpn VpnGw1AZ\ngateway hub er ErGw1AZ"),
        );
    }

    #[test]
    fn coexist_transit_stays_silent_when_s2s_backs_up_expressroute_to_the_same_site() {
        silent(
            "coexist-transit",
            &format!(
                "{HUB}gateway hub vpn VpnGw1AZ asn=65010\ngateway hub er ErGw1AZ\nsite dc 172.16.0.0/16 ip=203.0.113.1 circuit=1000\nlink s2s hub dc\nlink er hub dc"
            ),
        );
    }

    #[test]
    fn coexist_transit_is_graded_by_era_and_asn() {
        let script = format!(
            "{HUB}gateway hub vpn VpnGw1AZ asn=65010\ngateway hub er ErGw1AZ\nsite a 192.168.0.0/24 ip=203.0.113.1\nsite dc 172.16.0.0/16 circuit=1000\nlink s2s hub a\nlink er hub dc"
        );
        assert_eq!(fires("coexist-transit", &script, "dc").severity, Severity::Warning);
        assert_eq!(
            fires("coexist-transit", &script.replace("asn=65010", "asn=65515"), "a").severity,
            Severity::Info
        );
        let y2017 = format!(
            "catalog 2017\n{}",
            script.replace("VpnGw1AZ", "VpnGw1").replace("ErGw1AZ", "Standard")
        );
        assert_eq!(fires("coexist-transit", &y2017, "hub").severity, Severity::Warning);
        silent("coexist-transit", &script.replace("link s2s hub a", ""));
    }

    #[test]
    fn er_circuit_bw_checks_offered_sizes_and_direct_by_era() {
        let f = fires("er-circuit-bw", "site dc 172.16.0.0/16 circuit=300", "dc");
        assert_eq!(f.hint, "set dc circuit=500");
        fires(
            "er-circuit-bw",
            "catalog 2017\nsite dc 172.16.0.0/16 circuit=10000\nset dc direct=true",
            "dc",
        );
        silent(
            "er-circuit-bw",
            "site dc 172.16.0.0/16 circuit=40000\nset dc direct=true\nsite b 10.9.0.0/16 circuit=50",
        );
    }

    #[test]
    fn er_gw_circuits_counts_circuits_and_locations() {
        let mut script = format!("{HUB}gateway hub er ErGw1AZ\n");
        for i in 0..5 {
            let _ = writeln!(
                script,
                "site dc{i} 172.16.{i}.0/24 circuit=1000 location=Amsterdam\nlink er hub dc{i}"
            );
        }
        let f = fires("er-gw-circuits", &script, "hub");
        assert_eq!(f.hint, "set hub er-sku=ErGw2AZ");
        fires("er-gw-circuits", &script.replace("ErGw1AZ", "ErGw2AZ"), "dc4");
        silent(
            "er-gw-circuits",
            &script.replace("ErGw1AZ", "ErGw2AZ").replace(
                "dc4 172.16.4.0/24 circuit=1000 location=Amsterdam",
                "dc4 172.16.4.0/24 circuit=1000 location=London",
            ),
        );
        // 2017: four circuits at most, each from its own peering location.
        let y2017 = |sites: usize, same: bool| {
            let mut s = format!("catalog 2017\n{HUB}gateway hub er Standard\n");
            for i in 0..sites {
                let loc = if same { "Amsterdam".to_owned() } else { format!("L{i}") };
                let _ = writeln!(
                    s,
                    "site dc{i} 172.16.{i}.0/24 circuit=1000 location={loc}\nlink er hub dc{i}"
                );
            }
            s
        };
        assert!(
            fires("er-gw-circuits", &y2017(5, false), "hub")
                .message
                .contains("takes 4")
        );
        assert!(
            fires("er-gw-circuits", &y2017(2, true), "dc1")
                .message
                .contains("at most 1 may")
        );
        silent("er-gw-circuits", &y2017(4, false));
    }

    #[test]
    fn er_vnet_links_uses_standard_and_premium_limits() {
        let mut script = String::from("site dc 172.16.0.0/16 circuit=50\n");
        for i in 0..11 {
            let _ = writeln!(
                script,
                "vnet v{i} 10.{i}.0.0/16\nsubnet v{i} GatewaySubnet 10.{i}.255.0/27\ngateway v{i} er ErGw1AZ\nlink er v{i} dc"
            );
        }
        assert_eq!(fires("er-vnet-links", &script, "dc").hint, "set dc premium=true");
        silent("er-vnet-links", &format!("{script}set dc premium=true"));
        silent("er-vnet-links", &script.replace("link er v10 dc\n", ""));
    }

    #[test]
    fn er_fastpath_needs_ultra_performance() {
        let f = fires("er-fastpath", &format!("{HUB}gateway hub er ErGw2AZ fastpath"), "hub");
        assert_eq!(f.hint, "set hub er-sku=ErGw3AZ, or set hub fastpath=false");
        fires(
            "er-fastpath",
            &format!("catalog 2017\n{HUB}gateway hub er UltraPerformance fastpath"),
            "hub",
        );
        silent("er-fastpath", &format!("{HUB}gateway hub er ErGw3AZ fastpath"));
    }

    #[test]
    fn er_gw_bottleneck_warns_when_the_gateway_is_slower_than_the_circuit() {
        let script = format!("{HUB}gateway hub er ErGw1AZ\nsite dc 172.16.0.0/16 circuit=2000\nlink er hub dc");
        let f = fires("er-gw-bottleneck", &script, "dc");
        assert_eq!(f.hint, "set hub er-sku=ErGw2AZ");
        assert_eq!(
            fires("er-gw-bottleneck", &script.replace("ErGw1AZ", "ErGwScale"), "hub").hint,
            "set hub units=2"
        );
        silent("er-gw-bottleneck", &script.replace("ErGw1AZ", "ErGw2AZ"));
        silent(
            "er-gw-bottleneck",
            &script.replace("ErGw1AZ", "ErGw3AZ fastpath").replace("2000", "10000"),
        );
        silent("er-gw-bottleneck", &script.replace("ErGw1AZ", "ErGwScale units=2"));
    }

    #[test]
    fn er_gw_units_stays_within_40() {
        fires("er-gw-units", &format!("{HUB}gateway hub er ErGwScale units=41"), "hub");
        silent("er-gw-units", &format!("{HUB}gateway hub er ErGwScale units=40"));
    }
}
