//! Section 5, continued: each contract's value in the year, month by month, on landscape pages.

use super::{Ctx, adds_up};
use crate::ReportError;
use crate::figures::{cast, unit_label};
use crate::fonts::Fonts;
use crate::layout::{Block, Column, Geometry, Orientation, RowKind, Table};
use pooled_core::money::Money;

const MONTHS: [&str; 12] = [
    "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar",
];

/// The monthly profile, on landscape pages: one row per contract, M1 (April) to M12 (March)
/// and the value in the year. When the figures are too wide for one table, the year is shown
/// as two half-year tables, each with its half-year total, so that each still adds up.
pub(super) fn blocks(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let plan = ctx.plan;
    let o = ctx.outcome;
    for c in &o.contracts {
        adds_up(&c.monthly, c.fy_value, "a contract's months")?;
    }
    // Rounded as months (rows, in two halves) by contracts (columns), so that the half-year
    // totals cast as well as the months and the year.
    let by_month: Vec<Vec<Money>> = (0..12)
        .map(|m| o.contracts.iter().map(|c| c.monthly[m]).collect())
        .collect();
    let f = cast(&by_month, &[0..6, 6..12], ctx.units, false)?;
    let unit = unit_label(ctx.units);
    let year_start = plan.year.start_year();
    let table_for = |months: std::ops::Range<usize>, first_half: bool, last_half: bool| {
        let mut columns = vec![Column::text("Contract", 1.0)];
        if first_half {
            columns.push(Column::figure("M1–M6"));
        }
        columns.extend(
            months
                .clone()
                .map(|m| Column::figure(format!("M{} {}", m + 1, MONTHS[m]))),
        );
        if !last_half {
            columns.push(Column::figure(format!(
                "M{}–M{}",
                months.start + 1,
                months.end
            )));
        }
        if months.end == 12 {
            columns.push(Column::figure("Year"));
        }
        let caption = format!(
            "Contract values by month in {} ({unit}), M{} to M{}",
            plan.year,
            months.start + 1,
            months.end
        );
        let mut table = Table::new(columns).caption(caption).size(9.0);
        let line = |label: String,
                    month: &dyn Fn(usize) -> String,
                    half: &dyn Fn(usize) -> String,
                    year: String| {
            let mut row = vec![label];
            if first_half {
                row.push(half(0));
            }
            row.extend(months.clone().map(month));
            if !last_half {
                row.push(half(months.start / 6));
            }
            if months.end == 12 {
                row.push(year);
            }
            row
        };
        for (c, contract) in plan.contracts.iter().enumerate() {
            table.row(
                RowKind::Body,
                line(
                    format!("{} {}", contract.id, contract.name),
                    &|m| f.cells[m][c].clone(),
                    &|h| f.group_cells[h][c].clone(),
                    f.column_totals[c].clone(),
                ),
            );
        }
        table.row(
            RowKind::Total,
            line(
                "Total".to_owned(),
                &|m| f.row_totals[m].clone(),
                &|h| f.group_totals[h].clone(),
                f.grand_total.clone(),
            ),
        );
        table
    };
    // The whole year in one table: no half-year columns.
    let whole = table_for(0..12, false, true);
    let room = Geometry::a4(Orientation::Landscape).content.w;
    // Widths in points, with room to spare for the row labels: geometry, not money.
    #[allow(clippy::float_arithmetic)]
    let fits = Fonts::get().map(|fonts| whole.natural_width(fonts) + 60.0 <= room)?;
    let mut blocks = vec![
        Block::heading(2, format!("Contract values by month, {}", plan.year)),
        Block::para(format!(
            "M1 is April {year_start} and M12 is March {}. Each row adds up to the contract's \
             value in the year; pennies left over when a value is shared by days go to the \
             months with the largest remainders.",
            year_start + 1
        )),
    ];
    if fits {
        blocks.push(Block::Table(whole));
    } else {
        blocks.push(Block::Table(table_for(0..6, false, false)));
        blocks.push(Block::Table(table_for(6..12, true, true)));
    }
    Ok(blocks)
}
