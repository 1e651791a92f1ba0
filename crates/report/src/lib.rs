//! The board paper: a PDF of a plan's outcome for a partnership board to read and sign off.
//!
//! [`board_paper`] turns a [`PaperInput`] (the checked plan, its outcome from the engine, the
//! scenario's name and status, the version and the date) into PDF bytes. Every figure printed
//! comes from the outcome (or, for inputs such as stream amounts, from the plan); subtotals
//! are exact sums of them. Nothing reads the clock or the disk: the same input gives the same
//! bytes. [`from_document`] and [`from_plan_bytes`] build the input; the paper of a workspace
//! scenario is built by `pooled_api`, so this crate never knows the store.

mod figures;
// Page geometry is in points, as floating-point numbers; no money passes through it (figures
// reach the layout as text already written from exact pence).
#[allow(clippy::float_arithmetic)]
pub mod fonts;
mod input;
#[allow(clippy::float_arithmetic)]
pub mod layout;
#[allow(clippy::float_arithmetic)]
mod pdf;
mod sections;
pub mod thousands;

use chrono::NaiveDate;

use fonts::Fonts;
use layout::{Page, Running};
use pooled_core::findings::Finding;
use pooled_core::money::MoneyError;
use pooled_core::outcome::Outcome;
use pooled_core::plan::Plan;
use pooled_core::signoff::SignOff;
use thousands::RoundingError;

pub use input::{from_document, from_plan_bytes};

/// Everything the paper shows.
#[derive(Clone, Debug)]
pub struct PaperInput {
    pub plan: Plan,
    pub outcome: Outcome,
    /// The scenario's name, or for a plan file a description of the file.
    pub scenario: String,
    pub status: PaperStatus,
    /// The SHA-256 of the plan document's canonical JSON, as the workspace records it.
    pub document_sha256: String,
    /// The date the paper is made, printed on it; passed in so the same input gives the same
    /// paper.
    pub generated: NaiveDate,
}

impl PaperInput {
    /// The version id printed on every page: the first 12 characters of the document's SHA-256.
    pub fn version_id(&self) -> &str {
        self.document_sha256
            .get(..12)
            .unwrap_or(&self.document_sha256)
    }
}

/// Whether the paper is of a draft or of an agreed version.
#[derive(Clone, Debug, PartialEq)]
pub enum PaperStatus {
    Draft,
    Agreed {
        date: NaiveDate,
        signoffs: Vec<SignOff>,
        /// A later version of the same plan has been agreed since.
        superseded: bool,
    },
}

impl PaperStatus {
    /// As printed in the running header: `DRAFT`, `AGREED 14 October 2025`.
    pub fn label(&self) -> String {
        match self {
            PaperStatus::Draft => "DRAFT".to_owned(),
            PaperStatus::Agreed {
                date, superseded, ..
            } => {
                let since = if *superseded {
                    " (since superseded)"
                } else {
                    ""
                };
                format!("AGREED {}{since}", long_date(*date))
            }
        }
    }
}

/// How figures in tables are shown. The window sends it as `"pounds"` or `"thousands"`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Units {
    /// Pounds and pence, £1,234,567.89.
    #[default]
    Pounds,
    /// Whole thousands of pounds, rounded so every table casts.
    Thousands,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PaperOptions {
    pub units: Units,
}

/// Why no paper was made, in words for a finance officer.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("The plan has {}, so no board paper was made.", errors(.0.len()))]
    InvalidPlan(Vec<Finding>),
    #[error("The paper's typeface could not be loaded, so no board paper was made.")]
    Font,
    #[error("A figure on the paper could not be worked out exactly: {0}.")]
    Money(#[from] MoneyError),
    #[error("The £000 tables could not be rounded so that they add up: {0}.")]
    Rounding(#[from] RoundingError),
    #[error("The outcome does not match the plan ({0}), so no board paper was made.")]
    Inconsistent(String),
    #[error("The agreed version cannot be shown as agreed: {0}")]
    Agreed(String),
}

fn errors(n: usize) -> String {
    if n == 1 {
        "1 error".to_owned()
    } else {
        format!("{n} errors")
    }
}

/// Makes the board paper: PDF bytes.
pub fn board_paper(input: &PaperInput, options: &PaperOptions) -> Result<Vec<u8>, ReportError> {
    let fonts = Fonts::get()?;
    let pages = pages(input, options)?;
    pdf::write(fonts, &pages, &pdf::Metadata::of(input, options))
}

/// The laid-out pages of the paper, header and footer included, before they are written as
/// PDF: for checking the layout itself.
pub fn pages(input: &PaperInput, options: &PaperOptions) -> Result<Vec<Page>, ReportError> {
    let fonts = Fonts::get()?;
    let sections = sections::build(input, options.units)?;
    let mut pages = layout::lay_out(fonts, &sections);
    let running = Running {
        title: format!("{}: board paper", input.plan.name),
        status: input.status.label(),
        footer: format!(
            "Version {} · generated {}",
            input.version_id(),
            long_date(input.generated)
        ),
    };
    layout::decorate(fonts, &mut pages, &running);
    Ok(pages)
}

pub use pooled_core::dates::long_date;
