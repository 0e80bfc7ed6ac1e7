//! The gateway subnet: its name, presence and size.

use ipnet::IpNet;

use super::addressing::subnet_fix;
use super::expressroute::circuits_of;
use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::design::{Subnet, Vnet};
use crate::sku::Era;

const GW: &str = "GatewaySubnet";

fn gateway_subnet(v: &Vnet) -> Option<&Subnet> {
    v.subnets.iter().find(|s| s.name == GW)
}

/// The IPv4 prefix length of a VNet's GatewaySubnet (`None` without one or when it is IPv6).
fn gw_len(v: &Vnet) -> Option<(&Subnet, u8)> {
    let s = gateway_subnet(v)?;
    matches!(s.prefix, IpNet::V4(_)).then(|| (s, s.prefix.prefix_len()))
}

/// The length a new GatewaySubnet gets: /27, or /26 for an ExpressRoute gateway with 16 circuits.
fn wanted_len(ctx: &Ctx<'_>, v: &Vnet) -> u8 {
    if v.er.is_some() && circuits_of(ctx, v).len() >= 16 {
        26
    } else {
        27
    }
}

fn gateways(v: &Vnet) -> &'static str {
    match (v.vpn.is_some(), v.er.is_some()) {
        (true, true) => "VPN and ExpressRoute gateways",
        (true, false) => "VPN gateway",
        (false, true) => "ExpressRoute gateway",
        (false, false) => "no gateway",
    }
}

pub const GWSUBNET_NAME: Rule = Rule {
    id: "gwsubnet-name",
    severity: Severity::Error,
    doc: "the gateway subnet is named exactly GatewaySubnet (not gatewaysubnet or Gateway-Subnet)",
    source: "S13, S16",
    check: gwsubnet_name,
};

fn gwsubnet_name(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.vnets() {
        for s in &v.subnets {
            let norm = s
                .name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase());
            // Thirteen letters and digits take thirteen bytes at least: shorter names are not read.
            if s.name.len() >= GW.len() && s.name != GW && norm.eq("gatewaysubnet".chars()) {
                // Renamed in place when the prefix is big enough for the gateways; else a new block.
                let need = match wanted_len(ctx, v) {
                    26 => 26,
                    _ if v.vpn.is_some() && v.er.is_some() => 27,
                    _ => 29,
                };
                let mut fix = vec![format!("delete {}/{}", v.name, s.name)];
                if matches!(s.prefix, IpNet::V4(_)) && s.prefix.prefix_len() <= need {
                    fix.push(format!("subnet {} {GW} {}", v.name, s.prefix));
                } else {
                    fix.extend(subnet_fix(ctx, v, GW, wanted_len(ctx, v)).1);
                }
                out.emit(
                    format!("subnet {}/{} looks like the gateway subnet, but Azure only uses a subnet named exactly GatewaySubnet", v.name, s.name),
                    &[&v.name],
                    &[],
                    format!("delete {}/{} then subnet {} GatewaySubnet {}", v.name, s.name, v.name, s.prefix),
                    fix,
                );
            }
        }
    }
}

pub const GWSUBNET_PRESENT: Rule = Rule {
    id: "gwsubnet-present",
    severity: Severity::Error,
    doc: "a VNet with a VPN or ExpressRoute gateway has a subnet named GatewaySubnet",
    source: "S13",
    check: gwsubnet_present,
};

