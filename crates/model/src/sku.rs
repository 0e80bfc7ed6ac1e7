//! Gateway SKU names and the catalog era, spelled as Azure spells them.
//!
//! Parsing ignores case (`vpngw1az` is `VpnGw1AZ`); display and serialization use Azure's spelling.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which SKU tables a design is drawn against.
///
/// Serialized as the strings `"current"` and `"2017"` in both RON and JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(into = "String", try_from = "String")]
#[schemars(with = "EraName")]
pub enum Era {
    /// The newest published tables (2024–2026 documents).
    #[default]
    Current,
    /// The tables of the 2017 VPN Gateway and ExpressRoute overviews.
    Y2017,
}

/// The schema of [`Era`] as written in files.
#[derive(JsonSchema)]
#[allow(dead_code)]
enum EraName {
    #[serde(rename = "current")]
    Current,
    #[serde(rename = "2017")]
    Y2017,
}

impl From<Era> for String {
    fn from(era: Era) -> String {
        era.as_str().to_owned()
    }
}

impl TryFrom<String> for Era {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl Era {
    /// Every era, in display order.
    pub const ALL: [Era; 2] = [Era::Current, Era::Y2017];

    /// The spelling used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Era::Current => "current",
            Era::Y2017 => "2017",
        }
    }
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Era {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "current" => Ok(Era::Current),
            "2017" => Ok(Era::Y2017),
            _ => Err(format!("unknown catalog `{s}`: expected `current` or `2017`")),
        }
    }
}

macro_rules! sku_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $(#[allow(missing_docs)] #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every SKU of this gateway type, in catalog order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Azure's spelling.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|sku| sku.as_str().eq_ignore_ascii_case(s))
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
                        format!("unknown SKU `{s}`: expected one of {}", names.join(", "))
                    })
            }
        }
    };
}

sku_enum! {
    /// A VPN gateway SKU (legacy, VpnGw and zone-redundant AZ forms).
    VpnSku {
        Basic => "Basic",
        Standard => "Standard",
        HighPerformance => "HighPerformance",
        VpnGw1 => "VpnGw1",
        VpnGw2 => "VpnGw2",
        VpnGw3 => "VpnGw3",
        VpnGw4 => "VpnGw4",
        VpnGw5 => "VpnGw5",
        VpnGw1AZ => "VpnGw1AZ",
        VpnGw2AZ => "VpnGw2AZ",
        VpnGw3AZ => "VpnGw3AZ",
        VpnGw4AZ => "VpnGw4AZ",
        VpnGw5AZ => "VpnGw5AZ",
    }
}

sku_enum! {
    /// An ExpressRoute gateway SKU.
    ErSku {
        Basic => "Basic",
        Standard => "Standard",
        HighPerformance => "HighPerformance",
        UltraPerformance => "UltraPerformance",
        ErGw1AZ => "ErGw1AZ",
        ErGw2AZ => "ErGw2AZ",
        ErGw3AZ => "ErGw3AZ",
        ErGwScale => "ErGwScale",
    }
}

impl VpnSku {
    /// `true` for the Basic SKU, which lacks BGP, active-active, IKEv2/OpenVPN P2S and transit.
    pub fn is_basic(self) -> bool {
        self == VpnSku::Basic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sku_names_parse_without_regard_to_case() {
        assert_eq!("vpngw1az".parse::<VpnSku>(), Ok(VpnSku::VpnGw1AZ));
        assert_eq!("ULTRAPERFORMANCE".parse::<ErSku>(), Ok(ErSku::UltraPerformance));
        let err = "VpnGw9".parse::<VpnSku>().unwrap_err();
        assert!(err.contains("VpnGw9") && err.contains("VpnGw5AZ"), "{err}");
    }

    #[test]
    fn era_round_trips_through_its_spelling() {
        for era in Era::ALL {
            assert_eq!(era.as_str().parse::<Era>(), Ok(era));
        }
        assert!("2016".parse::<Era>().is_err());
    }
}
