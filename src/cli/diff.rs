//! `pooled diff`: two scenarios side by side, for a person or as JSON.

use clap::Args;
use pooled_api::{DiffView, ScenarioId};

use super::format::{Align, money, plural, table};
use super::workspace::WorkspaceOpts;
use super::{Outcome, done};

pub(super) const DIFF_HELP: &str = "Examples:\n  pooled diff 1 2\n  pooled diff 1 2 --json > comparison.json\n\n\
    Lists the fields that differ (left → right) in words, each partner's final cost on each side\n\
    and the change, the schemes whose forecast or variance moved, and the pool's total variance.\n\
    Amounts in brackets are negative.";

#[derive(Args)]
pub(super) struct DiffArgs {
    /// The scenario on the left (see pooled list)
    left: ScenarioId,
    /// The scenario on the right
    right: ScenarioId,
    /// Print the comparison as JSON instead
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    opts: WorkspaceOpts,
}

pub(super) fn diff(args: &DiffArgs) -> Outcome {
    let workspace = args.opts.open()?;
    let view = pooled_api::diff(&workspace, args.left, args.right)?;
    if args.json {
        return done(&(serde_json::to_string_pretty(&view.comparison).unwrap_or_default() + "\n"));
    }
    done(&person_report(&view))
}

fn heading(s: &pooled_api::ScenarioSummary) -> String {
    format!(
        "scenario {} \"{}\" ({}, revision {})",
        s.id,
        s.name,
        s.status.as_str(),
        s.revision
    )
}

fn person_report(view: &DiffView) -> String {
    let c = &view.comparison;
    let mut text = format!(
        "Left:  {}\nRight: {}\n",
        heading(&view.left),
        heading(&view.right)
    );
    if c.fields.is_empty() {
        text.push_str("\nThe two plan documents are the same.\n");
    } else {
        text.push_str(&format!(
            "\n{} that differ{}:\n",
            plural(c.fields.len(), "field"),
            if c.fields.len() == 1 { "s" } else { "" }
        ));
        for f in &c.fields {
            text.push_str(&format!("  {}\n", f.text));
        }
    }
    if c.outcome_missing {
        text.push_str("\nOne of the plans has errors, so their outcomes cannot be compared.\n");
        return text;
    }
    let (l, r) = (
        format!("scenario {}", view.left.id),
        format!("scenario {}", view.right.id),
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
        let mut row = vec![view.name(&p.id).to_owned()];
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
            let mut forecast = vec![format!("{} {}", s.id, view.name(&s.id)), "forecast".into()];
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

fn figures(m: &pooled_api::Movement) -> [String; 3] {
    [money(m.left), money(m.right), money(m.change)]
}
