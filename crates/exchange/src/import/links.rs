//! Mapping connections and peerings onto links: S2S (`IPsec`), V2V (one link from the two directions),
//! ExpressRoute (gateway bypass becomes the gateway's FastPath), and peerings (one link from the two
//! sides, a side's flags kept on that side; a VNet outside the input becomes an external VNet node).

use vnetsketch_model::hash::FxMap;

use super::json::Json;
use vnetsketch_model::format::VnetFile;
use vnetsketch_model::{LinkKind, NodeKind};

use super::Entry;
use super::build::{CONNECTION, Ctx, GwKind, PEERING, VNET, link_file, text};
use super::id::{ArmId, parse_id};
use super::read::dig;
use crate::plan;

fn id_at(body: &Json<'_>, key: &str) -> Option<ArmId> {
    dig(body, &[key, "id"]).and_then(Json::as_str).and_then(parse_id)
}

fn flag(body: &Json<'_>, key: &str) -> bool {
    dig(body, &[key]).and_then(Json::as_bool).unwrap_or(false)
}

fn non_empty(body: &Json<'_>, key: &str) -> bool {
    dig(body, &[key])
        .and_then(Json::as_array)
        .is_some_and(|a| !a.is_empty())
}

/// Node names and kinds of what has been mapped so far.
fn nodes(ctx: &Ctx<'_, '_>) -> FxMap<String, NodeKind> {
    let f = &ctx.file;
    f.vnets
        .iter()
        .map(|v| (v.name.clone(), NodeKind::Vnet))
        .chain(f.sites.iter().map(|s| (s.name.clone(), NodeKind::Site)))
        .chain(f.users.iter().map(|u| (u.name.clone(), NodeKind::Users)))
        .collect()
}

/// The ends a vnetsketch export recorded in the connection's tag, when they name mapped nodes of the
/// right kinds (a link whose gateway the design lacks still comes back).
fn tagged_ends(
    ctx: &Ctx<'_, '_>,
    i: usize,
    kind: LinkKind,
    known: &FxMap<String, NodeKind>,
) -> Option<(String, String)> {
    let tag = ctx.res[i].tag(plan::TAG_LINK)?;
    let mut words = tag.split_whitespace();
    let (k, a, b) = (words.next()?, words.next()?, words.next()?);
    (k.parse::<LinkKind>().ok()? == kind
        && known.get(a) == Some(&NodeKind::Vnet)
        && known.get(b) == Some(&kind.b_kind()))
    .then(|| (a.to_owned(), b.to_owned()))
}

