//! BGP: where it is offered, the ASNs of both ends, peer addresses and the prefix limit.

use std::net::{IpAddr, Ipv4Addr};

use ipnet::{IpNet, Ipv4Net};

use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::cidr;
use crate::design::{Link, LinkId, LinkKind, Vnet, VpnType};
use crate::fix::AZURE_ASN;
use crate::sku::Era;

/// The lines that make every link of `links` a working BGP connection; `None` when one of them
/// cannot be completed (a site with no address to give as its BGP peer).
fn bgp_fix<'l>(ctx: &Ctx<'_>, links: impl IntoIterator<Item = &'l Link>) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for l in links {
        let f = ctx.fix().bgp(l);
        if !f.complete {
            return None;
        }
        for line in f.lines {
            if !out.contains(&line) {
                out.push(line);
            }
        }
    }
    Some(out)
}

fn bgp_offered(ctx: &Ctx<'_>, v: &Vnet) -> Option<bool> {
    let gw = v.vpn.as_ref()?;
    Some(gw.vpn_type == VpnType::RouteBased && ctx.vpn_spec(v).is_none_or(|s| s.bgp))
}

/// Sound BGP links (S2S at the `a` end, VNet-to-VNet at either end) of a VNet.
fn bgp_links<'c, 'd>(
    ctx: &'c Ctx<'d>,
    v: &'c Vnet,
) -> impl Iterator<Item = (LinkId, &'d crate::design::Link, &'d str)> + 'c {
    ctx.vnet_links(&v.name, LinkKind::S2s)
        .chain(ctx.vnet_links(&v.name, LinkKind::V2v))
        .filter(|(_, l, _)| l.bgp)
}

pub const BGP_SKU: Rule = Rule {
    id: "bgp-sku",
    severity: Severity::Error,
    doc: "BGP (a gateway ASN or BGP connections) only on RouteBased gateways whose SKU offers it (not Basic)",
    source: "S17",
    check: bgp_sku,
};

fn bgp_sku(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let (Some(false), Some(gw)) = (bgp_offered(ctx, v), &v.vpn) else {
            continue;
        };
        let links: Vec<(LinkId, &Link)> = bgp_links(ctx, v).map(|(id, l, _)| (id, l)).collect();
        let ids: Vec<LinkId> = links.iter().map(|(id, _)| *id).collect();
        if gw.asn.is_none() && ids.is_empty() {
            continue;
        }
        // Without BGP connections, BGP off; with them, a gateway that offers it and what each needs.
        let fix = if ids.is_empty() {
            vec![format!("set {} asn=none", v.name)]
        } else {
            let mut upgrade = ctx.fix().vpn_sku(v, ctx.fix().suggest_vpn(crate::sku::VpnSku::VpnGw1));
            match bgp_fix(ctx, links.iter().map(|(_, l)| *l)) {
                Some(rest) => {
                    upgrade.extend(
                        rest.into_iter()
                            .filter(|l| !l.starts_with(&format!("set {} vpn-sku=", v.name))),
                    );
                    upgrade
                }
                None => Vec::new(),
            }
        };
        let what = if gw.vpn_type == VpnType::PolicyBased {
            "PolicyBased".to_owned()
        } else {
            gw.sku.to_string()
        };
        out.emit(
            format!(
                "{}'s {what} gateway cannot do BGP, but it has {} and {} BGP connections",
                v.name,
                gw.asn.map_or("no ASN".to_owned(), |a| format!("ASN {a}")),
                ids.len()
            ),
            &[&v.name],
            &ids,
            format!(
                "set {} asn=none and use static routes, or set {} vpn-sku=VpnGw1AZ",
                v.name, v.name
            ),
            fix,
        );
    }
}

pub const BGP_ENABLED: Rule = Rule {
    id: "bgp-enabled",
    severity: Severity::Error,
    doc: "a BGP connection needs BGP on the gateway (an ASN) at each VNet end and an ASN on the site",
    source: "S17",
    check: bgp_enabled,
};

