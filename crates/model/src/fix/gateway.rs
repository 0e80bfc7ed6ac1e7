//! The gateways a fix touches: the SKU to suggest, moving a gateway to another SKU with what the
//! new SKU needs (RouteBased, generation, an ASN, its connections' protocols and policies), making
//! it RouteBased, adding a VPN or ExpressRoute gateway (with its GatewaySubnet), and the lines that
//! make a connection run BGP end to end ([`BgpFix`]).

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr};

use ipnet::IpNet;

use super::fixer::{Fixer, GATEWAY_SUBNET};
use super::lines::{clear_side, link_line};
use crate::catalog::VpnSkuSpec;
use crate::design::{Link, LinkKind, Protocol, Site, Vnet, VpnType};
use crate::sku::{ErSku, Era, VpnSku};

/// The lines that make a connection run BGP, and whether they are all there (a line whose value
/// cannot be computed is left out, and `complete` is false).
pub(crate) struct BgpFix {
    /// The lines, in order.
    pub lines: Vec<String>,
    /// `false` when a needed line is missing.
    pub complete: bool,
}

impl<'d> Fixer<'d> {
    /// The VPN SKU of the design's era closest to `sku` (the AZ form now, VpnGw1-3 in 2017).
    pub fn suggest_vpn(&self, sku: VpnSku) -> VpnSku {
        let name = sku.as_str();
        let wanted = match (self.design.era, sku) {
            (Era::Current, VpnSku::Standard) => "VpnGw1AZ".to_owned(),
            (Era::Current, VpnSku::HighPerformance) => "VpnGw2AZ".to_owned(),
            (Era::Current, _) if name.starts_with("VpnGw") && !name.ends_with("AZ") => format!("{name}AZ"),
            (Era::Y2017, VpnSku::Standard | VpnSku::HighPerformance) => "VpnGw1".to_owned(),
            (Era::Y2017, _) if name.starts_with("VpnGw") => {
                let n = name.chars().nth(5).and_then(|c| c.to_digit(10)).unwrap_or(1).min(3);
                format!("VpnGw{n}")
            }
            _ => name.to_owned(),
        };
        wanted
            .parse()
            .ok()
            .filter(|s| self.catalog.vpn_any(*s).is_some_and(|r| r.creatable))
            .or_else(|| {
                self.catalog
                    .vpn
                    .iter()
                    .find(|r| r.creatable && !r.sku.is_basic())
                    .map(|r| r.sku)
            })
            .unwrap_or(sku)
    }

    /// The ExpressRoute SKU of the design's era closest to `sku`.
    pub fn suggest_er(&self, sku: ErSku) -> ErSku {
        let wanted = match (self.design.era, sku) {
            (Era::Current, ErSku::Basic | ErSku::Standard) => ErSku::ErGw1AZ,
            (Era::Current, ErSku::HighPerformance) => ErSku::ErGw2AZ,
            (Era::Current, ErSku::UltraPerformance) => ErSku::ErGw3AZ,
            (Era::Y2017, ErSku::ErGw1AZ | ErSku::ErGwScale) => ErSku::Standard,
            (Era::Y2017, ErSku::ErGw2AZ) => ErSku::HighPerformance,
            (Era::Y2017, ErSku::ErGw3AZ) => ErSku::UltraPerformance,
            (_, s) => s,
        };
        if self.catalog.er(wanted).is_some_and(|r| r.creatable) {
            wanted
        } else {
            self.catalog.er.iter().find(|r| r.creatable).map_or(sku, |r| r.sku)
        }
    }

    /// The lines that move `v`'s VPN gateway to `sku` (see [`Fixer::vpn_row`]).
    pub fn vpn_sku(&self, v: &Vnet, sku: VpnSku) -> Vec<String> {
        self.vpn_change(v, sku, None)
    }

    /// The lines that move `v`'s VPN gateway to the catalog row `spec` (its generation set when
    /// `set vpn-sku` would keep another), with what the row needs of the gateway (RouteBased when it
    /// offers no PolicyBased, no active-active when it offers none, Resource Manager for a VpnGw SKU,
    /// an ASN when it starts to speak BGP on the VNet's BGP connections) and of its connections
    /// (SSTP and no RADIUS for P2S where it offers only that, no custom `IPsec` policy where it offers
    /// none, BGP or a single tunnel where several static tunnels go to one site of a gateway that
    /// becomes RouteBased).
    pub fn vpn_row(&self, v: &Vnet, spec: &VpnSkuSpec) -> Vec<String> {
        self.vpn_change(v, spec.sku, Some(spec.generation))
    }

