//! The property tables of the link kinds. S2S and VNet-to-VNet connections share their rows, P2S has
//! NAT only, a peering has its per-side gateway flags, and an ExpressRoute connection has none.

use super::row::{BOOL, Choices, Property, set};
use super::value::{Prop, bad_value, parse_bool};
use crate::design::Link;
use crate::error::EditError;

type LinkRow = Property<Link>;

const BGP: LinkRow = LinkRow::new(
    "bgp",
    "BGP on this connection (both gateways need an ASN)",
    |l| l.bgp.to_string(),
    |l, p, _| set(&mut l.bgp, parse_bool(p)?),
)
.choices(BOOL);

const CUSTOM_IPSEC: LinkRow = LinkRow::new(
    "custom-ipsec",
    "a custom IPsec/IKE policy on this connection",
    |l| l.custom_ipsec.to_string(),
    |l, p, _| set(&mut l.custom_ipsec, parse_bool(p)?),
)
.choices(BOOL);

const NAT: LinkRow = LinkRow::new(
    "nat",
    "the gateway's NAT rules translate this connection",
    |l| l.nat.to_string(),
    |l, p, _| set(&mut l.nat, parse_bool(p)?),
)
.choices(BOOL);

/// The per-side flags of a peering as text: the ends that have it, `a+b` for both, `none`.
fn sides(l: &Link, on_a: bool, on_b: bool) -> String {
    match (on_a, on_b) {
        (true, true) => format!("{}+{}", l.a, l.b),
        (true, false) => l.a.clone(),
        (false, true) => l.b.clone(),
        (false, false) => "none".to_owned(),
    }
}

/// `key=VNET` sets a per-side peering flag on that end's side; `key=none` clears both sides.
fn set_side(l: &mut Link, p: &Prop, transit: bool) -> Result<(), EditError> {
    let key = p.key.as_str();
    let side = p
        .value
        .as_deref()
        .ok_or_else(|| bad_value(key, "", "expected the VNet's name, as key=VNET"))?;
    let clear = side.eq_ignore_ascii_case("none");
    let (on_a, on_b) = (side == l.a, side == l.b);
    if !clear && !on_a && !on_b {
        return Err(bad_value(
            key,
            side,
            format!("expected {} or {} (an end of this peering), or none", l.a, l.b),
        ));
    }
    let (fa, fb) = if transit {
        (&mut l.a_allow_transit, &mut l.b_allow_transit)
    } else {
        (&mut l.a_use_remote, &mut l.b_use_remote)
    };
    if clear {
        (*fa, *fb) = (false, false);
    } else {
        *fa |= on_a;
        *fb |= on_b;
    }
    Ok(())
}

/// The keys of a Site-to-Site connection.
pub static S2S: &[LinkRow] = &[BGP, CUSTOM_IPSEC, NAT];

/// The keys of a Point-to-Site link.
pub static P2S: &[LinkRow] = &[NAT];

/// The keys of a VNet-to-VNet connection.
pub static V2V: &[LinkRow] = &[BGP, CUSTOM_IPSEC, NAT];

/// The keys of a peering.
pub static PEERING: &[LinkRow] = &[
    LinkRow::new(
        "allow-gateway-transit",
        "the named end lets its peer use its gateways (=VNET adds that side, =none clears both)",
        |l| sides(l, l.a_allow_transit, l.b_allow_transit),
        |l, p, _| set_side(l, p, true),
    )
    .choices(Choices::LinkEnd),
    LinkRow::new(
        "use-remote-gateways",
        "the named end uses its peer's gateways (=VNET adds that side, =none clears both)",
        |l| sides(l, l.a_use_remote, l.b_use_remote),
        |l, p, _| set_side(l, p, false),
    )
    .choices(Choices::LinkEnd),
    LinkRow::new(
        "forwarded-traffic",
        "traffic forwarded from outside the peered VNets is allowed",
        |l| l.forwarded_traffic.to_string(),
        |l, p, _| set(&mut l.forwarded_traffic, parse_bool(p)?),
    )
    .choices(BOOL),
    LinkRow::new(
        "one-sided",
        "the peering exists on the first VNet's side only (Initiated, not Connected)",
        |l| l.one_sided.to_string(),
        |l, p, _| set(&mut l.one_sided, parse_bool(p)?),
    )
    .choices(BOOL),
];

/// The keys of an ExpressRoute connection: none yet.
pub static ER: &[LinkRow] = &[];
