//! Gateway SKUs: known in the era, of a generation that exists, creatable, and fit for the deployment model.

use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::design::Vnet;
use crate::sku::{ErSku, Era, VpnSku};

/// The VPN SKU of the design's era closest to `sku` (the AZ form now, VpnGw1-3 in 2017).
pub(super) fn suggest_vpn(ctx: &Ctx<'_>, sku: VpnSku) -> VpnSku {
    ctx.fix().suggest_vpn(sku)
}

pub const GW_SKU_KNOWN: Rule = Rule {
    id: "gw-sku-known",
    severity: Severity::Error,
    doc: "every gateway SKU exists in the design's catalog era (no VpnGw4 or ErGw1AZ in 2017, no Basic ExpressRoute gateway now)",
    source: "S2, S7, S26, S29",
    check: gw_sku_known,
};

fn gw_sku_known(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        if let Some(gw) = v.vpn.as_ref().filter(|g| ctx.catalog.vpn_any(g.sku).is_none()) {
            out.emit(
                format!(
                    "{}'s VPN gateway SKU {} does not exist in the {} catalog",
                    v.name,
                    gw.sku,
                    ctx.era()
                ),
                &[&v.name],
                &[],
                format!("set {} vpn-sku={}", v.name, suggest_vpn(ctx, gw.sku)),
                ctx.fix().vpn_sku(v, suggest_vpn(ctx, gw.sku)),
            );
        }
        if let Some(gw) = v.er.as_ref().filter(|g| ctx.catalog.er(g.sku).is_none()) {
            let sku = ctx.fix().suggest_er(gw.sku);
            let fix = ctx.fix().er_move(v, sku);
            out.emit(
                format!(
                    "{}'s ExpressRoute gateway SKU {} does not exist in the {} catalog",
                    v.name,
                    gw.sku,
                    ctx.era()
                ),
                &[&v.name],
                &[],
                format!("set {} er-sku={sku}", v.name),
                fix,
            );
        }
    }
}

pub const GW_GENERATION: Rule = Rule {
    id: "gw-generation",
    severity: Severity::Error,
    doc: "a VPN gateway's generation exists for its SKU (Generation2 only for VpnGw2-5(AZ); VpnGw4/5 only Generation2)",
    source: "S7, S12",
    check: gw_generation,
};

fn gw_generation(ctx: &Ctx<'_>, out: &mut Out) {
    for v in ctx.gateway_vnets() {
        let Some(gw) = &v.vpn else { continue };
        if ctx.catalog.vpn_any(gw.sku).is_none() || ctx.catalog.vpn(gw.sku, gw.generation).is_some() {
            continue;
        }
        let offered: Vec<String> = ctx
            .catalog
            .vpn
            .iter()
            .filter(|r| r.sku == gw.sku)
            .map(|r| r.generation.to_string())
            .collect();
        out.emit(
            format!(
                "{}'s {} gateway is Generation{}, but {} comes only as Generation{} in the {} catalog",
                v.name,
                gw.sku,
                gw.generation,
                gw.sku,
                offered.join("/"),
                ctx.era()
            ),
            &[&v.name],
            &[],
            format!("set {} generation={}", v.name, ctx.catalog.default_generation(gw.sku)),
            vec![format!(
                "set {} generation={}",
                v.name,
                ctx.catalog.default_generation(gw.sku)
            )],
        );
    }
}

pub const GW_CLASSIC_SKU: Rule = Rule {
    id: "gw-classic-sku",
    severity: Severity::Error,
    doc: "a classic VNet uses legacy gateway SKUs only: VpnGw and AZ SKUs are Resource Manager only",
    source: "S2, S3",
    check: gw_classic_sku,
};

fn gw_classic_sku(ctx: &Ctx<'_>, out: &mut Out) {
    // Both checks are about a gateway.
    for v in ctx.gateway_vnets().filter(|v| v.classic) {
        if let Some(gw) = v
            .vpn
            .as_ref()
            .filter(|g| !matches!(g.sku, VpnSku::Basic | VpnSku::Standard | VpnSku::HighPerformance))
        {
            out.emit(
                format!(
                    "classic VNet {} has a {} VPN gateway; VpnGw SKUs exist in Resource Manager only",
                    v.name, gw.sku
                ),
                &[&v.name],
                &[],
                format!("set {} vpn-sku=Standard, or set {} classic=false", v.name, v.name),
                classic_fix(ctx, v, ctx.fix().vpn_sku(v, VpnSku::Standard)),
            );
        }
        if let Some(gw) = v.er.as_ref().filter(|g| {
            matches!(
                g.sku,
                ErSku::ErGw1AZ | ErSku::ErGw2AZ | ErSku::ErGw3AZ | ErSku::ErGwScale
            )
        }) {
            out.emit(
                format!("classic VNet {} has a {} ExpressRoute gateway; AZ and scalable SKUs exist in Resource Manager only", v.name, gw.sku),
                &[&v.name],
                &[],
                format!("set {} er-sku=Standard, or set {} classic=false", v.name, v.name),
                classic_fix(ctx, v, vec![ctx.fix().er_sku(v, ErSku::Standard)]),
            );
        }
    }
}

