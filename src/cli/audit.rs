//! The audit trail: `pooled history` for people, `pooled audit verify` for proof.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde_json::Value;

use super::format::{Align, plural, table, time, value};
use super::workspace::WorkspaceOpts;
use super::{Outcome, done, write_out};
use crate::store::{AuditEntry, HistoryFilter};

pub(super) const HISTORY_HELP: &str = "Examples:\n  pooled history\n  pooled history 2 --field schemes[0] --since 2025-10-01\n  pooled history --who \"Ann Lee\"\n\n\
    One entry a line: number, time (UTC), who, what; for a change the field, its value before →\n\
    after, and the reason given.";
pub(super) const AUDIT_HELP: &str = "Example:\n  pooled audit verify\n\n\
    Checks every audit entry's hash chain, that every change and agreed version still matches its\n\
    entry, and that every scenario is its starting document with its recorded changes. Exit status\n\
    0 when intact, 2 naming the first broken entry.";

#[derive(Args)]
pub(super) struct HistoryArgs {
    /// Only the entries about this scenario
    scenario: Option<i64>,
    /// Only what this person did
    #[arg(long, value_name = "NAME")]
    who: Option<String>,
    /// Only changes to this field or below it, e.g. schemes[0] or schemes[0].forecast
    #[arg(long, value_name = "PATH-PREFIX")]
    field: Option<String>,
    /// Only entries on or after this day (UTC)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    since: Option<NaiveDate>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a date written YYYY-MM-DD"))
}

pub(super) fn history(args: &HistoryArgs) -> Outcome {
    let workspace = args.opts.open()?;
    if let Some(id) = args.scenario {
        workspace.scenario(id)?;
    }
    let filter = HistoryFilter {
        scenario_id: args.scenario,
        who: args.who.clone(),
        field: args.field.clone(),
        since: args.since,
    };
    let entries = workspace.history_matching(&filter)?;
    if entries.is_empty() {
        return done("No audit entries match.\n");
    }
    let mut rows = vec![
        ["seq", "time (UTC)", "who", "action", "what"]
            .map(String::from)
            .to_vec(),
    ];
    for e in &entries {
        rows.push(vec![
            e.seq.to_string(),
            time(&e.at),
            e.actor.clone(),
            e.action.clone(),
            describe(e),
        ]);
    }
    use Align::{Left, Right};
    done(&table(&rows, &[Right, Left, Left, Left, Left]))
}

/// A recorded JSON text (a change's before or after) as a value for a person.
fn recorded(detail: &Value) -> String {
    let parsed = detail
        .as_str()
        .map(|t| serde_json::from_str(t).unwrap_or(Value::from(t)));
    value(parsed.as_ref())
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("?")
}

/// What an entry records, in a line.
fn describe(e: &AuditEntry) -> String {
    let d = &e.detail;
    let scenario = e
        .scenario_id
        .map_or_else(String::new, |s| format!("scenario {s} "));
    match e.action.as_str() {
        "create-workspace" => "created the workspace".to_owned(),
        "import" => format!(
            "{scenario}\"{}\" imported from {}",
            text(&d["scenario"]),
            text(&d["source"])
        ),
        "branch" => format!(
            "{scenario}\"{}\" branched from scenario {}",
            text(&d["scenario"]),
            d["from"]
        ),
        "change" => {
            let mut line = format!(
                "{scenario}{} {}: {} → {}",
                text(&d["op"]),
                text(&d["path"]),
                recorded(&d["before"]),
                recorded(&d["after"])
            );
            if let Some(reason) = d["reason"].as_str() {
                line.push_str(&format!(" (reason: {reason})"));
            }
            line
        }
        "describe" => {
            let moves: Vec<String> = ["name", "description"]
                .iter()
                .filter(|k| d[**k][0] != d[**k][1])
                .map(|k| format!("{k} \"{}\" → \"{}\"", text(&d[*k][0]), text(&d[*k][1])))
                .collect();
            format!("{scenario}{}", moves.join("; "))
        }
        "agree" => {
            let names: Vec<String> = d["signoffs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|s| format!("{} ({})", text(&s["name"]), text(&s["role"])))
                .collect();
            format!("{scenario}agreed, signed off by {}", names.join(", "))
        }
        "supersede" => format!("{scenario}superseded by scenario {}", d["by"]),
        "export" => format!(
            "{scenario}{} exported to {}",
            text(&d["what"]),
            text(&d["to"])
        ),
        "backup" => format!("backed up to {}", text(&d["to"])),
        _ => format!("{scenario}{d}"),
    }
}

#[derive(Args)]
pub(super) struct AuditArgs {
    #[command(subcommand)]
    command: AuditCommand,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Prove the audit trail and everything it vouches for are as recorded
    #[command(after_help = AUDIT_HELP)]
    Verify,
}

pub(super) fn audit(args: &AuditArgs) -> Outcome {
    let AuditCommand::Verify = args.command;
    let workspace = args.opts.open()?;
    let report = workspace.verify()?;
    match report.broken {
        None => done(&format!(
            "Audit trail intact: {}, {}, {}, {} checked.\n",
            plural(report.entries as usize, "entry"),
            plural(report.changes as usize, "change"),
            plural(report.agreements as usize, "agreed version"),
            plural(report.scenarios as usize, "scenario")
        )),
        Some(broken) => {
            let at = broken
                .seq
                .map_or_else(String::new, |seq| format!(" at entry {seq}"));
            write_out(&format!(
                "Audit trail broken{at}: {}.\nSomething in the workspace was changed outside Pooled: keep this file as evidence, and restore the workspace from a backup.\n",
                broken.problem
            ))?;
            Ok(ExitCode::from(2))
        }
    }
}
