//! The one way users change a design: [`Design::apply`] takes an [`Edit`] and either applies all of it
//! and returns a [`Change`] (what to restore to undo it), or changes nothing and returns an [`EditError`].
//!
//! The edit and its journal ([`Edit`], [`Change`]) are plain data in `edit/types.rs`; the journal is
//! kept by `edit/tx.rs` and what each edit does is in `edit/ops.rs`. Node and link properties are set
//! by key through the property tables of [`crate::props`], re-exported here for the callers that know
//! them by this path. Where new and grown nodes go is `edit/place.rs` (no edit but an explicit `move`
//! leaves two boxes overlapping).

use crate::design::Design;
use crate::error::EditError;

mod duplicate;
mod ops;
mod place;
mod tx;
mod types;

pub use duplicate::{duplicate_position, next_free_name};
pub use place::nearest_free_place;
pub use types::{Change, Edit, GatewayKind};

pub use crate::plan::PrefixSpec;

pub use crate::props::{
    MAX_NAME_LEN, Prop, PropertyView, check_name, check_prefix, link_properties, node_properties, parse_prefixes,
};

impl Design {
    /// Applies `edit` whole, or changes nothing and says why.
    ///
    /// # Examples
    /// ```
    /// use vnetsketch_model::{Design, parse_line};
    /// let mut d = Design::default();
    /// let edit = parse_line("vnet hub 10.0.0.0/16").unwrap().unwrap();
    /// let change = d.apply(&edit).unwrap();
    /// assert!(d.vnet("hub").is_some());
    /// d.revert(change);
    /// assert!(d.vnet("hub").is_none());
    /// ```
    pub fn apply(&mut self, edit: &Edit) -> Result<Change, EditError> {
        let mut tx = tx::Tx::new(self);
        match ops::apply_in(&mut tx, edit).and_then(|summary| place::settle(&mut tx, edit).map(|()| summary)) {
            Ok(summary) => {
                let mut change = tx.finish();
                change.summary = summary;
                Ok(change)
            }
            Err(e) => {
                tx.rollback();
                Err(e)
            }
        }
    }

    /// Restores what `change` recorded (undo) and returns the change that puts it back (redo).
    pub fn revert(&mut self, change: Change) -> Change {
        let redo = Change {
            nodes: change
                .nodes
                .iter()
                .map(|(name, _)| (name.clone(), self.node(name).cloned()))
                .collect(),
            links: change
                .links
                .iter()
                .map(|(id, _)| (*id, self.link(*id).cloned()))
                .collect(),
            era: change.era.map(|_| self.era),
            next_link: change.next_link.map(|_| self.next_link()),
            pool: change.pool.as_ref().map(|_| self.pool_set().to_vec()),
            summary: change.summary.clone(),
        };
        self.restore(change);
        redo
    }
}

#[cfg(test)]
mod duplicate_tests;
#[cfg(test)]
mod place_tests;
#[cfg(test)]
mod tests;
