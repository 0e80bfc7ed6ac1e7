#![no_main]
//! Fuzz target: see `vnetsketch_model::fuzzing::load_ron`.

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() <= 1 << 16 {
        vnetsketch_model::fuzzing::load_ron(data);
    }
});
