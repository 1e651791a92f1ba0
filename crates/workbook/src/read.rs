//! Reading any spreadsheet: open it, then read it as Pooled's own workbook, a BCF-template-shaped
//! plan, or a return, whichever it holds (spec §2, §3, §6), with what was read for a person to
//! check before anything is saved (which sheet and header row, how each column was matched, how
//! many rows became schemes and funding lines, which rows were skipped and why).

use pooled_core::plan::PlanDocument;
use pooled_core::return_doc::ReturnDocument;
use serde::Serialize;

use crate::finding::SheetFinding;
use crate::{own_layout, returns, template};

/// The command line's `--year` and `--period`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// `YYYY-YY`.
    pub year: Option<String>,
    /// `M6`, `Q2`, …
    pub period: Option<String>,
}

/// Which reading applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// Pooled's own workbook (§2).
    Pooled,
    /// A BCF-template-shaped workbook or CSV (§3, §4).
    Template,
    /// An in-year return (§6).
    Return,
}

/// How one column was matched: its header cell, the header's text and the field it gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ColumnMatch {
    /// The header cell, `Expenditure!K3`.
    pub cell: String,
    pub header: String,
    /// The field in words (`Scheme ID`, `Expenditure (£000, 2025-26)`), or `ignored`.
    pub field: String,
}

/// A row passed over, and why (`a totals row`, `blank`, `a note: no Scheme Type, Source of
/// Funding or amount`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SkippedRow {
    /// The row's first cell (its Scheme ID cell), `Expenditure!A40`.
    pub cell: String,
    pub reason: String,
}

/// What was read, for the person to confirm before anything is saved.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
pub struct ReadReport {
    /// The sheet the table was read from (`Expenditure`), absent for a CSV.
    pub sheet: Option<String>,
    /// The header row, 1-based as the spreadsheet numbers it.
    pub header_row: Option<u32>,
    pub columns: Vec<ColumnMatch>,
    pub schemes: u32,
    pub funding_lines: u32,
    pub skipped: Vec<SkippedRow>,
    /// Sheets read besides the table (`Income`, `Cover`) and sheets ignored, in words.
    pub notes: Vec<String>,
}

/// A plan or a return.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    Plan(Box<PlanDocument>),
    Return(ReturnDocument),
}

/// A file read: the document, which layout it was read as, what was read, and the warnings
/// (which do not stop a reading).
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub document: Document,
    pub layout: Layout,
    pub report: ReadReport,
    pub warnings: Vec<SheetFinding>,
}

/// Reads a file's bytes (`file_name` for its extension: a CSV is known by its name).
pub fn read(
    bytes: &[u8],
    file_name: &str,
    options: &ReadOptions,
) -> Result<Reading, Vec<SheetFinding>> {
    let book = crate::open::open(bytes, file_name)?;
    let (document, layout, report) = if own_layout::is_own_layout(&book) {
        let (plan, report) = own_layout::read::read(&book)?;
        (Document::Plan(Box::new(plan)), Layout::Pooled, report)
    } else if template::has_expenditure(&book) {
        let (plan, report) = template::read(&book, options)?;
        (Document::Plan(Box::new(plan)), Layout::Template, report)
    } else if returns::has_return(&book) {
        let (ret, report) = returns::read(&book, options)?;
        (Document::Return(ret), Layout::Return, report)
    } else {
        return Err(vec![SheetFinding::file(
            "no Expenditure sheet or table found (nor an in-year return)",
        )]);
    };
    let warnings = match &document {
        Document::Plan(plan) => plan_warnings(plan),
        Document::Return(_) => Vec::new(),
    };
    Ok(Reading {
        document,
        layout,
        report,
        warnings,
    })
}

/// The plan's warnings and breaches (they do not stop a reading), without a cell.
fn plan_warnings(plan: &PlanDocument) -> Vec<SheetFinding> {
    match pooled_core::assess::assess_document(plan) {
        pooled_core::assess::Assessment::Evaluated(outcome) => outcome
            .findings
            .iter()
            .map(|f| SheetFinding::from_plan(f, None))
            .collect(),
        pooled_core::assess::Assessment::Rejected(_) => Vec::new(),
    }
}
