//! ExpressRoute: circuits, ER gateways, and coexistence with a VPN gateway.

use std::collections::BTreeMap;

use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::catalog::ErSkuSpec;
use crate::design::{Circuit, ErGateway, LinkId, LinkKind, Site, Vnet, VpnType};
use crate::fix::AZURE_ASN;
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
            let vpn_sku = super::gateways::suggest_vpn(ctx, crate::sku::VpnSku::VpnGw1);
            let mut fix = Vec::new();
            if ctx.vpn_spec(v).is_some_and(|s| !s.coexist) {
                fix.extend(ctx.fix().vpn_sku(v, vpn_sku));
            } else if vpn.vpn_type == VpnType::PolicyBased {
                fix.extend(ctx.fix().route_based(v));
            }
            if ctx.er_spec(v).is_some_and(|s| !s.coexist) {
                fix.push(ctx.fix().er_sku(v, ctx.fix().suggest_er(ErSku::ErGw1AZ)));
            }
            out.emit(
                format!(
                    "{} has VPN and ExpressRoute gateways, but {}",
                    v.name,
                    problems.join(" and ")
                ),
                &[&v.name],
                &[],
                format!("set {} policy-based=false vpn-sku={vpn_sku}", v.name),
                fix,
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
                // Routing on premises is outside the design.
                Vec::new(),
            );
        } else {
            let severity = if asn_65515 { Severity::Info } else { Severity::Warning };
            // The warning's fix gives the gateway 65515 (the info that stays says Route Server is
            // still to deploy, which the model does not see), unless a BGP neighbour holds 65515.
            let mut fix = Vec::new();
            if !asn_65515
                && ctx.fix().asns().gateway_asn(&v.name) == AZURE_ASN
                && let Some(gw) = &v.vpn
            {
                let bgp = gw.vpn_type == VpnType::RouteBased && ctx.vpn_spec(v).is_some_and(|s| s.bgp);
                if !bgp {
                    fix.extend(
                        ctx.fix()
                            .vpn_sku(v, super::gateways::suggest_vpn(ctx, crate::sku::VpnSku::VpnGw1)),
                    );
                }
                fix.push(format!("set {} asn={AZURE_ASN}", v.name));
            }
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
                fix,
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
        out.emit(message, &[&s.name], &[], hint.clone(), vec![hint]);
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
                bigger.map(|sku| ctx.fix().er_sku(v, sku)).into_iter().collect(),
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
                // The circuits past the limit are unlinked (where they go is the user's choice).
                list[per_location..]
                    .iter()
                    .map(|(_, site)| format!("unlink er {} {site}", v.name))
                    .collect(),
            );
        }
    }
}

/// `set SITE circuit=MBPS [premium=true]`: a circuit for `site` that allows every VNet linked to it
/// (1 Gbps Standard, else the smallest Premium that does); `None` when none does.
pub(super) fn circuit_for(ctx: &Ctx<'_>, site: &str) -> Option<String> {
    let mut vnets: Vec<&str> = ctx
        .adj_of(site)
        .iter()
        .filter(|x| x.kind == LinkKind::Er && !x.at_a)
        .map(|x| x.other.name())
        .collect();
    vnets.sort_unstable();
    vnets.dedup();
    if vnets.len() <= ctx.catalog.vnet_links_per_circuit as usize {
        return Some(format!("set {site} circuit=1000"));
    }
    let cap = ctx.catalog.vnet_links_per_premium_circuit;
    ctx.catalog
        .circuit_mbps
        .iter()
        .find(|m| premium_links(**m).min(cap) as usize >= vnets.len())
        .map(|m| format!("set {site} circuit={m} premium=true"))
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
            // Premium, or a larger Premium circuit, where one allows the links.
            let allows =
                |mbps: u32| premium_links(mbps).min(ctx.catalog.vnet_links_per_premium_circuit) as usize >= links.len();
            let offered = if c.direct {
                &ctx.catalog.direct_circuit_mbps
            } else {
                &ctx.catalog.circuit_mbps
            };
            let fix: Vec<String> = if allows(c.mbps) && !c.premium {
                vec![format!("set {} premium=true", s.name)]
            } else {
                offered
                    .iter()
                    .find(|m| **m > c.mbps && allows(**m))
                    .map(|m| format!("set {} circuit={m} premium=true", s.name))
                    .into_iter()
                    .collect()
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
                fix,
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
                vec![target.map_or(format!("set {} fastpath=false", v.name), |t| ctx.fix().er_sku(v, t))],
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
            let units = spec
                .max_units
                .map(|max| c.mbps.div_ceil(spec.aggregate_mbps.max(1)).min(max));
            let (hint, fix) = match (units, fit) {
                (Some(n), _) => {
                    let line = format!("set {} units={n}", v.name);
                    // Capped units may still fall short: then no fix.
                    let enough = u64::from(n) * u64::from(spec.aggregate_mbps) >= u64::from(c.mbps);
                    (line.clone(), if enough { vec![line] } else { Vec::new() })
                }
                (None, Some(sku)) => (format!("set {} er-sku={sku}", v.name), vec![ctx.fix().er_sku(v, sku)]),
                (None, None) => ("accept the gateway as the bottleneck".to_owned(), Vec::new()),
            };
            out.emit(
                format!(
                    "{}'s {} ExpressRoute gateway moves {rate} Mbps, less than the {} Mbps circuit of {}",
                    v.name, gw.sku, c.mbps, site.name
                ),
                &[&v.name, &site.name],
                &[id],
                hint,
                fix,
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
                vec![format!("set {} units={}", v.name, gw.units.clamp(1, max))],
            );
        }
    }
}

#[cfg(test)]
mod tests;
