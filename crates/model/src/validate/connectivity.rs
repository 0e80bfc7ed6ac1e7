//! Rules of the connectivity family.
