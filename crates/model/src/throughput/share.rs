//! The VPN gateways' split: weighted max-min fair shares by progressive filling.
//!
//! Every S2S, VNet-to-VNet and P2S connection is a flow through its gateway (a VNet-to-VNet flow
//! through both). A P2S group weighs its planned concurrent clients, each client being a tunnel of its
//! own; the others weigh one. All flows grow together, a flow of weight `w` at `w` times the common
//! level, until the flow meets its own cap (the per-tunnel figure, the site's uplink) or a gateway it
//! crosses runs out of aggregate; then it stops and the others share what is left. So a link that
//! cannot use its share leaves it to the others, and no flow could get more without taking from one
//! that has less: the max-min fair share. One event heap: O(F log F) for F flows.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fmt::Write as _;

use crate::design::LinkKind;
use crate::sku::VpnSku;
use crate::validate::ends::Sound;
use crate::validate::index::Ctx;

/// Which figures the split uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// AES256+SHA256 per-tunnel rates, the catalog aggregate per gateway.
    Conservative,
    /// GCMAES256 per-tunnel rates, both active-active instances (aggregate and tunnels doubled).
    Optimistic,
}

/// What caps a flow by itself, written in words only if it is what stops the flow.
#[derive(Clone, Copy, Debug)]
enum CapWhy<'d> {
    /// No cap of its own.
    None,
    /// The gateway's per-tunnel figure (SKU, Mbps, per P2S client).
    Tunnel(VpnSku, f64, bool),
    /// The site's uplink (site, Mbps).
    Uplink(&'d str, u32),
}

impl CapWhy<'_> {
    fn words(self) -> String {
        match self {
            CapWhy::None => String::new(),
            CapWhy::Tunnel(sku, t, p2s) => {
                let each = if p2s { " per client" } else { "" };
                format!("{sku} per-tunnel cap {t} Mbps{each} (AES256+SHA256)")
            }
            CapWhy::Uplink(site, up) => format!("{site} uplink {up} Mbps"),
        }
    }
}

/// What stopped a flow.
#[derive(Clone, Debug)]
enum Stop<'d> {
    /// Its own cap.
    Cap(CapWhy<'d>),
    /// Gateway `k` ran out.
    Gateway(usize),
}

/// One flow's outcome: its rate, its rate per tunnel, and what limits it (words in conservative mode).
#[derive(Clone, Debug)]
pub(crate) struct Share {
    /// Mbps of the whole link.
    pub mbps: f64,
    /// Mbps per tunnel (per client for P2S).
    pub per_tunnel: f64,
    /// What limits it.
    pub why: String,
}

struct Gateway<'d> {
    vnet: &'d str,
    sku: VpnSku,
    aggregate: f64,
    remaining: f64,
    weight: f64,
    level: f64,
    version: u32,
    flows: Vec<usize>,
    /// Weights of all its flows, and whether a flow stopped at its own cap before it ran out.
    total_weight: f64,
    capped_before: bool,
    saturated: bool,
}

struct Flow<'d> {
    weight: f64,
    cap: f64,
    cap_why: CapWhy<'d>,
    gateways: [usize; 2],
    ends: usize,
    level: Option<f64>,
    stop: Option<Stop<'d>>,
}

#[derive(PartialEq)]
struct Event(f64, usize, u32, bool);

impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Event {
    /// Reversed: the heap pops the lowest level first; flows before gateways at one level.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| other.3.cmp(&self.3))
            .then_with(|| other.1.cmp(&self.1))
    }
}

/// The VPN gateway of the node of dense index `i`, as the split sees it: `Err` says why it cannot
/// carry a connection.
fn gateway<'d>(
    ctx: &Ctx<'d>,
    s: &Sound<'d>,
    at_b: bool,
    mode: Mode,
) -> Result<(f64, Option<f64>, Gateway<'d>), String> {
    let v = if at_b { s.b.as_vnet() } else { Some(s.a) };
    let Some(v) = v else {
        return Err(format!("{} is not a VNet", s.link.b));
    };
    let Some(gw) = &v.vpn else {
        return Err(format!("no VPN gateway in {}", v.name));
    };
    let Some(spec) = ctx.catalog.vpn(gw.sku, gw.generation) else {
        return Err(format!(
            "{} Gen{} is not in the {} catalog",
            gw.sku,
            gw.generation,
            ctx.era()
        ));
    };
    let both = mode == Mode::Optimistic && gw.active_active && spec.active_active;
    let instances = if both { 2.0 } else { 1.0 };
    let tunnel = match mode {
        Mode::Conservative => spec.per_tunnel_mbps,
        Mode::Optimistic => spec.per_tunnel_gcm_mbps.or(spec.per_tunnel_mbps),
    };
    let aggregate = f64::from(spec.aggregate_mbps) * instances;
    Ok((
        instances,
        tunnel.map(f64::from),
        Gateway {
            vnet: &v.name,
            sku: gw.sku,
            aggregate,
            remaining: aggregate,
            weight: 0.0,
            level: 0.0,
            version: 0,
            flows: Vec::new(),
            total_weight: 0.0,
            capped_before: false,
            saturated: false,
        },
    ))
}

