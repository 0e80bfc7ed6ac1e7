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
use vnetsketch_model::format::{self, Format};
use vnetsketch_model::throughput::estimate;
use vnetsketch_model::validate::{Severity, validate};
use vnetsketch_model::{Design, Era, run_script};

use crate::io;

pub mod report;

use report::{estimate_json, estimate_text, rules_json, rules_text, validate_json, validate_text};

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
    /// Terraform for the azurerm provider.
    Terraform,
    /// An ARM deployment template (JSON); `import` reads it back.
    Arm,
    /// Bicep.
    Bicep,
    /// A Mermaid flowchart.
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// A Markdown design report.
    Markdown,
    /// An SVG picture of the diagram (as the canvas lays it out, with a legend and finding badges).
    Svg,
    /// A diagrams.net (draw.io) file with draw.io's Azure shapes.
    Drawio,
}

impl FileFormat {
    /// The exchange format, for every format but the design files.
    fn exchange(self) -> Option<vnetsketch_exchange::Format> {
        use vnetsketch_exchange::Format as X;
        match self {
            FileFormat::Ron | FileFormat::Json => None,
            FileFormat::Terraform => Some(X::Terraform),
            FileFormat::Arm => Some(X::Arm),
            FileFormat::Bicep => Some(X::Bicep),
            FileFormat::Mermaid => Some(X::Mermaid),
            FileFormat::Dot => Some(X::Dot),
            FileFormat::Markdown => Some(X::Markdown),
            FileFormat::Svg => Some(X::Svg),
            FileFormat::Drawio => Some(X::Drawio),
        }
    }
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
    /// Convert a design to RON, JSON, infrastructure code, a diagram or a report.
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
    /// Build a design from Azure's JSON: ARM templates, REST lists, Resource Graph or az CLI output
    /// (RON to stdout when no -o; what was mapped, renamed and skipped goes to stderr).
    Import {
        /// The JSON files (several are combined into one design).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write here (.ron or .json by extension).
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
    /// What reaches what: hops, throughput and bottleneck, or why not and what would fix it.
    Paths {
        /// The design (.ron or .json).
        file: PathBuf,
        /// Only paths from this node.
        #[arg(long)]
        from: Option<String>,
        /// Only paths to this node.
        #[arg(long)]
        to: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
    },
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
        if let Some(file) = &cli.file {
            refuse_subcommand_typo(file)?;
        }
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
                OutputFormat::Json => print_json(&validate_json(&design, &report))?,
            }
            let failing = report.count(Severity::Error) > 0 || (deny_warnings && report.count(Severity::Warning) > 0);
            Ok(u8::from(failing))
        }
        Command::Estimate { file, format, catalog } => {
            let design = load(&file, catalog)?;
            let est = estimate(&design);
            match format {
                OutputFormat::Text => print_out(&estimate_text(&design, &est))?,
                OutputFormat::Json => print_json(&estimate_json(&design, &est))?,
            }
            Ok(0)
        }
        Command::Export { file, to, output } => {
            let design = load(&file, None)?;
            let text = match to.exchange() {
                Some(x) => {
                    let a = vnetsketch_model::analysis::analyze(&design);
                    vnetsketch_exchange::export(&design, &a.report, &a.estimate, x)
                        .map_err(|e| usage(anyhow::anyhow!("{}: {e}", file.display())))?
                }
                None if to == FileFormat::Json => format::to_string(&design, Format::Json),
                None => format::to_string(&design, Format::Ron),
            };
            match output {
                Some(out) => write_file(&out, &text)?,
                None => print_out(&text)?,
            }
            Ok(0)
        }
        Command::Import { files, output } => {
            let mut inputs = Vec::with_capacity(files.len());
            for f in &files {
                inputs.push((f.display().to_string(), read_import(f)?));
            }
            let mut imported = vnetsketch_exchange::import(&inputs).map_err(|e| usage(anyhow::anyhow!("{e}")))?;
            if let Some(origin) = imported.design.origin.as_mut() {
                origin.date = Some(io::today_utc());
            }
            let report = validate(&imported.design);
            eprint!("{}", imported.report.to_text());
            eprintln!(
                "imported {} VNets, {} sites, {} user groups from {}; validation: {} errors, {} warnings, {} infos",
                imported.design.vnets().count(),
                imported.design.sites().count(),
                imported.design.user_groups().count(),
                imported.source,
                report.count(Severity::Error),
                report.count(Severity::Warning),
                report.count(Severity::Info)
            );
            emit_design(&imported.design, output.as_deref(), Format::Ron)?;
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
                OutputFormat::Json => print_json(&rules_json())?,
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
        Command::Paths { file, from, to, format } => {
            let design = load(&file, None)?;
            crate::cli_paths::run(&design, from.as_deref(), to.as_deref(), format == OutputFormat::Json)
                .map_err(|e| usage(anyhow::anyhow!("{e}")))?;
            Ok(0)
        }
    }
}

/// Refuses a first word that is no file and within two edits of a subcommand (`vnetsketch valdate`),
/// instead of opening a new design of that name (PRODUCT.md, "did you mean").
fn refuse_subcommand_typo(file: &Path) -> Result<(), Failure> {
    use clap::CommandFactory;
    use vnetsketch_model::suggest::{MAX_EDITS, did_you_mean, edits};
    let Some(word) = file.to_str() else {
        return Ok(());
    };
    if file.exists() {
        return Ok(());
    }
    let cli = Cli::command();
    let names: Vec<&str> = cli.get_subcommands().map(clap::Command::get_name).collect();
    match did_you_mean(word, names).filter(|name| edits(word, name) <= MAX_EDITS) {
        Some(name) => Err(usage(anyhow::anyhow!(
            "`{word}` is no subcommand and no file; did you mean `vnetsketch {name}`? (to start a new design, name it {word}.ron)"
        ))),
        None => Ok(()),
    }
}

fn load(path: &Path, catalog: Option<CatalogArg>) -> Result<Design, Failure> {
    let mut design = io::read_design(path).map_err(usage)?.design;
    if let Some(c) = catalog {
        design.era = c.into();
    }
    Ok(design)
}

/// Reads an import file, at most one byte past the import's cap (the import refuses larger ones).
fn read_import(path: &Path) -> Result<Vec<u8>, Failure> {
    io::read_import(path).map_err(usage)
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

/// Prints a JSON report on one line.
fn print_json(report: &impl serde::Serialize) -> Result<(), Failure> {
    let text =
        serde_json::to_string(report).map_err(|e| usage(anyhow::Error::new(e).context("cannot write the report")))?;
    print_out(&(text + "\n"))
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