fn bgp_enabled(ctx: &Ctx<'_>, out: &mut Out) {
    for s in ctx
        .sound()
        .iter()
        .filter(|s| matches!(s.kind, LinkKind::S2s | LinkKind::V2v) && s.link.bgp)
    {
        let (id, l) = (s.id, s.link);
        // The VNet ends, as the index resolved them: `a`, and `b` of a VNet-to-VNet link.
        let b = s.b.as_vnet().filter(|_| l.kind == LinkKind::V2v);
        for v in std::iter::once(s.a).chain(b) {
            let name = v.name.as_str();
            if bgp_offered(ctx, v) == Some(true) && v.vpn.as_ref().is_some_and(|g| g.asn.is_none()) {
                let line = format!("set {name} asn={}", ctx.fix().asns().gateway_asn(name));
                out.emit(
                    format!("{} uses BGP, but BGP is off on {name}'s gateway (no ASN)", l.describe()),
                    &[name, l.other(name).unwrap_or_default()],
                    &[id],
                    line.clone(),
                    vec![line],
                );
            }
        }
        if l.kind == LinkKind::S2s && s.b.as_site().is_some_and(|site| site.asn.is_none()) {
            let line = asn_hint(ctx, &l.b, true);
            out.emit(
                format!("{} uses BGP, but site {} has no ASN", l.describe(), l.b),
                &[&l.b, &l.a],
                &[id],
                line.clone(),
                vec![line],
            );
        }
    }
}

fn azure_reserved(asn: u32) -> bool {
    matches!(asn, 8074 | 8075 | 12076 | 65515 | 65517..=65520)
}

fn iana_reserved(asn: u32) -> bool {
    matches!(asn, 0 | 23456 | 64496..=64511 | 65535..=65551 | 4_294_967_295)
}

/// Every ASN of the design with its owner and whether it is an on-premises one.
fn asns<'d>(ctx: &Ctx<'d>) -> impl Iterator<Item = (&'d str, u32, bool)> {
    let gws = ctx
        .gateway_vnets()
        .filter_map(|v| Some((v.name.as_str(), v.vpn.as_ref()?.asn?, false)));
    let sites = ctx.sites().filter_map(|s| Some((s.name.as_str(), s.asn?, true)));
    gws.chain(sites)
}

/// `set OWNER asn=N` with the ASN the plan gives a site or a gateway (see `fix/asn.rs`): 65020 and
/// 65515 unless a BGP neighbour has them.
fn asn_hint(ctx: &Ctx<'_>, owner: &str, onprem: bool) -> String {
    let asns = ctx.fix().asns();
    let asn = if onprem {
        asns.site_asn(owner)
    } else {
        asns.gateway_asn(owner)
    };
    format!("set {owner} asn={asn}")
}

pub const BGP_ASN_AZURE_RESERVED: Rule = Rule {
    id: "bgp-asn-azure-reserved",
    severity: Severity::Error,
    doc: "an on-premises ASN is not one Azure reserves: 8074, 8075, 12076, 65515, 65517-65520 (pre-2017 FAQ text wrongly listed 8075, 8076, 12076)",
    source: "S16, S17",
    check: bgp_asn_azure_reserved,
};

fn bgp_asn_azure_reserved(ctx: &Ctx<'_>, out: &mut Out) {
    for (owner, asn, _) in asns(ctx).filter(|&(_, asn, onprem)| onprem && azure_reserved(asn)) {
        out.emit(
            format!("site {owner}'s ASN {asn} is reserved by Azure"),
            &[owner],
            &[],
            asn_hint(ctx, owner, true),
            vec![asn_hint(ctx, owner, true)],
        );
    }
}

pub const BGP_ASN_IANA_RESERVED: Rule = Rule {
    id: "bgp-asn-iana-reserved",
    severity: Severity::Error,
    doc: "no ASN is IANA-reserved: 23456, 64496-64511, 65535-65551, 4294967295 (docs print 429496729), and 0 (RFC 7607, our addition)",
    source: "S16, S17",
    check: bgp_asn_iana_reserved,
};

fn bgp_asn_iana_reserved(ctx: &Ctx<'_>, out: &mut Out) {
    for (owner, asn, onprem) in asns(ctx).filter(|&(_, asn, _)| iana_reserved(asn)) {
        let who = if onprem {
            format!("site {owner}'s")
        } else {
            format!("{owner}'s gateway")
        };
        out.emit(
            format!("{who} ASN {asn} is reserved by IANA"),
            &[owner],
            &[],
            asn_hint(ctx, owner, onprem),
            vec![asn_hint(ctx, owner, onprem)],
        );
    }
}

pub const BGP_ASN_DISTINCT: Rule = Rule {
    id: "bgp-asn-distinct",
    severity: Severity::Error,
    doc: "the two ends of a BGP connection have different ASNs (site versus gateway; gateway versus gateway for VNet-to-VNet)",
    source: "S17",
    check: bgp_asn_distinct,
};

