//! Changing drafts: `pooled set`, `insert` and `remove` (one edit each, at the scenario's
//! current revision), `branch` and `describe`.

use clap::{ArgGroup, Args};
use pooled_api::{EditKind, ScenarioId};

use super::format::{Align, money, table};
use super::workspace::WorkspaceOpts;
use super::{Outcome, done};

pub(super) const SET_HELP: &str = "Examples:\n  pooled set 2 'schemes[id=S01].forecast' 5000000.01 --reason \"M6 forecast from the provider\"\n  pooled set 2 'schemes[id=S04].name' \"Carers' breaks and respite\"\n  pooled set 2 'schemes[id=S01].funding[stream=ibcf].amount' 25000.00\n\n\
    Places name list items by id (a funding line by its stream); a position such as schemes[0] is\n\
    accepted too, and recorded as the id of the item there. Amounts are pounds and pence as in the\n\
    plan file (1250000.50). Prints the new revision, the change in words and how each partner's\n\
    final cost moved. Agreed scenarios can never be changed: branch them first.";
pub(super) const INSERT_HELP: &str = "Examples:\n  pooled insert 2 'schemes[id=S01].funding[stream=ibcf]' '{\"stream\": \"ibcf\", \"amount\": \"25000.00\"}' --reason \"Winter money\"\n  pooled insert 2 'schemes[0].funding[1]' '{\"stream\": \"dfg\", \"amount\": \"0.00\"}'\n\n\
    Named by its id, a new item goes at the end of its list; named by a position, it goes there (the\n\
    list's length appends). VALUE is JSON; numbers keep their exact digits.";
pub(super) const REMOVE_HELP: &str = "Example:\n  pooled remove 2 'schemes[id=S01].funding[stream=ibcf]' --reason \"Winter money withdrawn\"";
pub(super) const BRANCH_HELP: &str = "Example:\n  pooled branch 1 --name \"M6 forecast\"\n\n\
    Prints the new scenario's id. Branching is how work continues from an agreed version.";
pub(super) const DESCRIBE_HELP: &str = "Example:\n  pooled describe 2 --name \"M6 forecast\" --description \"Provider returns for month 6\"";

#[derive(Args)]
pub(super) struct ValueEditArgs {
    /// The scenario id (see pooled list)
    scenario: ScenarioId,
    /// Where in the plan, e.g. schemes[id=S01].forecast
    path: String,
    /// The new value: JSON, or plain text for a name
    value: String,
    /// Why, for the audit trail
    #[arg(long)]
    reason: Option<String>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

#[derive(Args)]
pub(super) struct RemoveArgs {
    /// The scenario id (see pooled list)
    scenario: ScenarioId,
    /// The field or list item to remove, e.g. schemes[id=S01].funding[stream=ibcf]
    path: String,
    /// Why, for the audit trail
    #[arg(long)]
    reason: Option<String>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn set(args: &ValueEditArgs, kind: EditKind) -> Outcome {
    change(
        &args.opts,
        args.scenario,
        kind,
        &args.path,
        Some(&args.value),
        args.reason.as_deref(),
    )
}

pub(super) fn remove(args: &RemoveArgs) -> Outcome {
    change(
        &args.opts,
        args.scenario,
        EditKind::Remove,
        &args.path,
        None,
        args.reason.as_deref(),
    )
}

/// Makes one change, then shows it in words and what it did to each partner.
fn change(
    opts: &WorkspaceOpts,
    id: ScenarioId,
    kind: EditKind,
    path: &str,
    value: Option<&str>,
    reason: Option<&str>,
) -> Outcome {
    let mut workspace = opts.open()?;
    let report = pooled_api::change(&mut workspace, id, kind, path, value, reason)?;
    let mut text = format!(
        "Scenario {id} \"{}\" is now at revision {}.\n",
        report.summary.name, report.summary.revision
    );
    for reading in &report.readings {
        text.push_str(&format!("  {reading}\n"));
    }
    text.push_str("\nFinal cost by partner:\n");
    let shown = |m: Option<pooled_api::Money>| m.map_or_else(|| "-".to_owned(), money);
    let lines: Vec<[String; 4]> = report
        .partners
        .iter()
        .map(|p| {
            let change = p
                .before
                .zip(p.after)
                .map(|(o, n)| n.checked_sub(o).unwrap_or_default());
            [
                p.name.clone(),
                shown(p.before),
                shown(p.after),
                shown(change),
            ]
        })
        .collect();
    let width = |c: usize| {
        lines
            .iter()
            .map(|l| l[c].chars().count())
            .max()
            .unwrap_or(0)
    };
    let (wb, wa) = (width(1), width(2));
    let mut rows = vec![
        ["partner", "before → after", "change"]
            .map(String::from)
            .to_vec(),
    ];
    for [name, old, new, change] in lines {
        rows.push(vec![name, format!("{old:>wb$} → {new:>wa$}"), change]);
    }
    use Align::{Left, Right};
    text.push_str(&table(&rows, &[Left, Right, Right]));
    done(&text)
}

#[derive(Args)]
pub(super) struct BranchArgs {
    /// The scenario to start from (see pooled list)
    scenario: ScenarioId,
    /// The new scenario's name
    #[arg(long)]
    name: String,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn branch(args: &BranchArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    let view = pooled_api::branch(&mut workspace, args.scenario, &args.name)?;
    done(&format!(
        "Scenario {} \"{}\" is a new draft, branched from scenario {}.\n",
        view.id, view.name, args.scenario
    ))
}

#[derive(Args)]
#[command(group(ArgGroup::new("what").required(true).multiple(true).args(["name", "description"])))]
pub(super) struct DescribeArgs {
    /// The scenario id (see pooled list)
    scenario: ScenarioId,
    /// The new name
    #[arg(long)]
    name: Option<String>,
    /// The new description
    #[arg(long)]
    description: Option<String>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn describe(args: &DescribeArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    let view = pooled_api::describe(
        &mut workspace,
        args.scenario,
        args.name.as_deref(),
        args.description.as_deref(),
    )?;
    let mut text = format!("Scenario {} is named \"{}\".\n", view.id, view.name);
    if !view.description.is_empty() {
        text.push_str(&format!("Description: {}\n", view.description));
    }
    done(&text)
}
