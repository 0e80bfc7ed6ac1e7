//! Regions: names Azure knows ("did you mean"), ExpressRoute's geopolitical boundary (Premium), and
//! the cloud boundary neither VNet-to-VNet nor peering can cross. The table is [`crate::region`]
//! (where it comes from, and when, is said there).

use super::finding::{Out, Rule, Severity};
use super::index::Ctx;
use crate::design::{LinkId, LinkKind, Vnet};
use crate::hash::FxMap;
use crate::region;
use crate::region::{Cloud, outside_geo};

/// The cloud of a region the table knows (`None`: no region, or one the table does not list).
fn cloud_of(name: Option<&str>) -> Option<Cloud> {
    name.and_then(region::lookup).map(|r| r.cloud)
}

/// `false` only when both VNets are in regions the table knows, of two different clouds.
pub(super) fn same_cloud(a: &Vnet, b: &Vnet) -> bool {
    !region::clouds_differ(a.region.as_deref(), b.region.as_deref())
}

/// The sound links of `kind` between two VNets of different clouds: the link, its VNets and
/// their clouds. Two VNets of one region are of one cloud; the others' regions are looked up once
/// per name (an estate peers thousands of VNets across a handful of regions).
fn across_clouds<'c, 'd: 'c>(
    ctx: &'c Ctx<'d>,
    kind: LinkKind,
) -> impl Iterator<Item = (LinkId, &'d Vnet, &'d Vnet, Cloud, Cloud)> + 'c {
    let mut clouds: FxMap<&'d str, Option<Cloud>> = FxMap::default();
    ctx.sound_of_kind(kind).filter_map(move |s| {
        let b = s.b.as_vnet()?;
        let (ra, rb) = (s.a.region.as_deref()?, b.region.as_deref()?);
        if ra == rb {
            return None;
        }
        let mut cloud = |r: &'d str| *clouds.entry(r).or_insert_with(|| cloud_of(Some(r)));
        let (x, y) = (cloud(ra)?, cloud(rb)?);
        (x != y).then_some((s.id, s.a, b, x, y))
    })
}

pub const REGION_KNOWN: Rule = Rule {
    id: "region-known",
    severity: Severity::Warning,
    doc: "a VNet's region is an Azure region (programmatic or display name); a misspelling gets the nearest name (the table lists regions as of 2023-09)",
    source: "model",
    check: region_known,
};

fn region_known(ctx: &Ctx<'_>, out: &mut Out) {
    // VNets in name order mostly come in runs of one region (a hub and its spokes): the last name
    // known is compared before the table is searched.
    let mut known: Option<&str> = None;
    for v in ctx.vnets() {
        let Some(name) = v.region.as_deref() else { continue };
        if known == Some(name) {
            continue;
        }
        if region::lookup(name).is_some() {
            known = Some(name);
            continue;
        }
        let (guess, hint, fix) = match region::suggest(name) {
            Some(r) => (
                format!("; did you mean {}?", r.name),
                format!("set {} region={}", v.name, r.name),
                if region_fits(ctx, v, r.name) {
                    vec![format!("set {} region={}", v.name, r.name)]
                } else {
                    Vec::new()
                },
            ),
            // Where the VNet is, is the user's to say.
            None => (
                String::new(),
                format!("set {} region=<an Azure region, such as westeurope>", v.name),
                Vec::new(),
            ),
        };
        out.emit(
            format!(
                "{}'s region `{name}` is not an Azure region this tool knows (a region opened after 2023-09 is not listed){guess}",
                v.name
            ),
            &[&v.name],
            &[],
            hint,
            fix,
        );
    }
}

/// `true` when `v` in `region` raises no error of its own: its VNet-to-VNet and peering partners in
/// the same cloud, its Standard circuits in the same geopolitical region, and (2017) no transit
/// across regions on its peerings. Else the region is the user's to choose, and the fix is left empty.
fn region_fits(ctx: &Ctx<'_>, v: &Vnet, name: &str) -> bool {
    ctx.adj_of(&v.name).iter().all(|x| {
        let other = x.other.as_vnet();
        let theirs = cloud_of(other.and_then(|o| o.region.as_deref()));
        let one_cloud = theirs.is_none() || theirs == cloud_of(Some(name));
        match x.kind {
            LinkKind::V2v => one_cloud,
            LinkKind::Er => x
                .other
                .as_site()
                .and_then(|s| s.circuit.as_ref())
                .is_none_or(|c| c.premium || !outside_geo(Some(name), c.location.as_deref())),
            LinkKind::Peering => {
                let l = x.link;
                let transit = l.a_allow_transit || l.b_allow_transit || l.a_use_remote || l.b_use_remote;
                let theirs = other.and_then(|o| o.region.as_deref());
                one_cloud && (ctx.catalog.global_peering_transit || !transit || theirs.is_none_or(|t| t == name))
            }
            _ => true,
        }
    })
}

