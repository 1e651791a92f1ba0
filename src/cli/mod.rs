//! The `pooled` command line: parses arguments, calls `pooled_api`, and writes what comes back
//! for a person to read. Nothing here works anything out.
//!
//! Exit codes (spec §5): 0 done, 2 the plan has errors (or the audit trail is broken), 1 anything
//! else. Plan files are checked and evaluated by `plan_file`; every other command works on a
//! workspace, one group of commands a module.

mod agree;
mod audit;
mod diff;
mod documents;
mod edits;
mod format;
#[cfg(feature = "workload")]
mod generate;
mod plan_file;
mod report;
mod sheets;
mod workspace;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pooled_api::AppError;

const EXAMPLES: &str = "\
Examples:
  pooled evaluate fixtures/demo/northbrook-2025-26.plan.json > outcome.json
  pooled check fixtures/demo/northbrook-2025-26.plan.json
  pooled report fixtures/demo/northbrook-2025-26.plan.json -o paper.pdf   # the board paper (PDF)

  pooled init --empty --workspace bcf.pooled   # a new, empty workspace file
  export POOLED_WORKSPACE=bcf.pooled           # the workspace for the commands below
  pooled import plan.json                      # plan 1, with its scenario 1 \"Baseline\"
  pooled branch 1 --name \"M6 forecast\"         # scenario 2, a copy to work on
  pooled set 2 'schemes[id=S01].forecast' 5000000.01 --reason \"M6 return\"
  pooled diff 1 2                              # what moved, per partner and per scheme
  pooled history 2 --scheme S01                # every change to scheme S01, and why
  pooled agree 2 --sign \"Ann Lee;Pooled fund manager;Northbrook Council;2025-10-14\"
  pooled audit verify                          # prove nothing was changed since
  pooled report --scenario 2 -o agreed.pdf     # the agreed version's board paper, with sign-offs

Workspace commands use the workspace file given by --workspace PATH (or $POOLED_WORKSPACE), else
the default one in $XDG_DATA_HOME/pooled/, created with the demo plan on first use. Changes are
recorded under --as NAME (or $POOLED_USER), else your login name.

Places in a plan name list items by their id: schemes[id=S01].funding[stream=ibcf].amount. A
position (schemes[0]) is accepted too, and recorded as the id of the item at that position.

Exit status: 0 when the plan was evaluated (breaches and warnings allowed) or the command did what
it says, 2 when the plan has errors (or the audit trail is broken), 1 for anything else (a file
that cannot be read, a mistyped command, a workspace that refuses the action).
The plan format and calculation rules are in docs/calculation.md.";

#[derive(Parser)]
#[command(
    name = "pooled",
    version,
    about = "Pooled: Better Care Fund pooled budgets and risk shares, exact to the penny",
    after_help = EXAMPLES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a plan and write its outcome document (pooled-outcome/1 JSON) to standard output
    #[command(
        after_help = "Example:\n  pooled evaluate plan.json > outcome.json\n\n\
        When the plan has errors, only {\"format\", \"findings\"} is written, naming every error, and the exit status is 2."
    )]
    Evaluate(plan_file::PlanArgs),
    /// Check a plan: its findings for a person, one a line, and its risk-share rules in words
    #[command(after_help = "Example:\n  pooled check plan.json\n\n\
        Lists errors, then breaches, then warnings, each with its code and where it is in the plan;\n\
        for a plan without errors, then each risk-share group's rules in plain English.")]
    Check(plan_file::PlanArgs),
    /// Write the board paper (PDF) of a plan file or of a workspace scenario
    #[command(after_help = report::REPORT_HELP)]
    Report(report::ReportArgs),
    /// Convert between a plan (JSON) and a spreadsheet (XLSX, CSV), or read any spreadsheet to JSON
    #[command(after_help = sheets::CONVERT_HELP)]
    Convert(sheets::ConvertArgs),
    /// Create a workspace, with the demo plan in it unless --empty
    #[command(after_help = workspace::INIT_HELP)]
    Init(workspace::InitArgs),
    /// Import a plan file as a new plan, or as a new scenario of a plan (--into)
    #[command(after_help = workspace::IMPORT_HELP)]
    Import(workspace::ImportArgs),
    /// List the plans in the workspace and their scenarios
    #[command(after_help = workspace::LIST_HELP)]
    List(workspace::ListArgs),
    /// Print a scenario's plan document, or its outcome (--outcome), as JSON
    #[command(after_help = documents::SHOW_HELP)]
    Show(documents::ShowArgs),
    /// Write a scenario's plan document or outcome to a file, recorded in the audit trail
    #[command(after_help = documents::EXPORT_HELP)]
    Export(documents::ExportArgs),
    /// Change one field of a draft scenario, with an optional reason
    #[command(after_help = edits::SET_HELP)]
    Set(edits::ValueEditArgs),
    /// Insert an item into a list of a draft scenario (a scheme, a funding line, a partner…)
    #[command(after_help = edits::INSERT_HELP)]
    Insert(edits::ValueEditArgs),
    /// Remove a field or a list item from a draft scenario
    #[command(after_help = edits::REMOVE_HELP)]
    Remove(edits::RemoveArgs),
    /// Start a new draft scenario from any scenario, agreed ones included
    #[command(after_help = edits::BRANCH_HELP)]
    Branch(edits::BranchArgs),
    /// Rename a draft scenario or change its description
    #[command(after_help = edits::DESCRIBE_HELP)]
    Describe(edits::DescribeArgs),
    /// Compare two scenarios: fields, each partner's final cost and the schemes that moved
    #[command(after_help = diff::DIFF_HELP)]
    Diff(diff::DiffArgs),
    /// Agree a draft scenario with its sign-offs, freezing its document and outcome
    #[command(after_help = agree::AGREE_HELP)]
    Agree(agree::AgreeArgs),
    /// Show the audit trail: who did what, when, and why, one entry a line
    #[command(after_help = audit::HISTORY_HELP)]
    History(audit::HistoryArgs),
    /// Check the audit trail and everything it vouches for (`pooled audit verify`)
    #[command(after_help = audit::AUDIT_HELP)]
    Audit(audit::AuditArgs),
    /// Copy the workspace to a new file, safely while it is in use
    #[command(after_help = workspace::BACKUP_HELP)]
    Backup(workspace::BackupArgs),
    /// Make the benchmark workloads: a pool of any size, the national set, a large workspace
    #[cfg(feature = "workload")]
    #[command(after_help = generate::GENERATE_HELP)]
    Generate(generate::GenerateArgs),
}

