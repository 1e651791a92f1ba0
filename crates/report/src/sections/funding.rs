//! Section 2: what each partner puts in, stream by stream, and how much of it funds schemes.

use super::{Ctx, Grouped, adds_up, same};
use crate::ReportError;
use crate::figures::{Line, caption, cast};
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
    let grouped = Grouped::by(plan.partners.len(), plan.streams.len(), |k| {
        plan.streams[k].partner
    });
    let mut cells = Vec::new();
    for &k in &grouped.order {
        let stream = &plan.streams[k];
        cells.push(vec![funded[k], stream.amount.checked_sub(funded[k])?]);
    }
    for (range, &p) in grouped.ranges.iter().zip(&grouped.keys) {
        let amounts: Vec<Money> = range
            .clone()
            .map(|i| plan.streams[grouped.order[i]].amount)
            .collect();
        let contribution = ctx.outcome.partners[p].contribution;
        adds_up(&amounts, contribution, "a partner's contribution")?;
    }
    let unallocated = Money::checked_sum(cells.iter().map(|c| c[1]))?;
    same(
        unallocated,
        ctx.outcome.totals.unallocated_income,
        "unallocated income",
    )?;
    let income = Money::checked_sum(plan.streams.iter().map(|s| s.amount))?;
    same(income, ctx.outcome.totals.income, "the total pool")?;

    let figures = cast(&cells, &grouped.ranges_or_all(), ctx.units, true)?;
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
    for (g, (range, &p)) in grouped.ranges.iter().zip(&grouped.keys).enumerate() {
        table.row(RowKind::Group, vec![ctx.partner(p).to_owned()]);
        for i in range.clone() {
            let stream = &plan.streams[grouped.order[i]];
            let labels = vec![stream.name.clone(), stream.kind.label().to_owned()];
            // The contribution (their total) first.
            table.row(RowKind::Body, figures.labelled(labels, Line::Row(i), 0));
        }
        let labels = vec![format!("Total {}", ctx.partner(p)), String::new()];
        table.row(
            RowKind::Subtotal,
            figures.labelled(labels, Line::Group(g), 0),
        );
    }
    let labels = vec!["Total pool".to_owned(), String::new()];
    table.row(RowKind::Total, figures.labelled(labels, Line::Total, 0));
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
