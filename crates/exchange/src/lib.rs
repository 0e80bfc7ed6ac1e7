//! # vnetsketch-exchange
//!
//! Designs leave and enter vnetsketch here: text in, text out, no IO (like the model).
//!
//! - [`export`] writes a design as infrastructure code (Terraform for the azurerm provider, an ARM
//!   deployment template, Bicep), as a picture (SVG and draw.io, drawn from the model's diagram
//!   engine: the canvas's boxes, routes, labels and frames), as a picture description (Mermaid,
//!   Graphviz DOT) or as a Markdown design report.
//! - [`import()`] builds a design from Azure's own JSON: ARM templates, REST list and GET bodies, Azure
//!   Resource Graph output and az CLI list output, and says what it mapped, renamed and skipped.
//!
//! The three infrastructure formats share one mapping of the design onto Azure resources
//! ([`plan`] names them, `template` builds the ARM/Bicep resource tree), so a VNet, a gateway or a
//! connection has the same name in all of them; `arm` output read back by [`import()`] gives the
//! design back (tags carry what Azure has no property for: planned hosts, uplinks, client counts).
//!
//! Designs are read only through the model's read API; the one place that walks every link is
//! [`plan::links`].

mod arm;
mod bicep;
mod dot;
mod drawio;
mod graph;
mod hcl;
pub mod import;
mod markdown;
mod mermaid;
mod picture;
pub mod plan;
mod svg;
mod template;
mod terraform;

use std::fmt;
use std::str::FromStr;

use vnetsketch_model::Design;
use vnetsketch_model::throughput::Estimate;
use vnetsketch_model::validate::Report;

pub use import::{ImportError, ImportReport, Imported, SourceKind, import};

/// An export format (non-exhaustive: more may come).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Terraform for the azurerm provider 4.x.
    Terraform,
    /// An ARM deployment template (JSON); `import` reads it back.
    Arm,
    /// Bicep.
    Bicep,
    /// A Mermaid flowchart (renders in GitHub and GitLab Markdown).
    Mermaid,
    /// Graphviz DOT.
    Dot,
    /// A Markdown design report.
    Markdown,
    /// An SVG picture of the diagram as the canvas lays it out.
    Svg,
    /// A diagrams.net (draw.io) file: an editable diagram with draw.io's Azure shapes.
    Drawio,
}

impl Format {
    /// Every supported format.
    pub const ALL: [Format; 8] = [
        Format::Terraform,
        Format::Arm,
        Format::Bicep,
        Format::Mermaid,
        Format::Dot,
        Format::Markdown,
        Format::Svg,
        Format::Drawio,
    ];

    /// The name the CLI and the TUI use (`terraform`, `arm`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Terraform => "terraform",
            Format::Arm => "arm",
            Format::Bicep => "bicep",
            Format::Mermaid => "mermaid",
            Format::Dot => "dot",
            Format::Markdown => "markdown",
            Format::Svg => "svg",
            Format::Drawio => "drawio",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Terraform => "tf",
            Format::Arm => "json",
            Format::Bicep => "bicep",
            Format::Mermaid => "mmd",
            Format::Dot => "dot",
            Format::Markdown => "md",
            Format::Svg => "svg",
            Format::Drawio => "drawio",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
                format!("unknown export format `{s}`: expected one of {}", names.join(", "))
            })
    }
}

/// Why a design cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// Infrastructure code needs every link to join two nodes of the right kinds.
    #[error("cannot write {format}: link {link} {reason}; fix the design first (`vnetsketch validate` lists it)")]
    BrokenLink {
        /// The format asked for.
        format: Format,
        /// The link, as the command language writes it.
        link: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Writes `design` in `format`. `report` and `estimate` are the model's findings and throughput
/// estimate for this design (the Markdown report prints them, the pictures label links with the
/// estimate); nothing here computes a finding or a number itself.
///
/// The same design gives the same bytes.
///
/// # Examples
/// ```
/// use vnetsketch_model::{Design, run_script, analysis::analyze};
/// use vnetsketch_exchange::{Format, export};
/// let mut d = Design::default();
/// run_script(&mut d, "vnet hub 10.0.0.0/16 region=westeurope").unwrap();
/// let a = analyze(&d);
/// let tf = export(&d, &a.report, &a.estimate, Format::Terraform).unwrap();
/// assert!(tf.contains("resource \"azurerm_virtual_network\" \"hub\""));
/// ```
pub fn export(design: &Design, report: &Report, estimate: &Estimate, format: Format) -> Result<String, ExportError> {
    match format {
        Format::Terraform => terraform::write(design),
        Format::Arm => template::build(design, format).map(|t| arm::write(&t)),
        Format::Bicep => template::build(design, format).map(|t| bicep::write(&t)),
        Format::Mermaid => Ok(mermaid::write(design, estimate)),
        Format::Dot => Ok(dot::write(design, estimate)),
        Format::Markdown => Ok(markdown::write(design, report, estimate)),
        Format::Svg => Ok(svg::write(design, report, estimate)),
        Format::Drawio => Ok(drawio::write(design, report, estimate)),
    }
}