    /// The generation `set VNET vpn-sku=SKU` gives `v`'s gateway: its own where the SKU comes in it,
    /// else the SKU's default.
    fn kept_generation(&self, v: &Vnet, sku: VpnSku) -> u8 {
        v.vpn
            .as_ref()
            .map(|g| g.generation)
            .filter(|g| self.catalog.vpn(sku, *g).is_some())
            .unwrap_or_else(|| self.catalog.default_generation(sku))
    }

    /// ` generation=N` when `set vpn-sku` would give `v`'s gateway another generation than `spec`'s.
    pub fn generation_for(&self, v: &Vnet, spec: &VpnSkuSpec) -> String {
        if self.kept_generation(v, spec.sku) == spec.generation {
            String::new()
        } else {
            format!(" generation={}", spec.generation)
        }
    }

    fn vpn_change(&self, v: &Vnet, sku: VpnSku, generation: Option<u8>) -> Vec<String> {
        let mut line = format!("set {} vpn-sku={sku}", v.name);
        let kept = self.kept_generation(v, sku);
        let generation = generation.unwrap_or(kept);
        if generation != kept {
            let _ = write!(line, " generation={generation}");
        }
        let Some(spec) = self.catalog.vpn(sku, generation).or_else(|| self.catalog.vpn_any(sku)) else {
            return vec![line];
        };
        let mut after = Vec::new();
        if let Some(gw) = &v.vpn {
            let was_policy = gw.vpn_type == VpnType::PolicyBased;
            let route_based = !was_policy || !spec.policy_based;
            if was_policy && route_based {
                line.push_str(" policy-based=false");
                after.extend(self.static_tunnels(v, spec.bgp));
            }
            if gw.active_active && !spec.active_active {
                line.push_str(" active-active=false");
            }
            if gw.asn.is_none() && route_based && spec.bgp && self.speaks_bgp(v) {
                let _ = write!(line, " asn={}", self.asns().gateway_asn(&v.name));
            }
        }
        let legacy = matches!(sku, VpnSku::Basic | VpnSku::Standard | VpnSku::HighPerformance);
        if v.classic && !legacy {
            line.push_str(" classic=false");
        }
        let mut lines = vec![line];
        for l in after.into_iter().chain(self.connection_needs(v, spec)) {
            if !lines.contains(&l) {
                lines.push(l);
            }
        }
        lines
    }

    /// What a gateway of `spec` needs of `v`'s connections: SSTP and no RADIUS for P2S where it offers
    /// only that, no custom `IPsec` policy where it offers none, and without NAT no NAT rules or
    /// translated S2S connections (a site that overlaps the VNet then moves to free space).
    fn connection_needs(&self, v: &Vnet, spec: &VpnSkuSpec) -> Vec<String> {
        let mut lines = Vec::new();
        if !spec.nat && v.vpn.as_ref().is_some_and(|g| g.nat_rules > 0) {
            lines.push(format!("set {} nat-rules=0", v.name));
        }
        for l in self.links_of(&v.name) {
            let ours = l.kind == LinkKind::V2v || l.a == v.name;
            if l.kind == LinkKind::P2s
                && l.a == v.name
                && let Some(u) = self.design.users(&l.b)
            {
                if spec.p2s_ikev2_openvpn.is_none() && u.protocol != Protocol::Sstp {
                    lines.push(format!("set {} protocol=sstp", u.name));
                }
                if u.radius && !spec.radius {
                    lines.push(format!("set {} radius=false", u.name));
                }
            }
            if ours && l.custom_ipsec && !spec.custom_ipsec {
                lines.push(super::lines::custom_ipsec_off(l));
            }
            if l.kind == LinkKind::S2s && l.a == v.name && l.nat && !spec.nat {
                lines.extend(self.untranslated(v, l));
            }
        }
        lines
    }

    /// The lines that stop translating S2S connection `l` of `v`: NAT off, and its site moved to free
    /// space when it overlaps the VNet (what the translation was for).
    pub fn untranslated(&self, v: &Vnet, l: &Link) -> Vec<String> {
        let mut lines = vec![format!("set-link s2s {} {} nat=false", l.a, l.b)];
        if let Some(site) = self.design.node(&l.b)
            && crate::cidr::any_overlap(site.prefixes(), &v.prefixes)
        {
            lines.extend(self.renumber(site).unwrap_or_default());
        }
        lines
    }

    /// `true` when `gw`'s SKU offers BGP, as validation reads it (an SKU the catalog does not know
    /// is another rule's).
    fn offers_bgp(&self, gw: &crate::design::VpnGateway) -> bool {
        self.catalog
            .vpn(gw.sku, gw.generation)
            .or_else(|| self.catalog.vpn_any(gw.sku))
            .is_none_or(|s| s.bgp)
    }

