//! `pooled evaluate` and `pooled check`: one plan file, no workspace.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{Failure, Outcome, format::plural, write_out};
use crate::assess::{Assessment, assess_bytes};
use crate::findings::{Finding, Severity};

#[derive(Args)]
pub(super) struct PlanArgs {
    /// The plan file (pooled-plan/1 JSON)
    plan: PathBuf,
}

pub(super) fn evaluate(args: &PlanArgs) -> Outcome {
    let assessment = load(&args.plan)?;
    let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    assessment
        .write_json(stdout)
        .map_err(|e| Failure::Message(format!("cannot write the output: {e}")))?;
    Ok(exit_for(&assessment))
}

pub(super) fn check(args: &PlanArgs) -> Outcome {
    let assessment = load(&args.plan)?;
    write_out(&person_report(&assessment))?;
    Ok(exit_for(&assessment))
}

fn exit_for(assessment: &Assessment) -> ExitCode {
    match assessment {
        Assessment::Evaluated(_) => ExitCode::SUCCESS,
        Assessment::Rejected(_) => ExitCode::from(2),
    }
}

fn load(path: &Path) -> Result<Assessment, Failure> {
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::Message(format!(
            "cannot read the plan file '{}': {e}",
            path.display()
        ))
    })?;
    Ok(assess_bytes(&bytes))
}

/// Findings one a line, errors first, then breaches, then warnings, with a closing summary.
fn person_report(assessment: &Assessment) -> String {
    let findings = assessment.findings();
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
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
    findings_report(findings, &summary)
}

/// The findings for a person, most serious first, then the summary line.
pub(super) fn findings_report(findings: &[Finding], summary: &str) -> String {
    let mut sorted: Vec<_> = findings.iter().collect();
    sorted.sort_by_key(|f| f.severity);
    let mut out = String::new();
    for finding in sorted {
        out.push_str(&finding.to_string());
        out.push('\n');
    }
    out.push_str(summary);
    out.push('\n');
    out
}
