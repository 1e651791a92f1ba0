//! £000 tables that cast: controlled rounding.
//!
//! A table of amounts in pence (cells by row and column, rows optionally in groups with
//! subtotals) is rounded to whole units (£000) so that:
//!
//! - every printed figure (cell, row total, group subtotal, column total, grand total) is its
//!   exact value rounded down or up to a whole unit, never further away; a figure that is
//!   already whole is printed exactly;
//! - every printed row adds up to its printed row total, every printed column (and each group's
//!   part of it) to its printed total, and the totals to the grand total.
//!
//! Such a rounding always exists for a two-way table with one level of row groups (Bacharach
//! 1966; Cox and Ernst 1982): the constraints form a network, so an integral flow exists
//! whenever a fractional one does, and the exact table is a fractional one. It is found as a
//! minimum-cost flow: each figure is first rounded down, then one unit is added to some of them.
//! A flow carries those units from the grand total through groups and rows to cells and on
//! through group-by-column subtotals and columns, each edge allowing exactly the rounding up its
//! figure may take. The cost of rounding a figure up is how much further that moves it from its
//! exact value (negative for a remainder above one half), so among all roundings that cast, the
//! one chosen has the least total rounding error over every printed figure; figures with the
//! largest remainders are rounded up first, as in the largest-remainder method. The grand total
//! is rounded to the nearest unit (a half rounds up).

mod network;

use std::ops::Range;

use network::Network;

/// Pence in £1,000.
pub const THOUSAND: i64 = 100_000;

/// A table of figures with all its totals: by row and column; rows may be in groups with
/// subtotals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totalled<T> {
    pub cells: Vec<Vec<T>>,
    pub row_totals: Vec<T>,
    /// For each group, its subtotal in each column.
    pub group_cells: Vec<Vec<T>>,
    pub group_totals: Vec<T>,
    pub column_totals: Vec<T>,
    pub grand_total: T,
}

impl<T> Totalled<T> {
    /// The same table with each figure written another way.
    pub fn map<U>(&self, f: impl Fn(&T) -> U) -> Totalled<U> {
        let all = |v: &[T]| v.iter().map(&f).collect::<Vec<U>>();
        Totalled {
            cells: self.cells.iter().map(|row| all(row)).collect(),
            row_totals: all(&self.row_totals),
            group_cells: self.group_cells.iter().map(|row| all(row)).collect(),
            group_totals: all(&self.group_totals),
            column_totals: all(&self.column_totals),
            grand_total: f(&self.grand_total),
        }
    }
}

/// A rounded table, in whole units, with all its totals.
pub type Rounded = Totalled<i64>;

/// Why a table could not be rounded: never expected for a well-formed table.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RoundingError {
    #[error("the table's rows are not all the same length, or its groups do not cover its rows")]
    Shape,
    #[error("no rounding of the table adds up")]
    NoRounding,
}

/// Rounds `cells` (pence, any sign) to whole units of `unit` pence so that the table casts.
/// `groups` are consecutive, disjoint row ranges covering every row (pass one range for none).
pub fn controlled_round(
    cells: &[Vec<i64>],
    groups: &[Range<usize>],
    unit: i64,
) -> Result<Rounded, RoundingError> {
    let rows = cells.len();
    let cols = cells.first().map_or(0, Vec::len);
    if unit <= 0 || cells.iter().any(|r| r.len() != cols) || !covers(groups, rows) {
        return Err(RoundingError::Shape);
    }
    let floor: Vec<Vec<i64>> = cells
        .iter()
        .map(|r| r.iter().map(|v| v.div_euclid(unit)).collect())
        .collect();
    let rem: Vec<Vec<i64>> = cells
        .iter()
        .map(|r| r.iter().map(|v| v.rem_euclid(unit)).collect())
        .collect();
    let group_of: Vec<usize> = (0..rows)
        .map(|i| groups.iter().position(|g| g.contains(&i)).unwrap_or(0))
        .collect();
    let ups = choose_ups(&rem, groups, &group_of, cols, unit)?;

    let rounded: Vec<Vec<i64>> = (0..rows)
        .map(|i| (0..cols).map(|j| floor[i][j] + ups[i][j]).collect())
        .collect();
    let row_totals = rounded.iter().map(|r| r.iter().sum()).collect();
    let group_cells: Vec<Vec<i64>> = groups
        .iter()
        .map(|g| {
            (0..cols)
                .map(|j| g.clone().map(|i| rounded[i][j]).sum())
                .collect()
        })
        .collect();
    let group_totals = group_cells.iter().map(|g| g.iter().sum()).collect();
    let column_totals: Vec<i64> = (0..cols)
        .map(|j| rounded.iter().map(|r| r[j]).sum())
        .collect();
    let grand_total = column_totals.iter().sum();
    Ok(Rounded {
        cells: rounded,
        row_totals,
        group_cells,
        group_totals,
        column_totals,
        grand_total,
    })
}

fn covers(groups: &[Range<usize>], rows: usize) -> bool {
    let mut next = 0;
    for g in groups {
        if g.start != next || g.end < g.start {
            return false;
        }
        next = g.end;
    }
    next == rows && (rows == 0 || !groups.is_empty())
}

/// Bounds on how many units an aggregate is rounded up by, and the cost of the optional one.
struct Aggregate {
    low: i64,
    high: i64,
    cost: i64,
}

impl Aggregate {
    /// From the sum of the remainders of its cells; `weight` is how much its own rounding
    /// error counts against a cell's.
    fn of(remainder: i64, unit: i64, weight: i64) -> Aggregate {
        let low = remainder / unit;
        let frac = remainder % unit;
        Aggregate {
            low,
            high: if frac == 0 { low } else { low + 1 },
            cost: (unit - 2 * frac) * weight,
        }
    }
}