fn gwsubnet_present(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets().filter(|v| v.vpn.is_some() || v.er.is_some()) {
        if gateway_subnet(v).is_none() {
            let (hint, fix) = subnet_fix(ctx, v, GW, wanted_len(ctx, v));
            out.emit(
                format!(
                    "{} has a {} but no GatewaySubnet to deploy it into",
                    v.name,
                    gateways(v)
                ),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
    }
}

pub const GWSUBNET_MIN: Rule = Rule {
    id: "gwsubnet-min",
    severity: Severity::Error,
    doc: "GatewaySubnet is an IPv4 prefix of /29 or larger",
    source: "S13",
    check: gwsubnet_min,
};

fn gwsubnet_min(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.vnets() {
        let Some(s) = gateway_subnet(v) else { continue };
        let problem = match s.prefix {
            IpNet::V6(_) => "is IPv6; a gateway subnet needs an IPv4 prefix",
            IpNet::V4(_) if s.prefix.prefix_len() > 29 => "is smaller than /29, the minimum",
            IpNet::V4(_) => continue,
        };
        let (hint, fix) = subnet_fix(ctx, v, GW, wanted_len(ctx, v));
        out.emit(
            format!("{}'s GatewaySubnet {} {problem}", v.name, s.prefix),
            &[&v.name],
            &[],
            hint,
            fix,
        );
    }
}

pub const GWSUBNET_RECOMMENDED: Rule = Rule {
    id: "gwsubnet-recommended",
    severity: Severity::Warning,
    doc: "GatewaySubnet is /27 or larger (the 2017 guidance accepted /28) so gateway features and resizes have room",
    source: "S13, S39",
    check: gwsubnet_recommended,
};

fn gwsubnet_recommended(ctx: &Ctx<'_>, out: &mut Out) {
    let largest_ok = if ctx.era() == Era::Y2017 { 28 } else { 27 };
    for v in ctx.vnets() {
        let Some((s, len)) = gw_len(v) else { continue };
        let coexist = v.vpn.is_some() && v.er.is_some();
        if len > largest_ok && len <= 29 && !coexist {
            let (hint, fix) = subnet_fix(ctx, v, GW, wanted_len(ctx, v));
            out.emit(
                format!(
                    "{}'s GatewaySubnet {} is a /{len}; /{largest_ok} or larger is recommended",
                    v.name, s.prefix
                ),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
    }
}

pub const GWSUBNET_COEXIST: Rule = Rule {
    id: "gwsubnet-coexist",
    severity: Severity::Error,
    doc: "a VNet with both a VPN and an ExpressRoute gateway has a GatewaySubnet of /27 or larger",
    source: "S25",
    check: gwsubnet_coexist,
};

fn gwsubnet_coexist(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets().filter(|v| v.vpn.is_some() && v.er.is_some()) {
        let Some((s, len)) = gw_len(v) else { continue };
        if len > 27 {
            let (hint, fix) = subnet_fix(ctx, v, GW, wanted_len(ctx, v));
            out.emit(
                format!(
                    "{}'s GatewaySubnet {} is smaller than /27, which VPN and ExpressRoute coexistence needs",
                    v.name, s.prefix
                ),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
    }
}

pub const GWSUBNET_16_CIRCUITS: Rule = Rule {
    id: "gwsubnet-16-circuits",
    severity: Severity::Error,
    doc: "an ExpressRoute gateway with 16 circuits has a GatewaySubnet of /26 or larger (the doc's wording is \"must\")",
    source: "S29",
    check: gwsubnet_16_circuits,
};

fn gwsubnet_16_circuits(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets().filter(|v| v.er.is_some()) {
        let Some((s, len)) = gw_len(v) else { continue };
        let circuits = circuits_of(ctx, v).len();
        if circuits >= 16 && len > 26 {
            let (hint, fix) = subnet_fix(ctx, v, GW, 26);
            out.emit(
                format!("{}'s ExpressRoute gateway connects {circuits} circuits, but its GatewaySubnet {} is smaller than /26", v.name, s.prefix),
                &[&v.name],
                &[],
                hint,
                fix,
            );
        }
    }
}

pub const GWSUBNET_EMPTY: Rule = Rule {
    id: "gwsubnet-empty",
    severity: Severity::Warning,
    doc: "GatewaySubnet holds no VMs or other resources (planned hosts = 0)",
    source: "S13, S16",
    check: gwsubnet_empty,
};

fn gwsubnet_empty(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.vnets() {
        let Some(s) = gateway_subnet(v).filter(|s| s.hosts > 0) else {
            continue;
        };
        out.emit(
            format!(
                "{}'s GatewaySubnet plans {} hosts; only gateways belong there",
                v.name, s.hosts
            ),
            &[&v.name],
            &[],
            format!(
                "subnet {} GatewaySubnet {} hosts=0, and put the hosts in another subnet",
                v.name, s.prefix
            ),
            vec![format!("subnet {} GatewaySubnet {}", v.name, s.prefix)],
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::test_support::{fires, silent};
    use std::fmt::Write;

    const HUB: &str = "vnet hub 10.0.0.0/16\ngateway hub vpn VpnGw1AZ\n";

    #[test]
    fn gwsubnet_name_fires_on_a_near_miss() {
        let f = fires(
            "gwsubnet-name",
            "vnet hub 10.0.0.0/16\nsubnet hub gatewaysubnet 10.0.255.0/27",
            "hub",
        );
        assert_eq!(
            f.hint,
            "delete hub/gatewaysubnet then subnet hub GatewaySubnet 10.0.255.0/27"
        );
        fires(
            "gwsubnet-name",
            "vnet hub 10.0.0.0/16\nsubnet hub Gateway-Subnet 10.0.255.0/27",
            "hub",
        );
        silent(
            "gwsubnet-name",
            "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\nsubnet hub gateways 10.0.1.0/24",
        );
    }

    #[test]
    fn gwsubnet_present_fires_without_one_and_proposes_a_free_slash_27() {
        let f = fires("gwsubnet-present", &format!("{HUB}subnet hub app 10.0.255.0/24"), "hub");
        assert_eq!(f.hint, "subnet hub GatewaySubnet 10.0.254.224/27");
        fires(
            "gwsubnet-present",
            "vnet hub 10.0.0.0/16\ngateway hub er ErGw1AZ",
            "hub",
        );
        silent(
            "gwsubnet-present",
            &format!("{HUB}subnet hub GatewaySubnet 10.0.255.0/27"),
        );
        silent("gwsubnet-present", "vnet plain 10.0.0.0/16");
    }

    #[test]
    fn gwsubnet_min_fires_below_slash_29_and_on_ipv6() {
        let f = fires(
            "gwsubnet-min",
            &format!("{HUB}subnet hub GatewaySubnet 10.0.255.0/30"),
            "hub",
        );
        assert!(
            f.message.contains("10.0.255.0/30") && f.message.contains("/29"),
            "{}",
            f.message
        );
        assert_eq!(f.hint, "subnet hub GatewaySubnet 10.0.255.224/27");
        fires(
            "gwsubnet-min",
            "vnet hub 10.0.0.0/16,fd00::/48\nsubnet hub GatewaySubnet fd00::/64",
            "hub",
        );
        silent("gwsubnet-min", &format!("{HUB}subnet hub GatewaySubnet 10.0.255.0/29"));
    }

    #[test]
    fn gwsubnet_recommended_warns_on_slash_28_now_but_not_in_2017() {
        let f = fires(
            "gwsubnet-recommended",
            &format!("{HUB}subnet hub GatewaySubnet 10.0.255.0/28"),
            "hub",
        );
        assert!(f.message.contains("/27 or larger"), "{}", f.message);
        silent(
            "gwsubnet-recommended",
            "catalog 2017\nvnet hub 10.0.0.0/16\ngateway hub vpn VpnGw1\nsubnet hub GatewaySubnet 10.0.255.0/28",
        );
        fires(
            "gwsubnet-recommended",
            "catalog 2017\nvnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/29",
            "hub",
        );
        silent(
            "gwsubnet-recommended",
            &format!("{HUB}subnet hub GatewaySubnet 10.0.255.0/27"),
        );
    }

    #[test]
    fn gwsubnet_coexist_needs_slash_27_with_both_gateways() {
        let script = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.0.0/29\ngateway hub vpn VpnGw1AZ\ngateway hub er ErGw1AZ";
        let f = fires("gwsubnet-coexist", script, "hub");
        assert_eq!(
            f.message,
            "hub's GatewaySubnet 10.0.0.0/29 is smaller than /27, which VPN and ExpressRoute coexistence needs"
        );
        assert_eq!(f.hint, "subnet hub GatewaySubnet 10.0.255.224/27");
        silent("gwsubnet-coexist", &script.replace("10.0.0.0/29", "10.0.0.0/27"));
        silent(
            "gwsubnet-coexist",
            "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.0.0/29\ngateway hub vpn VpnGw1AZ",
        );
    }

    #[test]
    fn gwsubnet_16_circuits_needs_slash_26() {
        let mut script =
            String::from("vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub er ErGw3AZ\n");
        for i in 0..16 {
            let _ = writeln!(script, "site dc{i} 192.168.{i}.0/24 circuit=1000\nlink er hub dc{i}");
        }
        let f = fires("gwsubnet-16-circuits", &script, "hub");
        assert!(f.message.contains("16 circuits"), "{}", f.message);
        assert_eq!(f.hint, "subnet hub GatewaySubnet 10.0.255.192/26");
        silent(
            "gwsubnet-16-circuits",
            &script.replace("10.0.255.0/27", "10.0.255.0/26"),
        );
        silent("gwsubnet-16-circuits", &script.replace("link er hub dc15\n", ""));
    }

    #[test]
    fn gwsubnet_empty_warns_on_planned_hosts() {
        let f = fires(
            "gwsubnet-empty",
            &format!("{HUB}subnet hub GatewaySubnet 10.0.255.0/27 hosts=3"),
            "hub",
        );
        assert!(f.message.contains("3 hosts"), "{}", f.message);
        silent(
            "gwsubnet-empty",
            &format!("{HUB}subnet hub GatewaySubnet 10.0.255.0/27"),
        );
    }
}
