//! Azure regions: programmatic and display names, the cloud each belongs to, and the ExpressRoute
//! geopolitical region ("a Standard circuit reaches the VNets of its geopolitical region; Premium
//! reaches the others"), plus the ExpressRoute peering locations of each geopolitical region.
//!
//! Where the table comes from, and when:
//! - Public-cloud region names: Azure's Locations API (`az account list-locations`, physical regions
//!   only) as quoted on 2023-09-22 in the public `cloud-barista/cb-spider` sources. Regions opened
//!   after that date are missing: an unknown name is a warning that says so, never an error.
//! - Geopolitical regions, national clouds and peering locations: the ExpressRoute "partners and
//!   peering locations" page, `expressroute-locations.md` (ms.date 07/30/2019; its 08/17/2017 copy
//!   has the same boundaries with fewer entries). Regions that page does not list have no
//!   geopolitical region here, and the rules that need one say nothing about them.
//! - Azure Germany (Germany Central and Germany Northeast) was a separate cloud, closed in 2021.

use std::fmt;
use std::sync::OnceLock;

/// An Azure cloud: VNets of two clouds cannot be joined (no VNet-to-VNet, no peering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cloud {
    /// Azure public (global) cloud.
    Public,
    /// Azure operated by 21Vianet (China).
    China,
    /// Azure US Government (including the `DoD` regions).
    UsGovernment,
    /// Azure Germany (sovereign cloud, closed in 2021).
    Germany,
}

impl Cloud {
    /// A human label.
    pub fn label(self) -> &'static str {
        match self {
            Cloud::Public => "Azure public cloud",
            Cloud::China => "Azure China",
            Cloud::UsGovernment => "Azure US Government",
            Cloud::Germany => "Azure Germany",
        }
    }
}

impl fmt::Display for Cloud {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One Azure region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// Programmatic name (`westeurope`), as the command language and ARM spell it.
    pub name: &'static str,
    /// Display name (`West Europe`).
    pub display: &'static str,
    /// ExpressRoute geopolitical region, where the ExpressRoute locations page lists the region.
    pub geo: Option<&'static str>,
    /// The cloud.
    pub cloud: Cloud,
}

const fn r(name: &'static str, display: &'static str, geo: Option<&'static str>, cloud: Cloud) -> Region {
    Region {
        name,
        display,
        geo,
        cloud,
    }
}

const EUROPE: Option<&str> = Some("Europe");
const NORTH_AMERICA: Option<&str> = Some("North America");
const P: Cloud = Cloud::Public;

