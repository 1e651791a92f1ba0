//! Section 1: the pool in brief, each partner's position, and the settlement.

use super::{Ctx, adds_up};
use crate::ReportError;
use crate::figures::{LAST, Line, caption, cast, one_group};
use crate::layout::{Block, Column, RowKind, Table};
use pooled_core::money::Money;
use pooled_core::unit_reading::{
    FlowKind, aligned_sentences, flow_sentence, net_flows, netting_sums, settlement_flows,
};

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
    if let (Some(drawn), Some(closing)) = (t.reserve_drawn, t.closing_reserve) {
        if drawn.is_zero() {
            overview.push_str(&format!(
                " No reserve brought forward is drawn on; the reserves close at {}.",
                closing.to_uk()
            ));
        } else {
            overview.push_str(&format!(
                " {} of the overspend is met from reserves brought forward; the reserves close \
                 at {}.",
                drawn.to_uk(),
                closing.to_uk()
            ));
        }
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
    let aligned = aligned_sentences(ctx.plan, o);
    if o.settlement.is_empty() {
        blocks.push(Block::para(
            "No payments between the partners are needed to settle the risk share.",
        ));
        blocks.extend(aligned.into_iter().map(Block::para));
    } else {
        for transfer in &o.settlement {
            blocks.push(Block::strong(format!(
                "{} pays {} {}.",
                ctx.partner_by_id(&transfer.from),
                ctx.partner_by_id(&transfer.to),
                transfer.amount.to_uk()
            )));
        }
        blocks.extend(aligned.into_iter().map(Block::para));
        blocks.push(Block::note(
            "The host of each risk-share unit holds its money, so each other partner pays the \
             host its share of an overspend and receives its share of an underspend; these \
             amounts are netted for each pair of partners. Contributions themselves are paid \
             in instalments (section 5).",
        ));
    }
    blocks.extend(flows(ctx)?);
    let finals = Money::checked_sum(o.partners.iter().map(|p| p.final_cost))?;
    let reserve = match t.reserve_drawn {
        Some(drawn) => format!(", less {} drawn from reserves", drawn.to_uk()),
        None => String::new(),
    };
    blocks.push(Block::note(format!(
        "Check: the final costs add up to {}, which is the total pool {} plus the variance {}, \
         less {} uncovered, plus {} carried forward{reserve}.",
        finals.to_uk(),
        t.income.to_uk(),
        t.variance.to_uk(),
        t.uncovered.to_uk(),
        t.carried_forward.to_uk()
    )));
    Ok(blocks)
}

/// When netting moves money, every flow behind the transfers, unit by unit: each share owed to
/// or by a unit's host and each netting between hosts, which netted per pair of partners are
/// the transfers above.
fn flows(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let (plan, o) = (ctx.plan, ctx.outcome);
    let flows = settlement_flows(plan, o)?;
    if !flows.iter().any(|f| f.kind == FlowKind::Netting) {
        return Ok(Vec::new());
    }
    let netted = net_flows(&flows)?;
    let same_transfers = netted.len() == o.settlement.len()
        && netted.iter().zip(&o.settlement).all(|(&(a, b, m), t)| {
            plan.partners[a].id == t.from && plan.partners[b].id == t.to && m == t.amount
        });
    if !same_transfers {
        return Err(ReportError::Inconsistent(
            "the settlement's flows do not net to its transfers".to_owned(),
        ));
    }
    let mut blocks = vec![
        Block::heading(3, "How the transfers are made up"),
        Block::para(format!(
            "Netting moves money between the pools' hosts: an underspend that covers an \
             overspend in another pool passes from the host of the pool that underspent to the \
             host of the pool that overspent, through {}, the plan's host, which receives the \
             contributions. Each flow is below; added up for each pair of partners (a flow the \
             other way taken off), they are the transfers above.",
            ctx.partner(plan.host)
        )),
    ];
    for flow in &flows {
        blocks.push(Block::para(flow_sentence(plan, o, flow)));
    }
    for sentence in netting_sums(plan, &flows)? {
        blocks.push(Block::strong(sentence));
    }
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
