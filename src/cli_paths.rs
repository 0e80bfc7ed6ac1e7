//! `vnetsketch paths`: the model's path analysis streamed to standard output, text or JSON
//! (PRODUCT.md, "Contract additions": `{"paths":[{"from","to","reachable","hops","mbps","bottleneck","why"}]}`).
//!
//! Every pair of a large design is hundreds of thousands of paths: they are written as they are found,
//! through one buffer flushed every 64 KiB, never collected.

use std::io::Write as _;

use vnetsketch_model::Design;
use vnetsketch_model::paths::{PathView, Paths};
use vnetsketch_model::throughput::estimate;

/// Flushes `buf` to standard output once it holds this many bytes.
const CHUNK: usize = 64 * 1024;

/// Where the paths go: a buffer flushed to standard output (a closed pipe ends the output quietly).
struct Sink {
    buf: String,
    out: std::io::StdoutLock<'static>,
    closed: bool,
    json: bool,
    count: usize,
}

impl Sink {
    fn flush(&mut self) -> Result<(), String> {
        if !self.closed {
            match self.out.write_all(self.buf.as_bytes()) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
                Err(e) => return Err(format!("cannot write to standard output: {e}")),
            }
        }
        self.buf.clear();
        Ok(())
    }

    fn path(&mut self, view: &PathView<'_, '_>) {
        if self.json {
            if self.count > 0 {
                self.buf.push(',');
            }
            view.write_json(&mut self.buf);
        } else {
            view.write_text(&mut self.buf);
        }
        self.count += 1;
    }
}

/// Writes the paths `from` → `to` (every node when one is absent; every unordered pair when both are).
pub fn run(design: &Design, from: Option<&str>, to: Option<&str>, json: bool) -> Result<(), String> {
    let est = estimate(design);
    let mut paths = Paths::new(design, &est);
    let names: Vec<&str> = paths.names().to_vec();
    for name in [from, to].into_iter().flatten() {
        if names.binary_search(&name).is_err() {
            return Err(format!("no node named `{name}` in the design"));
        }
    }
    let mut sink = Sink {
        buf: String::with_capacity(CHUNK * 2),
        out: std::io::stdout().lock(),
        closed: false,
        json,
        count: 0,
    };
    if json {
        sink.buf.push_str("{\"paths\":[");
    }
    let mut failed = Ok(());
    let mut each = |view: &PathView<'_, '_>| {
        sink.path(view);
        if sink.buf.len() >= CHUNK && failed.is_ok() {
            failed = sink.flush();
        }
    };
    match (from, to) {
        (Some(f), Some(t)) => {
            paths.for_each_from(f, |n| n == t, &mut each);
        }
        (Some(f), None) => {
            paths.for_each_from(f, |_| true, &mut each);
        }
        (None, Some(t)) => {
            for source in names.iter().filter(|n| **n != t) {
                paths.for_each_from(source, |n| n == t, &mut each);
            }
        }
        (None, None) => {
            for source in &names {
                paths.for_each_from(source, |n| n > *source, &mut each);
            }
        }
    }
    failed?;
    if json {
        sink.buf.push_str("]}\n");
    }
    sink.flush()
}