/// Every region of the table, public cloud first.
pub static REGIONS: &[Region] = &[
    r("eastus", "East US", NORTH_AMERICA, P),
    r("eastus2", "East US 2", NORTH_AMERICA, P),
    r("southcentralus", "South Central US", NORTH_AMERICA, P),
    r("westus2", "West US 2", NORTH_AMERICA, P),
    r("westus3", "West US 3", None, P),
    r("australiaeast", "Australia East", Some("Oceania"), P),
    r("southeastasia", "Southeast Asia", Some("Asia"), P),
    r("northeurope", "North Europe", EUROPE, P),
    r("swedencentral", "Sweden Central", None, P),
    r("uksouth", "UK South", EUROPE, P),
    r("westeurope", "West Europe", EUROPE, P),
    r("centralus", "Central US", NORTH_AMERICA, P),
    r("southafricanorth", "South Africa North", Some("South Africa"), P),
    r("centralindia", "Central India", Some("India"), P),
    r("eastasia", "East Asia", Some("Asia"), P),
    r("japaneast", "Japan East", Some("Japan"), P),
    r("koreacentral", "Korea Central", Some("South Korea"), P),
    r("canadacentral", "Canada Central", NORTH_AMERICA, P),
    r("francecentral", "France Central", EUROPE, P),
    r("germanywestcentral", "Germany West Central", None, P),
    r("italynorth", "Italy North", None, P),
    r("norwayeast", "Norway East", None, P),
    r("polandcentral", "Poland Central", None, P),
    r("switzerlandnorth", "Switzerland North", None, P),
    r("uaenorth", "UAE North", Some("UAE"), P),
    r("brazilsouth", "Brazil South", Some("South America"), P),
    r("qatarcentral", "Qatar Central", None, P),
    r("northcentralus", "North Central US", NORTH_AMERICA, P),
    r("westus", "West US", NORTH_AMERICA, P),
    r("jioindiawest", "Jio India West", None, P),
    r("westcentralus", "West Central US", NORTH_AMERICA, P),
    r("southafricawest", "South Africa West", Some("South Africa"), P),
    r("australiacentral", "Australia Central", Some("Australia Government"), P),
    r(
        "australiacentral2",
        "Australia Central 2",
        Some("Australia Government"),
        P,
    ),
    r("australiasoutheast", "Australia Southeast", Some("Oceania"), P),
    r("japanwest", "Japan West", Some("Japan"), P),
    r("jioindiacentral", "Jio India Central", None, P),
    r("koreasouth", "Korea South", Some("South Korea"), P),
    r("southindia", "South India", Some("India"), P),
    r("westindia", "West India", Some("India"), P),
    r("canadaeast", "Canada East", NORTH_AMERICA, P),
    r("francesouth", "France South", EUROPE, P),
    r("germanynorth", "Germany North", None, P),
    r("norwaywest", "Norway West", None, P),
    r("switzerlandwest", "Switzerland West", None, P),
    r("ukwest", "UK West", EUROPE, P),
    r("uaecentral", "UAE Central", Some("UAE"), P),
    r("brazilsoutheast", "Brazil Southeast", None, P),
    r(
        "usgovarizona",
        "US Gov Arizona",
        Some("US Government cloud"),
        Cloud::UsGovernment,
    ),
    r(
        "usgoviowa",
        "US Gov Iowa",
        Some("US Government cloud"),
        Cloud::UsGovernment,
    ),
    r(
        "usgovtexas",
        "US Gov Texas",
        Some("US Government cloud"),
        Cloud::UsGovernment,
    ),
    r(
        "usgovvirginia",
        "US Gov Virginia",
        Some("US Government cloud"),
        Cloud::UsGovernment,
    ),
    r(
        "usdodcentral",
        "US DoD Central",
        Some("US Government cloud"),
        Cloud::UsGovernment,
    ),
    r(
        "usdodeast",
        "US DoD East",
        Some("US Government cloud"),
        Cloud::UsGovernment,
    ),
    r("chinaeast", "China East", Some("China East"), Cloud::China),
    r("chinaeast2", "China East 2", Some("China East"), Cloud::China),
    r("chinanorth", "China North", Some("China North"), Cloud::China),
    r("chinanorth2", "China North 2", Some("China North"), Cloud::China),
    r("germanycentral", "Germany Central", Some("Germany"), Cloud::Germany),
    r("germanynortheast", "Germany Northeast", Some("Germany"), Cloud::Germany),
];

/// ExpressRoute peering locations by cloud and geopolitical region (same page, 07/30/2019).
pub static PEERING_LOCATIONS: &[(Cloud, &str, &[&str])] = &[
    (Cloud::Public, "Australia Government", &["Canberra", "Canberra2"]),
    (
        Cloud::Public,
        "Europe",
        &[
            "Amsterdam",
            "Amsterdam2",
            "Copenhagen",
            "Dublin",
            "Frankfurt",
            "London",
            "London2",
            "Marseille",
            "Newport(Wales)",
            "Paris",
            "Zurich",
        ],
    ),
    (
        Cloud::Public,
        "North America",
        &[
            "Atlanta",
            "Chicago",
            "Dallas",
            "Denver",
            "Las Vegas",
            "Los Angeles",
            "Miami",
            "New York",
            "San Antonio",
            "Seattle",
            "Silicon Valley",
            "Silicon Valley2",
            "Washington DC",
            "Washington DC2",
            "Montreal",
            "Quebec City",
            "Toronto",
        ],
    ),
    (
        Cloud::Public,
        "Asia",
        &[
            "Hong Kong",
            "Hong Kong SAR",
            "Kuala Lumpur",
            "Singapore",
            "Singapore2",
            "Taipei",
        ],
    ),
    (Cloud::Public, "India", &["Chennai", "Chennai2", "Mumbai", "Mumbai2"]),
    (Cloud::Public, "Japan", &["Osaka", "Tokyo"]),
    (Cloud::Public, "Oceania", &["Auckland", "Melbourne", "Perth", "Sydney"]),
    (Cloud::Public, "South Korea", &["Busan", "Seoul"]),
    (Cloud::Public, "UAE", &["Dubai", "Dubai2"]),
    (Cloud::Public, "South Africa", &["Cape Town", "Johannesburg"]),
    (Cloud::Public, "South America", &["Sao Paulo"]),
    (
        Cloud::UsGovernment,
        "US Government cloud",
        &[
            "Chicago",
            "Dallas",
            "New York",
            "Phoenix",
            "San Antonio",
            "Seattle",
            "Silicon Valley",
            "Washington DC",
        ],
    ),
    (Cloud::China, "China East", &["Shanghai", "Shanghai2"]),
    (Cloud::China, "China North", &["Beijing", "Beijing2"]),
    (Cloud::Germany, "Germany", &["Berlin", "Frankfurt"]),
];

