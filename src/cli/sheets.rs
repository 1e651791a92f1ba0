//! `pooled convert`: between a plan file (JSON) and a spreadsheet (XLSX, CSV), and from any
//! spreadsheet Pooled reads (XLSX, XLSM, XLS, ODS, CSV) to the plan or return it holds.

use std::path::PathBuf;

use clap::Args;
use pooled_api::AppError;
use pooled_api::{ReadOptions, Reading};

use super::{Outcome, done};

pub(super) const CONVERT_HELP: &str = "Examples:\n  pooled convert plan.json plan.xlsx        # Pooled's workbook, with the outcome\n  \
    pooled convert plan.json expenditure.csv  # the Expenditure table alone\n  \
    pooled convert bcf-template.xlsx plan.json --year 2025-26\n  \
    pooled convert m6-return.xlsx m6.return.json --period M6\n\n\
    When the input has errors, nothing is written: every error is written to standard output as\n\
    {\"format\": \"pooled-findings/1\", \"findings\": [...]} with its cell (Expenditure!H14), each\n\
    message also on standard error, and the exit status is 2.";

#[derive(Args)]
pub(super) struct SheetOptions {
    /// The financial year, when the spreadsheet does not say (2025-26)
    #[arg(long, value_name = "YYYY-YY")]
    year: Option<String>,
    /// The period of an in-year return, when the sheet does not say (M6, Q2)
    #[arg(long, value_name = "PERIOD")]
    period: Option<String>,
}

impl SheetOptions {
    pub(super) fn read_options(&self) -> ReadOptions {
        ReadOptions {
            year: self.year.clone(),
            period: self.period.clone(),
        }
    }
}

#[derive(Args)]
pub(super) struct ConvertArgs {
    /// The file to read: a .json plan, or a .xlsx, .xlsm, .xls, .ods or .csv spreadsheet
    input: PathBuf,
    /// The file to write (.xlsx or .csv from a plan; .json from a spreadsheet)
    #[arg(required_unless_present = "output_flag")]
    output: Option<PathBuf>,
    /// The file to write, as an option
    #[arg(
        short = 'o',
        long = "output",
        value_name = "OUT",
        conflicts_with = "output"
    )]
    output_flag: Option<PathBuf>,
    #[command(flatten)]
    sheet: SheetOptions,
    /// Overwrite the output if it exists
    #[arg(long)]
    force: bool,
}

pub(super) fn convert(args: &ConvertArgs) -> Outcome {
    let Some(output) = args.output.as_ref().or(args.output_flag.as_ref()) else {
        return Err(AppError::new("A-ARGS", "give the file to write"));
    };
    let converted = pooled_api::workbooks::convert(
        &args.input,
        output,
        &args.sheet.read_options(),
        args.force,
    )?;
    let mut text = format!(
        "Wrote {} to {}.\n",
        converted.what,
        converted.written.display()
    );
    if let Some(reading) = &converted.reading {
        text.push_str(&reading_summary(reading));
    }
    done(&text)
}

/// What was read from a spreadsheet, in a few lines, with its warnings.
pub(super) fn reading_summary(reading: &Reading) -> String {
    let report = &reading.report;
    let mut text = String::new();
    if let (Some(sheet), Some(row)) = (&report.sheet, report.header_row) {
        text.push_str(&format!("Read sheet {sheet}, header row {row}"));
    } else if let Some(row) = report.header_row {
        text.push_str(&format!("Read the CSV, header row {row}"));
    }
    if report.schemes > 0 || report.funding_lines > 0 {
        text.push_str(&format!(
            ": {} schemes, {} funding lines",
            report.schemes, report.funding_lines
        ));
    }
    if !text.is_empty() {
        text.push_str(".\n");
    }
    if !report.skipped.is_empty() {
        text.push_str(&format!("Rows passed over: {}\n", report.skipped.len()));
        for row in &report.skipped {
            text.push_str(&format!("  {}: {}\n", row.cell, row.reason));
        }
    }
    for warning in &reading.warnings {
        text.push_str(&format!("{} {}\n", warning.code, warning.message));
    }
    text
}
