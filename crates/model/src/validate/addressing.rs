//! Rules of the addressing family.