/// Lower case without spaces, so `West Europe`, `westeurope` and `WestEurope` compare equal.
fn fold(s: &str) -> String {
    folded(s).collect()
}

fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase)
}

/// `a` and `b` equal once folded (no allocation).
fn same(a: &str, b: &str) -> bool {
    folded(a).eq(folded(b))
}

/// Every programmatic and display name, folded and sorted, with its region's index: built once.
fn index() -> &'static [(String, usize)] {
    static INDEX: OnceLock<Vec<(String, usize)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut v: Vec<(String, usize)> = REGIONS
            .iter()
            .enumerate()
            .flat_map(|(i, r)| [(fold(r.name), i), (fold(r.display), i)])
            .collect();
        v.sort();
        v.dedup();
        v
    })
}

/// `true` when both regions are ones the table knows, of two different clouds (public, China,
/// Government, Germany): what neither a peering nor a VNet-to-VNet connection can join. An unset or
/// unknown region is not a cloud boundary (`region-known` reports it).
pub fn clouds_differ(a: Option<&str>, b: Option<&str>) -> bool {
    let cloud = |r: Option<&str>| r.and_then(lookup).map(|r| r.cloud);
    matches!((cloud(a), cloud(b)), (Some(x), Some(y)) if x != y)
}

/// The region called `name`: its programmatic or its display name, in any case and spacing.
pub fn lookup(name: &str) -> Option<&'static Region> {
    // Names already in programmatic form (the common case) need no folding.
    let key: std::borrow::Cow<'_, str> = if name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
        name.into()
    } else {
        fold(name).into()
    };
    let idx = index();
    idx.binary_search_by(|(k, _)| k.as_str().cmp(&key))
        .ok()
        .map(|i| &REGIONS[idx[i].1])
}

/// The region nearest to a misspelt `name` (Jaro-Winkler similarity of the programmatic names), when
/// one is close enough to be worth suggesting.
pub fn suggest(name: &str) -> Option<&'static Region> {
    let folded = fold(name);
    REGIONS
        .iter()
        .map(|r| (strsim::jaro_winkler(&folded, r.name), r))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, r)| r)
}

/// The geopolitical region of an ExpressRoute peering location within `cloud` (the same city can
/// belong to two clouds' tables, Chicago say).
pub fn location_geo(cloud: Cloud, location: &str) -> Option<&'static str> {
    PEERING_LOCATIONS
        .iter()
        .filter(|(c, _, _)| *c == cloud)
        .find(|(_, _, places)| places.iter().any(|p| same(p, location)))
        .map(|(_, geo, _)| *geo)
}

/// `true` when a VNet in region `vnet_region` and a circuit at peering location `location` lie in
/// different geopolitical regions of the same cloud (both known to the table) \[S32\].
pub(crate) fn outside_geo(vnet_region: Option<&str>, location: Option<&str>) -> bool {
    let Some(r) = vnet_region.and_then(lookup) else {
        return false;
    };
    match (r.geo, location.and_then(|l| location_geo(r.cloud, l))) {
        (Some(x), Some(y)) => x != y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_lower_case_and_found_by_either_spelling() {
        let mut seen = std::collections::HashSet::new();
        for r in REGIONS {
            assert!(seen.insert(r.name), "{} twice", r.name);
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
                "{}",
                r.name
            );
            assert_eq!(lookup(r.display).map(|x| x.name), Some(r.name));
        }
        assert_eq!(lookup("WestEurope").map(|r| r.display), Some("West Europe"));
        assert!(lookup("atlantis").is_none());
    }

    #[test]
    fn misspellings_get_the_nearest_region_and_nonsense_gets_none() {
        assert_eq!(suggest("westeurop").map(|r| r.name), Some("westeurope"));
        assert_eq!(suggest("eastu2").map(|r| r.name), Some("eastus2"));
        assert!(suggest("zzzz").is_none());
    }

    #[test]
    fn peering_locations_resolve_within_their_cloud() {
        assert_eq!(location_geo(Cloud::Public, "amsterdam"), Some("Europe"));
        assert_eq!(location_geo(Cloud::Public, "Chicago"), Some("North America"));
        assert_eq!(
            location_geo(Cloud::UsGovernment, "Chicago"),
            Some("US Government cloud")
        );
        assert_eq!(location_geo(Cloud::China, "Chicago"), None);
    }
}
