//! Gateway SKU names and the catalog era, spelled as Azure spells them.
//!
//! Parsing ignores case (`vpngw1az` is `VpnGw1AZ`); display and serialization use Azure's spelling.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumString, IntoStaticStr, VariantArray, VariantNames};

/// Which SKU tables a design is drawn against.
///
/// Serialized as the strings `"current"` and `"2017"` in both RON and JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(into = "String", try_from = "String")]
#[schemars(with = "EraName")]
#[derive(Display, EnumString, IntoStaticStr, VariantArray)]
#[strum(ascii_case_insensitive, parse_err_ty = String, parse_err_fn = unknown_era)]
pub enum Era {
    /// The newest published tables (2024–2026 documents).
    #[default]
    #[strum(serialize = "current")]
    Current,
    /// The tables of the 2017 VPN Gateway and ExpressRoute overviews.
    #[strum(serialize = "2017")]
    Y2017,
}

fn unknown_era(s: &str) -> String {
    format!("unknown catalog `{s}`: expected `current` or `2017`")
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
    pub const ALL: &'static [Era] = <Era as VariantArray>::VARIANTS;

    /// The spelling used on the command line and in files.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The message of a SKU name that parses as none of `names`.
fn unknown_sku(s: &str, names: &[&str]) -> String {
    let hint = crate::suggest::hint(crate::suggest::did_you_mean(s, names.iter().copied()));
    format!("unknown SKU `{s}`{hint}: expected one of {}", names.join(", "))
}

macro_rules! sku_enum {
    ($(#[$meta:meta])* $name:ident, $err:ident { $($variant:ident),+ $(,)? }) => {
        // Spelled as Azure spells it (the variant's name) in files, messages and the command
        // language; parsing ignores case.
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        #[derive(Display, EnumString, IntoStaticStr, VariantArray, VariantNames)]
        #[strum(ascii_case_insensitive, parse_err_ty = String, parse_err_fn = $err)]
        pub enum $name {
            $(#[allow(missing_docs)] $variant,)+
        }

        fn $err(s: &str) -> String {
            unknown_sku(s, <$name as VariantNames>::VARIANTS)
        }

        impl $name {
            /// Every SKU of this gateway type, in catalog order.
            pub const ALL: &'static [$name] = <$name as VariantArray>::VARIANTS;

            /// Azure's spelling.
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }
    };
}

sku_enum! {
    /// A VPN gateway SKU (legacy, VpnGw and zone-redundant AZ forms).
    VpnSku, unknown_vpn_sku {
        Basic,
        Standard,
        HighPerformance,
        VpnGw1,
        VpnGw2,
        VpnGw3,
        VpnGw4,
        VpnGw5,
        VpnGw1AZ,
        VpnGw2AZ,
        VpnGw3AZ,
        VpnGw4AZ,
        VpnGw5AZ,
    }
}

sku_enum! {
    /// An ExpressRoute gateway SKU.
    ErSku, unknown_er_sku {
        Basic,
        Standard,
        HighPerformance,
        UltraPerformance,
        ErGw1AZ,
        ErGw2AZ,
        ErGw3AZ,
        ErGwScale,
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
    fn spellings_and_refusals_are_azure_s() {
        let names: Vec<&str> = VpnSku::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            names.join(" "),
            "Basic Standard HighPerformance VpnGw1 VpnGw2 VpnGw3 VpnGw4 VpnGw5 VpnGw1AZ VpnGw2AZ VpnGw3AZ VpnGw4AZ VpnGw5AZ"
        );
        assert_eq!(ErSku::ErGwScale.to_string(), "ErGwScale");
        assert_eq!(
            "VpnGw9".parse::<VpnSku>(),
            Err(format!("unknown SKU `VpnGw9`: expected one of {}", names.join(", ")))
        );
        assert_eq!(
            "Ultra".parse::<ErSku>(),
            Err(
                "unknown SKU `Ultra`: expected one of Basic, Standard, HighPerformance, UltraPerformance, \
                 ErGw1AZ, ErGw2AZ, ErGw3AZ, ErGwScale"
                    .to_owned()
            )
        );
        assert_eq!("CURRENT".parse::<Era>(), Ok(Era::Current));
        assert_eq!(Era::Y2017.to_string(), "2017");
        assert_eq!(
            "2016".parse::<Era>(),
            Err("unknown catalog `2016`: expected `current` or `2017`".to_owned())
        );
    }

    #[test]
    fn era_round_trips_through_its_spelling() {
        for &era in Era::ALL {
            assert_eq!(era.as_str().parse::<Era>(), Ok(era));
        }
        assert!("2016".parse::<Era>().is_err());
    }
}
