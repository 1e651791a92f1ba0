//! `pooled report`: the board paper (PDF) of a plan file or of a workspace scenario.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use pooled_api::{AppError, ScenarioId, Units};

use super::format::plural;
use super::plan_file::findings_report;
use super::workspace::WorkspaceOpts;
use super::{Outcome, done, write_out};

pub(super) const REPORT_HELP: &str = "Examples:\n  pooled report plan.json -o paper.pdf\n  pooled report plan.json -o paper-000.pdf --units thousands\n  pooled report --scenario 2 -o m6-paper.pdf --workspace bcf.pooled\n\n\
    A draft is printed DRAFT with blank sign-off lines; an agreed (or superseded) scenario is printed\n\
    exactly as agreed, with its recorded sign-offs. A plan with errors gives no paper: its errors are\n\
    listed and the exit status is 2. Refuses to overwrite a file unless --force. A paper made from a\n\
    workspace is recorded in its audit trail.";

#[derive(Clone, Copy, ValueEnum)]
enum UnitsArg {
    /// Pounds and pence, £1,234,567.89
    Pounds,
    /// Thousands of pounds (£000), rounded so every table adds up
    Thousands,
}

#[derive(Args)]
pub(super) struct ReportArgs {
    /// The plan file (pooled-plan/1 JSON); or give --scenario instead
    #[arg(value_name = "PLAN.json", required_unless_present = "scenario")]
    plan: Option<PathBuf>,
    /// A workspace scenario instead of a plan file (see pooled list)
    #[arg(long, value_name = "ID", conflicts_with = "plan")]
    scenario: Option<ScenarioId>,
    /// The PDF file to write
    #[arg(short, long, value_name = "PAPER.pdf")]
    output: PathBuf,
    /// How figures are shown in tables
    #[arg(long, value_enum, default_value = "pounds")]
    units: UnitsArg,
    /// The date printed as the paper's date [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Overwrite the file if it exists
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    pooled_api::parse_iso_date(text).ok_or_else(|| pooled_api::not_a_date(text))
}

pub(super) fn report(args: &ReportArgs) -> Outcome {
    let today = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let units = match args.units {
        UnitsArg::Pounds => Units::Pounds,
        UnitsArg::Thousands => Units::Thousands,
    };
    let made = match (&args.plan, args.scenario) {
        (_, Some(id)) => {
            let mut workspace = args.opts.open()?;
            pooled_api::board_paper(&workspace, id, today, units).and_then(|paper| {
                let written = pooled_api::files::write(&args.output, &paper.bytes, args.force)?;
                pooled_api::record_board_paper(&mut workspace, id, &written.display().to_string())?;
                Ok(paper)
            })
        }
        (Some(path), None) => pooled_api::plan_file_paper(path, today, units).and_then(|paper| {
            pooled_api::files::write(&args.output, &paper.bytes, args.force)?;
            Ok(paper)
        }),
        (None, None) => Err(AppError::new(
            "A-USAGE",
            "give a plan file or --scenario ID",
        )),
    };
    let paper = match made {
        Ok(paper) => paper,
        Err(error) if error.is_invalid_plan() => return refused(&error),
        Err(error) => return Err(error),
    };
    let units = match units {
        Units::Pounds => "pounds and pence",
        Units::Thousands => "£000",
    };
    let recorded = if args.scenario.is_some() {
        " (recorded in the audit trail)"
    } else {
        ""
    };
    done(&format!(
        "Wrote the board paper for \"{}\", {}, version {}, in {units}, to {}{recorded}.\n",
        paper.scenario,
        paper.status,
        paper.version,
        args.output.display()
    ))
}

/// A plan with errors gives no paper: its errors are listed and the exit status is 2, like
/// `pooled check`.
fn refused(error: &AppError) -> Outcome {
    let errors = error.findings.iter().filter(|f| f.is_error()).count();
    let summary = format!(
        "The plan has {}, so no board paper was made.",
        plural(errors, "error")
    );
    write_out(&findings_report(&error.findings, &summary))?;
    Ok(ExitCode::from(2))
}
