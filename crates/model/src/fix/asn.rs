//! The ASNs fixes give, chosen once for the whole design so that following several fixes together
//! never makes two ends of a BGP connection equal.
//!
//! A gateway takes the first of 65515 (Azure's default), 65010-65019, 65100-65199 that none of its
//! BGP neighbours has (the VNet-to-VNet partners' gateways and the S2S sites). Neighbours without an
//! ASN are planned in rank order: first the VNets that need 65515 (an S2S site and an ExpressRoute
//! circuit on one VNet transit only with VPN ASN 65515 \[S25\]), then by name; a gateway avoids the
//! ASNs planned for the neighbours that rank before it. Sites take 65020-65029, 65200-65299, a range
//! no gateway is given, avoiding the ASNs their gateways have.

use crate::design::{Design, LinkKind, Vnet};
use crate::hash::{FxMap, FxSet};
use crate::sku::Era;

/// Azure's default gateway ASN.
pub(crate) const AZURE_ASN: u32 = 65515;

/// The ASNs a gateway may be given, in order of preference.
fn gateway_pool() -> impl Iterator<Item = u32> {
    std::iter::once(AZURE_ASN).chain(65010..=65019).chain(65100..=65199)
}

/// The ASNs a site may be given, in order of preference.
fn site_pool() -> impl Iterator<Item = u32> {
    (65020..=65029).chain(65200..=65299)
}

/// Who speaks BGP with whom in a design, read once.
pub(crate) struct Asns<'d> {
    design: &'d Design,
    /// VNet → its VNet-to-VNet BGP partners.
    v2v: FxMap<&'d str, Vec<&'d str>>,
    /// VNet → its S2S BGP sites, and site → its VNets.
    s2s: FxMap<&'d str, Vec<&'d str>>,
    /// The VNets that need ASN 65515 (S2S sites and ExpressRoute circuits, now).
    wants_azure: FxSet<&'d str>,
}

impl<'d> Asns<'d> {
    /// The BGP neighbourhood of every node of `design`.
    pub fn of(design: &'d Design) -> Asns<'d> {
        let mut v2v: FxMap<&str, Vec<&str>> = FxMap::default();
        let mut s2s: FxMap<&str, Vec<&str>> = FxMap::default();
        let mut s2s_sites: FxMap<&str, Vec<&str>> = FxMap::default();
        let mut er_sites: FxMap<&str, Vec<&str>> = FxMap::default();
        for l in design.links().values() {
            let (a, b) = (l.a.as_str(), l.b.as_str());
            match l.kind {
                LinkKind::V2v if l.bgp => {
                    v2v.entry(a).or_default().push(b);
                    v2v.entry(b).or_default().push(a);
                }
                LinkKind::S2s => {
                    if l.bgp {
                        s2s.entry(a).or_default().push(b);
                        s2s.entry(b).or_default().push(a);
                    }
                    s2s_sites.entry(a).or_default().push(b);
                }
                LinkKind::Er => er_sites.entry(a).or_default().push(b),
                _ => {}
            }
        }
        let mut wants_azure = FxSet::default();
        if design.era == Era::Current {
            for (vnet, sites) in &mut s2s_sites {
                if let Some(er) = er_sites.get_mut(vnet) {
                    sites.sort_unstable();
                    sites.dedup();
                    er.sort_unstable();
                    er.dedup();
                    // The rule's exception: S2S as the failover of ExpressRoute to the same sites.
                    if sites != er {
                        wants_azure.insert(*vnet);
                    }
                }
            }
        }
        Asns {
            design,
            v2v,
            s2s,
            wants_azure,
        }
    }

    fn gateway(&self, name: &str) -> Option<&'d Vnet> {
        self.design.vnet(name).filter(|v| v.vpn.is_some())
    }

    fn gateway_asn_set(&self, name: &str) -> Option<u32> {
        self.gateway(name).and_then(|v| v.vpn.as_ref()).and_then(|g| g.asn)
    }

    /// `true` when `vnet` joins S2S sites and ExpressRoute circuits, so its transit needs ASN 65515.
    pub fn wants_azure(&self, vnet: &str) -> bool {
        self.wants_azure.contains(vnet)
    }

    /// `true` when `x` is planned before `y`.
    fn ranks_before(&self, x: &str, y: &str) -> bool {
        (!self.wants_azure(x), x) < (!self.wants_azure(y), y)
    }

    /// The ASN to give `vnet`'s VPN gateway (whether it has one now or not).
    pub fn gateway_asn(&self, vnet: &str) -> u32 {
        self.plan(vnet, &mut FxMap::default())
    }

    fn plan<'n>(&self, vnet: &'n str, memo: &mut FxMap<&'n str, u32>) -> u32
    where
        'd: 'n,
    {
        if let Some(asn) = memo.get(vnet) {
            return *asn;
        }
        let mut taken: Vec<u32> = Vec::new();
        for &partner in self.v2v.get(vnet).into_iter().flatten() {
            match self.gateway_asn_set(partner) {
                Some(asn) => taken.push(asn),
                None if self.ranks_before(partner, vnet) => taken.push(self.plan(partner, memo)),
                None => {}
            }
        }
        for site in self.s2s.get(vnet).into_iter().flatten() {
            taken.extend(self.design.site(site).and_then(|s| s.asn));
        }
        let asn = gateway_pool().find(|a| !taken.contains(a)).unwrap_or(AZURE_ASN);
        memo.insert(vnet, asn);
        asn
    }

    /// The ASN to give site `site`.
    pub fn site_asn(&self, site: &str) -> u32 {
        let taken: Vec<u32> = self
            .s2s
            .get(site)
            .into_iter()
            .flatten()
            .filter_map(|v| self.gateway_asn_set(v))
            .collect();
        site_pool().find(|a| !taken.contains(a)).unwrap_or(65020)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::test_support::design;

    const TWO: &str = "vnet a 10.0.0.0/16\ngateway a vpn VpnGw1AZ\nvnet b 10.1.0.0/16\ngateway b vpn VpnGw1AZ\n\
                       link v2v a b bgp\n";

    #[test]
    fn two_gateways_without_asn_get_distinct_ones_in_name_order() {
        let d = design(TWO);
        let asns = Asns::of(&d);
        assert_eq!((asns.gateway_asn("a"), asns.gateway_asn("b")), (65515, 65010));
    }

    #[test]
    fn the_vnet_that_needs_65515_for_transit_gets_it_whatever_its_name() {
        let d = design(&format!(
            "{TWO}gateway b er ErGw1AZ\nsite dc 192.168.0.0/24 circuit=1000\nsite br 192.168.1.0/24 ip=203.0.113.1\n\
             link er b dc\nlink s2s b br\n"
        ));
        let asns = Asns::of(&d);
        assert!(asns.wants_azure("b"));
        assert_eq!((asns.gateway_asn("a"), asns.gateway_asn("b")), (65010, 65515));
    }

    #[test]
    fn a_set_asn_is_avoided_and_sites_keep_to_their_own_range() {
        let d = design(&format!(
            "{TWO}set b asn=65515\nsite s 192.168.0.0/24 ip=203.0.113.1 asn=65010\nlink s2s a s bgp\n"
        ));
        let asns = Asns::of(&d);
        assert_eq!(asns.gateway_asn("a"), 65011);
        assert_eq!(asns.site_asn("s"), 65020);
    }
}
