//! Hostile and corrupt input: thousands of damaged variants of the shipped examples, each read from
//! disk through the same path the TUI and CLI use. None may panic or hang; each is refused with a
//! position (or a size or content message) or loads and validates; the file on disk is never touched.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use vnetsketch::io::read_design;
use vnetsketch_model::format::{self, MAX_FILE_BYTES};
use vnetsketch_model::throughput::estimate;
use vnetsketch_model::validate::validate;
use vnetsketch_model::{Design, parse_line};

fn hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn seeds() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut out = Vec::new();
    for (name, _) in vnetsketch::examples::EXAMPLES {
        let ron = std::fs::read(dir.join(format!("{name}.ron"))).expect("example");
        let design = format::load_bytes(&ron, None).expect("example loads");
        out.push(format::to_json(&design).into_bytes());
        out.push(ron);
    }
    out
}

/// Damaged variants of one seed: truncations, byte flips, bad UTF-8, BOM, CRLF, NUL, duplicated spans.
#[allow(clippy::many_single_char_names)]
fn variants(seed: &[u8], salt: u64) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let n = seed.len();
    let mut x = salt.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut rnd = move |m: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m.max(1) as u64) as usize
    };
    for k in 0..40 {
        out.push(seed[..n * k / 40].to_vec());
    }
    for _ in 0..120 {
        let mut v = seed.to_vec();
        let i = rnd(n);
        v[i] = rnd(256) as u8;
        out.push(v);
    }
    for bad in [&[0xFFu8][..], &[0xC3, 0x28], &[0xE2, 0x82], &[0]] {
        let mut v = seed.to_vec();
        let i = rnd(n);
        v.splice(i..i, bad.iter().copied());
        out.push(v);
    }
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(seed);
    out.push(bom);
    out.push(String::from_utf8_lossy(seed).replace('\n', "\r\n").into_bytes());
    for _ in 0..20 {
        let (a, b) = (rnd(n), rnd(n));
        let (a, b) = (a.min(b), a.max(b));
        let mut v = seed.to_vec();
        v.splice(a..a, seed[a..b].iter().copied());
        out.push(v);
    }
    out
}

fn extremes() -> Vec<Vec<u8>> {
    let mut v = vec![
        Vec::new(),
        b" ".to_vec(),
        b"()".to_vec(),
        b"{}".to_vec(),
        b"null".to_vec(),
    ];
    v.push(format!("(version: 1, vnets: {}{})", "[".repeat(10_000), "]".repeat(10_000)).into_bytes());
    v.push(
        format!(
            "{{\"version\": 1, \"vnets\": {}{}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        )
        .into_bytes(),
    );
    v.push(
        format!(
            "(version: 1, vnets: [{}])",
            "(name: \"a\", address_space: []),".repeat(200_000)
        )
        .into_bytes(),
    );
    v.push(
        format!(
            "(version: 1, vnets: [(name: \"{}\", address_space: [])])",
            "a".repeat(10_000)
        )
        .into_bytes(),
    );
    v.push(b"(version: 4294967295)".to_vec());
    v.push(
        b"(version: 1, vnets: [(name: \"a\", address_space: [\"10.0.0.1/16\"]), (name: \"a\", address_space: [])])"
            .to_vec(),
    );
    v.push(vec![b'('; MAX_FILE_BYTES + 10]);
    v
}

#[test]
fn thousands_of_corrupt_files_never_panic_and_are_never_touched() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut inputs = Vec::new();
    for (i, seed) in seeds().iter().enumerate() {
        inputs.extend(variants(seed, i as u64 + 1));
    }
    inputs.extend(extremes());
    let (mut refused, mut loaded) = (0, 0);
    for (i, bytes) in inputs.iter().enumerate() {
        let ext = if bytes.first() == Some(&b'{') { "json" } else { "ron" };
        let path = dir.path().join(format!("in{i}.{ext}"));
        std::fs::write(&path, bytes).expect("write");
        let before = hash(bytes);
        match read_design(&path) {
            Ok(l) => {
                loaded += 1;
                let _ = validate(&l.design);
                let _ = estimate(&l.design);
            }
            Err(e) => {
                refused += 1;
                let msg = format!("{e:#}");
                let positioned = msg.split(':').nth(1).is_some_and(|l| l.trim().parse::<usize>().is_ok());
                let explained = [
                    "larger than",
                    "version",
                    "the file has",
                    "vnets[",
                    "sites[",
                    "users[",
                    "links[",
                ]
                .iter()
                .any(|w| msg.contains(w));
                assert!(positioned || explained, "input {i}: unclear message: {msg}");
            }
        }
        assert_eq!(
            hash(&std::fs::read(&path).expect("read back")),
            before,
            "input {i} was modified"
        );
    }
    eprintln!(
        "corrupt inputs: {} tried, {refused} refused with a message, {loaded} loaded and validated",
        inputs.len()
    );
    assert!(inputs.len() >= 2000, "only {} variants", inputs.len());
}

#[test]
fn hostile_command_lines_never_panic_and_change_nothing_when_refused() {
    let lines = [
        "",
        "#",
        "vnet",
        "vnet a",
        "vnet a 10.0.0.0/33",
        "vnet a ::/129",
        "vnet a 10.0.0.0/8,",
        "vnet a ,",
        "subnet a b",
        "gateway a vpn",
        "gateway a xx Basic",
        "link",
        "link s2s",
        "link s2s a",
        "set a",
        "set a =",
        "set a ==",
        "move a 1",
        "move a 99999999999 1",
        "catalog 1999",
        "delete /",
        "delete a/",
        "users u 10.0.0.0/8 clients=-1",
        "vnet \u{0} 10.0.0.0/8",
        "vnet ü 10.0.0.0/8",
        "site s 1.2.3.4/32 ip=300.1.1.1",
        "site s 1.2.3.0/24 asn=99999999999",
    ];
    let mut design = Design::default();
    vnetsketch_model::run_script(&mut design, "vnet a 10.0.0.0/16\nsite s 192.168.0.0/24").expect("base");
    let base = design.clone();
    let mut tried = 0;
    for line in lines.iter().map(|l| (*l).to_owned()).chain((0..500).map(|i| {
        let words = [
            "vnet",
            "link",
            "s2s",
            "peering",
            "a",
            "s",
            "10.0.0.0/8",
            "x=1",
            "set",
            "bgp",
            "gateway",
            "vpn",
            "#",
            "=",
            "/",
        ];
        (0..(i % 9))
            .map(|k| words[(i * 7 + k * 13) % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    })) {
        tried += 1;
        let mut d = design.clone();
        if let Ok(Some(edit)) = parse_line(&line)
            && d.apply(&edit).is_err()
        {
            assert_eq!(d, base, "a refused edit changed the design: {line}");
        }
    }
    assert!(tried > 500);
}
