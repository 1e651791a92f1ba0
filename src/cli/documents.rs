//! `pooled show` and `pooled export`: a scenario's plan document or outcome, as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pooled_api::ScenarioId;
use pooled_api::documents::{Rendered, Which};

use super::plan_file::findings_report;
use super::workspace::WorkspaceOpts;
use super::{Outcome, done, write_out};

pub(super) const SHOW_HELP: &str = "Examples:\n  pooled show 2 > plan.json\n  pooled show 2 --outcome\n\n\
    For an agreed or superseded scenario both are exactly what was agreed; for a draft the outcome\n\
    is computed from its current document.";
pub(super) const EXPORT_HELP: &str = "Examples:\n  pooled export 2 -o m6-plan.json\n  pooled export 2 --outcome -o m6-outcome.json\n  \
    pooled export --scenario 2 -o m6.xlsx      # Pooled's workbook, with the outcome sheets\n  \
    pooled export --scenario 2 -o m6.csv       # the Expenditure table as CSV\n\n\
    Refuses to overwrite an existing file unless --force. The export is recorded in the audit trail.";

#[derive(Args)]
pub(super) struct ShowArgs {
    /// The scenario id (see pooled list)
    scenario: ScenarioId,
    /// The outcome document (pooled-outcome/1) instead of the plan document
    #[arg(long)]
    outcome: bool,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

#[derive(Args)]
pub(super) struct ExportArgs {
    /// The scenario id (see pooled list)
    #[arg(required_unless_present = "scenario_flag")]
    scenario: Option<ScenarioId>,
    /// The scenario id, as an option
    #[arg(long = "scenario", value_name = "ID", conflicts_with = "scenario")]
    scenario_flag: Option<ScenarioId>,
    /// The file to write
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// The outcome document (pooled-outcome/1) instead of the plan document
    #[arg(long)]
    outcome: bool,
    /// Overwrite the file if it exists
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

fn which(outcome: bool) -> Which {
    if outcome { Which::Outcome } else { Which::Plan }
}

/// The findings of a draft that has no outcome, and exit 2.
fn rejected(findings: &[pooled_api::Finding]) -> Outcome {
    write_out(&findings_report(
        findings,
        "The scenario's plan has errors, so it has no outcome.",
    ))?;
    Ok(ExitCode::from(2))
}

pub(super) fn show(args: &ShowArgs) -> Outcome {
    let workspace = args.opts.open()?;
    match pooled_api::documents::render(&workspace, args.scenario, which(args.outcome))? {
        Rendered::Json(text) => done(&text),
        Rendered::Rejected(findings) => rejected(&findings),
    }
}

pub(super) fn export(args: &ExportArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    let Some(scenario) = args.scenario.or(args.scenario_flag) else {
        return Err(pooled_api::AppError::new(
            "A-ARGS",
            "give the scenario to export",
        ));
    };
    let sheet = args
        .output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("csv"));
    if sheet && !args.outcome {
        let written = pooled_api::workbooks::export_sheet(
            &mut workspace,
            scenario,
            &args.output,
            args.force,
        )?;
        return done(&format!(
            "Wrote scenario {scenario} to {} (recorded in the audit trail).\n",
            written.display()
        ));
    }
    let what = which(args.outcome);
    let rendered =
        pooled_api::documents::export(&mut workspace, scenario, what, &args.output, args.force)?;
    if let Rendered::Rejected(findings) = rendered {
        return rejected(&findings);
    }
    done(&format!(
        "Wrote the {} of scenario {} to {} (recorded in the audit trail).\n",
        if args.outcome {
            "outcome"
        } else {
            "plan document"
        },
        scenario,
        args.output.display()
    ))
}
