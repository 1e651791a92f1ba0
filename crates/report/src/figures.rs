//! Figures as printed: pounds and pence, or whole £000 rounded so each table casts.

use std::ops::Range;

use super::thousands::{THOUSAND, Totalled, controlled_round};
use super::{ReportError, Units};
use pooled_core::money::Money;

/// `£1,234,567.89`, negatives `(£1,500.00)`.
pub fn pounds(amount: Money) -> String {
    amount.to_uk()
}

/// `1,234,567.89`, negatives `(1,500.00)`: for tables whose header says £.
pub fn plain(amount: Money) -> String {
    amount.to_uk().replacen('£', "", 1)
}

/// The row groups of a table without groups: all its rows in one.
pub fn one_group(rows: usize) -> Vec<Range<usize>> {
    std::iter::once(0..rows).collect()
}

/// Whole units with thousands separators, negatives in brackets: `1,235`, `(12)`, `0`.
pub fn whole(units: i64) -> String {
    let digits = units.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if units < 0 {
        format!("({grouped})")
    } else {
        grouped
    }
}

/// The words for a table's unit, for its caption or column header.
pub fn unit_label(units: Units) -> &'static str {
    match units {
        Units::Pounds => "£",
        Units::Thousands => "£000",
    }
}

/// A table's caption, saying £000 when the figures are in thousands (in pounds each figure
/// carries its £).
pub fn caption(text: &str, units: Units) -> String {
    match units {
        Units::Pounds => text.to_owned(),
        Units::Thousands => format!("{text} (£000)"),
    }
}

/// A table of figures with its totals, ready to print. In pounds every figure is exact and
/// every total is the exact sum; in £000 they are rounded together so that every row and
/// column adds up as printed.
pub type Cast = Totalled<String>;

/// Where a line's total goes when it comes after all its figures.
pub const LAST: usize = usize::MAX;

/// Which line of a cast table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// A row of the table.
    Row(usize),
    /// A group's subtotal.
    Group(usize),
    /// The table's totals.
    Total,
}

impl Totalled<String> {
    /// A line's figures in column order, with its total placed `total_at` columns in (the
    /// number of columns puts it last).
    pub fn line(&self, which: Line, total_at: usize) -> Vec<String> {
        let (cells, total) = match which {
            Line::Row(i) => (&self.cells[i], &self.row_totals[i]),
            Line::Group(g) => (&self.group_cells[g], &self.group_totals[g]),
            Line::Total => (&self.column_totals, &self.grand_total),
        };
        let mut line = cells.clone();
        line.insert(total_at.min(line.len()), total.clone());
        line
    }

    /// `labels` followed by the line's figures, the total `total_at` columns in ([`LAST`]
    /// for last): a whole table row.
    pub fn labelled(&self, labels: Vec<String>, which: Line, total_at: usize) -> Vec<String> {
        let mut row = labels;
        row.extend(self.line(which, total_at));
        row
    }
}

/// Prepares a table: `symbol` puts £ on each figure in pounds (tables whose header does not
/// say £). `groups` are consecutive row ranges covering every row; pass one range for none.
pub fn cast(
    cells: &[Vec<Money>],
    groups: &[Range<usize>],
    units: Units,
    symbol: bool,
) -> Result<Cast, ReportError> {
    match units {
        Units::Pounds => {
            let show = |m: &Money| if symbol { pounds(*m) } else { plain(*m) };
            Ok(exact_totals(cells, groups)?.map(show))
        }
        Units::Thousands => {
            let pence: Vec<Vec<i64>> = cells
                .iter()
                .map(|r| r.iter().map(|m| m.pence()).collect())
                .collect();
            Ok(controlled_round(&pence, groups, THOUSAND)?.map(|u| whole(*u)))
        }
    }
}

/// The table with its totals as exact sums.
fn exact_totals(
    cells: &[Vec<Money>],
    groups: &[Range<usize>],
) -> Result<Totalled<Money>, ReportError> {
    let cols = cells.first().map_or(0, Vec::len);
    let sum = |it: &mut dyn Iterator<Item = Money>| Money::checked_sum(it);
    let row_totals = cells
        .iter()
        .map(|row| sum(&mut row.iter().copied()))
        .collect::<Result<Vec<_>, _>>()?;
    let mut group_cells = Vec::new();
    let mut group_totals = Vec::new();
    for g in groups {
        let line = (0..cols)
            .map(|j| sum(&mut g.clone().map(|i| cells[i][j])))
            .collect::<Result<Vec<_>, _>>()?;
        group_cells.push(line);
        group_totals.push(sum(&mut g.clone().flat_map(|i| cells[i].iter().copied()))?);
    }
    let column_totals = (0..cols)
        .map(|j| sum(&mut cells.iter().map(|r| r[j])))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Totalled {
        cells: cells.to_vec(),
        row_totals,
        group_cells,
        group_totals,
        column_totals,
        grand_total: sum(&mut cells.iter().flatten().copied())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pence: i64) -> Money {
        Money::from_pence(pence)
    }

    #[test]
    fn formats() {
        assert_eq!(plain(m(-150_000)), "(1,500.00)");
        assert_eq!(plain(m(123_456_789)), "1,234,567.89");
        assert_eq!(whole(1_234_567), "1,234,567");
        assert_eq!(whole(-12), "(12)");
        assert_eq!(whole(0), "0");
    }

    #[test]
    fn pounds_tables_are_exact_sums() {
        let cells = vec![vec![m(100), m(-50)], vec![m(1), m(2)]];
        let c = cast(&cells, &[0..1, 1..2], Units::Pounds, true).unwrap();
        assert_eq!(c.row_totals, ["£0.50", "£0.03"]);
        assert_eq!(c.column_totals, ["£1.01", "(£0.48)"]);
        assert_eq!(c.group_totals, ["£0.50", "£0.03"]);
        assert_eq!(c.grand_total, "£0.53");
    }

    #[test]
    fn lines_put_the_total_where_the_table_has_it() {
        let cells = vec![vec![m(100), m(-50)], vec![m(1), m(2)]];
        let c = cast(&cells, &[0..1, 1..2], Units::Pounds, true).unwrap();
        assert_eq!(c.line(Line::Row(1), 0), ["£0.03", "£0.01", "£0.02"]);
        assert_eq!(c.line(Line::Group(0), 1), ["£1.00", "£0.50", "(£0.50)"]);
        assert_eq!(
            c.labelled(vec!["Total".into()], Line::Total, LAST),
            ["Total", "£1.01", "(£0.48)", "£0.53"]
        );
    }

    #[test]
    fn thousands_tables_cast() {
        let cells = vec![vec![m(140_000)], vec![m(140_000)], vec![m(140_000)]];
        let c = cast(&cells, &one_group(3), Units::Thousands, true).unwrap();
        assert_eq!(c.grand_total, "4");
    }
}
