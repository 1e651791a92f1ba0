//! `pooled show` and `pooled export`: a scenario's plan document or outcome, as JSON.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::plan_file::findings_report;
use super::workspace::WorkspaceOpts;
use super::{Failure, Outcome, done, write_out};
use crate::assess::Assessment;
use crate::store::Workspace;

pub(super) const SHOW_HELP: &str = "Examples:\n  pooled show 2 > plan.json\n  pooled show 2 --outcome\n\n\
    For an agreed or superseded scenario both are exactly what was agreed; for a draft the outcome\n\
    is computed from its current document.";
pub(super) const EXPORT_HELP: &str = "Examples:\n  pooled export 2 -o m6-plan.json\n  pooled export 2 --outcome -o m6-outcome.json\n\n\
    Refuses to overwrite an existing file unless --force. The export is recorded in the audit trail.";

#[derive(Args)]
pub(super) struct ShowArgs {
    /// The scenario id (see pooled list)
    scenario: i64,
    /// The outcome document (pooled-outcome/1) instead of the plan document
    #[arg(long)]
    outcome: bool,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

#[derive(Args)]
pub(super) struct ExportArgs {
    /// The scenario id (see pooled list)
    scenario: i64,
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

/// A document to print or write, or the findings of a draft whose outcome cannot be computed.
enum Rendered {
    Json(String),
    Rejected(String),
}

fn pretty(canonical: &str) -> Result<String, Failure> {
    let value: serde_json::Value = serde_json::from_str(canonical)
        .map_err(|e| Failure::Message(format!("a stored document does not read: {e}")))?;
    Ok(serde_json::to_string_pretty(&value).unwrap_or_default() + "\n")
}

fn render(workspace: &Workspace, id: i64, outcome: bool) -> Result<Rendered, Failure> {
    let scenario = workspace.scenario(id)?;
    if let Some(agreed) = workspace.agreed_version(id)? {
        let frozen = if outcome {
            &agreed.outcome
        } else {
            &agreed.document
        };
        return pretty(frozen).map(Rendered::Json);
    }
    if !outcome {
        let text = serde_json::to_string_pretty(&scenario.document).unwrap_or_default() + "\n";
        return Ok(Rendered::Json(text));
    }
    Ok(match workspace.assessment(id)? {
        evaluated @ Assessment::Evaluated(_) => Rendered::Json(evaluated.to_json()),
        rejected => Rendered::Rejected(findings_report(
            rejected.findings(),
            "The scenario's plan has errors, so it has no outcome.",
        )),
    })
}

pub(super) fn show(args: &ShowArgs) -> Outcome {
    let workspace = args.opts.open()?;
    match render(&workspace, args.scenario, args.outcome)? {
        Rendered::Json(text) => done(&text),
        Rendered::Rejected(report) => {
            write_out(&report)?;
            Ok(ExitCode::from(2))
        }
    }
}

pub(super) fn export(args: &ExportArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    let text = match render(&workspace, args.scenario, args.outcome)? {
        Rendered::Json(text) => text,
        Rendered::Rejected(report) => {
            write_out(&report)?;
            return Ok(ExitCode::from(2));
        }
    };
    let path = &args.output;
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
        .create_new(!args.force)
        .truncate(true)
        .open(path)
        .map_err(cannot)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(cannot)?;
    let what = if args.outcome { "outcome" } else { "document" };
    let written = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
    workspace.record_export(args.scenario, what, &written.display().to_string())?;
    done(&format!(
        "Wrote the {} of scenario {} to {} (recorded in the audit trail).\n",
        if args.outcome {
            "outcome"
        } else {
            "plan document"
        },
        args.scenario,
        path.display()
    ))
}
