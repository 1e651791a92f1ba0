//! `pooled report`: the board paper (PDF) of a plan file or of a workspace scenario.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::format::plural;
use super::plan_file::findings_report;
use super::workspace::WorkspaceOpts;
use super::{Failure, Outcome, done, write_out};
use crate::report::{
    PaperInput, PaperOptions, ReportError, Units, board_paper, from_plan_bytes, from_scenario,
};

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
    scenario: Option<i64>,
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
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| format!("'{text}' is not a date written YYYY-MM-DD"))
}

pub(super) fn report(args: &ReportArgs) -> Outcome {
    let generated = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = PaperOptions {
        units: match args.units {
            UnitsArg::Pounds => Units::Pounds,
            UnitsArg::Thousands => Units::Thousands,
        },
    };
    let (input, workspace) = match (&args.plan, args.scenario) {
        (_, Some(id)) => {
            let workspace = args.opts.open()?;
            match from_scenario(&workspace, id, generated) {
                Ok(input) => (input, Some((workspace, id))),
                Err(error) => return refused(error),
            }
        }
        (Some(path), None) => {
            let bytes = std::fs::read(path).map_err(|e| {
                Failure::Message(format!(
                    "cannot read the plan file '{}': {e}",
                    path.display()
                ))
            })?;
            match from_plan_bytes(&bytes, &plan_file_name(path), generated) {
                Ok(input) => (input, None),
                Err(error) => return refused(error),
            }
        }
        (None, None) => {
            return Err(Failure::Message(
                "give a plan file or --scenario ID".to_owned(),
            ));
        }
    };
    let bytes = match board_paper(&input, &options) {
        Ok(bytes) => bytes,
        Err(error) => return refused(error),
    };
    write_file(&args.output, &bytes, args.force)?;
    if let Some((mut workspace, id)) = workspace {
        let written = std::fs::canonicalize(&args.output).unwrap_or_else(|_| args.output.clone());
        workspace.record_export(id, "board paper", &written.display().to_string())?;
    }
    done(&summary(
        &input,
        &args.output,
        options.units,
        args.scenario.is_some(),
    ))
}

fn plan_file_name(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("Plan file {name}")
}

fn summary(input: &PaperInput, path: &Path, units: Units, workspace: bool) -> String {
    let units = match units {
        Units::Pounds => "pounds and pence",
        Units::Thousands => "£000",
    };
    let recorded = if workspace {
        " (recorded in the audit trail)"
    } else {
        ""
    };
    format!(
        "Wrote the board paper for \"{}\", {}, version {}, in {units}, to {}{recorded}.\n",
        input.scenario,
        input.status.label(),
        input.version_id(),
        path.display()
    )
}

/// Why no paper was made: a plan with errors lists them and exits 2, like `pooled check`.
fn refused(error: ReportError) -> Outcome {
    match error {
        ReportError::InvalidPlan(findings) => {
            let summary = format!(
                "The plan has {}, so no board paper was made.",
                plural(findings.len(), "error")
            );
            write_out(&findings_report(&findings, &summary))?;
            Ok(ExitCode::from(2))
        }
        ReportError::Store(error) => Err(Failure::Store(error)),
        other => Err(Failure::Message(other.to_string())),
    }
}

fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    let cannot = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::Message(format!(
                "{} already exists; nothing was written. Use --force to overwrite it.",
                path.display()
            ))
        } else {
            Failure::Message(format!("cannot write {}: {e}", path.display()))
        }
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .create_new(!force)
        .truncate(true)
        .open(path)
        .map_err(cannot)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(cannot)
}
