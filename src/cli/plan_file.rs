//! `pooled evaluate` and `pooled check`: one plan file, no workspace.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use pooled_api::{Assessment, Finding, Severity};

use super::{AppError, Outcome, format::plural, write_out};

#[derive(Args)]
pub(super) struct PlanArgs {
    /// The plan file (pooled-plan/1 JSON)
    plan: PathBuf,
}

pub(super) fn evaluate(args: &PlanArgs) -> Outcome {
    let assessment = pooled_api::assess_file(&args.plan)?;
    let stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    assessment
        .write_json(stdout)
        .map_err(|e| AppError::new("A-OUTPUT", format!("cannot write the output: {e}")))?;
    Ok(exit_for(&assessment))
}

pub(super) fn check(args: &PlanArgs) -> Outcome {
    let checked = pooled_api::check_file(&args.plan)?;
    let mut text = person_report(&checked.assessment);
    if !checked.rules.is_empty() {
        text.push_str("\nRisk share:\n");
        for group in &checked.rules {
            text.push_str(&format!(
                "  {} ({}): {}\n",
                group.name, group.id, group.text
            ));
            // Each of the group's units, its steps with the figures.
            for unit in checked.units.iter().filter(|u| u.group == group.id) {
                text.push_str(&format!("    Unit {}: {}\n", unit.id, unit.text));
            }
        }
    }
    write_out(&text)?;
    Ok(exit_for(&checked.assessment))
}

fn exit_for(assessment: &Assessment) -> ExitCode {
    match assessment {
        Assessment::Evaluated(_) => ExitCode::SUCCESS,
        Assessment::Rejected(_) => ExitCode::from(2),
    }
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