/// `true` for the kinds of link that go through VPN gateways (S2S, P2S, VNet-to-VNet): the flows
/// [`allocate`] shares out.
pub(crate) fn is_flow(kind: LinkKind) -> bool {
    matches!(kind, LinkKind::S2s | LinkKind::P2s | LinkKind::V2v)
}

/// The share of every S2S, P2S and VNet-to-VNet link of the sound links ([`is_flow`]), in their order
/// (`Err` with the reason where a gateway cannot carry it; `None` only for a link no step reached).
/// Words only in conservative mode.
pub(crate) fn allocate(ctx: &Ctx<'_>, mode: Mode) -> Vec<Option<Result<Share, String>>> {
    let words = mode == Mode::Conservative;
    let mut out: Vec<Option<Result<Share, String>>> = Vec::new();
    let mut gateways: Vec<Gateway<'_>> = Vec::new();
    let mut gw_index: crate::hash::FxMap<u32, usize> = crate::hash::FxMap::default();
    let mut flows: Vec<(usize, Flow)> = Vec::new();
    for s in ctx.sound().iter().filter(|s| is_flow(s.kind)) {
        let si = out.len();
        out.push(None);
        let ends: &[bool] = if s.kind == LinkKind::V2v {
            &[false, true]
        } else {
            &[false]
        };
        let mut flow = Flow {
            weight: 1.0,
            cap: f64::INFINITY,
            cap_why: CapWhy::None,
            gateways: [usize::MAX; 2],
            ends: ends.len(),
            level: None,
            stop: None,
        };
        if let Some(u) = s.b.as_users().filter(|_| s.kind == LinkKind::P2s) {
            flow.weight = f64::from(u.clients.max(1));
        }
        let mut failed = None;
        for (k, &at_b) in ends.iter().enumerate() {
            match gateway(ctx, s, at_b, mode) {
                Err(why) => {
                    failed = Some(why);
                    break;
                }
                Ok((instances, tunnel, gw)) => {
                    let node = if at_b { s.ends.1 } else { s.ends.0 };
                    if let Some(t) = tunnel {
                        // An active-active S2S or VNet-to-VNet connection is a tunnel from each instance.
                        let per = if s.kind == LinkKind::P2s { t } else { t * instances };
                        if per < flow.cap {
                            flow.cap = per;
                            if words {
                                flow.cap_why = CapWhy::Tunnel(gw.sku, t, s.kind == LinkKind::P2s);
                            }
                        }
                    }
                    let idx = *gw_index.entry(node).or_insert_with(|| {
                        // Its links bound its flows: one allocation.
                        gateways.push(Gateway {
                            flows: Vec::with_capacity(ctx.adj_at(node).len()),
                            ..gw
                        });
                        gateways.len() - 1
                    });
                    flow.gateways[k] = idx;
                }
            }
        }
        if let Some(why) = failed {
            out[si] = Some(Err(why));
            continue;
        }
        if s.kind == LinkKind::S2s
            && let Some(up) = s.b.as_site().and_then(|site| site.uplink_mbps)
            && f64::from(up) < flow.cap
        {
            flow.cap = f64::from(up);
            if words {
                flow.cap_why = CapWhy::Uplink(&s.link.b, up);
            }
        }
        let fi = flows.len();
        for &k in &flow.gateways[..flow.ends] {
            gateways[k].weight += flow.weight;
            gateways[k].total_weight += flow.weight;
            gateways[k].flows.push(fi);
        }
        flows.push((si, flow));
    }
    fill(&mut gateways, &mut flows);
    // A gateway's words are the same for every flow it stopped: written once.
    let mut gateway_said: Vec<Option<String>> = vec![None; gateways.len()];
    for (si, f) in &flows {
        let level = f.level.unwrap_or(0.0);
        let why = if words {
            match &f.stop {
                Some(Stop::Cap(w)) => w.words(),
                Some(Stop::Gateway(k)) => gateway_said[*k]
                    .get_or_insert_with(|| gateway_words(&gateways[*k]))
                    .clone(),
                None => String::new(),
            }
        } else {
            String::new()
        };
        out[*si] = Some(Ok(Share {
            mbps: level * f.weight,
            per_tunnel: level,
            why,
        }));
    }
    out
}

