//! The hasher of the per-run indexes (validation, estimate, the canvas layout): names and small
//! integers hash in a few instructions, where the standard library's `SipHash` costs more than the
//! lookup itself.
//!
//! The hasher is rustc's `FxHash` from the [`rustc_hash`] crate; the names here are the ones the rest
//! of the code uses. It is not for keys an attacker picks to collide: the indexes are rebuilt per run
//! and bounded by the file limits.

/// A fast, non-cryptographic hasher (`FxHash`, as in rustc) for per-run indexes whose keys are
/// design names and small integers.
pub use rustc_hash::FxHasher;

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A `HashSet` with [`FxHasher`].
pub type FxSet<K> = rustc_hash::FxHashSet<K>;
