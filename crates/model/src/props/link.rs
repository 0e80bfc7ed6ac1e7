//! The property tables of the link kinds. S2S and VNet-to-VNet connections share their rows, P2S has
//! NAT only, a peering has its per-side flags (each side's its own row), and an ExpressRoute
//! connection has none.

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

const POLICY_SELECTORS: LinkRow = LinkRow::new(
    "policy-based-selectors",
    "policy-based traffic selectors, for a policy-based device (needs custom-ipsec and a RouteBased gateway)",
    |l| l.policy_selectors.to_string(),
    |l, p, _| set(&mut l.policy_selectors, parse_bool(p)?),
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

/// One of a peering's per-side flags.
#[derive(Clone, Copy)]
enum Flag {
    /// allowGatewayTransit.
    Transit,
    /// useRemoteGateways.
    Remote,
    /// allowForwardedTraffic.
    Forwarded,
}

/// The `a` and `b` sides of `flag` on `l`.
fn flags(l: &mut Link, flag: Flag) -> (&mut bool, &mut bool) {
    match flag {
        Flag::Transit => (&mut l.a_allow_transit, &mut l.b_allow_transit),
        Flag::Remote => (&mut l.a_use_remote, &mut l.b_use_remote),
        Flag::Forwarded => (&mut l.a_allow_forwarded, &mut l.b_allow_forwarded),
    }
}

/// `key=VNET` sets a per-side peering flag on that end's side; `key=none` clears both sides. For
/// `forwarded-traffic` (a flag of both sides at once) `true`/`false` set or clear both.
fn set_side(l: &mut Link, p: &Prop, flag: Flag) -> Result<(), EditError> {
    let key = p.key.as_str();
    if matches!(flag, Flag::Forwarded) && p.value.as_deref().is_none_or(|v| v != l.a && v != l.b) {
        let on = parse_bool(p)?;
        let (fa, fb) = flags(l, flag);
        (*fa, *fb) = (on, on);
        return Ok(());
    }
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
    let (fa, fb) = flags(l, flag);
    if clear {
        (*fa, *fb) = (false, false);
    } else {
        *fa |= on_a;
        *fb |= on_b;
    }
    Ok(())
}

/// The row of one side's flag: `KEY@a` or `KEY@b`, true or false.
macro_rules! side_row {
    ($key:literal, $doc:literal, $field:ident) => {
        LinkRow::new(
            $key,
            $doc,
            |l| l.$field.to_string(),
            |l, p, _| set(&mut l.$field, parse_bool(p)?),
        )
        .choices(BOOL)
    };
}

/// The keys of a Site-to-Site connection.
pub static S2S: &[LinkRow] = &[BGP, CUSTOM_IPSEC, NAT, POLICY_SELECTORS];

/// The keys of a Point-to-Site link.
pub static P2S: &[LinkRow] = &[NAT];

/// The keys of a VNet-to-VNet connection.
pub static V2V: &[LinkRow] = &[BGP, CUSTOM_IPSEC, NAT];

/// The keys of a peering. Each side's three flags are rows of their own (`KEY@a` for the first
/// VNet, `KEY@b` for the second; `KEY@NAME` names the side by its VNet, and the inspector labels the
/// rows so); the older forms that name the side in the value stay, for scripts, but are no rows of
/// the inspector.
pub static PEERING: &[LinkRow] = &[
    side_row!(
        "allow-gateway-transit@a",
        "the first VNet lets its peer use its gateways (allowGatewayTransit on its side)",
        a_allow_transit
    ),
    side_row!(
        "use-remote-gateways@a",
        "the first VNet uses its peer's gateways (useRemoteGateways on its side)",
        a_use_remote
    ),
    side_row!(
        "forwarded-traffic@a",
        "the first VNet lets traffic its peer forwards in (allowForwardedTraffic on its side)",
        a_allow_forwarded
    ),
    side_row!(
        "allow-gateway-transit@b",
        "the second VNet lets its peer use its gateways (allowGatewayTransit on its side)",
        b_allow_transit
    ),
    side_row!(
        "use-remote-gateways@b",
        "the second VNet uses its peer's gateways (useRemoteGateways on its side)",
        b_use_remote
    ),
    side_row!(
        "forwarded-traffic@b",
        "the second VNet lets traffic its peer forwards in (allowForwardedTraffic on its side)",
        b_allow_forwarded
    ),
    LinkRow::new(
        "one-sided",
        "the peering exists on the first VNet's side only (Initiated, not Connected)",
        |l| l.one_sided.to_string(),
        |l, p, _| set(&mut l.one_sided, parse_bool(p)?),
    )
    .choices(BOOL),
    LinkRow::new(
        "allow-gateway-transit",
        "the named end lets its peer use its gateways (=VNET adds that side, =none clears both)",
        |l| sides(l, l.a_allow_transit, l.b_allow_transit),
        |l, p, _| set_side(l, p, Flag::Transit),
    )
    .choices(Choices::LinkEnd)
    .hidden(),
    LinkRow::new(
        "use-remote-gateways",
        "the named end uses its peer's gateways (=VNET adds that side, =none clears both)",
        |l| sides(l, l.a_use_remote, l.b_use_remote),
        |l, p, _| set_side(l, p, Flag::Remote),
    )
    .choices(Choices::LinkEnd)
    .hidden(),
    LinkRow::new(
        "forwarded-traffic",
        "both ends let traffic their peer forwards in (=false clears both, =VNET adds that end)",
        |l| match (l.a_allow_forwarded, l.b_allow_forwarded) {
            (true, true) => "true".to_owned(),
            (false, false) => "false".to_owned(),
            (a, b) => sides(l, a, b),
        },
        |l, p, _| set_side(l, p, Flag::Forwarded),
    )
    .choices(BOOL)
    .hidden(),
];

/// The keys of an ExpressRoute connection: none yet.
pub static ER: &[LinkRow] = &[];