    /// The ASN `v`'s gateway has, or the one the fixes give it.
    fn gateway_asn_after(&self, v: &Vnet) -> u32 {
        v.vpn
            .as_ref()
            .and_then(|g| g.asn)
            .unwrap_or_else(|| self.asns().gateway_asn(&v.name))
    }

    /// The lines that make `v`'s PolicyBased gateway RouteBased on its SKU: with an ASN where the SKU
    /// speaks BGP on the VNet's BGP connections, and its several static tunnels to one site given
    /// BGP or cut to one.
    pub fn route_based(&self, v: &Vnet) -> Vec<String> {
        let mut line = format!("set {} policy-based=false", v.name);
        let Some(gw) = &v.vpn else { return vec![line] };
        let bgp = self.offers_bgp(gw);
        if gw.asn.is_none() && bgp && self.speaks_bgp(v) {
            let _ = write!(line, " asn={}", self.asns().gateway_asn(&v.name));
        }
        let mut lines = vec![line];
        for l in self.static_tunnels(v, bgp) {
            if !lines.contains(&l) {
                lines.push(l);
            }
        }
        lines
    }

    /// For a gateway that becomes RouteBased: its several S2S tunnels to one site, not all over BGP,
    /// which a RouteBased gateway takes only over BGP. With `bgp` (the SKU offers it) they get BGP
    /// and what BGP needs; without, one tunnel is kept.
    fn static_tunnels(&self, v: &Vnet, bgp: bool) -> Vec<String> {
        let mut by_site: Vec<(&str, Vec<&Link>)> = Vec::new();
        for l in self.links_of(&v.name) {
            if l.kind == LinkKind::S2s && l.a == v.name {
                match by_site.iter_mut().find(|(s, _)| *s == l.b) {
                    Some((_, links)) => links.push(l),
                    None => by_site.push((&l.b, vec![l])),
                }
            }
        }
        let mut lines = Vec::new();
        for (site, links) in by_site {
            if links.len() < 2 || links.iter().all(|l| l.bgp) {
                continue;
            }
            let s = self.design.site(site);
            let address = s.and_then(|s| s.bgp_ip.map_or_else(|| Some(self.bgp_ip(s)), |_| None));
            if bgp && !matches!(address, Some(None)) {
                lines.push(format!("set-link s2s {} {site} bgp", v.name));
                if v.vpn.as_ref().is_some_and(|g| g.asn.is_none()) {
                    lines.push(format!("set {} asn={}", v.name, self.asns().gateway_asn(&v.name)));
                }
                if let Some(s) = s {
                    if s.asn.is_none() || s.asn == Some(self.gateway_asn_after(v)) {
                        lines.push(format!("set {site} asn={}", self.asns().site_asn(site)));
                    }
                    if let Some(Some(ip)) = address {
                        lines.push(format!("set {site} bgp-ip={ip}"));
                    }
                }
            } else {
                lines.push(format!("unlink s2s {} {site}", v.name));
                lines.push(link_line(links[0]));
            }
        }
        lines
    }

    /// `true` when `v` has BGP connections: S2S from it, or VNet-to-VNet.
    fn speaks_bgp(&self, v: &Vnet) -> bool {
        self.links_of(&v.name)
            .any(|l| l.bgp && (l.kind == LinkKind::V2v || (l.kind == LinkKind::S2s && l.a == v.name)))
    }

    /// `set VNET er-sku=SKU`, with FastPath off when the new SKU offers none.
    pub fn er_sku(&self, v: &Vnet, sku: ErSku) -> String {
        let mut line = format!("set {} er-sku={sku}", v.name);
        if v.er.as_ref().is_some_and(|g| g.fastpath) && self.catalog.er(sku).is_some_and(|s| !s.fastpath) {
            line.push_str(" fastpath=false");
        }
        line
    }

    /// `true` when `v` has a GatewaySubnet of at least `/len`.
    fn has_gateway_subnet(v: &Vnet, len: u8) -> bool {
        v.subnets
            .iter()
            .any(|s| s.name == GATEWAY_SUBNET && matches!(s.prefix, IpNet::V4(_)) && s.prefix.prefix_len() <= len)
    }

