//! The README keeps in step with the code: its rule count is the one `vnetsketch rules` prints.

#[test]
fn readme_states_the_rule_count_per_family() {
    let readme = include_str!("../../README.md");
    let summary = vnetsketch_model::validate::rules_summary();
    assert!(
        readme.contains(&summary),
        "README.md should carry the line `{summary}` (from `vnetsketch rules`)"
    );
}