/// A classic VNet's legacy-SKU line where the era still creates legacy SKUs (2017), else the move
/// to Resource Manager (the legacy SKUs are retired now).
fn classic_fix(ctx: &Ctx<'_>, v: &Vnet, legacy: Vec<String>) -> Vec<String> {
    if ctx.era() == Era::Y2017 {
        legacy
    } else {
        vec![format!("set {} classic=false", v.name)]
    }
}

pub const SKU_ERA: Rule = Rule {
    id: "sku-era",
    severity: Severity::Error,
    doc: "Standard/HighPerformance and non-AZ VpnGw1-5 are legacy: blocked for new gateways now (error; a migration warning in an imported estate, where the gateway exists), still creatable in 2017 (info)",
    source: "S10, S37",
    check: sku_era,
};

/// A SKU that can no longer be created: an error in a drawn design (it cannot be built), a migration
/// warning in an imported one (the gateway exists and runs; it is to be migrated to `to`).
fn not_creatable(ctx: &Ctx<'_>, message: String, to: &str) -> (Severity, String) {
    if ctx.design.is_imported() {
        (
            Severity::Warning,
            format!("{message}; the imported gateway exists and keeps running: migrate it to {to}"),
        )
    } else {
        (Severity::Error, message)
    }
}

fn sku_era(ctx: &Ctx<'_>, out: &mut Out) {
    // The hint and the fix lines are written only for a gateway that has a finding.
    for v in ctx.gateway_vnets() {
        if let Some(gw) = &v.vpn
            && let Some(spec) = ctx.vpn_spec(v)
        {
            let legacy = matches!(gw.sku, VpnSku::Standard | VpnSku::HighPerformance);
            let found = if !spec.creatable {
                let why = if legacy {
                    "Standard and HighPerformance are retired and migrated to VpnGw1AZ/VpnGw2AZ"
                } else {
                    "non-AZ VpnGw1-5 cannot be created since 2025-01-01 and are migrated to AZ SKUs"
                };
                Some(not_creatable(
                    ctx,
                    format!(
                        "{}'s VPN gateway SKU {} can no longer be created: {why}",
                        v.name, gw.sku
                    ),
                    &suggest_vpn(ctx, gw.sku).to_string(),
                ))
            } else if ctx.era() == Era::Y2017 && legacy {
                Some((
                    Severity::Info,
                    format!(
                        "{}'s VPN gateway SKU {} is a legacy SKU; moving to VpnGw1-3 later needs delete and recreate",
                        v.name, gw.sku
                    ),
                ))
            } else {
                None
            };
            if let Some((severity, message)) = found {
                let hint = format!("set {} vpn-sku={}", v.name, suggest_vpn(ctx, gw.sku));
                let fix = ctx.fix().vpn_sku(v, suggest_vpn(ctx, gw.sku));
                out.emit_with(severity, message, &[&v.name], &[], hint, fix);
            }
        }
        if let Some(gw) = &v.er
            && let Some(spec) = ctx.er_spec(v)
        {
            let sku = ctx.fix().suggest_er(gw.sku);
            let found = if !spec.creatable {
                Some(not_creatable(
                    ctx,
                    format!(
                        "{}'s ExpressRoute gateway SKU {} can no longer be created",
                        v.name, gw.sku
                    ),
                    &sku.to_string(),
                ))
            } else if ctx.era() == Era::Y2017 && gw.sku == ErSku::Basic {
                Some((
                    Severity::Info,
                    format!(
                        "{}'s ExpressRoute gateway SKU Basic is deprecated and cannot coexist with a VPN gateway",
                        v.name
                    ),
                ))
            } else {
                None
            };
            if let Some((severity, message)) = found {
                let hint = format!("set {} er-sku={sku}", v.name);
                let fix = ctx.fix().er_move(v, sku);
                out.emit_with(severity, message, &[&v.name], &[], hint, fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::design::Origin;
    use crate::validate::Severity;
    use crate::validate::test_support::{design, fires, silent};
    use crate::validate::validate;

    const GW: &str = "vnet hub 10.0.0.0/16\nsubnet hub GatewaySubnet 10.0.255.0/27\n";

    #[test]
    fn gw_sku_known_fires_on_skus_missing_from_the_era() {
        let f = fires(
            "gw-sku-known",
            &format!("catalog 2017\n{GW}gateway hub vpn VpnGw4"),
            "hub",
        );
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw3");
        let f = fires(
            "gw-sku-known",
            &format!("catalog 2017\n{GW}gateway hub er ErGw2AZ"),
            "hub",
        );
        assert_eq!(f.hint, "set hub er-sku=HighPerformance");
        let f = fires("gw-sku-known", &format!("{GW}gateway hub er Basic"), "hub");
        assert_eq!(f.hint, "set hub er-sku=ErGw1AZ");
        silent(
            "gw-sku-known",
            &format!("catalog 2017\n{GW}gateway hub vpn VpnGw3\ngateway hub er Basic"),
        );
        silent(
            "gw-sku-known",
            &format!("{GW}gateway hub vpn VpnGw5AZ\ngateway hub er ErGwScale"),
        );
    }

    #[test]
    fn gw_generation_fires_on_generation_2_vpngw1() {
        let f = fires(
            "gw-generation",
            &format!("{GW}gateway hub vpn VpnGw1AZ generation=2"),
            "hub",
        );
        assert!(
            f.message.contains("Generation2") && f.message.contains("Generation1"),
            "{}",
            f.message
        );
        assert_eq!(f.hint, "set hub generation=1");
        fires(
            "gw-generation",
            &format!("{GW}gateway hub vpn VpnGw4AZ generation=1"),
            "hub",
        );
        silent("gw-generation", &format!("{GW}gateway hub vpn VpnGw2AZ generation=1"));
        silent("gw-generation", &format!("{GW}gateway hub vpn VpnGw2AZ generation=2"));
    }

    #[test]
    fn gw_classic_sku_fires_on_vpngw_in_a_classic_vnet() {
        fires(
            "gw-classic-sku",
            &format!("{GW}set hub classic=true\ngateway hub vpn VpnGw1AZ"),
            "hub",
        );
        fires(
            "gw-classic-sku",
            &format!("{GW}set hub classic=true\ngateway hub er ErGw1AZ"),
            "hub",
        );
        silent(
            "gw-classic-sku",
            &format!("{GW}set hub classic=true\ngateway hub vpn Standard\ngateway hub er Standard"),
        );
        silent("gw-classic-sku", &format!("{GW}gateway hub vpn VpnGw1AZ"));
    }

    #[test]
    fn sku_era_is_an_error_now_and_info_in_2017() {
        let f = fires("sku-era", &format!("{GW}gateway hub vpn VpnGw2"), "hub");
        assert_eq!(
            (f.severity, f.hint.as_str()),
            (Severity::Error, "set hub vpn-sku=VpnGw2AZ")
        );
        let f = fires("sku-era", &format!("{GW}gateway hub vpn HighPerformance"), "hub");
        assert_eq!(f.hint, "set hub vpn-sku=VpnGw2AZ");
        let f = fires("sku-era", &format!("catalog 2017\n{GW}gateway hub vpn Standard"), "hub");
        assert_eq!(
            (f.severity, f.hint.as_str()),
            (Severity::Info, "set hub vpn-sku=VpnGw1")
        );
        silent(
            "sku-era",
            &format!("{GW}gateway hub vpn VpnGw2AZ\ngateway hub er ErGw1AZ"),
        );
        silent("sku-era", &format!("catalog 2017\n{GW}gateway hub vpn VpnGw2"));
    }

    #[test]
    fn sku_era_is_a_migration_warning_in_an_imported_estate() {
        let imported = |script: &str| {
            let mut d = design(script);
            d.origin = Some(Origin::imported(vec!["estate.json".into()]));
            validate(&d)
                .findings
                .into_iter()
                .filter(|f| f.rule == "sku-era")
                .collect::<Vec<_>>()
        };
        for (sku, to) in [("VpnGw2", "VpnGw2AZ"), ("Standard", "VpnGw1AZ")] {
            let f = imported(&format!("{GW}gateway hub vpn {sku}"));
            assert_eq!(f.len(), 1, "{f:?}");
            assert_eq!(f[0].severity, Severity::Warning, "{}", f[0].message);
            assert!(
                f[0].message.ends_with(&format!(
                    "the imported gateway exists and keeps running: migrate it to {to}"
                )),
                "{}",
                f[0].message
            );
            assert_eq!(f[0].hint, format!("set hub vpn-sku={to}"));
        }
        assert!(
            imported(&format!("{GW}gateway hub vpn VpnGw2AZ\ngateway hub er ErGw1AZ")).is_empty(),
            "creatable SKUs: silent"
        );
        // The same gateway drawn in the tool cannot be built: an error.
        assert_eq!(
            fires("sku-era", &format!("{GW}gateway hub vpn VpnGw2"), "hub").severity,
            Severity::Error
        );
    }
}
