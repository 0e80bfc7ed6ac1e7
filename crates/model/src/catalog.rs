//! The SKU catalogs: one data file per era in `assets/catalog/`, embedded at compile time.
//!
//! Every row carries the source keys of `reference/azure-facts.md` its numbers come from.
//! The files are parsed once, on first use; a test parses both so a broken asset never ships.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::sku::{ErSku, Era, VpnSku};

/// One VPN gateway SKU in one generation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpnSkuSpec {
    /// The SKU.
    pub sku: VpnSku,
    /// Gateway generation (1 or 2).
    pub generation: u8,
    /// Aggregate throughput benchmark of the gateway, S2S + P2S combined, in Mbps.
    pub aggregate_mbps: u32,
    /// Observed throughput of one tunnel with AES256+SHA256 (the conservative cipher), where published.
    pub per_tunnel_mbps: Option<u32>,
    /// Observed throughput of one tunnel with GCMAES256 (the best cipher), where published.
    pub per_tunnel_gcm_mbps: Option<u32>,
    /// Maximum S2S + VNet-to-VNet tunnels (RouteBased).
    pub s2s_tunnels: u32,
    /// Maximum concurrent SSTP clients.
    pub p2s_sstp: u32,
    /// Maximum concurrent IKEv2/OpenVPN clients; `None` where the SKU offers neither.
    pub p2s_ikev2_openvpn: Option<u32>,
    /// BGP supported.
    pub bgp: bool,
    /// Active-active supported.
    pub active_active: bool,
    /// PolicyBased VPN type allowed.
    pub policy_based: bool,
    /// Can sit beside an ExpressRoute gateway in the same VNet.
    pub coexist: bool,
    /// Can offer gateway transit to peered VNets.
    pub gateway_transit: bool,
    /// NAT rules supported.
    pub nat: bool,
    /// Custom IPsec/IKE policy supported.
    pub custom_ipsec: bool,
    /// RADIUS authentication for P2S supported.
    pub radius: bool,
    /// Zone-redundant (AZ) SKU.
    pub zone_redundant: bool,
    /// Can still be created in this era.
    pub creatable: bool,
    /// Source keys in `azure-facts.md`.
    pub sources: Vec<String>,
}

/// One ExpressRoute gateway SKU.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErSkuSpec {
    /// The SKU.
    pub sku: ErSku,
    /// Gateway throughput in Mbps (per scale unit for `ErGwScale`).
    pub aggregate_mbps: u32,
    /// Maximum scale units (`ErGwScale` only).
    pub max_units: Option<u32>,
    /// Maximum circuits connected to one gateway, where published.
    pub max_circuits: Option<u32>,
    /// FastPath supported.
    pub fastpath: bool,
    /// Can sit beside a VPN gateway in the same VNet.
    pub coexist: bool,
    /// Can still be created in this era.
    pub creatable: bool,
    /// Source keys in `azure-facts.md`.
    pub sources: Vec<String>,
}

/// One era's SKU tables and limits.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The era these tables belong to.
    pub era: Era,
    /// VPN gateway SKUs, one row per (SKU, generation).
    pub vpn: Vec<VpnSkuSpec>,
    /// ExpressRoute gateway SKUs.
    pub er: Vec<ErSkuSpec>,
    /// ExpressRoute provider circuit bandwidths offered, in Mbps.
    pub circuit_mbps: Vec<u32>,
    /// ExpressRoute Direct circuit bandwidths offered, in Mbps (empty before Direct existed).
    pub direct_circuit_mbps: Vec<u32>,
    /// Circuits one ExpressRoute gateway may connect from a single peering location.
    pub circuits_per_location: u32,
    /// VNet links per Standard circuit.
    pub vnet_links_per_circuit: u32,
    /// VNet links per Premium circuit at the largest bandwidth.
    pub vnet_links_per_premium_circuit: u32,
    /// Peerings per VNet.
    pub peerings_per_vnet: u32,
    /// Prefixes the VPN gateway accepts over BGP before the session drops.
    pub bgp_prefix_limit: Option<u32>,
    /// 4-byte BGP ASNs accepted.
    pub asn_32bit: bool,
    /// Gateway transit over global (cross-region) peering.
    pub global_peering_transit: bool,
    /// A VPN device behind NAT is supported (NAT-T, device initiates).
    pub device_behind_nat: bool,
    /// Source keys for the limits.
    pub sources: Vec<String>,
}

const CURRENT_RON: &str = include_str!("../../../assets/catalog/current.ron");
const Y2017_RON: &str = include_str!("../../../assets/catalog/2017.ron");

fn parse(text: &str, era: Era) -> Catalog {
    match ron::from_str::<Catalog>(text) {
        Ok(c) if c.era == era => c,
        // The embedded assets are checked by a unit test; a broken one is a build defect.
        Ok(c) => panic!("embedded catalog for {era} says it is {}", c.era),
        Err(e) => panic!("embedded catalog for {era} does not parse: {e}"),
    }
}

