//! Properties checked by the fuzz targets (`fuzz/`) and by the stable test that replays their corpus
//! (`tests/it/fuzz_corpus.rs`). Each takes arbitrary bytes; it returns normally when the model behaved
//! (refused bad input with an error, or loaded it and kept every invariant) and panics otherwise.

use crate::format::{self, Format};
use crate::throughput::estimate;
use crate::validate::validate;
use crate::{Design, parse_line};

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

/// Arbitrary command lines never panic; a refused edit changes nothing; the result validates,
/// estimates and round-trips through RON.
pub fn commands(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut design = Design::default();
    for line in text.lines().take(200) {
        if let Ok(Some(edit)) = parse_line(line) {
            let before = design.clone();
            if design.apply(&edit).is_err() {
                assert!(design == before, "a refused edit changed the design: {line}");
            }
        }
    }
    check_loaded(&design, Format::Ron);
}
