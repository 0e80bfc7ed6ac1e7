//! The example designs shipped in `assets/examples/`, embedded in the binary.

/// `(name, RON text)` of every shipped example.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("hub-spoke", include_str!("../assets/examples/hub-spoke.ron")),
    ("multi-site", include_str!("../assets/examples/multi-site.ron")),
    (
        "p2s-remote-users",
        include_str!("../assets/examples/p2s-remote-users.ron"),
    ),
    ("v2v-regions", include_str!("../assets/examples/v2v-regions.ron")),
    (
        "expressroute-coexist",
        include_str!("../assets/examples/expressroute-coexist.ron"),
    ),
    ("broken", include_str!("../assets/examples/broken.ron")),
];

/// The RON text of the example called `name`.
pub fn get(name: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// The names of every example, comma-separated.
pub fn names() -> String {
    EXAMPLES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}
