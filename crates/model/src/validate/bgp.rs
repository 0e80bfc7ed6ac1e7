//! Rules of the bgp family.
