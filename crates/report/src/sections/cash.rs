//! Section 5: cash. The instalments partners pay the host, the contracts and their value in the
//! year month by month, and what each scheme has committed and left uncommitted.

use chrono::NaiveDate;
use pooled_core::dates::parse_iso_date;

use super::{Ctx, adds_up, profile, same};
use crate::ReportError;
use crate::figures::{LAST, Line, caption, cast, one_group};
use crate::layout::{Block, Column, RowKind, Section, SectionFit, Table};
use pooled_core::money::Money;

pub(super) fn sections(ctx: &Ctx) -> Result<Vec<Section>, ReportError> {
    let mut first = vec![Block::heading(1, "5. Cash")];
    first.extend(instalments(ctx)?);
    first.extend(contracts(ctx)?);
    first.extend(commitments(ctx)?);
    let mut sections = vec![Section {
        fit: SectionFit::Portrait,
        new_page: true,
        blocks: first,
    }];
    if !ctx.plan.contracts.is_empty() {
        sections.push(Section {
            fit: SectionFit::Landscape,
            new_page: true,
            blocks: profile::blocks(ctx)?,
        });
    }
    Ok(sections)
}

fn short_date(date: NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

fn instalments(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let o = ctx.outcome;
    let mut blocks = vec![Block::heading(2, "Instalments")];
    if o.instalments.is_empty() {
        blocks.push(Block::para(
            "No partner other than the host contributes, so no instalments are due.",
        ));
        return Ok(blocks);
    }
    blocks.push(Block::para(format!(
        "Each partner other than the host pays its whole contribution to {} in {} \
         instalment{}, due on the first of the month; odd pennies fall on the earliest \
         instalments.",
        ctx.partner(ctx.plan.host),
        ctx.plan.instalments,
        if ctx.plan.instalments == 1 { "" } else { "s" }
    )));
    let mut payers: Vec<usize> = Vec::new();
    let mut dates: Vec<&str> = Vec::new();
    for i in &o.instalments {
        if let Some(p) = ctx.partner_index(&i.partner)
            && !payers.contains(&p)
        {
            payers.push(p);
        }
        if !dates.contains(&i.due.as_str()) {
            dates.push(&i.due);
        }
    }
    dates.sort_unstable();
    let mut cells = vec![vec![Money::ZERO; payers.len()]; dates.len()];
    for i in &o.instalments {
        let (Some(p), Some(d)) = (
            ctx.partner_index(&i.partner)
                .and_then(|p| payers.iter().position(|q| *q == p)),
            dates.iter().position(|d| *d == i.due),
        ) else {
            return Err(ReportError::Inconsistent(
                "an instalment names no partner".to_owned(),
            ));
        };
        cells[d][p] = cells[d][p].checked_add(i.amount)?;
    }
    for (c, &p) in payers.iter().enumerate() {
        let paid = Money::checked_sum(cells.iter().map(|r| r[c]))?;
        same(paid, o.partners[p].contribution, "a partner's instalments")?;
    }
    let figures = cast(&cells, &one_group(cells.len()), ctx.units, true)?;
    let mut columns = vec![Column::text("Due", 1.0)];
    columns.extend(payers.iter().map(|&p| Column::figure(ctx.partner(p))));
    columns.push(Column::figure("Total"));
    let mut table = Table::new(columns).caption(caption("Instalment schedule", ctx.units));
    for (d, date) in dates.iter().enumerate() {
        let label = parse_iso_date(date).map_or_else(
            || (*date).to_owned(),
            |day| {
                let month = (day.format("%m").to_string().parse::<u32>().unwrap_or(4) + 8) % 12 + 1;
                format!("{} (M{month})", crate::long_date(day))
            },
        );
        table.row(
            RowKind::Body,
            figures.labelled(vec![label], Line::Row(d), LAST),
        );
    }
    table.row(
        RowKind::Total,
        figures.labelled(vec!["Total".to_owned()], Line::Total, LAST),
    );
    blocks.push(Block::Table(table));
    Ok(blocks)
}

fn contracts(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let plan = ctx.plan;
    let mut blocks = vec![Block::heading(2, "Contracts")];
    if plan.contracts.is_empty() {
        blocks.push(Block::para("The plan lists no provider contracts."));
        return Ok(blocks);
    }
    blocks.push(Block::para(format!(
        "A contract's value is for its whole period. The part that falls in {} is shared \
         between the financial years and then the months it covers by the number of its days \
         in each; the monthly profile follows on its own page.",
        plan.year
    )));
    let cells: Vec<Vec<Money>> = plan.contracts.iter().map(|c| vec![c.value]).collect();
    let figures = cast(&cells, &one_group(cells.len()), ctx.units, true)?;
    let mut table = Table::new(vec![
        Column::short("Contract"),
        Column::text("Name", 1.6),
        Column::text("Provider", 1.2),
        Column::short("Scheme"),
        Column::short("Start"),
        Column::short("End"),
        Column::figure("Whole value"),
    ])
    .caption(caption("Provider contracts", ctx.units));
    for (i, c) in plan.contracts.iter().enumerate() {
        table.row(
            RowKind::Body,
            vec![
                c.id.clone(),
                c.name.clone(),
                c.provider
                    .clone()
                    .unwrap_or_else(|| "Not yet known".to_owned()),
                plan.schemes
                    .get(c.scheme)
                    .map_or_else(String::new, |s| s.id.clone()),
                short_date(c.start),
                short_date(c.end),
                figures.cells[i][0].clone(),
            ],
        );
    }
    let mut total = vec!["Total".to_owned()];
    total.extend((0..5).map(|_| String::new()));
    total.push(figures.grand_total.clone());
    table.row(RowKind::Total, total);
    blocks.push(Block::Table(table));
    Ok(blocks)
}

fn commitments(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let plan = ctx.plan;
    let o = ctx.outcome;
    let mut cells = Vec::new();
    for s in &o.schemes {
        adds_up(
            &[s.committed, s.uncommitted],
            s.budget,
            "a scheme's commitments",
        )?;
        cells.push(vec![s.committed, s.uncommitted]);
    }
    let figures = cast(&cells, &one_group(cells.len()), ctx.units, true)?;
    let mut table = Table::new(vec![
        Column::short("Scheme"),
        Column::text("Name", 2.0),
        Column::figure("Budget"),
        Column::figure("Committed"),
        Column::figure("Uncommitted"),
    ])
    .caption(caption("Committed and uncommitted by scheme", ctx.units));
    for (i, scheme) in plan.schemes.iter().enumerate() {
        let labels = vec![scheme.id.clone(), scheme.name.clone()];
        table.row(RowKind::Body, figures.labelled(labels, Line::Row(i), 0));
    }
    let labels = vec![String::new(), "Total".to_owned()];
    table.row(RowKind::Total, figures.labelled(labels, Line::Total, 0));
    Ok(vec![
        Block::heading(2, "Commitments"),
        Block::para(format!(
            "A scheme's committed amount is the value in {} of its contracts; the rest of its \
             budget is uncommitted. A negative uncommitted amount (in brackets) means the \
             contracts cost more than the budget.",
            plan.year
        )),
        Block::Table(table),
    ])
}