impl Catalog {
    /// The embedded catalog of `era`.
    pub fn get(era: Era) -> &'static Catalog {
        static CURRENT: OnceLock<Catalog> = OnceLock::new();
        static Y2017: OnceLock<Catalog> = OnceLock::new();
        match era {
            Era::Current => CURRENT.get_or_init(|| parse(CURRENT_RON, Era::Current)),
            Era::Y2017 => Y2017.get_or_init(|| parse(Y2017_RON, Era::Y2017)),
        }
    }

    /// The row of `sku` in `generation`, if this era has it.
    pub fn vpn(&self, sku: VpnSku, generation: u8) -> Option<&VpnSkuSpec> {
        self.vpn.iter().find(|s| s.sku == sku && s.generation == generation)
    }

    /// Any row of `sku`, whatever its generation (first listed).
    pub fn vpn_any(&self, sku: VpnSku) -> Option<&VpnSkuSpec> {
        self.vpn.iter().find(|s| s.sku == sku)
    }

    /// The generation a gateway gets when none is given: 2 where the SKU has a Generation2 form, else 1.
    pub fn default_generation(&self, sku: VpnSku) -> u8 {
        if self.vpn(sku, 2).is_some() { 2 } else { 1 }
    }

    /// The row of an ExpressRoute SKU, if this era has it.
    pub fn er(&self, sku: ErSku) -> Option<&ErSkuSpec> {
        self.er.iter().find(|s| s.sku == sku)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_embedded_catalogs_parse_and_name_their_sources() {
        for &era in Era::ALL {
            let c = Catalog::get(era);
            assert_eq!(c.era, era);
            assert!(!c.vpn.is_empty() && !c.er.is_empty());
            for row in &c.vpn {
                assert!(!row.sources.is_empty(), "{era} {} has no source", row.sku);
                assert!(row.per_tunnel_mbps.is_none_or(|t| t <= row.aggregate_mbps));
            }
            for row in &c.er {
                assert!(!row.sources.is_empty(), "{era} {} has no source", row.sku);
            }
        }
    }

    #[test]
    fn current_table_matches_the_fact_sheet() {
        let c = Catalog::get(Era::Current);
        let gw5 = c.vpn(VpnSku::VpnGw5AZ, 2).expect("VpnGw5AZ gen2");
        assert_eq!(
            (gw5.aggregate_mbps, gw5.s2s_tunnels, gw5.p2s_ikev2_openvpn),
            (10_000, 100, Some(10_000))
        );
        assert_eq!(c.vpn(VpnSku::VpnGw2, 1).map(|r| r.aggregate_mbps), Some(1000));
        assert_eq!(c.vpn(VpnSku::VpnGw2, 2).map(|r| r.aggregate_mbps), Some(1250));
        assert!(c.vpn(VpnSku::VpnGw1, 2).is_none());
        assert_eq!(c.default_generation(VpnSku::VpnGw1), 1);
        assert_eq!(c.default_generation(VpnSku::VpnGw3AZ), 2);
        assert!(!c.vpn(VpnSku::VpnGw1, 1).expect("row").creatable);
        assert!(c.vpn(VpnSku::VpnGw1AZ, 1).expect("row").creatable);
        assert_eq!(c.er(ErSku::UltraPerformance).map(|r| r.aggregate_mbps), Some(10_000));
        assert!(c.er(ErSku::Basic).is_none());
        // RADIUS on the legacy SKUs (VPN FAQ: "For earlier SKUs ... Standard and High Performance") [S16].
        assert!(c.vpn_any(VpnSku::Standard).is_some_and(|r| r.radius));
        assert_eq!(c.circuits_per_location, 4);
    }

    #[test]
    fn table_2017_matches_the_fact_sheet() {
        let c = Catalog::get(Era::Y2017);
        assert_eq!(
            c.vpn(VpnSku::HighPerformance, 1)
                .map(|r| (r.aggregate_mbps, r.s2s_tunnels)),
            Some((200, 30))
        );
        assert_eq!(c.vpn(VpnSku::VpnGw3, 1).map(|r| r.aggregate_mbps), Some(1250));
        assert!(c.vpn_any(VpnSku::VpnGw4).is_none());
        assert!(c.vpn_any(VpnSku::VpnGw1AZ).is_none());
        assert_eq!(c.er(ErSku::UltraPerformance).map(|r| r.aggregate_mbps), Some(9000));
        assert!(c.vpn.iter().all(|r| r.per_tunnel_mbps.is_none()));
        // The 2017 ExpressRoute FAQ: up to four circuits per VNet, each from a different location [S32].
        assert!(c.er.iter().all(|r| r.max_circuits == Some(4)));
        assert_eq!(c.circuits_per_location, 1);
        // Custom IPsec/IKE policy on Standard and HighPerformance (2017 VPN FAQ) [S16].
        assert!(c.vpn_any(VpnSku::HighPerformance).is_some_and(|r| r.custom_ipsec));
    }
}