type Outcome = Result<ExitCode, AppError>;

/// Runs the command line with the given arguments (the first is the program name).
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // Help and version are successes; a mistyped command is "anything else" (1), so it
            // is never mistaken for a plan with errors (2).
            return if error.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Evaluate(args) => plan_file::evaluate(&args),
        Command::Check(args) => plan_file::check(&args),
        Command::Report(args) => report::report(&args),
        #[cfg(feature = "workload")]
        Command::Generate(args) => generate::generate(&args),
        Command::Convert(args) => sheets::convert(&args),
        Command::Init(args) => workspace::init(&args),
        Command::Import(args) => workspace::import(&args),
        Command::List(args) => workspace::list(&args),
        Command::Show(args) => documents::show(&args),
        Command::Export(args) => documents::export(&args),
        Command::Set(args) => edits::set(&args, pooled_api::EditKind::Set),
        Command::Insert(args) => edits::set(&args, pooled_api::EditKind::Insert),
        Command::Remove(args) => edits::remove(&args),
        Command::Branch(args) => edits::branch(&args),
        Command::Describe(args) => edits::describe(&args),
        Command::Diff(args) => diff::diff(&args),
        Command::Agree(args) => agree::agree(&args),
        Command::History(args) => audit::history(&args),
        Command::Audit(args) => audit::audit(&args),
        Command::Backup(args) => workspace::backup(&args),
    };
    result.unwrap_or_else(report_failure)
}

fn report_failure(error: AppError) -> ExitCode {
    if error.is_unreadable_sheet() {
        // Spec §5: the findings document on standard output, each message on standard error.
        let findings = pooled_api::SheetFindings::new(error.cells.clone());
        let json = serde_json::to_string_pretty(&findings).unwrap_or_default();
        let _ = write_out(&(json + "\n"));
        for finding in &error.cells {
            eprintln!("{}", finding.message);
        }
        eprintln!(
            "pooled: {} [{}]",
            error.message.trim_end_matches('.'),
            error.code
        );
        return ExitCode::from(2);
    }
    if error.is_invalid_plan() {
        let errors = error.findings.iter().filter(|f| f.is_error()).count();
        let summary = format!(
            "The plan has {}, so nothing was done.",
            format::plural(errors, "error")
        );
        // Like `pooled check`: the findings for a person on standard output.
        let _ = write_out(&plan_file::findings_report(&error.findings, &summary));
        eprintln!("pooled: {} [{}]", summary.trim_end_matches('.'), error.code);
        return ExitCode::from(2);
    }
    let message = error.message.trim_end_matches('.');
    eprintln!("pooled: {message} [{}]", error.code);
    if error.code == "A-EXISTS" {
        eprintln!("Use --force to overwrite it.");
    }
    ExitCode::from(1)
}

/// Writes to standard output, reporting a closed pipe or full disk as a failure, not a panic.
fn write_out(text: &str) -> Result<(), AppError> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| AppError::new("A-OUTPUT", format!("cannot write the output: {e}")))
}

/// Writes the text and succeeds.
fn done(text: &str) -> Outcome {
    write_out(text).map(|()| ExitCode::SUCCESS)
}
