//! The command line (PRODUCT.md, "CLI"): argument parsing with clap and the headless subcommands.
//!
//! Exit codes: 0 fine (warnings allowed), 1 the design has errors (or warnings with
//! `--deny-warnings`), 2 the input could not be read or parsed, or bad usage.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::{Value, json};
use vnetsketch_model::format::{self, Format};
use vnetsketch_model::throughput::{Estimate, estimate};
use vnetsketch_model::validate::{RULES, Report, Severity, validate};
use vnetsketch_model::{Design, Era, LinkId, run_script};

use crate::io;

/// Sketch Azure hybrid networks in the terminal: VNets, sites, P2S users and their links,
/// with live validation and a throughput estimate.
#[derive(Parser, Debug)]
#[command(name = "vnetsketch", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A design to open in the TUI (.ron or .json); a new design when absent.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output format of reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable text.
    Text,
    /// JSON, as PRODUCT.md specifies.
    Json,
}

/// File format of an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    /// RON, the native format.
    Ron,
    /// JSON.
    Json,
}

/// Catalog era, as a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CatalogArg {
    /// The newest tables.
    Current,
    /// The 2017 tables.
    #[value(name = "2017")]
    Y2017,
}

impl From<CatalogArg> for Era {
    fn from(c: CatalogArg) -> Era {
        match c {
            CatalogArg::Current => Era::Current,
            CatalogArg::Y2017 => Era::Y2017,
        }
    }
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a design from a command script (RON to stdout when no -o).
    Run {
        /// The script: one command per line (see README, "Command language").
        script: PathBuf,
        /// Write here (.ron or .json by extension).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Validate a design: exit 1 when it has errors.
    Validate {
        /// The design (.ron or .json).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Validate against this catalog instead of the design's own.
        #[arg(long, value_enum)]
        catalog: Option<CatalogArg>,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Estimate the throughput of every link and gateway.
    Estimate {
        /// The design (.ron or .json).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Estimate against this catalog instead of the design's own.
        #[arg(long, value_enum)]
        catalog: Option<CatalogArg>,
    },
    /// Convert a design to RON or JSON.
    Export {
        /// The design (.ron or .json).
        file: PathBuf,
        /// Target format.
        #[arg(long, value_enum)]
        to: FileFormat,
        /// Write here instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Lay out a design (regions as columns, hubs over spokes, on-premises and users bands).
    Layout {
        /// The design (.ron or .json).
        file: PathBuf,
        /// Write here (.ron or .json by extension); RON to stdout when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List every validation rule: id, severity, what it checks, source.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
    /// Generate a large realistic design, deterministic from the seed.
    Generate {
        /// Number of VNets.
        #[arg(long)]
        vnets: usize,
        /// Seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write here (.ron or .json by extension); RON to stdout when absent.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print a shipped example design (RON), or list them when no name is given.
    Example {
        /// The example's name.
        name: Option<String>,
        /// Write here (.ron or .json by extension) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the JSON Schema of the design file.
    Schema,
}

/// A failure with its exit code.
struct Failure {
    code: u8,
    error: anyhow::Error,
}

fn usage(error: anyhow::Error) -> Failure {
    Failure { code: 2, error }
}

/// Parses the arguments and runs; the process's exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            eprintln!("error: {:#}", f.error);
            ExitCode::from(f.code)
        }
    }
}

fn dispatch(cli: Cli) -> Result<u8, Failure> {
    let Some(command) = cli.command else {
        return crate::tui::run(cli.file).map(|()| 0).map_err(usage);
    };
    match command {
        Command::Run { script, output } => {
            let bytes = io::read_capped(&script).map_err(usage)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| usage(anyhow::anyhow!("{}: the script is not UTF-8 text", script.display())))?;
            let mut design = Design::default();
            run_script(&mut design, &text).map_err(|e| usage(anyhow::anyhow!("{}:{e}", script.display())))?;
            emit_design(&design, output.as_deref(), Format::Ron)?;
            Ok(0)
        }
        Command::Validate {
            file,
            format,
            catalog,
            deny_warnings,
        } => {
            let design = load(&file, catalog)?;
            let report = validate(&design);
            match format {
                OutputFormat::Text => print_out(&validate_text(&design, &report, &file))?,
                OutputFormat::Json => print_out(&(validate_json(&design, &report).to_string() + "\n"))?,
            }
            let failing = report.count(Severity::Error) > 0 || (deny_warnings && report.count(Severity::Warning) > 0);
            Ok(u8::from(failing))
        }
        Command::Estimate { file, format, catalog } => {
            let design = load(&file, catalog)?;
            let est = estimate(&design);
            match format {
                OutputFormat::Text => print_out(&estimate_text(&design, &est))?,
                OutputFormat::Json => print_out(&(estimate_json(&design, &est).to_string() + "\n"))?,
            }
            Ok(0)
        }
        Command::Export { file, to, output } => {
            let design = load(&file, None)?;
            let fmt = match to {
                FileFormat::Ron => Format::Ron,
                FileFormat::Json => Format::Json,
            };
            match output {
                Some(out) => write_file(&out, &format::to_string(&design, fmt))?,
                None => print_out(&format::to_string(&design, fmt))?,
            }
            Ok(0)
        }
        Command::Layout { file, output } => {
            let mut design = load(&file, None)?;
            design
                .apply(&vnetsketch_model::Edit::Layout { names: Vec::new() })
                .map_err(|e| usage(anyhow::anyhow!("{}: {e}", file.display())))?;
            emit_design(&design, output.as_deref(), Format::Ron)?;
            Ok(0)
        }
        Command::Rules { format } => {
            match format {
                OutputFormat::Text => print_out(&rules_text())?,
                OutputFormat::Json => print_out(&(rules_json().to_string() + "\n"))?,
            }
            Ok(0)
        }
        Command::Generate { vnets, seed, output } => {
            if vnets == 0 || vnets > 60_000 {
                return Err(usage(anyhow::anyhow!("--vnets {vnets}: expected 1 to 60000")));
            }
            let design = vnetsketch_model::generate::generate(vnets, seed);
            emit_design(&design, output.as_deref(), Format::Ron)?;
            Ok(0)
        }
        Command::Example { name: None, .. } => {
            let mut s = String::new();
            for (name, _) in crate::examples::EXAMPLES {
                let _ = writeln!(s, "{name}");
            }
            print_out(&s)?;
            Ok(0)
        }
        Command::Example {
            name: Some(name),
            output,
        } => {
            let text = crate::examples::get(&name).ok_or_else(|| {
                usage(anyhow::anyhow!(
                    "no example named `{name}`; examples are: {}",
                    crate::examples::names()
                ))
            })?;
            match output {
                None => print_out(text)?,
                Some(path) => {
                    let design = format::load(text, Some(Format::Ron)).map_err(|e| usage(anyhow::anyhow!("{e}")))?;
                    emit_design(&design, Some(&path), Format::Ron)?;
                }
            }
            Ok(0)
        }
        Command::Schema => {
            print_out(&format::json_schema())?;
            Ok(0)
        }
    }
}

fn load(path: &Path, catalog: Option<CatalogArg>) -> Result<Design, Failure> {
    let mut design = io::read_design(path).map_err(usage)?.design;
    if let Some(c) = catalog {
        design.era = c.into();
    }
    Ok(design)
}

fn print_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(usage(anyhow::Error::new(e).context("cannot write to standard output"))),
    }
}

fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    io::write_atomic(path, text.as_bytes()).map_err(usage)
}

/// Writes a design to `output` (format by extension) or to stdout in `default`.
fn emit_design(design: &Design, output: Option<&Path>, default: Format) -> Result<(), Failure> {
    match output {
        Some(path) => {
            io::save_design(path, design, None, io::Overwrite::Force).map_err(usage)?;
            Ok(())
        }
        None => print_out(&format::to_string(design, default)),
    }
}

fn link_name(design: &Design, id: vnetsketch_model::LinkId) -> String {
    design
        .link(id)
        .map_or_else(|| format!("link #{}", id.0), vnetsketch_model::Link::describe)
}

/// The text report of `validate`.
pub fn validate_text(design: &Design, report: &Report, file: &Path) -> String {
    let mut s = String::new();
    for f in &report.findings {
        let _ = writeln!(s, "{}[{}]: {}", f.severity, f.rule, f.message);
        let mut subjects: Vec<String> = f.nodes.clone();
        subjects.extend(f.links.iter().map(|id| link_name(design, *id)));
        if !subjects.is_empty() {
            let _ = writeln!(s, "  subjects: {}", subjects.join(", "));
        }
        let _ = writeln!(s, "  hint: {}", f.hint);
    }
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let _ = writeln!(
        s,
        "{}: {e} error{}, {w} warning{}, {i} info{} (catalog {})",
        file.display(),
        plural(e),
        plural(w),
        plural(i),
        design.era
    );
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The JSON report of `validate` (PRODUCT.md contract, plus `links`).
pub fn validate_json(design: &Design, report: &Report) -> Value {
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "subjects": f.nodes,
                "links": f.links.iter().map(|id| link_name(design, *id)).collect::<Vec<_>>(),
                "hint": f.hint,
            })
        })
        .collect();
    json!({
        "findings": findings,
        "errors": report.count(Severity::Error),
        "warnings": report.count(Severity::Warning),
        "infos": report.count(Severity::Info),
    })
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn mbps_text(m: Option<f64>) -> String {
    m.map_or_else(|| "-".to_owned(), |m| format!("{:.1}", round1(m)))
}