    /// The lines that give `v` a VPN gateway of `sku`: a GatewaySubnet when it has none, an ASN when
    /// its connections run BGP, and its peerings no longer using remote gateways (a VNet with a
    /// gateway cannot); `None` when no GatewaySubnet fits.
    pub fn add_vpn_gateway(&self, v: &Vnet, sku: VpnSku) -> Option<Vec<String>> {
        let translates = self
            .links_of(&v.name)
            .any(|l| l.kind == LinkKind::S2s && l.a == v.name && l.nat);
        let nat_sku = self.suggest_vpn(VpnSku::VpnGw2);
        let sku = if translates && self.catalog.vpn_any(nat_sku).is_some_and(|s| s.nat) {
            nat_sku
        } else {
            sku
        };
        let mut lines = Vec::new();
        let want = if v.er.is_some() { 27 } else { 29 };
        if !Self::has_gateway_subnet(v, want) {
            lines.extend(self.place_subnet(v, GATEWAY_SUBNET, 27)?);
        }
        let mut gateway = format!("gateway {} vpn {sku}", v.name);
        if self.speaks_bgp(v) {
            let _ = write!(gateway, " asn={}", self.asns().gateway_asn(&v.name));
        }
        lines.push(gateway);
        if v.classic && !matches!(sku, VpnSku::Basic | VpnSku::Standard | VpnSku::HighPerformance) {
            lines.push(format!("set {} classic=false", v.name));
        }
        if let Some(spec) = self.catalog.vpn_any(sku) {
            lines.extend(self.connection_needs(v, spec));
        }
        lines.extend(self.stop_using_remote(v));
        Some(lines)
    }

    /// The lines that give `v` an ExpressRoute gateway: a GatewaySubnet big enough, and a VPN gateway
    /// beside it made fit to coexist; `None` when no GatewaySubnet fits.
    pub fn add_er_gateway(&self, v: &Vnet) -> Option<Vec<String>> {
        // A gateway that takes the VNet's circuits; none takes more from one location than allowed.
        let circuits = self.circuits(v);
        let per_location = self.catalog.circuits_per_location as usize;
        let mut locations: Vec<&str> = circuits.iter().filter_map(|c| c.location.as_deref()).collect();
        locations.sort_unstable();
        if locations.chunk_by(|a, b| a == b).any(|run| run.len() > per_location) {
            return None;
        }
        let sku = self.er_for(v, self.suggest_er(ErSku::ErGw1AZ))?;
        let len = if circuits.len() >= 16 { 26 } else { 27 };
        let mut lines = Vec::new();
        let want = if circuits.len() >= 16 {
            26
        } else if v.vpn.is_some() {
            27
        } else {
            29
        };
        if !Self::has_gateway_subnet(v, want) {
            lines.extend(self.place_subnet(v, GATEWAY_SUBNET, len)?);
        }
        lines.push(format!("gateway {} er {sku}", v.name));
        if v.classic && matches!(sku, ErSku::ErGw1AZ | ErSku::ErGw2AZ | ErSku::ErGw3AZ | ErSku::ErGwScale) {
            lines.push(format!("set {} classic=false", v.name));
        }
        if let Some(gw) = &v.vpn {
            let spec = self
                .catalog
                .vpn(gw.sku, gw.generation)
                .or_else(|| self.catalog.vpn_any(gw.sku));
            if spec.is_some_and(|s| !s.coexist) {
                lines.extend(self.vpn_sku(v, self.suggest_vpn(VpnSku::VpnGw1)));
            } else if gw.vpn_type == VpnType::PolicyBased {
                lines.extend(self.route_based(v));
            }
        }
        lines.extend(self.stop_using_remote(v));
        Some(lines)
    }

