//! The documents behind the rules, the catalog rows and the throughput formulas, by the key they
//! cite (`S4`, `S24`, … and `model`): each with its title, where to read it, and which version was
//! read. `vnetsketch rules` prints the links; `docs/sources.md` is this table for readers (a test
//! keeps the two equal, and another that every key cited anywhere is here).
//!
//! Where a GitHub commit of the version read is known, the link points at that version (the page
//! may have changed since); otherwise it points at the live page.

/// One cited document (or a small set of documents read together under one key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The key rules and catalog rows cite: `S1` … `S41`, or `model`.
    pub key: &'static str,
    /// The document's title, in English.
    pub title: &'static str,
    /// Where to read it: the version read where known, else the live page.
    pub url: &'static str,
    /// Which version was read: its date, and its commit where known.
    pub read: &'static str,
}

/// Builds `https://github.com/MicrosoftDocs/azure-docs/blob/<rev>/<path>` at compile time.
macro_rules! az {
    ($rev:literal, $path:literal) => {
        concat!("https://github.com/MicrosoftDocs/azure-docs/blob/", $rev, "/", $path)
    };
}

/// The French pull-request test copy of the docs, where the 2017 texts were read.
macro_rules! fr {
    ($rev:literal, $path:literal) => {
        concat!(
            "https://github.com/OpenLocalizationTestOrg/azure-docs-pr-test.fr-FR/blob/",
            $rev,
            "/",
            $path
        )
    };
}

/// The live page on Microsoft Learn.
macro_rules! learn {
    ($path:literal) => {
        concat!("https://learn.microsoft.com/azure/", $path)
    };
}