/// Links from connection resources.
pub(crate) fn connections(ctx: &mut Ctx<'_, '_>) {
    let known = nodes(ctx);
    let mut v2v: FxMap<(String, String), usize> = FxMap::default();
    for i in 0..ctx.res.len() {
        if ctx.res[i].id.ty != CONNECTION {
            continue;
        }
        let body = ctx.res[i].body;
        let ty = ctx.res[i].prop("connectionType").and_then(Json::as_str).unwrap_or("");
        let kind = if ty.eq_ignore_ascii_case("IPsec") {
            LinkKind::S2s
        } else if ty.eq_ignore_ascii_case("Vnet2Vnet") {
            LinkKind::V2v
        } else if ty.eq_ignore_ascii_case("ExpressRoute") {
            LinkKind::Er
        } else {
            ctx.skip(
                i,
                format!("connection type `{ty}`: the design draws IPsec, Vnet2Vnet and ExpressRoute"),
            );
            continue;
        };
        let gateway = |ctx: &Ctx<'_, '_>, key: &str, want: GwKind| {
            let r = ctx.index.resolve(ctx.res, &id_at(body, key)?)?;
            let (vnet, k) = ctx.gateway_of.get(&r)?;
            (*k == want).then(|| vnet.clone())
        };
        let site = |ctx: &Ctx<'_, '_>, key: &str| {
            let r = ctx.index.resolve(ctx.res, &id_at(body, key)?)?;
            ctx.site_of.get(&r).map(|s| ctx.file.sites[*s].name.clone())
        };
        let ends = match kind {
            LinkKind::S2s => gateway(ctx, "virtualNetworkGateway1", GwKind::Vpn).zip(site(ctx, "localNetworkGateway2")),
            LinkKind::V2v => gateway(ctx, "virtualNetworkGateway1", GwKind::Vpn).zip(gateway(
                ctx,
                "virtualNetworkGateway2",
                GwKind::Vpn,
            )),
            _ => gateway(ctx, "virtualNetworkGateway1", GwKind::Er).zip(site(ctx, "peer")),
        };
        let Some((a, b)) = ends.or_else(|| tagged_ends(ctx, i, kind, &known)) else {
            ctx.skip(
                i,
                format!(
                    "a {} connection whose gateway or other end is not in the input (or was not mapped)",
                    kind.label()
                ),
            );
            continue;
        };
        let bgp = flag(body, "enableBgp");
        let custom = non_empty(body, "ipsecPolicies");
        let nat = non_empty(body, "ingressNatRules")
            || non_empty(body, "egressNatRules")
            || ctx.res[i]
                .tag(plan::TAG_NAT)
                .is_some_and(|t| t.eq_ignore_ascii_case("true"));
        if kind == LinkKind::Er
            && flag(body, "expressRouteGatewayBypass")
            && let Some(gw) = ctx
                .file
                .vnets
                .iter_mut()
                .find(|v| v.name == a)
                .and_then(|v| v.er_gateway.as_mut())
        {
            gw.fastpath = true;
        }
        if kind == LinkKind::V2v {
            let key = if a < b {
                (a.clone(), b.clone())
            } else {
                (b.clone(), a.clone())
            };
            if let Some(&l) = v2v.get(&key) {
                let link = &mut ctx.file.links[l];
                link.bgp |= bgp;
                link.custom_ipsec |= custom;
                link.nat |= nat;
                ctx.mapped(i, format!("the {b} side of VNet-to-VNet {a} {b}"));
                continue;
            }
            v2v.insert(key, ctx.file.links.len());
        }
        let mut link = link_file(kind, &a, &b);
        link.bgp = bgp && kind != LinkKind::Er;
        link.custom_ipsec = custom && kind != LinkKind::Er;
        link.nat = nat && kind != LinkKind::Er;
        ctx.file.links.push(link);
        ctx.mapped(i, format!("{} link {a} {b}", kind.label()));
    }
}

/// One side of a peering, inline in its VNet or a child resource.
struct Side<'d> {
    /// The resource it came from (its VNet, or the peering itself).
    i: usize,
    local: String,
    body: &'d Json<'d>,
    entry: Entry,
}