/// How much a rounding error counts, by level: a total is read more than the figures under
/// it, so it is kept nearest its exact value first.
const ROW_WEIGHT: i64 = 2;
const SUBTOTAL_WEIGHT: i64 = 2;
const TOTAL_WEIGHT: i64 = 4;

/// Which cells are rounded up (1) or down (0).
fn choose_ups(
    rem: &[Vec<i64>],
    groups: &[Range<usize>],
    group_of: &[usize],
    cols: usize,
    unit: i64,
) -> Result<Vec<Vec<i64>>, RoundingError> {
    let rows = rem.len();
    let n_groups = groups.len();
    // Nodes: source, sink, groups, rows, group×column, columns, then super source and sink.
    let source = 0;
    let sink = 1;
    let group_node = |g: usize| 2 + g;
    let row_node = |i: usize| 2 + n_groups + i;
    let gc_node = |g: usize, j: usize| 2 + n_groups + rows + g * cols + j;
    let col_node = |j: usize| 2 + n_groups + rows + n_groups * cols + j;
    let nodes = 2 + n_groups + rows + n_groups * cols + cols + 2;
    let (super_source, super_sink) = (nodes - 2, nodes - 1);
    let mut net = Network::new(nodes);
    let mut excess = vec![0i64; nodes];
    let mut bounded = |net: &mut Network, from: usize, to: usize, a: Aggregate| {
        excess[to] += a.low;
        excess[from] -= a.low;
        net.edge(from, to, a.high - a.low, a.cost)
    };

    let sum = |it: &mut dyn Iterator<Item = i64>| it.sum::<i64>();
    for (g, range) in groups.iter().enumerate() {
        let r = sum(&mut range.clone().flat_map(|i| rem[i].iter().copied()));
        bounded(
            &mut net,
            source,
            group_node(g),
            Aggregate::of(r, unit, TOTAL_WEIGHT),
        );
    }
    let mut cell_edges = vec![vec![None; cols]; rows];
    for i in 0..rows {
        let r = sum(&mut rem[i].iter().copied());
        bounded(
            &mut net,
            group_node(group_of[i]),
            row_node(i),
            Aggregate::of(r, unit, ROW_WEIGHT),
        );
        for j in 0..cols {
            if rem[i][j] > 0 {
                let cost = unit - 2 * rem[i][j];
                cell_edges[i][j] = Some(net.edge(row_node(i), gc_node(group_of[i], j), 1, cost));
            }
        }
    }
    for (g, range) in groups.iter().enumerate() {
        for j in 0..cols {
            let r = sum(&mut rem[range.clone()].iter().map(|row| row[j]));
            bounded(
                &mut net,
                gc_node(g, j),
                col_node(j),
                Aggregate::of(r, unit, SUBTOTAL_WEIGHT),
            );
        }
    }
    for j in 0..cols {
        let r = sum(&mut rem.iter().map(|row| row[j]));
        bounded(
            &mut net,
            col_node(j),
            sink,
            Aggregate::of(r, unit, TOTAL_WEIGHT),
        );
    }
    // The grand total: the exact remainders rounded to the nearest unit, a half up.
    let total: i64 = rem.iter().flatten().sum();
    let grand = (total + unit / 2) / unit;
    excess[source] += grand;
    excess[sink] -= grand;

    let mut required = 0;
    for (v, &e) in excess.iter().enumerate() {
        if e > 0 {
            net.edge(super_source, v, e, 0);
            required += e;
        } else if e < 0 {
            net.edge(v, super_sink, -e, 0);
        }
    }
    if net.min_cost_flow(super_source, super_sink) != required {
        return Err(RoundingError::NoRounding);
    }
    Ok(cell_edges
        .iter()
        .map(|row| row.iter().map(|e| e.map_or(0, |e| net.flow(e))).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(rows: usize) -> Vec<Range<usize>> {
        std::iter::once(0..rows).collect()
    }

    fn k(pounds: i64) -> i64 {
        pounds * 100
    }

    #[test]
    fn a_table_whose_rounded_cells_would_not_add_up_casts() {
        // Three figures of £1,400 make £4,200: rounded alone they give 1 + 1 + 1 = 3, not 4.
        let cells = vec![vec![k(1_400)], vec![k(1_400)], vec![k(1_400)]];
        let r = controlled_round(&cells, &all(3), THOUSAND).unwrap();
        assert_eq!(r.grand_total, 4);
        assert_eq!(r.cells.iter().map(|c| c[0]).sum::<i64>(), 4);
        assert_eq!(r.cells.iter().filter(|c| c[0] == 2).count(), 1);
    }

    #[test]
    fn exact_thousands_stay_exact_and_negatives_cast() {
        let cells = vec![vec![k(5_000), k(-1_500)], vec![k(-2_500), k(700)]];
        let r = controlled_round(&cells, &all(2), THOUSAND).unwrap();
        assert_eq!(r.cells[0][0], 5);
        assert_eq!(r.grand_total, 2);
        for (i, row) in r.cells.iter().enumerate() {
            assert_eq!(row.iter().sum::<i64>(), r.row_totals[i]);
        }
        assert_eq!(r.column_totals.iter().sum::<i64>(), r.grand_total);
    }

    #[test]
    fn refuses_a_ragged_table() {
        let cells = vec![vec![1, 2], vec![3]];
        assert_eq!(
            controlled_round(&cells, &all(2), THOUSAND),
            Err(RoundingError::Shape)
        );
        assert_eq!(
            controlled_round(&[vec![1]], &all(0), THOUSAND),
            Err(RoundingError::Shape)
        );
        assert!(controlled_round(&[], &[], THOUSAND).is_ok());
    }
}
