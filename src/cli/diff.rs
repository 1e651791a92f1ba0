//! `pooled diff`: two scenarios side by side, for a person or as JSON.

use clap::Args;

use super::format::{Align, money, plural, table, value};
use super::workspace::WorkspaceOpts;
use super::{Outcome, done};
use crate::compare::{Comparison, Movement, compare};
use crate::plan::PlanDocument;
use crate::store::Scenario;

pub(super) const DIFF_HELP: &str = "Examples:\n  pooled diff 1 2\n  pooled diff 1 2 --json > comparison.json\n\n\
    Lists the fields that differ (left → right), each partner's final cost on each side and the\n\
    change, the schemes whose forecast or variance moved, and the pool's total variance.\n\
    Amounts in brackets are negative.";

#[derive(Args)]
pub(super) struct DiffArgs {
    /// The scenario on the left (see pooled list)
    left: i64,
    /// The scenario on the right
    right: i64,
    /// Print the comparison as JSON instead
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn diff(args: &DiffArgs) -> Outcome {
    let workspace = args.opts.open()?;
    let (left, right) = (
        workspace.scenario(args.left)?,
        workspace.scenario(args.right)?,
    );
    let comparison = compare(&left.document, &right.document);
    if args.json {
        return done(&(serde_json::to_string_pretty(&comparison).unwrap_or_default() + "\n"));
    }
    done(&person_report(&left, &right, &comparison))
}

fn heading(s: &Scenario) -> String {
    format!(
        "scenario {} \"{}\" ({}, revision {})",
        s.id,
        s.name,
        s.status.as_str(),
        s.revision
    )
}

fn person_report(left: &Scenario, right: &Scenario, c: &Comparison) -> String {
    let mut text = format!("Left:  {}\nRight: {}\n", heading(left), heading(right));
    if c.fields.is_empty() {
        text.push_str("\nThe two plan documents are the same.\n");
    } else {
        text.push_str(&format!(
            "\n{} that differ{}:\n",
            plural(c.fields.len(), "field"),
            if c.fields.len() == 1 { "s" } else { "" }
        ));
        for f in &c.fields {
            text.push_str(&format!(
                "  {}: {} → {}\n",
                f.path,
                value(f.left.as_ref()),
                value(f.right.as_ref())
            ));
        }
    }
    if c.outcome_missing {
        text.push_str("\nOne of the plans has errors, so their outcomes cannot be compared.\n");
        return text;
    }
    let (l, r) = (
        format!("scenario {}", left.id),
        format!("scenario {}", right.id),
    );
    use Align::{Left, Right};

    text.push_str("\nFinal cost by partner:\n");
    let mut rows = vec![vec![
        "partner".to_owned(),
        l.clone(),
        r.clone(),
        "change".into(),
    ]];
    for p in &c.partners {
        let mut row = vec![partner_name(&right.document, &p.id)];
        row.extend(figures(&p.final_cost));
        rows.push(row);
    }
    text.push_str(&table(&rows, &[Left, Right, Right, Right]));

    let moved: Vec<_> = c
        .schemes
        .iter()
        .filter(|s| !s.forecast.change.is_zero() || !s.variance.change.is_zero())
        .collect();
    if moved.is_empty() {
        text.push_str("\nNo scheme's forecast or variance moved.\n");
    } else {
        text.push_str("\nSchemes that moved:\n");
        let mut rows = vec![vec![
            "scheme".to_owned(),
            String::new(),
            l,
            r,
            "change".into(),
        ]];
        for s in moved {
            let mut forecast = vec![scheme_name(&right.document, &s.id), "forecast".into()];
            forecast.extend(figures(&s.forecast));
            let mut variance = vec![String::new(), "variance".into()];
            variance.extend(figures(&s.variance));
            rows.extend([forecast, variance]);
        }
        text.push_str(&table(&rows, &[Left, Left, Right, Right, Right]));
    }
    if let Some(v) = &c.variance {
        text.push_str(&format!(
            "\nTotal variance: {} → {} (change {})\n",
            money(v.left),
            money(v.right),
            money(v.change)
        ));
    }
    text
}

fn figures(m: &Movement) -> [String; 3] {
    [money(m.left), money(m.right), money(m.change)]
}

fn partner_name(document: &PlanDocument, id: &str) -> String {
    document
        .partners
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_owned(), |p| p.name.clone())
}

fn scheme_name(document: &PlanDocument, id: &str) -> String {
    document
        .schemes
        .iter()
        .find(|s| s.id == id)
        .map_or_else(|| id.to_owned(), |s| format!("{id} {}", s.name))
}