pub const ER_PREMIUM_GEO: Rule = Rule {
    id: "er-premium-geo",
    severity: Severity::Error,
    doc: "a Standard circuit links only VNets of its peering location's geopolitical region; a VNet in another one needs the Premium add-on",
    source: "S32",
    check: er_premium_geo,
};

fn er_premium_geo(ctx: &Ctx<'_>, out: &mut Out) {
    for s in ctx.sound_of_kind(LinkKind::Er) {
        let Some((site, c)) = s.b.as_site().and_then(|site| Some((site, site.circuit.as_ref()?))) else {
            continue;
        };
        if c.premium || !outside_geo(s.a.region.as_deref(), c.location.as_deref()) {
            continue;
        }
        let region = s.a.region.as_deref().unwrap_or_default();
        let location = c.location.as_deref().unwrap_or_default();
        out.emit(
            format!(
                "{}'s Standard circuit (peering location {location}) is linked to {} in {region}, outside its geopolitical region: that needs Premium",
                site.name, s.a.name
            ),
            &[&site.name, &s.a.name],
            &[s.id],
            format!("set {} premium=true", site.name),
            vec![format!("set {} premium=true", site.name)],
        );
    }
}

pub const V2V_CLOUD: Rule = Rule {
    id: "v2v-cloud",
    severity: Severity::Error,
    doc: "VNet-to-VNet joins VNets of one Azure cloud (not public with China, US Government or Germany)",
    source: "S18",
    check: v2v_cloud,
};

fn v2v_cloud(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, a, b, x, y) in across_clouds(ctx, LinkKind::V2v) {
        out.emit(
            format!(
                "VNet-to-VNet {} ({x}) and {} ({y}) crosses clouds, which Azure refuses",
                a.name, b.name
            ),
            &[&a.name, &b.name],
            &[id],
            format!(
                "unlink v2v {} {} and join them over S2S to a device in each cloud",
                a.name, b.name
            ),
            // The devices in each cloud are the user's to add.
            vec![format!("unlink v2v {} {}", a.name, b.name)],
        );
    }
}

/// S21, the requirements and constraints of peering (current wording, ms.date 11/14/2022, commit
/// 8f5f443 of `articles/virtual-network/virtual-network-manage-peering.md`): "When creating a global
/// peering, the peered virtual networks can exist in any Azure public cloud region or China cloud
/// regions or Government cloud regions. You can't peer across clouds. For example, a VNet in Azure
/// public cloud can't be peered to a VNet in Microsoft Azure operated by 21Vianet cloud."
pub const PEER_CLOUD: Rule = Rule {
    id: "peer-cloud",
    severity: Severity::Error,
    doc: "peering joins VNets of one Azure cloud (public, China operated by 21Vianet, US Government or Germany), never across two",
    source: "S21",
    check: peer_cloud,
};

