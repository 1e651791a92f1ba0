//! The audit trail: `pooled history` for people, `pooled audit verify` for proof.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{ArgGroup, Args, Subcommand};
use pooled_api::{HistoryQuery, ScenarioId, Subject, SubjectKind};

use super::format::{Align, plural, table};
use super::workspace::WorkspaceOpts;
use super::{Outcome, done, write_out};

pub(super) const HISTORY_HELP: &str = "Examples:\n  pooled history\n  pooled history 2 --scheme S01 --since 2025-10-01\n  pooled history --who \"Ann Lee\"\n\n\
    One entry a line: number, time (UTC), who, which scenario, and what was done in words; for a\n\
    change, the item by name and id, the field, its value before → after, and the reason given.\n\
    --scheme, --stream, --partner, --group and --contract take an item's id and show every change\n\
    made to it, following it across renames.";
pub(super) const AUDIT_HELP: &str = "Example:\n  pooled audit verify\n\n\
    Checks every audit entry's hash chain, that every change and agreed version still matches its\n\
    entry, and that every scenario is its starting document with its recorded changes. Exit status\n\
    0 when intact, 2 naming the first broken entry.";

#[derive(Args)]
#[command(group(ArgGroup::new("item").args(["scheme", "stream", "partner", "group", "contract"])))]
pub(super) struct HistoryArgs {
    /// Only the entries about this scenario
    scenario: Option<ScenarioId>,
    /// Only what this person did
    #[arg(long, value_name = "NAME")]
    who: Option<String>,
    /// Only entries on or after this day (UTC)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    since: Option<NaiveDate>,
    /// Only changes to this scheme
    #[arg(long, value_name = "ID")]
    scheme: Option<String>,
    /// Only changes to this stream, and to funding from it
    #[arg(long, value_name = "ID")]
    stream: Option<String>,
    /// Only changes to this partner, its caps and shares
    #[arg(long, value_name = "ID")]
    partner: Option<String>,
    /// Only changes to this risk-share group
    #[arg(long, value_name = "ID")]
    group: Option<String>,
    /// Only changes to this contract
    #[arg(long, value_name = "ID")]
    contract: Option<String>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

fn parse_day(text: &str) -> Result<NaiveDate, String> {
    pooled_api::parse_iso_date(text).ok_or_else(|| pooled_api::not_a_date(text))
}

impl HistoryArgs {
    fn subject(&self) -> Option<Subject> {
        [
            (SubjectKind::Scheme, &self.scheme),
            (SubjectKind::Stream, &self.stream),
            (SubjectKind::Partner, &self.partner),
            (SubjectKind::Group, &self.group),
            (SubjectKind::Contract, &self.contract),
        ]
        .into_iter()
        .find_map(|(kind, id)| id.as_deref().map(|id| Subject::new(kind, id)))
    }
}

pub(super) fn history(args: &HistoryArgs) -> Outcome {
    let workspace = args.opts.open()?;
    let query = HistoryQuery {
        scenario_id: args.scenario,
        who: args.who.clone(),
        since: args.since.map(|d| d.format("%Y-%m-%d").to_string()),
        subject: args.subject(),
    };
    let view = pooled_api::history(&workspace, &query)?;
    if view.entries.is_empty() {
        return done("No audit entries match.\n");
    }
    let mut rows = vec![
        ["seq", "time (UTC)", "who", "scenario", "what"]
            .map(String::from)
            .to_vec(),
    ];
    for e in &view.entries {
        rows.push(vec![
            e.entry.seq.to_string(),
            e.entry.at.to_listing(),
            e.entry.actor.clone(),
            e.entry
                .scenario_id
                .map_or_else(|| "-".to_owned(), |s| s.to_string()),
            e.text.clone(),
        ]);
    }
    use Align::{Left, Right};
    done(&table(&rows, &[Right, Left, Left, Right, Left]))
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
    let report = pooled_api::verify(&workspace)?;
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
