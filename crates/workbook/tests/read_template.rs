//! The shared worked examples of `spec/workbook.md` §3–§5 (`fixtures/workbooks/`), read through
//! the public `pooled_workbook::read`: BCF-template-shaped workbooks and CSV to plans, and a
//! workbook that must be refused with exactly its findings.

use std::path::PathBuf;

use pooled_workbook::read::Document;
use pooled_workbook::{Layout, ReadOptions, read};
use serde_json::Value;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/workbooks")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).expect("fixture JSON")
}

/// Amount and weight strings as decimals, so that `"1250"` equals `"1250.00"` (spec §2.4).
fn normalise_numbers(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Ok(d) = s.parse::<rust_decimal::Decimal>() {
                *s = d.normalize().to_string();
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalise_numbers),
        Value::Object(map) => map.values_mut().for_each(normalise_numbers),
        _ => {}
    }
}

fn read_plan(name: &str, options: &ReadOptions) -> Value {
    let reading = match read(&fixture(name), name, options) {
        Ok(reading) => reading,
        Err(findings) => panic!("{name} refused: {findings:#?}"),
    };
    assert_eq!(reading.layout, Layout::Template, "{name}");
    let Document::Plan(plan) = reading.document else {
        panic!("{name} did not read as a plan");
    };
    let mut value = serde_json::to_value(&*plan).expect("plan JSON");
    normalise_numbers(&mut value);
    value
}

fn assert_reads_as(input: &str, expected: &str) {
    let got = read_plan(input, &ReadOptions::default());
    let mut want = json(expected);
    normalise_numbers(&mut want);
    assert_eq!(
        got,
        want,
        "{input}\n got: {}",
        serde_json::to_string_pretty(&got).unwrap_or_default()
    );
}

#[test]
fn the_bcf_template_reads_as_its_plan() {
    assert_reads_as("bcf-template.xlsx", "bcf-template.plan.json");
}

#[test]
fn the_expenditure_csv_reads_as_its_plan() {
    assert_reads_as("expenditure.csv", "expenditure.plan.json");
}

#[test]
fn the_errors_workbook_is_refused_with_exactly_its_findings() {
    let expected = json("errors.errors.json");
    let Err(findings) = read(
        &fixture("errors.xlsx"),
        "errors.xlsx",
        &ReadOptions::default(),
    ) else {
        panic!("errors.xlsx was read");
    };
    let mut got: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.code.to_string(), f.cell.clone().unwrap_or_default()))
        .collect();
    let mut want: Vec<(String, String)> = expected["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["cell"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{findings:#?}");
    for f in &findings {
        let cell = f.cell.as_deref().unwrap_or_default();
        assert!(f.message.starts_with(cell), "{}", f.message);
    }
}

#[test]
fn the_report_says_what_was_read() {
    let reading = read(
        &fixture("bcf-template.xlsx"),
        "bcf-template.xlsx",
        &ReadOptions::default(),
    )
    .expect("reads");
    let report = &reading.report;
    assert_eq!(report.sheet.as_deref(), Some("Expenditure"));
    assert_eq!(report.header_row, Some(6));
    assert_eq!(report.schemes, 14);
    assert_eq!(report.funding_lines, 16);
    let amount = report
        .columns
        .iter()
        .find(|c| c.cell == "Expenditure!L6")
        .expect("amount column");
    assert_eq!(amount.field, "Expenditure");
    assert!(
        report
            .columns
            .iter()
            .any(|c| c.header == "New/ Existing Scheme" && c.field == "ignored")
    );
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.cell == "Expenditure!A24" && s.reason == "a totals row")
    );
}

#[test]
fn year_option_overrides_the_header_year_in_a_csv() {
    let plan = read_plan(
        "expenditure.csv",
        &ReadOptions {
            year: Some("2021/22".into()),
            period: None,
        },
    );
    assert_eq!(plan["financial_year"], "2021-22");
    assert_eq!(plan["partners"][1]["id"], "ccg");
    assert_eq!(plan["schemes"][0]["commissioner"], "council");
    assert_eq!(plan["schemes"][2]["commissioner"], "ccg");
}

mod never_panics {
    use pooled_workbook::book::{Book, Cell, Merge, Sheet};
    use pooled_workbook::{ReadOptions, returns, template};
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "Scheme ID",
        "Scheme Name",
        "Scheme Type",
        "Source of Funding",
        "Expenditure (£000)",
        "Expenditure 2024-25",
        "Expenditure 2025/26 (£)",
        "Area of Spend",
        "Commissioner",
        "Provider",
        "% NHS",
        "% LA",
        "Forecast",
        "Joint",
        "Local Authority",
        "ICB",
        "Other",
        "DFG",
        "iBCF",
        "Social Care",
        "Total",
        "Income",
        "Contributor",
        "Amount",
        "Period",
        "Month 6",
        "Q2",
        "Actual to date",
        "Forecast outturn",
        "Ref",
        "2023-25",
        "2025-26",
        "(1,234.50)",
        "£1,234.5",
        "-",
        "12,3x4",
        "60%",
        "0.4",
        "Sub Types",
        "beds",
        "",
    ];

    fn cell() -> impl Strategy<Value = Cell> {
        prop_oneof![
            Just(Cell::Empty),
            proptest::sample::select(WORDS).prop_map(|w| Cell::Text(w.to_owned())),
            any::<f64>().prop_map(Cell::Number),
            (-1000i64..1000).prop_map(|n| Cell::Number(n as f64)),
            Just(Cell::Number(f64::NAN)),
            Just(Cell::Bool(true)),
            Just(Cell::Date(45000.0)),
            Just(Cell::Error("#REF!".into())),
            Just(Cell::NoCachedValue),
        ]
    }

    fn sheet() -> impl Strategy<Value = Sheet> {
        (
            proptest::option::of(proptest::sample::select(
                &["Expenditure", "4. Income", "Cover", "Return", "Other sheet"][..],
            )),
            proptest::collection::vec(proptest::collection::vec(cell(), 0..14), 0..12),
            proptest::collection::vec((0u32..12, 0u32..14, 0u32..3, 0u32..4), 0..3),
        )
            .prop_map(|(name, rows, merges)| Sheet {
                name: name.map(str::to_owned),
                rows,
                merges: merges
                    .into_iter()
                    .map(|(r, c, h, w)| Merge {
                        first_row: r,
                        first_col: c,
                        last_row: r + h,
                        last_col: c + w,
                    })
                    .collect(),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn reading_any_book_never_panics(
            sheets in proptest::collection::vec(sheet(), 0..4),
            year in proptest::option::of(proptest::sample::select(&["2025-26", "2019/20", "x"][..])),
            period in proptest::option::of(proptest::sample::select(&["M6", "Q9", ""][..])),
        ) {
            let book = Book { sheets };
            let options = ReadOptions {
                year: year.map(str::to_owned),
                period: period.map(str::to_owned),
            };
            if template::has_expenditure(&book) {
                let _ = template::read(&book, &options);
            }
            if returns::has_return(&book) {
                let _ = returns::read(&book, &options);
            }
        }
    }
}
