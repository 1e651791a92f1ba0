//! Section 3: every scheme's budget, forecast outturn and variance, by risk-share group.

use super::{Ctx, same};
use crate::ReportError;
use crate::figures::{caption, cast, one_group};
use crate::layout::{Block, Column, RowKind, Table};

pub(super) fn blocks(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let plan = ctx.plan;
    let outcome = ctx.outcome;
    let mut order = Vec::new();
    let mut groups = Vec::new();
    let mut named = Vec::new();
    for (g, group) in plan.groups.iter().enumerate() {
        let start = order.len();
        order.extend((0..plan.schemes.len()).filter(|&s| plan.schemes[s].group == g));
        if order.len() > start {
            groups.push(start..order.len());
            named.push(group);
        }
    }
    // Budget + variance = forecast, scheme by scheme.
    let mut cells = Vec::new();
    for &s in &order {
        let o = &outcome.schemes[s];
        same(
            o.budget.checked_add(o.variance)?,
            o.forecast,
            "a scheme's forecast",
        )?;
        cells.push(vec![o.budget, o.variance]);
    }
    same(
        outcome.totals.budget.checked_add(outcome.totals.variance)?,
        outcome.totals.forecast,
        "the total forecast",
    )?;
    let groups_or_all = if groups.is_empty() {
        one_group(0)
    } else {
        groups.clone()
    };
    let figures = cast(&cells, &groups_or_all, ctx.units, true)?;
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
    for (g, group) in named.iter().enumerate() {
        table.row(
            RowKind::Group,
            vec![format!("{} (group {})", group.name, group.id)],
        );
        for i in groups[g].clone() {
            let scheme = &plan.schemes[order[i]];
            table.row(
                RowKind::Body,
                vec![
                    scheme.id.clone(),
                    scheme.name.clone(),
                    scheme.scheme_type.label().to_owned(),
                    scheme.area_of_spend.label().to_owned(),
                    ctx.commissioner(scheme),
                    figures.cells[i][0].clone(),
                    figures.row_totals[i].clone(),
                    figures.cells[i][1].clone(),
                ],
            );
        }
        table.row(
            RowKind::Subtotal,
            vec![
                String::new(),
                format!("Total {}", group.name),
                String::new(),
                String::new(),
                String::new(),
                figures.group_cells[g][0].clone(),
                figures.group_totals[g].clone(),
                figures.group_cells[g][1].clone(),
            ],
        );
    }
    table.row(
        RowKind::Total,
        vec![
            String::new(),
            "Total".to_owned(),
            String::new(),
            String::new(),
            String::new(),
            figures.column_totals[0].clone(),
            figures.grand_total.clone(),
            figures.column_totals[1].clone(),
        ],
    );
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