/// Every source, in key order (`model` last).
pub const SOURCES: &[Source] = &[
    Source {
        key: "S1",
        title: "VPN Gateway include: aggregate throughput by gateway SKU and type (legacy SKUs; Traditional Chinese copy, English-identical numbers)",
        url: "https://github.com/ray155093/azure-docs.zh-tw/blob/00631b0/includes/vpn-gateway-table-gwtype-aggtput-include.md",
        read: "January 2017 text, commit 00631b0",
    },
    Source {
        key: "S2",
        title: "VPN Gateway include: aggregate throughput by gateway SKU (VpnGw1-3 and Basic; French localization test copy)",
        url: fr!("319e84c", "includes/vpn-gateway-table-gwtype-aggtput-include.md"),
        read: "October 2017 hand-off, commit 319e84c",
    },
    Source {
        key: "S3",
        title: "VPN Gateway include: gateway SKUs (2017)",
        url: fr!("4341435", "includes/vpn-gateway-gwsku-include.md"),
        read: "2017 text, commit 4341435",
    },
    Source {
        key: "S4",
        title: "About VPN Gateway (the VPN Gateway overview)",
        url: fr!(
            "282cbbf7cf295fdd06090d800f94b6935e3b036b",
            "articles/vpn-gateway/vpn-gateway-about-vpngateways.md"
        ),
        read: "ms.date 06/05/2017, commit 282cbbf",
    },
    Source {
        key: "S5",
        title: "VPN Gateway include: aggregate throughput by gateway SKU (with the P2S split by protocol)",
        url: az!("01ceceb", "includes/vpn-gateway-table-gwtype-aggtput-include.md"),
        read: "10/29/2018, commit 01ceceb",
    },
    Source {
        key: "S7",
        title: "VPN Gateway include: aggregate throughput by gateway SKU (current SKUs and generations)",
        url: az!("main", "includes/vpn-gateway-table-gwtype-aggtput-include.md"),
        read: "ms.date 06/08/2026, and the 06/04/2022 text",
    },
    Source {
        key: "S8",
        title: "VPN Gateway include: performance of one tunnel per SKU, by cipher",
        url: az!("5571bc1", "includes/vpn-gateway-table-sku-performance.md"),
        read: "01/04/2024, commit 5571bc1",
    },
    Source {
        key: "S9",
        title: "About gateway SKUs (VPN Gateway)",
        url: az!("2102068", "articles/vpn-gateway/about-gateway-skus.md"),
        read: "06/23/2025, commit 2102068",
    },
    Source {
        key: "S10",
        title: "Working with VPN Gateway legacy SKUs",
        url: learn!("vpn-gateway/vpn-gateway-about-skus-legacy"),
        read: "ms.date 02/27/2026",
    },
    Source {
        key: "S11",
        title: "VPN Gateway include: aggregate throughput of the legacy SKUs",
        url: az!("main", "includes/vpn-gateway-table-gwtype-legacy-aggtput-include.md"),
        read: "03/21/2018",
    },
    Source {
        key: "S12",
        title: "VPN Gateway include: gateway SKUs (2019)",
        url: az!("00d980b", "includes/vpn-gateway-gwsku-include.md"),
        read: "11/04/2019, commit 00d980b",
    },
    Source {
        key: "S13",
        title: "About VPN Gateway configuration settings",
        url: az!(
            "00e046f",
            "articles/vpn-gateway/vpn-gateway-about-vpn-gateway-settings.md"
        ),
        read: "09/16/2020, commit 00e046f",
    },
    Source {
        key: "S14",
        title: "VPN Gateway include: VPN types (PolicyBased and RouteBased)",
        url: az!("0ce8272", "includes/vpn-gateway-vpntype-include.md"),
        read: "2016-2017 text, commit 0ce8272",
    },
    Source {
        key: "S16",
        title: "VPN Gateway FAQ",
        url: learn!("vpn-gateway/vpn-gateway-vpn-faq"),
        read: "ms.date 06/04/2026, and the 07/10/2024 text (commit 00140bf)",
    },
    Source {
        key: "S17",
        title: "VPN Gateway FAQ include: BGP",
        url: az!("0013172", "includes/vpn-gateway-faq-bgp-include.md"),
        read: "02/12/2019 (commit 0013172), and the earlier text from before the VpnGw SKUs",
    },
    Source {
        key: "S18",
        title: "VPN Gateway FAQ include: VNet-to-VNet and multi-site connections",
        url: az!("099e9da", "includes/vpn-gateway-faq-vnet-vnet-include.md"),
        read: "11/30/2018, commit 099e9da",
    },
    Source {
        key: "S20",
        title: "Virtual network peering (overview)",
        url: az!(
            "031e06e",
            "articles/virtual-network/virtual-network-peering-overview.md"
        ),
        read: "10/17/2016, commit 031e06e",
    },
    Source {
        key: "S21",
        title: "Create, change, or delete a virtual network peering (requirements and constraints)",
        url: learn!("virtual-network/virtual-network-manage-peering"),
        read: "the 2018 wording and the current wording",
    },
    Source {
        key: "S22",
        title: "Configure VPN gateway transit for virtual network peering (and the useRemoteGateways property of the peering API)",
        url: learn!("vpn-gateway/vpn-gateway-peering-gateway-transit"),
        read: "the current pages",
    },
    Source {
        key: "S23",
        title: "Azure networking limits (include of the subscription and service limits page)",
        url: az!("04cb4ea", "includes/azure-virtual-network-limits.md"),
        read: "12/05/2022 (commit 04cb4ea), and the 2017-2018 versions of the same table",
    },
    Source {
        key: "S24",
        title: "Azure Virtual Network FAQ",
        url: learn!("virtual-network/virtual-networks-faq"),
        read: "the text dated 06/26/2020",
    },
    Source {
        key: "S25",
        title: "Configure ExpressRoute and Site-to-Site coexisting connections",
        url: az!(
            "0040784",
            "articles/expressroute/expressroute-howto-coexist-resource-manager.md"
        ),
        read: "06/05/2018 (commit 0040784), the 04/19/2017 French copy, the current page",
    },
    Source {
        key: "S26",
        title: "About virtual network gateways for ExpressRoute (2017), with its SKU and throughput includes",
        url: fr!(
            "9081db87531e97a767e2e24a8a7ea5cf16c7813f",
            "includes/expressroute-table-aggtput-include.md"
        ),
        read: "07/05/2017; includes at commits 9081db8 and 4341435",
    },
    Source {
        key: "S27",
        title: "ExpressRoute include: gateway aggregate throughput (Traditional Chinese copy)",
        url: "https://github.com/ray155093/azure-docs.zh-tw/blob/00f43ed27e2aece65c3f617098c17fb45c3c4b03/includes/expressroute-table-aggtput-include.md",
        read: "November 2016 table, October 2016 SKU list",
    },
    Source {
        key: "S28",
        title: "ExpressRoute include: gateway aggregate throughput",
        url: az!("0a3a3c2", "includes/expressroute-table-aggtput-include.md"),
        read: "04/12/2021 (commit 0a3a3c2), the 12/05/2019 text, the SKU include of 11/06/2025",
    },
    Source {
        key: "S29",
        title: "About ExpressRoute virtual network gateways",
        url: az!(
            "025ba8a",
            "articles/expressroute/expressroute-about-virtual-network-gateways.md"
        ),
        read: "11/16/2023 (commit 025ba8a), and the gateway performance include of 07/09/2024",
    },
    Source {
        key: "S30",
        title: "About ExpressRoute FastPath; About ExpressRoute Direct; ExpressRoute limits",
        url: learn!("expressroute/about-fastpath"),
        read: "01/05/2023 (FastPath), 03/28/2024 (Direct), 10/09/2023 (limits)",
    },
    Source {
        key: "S31",
        title: "VPN Gateway include: cross-premises connection options compared",
        url: az!("main", "includes/vpn-gateway-cross-premises-include.md"),
        read: "05/16/2018, its 2016-2017 variant, and the 06/23/2023 successor",
    },
    Source {
        key: "S32",
        title: "ExpressRoute FAQ; ExpressRoute circuits and peering",
        url: learn!("expressroute/expressroute-faqs"),
        read: "several versions, 2016 to now",
    },
    Source {
        key: "S33",
        title: "About point-to-site VPN routing; Configure a point-to-site VPN in the Azure portal",
        url: az!(
            "0717e0a",
            "articles/vpn-gateway/vpn-gateway-about-point-to-site-routing.md"
        ),
        read: "04/16/2018 (commit 0717e0a); the portal how-to as of 2017 and now",
    },
    Source {
        key: "S34",
        title: "Errors users reported on GitHub: MicrosoftDocs/azure-docs #27351, #61920, #60393, #91214; alan-turing-institute/data-safe-haven #2152",
        url: "https://github.com/MicrosoftDocs/azure-docs/issues/27351",
        read: "the issues as filed",
    },
    Source {
        key: "S35",
        title: "Create a site-to-site connection in the Azure portal (2017)",
        url: fr!(
            "9081db87531e97a767e2e24a8a7ea5cf16c7813f",
            "articles/vpn-gateway/vpn-gateway-howto-site-to-site-resource-manager-portal.md"
        ),
        read: "2017 localized copies",
    },
    Source {
        key: "S36",
        title: "About active-active VPN gateways",
        url: learn!("vpn-gateway/about-active-active-gateways"),
        read: "07/22/2024",
    },
    Source {
        key: "S37",
        title: "About VPN Gateway SKU consolidation and migration",
        url: learn!("vpn-gateway/gateway-sku-consolidation"),
        read: "09/26/2024",
    },
    Source {
        key: "S39",
        title: "Create a site-to-site connection with the Azure CLI (2017; the PowerShell how-to says the same)",
        url: fr!(
            "6c7c126be01ccede5ba065b13b407bac467c3bb6",
            "articles/vpn-gateway/vpn-gateway-howto-site-to-site-resource-manager-cli.md"
        ),
        read: "2017 localized copies",
    },
    Source {
        key: "S40",
        title: "Connect Azure VPN gateways to multiple on-premises policy-based VPN devices (UsePolicyBasedTrafficSelectors)",
        url: az!(
            "00e046f",
            "articles/vpn-gateway/vpn-gateway-connect-multiple-policybased-rm-ps.md"
        ),
        read: "ms.date 09/02/2020, commit 00e046f",
    },
    Source {
        key: "S41",
        title: "VPN Gateway FAQ include: IPsec/IKE policy (SKUs, traffic selectors built from both sides' prefixes)",
        url: az!("11ee015", "includes/vpn-gateway-faq-ipsecikepolicy-include.md"),
        read: "ms.date 05/25/2022, commit 11ee015",
    },
    Source {
        key: "model",
        title: "vnetsketch's own design model: a rule about the design's consistency, not an Azure limit",
        url: "docs/format.md",
        read: "this version of vnetsketch",
    },
];

