//! The property table of the design itself: the pool `auto/N` takes space from and the catalog era
//! (`set design pool=10.0.0.0/8`, `set design catalog=2017`).

use super::value::{bad_value, parse_prefix_list, parse_word};
use super::{Choices, Property};
use crate::design::Design;
use crate::plan::join;
use crate::sku::Era;

type DesignRow = Property<Design>;

/// The keys of the design.
pub static DESIGN: &[Property<Design>] = &[
    DesignRow::new(
        "pool",
        "where auto/N takes VNet, site and P2S space from (default 10.0.0.0/8)",
        |d| join(d.pool()),
        |d, p, _| {
            let pool = parse_prefix_list(p)?;
            if pool.len() > crate::format::MAX_PREFIXES {
                return Err(bad_value("pool", &pool.len().to_string(), "too many prefixes"));
            }
            d.set_pool(pool);
            Ok(())
        },
    )
    .choices(Choices::Prefixes),
    DesignRow::new(
        "catalog",
        "the SKU catalog era the design is drawn against",
        |d| d.era.to_string(),
        |d, p, _| {
            d.era = parse_word::<Era>(p)?;
            Ok(())
        },
    )
    .choices(Choices::OneOf(&["current", "2017"])),
];
