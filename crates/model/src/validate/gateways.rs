//! Rules of the gateways family.