/// The source cited as `key`.
pub fn source(key: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.key == key)
}

/// The keys in a citation list as rules write it (`"S9, S16, S4"`), in order.
pub fn keys(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').map(str::trim).filter(|k| !k.is_empty())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::catalog::Catalog;
    use crate::sku::Era;
    use crate::validate::RULES;

    /// Every key a rule, a catalog row or a throughput formula cites, with who cites it.
    fn cited() -> Vec<(String, String)> {
        let mut out = Vec::new();
        for r in RULES {
            out.extend(keys(r.source).map(|k| (k.to_owned(), format!("rule {}", r.id))));
        }
        for &era in Era::ALL {
            let c = Catalog::get(era);
            let rows = c
                .vpn
                .iter()
                .map(|r| (format!("{era} {} Gen{}", r.sku, r.generation), &r.sources))
                .chain(c.er.iter().map(|r| (format!("{era} {}", r.sku), &r.sources)))
                .chain(std::iter::once((format!("{era} limits"), &c.sources)));
            for (row, sources) in rows {
                out.extend(sources.iter().map(|k| (k.clone(), format!("catalog row {row}"))));
            }
        }
        // The formulas cite their sources in the module doc, as `\[S8\]`.
        let text = include_str!("throughput.rs");
        for part in text.split("\\[").skip(1) {
            if let Some((key, _)) = part.split_once("\\]") {
                out.push((key.to_owned(), "throughput formulas".to_owned()));
            }
        }
        out
    }

    #[test]
    fn every_cited_key_is_in_the_table_and_every_row_is_cited() {
        let cited = cited();
        assert!(cited.len() > 100, "the scan found the citations: {}", cited.len());
        for (key, by) in &cited {
            assert!(source(key).is_some(), "{by} cites {key}, which the sources table lacks");
        }
        let used: BTreeSet<&str> = cited.iter().map(|(k, _)| k.as_str()).collect();
        for s in SOURCES {
            assert!(used.contains(s.key), "{} is in the table but nothing cites it", s.key);
        }
    }

    #[test]
    fn rows_are_unique_complete_and_in_key_order() {
        let order = |k: &str| {
            k.strip_prefix('S')
                .and_then(|n| n.parse::<u32>().ok())
                .unwrap_or(u32::MAX)
        };
        for pair in SOURCES.windows(2) {
            assert!(
                order(pair[0].key) < order(pair[1].key),
                "{} before {}",
                pair[0].key,
                pair[1].key
            );
        }
        for s in SOURCES {
            assert!(!s.title.is_empty() && !s.read.is_empty(), "{}", s.key);
            assert!(
                s.url.starts_with("https://") || s.key == "model",
                "{}: {} is not a web link",
                s.key,
                s.url
            );
            assert!(
                !s.title.contains('|') && !s.read.contains('|'),
                "{}: `|` breaks the doc's table",
                s.key
            );
        }
        assert_eq!(keys(" S9, S16 ,S4,").collect::<Vec<_>>(), ["S9", "S16", "S4"]);
        assert_eq!(source("S24").map(|s| s.title), Some("Azure Virtual Network FAQ"));
        assert_eq!(source("S6"), None);
    }
}
