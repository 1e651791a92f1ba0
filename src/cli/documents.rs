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
pub(super) const EXPORT_HELP: &str = "Examples:\n  pooled export 2 -o m6-plan.json\n  pooled export 2 --outcome -o m6-outcome.json\n\n\
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
    scenario: ScenarioId,
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
    let what = which(args.outcome);
    let rendered = pooled_api::documents::export(
        &mut workspace,
        args.scenario,
        what,
        &args.output,
        args.force,
    )?;
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
        args.scenario,
        args.output.display()
    ))
}
