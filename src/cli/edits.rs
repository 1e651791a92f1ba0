//! Changing drafts: `pooled set`, `insert` and `remove` (one edit each, at the scenario's
//! current revision), `branch` and `describe`.

use clap::{ArgGroup, Args};

use super::format::{Align, money, table, value};
use super::workspace::WorkspaceOpts;
use super::{Failure, Outcome, done};
use crate::assess::Assessment;
use crate::money::Money;
use crate::plan::edit::{Edit, EditKind, JsonPath, exact_value};
use crate::store::Workspace;

pub(super) const SET_HELP: &str = "Examples:\n  pooled set 2 schemes[0].forecast 5000000.01 --reason \"M6 forecast from the provider\"\n  pooled set 2 schemes[3].name \"Carers' breaks and respite\"\n\n\
    Amounts are pounds and pence as in the plan file (1250000.50). Prints the new revision and how\n\
    each partner's final cost moved. Agreed scenarios can never be changed: branch them first.";
pub(super) const INSERT_HELP: &str = "Example:\n  pooled insert 2 schemes[1].funding[1] '{\"stream\": \"ibcf\", \"amount\": \"25000.00\"}' --reason \"Winter money\"\n\n\
    The position may be the list's length, to append. VALUE is JSON; numbers keep their exact digits.";
pub(super) const REMOVE_HELP: &str =
    "Example:\n  pooled remove 2 schemes[1].funding[1] --reason \"Winter money withdrawn\"";
pub(super) const BRANCH_HELP: &str = "Example:\n  pooled branch 1 --name \"M6 forecast\"\n\n\
    Prints the new scenario's id. Branching is how work continues from an agreed version.";
pub(super) const DESCRIBE_HELP: &str = "Example:\n  pooled describe 2 --name \"M6 forecast\" --description \"Provider returns for month 6\"";

#[derive(Args)]
pub(super) struct ValueEditArgs {
    /// The scenario id (see pooled list)
    scenario: i64,
    /// Where in the plan, e.g. schemes[0].forecast
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
    scenario: i64,
    /// The field or list item to remove, e.g. schemes[1].funding[1]
    path: String,
    /// Why, for the audit trail
    #[arg(long)]
    reason: Option<String>,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn set(args: &ValueEditArgs, kind: EditKind) -> Outcome {
    let edit = Edit {
        kind,
        path: JsonPath::parse(&args.path).map_err(crate::store::StoreError::from)?,
        value: Some(exact_value(&args.value)),
    };
    apply(&args.opts, args.scenario, edit, args.reason.as_deref())
}

pub(super) fn remove(args: &RemoveArgs) -> Outcome {
    let edit = Edit {
        kind: EditKind::Remove,
        path: JsonPath::parse(&args.path).map_err(crate::store::StoreError::from)?,
        value: None,
    };
    apply(&args.opts, args.scenario, edit, args.reason.as_deref())
}

/// Makes one edit at the revision just read, then shows what it did to each partner.
fn apply(opts: &WorkspaceOpts, id: i64, edit: Edit, reason: Option<&str>) -> Outcome {
    let mut workspace = opts.open()?;
    let before = workspace.scenario(id)?;
    let costs_before = final_costs(&workspace, id)?;
    let revision = workspace.edit(id, before.revision, &[edit], reason)?;
    let costs_after = final_costs(&workspace, id)?;
    let after = workspace.scenario(id)?;

    let mut text = format!(
        "Scenario {id} \"{}\" is now at revision {revision}.\n",
        after.name
    );
    if let Some(change) = workspace.changes(id)?.last() {
        let op = match change.op {
            EditKind::Set => "set",
            EditKind::Insert => "insert",
            EditKind::Remove => "remove",
        };
        text.push_str(&format!(
            "  {op} {}: {} → {}",
            change.path,
            value(change.before.as_ref()),
            value(change.after.as_ref())
        ));
        if let Some(reason) = &change.reason {
            text.push_str(&format!(" (reason: {reason})"));
        }
        text.push('\n');
    }
    text.push_str("\nFinal cost by partner:\n");
    let removed = before.document.partners.iter();
    let partners = after
        .document
        .partners
        .iter()
        .chain(removed.filter(|p| !after.document.partners.iter().any(|q| q.id == p.id)));
    let cost =
        |costs: &[(String, Money)], id: &str| costs.iter().find(|(p, _)| p == id).map(|(_, m)| *m);
    let shown = |m: Option<Money>| m.map_or_else(|| "-".to_owned(), money);
    let lines: Vec<(String, String, String, String)> = partners
        .map(|p| {
            let (old, new) = (cost(&costs_before, &p.id), cost(&costs_after, &p.id));
            let change = old
                .zip(new)
                .map(|(o, n)| n.checked_sub(o).unwrap_or_default());
            (p.name.clone(), shown(old), shown(new), shown(change))
        })
        .collect();
    let width = |f: fn(&(String, String, String, String)) -> &String| {
        lines
            .iter()
            .map(|l| f(l).chars().count())
            .max()
            .unwrap_or(0)
    };
    let (wb, wa) = (width(|l| &l.1), width(|l| &l.2));
    let mut rows = vec![
        ["partner", "before → after", "change"]
            .map(String::from)
            .to_vec(),
    ];
    for (name, old, new, change) in lines {
        rows.push(vec![name, format!("{old:>wb$} → {new:>wa$}"), change]);
    }
    use Align::{Left, Right};
    text.push_str(&table(&rows, &[Left, Right, Right]));
    done(&text)
}

/// Each partner's final cost, by id; none when the plan cannot be evaluated.
fn final_costs(workspace: &Workspace, id: i64) -> Result<Vec<(String, Money)>, Failure> {
    Ok(match workspace.assessment(id)? {
        Assessment::Evaluated(outcome) => outcome
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.final_cost))
            .collect(),
        Assessment::Rejected(_) => Vec::new(),
    })
}

#[derive(Args)]
pub(super) struct BranchArgs {
    /// The scenario to start from (see pooled list)
    scenario: i64,
    /// The new scenario's name
    #[arg(long)]
    name: String,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn branch(args: &BranchArgs) -> Outcome {
    let mut workspace = args.opts.open()?;
    let id = workspace.branch(args.scenario, &args.name)?;
    done(&format!(
        "Scenario {id} \"{}\" is a new draft, branched from scenario {}.\n",
        args.name, args.scenario
    ))
}

#[derive(Args)]
#[command(group(ArgGroup::new("what").required(true).multiple(true).args(["name", "description"])))]
pub(super) struct DescribeArgs {
    /// The scenario id (see pooled list)
    scenario: i64,
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
    workspace.describe(
        args.scenario,
        args.name.as_deref(),
        args.description.as_deref(),
    )?;
    let scenario = workspace.scenario(args.scenario)?;
    let mut text = format!("Scenario {} is named \"{}\".\n", scenario.id, scenario.name);
    if !scenario.description.is_empty() {
        text.push_str(&format!("Description: {}\n", scenario.description));
    }
    done(&text)
}
