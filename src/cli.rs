//! The `pooled` command line: a thin layer over the same functions the app uses.
//! Exit codes (spec §5): 0 evaluated, 2 the plan has errors, 1 anything else.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::assess::{Assessment, assess_bytes};
use crate::findings::Severity;

const EXAMPLES: &str = "\
Examples:
  pooled evaluate fixtures/demo/northbrook-2025-26.plan.json > outcome.json
  pooled check fixtures/demo/northbrook-2025-26.plan.json

Exit status: 0 when the plan was evaluated (breaches and warnings allowed), 2 when the plan has
errors, 1 for anything else (a file that cannot be read, a mistyped command).
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
    Evaluate {
        /// The plan file (pooled-plan/1 JSON)
        plan: PathBuf,
    },
    /// Check a plan and list its findings for a person, one a line
    #[command(after_help = "Example:\n  pooled check plan.json\n\n\
        Lists errors, then breaches, then warnings, each with its code and where it is in the plan.")]
    Check {
        /// The plan file (pooled-plan/1 JSON)
        plan: PathBuf,
    },
}

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
    let result = match &cli.command {
        Command::Evaluate { plan } => load(plan).and_then(|a| write_out(&a.to_json()).map(|()| a)),
        Command::Check { plan } => {
            load(plan).and_then(|a| write_out(&person_report(&a)).map(|()| a))
        }
    };
    match result {
        Ok(Assessment::Evaluated(_)) => ExitCode::SUCCESS,
        Ok(Assessment::Rejected(_)) => ExitCode::from(2),
        Err(message) => {
            eprintln!("pooled: {message}");
            ExitCode::from(1)
        }
    }
}

fn load(path: &Path) -> Result<Assessment, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("cannot read the plan file '{}': {e}", path.display()))?;
    Ok(assess_bytes(&bytes))
}

fn write_out(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write the output: {e}"))
}

/// Findings one a line, errors first, then breaches, then warnings, with a closing summary.
fn person_report(assessment: &Assessment) -> String {
    let mut findings: Vec<_> = assessment.findings().iter().collect();
    findings.sort_by_key(|f| f.severity);
    let mut out = String::new();
    for finding in &findings {
        out.push_str(&finding.to_string());
        out.push('\n');
    }
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = match assessment {
        Assessment::Rejected(_) => format!(
            "The plan has {} and was not evaluated.",
            plural(count(Severity::Error), "error")
        ),
        Assessment::Evaluated(_) => format!(
            "The plan is valid and was evaluated: {}, {}.",
            plural(count(Severity::Breach), "breach"),
            plural(count(Severity::Warning), "warning")
        ),
    };
    out.push_str(&summary.replace("breachs", "breaches"));
    out.push('\n');
    out
}
