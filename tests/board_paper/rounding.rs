//! The £000 controlled rounding, on random tables with negative figures and row groups:
//! every figure is its exact value rounded down or up, whole thousands stay exact, and every
//! row, group and column adds up to its printed total.

use pooled_testkit::property_config;
use proptest::prelude::*;
use std::ops::Range;

use pooled_report::thousands::{THOUSAND, controlled_round};

fn adjacent(rounded: i64, exact: i64) -> bool {
    let floor = exact.div_euclid(THOUSAND);
    if exact.rem_euclid(THOUSAND) == 0 {
        rounded == floor
    } else {
        rounded == floor || rounded == floor + 1
    }
}

fn table() -> impl Strategy<Value = (Vec<Vec<i64>>, Vec<Range<usize>>)> {
    (1usize..7, 0usize..14).prop_flat_map(|(cols, rows)| {
        let cell = prop_oneof![
            -2_000_000_000i64..2_000_000_000,
            (-50i64..50).prop_map(|k| k * THOUSAND),
            (-50i64..50).prop_map(|k| k * THOUSAND + THOUSAND / 2),
            -200_000i64..200_000,
        ];
        (
            proptest::collection::vec(proptest::collection::vec(cell, cols), rows),
            proptest::collection::vec(any::<bool>(), rows),
        )
            .prop_map(|(cells, cuts)| {
                let mut groups = Vec::new();
                let mut start = 0;
                for (i, cut) in cuts.iter().enumerate() {
                    if *cut && i > start {
                        groups.push(start..i);
                        start = i;
                    }
                }
                groups.push(start..cells.len());
                (cells, groups)
            })
    })
}

proptest! {
    #![proptest_config(property_config(400))]

    #[test]
    fn every_row_and_column_casts((cells, groups) in table()) {
        let r = controlled_round(&cells, &groups, THOUSAND).unwrap();
        let cols = cells.first().map_or(0, Vec::len);
        let sum = |it: &mut dyn Iterator<Item = i64>| it.sum::<i64>();
        for (i, row) in cells.iter().enumerate() {
            for (j, exact) in row.iter().enumerate() {
                prop_assert!(adjacent(r.cells[i][j], *exact), "cell {i},{j}");
            }
            prop_assert_eq!(sum(&mut r.cells[i].iter().copied()), r.row_totals[i]);
            prop_assert!(adjacent(r.row_totals[i], sum(&mut row.iter().copied())));
        }
        for (g, range) in groups.iter().enumerate() {
            for (j, subtotal) in r.group_cells[g].iter().enumerate() {
                let printed = sum(&mut r.cells[range.clone()].iter().map(|row| row[j]));
                prop_assert_eq!(printed, *subtotal);
                let exact = sum(&mut cells[range.clone()].iter().map(|row| row[j]));
                prop_assert!(adjacent(*subtotal, exact));
            }
            prop_assert_eq!(r.group_cells[g].len(), cols);
            prop_assert_eq!(sum(&mut r.group_cells[g].iter().copied()), r.group_totals[g]);
            prop_assert!(adjacent(r.group_totals[g], sum(&mut range.clone().flat_map(|i| cells[i].iter().copied()))));
        }
        for j in 0..cols {
            prop_assert_eq!(sum(&mut r.cells.iter().map(|row| row[j])), r.column_totals[j]);
            prop_assert!(adjacent(r.column_totals[j], sum(&mut cells.iter().map(|row| row[j]))));
        }
        prop_assert_eq!(sum(&mut r.column_totals.iter().copied()), r.grand_total);
        prop_assert_eq!(sum(&mut r.group_totals.iter().copied()), r.grand_total);
        let exact = sum(&mut cells.iter().flatten().copied());
        // The grand total is the nearest whole thousand (a half rounds up).
        prop_assert_eq!(r.grand_total, (exact + THOUSAND / 2).div_euclid(THOUSAND));
    }
}

#[test]
fn a_worked_example() {
    // docs/board-paper.md: three partners' contributions, overspend and underspend shares.
    let cells = vec![
        vec![1_697_886_035, 56_527_615, -1_316_112],
        vec![2_936_214_812, 28_896_532, -2_237_234],
        vec![903_145_700, 6_891_270, -4_119_876],
    ];
    let r = controlled_round(&cells, &std::iter::once(0..3).collect::<Vec<_>>(), THOUSAND).unwrap();
    for (i, row) in r.cells.iter().enumerate() {
        assert_eq!(row.iter().sum::<i64>(), r.row_totals[i]);
    }
    assert_eq!(r.column_totals.iter().sum::<i64>(), r.grand_total);
}
