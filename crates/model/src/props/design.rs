//! The property table of the design itself: the pool `auto/N` takes space from and the catalog era
//! (`set design pool=10.0.0.0/8`, `set design catalog=2017`).

use super::row::{Choices, Property};
use super::value::{parse_prefix_list, parse_word};
use crate::design::Design;
use crate::sku::Era;
use crate::text::join_nets as join;

type DesignRow = Property<Design>;

/// The keys of the design.
pub static DESIGN: &[Property<Design>] = &[
    DesignRow::new(
        "pool",
        "where auto/N takes VNet, site and P2S space from (default 10.0.0.0/8)",
        |d| join(d.pool()),
        |d, p, _| {
            d.set_pool(parse_prefix_list(p)?);
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