/// Links from peerings.
pub(crate) fn peerings(ctx: &mut Ctx<'_, '_>) {
    let mut sides = Vec::new();
    for i in 0..ctx.res.len() {
        let res = &ctx.res[i];
        if res.id.ty == VNET {
            let Some(v) = ctx.vnet_of.get(&i) else { continue };
            let local = ctx.file.vnets[*v].name.clone();
            for (k, item) in res
                .prop("virtualNetworkPeerings")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let id = item.get("id").and_then(Json::as_str).map_or_else(
                    || {
                        format!(
                            "{}/virtualNetworkPeerings/{}",
                            res.raw_id,
                            item.get("name").map(text).unwrap_or_default()
                        )
                    },
                    str::to_owned,
                );
                let path = format!("{}.properties.virtualNetworkPeerings[{k}]", res.path);
                sides.push(Side {
                    i,
                    local: local.clone(),
                    body: item,
                    entry: Entry {
                        id,
                        path,
                        message: String::new(),
                    },
                });
            }
        } else if res.id.ty == PEERING {
            let parent = res.id.parent().and_then(|p| ctx.index.resolve(ctx.res, &p));
            match parent.and_then(|p| ctx.vnet_of.get(&p)) {
                Some(v) => sides.push(Side {
                    i,
                    local: ctx.file.vnets[*v].name.clone(),
                    body: res.body,
                    entry: ctx.entry(i, ""),
                }),
                None => ctx.skip(i, "a peering whose VNet is not in the input (or was not mapped)"),
            }
        }
    }
    let mut external: FxMap<String, String> = FxMap::default();
    // Unordered pair → (link index, sides seen: a, b; a side reported Connected).
    let mut pairs: FxMap<(String, String), (usize, bool, bool, bool)> = FxMap::default();
    for side in sides {
        let report = |ctx: &mut Ctx<'_, '_>, skipped: bool, message: String| {
            let e = Entry {
                message,
                ..side.entry.clone()
            };
            if skipped {
                ctx.report.skipped.push(e);
            } else {
                ctx.report.mapped.push(e);
            }
        };
        let Some(remote_id) = id_at(side.body, "remoteVirtualNetwork") else {
            report(ctx, true, "a peering without remoteVirtualNetwork.id".into());
            continue;
        };
        let internal = ctx
            .index
            .resolve(ctx.res, &remote_id)
            .and_then(|r| ctx.vnet_of.get(&r))
            .map(|v| ctx.file.vnets[*v].name.clone());
        let remote = match internal.clone() {
            Some(name) => name,
            None => match external.get(&remote_id.key()) {
                Some(name) => name.clone(),
                None => match external_vnet(ctx, &side, &remote_id) {
                    Some(name) => {
                        external.insert(remote_id.key(), name.clone());
                        name
                    }
                    None => continue,
                },
            },
        };
        if remote == side.local {
            report(ctx, true, format!("a peering of {remote} with itself"));
            continue;
        }
        let connected = dig(side.body, &["peeringState"])
            .and_then(Json::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("Connected"));
        let transit = flag(side.body, "allowGatewayTransit");
        let use_remote = flag(side.body, "useRemoteGateways");
        let forwarded = flag(side.body, "allowForwardedTraffic");
        let key = if side.local < remote {
            (side.local.clone(), remote.clone())
        } else {
            (remote.clone(), side.local.clone())
        };
        let l = if let Some((l, seen_a, seen_b, conn)) = pairs.get_mut(&key) {
            {
                let at_a = ctx.file.links[*l].a == side.local;
                let seen = if at_a { seen_a } else { seen_b };
                if *seen {
                    report(
                        ctx,
                        true,
                        format!("a second peering from {} to {remote}; the first is kept", side.local),
                    );
                    continue;
                }
                *seen = true;
                *conn |= connected;
                *l
            }
        } else {
            {
                pairs.insert(
                    key,
                    (ctx.file.links.len(), true, false, connected || internal.is_none()),
                );
                ctx.file.links.push(link_file(LinkKind::Peering, &side.local, &remote));
                ctx.file.links.len() - 1
            }
        };
        let link = &mut ctx.file.links[l];
        let me = side.local.clone();
        if forwarded && !link.allow_forwarded_traffic.contains(&me) {
            link.allow_forwarded_traffic.push(me.clone());
        }
        if transit && !link.allow_gateway_transit.contains(&me) {
            link.allow_gateway_transit.push(me.clone());
        }
        if use_remote && !link.use_remote_gateways.contains(&me) {
            link.use_remote_gateways.push(me);
        }
        report(ctx, false, format!("peering {} to {remote}", side.local));
    }
    for (l, seen_a, seen_b, connected) in pairs.into_values() {
        ctx.file.links[l].one_sided = seen_a != seen_b && !connected;
    }
}

/// An external VNet node for a peering's remote VNet that is not in the input.
fn external_vnet(ctx: &mut Ctx<'_, '_>, side: &Side<'_>, remote: &ArmId) -> Option<String> {
    let space = dig(side.body, &["remoteVirtualNetworkAddressSpace", "addressPrefixes"])
        .or_else(|| dig(side.body, &["remoteAddressSpace", "addressPrefixes"]));
    let prefixes = ctx.prefixes(side.i, space, "remote address prefix");
    let wanted = remote.names.first().cloned().unwrap_or_default();
    let where_ = match (&remote.sub, &remote.rg) {
        (Some(s), Some(r)) => format!(" (subscription {s}, resource group {r})"),
        _ => String::new(),
    };
    if prefixes.is_empty() || remote.ty != VNET {
        ctx.report.skipped.push(Entry {
            message: format!(
                "a peering from {} to VNet {wanted}{where_}, which is not in the input and whose address space the peering does not give",
                side.local
            ),
            ..side.entry.clone()
        });
        return None;
    }
    let name = ctx.node_name(side.i, &wanted);
    ctx.report.external.push(Entry {
        message: format!(
            "VNet {wanted}{where_} is not in the input; added as external VNet {name} ({}) so the peering from {} has an end",
            prefixes.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "),
            side.local
        ),
        id: format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Network/virtualNetworks/{wanted}",
            remote.sub.as_deref().unwrap_or("?"),
            remote.rg.as_deref().unwrap_or("?")
        ),
        path: side.entry.path.clone(),
    });
    ctx.file.vnets.push(VnetFile {
        name: name.clone(),
        address_space: prefixes,
        region: None,
        classic: false,
        subnets: Vec::new(),
        vpn_gateway: None,
        er_gateway: None,
        x: 0,
        y: 0,
        pinned: false,
    });
    Some(name)
}
