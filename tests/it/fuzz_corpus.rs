//! Replays every input the fuzzers kept (`fuzz/corpus/<target>/`) and every crash they ever found
//! (`fuzz/regressions/<target>/`) through the same checks, on stable Rust, in every test run.

use std::path::Path;

use vnetsketch_model::fuzzing;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for sub in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(sub).join(target)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let data = std::fs::read(entry.path()).expect("corpus file");
            check(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn the_ron_loader_corpus_replays_clean() {
    assert!(replay("load_ron", fuzzing::load_ron) >= 6, "the RON corpus is missing");
}

#[test]
fn the_json_loader_corpus_replays_clean() {
    assert!(
        replay("load_json", fuzzing::load_json) >= 6,
        "the JSON corpus is missing"
    );
}

#[test]
fn the_command_parser_corpus_replays_clean() {
    assert!(
        replay("commands", fuzzing::commands) >= 6,
        "the command corpus is missing"
    );
}
