//! Section 3: every scheme's budget, forecast outturn and variance, by risk-share group.

use super::{Ctx, Grouped, adds_up};
use crate::ReportError;
use crate::figures::{Line, caption, cast};
use crate::layout::{Block, Column, RowKind, Table};

pub(super) fn blocks(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let plan = ctx.plan;
    let outcome = ctx.outcome;
    let grouped = Grouped::by(plan.groups.len(), plan.schemes.len(), |s| {
        plan.schemes[s].group
    });
    // Budget + variance = forecast, scheme by scheme.
    let mut cells = Vec::new();
    for &s in &grouped.order {
        let o = &outcome.schemes[s];
        adds_up(&[o.budget, o.variance], o.forecast, "a scheme's forecast")?;
        cells.push(vec![o.budget, o.variance]);
    }
    let totals = &outcome.totals;
    adds_up(
        &[totals.budget, totals.variance],
        totals.forecast,
        "the total forecast",
    )?;
    let figures = cast(&cells, &grouped.ranges_or_all(), ctx.units, true)?;
    let mut table = Table::new(vec![
        Column::short("Scheme"),
        Column::text("Name", 1.7),
        Column::text("Type", 1.3),
        Column::text("Area of spend", 0.8),
        Column::text("Commissioner", 1.5),
        Column::figure("Budget"),
        Column::figure("Forecast"),
        Column::figure("Variance"),
    ])
    .caption(caption(
        "Expenditure by scheme, grouped by risk-share group",
        ctx.units,
    ));
    for (g, range) in grouped.ranges.iter().enumerate() {
        let group = &plan.groups[grouped.keys[g]];
        table.row(
            RowKind::Group,
            vec![format!("{} (group {})", group.name, group.id)],
        );
        for i in range.clone() {
            let scheme = &plan.schemes[grouped.order[i]];
            let labels = vec![
                scheme.id.clone(),
                scheme.name.clone(),
                scheme.scheme_type.label().to_owned(),
                scheme.area_of_spend.label().to_owned(),
                ctx.commissioner(scheme),
            ];
            // Budget, then forecast (their total), then variance.
            table.row(RowKind::Body, figures.labelled(labels, Line::Row(i), 1));
        }
        let labels = total_labels(format!("Total {}", group.name));
        table.row(
            RowKind::Subtotal,
            figures.labelled(labels, Line::Group(g), 1),
        );
    }
    let labels = total_labels("Total".to_owned());
    table.row(RowKind::Total, figures.labelled(labels, Line::Total, 1));
    Ok(vec![
        Block::heading(1, "3. Expenditure"),
        Block::para(
            "Each scheme's budget is the sum of its funding lines; its variance is the forecast \
             outturn less the budget, an overspend when positive and an underspend (in brackets) \
             when negative. Schemes are grouped by the risk-share group whose rules share their \
             variance (section 4).",
        ),
        Block::Table(table),
    ])
}

/// The label cells of a total row: its words under the scheme's name.
fn total_labels(words: String) -> Vec<String> {
    vec![
        String::new(),
        words,
        String::new(),
        String::new(),
        String::new(),
    ]
}
