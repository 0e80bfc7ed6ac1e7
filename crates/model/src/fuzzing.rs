//! Properties checked by the fuzz targets (`fuzz/`) and by the stable test that replays their corpus
//! (`tests/it/fuzz_corpus.rs`). Each takes arbitrary bytes; it returns normally when the model behaved
//! (refused bad input with an error, or loaded it and kept every invariant) and panics otherwise.

use crate::command::MAX_LINE_LEN;
use crate::edit::{Edit, Prop};
use crate::format::{self, Format};
use crate::throughput::estimate;
use crate::validate::validate;
use crate::{Design, parse_line, quote_value};

fn check_loaded(design: &Design, format: Format) {
    let _ = validate(design);
    let _ = estimate(design);
    let text = format::to_string(design, format);
    let again = format::load(&text, Some(format));
    assert!(
        again.as_ref() == Ok(design),
        "a loaded design did not survive its own round trip: {again:?}"
    );
}

/// Loading arbitrary bytes as RON never panics; what loads round-trips.
pub fn load_ron(data: &[u8]) {
    if let Ok(d) = format::load_bytes(data, Some(Format::Ron)) {
        check_loaded(&d, Format::Ron);
    }
}

/// Loading arbitrary bytes as JSON never panics; what loads round-trips.
pub fn load_json(data: &[u8]) {
    if let Ok(d) = format::load_bytes(data, Some(Format::Json)) {
        check_loaded(&d, Format::Json);
    }
}

/// Any text, quoted by [`quote_value`] as a value, reads back as that text; a free-text property
/// set to it holds it exactly (or refuses it whole), through RON and JSON.
fn quoting(text: &str) {
    let line = format!("set dc location={}", quote_value(text));
    if line.len() > MAX_LINE_LEN {
        return;
    }
    let expected = Edit::Set {
        name: "dc".into(),
        props: vec![Prop::new("location", text)],
    };
    assert_eq!(parse_line(&line), Ok(Some(expected)), "{line}");
    let mut design = Design::default();
    let made = crate::run_script(&mut design, "site dc 10.0.0.0/8 circuit=50");
    assert_eq!(made, Ok(1), "the site of the quoting check");
    let before = design.clone();
    match crate::apply_line(&mut design, &line) {
        Ok(_) => {
            let held = design.site("dc").and_then(|s| s.circuit.as_ref()?.location.clone());
            let cleared = text.is_empty() || text.eq_ignore_ascii_case("none");
            assert_eq!(held.as_deref(), (!cleared).then_some(text), "{line}");
            check_loaded(&design, Format::Ron);
            check_loaded(&design, Format::Json);
        }
        Err(_) => assert!(design == before, "a refused value changed the design: {line}"),
    }
}

/// Arbitrary command lines never panic; a refused edit changes nothing; the result validates,
/// estimates and round-trips through RON. Each line, taken as a value, also goes through quoting.
pub fn commands(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut design = Design::default();
    for line in text.lines().take(200) {
        quoting(line);
        if let Ok(Some(edit)) = parse_line(line) {
            let before = design.clone();
            if design.apply(&edit).is_err() {
                assert!(design == before, "a refused edit changed the design: {line}");
            }
        }
    }
    check_loaded(&design, Format::Ron);
}
