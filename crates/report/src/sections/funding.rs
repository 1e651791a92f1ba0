//! Section 2: what each partner puts in, stream by stream, and how much of it funds schemes.

use super::{Ctx, same};
use crate::ReportError;
use crate::figures::{caption, cast, one_group};
use crate::layout::{Block, Column, RowKind, Table};
use pooled_core::money::Money;

pub(super) fn blocks(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let plan = ctx.plan;
    let mut funded = vec![Money::ZERO; plan.streams.len()];
    for line in plan.schemes.iter().flat_map(|s| &s.funding) {
        if let Some(total) = funded.get_mut(line.stream) {
            *total = total.checked_add(line.amount)?;
        }
    }
    // Streams grouped by partner, in partner order then plan order.
    let mut order = Vec::new();
    let mut groups = Vec::new();
    let mut owners = Vec::new();
    for p in 0..plan.partners.len() {
        let start = order.len();
        order.extend((0..plan.streams.len()).filter(|&k| plan.streams[k].partner == p));
        if order.len() > start {
            groups.push(start..order.len());
            owners.push(p);
        }
    }
    let mut cells = Vec::new();
    for &k in &order {
        let stream = &plan.streams[k];
        cells.push(vec![funded[k], stream.amount.checked_sub(funded[k])?]);
    }
    for (g, &p) in owners.iter().enumerate() {
        let amounts = groups[g].clone().map(|i| plan.streams[order[i]].amount);
        same(
            Money::checked_sum(amounts)?,
            ctx.outcome.partners[p].contribution,
            "a partner's contribution",
        )?;
    }
    let unallocated = Money::checked_sum(cells.iter().map(|c| c[1]))?;
    same(
        unallocated,
        ctx.outcome.totals.unallocated_income,
        "unallocated income",
    )?;
    let income = Money::checked_sum(plan.streams.iter().map(|s| s.amount))?;
    same(income, ctx.outcome.totals.income, "the total pool")?;

    let groups_or_all = if groups.is_empty() {
        one_group(0)
    } else {
        groups.clone()
    };
    let figures = cast(&cells, &groups_or_all, ctx.units, true)?;
    let mut table = Table::new(vec![
        Column::text("Funding stream", 2.0),
        Column::text("Type", 1.3),
        Column::figure("Contribution"),
        Column::figure("Funds schemes"),
        Column::figure("Not allocated"),
    ])
    .caption(caption(
        "Contributions by partner and funding stream",
        ctx.units,
    ));
    for (g, &p) in owners.iter().enumerate() {
        table.row(RowKind::Group, vec![ctx.partner(p).to_owned()]);
        for i in groups[g].clone() {
            let stream = &plan.streams[order[i]];
            table.row(
                RowKind::Body,
                vec![
                    stream.name.clone(),
                    stream.kind.label().to_owned(),
                    figures.row_totals[i].clone(),
                    figures.cells[i][0].clone(),
                    figures.cells[i][1].clone(),
                ],
            );
        }
        table.row(
            RowKind::Subtotal,
            vec![
                format!("Total {}", ctx.partner(p)),
                String::new(),
                figures.group_totals[g].clone(),
                figures.group_cells[g][0].clone(),
                figures.group_cells[g][1].clone(),
            ],
        );
    }
    table.row(
        RowKind::Total,
        vec![
            "Total pool".to_owned(),
            String::new(),
            figures.grand_total.clone(),
            figures.column_totals[0].clone(),
            figures.column_totals[1].clone(),
        ],
    );
    let mut blocks = vec![
        Block::heading(1, "2. Contributions"),
        Block::para(format!(
            "Each partner pays its whole contribution into the pool, including any part not \
             yet allocated to a scheme. Partners other than the host ({}) pay in instalments \
             (section 5).",
            ctx.partner(plan.host)
        )),
    ];
    blocks.push(Block::Table(table));
    Ok(blocks)
}