fn peer_cloud(ctx: &Ctx<'_>, out: &mut Out) {
    for (id, a, b, x, y) in across_clouds(ctx, LinkKind::Peering) {
        let (ra, rb) = (
            a.region.as_deref().unwrap_or_default(),
            b.region.as_deref().unwrap_or_default(),
        );
        out.emit(
            format!(
                "peering {} ({x}, {ra}) and {} ({y}, {rb}) crosses clouds: Azure peers VNets of one cloud only",
                a.name, b.name
            ),
            &[&a.name, &b.name],
            &[id],
            format!(
                "unlink peering {} {}, or put both in one cloud (set {} region=<a region of {x}>); VNets of two clouds join over S2S to a device in each cloud",
                a.name, b.name, b.name
            ),
            // Which region, or which devices, is the user's to choose.
            vec![format!("unlink peering {} {}", a.name, b.name)],
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::test_support::{fires, silent};

    #[test]
    fn region_known_suggests_the_nearest_region() {
        let f = fires("region-known", "vnet a 10.0.0.0/16 region=westeurop", "a");
        assert_eq!(f.hint, "set a region=westeurope");
        assert!(f.message.contains("did you mean westeurope?"), "{}", f.message);
        silent(
            "region-known",
            "vnet a 10.0.0.0/16 region=westeurope\nvnet b 10.1.0.0/16",
        );
    }

    const ER: &str = "vnet hub 10.0.0.0/16 region=eastus\nsubnet hub GatewaySubnet 10.0.255.0/27\ngateway hub er ErGw1AZ\n\
        site dc 172.16.0.0/16 circuit=1000 location=Amsterdam\nlink er hub dc\n";

    #[test]
    fn er_premium_geo_fires_on_a_standard_circuit_outside_its_geopolitical_region() {
        let f = fires("er-premium-geo", ER, "dc");
        assert_eq!(f.hint, "set dc premium=true");
        silent("er-premium-geo", &format!("{ER}set dc premium=true"));
        silent("er-premium-geo", &ER.replace("region=eastus", "region=westeurope"));
    }

    #[test]
    fn v2v_cloud_fires_across_clouds() {
        let script = "vnet a 10.0.0.0/16 region=westeurope\nvnet b 10.1.0.0/16 region=chinanorth\nlink v2v a b";
        let f = fires("v2v-cloud", script, "b");
        assert!(f.message.contains("Azure China"), "{}", f.message);
        silent("v2v-cloud", &script.replace("chinanorth", "northeurope"));
    }

    const PEERED: &str =
        "vnet hub 10.0.0.0/16 region=chinanorth\nvnet spoke 10.1.0.0/16 region=westeurope\nlink peering hub spoke";

    #[test]
    fn peer_cloud_fires_on_a_peering_across_clouds_naming_both_vnets_and_clouds() {
        let f = fires("peer-cloud", PEERED, "spoke");
        assert_eq!(f.nodes, ["hub", "spoke"]);
        for part in [
            "hub (Azure China, chinanorth)",
            "spoke (Azure public cloud, westeurope)",
        ] {
            assert!(f.message.contains(part), "{}", f.message);
        }
        assert_eq!(f.fix, ["unlink peering hub spoke"]);
        assert!(
            f.hint.contains("set spoke region=<a region of Azure China>"),
            "{}",
            f.hint
        );
        let gov = PEERED
            .replace("chinanorth", "usgovvirginia")
            .replace("westeurope", "eastus");
        let f = fires("peer-cloud", &gov, "hub");
        assert!(f.message.contains("Azure US Government"), "{}", f.message);
    }

    #[test]
    fn peer_cloud_is_silent_within_one_cloud_and_where_a_region_is_unknown() {
        // Global peering within a cloud is allowed: public, and US Government.
        silent("peer-cloud", &PEERED.replace("chinanorth", "eastus"));
        let gov = PEERED
            .replace("chinanorth", "usgovvirginia")
            .replace("westeurope", "usgovtexas");
        silent("peer-cloud", &gov);
        silent("peer-cloud", &PEERED.replace("westeurope", "chinaeast2"));
        // An unset or unknown region is region-known's business.
        silent("peer-cloud", &PEERED.replace(" region=westeurope", ""));
        silent("peer-cloud", &PEERED.replace("westeurope", "westeurop"));
    }

    #[test]
    fn peer_nontransitive_suggests_no_peering_across_clouds() {
        let script = "vnet hub 10.0.0.0/16 region=westeurope\nvnet p 10.1.0.0/16 region=westeurope\n\
                      vnet q 10.2.0.0/16 region=eastus\nlink peering hub p\nlink peering hub q";
        let f = fires("peer-nontransitive", script, "q");
        assert!(f.fix.contains(&"link peering p q".to_owned()), "{:?}", f.fix);
        let f = fires("peer-nontransitive", &script.replace("eastus", "chinanorth"), "q");
        assert!(!f.fix.is_empty(), "a fix through the hub is left");
        assert!(f.fix.iter().all(|l| !l.starts_with("link peering")), "{:?}", f.fix);
    }

    #[test]
    fn region_known_offers_no_region_that_would_cross_a_peering_cloud() {
        // chinanorh's nearest name is chinanorth; with a public-cloud peer that would raise peer-cloud.
        let script =
            "vnet hub 10.0.0.0/16 region=chinanorh\nvnet spoke 10.1.0.0/16 region=westeurope\nlink peering hub spoke";
        let f = fires("region-known", script, "hub");
        assert_eq!(f.hint, "set hub region=chinanorth");
        assert!(f.fix.is_empty(), "{:?}", f.fix);
        let f = fires("region-known", &script.replace("westeurope", "chinaeast"), "hub");
        assert_eq!(f.fix, ["set hub region=chinanorth"]);
    }
}
