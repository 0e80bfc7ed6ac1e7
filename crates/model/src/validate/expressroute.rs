//! Rules of the expressroute family.