fn bgp_asn_distinct(ctx: &Ctx<'_>, out: &mut Out) {
    let gw_asn = |name: &str| ctx.vnet(name).and_then(|v| v.vpn.as_ref()).and_then(|g| g.asn);
    for (id, l) in ctx.sound_links().filter(|(_, l)| l.bgp) {
        let other = match l.kind {
            LinkKind::S2s => ctx.site(&l.b).and_then(|s| s.asn),
            LinkKind::V2v => gw_asn(&l.b),
            _ => continue,
        };
        if let (Some(a), Some(b)) = (gw_asn(&l.a), other)
            && a == b
        {
            // The site changes; between two gateways, the one that does not need 65515 for transit.
            let asns = ctx.fix().asns();
            let hint = if l.kind == LinkKind::S2s {
                format!("set {} asn={}", l.b, asns.site_asn(&l.b))
            } else if asns.wants_azure(&l.b) && !asns.wants_azure(&l.a) {
                format!("set {} asn={}", l.a, asns.gateway_asn(&l.a))
            } else {
                format!("set {} asn={}", l.b, asns.gateway_asn(&l.b))
            };
            out.emit(
                format!("both ends of BGP connection {} use ASN {a}", l.describe()),
                &[&l.a, &l.b],
                &[id],
                hint.clone(),
                vec![hint],
            );
        }
    }
}

pub const BGP_ASN_32BIT: Rule = Rule {
    id: "bgp-asn-32bit",
    severity: Severity::Info,
    doc: "4-byte ASNs were rejected 2017-2019 (error) and are supported now in decimal via PowerShell/CLI/SDK (info)",
    source: "S17, S16",
    check: bgp_asn_32bit,
};

fn bgp_asn_32bit(ctx: &Ctx<'_>, out: &mut Out) {
    for (owner, asn, onprem) in asns(ctx).filter(|&(_, asn, _)| asn > 65535 && !iana_reserved(asn)) {
        let hint = asn_hint(ctx, owner, onprem);
        if ctx.catalog.asn_32bit {
            out.emit(
                format!("{owner} uses the 4-byte ASN {asn}: set it in decimal through PowerShell, CLI or an SDK"),
                &[owner],
                &[],
                hint.clone(),
                vec![hint],
            );
        } else {
            out.emit_with(
                Severity::Error,
                format!(
                    "{owner} uses the 4-byte ASN {asn}, which the {} gateways reject",
                    ctx.era()
                ),
                &[owner],
                &[],
                hint.clone(),
                vec![hint],
            );
        }
    }
}

fn apipa_range_ok(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    a == 169 && b == 254 && (c == 21 || c == 22)
}

pub const BGP_PEER_IP: Rule = Rule {
    id: "bgp-peer-ip",
    severity: Severity::Error,
    doc: "a site's BGP address differs from its device IP and lies outside the VNet; Azure APIPA BGP addresses lie in 169.254.21.0-169.254.22.255 (2017: no APIPA)",
    source: "S16, S17",
    check: bgp_peer_ip,
};