/// The names at the ends of link `id` (empty when the estimate names a link the design lacks).
fn ends(design: &Design, id: LinkId) -> (&str, &str) {
    design.link(id).map_or(("", ""), |l| (l.a.as_str(), l.b.as_str()))
}

/// The text report of `estimate`.
pub fn estimate_text(design: &Design, est: &Estimate) -> String {
    let mut s = String::from("LINKS\n");
    let _ = writeln!(s, "{:<8} {:<24} {:<24} {:>10}  bottleneck", "kind", "a", "b", "Mbps");
    for l in &est.links {
        let (a, b) = ends(design, l.id);
        let mut bottleneck = l.bottleneck.to_string();
        if let Some(pc) = l.per_client_mbps {
            let _ = write!(bottleneck, " ({:.1} Mbps per client)", round1(pc));
        }
        let _ = writeln!(
            s,
            "{:<8} {:<24} {:<24} {:>10}  {}",
            l.kind.as_str(),
            a,
            b,
            mbps_text(l.mbps),
            bottleneck
        );
    }
    s.push_str("\nGATEWAYS\n");
    let _ = writeln!(
        s,
        "{:<24} {:<4} {:<18} {:>10} {:>12}",
        "vnet", "type", "sku", "aggregate", "connections"
    );
    for g in &est.gateways {
        let sku = match g.generation {
            Some(gen_) => format!("{} Gen{gen_}", g.sku),
            None => g.sku.clone(),
        };
        let _ = writeln!(
            s,
            "{:<24} {:<4} {:<18} {:>10} {:>12}",
            g.vnet,
            g.kind.as_str(),
            sku,
            format!("{:.1}", round1(g.aggregate_mbps)),
            g.connections.len()
        );
    }
    s
}

/// The JSON report of `estimate` (PRODUCT.md contract, plus `per_client_mbps` and `generation`).
pub fn estimate_json(design: &Design, est: &Estimate) -> Value {
    let links: Vec<Value> = est
        .links
        .iter()
        .map(|l| {
            let (a, b) = ends(design, l.id);
            let mut v = json!({
                "kind": l.kind.as_str(),
                "a": a,
                "b": b,
                "mbps": l.mbps.map(round1),
                "bottleneck": l.bottleneck,
            });
            if let Some(pc) = l.per_client_mbps {
                v["per_client_mbps"] = json!(round1(pc));
            }
            v
        })
        .collect();
    let gateways: Vec<Value> = est
        .gateways
        .iter()
        .map(|g| {
            let mut v = json!({
                "vnet": g.vnet,
                "type": g.kind.as_str(),
                "sku": g.sku,
                "aggregate_mbps": round1(g.aggregate_mbps),
                "connections": g.connections.len(),
            });
            if let Some(gen_) = g.generation {
                v["generation"] = json!(gen_);
            }
            v
        })
        .collect();
    json!({ "links": links, "gateways": gateways })
}

fn rules_text() -> String {
    let mut s = String::new();
    for r in RULES {
        let _ = writeln!(s, "{:<26} {:<8} {}  [{}]", r.id, r.severity.as_str(), r.doc, r.source);
    }
    let _ = writeln!(s, "{} rules", RULES.len());
    s
}

fn rules_json() -> Value {
    Value::Array(
        RULES
            .iter()
            .map(|r| json!({"id": r.id, "severity": r.severity.as_str(), "doc": r.doc, "source": r.source}))
            .collect(),
    )
}