fn gateway_words(g: &Gateway<'_>) -> String {
    let n = g.flows.len();
    let mut s = format!("{} {} aggregate {} Mbps", g.vnet, g.sku, g.aggregate);
    if n > 1 {
        let _ = write!(s, " shared by {n} connections");
    }
    if g.total_weight > n as f64 {
        let _ = write!(s, " ({} tunnels: each P2S client is one)", g.total_weight);
    }
    if g.capped_before {
        s.push_str(", with what capped connections leave");
    }
    s
}

/// `x`'s bits as an integer that orders like [`f64::total_cmp`] (what the standard library compares).
fn total_order(x: f64) -> i64 {
    let bits = x.to_bits().cast_signed();
    bits ^ ((bits >> 63).cast_unsigned() >> 1).cast_signed()
}

/// Progressive filling of `flows` through `gateways`.
fn fill<'d>(gateways: &mut [Gateway<'d>], flows: &mut [(usize, Flow<'d>)]) {
    // The flows' caps are known from the start: sorted once, in the heap's order (lowest level
    // first, then lowest flow), and merged with the gateways' events, which the filling moves.
    let mut caps: Vec<Event> = flows
        .iter()
        .enumerate()
        .filter(|(_, (_, f))| f.cap.is_finite())
        .map(|(fi, (_, f))| Event(f.cap, fi, 0, false))
        .collect();
    // `Event`'s order reversed: by level (as `f64::total_cmp` orders them), then by flow, which is
    // the order they were collected in. A stable sort on the level's bits alone: an estate's caps
    // take a handful of values (the catalog's per-tunnel figures, a few uplinks), and runs of equal
    // keys cost the stable sort one partition each.
    caps.sort_by_key(|e| total_order(e.0));
    let mut caps = caps.into_iter().peekable();
    let mut heap = BinaryHeap::with_capacity(2 * gateways.len());
    for (k, g) in gateways.iter().enumerate() {
        if g.weight > 0.0 {
            heap.push(Event(g.remaining / g.weight, k, 0, true));
        }
    }
    // Moves gateway `k` to `level`, takes `weight` off it, and schedules its new saturation.
    let advance = |g: &mut Gateway<'_>, k: usize, level: f64, weight: f64, heap: &mut BinaryHeap<Event>| {
        g.remaining = (g.remaining - g.weight * (level - g.level)).max(0.0);
        g.level = level;
        g.weight -= weight;
        g.version += 1;
        if g.weight > 1e-9 && !g.saturated {
            heap.push(Event(level + g.remaining / g.weight, k, g.version, true));
        }
    };
    // The next event: the heap's top or the next cap, whichever the heap would pop first (`Event`'s
    // order is reversed: the greater pops first).
    let next = |heap: &mut BinaryHeap<Event>, caps: &mut std::iter::Peekable<std::vec::IntoIter<Event>>| match (
        heap.peek(),
        caps.peek(),
    ) {
        (Some(top), Some(cap)) if cap > top => caps.next(),
        (Some(_), _) => heap.pop(),
        (None, _) => caps.next(),
    };
    while let Some(Event(level, id, version, is_gw)) = next(&mut heap, &mut caps) {
        if is_gw {
            let g = &gateways[id];
            if g.version != version || g.saturated {
                continue;
            }
            gateways[id].saturated = true;
            for m in 0..gateways[id].flows.len() {
                let fi = gateways[id].flows[m];
                let f = &mut flows[fi].1;
                if f.level.is_some() {
                    continue;
                }
                f.level = Some(level);
                f.stop = Some(Stop::Gateway(id));
                let (w, gws, ends) = (f.weight, f.gateways, f.ends);
                for &k in gws[..ends].iter().filter(|&&k| k != id) {
                    advance(&mut gateways[k], k, level, w, &mut heap);
                }
            }
        } else {
            let f = &mut flows[id].1;
            if f.level.is_some() {
                continue;
            }
            f.level = Some(level);
            f.stop = Some(Stop::Cap(f.cap_why));
            let (w, gws, ends) = (f.weight, f.gateways, f.ends);
            for &k in &gws[..ends] {
                gateways[k].capped_before = true;
                advance(&mut gateways[k], k, level, w, &mut heap);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_integer_key_orders_levels_as_total_cmp_does() {
        let mut xs = vec![
            650.0,
            0.0,
            -0.0,
            1e-300,
            f64::INFINITY,
            -1.0,
            50.0,
            500.0,
            f64::NEG_INFINITY,
            49.999,
            f64::MAX,
        ];
        let mut by_key = xs.clone();
        by_key.sort_by_key(|x| total_order(*x));
        xs.sort_by(f64::total_cmp);
        assert_eq!(
            by_key.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            xs.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
    }
}