fn bgp_peer_ip(ctx: &Ctx<'_>, out: &mut Out) {
    let apipa_net = IpNet::V4(Ipv4Net::new(Ipv4Addr::new(169, 254, 0, 0), 16).unwrap_or_default());
    for s in ctx.sites() {
        let Some(bgp_ip) = s.bgp_ip else { continue };
        // The hint and the fix of a finding about the site: most sites have none, so they are
        // written only for a finding.
        let hint_fix = || {
            let hint = format!(
                "set {} bgp-ip=<an address of the device inside {}'s own network>",
                s.name, s.name
            );
            let fix: Vec<String> = ctx
                .fix()
                .bgp_ip(s)
                .filter(|ip| ctx.era() == Era::Current || !ip.is_link_local())
                .map(|ip| format!("set {} bgp-ip={ip}", s.name))
                .into_iter()
                .collect();
            (hint, fix)
        };
        if s.ip.map(IpAddr::V4) == Some(bgp_ip) {
            let (hint, fix) = hint_fix();
            out.emit(
                format!("site {}'s BGP address {bgp_ip} is its device's public IP", s.name),
                &[&s.name],
                &[],
                hint,
                fix,
            );
        }
        if ctx.era() == Era::Y2017 && cidr::contains(&apipa_net, &IpNet::from(bgp_ip)) {
            let (hint, fix) = hint_fix();
            out.emit(
                format!(
                    "site {}'s BGP address {bgp_ip} is APIPA, which the 2017 gateways do not accept",
                    s.name
                ),
                &[&s.name],
                &[],
                hint,
                fix,
            );
        }
        for x in ctx
            .adj_of(&s.name)
            .iter()
            .filter(|x| x.kind == LinkKind::S2s && !x.at_a)
        {
            let Some(v) = x.other.as_vnet() else { continue };
            if v.prefixes.iter().any(|p| cidr::contains(p, &IpNet::from(bgp_ip))) {
                let (hint, fix) = hint_fix();
                out.emit(
                    format!(
                        "site {}'s BGP address {bgp_ip} lies inside VNet {}'s space",
                        s.name, v.name
                    ),
                    &[&s.name, &v.name],
                    &[x.id],
                    hint,
                    fix,
                );
            }
        }
    }
    for v in ctx.gateway_vnets() {
        let Some(apipa) = v.vpn.as_ref().and_then(|g| g.apipa) else {
            continue;
        };
        if ctx.era() == Era::Y2017 {
            out.emit(
                format!(
                    "{}'s gateway has the custom APIPA BGP address {apipa}, which 2017 gateways do not offer",
                    v.name
                ),
                &[&v.name],
                &[],
                format!("set {} apipa=none", v.name),
                vec![format!("set {} apipa=none", v.name)],
            );
        } else if !apipa_range_ok(apipa) {
            out.emit(
                format!(
                    "{}'s gateway APIPA BGP address {apipa} is outside 169.254.21.0-169.254.22.255",
                    v.name
                ),
                &[&v.name],
                &[],
                format!("set {} apipa=169.254.21.1", v.name),
                vec![format!("set {} apipa=169.254.21.1", v.name)],
            );
        }
    }
}

pub const BGP_PREFIX_CAP: Rule = Rule {
    id: "bgp-prefix-cap",
    severity: Severity::Warning,
    doc: "a BGP site advertises at most 4000 prefixes to the VPN gateway (the session drops above); per site, no 2017 figure",
    source: "S16",
    check: bgp_prefix_cap,
};

fn bgp_prefix_cap(ctx: &Ctx<'_>, out: &mut Out) {
    let Some(limit) = ctx.catalog.bgp_prefix_limit else {
        return;
    };
    for s in ctx.sites() {
        let advertised = if s.advertised > 0 {
            s.advertised as usize
        } else {
            s.prefixes.len()
        };
        if advertised <= limit as usize {
            continue;
        }
        let links: Vec<(LinkId, &str)> = ctx
            .adj_of(&s.name)
            .iter()
            .filter(|x| x.kind == LinkKind::S2s && x.link.bgp && !x.at_a)
            .map(|x| (x.id, x.other.name()))
            .collect();
        if links.is_empty() {
            continue;
        }
        let mut nodes = vec![s.name.as_str()];
        nodes.extend(links.iter().map(|(_, v)| *v));
        let ids: Vec<LinkId> = links.iter().map(|(id, _)| *id).collect();
        out.emit(
            format!(
                "site {} advertises {advertised} prefixes over BGP; the gateway drops the session above {limit}",
                s.name
            ),
            &nodes,
            &ids,
            format!(
                "summarize the routes on the device: set {} advertised={limit} or fewer",
                s.name
            ),
            vec![format!("set {} advertised={limit}", s.name)],
        );
    }
}

pub const BGP_ASN_GATEWAY_RESERVED: Rule = Rule {
    id: "bgp-asn-gateway-reserved",
    severity: Severity::Error,
    doc: "a VPN gateway's own ASN is not one Azure reserves for its peerings: 8074, 8075, 12076, 65517-65520 (65515 is the gateway default)",
    source: "S17, S16",
    check: bgp_asn_gateway_reserved,
};

fn bgp_asn_gateway_reserved(ctx: &Ctx<'_>, out: &mut Out) {
    for (owner, asn, _) in asns(ctx).filter(|&(_, asn, onprem)| !onprem && asn != AZURE_ASN && azure_reserved(asn)) {
        out.emit(
            format!("{owner}'s gateway ASN {asn} is reserved by Azure for its internal and external peerings"),
            &[owner],
            &[],
            asn_hint(ctx, owner, false),
            vec![asn_hint(ctx, owner, false)],
        );
    }
}

#[cfg(test)]
mod tests;
