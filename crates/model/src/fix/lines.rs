//! Lines that name a link: the `link` text that creates it again with its options, and clearing one
//! side's flag of a peering.

use crate::design::Link;
use crate::props::{Choices, link_table};
use std::fmt::Write as _;

/// `link KIND A B [options]`: the text that creates `link` again with every option it has.
pub(crate) fn link_line(link: &Link) -> String {
    let fresh = Link::new(link.kind, link.a.clone(), link.b.clone());
    let mut text = format!("link {} {} {}", link.kind, link.a, link.b);
    // A peering's per-side rows (`KEY@a`) say again what the older `KEY=VNET` rows say: those are
    // written, as they always were.
    for row in link_table(link.kind).iter().filter(|row| !row.key.contains('@')) {
        let (now, default) = ((row.read)(link), (row.read)(&fresh));
        if now == default {
            continue;
        }
        if row.choices == Choices::LinkEnd {
            for end in now.split('+') {
                let _ = write!(text, " {}={end}", row.key);
            }
        } else if now == "true" {
            let _ = write!(text, " {}", row.key);
        } else {
            let _ = write!(text, " {}={now}", row.key);
        }
    }
    text
}

/// `set-link KIND A B custom-ipsec=false`: the line that drops a link's custom IPsec/IKE policy,
/// and with it the policy-based traffic selectors that are part of it (`pbts-custom-ipsec`).
pub(crate) fn custom_ipsec_off(link: &Link) -> String {
    let mut text = format!("set-link {} {} {} custom-ipsec=false", link.kind, link.a, link.b);
    if link.policy_selectors {
        text.push_str(" policy-based-selectors=false");
    }
    text
}

/// The lines that clear a peering's per-side flag (`transit`: allow-gateway-transit, else
/// use-remote-gateways) on `vnet`'s side only (`=none` clears both sides, so the other side's flag
/// is set again).
pub(crate) fn clear_side(link: &Link, transit: bool, vnet: &str) -> Vec<String> {
    let key = if transit {
        "allow-gateway-transit"
    } else {
        "use-remote-gateways"
    };
    let (on_a, on_b) = if transit {
        (link.a_allow_transit, link.b_allow_transit)
    } else {
        (link.a_use_remote, link.b_use_remote)
    };
    let mut text = format!("set-link peering {} {} {key}=none", link.a, link.b);
    for (end, on) in [(&link.a, on_a), (&link.b, on_b)] {
        if on && end != vnet {
            let _ = write!(text, " {key}={end}");
        }
    }
    vec![text]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::design;

    #[test]
    fn a_link_line_recreates_the_link_with_its_options() {
        let d = design(
            "vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\nlink peering a b allow-gateway-transit=a use-remote-gateways=b forwarded-traffic\n",
        );
        let link = d.links().values().next().expect("link");
        let text = link_line(link);
        assert_eq!(
            text,
            "link peering a b allow-gateway-transit=a use-remote-gateways=b forwarded-traffic"
        );
        let mut again = design("vnet a 10.0.0.0/16\nvnet b 10.1.0.0/16\n");
        crate::apply_line(&mut again, &text).expect("text");
        assert_eq!(again.links().values().next(), Some(link));
    }
}
