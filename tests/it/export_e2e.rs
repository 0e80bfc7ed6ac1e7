//! End to end: the real binary in tmux exports the design it shows as an SVG with `:export svg PATH`,
//! says so on the message line, and the file holds every node and link of the design in PRODUCT.md's
//! structure (issue 13).

use std::fs;
use std::path::Path;
use std::time::Duration;

use crate::common::tmux::Tmux;

#[test]
fn the_tui_exports_the_design_it_shows_as_svg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("hub-spoke.ron");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/hub-spoke.ron");
    fs::copy(&example, &file).expect("copy the example");
    let design = vnetsketch_model::format::load(&fs::read_to_string(&file).expect("read"), None).expect("load");
    let tmux = Tmux::new("export", "export", Duration::from_secs(20));
    tmux.start_app(dir.path(), &dir.path().join("state"), Some(&file));
    tmux.wait("the example", |s| s.contains("[sp…-app]") && s.contains("Findings E:0"));

    let out = dir.path().join("picture.svg");
    tmux.command(&format!("export svg {}", out.display()));
    tmux.wait("the message saying what was written", |s| {
        s.contains("exported") && s.contains("(svg, ")
    });
    let svg = fs::read_to_string(&out).expect("the SVG was written");
    assert!(
        svg.starts_with("<?xml") && svg.trim_end().ends_with("</svg>"),
        "a whole document"
    );
    for name in design.nodes().keys() {
        assert!(
            svg.contains(&format!("<g class=\"node\" data-name=\"{name}\"")),
            "{name}"
        );
    }
    for l in design.links().values() {
        let group = format!(
            "<g class=\"link\" data-kind=\"{}\" data-a=\"{}\" data-b=\"{}\">",
            l.kind, l.a, l.b
        );
        assert!(svg.contains(&group), "{group}");
    }
    tmux.command("q");
    tmux.wait_gone();
}
