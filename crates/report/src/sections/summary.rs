//! Section 1: the pool in brief, each partner's position, and the settlement.

use super::{Ctx, adds_up};
use crate::ReportError;
use crate::figures::{LAST, Line, caption, cast, one_group};
use crate::layout::{Block, Column, RowKind, Table};
use pooled_core::money::Money;

pub(super) fn blocks(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let o = ctx.outcome;
    let t = &o.totals;
    let year = ctx.plan.year;
    let mut blocks = vec![Block::heading(1, "1. Summary")];

    let direction = if t.variance.is_positive() {
        "a forecast overspend"
    } else if t.variance.is_negative() {
        "a forecast underspend"
    } else {
        "no forecast variance"
    };
    let mut overview = format!(
        "The pool holds {} from {} in {year}. Its schemes have a budget of {} and a forecast \
         outturn of {}: {direction} of {}.",
        t.income.to_uk(),
        partners_phrase(ctx.plan.partners.len()),
        t.budget.to_uk(),
        t.forecast.to_uk(),
        t.variance.to_uk()
    );
    if t.unallocated_income.is_positive() {
        overview.push_str(&format!(
            " {} of income is not allocated to any scheme.",
            t.unallocated_income.to_uk()
        ));
    }
    if t.uncovered.is_positive() {
        overview.push_str(&format!(
            " {} of the overspend falls to no partner (uncovered).",
            t.uncovered.to_uk()
        ));
    }
    if t.carried_forward.is_positive() {
        overview.push_str(&format!(
            " {} of underspend stays in the pool and is carried forward.",
            t.carried_forward.to_uk()
        ));
    }
    blocks.push(Block::para(overview));

    // Contribution + share of overspend − share of underspend = final cost, partner by partner.
    let mut cells = Vec::new();
    for p in &o.partners {
        let returned = p.underspend_share.checked_neg()?;
        let row = vec![p.contribution, p.overspend_share, returned];
        adds_up(&row, p.final_cost, "final cost")?;
        cells.push(row);
    }
    let figures = cast(&cells, &one_group(cells.len()), ctx.units, true)?;
    let mut table = Table::new(vec![
        Column::text("Partner", 1.6),
        Column::figure("Contribution"),
        Column::figure("Share of overspend"),
        Column::figure("Share of underspend"),
        Column::figure("Final cost"),
    ])
    .caption(caption("Each partner's position", ctx.units));
    for (i, _) in o.partners.iter().enumerate() {
        let labels = vec![ctx.partner(i).to_owned()];
        table.row(RowKind::Body, figures.labelled(labels, Line::Row(i), LAST));
    }
    table.row(
        RowKind::Total,
        figures.labelled(vec!["Total".to_owned()], Line::Total, LAST),
    );
    blocks.push(Block::Table(table));
    blocks.push(Block::note(
        "Final cost = contribution + share of overspend − share of underspend (an underspend \
         returned is shown in brackets). Section 4 shows how each share was worked out.",
    ));

    blocks.push(Block::heading(2, "Settlement"));
    if o.settlement.is_empty() {
        blocks.push(Block::para(
            "No payments between the partners are needed to settle the risk share.",
        ));
    } else {
        for transfer in &o.settlement {
            blocks.push(Block::strong(format!(
                "{} pays {} {}.",
                ctx.partner_by_id(&transfer.from),
                ctx.partner_by_id(&transfer.to),
                transfer.amount.to_uk()
            )));
        }
        blocks.push(Block::note(
            "The host of each risk-share unit holds its money, so each other partner pays the \
             host its share of an overspend and receives its share of an underspend; these \
             amounts are netted for each pair of partners. Contributions themselves are paid \
             in instalments (section 5).",
        ));
    }
    let finals = Money::checked_sum(o.partners.iter().map(|p| p.final_cost))?;
    blocks.push(Block::note(format!(
        "Check: the final costs add up to {}, which is the total pool {} plus the variance {}, \
         less {} uncovered, plus {} carried forward.",
        finals.to_uk(),
        t.income.to_uk(),
        t.variance.to_uk(),
        t.uncovered.to_uk(),
        t.carried_forward.to_uk()
    )));
    Ok(blocks)
}

fn partners_phrase(n: usize) -> String {
    match n {
        1 => "one partner".to_owned(),
        2 => "two partners".to_owned(),
        3 => "three partners".to_owned(),
        n => format!("{n} partners"),
    }
}