    /// The circuits `v` links to over ExpressRoute, each site once.
    fn circuits(&self, v: &Vnet) -> Vec<&'d crate::design::Circuit> {
        let mut sites: Vec<&str> = self
            .links_of(&v.name)
            .filter(|l| l.kind == LinkKind::Er && l.a == v.name)
            .map(|l| l.b.as_str())
            .collect();
        sites.sort_unstable();
        sites.dedup();
        sites
            .into_iter()
            .filter_map(|s| self.design.site(s)?.circuit.as_ref())
            .collect()
    }

    /// The line that moves `v`'s ExpressRoute gateway to `wanted`, or to the smallest SKU that takes
    /// its circuits; none when no SKU of the era does.
    pub fn er_move(&self, v: &Vnet, wanted: ErSku) -> Vec<String> {
        self.er_for(v, wanted).map(|s| self.er_sku(v, s)).into_iter().collect()
    }

    /// `wanted`, or the smallest creatable ExpressRoute SKU that takes all of `v`'s circuits; `None`
    /// when none does (more circuits than the era's gateways take).
    pub fn er_for(&self, v: &Vnet, wanted: ErSku) -> Option<ErSku> {
        let count = self.circuits(v).len();
        let fits = |r: &crate::catalog::ErSkuSpec| r.max_circuits.is_none_or(|m| m as usize >= count);
        if self.catalog.er(wanted).is_some_and(&fits) {
            return Some(wanted);
        }
        self.catalog
            .er
            .iter()
            .filter(|r| r.creatable && r.max_units.is_none() && fits(r))
            .min_by_key(|r| r.aggregate_mbps)
            .map(|r| r.sku)
    }

    /// The lines that clear use-remote-gateways on `v`'s side of each of its peerings.
    fn stop_using_remote(&self, v: &Vnet) -> Vec<String> {
        self.links_of(&v.name)
            .filter(|l| l.kind == LinkKind::Peering && l.uses_remote_at(l.a == v.name))
            .flat_map(|l| clear_side(l, false, &v.name))
            .collect()
    }

    /// A BGP peer address for `site`'s device: the first host of its first IPv4 prefix that lies
    /// outside every VNet it connects to over S2S and is not its public address.
    pub fn bgp_ip(&self, site: &Site) -> Option<Ipv4Addr> {
        let vnets: Vec<&Vnet> = self
            .links_of(&site.name)
            .filter(|l| l.kind == LinkKind::S2s && l.b == site.name)
            .filter_map(|l| self.design.vnet(&l.a))
            .collect();
        site.prefixes.iter().find_map(|p| {
            let IpNet::V4(net) = p.trunc() else { return None };
            let host = if net.prefix_len() >= 31 {
                net.network()
            } else {
                Ipv4Addr::from(u32::from(net.network()) + 1)
            };
            let inside = vnets
                .iter()
                .any(|v| v.prefixes.iter().any(|q| q.contains(&IpAddr::V4(host))));
            (!inside && site.ip != Some(host)).then_some(host)
        })
    }

    /// The lines that make `link` (S2S or VNet-to-VNet) a working BGP connection: BGP on the link;
    /// each VNet end's gateway RouteBased, of a SKU that offers BGP, with an ASN; the site with an
    /// ASN and a BGP peer address.
    pub fn bgp(&self, link: &Link) -> BgpFix {
        let mut lines = Vec::new();
        let mut complete = true;
        if !link.bgp {
            lines.push(format!("set-link {} {} {} bgp", link.kind, link.a, link.b));
        }
        let mut ends = vec![link.a.as_str()];
        if link.kind == LinkKind::V2v {
            ends.push(&link.b);
        }
        for name in ends {
            let Some(v) = self.design.vnet(name) else {
                complete = false;
                continue;
            };
            let Some(gw) = &v.vpn else {
                complete = false;
                continue;
            };
            let offers_bgp = self.offers_bgp(gw);
            if !offers_bgp {
                lines.extend(self.vpn_sku(v, self.suggest_vpn(VpnSku::VpnGw1)));
            } else if gw.vpn_type == VpnType::PolicyBased {
                lines.push(format!("set {name} policy-based=false"));
            }
            let has_asn = lines
                .iter()
                .any(|l| l.starts_with(&format!("set {name} ")) && l.contains(" asn="));
            if gw.asn.is_none() && !has_asn {
                lines.push(format!("set {name} asn={}", self.asns().gateway_asn(name)));
            }
        }
        if link.kind == LinkKind::V2v
            && let (Some(a), Some(b)) = (self.design.vnet(&link.a), self.design.vnet(&link.b))
            && a.vpn.is_some()
            && b.vpn.is_some()
            && self.gateway_asn_after(a) == self.gateway_asn_after(b)
        {
            // Both ends would have one ASN: the end that does not need 65515 takes another.
            let (keep, change) = if self.asns().wants_azure(&b.name) {
                (b, a)
            } else {
                (a, b)
            };
            let taken = self.gateway_asn_after(keep);
            let asn = [self.asns().gateway_asn(&change.name), 65010, 65011]
                .into_iter()
                .find(|x| *x != taken)
                .unwrap_or(65012);
            lines.retain(|l| !l.starts_with(&format!("set {} asn=", change.name)));
            lines.push(format!("set {} asn={asn}", change.name));
        }
        if link.kind == LinkKind::S2s
            && let Some(site) = self.design.site(&link.b)
        {
            let gateway = self.design.vnet(&link.a).map(|v| self.gateway_asn_after(v));
            if site.asn.is_none() || site.asn == gateway {
                lines.push(format!("set {} asn={}", site.name, self.asns().site_asn(&site.name)));
            }
            if site.bgp_ip.is_none() {
                match self.bgp_ip(site) {
                    Some(ip) => lines.push(format!("set {} bgp-ip={ip}", site.name)),
                    None => complete = false,
                }
            }
        }
        BgpFix { lines, complete }
    }
}
