//! In £000 every table casts: the printed figures are read back from `pdftotext` and re-added,
//! row by row, column by column, group by group.

use pooled_report::Units;
use pooled_testkit::fixtures::{EXAMPLES, demo_plan, example};
use pooled_testkit::pdf::pdftotext;

use crate::support::{figure, paper};

/// A row's `k` trailing figures, if the line ends with `k` figures.
fn trailing(line: &str, k: usize) -> Option<(String, Vec<i64>)> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    if tokens.len() < k {
        return None;
    }
    let (label, figures) = tokens.split_at(tokens.len() - k);
    let values: Option<Vec<i64>> = figures.iter().map(|t| figure(t)).collect();
    values.map(|v| (label.join(" "), v))
}

fn add(into: &mut [i64], row: &[i64]) {
    for (a, b) in into.iter_mut().zip(row) {
        *a += b;
    }
}

/// Checks the table under `caption`: every row with `k` figures satisfies `row_casts`, the
/// rows of each group add up to its subtotal ("Total …" lines) and everything to the line
/// labelled `total`. Returns the rows read, for further checks.
fn check_table(
    text: &str,
    caption: &str,
    k: usize,
    total: &str,
    row_casts: &dyn Fn(&[i64]) -> bool,
) -> Vec<Vec<i64>> {
    let start = text
        .find(caption)
        .unwrap_or_else(|| panic!("no table '{caption}' in\n{text}"));
    let mut group = vec![0; k];
    let mut grand = vec![0; k];
    let mut subtotals = 0;
    let mut rows = Vec::new();
    for line in text[start..].lines().skip(1) {
        if line.contains("Page ") && line.contains("Version ") {
            continue;
        }
        let Some((label, values)) = trailing(line, k) else {
            continue;
        };
        assert!(
            row_casts(&values),
            "'{caption}': the row '{line}' does not add up"
        );
        if label == total {
            let expected = if subtotals > 0 { &grand } else { &group };
            assert_eq!(
                &values, expected,
                "'{caption}': the columns do not add up to '{line}'"
            );
            if subtotals > 0 {
                assert!(
                    group.iter().all(|v| *v == 0),
                    "'{caption}': rows after the last subtotal"
                );
            }
            return rows;
        }
        if label.starts_with("Total ") {
            assert_eq!(
                values, group,
                "'{caption}': the group does not add up to '{line}'"
            );
            add(&mut grand, &values);
            group = vec![0; k];
            subtotals += 1;
        } else {
            add(&mut group, &values);
            rows.push(values);
        }
    }
    panic!("'{caption}': no '{total}' line");
}

/// How the figures of a row add up.
type RowCasts = fn(&[i64]) -> bool;

fn sum_is_last(v: &[i64]) -> bool {
    v[..v.len() - 1].iter().sum::<i64>() == v[v.len() - 1]
}

fn check_paper(name: &str, plan: &[u8]) {
    let text = pdftotext(&paper(plan, Units::Thousands));
    assert!(
        text.contains("Tables are in thousands of pounds (£000)"),
        "{name}: says its units"
    );
    // Every paper's tables: caption, figures a row, the total's label, and how a row adds up.
    let tables: [(&str, usize, &str, RowCasts); 4] = [
        // Contribution + share of overspend + share of underspend (negative) = final cost.
        ("Each partner's position (£000)", 4, "Total", sum_is_last),
        // Contribution = funds schemes + not allocated.
        (
            "Contributions by partner and funding stream (£000)",
            3,
            "Total pool",
            |v| v[0] == v[1] + v[2],
        ),
        // Budget + variance = forecast.
        (
            "Expenditure by scheme, grouped by risk-share group (£000)",
            3,
            "Total",
            |v| v[0] + v[2] == v[1],
        ),
        // Budget = committed + uncommitted.
        (
            "Committed and uncommitted by scheme (£000)",
            3,
            "Total",
            |v| v[0] == v[1] + v[2],
        ),
    ];
    for (caption, k, total, casts) in tables {
        let rows = check_table(&text, caption, k, total, &casts);
        assert!(!rows.is_empty(), "{name}: no rows in '{caption}'");
    }
    if let Some(at) = text.find("Instalment schedule (£000)") {
        // Payers' columns then the total: k from the first dated row.
        let k = text[at..]
            .lines()
            .find(|l| l.contains("(M1)"))
            .map(|l| {
                l.split(')')
                    .next_back()
                    .unwrap_or("")
                    .split_whitespace()
                    .count()
            })
            .unwrap();
        check_table(
            &text,
            "Instalment schedule (£000)",
            k,
            "Total",
            &sum_is_last,
        );
    }
    if text.contains("Contract values by month in") {
        if text.contains("M1 to M12") {
            check_table(&text, "(£000), M1 to M12", 13, "Total", &sum_is_last);
        } else {
            let first = check_table(&text, "(£000), M1 to M6", 7, "Total", &sum_is_last);
            let second = check_table(&text, "(£000), M7 to M12", 8, "Total", &sum_is_last);
            let halves =
                |rows: &[Vec<i64>], at: usize| rows.iter().map(|r| r[at]).collect::<Vec<_>>();
            assert_eq!(
                halves(&first, 6),
                halves(&second, 0),
                "{name}: M1–M6 carried over"
            );
        }
    }
}

#[test]
fn every_thousands_table_of_every_example_casts() {
    for name in EXAMPLES {
        check_paper(name, &example(name));
    }
    check_paper("demo", &demo_plan());
}

#[test]
fn every_thousands_table_of_the_feature_examples_casts() {
    for name in crate::anything::FEATURE_EXAMPLES {
        check_paper(name, &example(name));
    }
}

#[test]
fn the_reader_can_tell_a_thousands_figure_from_a_pound_figure() {
    let text = pdftotext(&paper(&example("fixed-50-50"), Units::Thousands));
    // £9,947,444.00 is 9,947 thousand; the settlement stays exact in pounds and pence.
    assert!(text.contains("9,947"));
    assert!(text.contains("£300,000.00"));
    assert!(
        !text.contains("£14,420,468.00\n"),
        "no pounds-and-pence figure in the position table"
    );
}
