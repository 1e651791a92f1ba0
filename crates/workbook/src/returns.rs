//! Reading an in-year return from a workbook sheet or a CSV (spec §6) into a `pooled-return/1`
//! document: the Return sheet by name or by its header row, the period from `--period`, a
//! Period/Month cell or the title, each line's Scheme ID, actual to date, forecast and comment.

use std::collections::HashMap;

use pooled_core::findings::Code;
use pooled_core::return_doc::{RETURN_FORMAT, ReturnDocument, ReturnLine};
use rust_decimal::Decimal;

use crate::amount::{amount_text, read_amount};
use crate::book::{Book, Sheet};
use crate::finding::SheetFinding;
use crate::read::{ColumnMatch, ReadOptions, ReadReport, SkippedRow};
use crate::template::cells::{Problems, and_list, is_totals_row, text_of};
use crate::template::header::{HeaderRow, Synonyms, find_header, header_text};
use crate::template::{refuse_repeats, table_sheet};
use crate::text::normalise;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Scheme,
    Name,
    Actual,
    Forecast,
    Comment,
}

impl Field {
    fn words(self) -> &'static str {
        match self {
            Field::Scheme => "Scheme ID",
            Field::Name => "Scheme Name (not read)",
            Field::Actual => "Actual to date",
            Field::Forecast => "Forecast outturn",
            Field::Comment => "Comment",
        }
    }
}

const SYNONYMS: Synonyms<Field> = &[
    (
        Field::Scheme,
        &["scheme id", "scheme ref", "scheme reference", "ref"],
    ),
    (Field::Name, &["scheme name", "scheme", "name"]),
    (
        Field::Actual,
        &[
            "actual to date",
            "actuals to date",
            "actual spend to date",
            "spend to date",
            "ytd actual",
            "actual ytd",
            "year to date actual",
        ],
    ),
    (
        Field::Forecast,
        &[
            "forecast outturn",
            "forecast",
            "projected outturn",
            "forecast out turn",
            "fot",
        ],
    ),
    (
        Field::Comment,
        &["comment", "comments", "commentary", "notes", "narrative"],
    ),
];

const NEEDED: &[Field] = &[Field::Scheme, Field::Actual, Field::Forecast];

const RETURN_NAMES: &[&str] = &["return", "monitoring return", "in year return"];

/// The largest amount a plan allows (`calculation.md` §1), in pounds.
fn limit() -> Decimal {
    Decimal::from(100_000_000_000_u64)
}

/// The Return sheet: the first matched by name, else the first with a return header row.
fn return_sheet(book: &Book) -> Option<&Sheet> {
    table_sheet(book, RETURN_NAMES, SYNONYMS, NEEDED)
}

/// Whether the book has a Return table (a sheet matched by name, or a return header row).
pub fn has_return(book: &Book) -> bool {
    return_sheet(book).is_some()
}

/// A period as written → `M1`…`M12` or `Q1`…`Q4`: `M6`, `Month 6`, `P6`, `Period 6`, `Q2`,
/// `Quarter 2` (case and spaces ignored).
pub fn parse_period(text: &str) -> Option<String> {
    let squashed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let forms: [(&str, char, u32); 6] = [
        ("month", 'M', 12),
        ("period", 'M', 12),
        ("quarter", 'Q', 4),
        ("m", 'M', 12),
        ("p", 'M', 12),
        ("q", 'Q', 4),
    ];
    forms.iter().find_map(|(prefix, kind, most)| {
        let digits = squashed.strip_prefix(prefix)?;
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let n: u32 = digits.parse().ok()?;
        (1..=*most).contains(&n).then(|| format!("{kind}{n}"))
    })
}

/// The first period in a free text (a title such as `BCF Month 6 return`).
fn period_in_text(text: &str) -> Option<String> {
    let normal = normalise(text);
    let words: Vec<&str> = normal.split(' ').collect();
    words.iter().enumerate().find_map(|(i, word)| {
        parse_period(word).or_else(|| {
            let next = words.get(i.saturating_add(1))?;
            ["month", "period", "quarter", "m", "p", "q"]
                .contains(word)
                .then(|| parse_period(&format!("{word}{next}")))
                .flatten()
        })
    })
}

/// The period the sheet gives above its header row: a `Period`/`Month` cell's value (`Err`
/// with the text and cell when it is not a period), else the first period in the rows' text.
fn sheet_period(
    sheet: &Sheet,
    header_row: usize,
) -> Option<Result<(String, String), (String, String)>> {
    for row in 0..header_row {
        let Some(cells) = sheet.rows.get(row) else {
            continue;
        };
        for (col, cell) in cells.iter().enumerate() {
            let Some(label) = header_text(cell) else {
                continue;
            };
            let label = normalise(&label);
            if label != "period" && label != "month" {
                continue;
            }
            let value = cells
                .iter()
                .enumerate()
                .skip(col.saturating_add(1))
                .find_map(|(c, v)| text_of(v).ok().flatten().map(|t| (t, c)));
            if let Some((text, value_col)) = value {
                let at = sheet.reference(row, value_col);
                // `Month: 6` is M6: the label says what the number counts.
                return Some(
                    parse_period(&text)
                        .or_else(|| parse_period(&format!("{label}{text}")))
                        .map(|period| (period, at.clone()))
                        .ok_or((text, at)),
                );
            }
        }
    }
    (0..header_row).find_map(|row| {
        let cells = sheet.rows.get(row)?;
        cells.iter().enumerate().find_map(|(col, cell)| {
            let text = header_text(cell)?;
            period_in_text(&text).map(|period| Ok((period, sheet.reference(row, col))))
        })
    })
}

/// The period (§6): `--period`, the sheet's, both agreeing when both are given.
fn period(
    sheet: &Sheet,
    header_row: usize,
    options: &ReadOptions,
    p: &mut Problems,
    report: &mut ReadReport,
) -> String {
    let given = options
        .period
        .as_deref()
        .map(|text| (text, parse_period(text)));
    if let Some((text, None)) = given {
        p.errors.push(SheetFinding {
            code: Code::Period,
            severity: Code::Period.severity(),
            cell: None,
            message: format!("--period '{text}' is not a period; use M1 … M12 or Q1 … Q4"),
            path: None,
        });
    }
    let refused = matches!(given, Some((_, None)));
    let given = given.and_then(|(_, period)| period);
    let on_sheet = sheet_period(sheet, header_row);
    match (&given, on_sheet) {
        (_, Some(Err((text, cell)))) => {
            p.coded(
                Code::Period,
                &cell,
                format!("'{text}' is not a period; write M1 … M12 (Month 6, P6) or Q1 … Q4"),
            );
        }
        (Some(given), Some(Ok((period, cell)))) if *given != period => {
            p.coded(
                Code::Period,
                &cell,
                format!("the sheet's period is {period}, but --period is {given}; they must agree"),
            );
        }
        (Some(_), _) => report.notes.push("Period from --period".to_owned()),
        (None, Some(Ok((period, cell)))) => {
            report.notes.push(format!("Period {period} from {cell}"));
            return period;
        }
        (None, None) if refused => {}
        (None, None) => p.errors.push(SheetFinding {
            code: Code::Period,
            severity: Code::Period.severity(),
            cell: None,
            message: "no period found; give --period (M1 … M12 or Q1 … Q4) or a Period cell above the header row".to_owned(),
            path: None,
        }),
    }
    given.unwrap_or_default()
}

/// The return the book's Return table holds.
pub fn read(
    book: &Book,
    options: &ReadOptions,
) -> Result<(ReturnDocument, ReadReport), Vec<SheetFinding>> {
    let Some(sheet) = return_sheet(book) else {
        return Err(vec![SheetFinding::file("no Return sheet or table found")]);
    };
    let header = match find_header(sheet, SYNONYMS, NEEDED) {
        Ok(header) => header,
        Err((row, missing)) => {
            let missing: Vec<&str> = missing.iter().map(|f| f.words()).collect();
            return Err(vec![SheetFinding::file(format!(
                "{}: no header row with Scheme ID, Actual to date and Forecast outturn in rows 1–30 (the closest, row {}, has no {})",
                sheet.label(),
                row.saturating_add(1),
                and_list(&missing)
            ))]);
        }
    };
    let mut p = Problems::default();
    let mut report = ReadReport {
        sheet: sheet.name.clone(),
        header_row: u32::try_from(header.row.saturating_add(1)).ok(),
        columns: column_matches(sheet, &header),
        ..ReadReport::default()
    };
    refuse_repeats(
        sheet,
        &header,
        &[
            Field::Scheme,
            Field::Actual,
            Field::Forecast,
            Field::Comment,
        ],
        &mut p,
    );
    let period = period(sheet, header.row, options, &mut p, &mut report);
    let lines = read_lines(sheet, &header, &mut p, &mut report);
    if p.is_empty() {
        Ok((
            ReturnDocument {
                format: RETURN_FORMAT.to_owned(),
                period,
                lines,
            },
            report,
        ))
    } else {
        Err(p.errors)
    }
}

fn column_matches(sheet: &Sheet, header: &HeaderRow<Field>) -> Vec<ColumnMatch> {
    header
        .headers
        .iter()
        .map(|h| ColumnMatch {
            cell: sheet.reference(header.row, h.col),
            header: h.text.clone(),
            field: header
                .columns
                .iter()
                .find(|c| c.header.col == h.col)
                .map_or("ignored", |c| c.field.words())
                .to_owned(),
        })
        .collect()
}

/// An amount cell that must be filled: `None` when it could not be read (reported).
fn needed_amount(
    sheet: &Sheet,
    row: usize,
    (col, multiplier): (usize, u32),
    what: &str,
    p: &mut Problems,
) -> Option<Decimal> {
    let cell = sheet.reference(row, col);
    match read_amount(sheet.cell(row, col), multiplier) {
        Ok(Some(amount)) if amount.abs() > limit() => {
            p.coded(
                Code::Amount,
                &cell,
                format!(
                    "{what} {} is more than £100,000,000,000.00, the largest amount allowed",
                    amount_text(amount)
                ),
            );
            None
        }
        Ok(Some(amount)) => Some(amount),
        Ok(None) => {
            p.at(
                &cell,
                format!(
                    "{what} is empty; type 0 if it is nil (a blank is taken as a forgotten entry)"
                ),
            );
            None
        }
        Err(why) => {
            p.at(&cell, why);
            None
        }
    }
}

/// The lines, in row order, with §3.4's skipping rules.
fn read_lines(
    sheet: &Sheet,
    header: &HeaderRow<Field>,
    p: &mut Problems,
    report: &mut ReadReport,
) -> Vec<ReturnLine> {
    let col = |f: Field| {
        header
            .all(f)
            .first()
            .map(|c| (c.header.col, c.header.multiplier))
    };
    let (Some((id_col, _)), Some(actual_col), Some(forecast_col)) =
        (col(Field::Scheme), col(Field::Actual), col(Field::Forecast))
    else {
        return Vec::new();
    };
    let name_col = col(Field::Name).map(|c| c.0);
    let comment_col = col(Field::Comment).map(|c| c.0);
    let blank = |row: usize, c: Option<usize>| c.is_none_or(|c| sheet.cell(row, c).is_blank());
    let mut lines = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for row in header.data_start..sheet.rows.len() {
        let id_cell = sheet.reference(row, id_col);
        let mut skip = |reason: &str| {
            report.skipped.push(SkippedRow {
                cell: id_cell.clone(),
                reason: reason.to_owned(),
            });
        };
        if sheet.row_is_blank(row) {
            skip("blank");
            continue;
        }
        if is_totals_row(sheet, row, id_col) {
            skip("a totals row");
            continue;
        }
        let figures_blank = blank(row, Some(actual_col.0)) && blank(row, Some(forecast_col.0));
        if blank(row, Some(id_col)) {
            // Without an ID, a row naming a scheme is a forgotten ID; anything else is a note
            // or an unlabelled subtotal.
            if blank(row, name_col) {
                skip("a note or subtotal: no Scheme ID or Scheme Name");
            } else {
                p.at(
                    &id_cell,
                    "Scheme ID is missing; every line of a return needs its scheme's ID",
                );
            }
            continue;
        }
        if figures_blank && blank(row, name_col) && blank(row, comment_col) {
            skip("a note: a Scheme ID with nothing else");
            continue;
        }
        let id = match text_of(sheet.cell(row, id_col)) {
            Ok(Some(id)) => Some(id),
            Ok(None) => None,
            Err(why) => {
                p.at(&id_cell, why);
                None
            }
        };
        let actual = needed_amount(sheet, row, actual_col, "Actual to date", p);
        let forecast = needed_amount(sheet, row, forecast_col, "Forecast outturn", p);
        if let Some(f) = forecast
            && f.is_sign_negative()
            && !f.is_zero()
        {
            p.coded(
                Code::Amount,
                &sheet.reference(row, forecast_col.0),
                format!(
                    "a forecast outturn cannot be negative, and this is {}",
                    amount_text(f)
                ),
            );
        }
        let comment = comment_col.and_then(|c| match text_of(sheet.cell(row, c)) {
            Ok(text) => text,
            Err(why) => {
                p.at(&sheet.reference(row, c), why);
                None
            }
        });
        let Some(id) = id else { continue };
        if let Some(first) = seen.get(&id) {
            p.coded(
                Code::DuplicateId,
                &id_cell,
                format!("Scheme ID '{id}' is already on {first}; a return has one line per scheme"),
            );
            continue;
        }
        seen.insert(id.clone(), id_cell.clone());
        if let (Some(actual), Some(forecast)) = (actual, forecast) {
            lines.push(ReturnLine {
                scheme: id,
                actual_to_date: amount_text(actual),
                forecast: amount_text(forecast),
                comment,
            });
        }
    }
    report.schemes = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    report.funding_lines = 0;
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Cell;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn book(rows: Vec<Vec<Cell>>) -> Book {
        Book {
            sheets: vec![Sheet {
                name: Some("Return".into()),
                rows,
                merges: vec![],
            }],
        }
    }

    fn header() -> Vec<Cell> {
        vec![
            t("Scheme ID"),
            t("Scheme Name"),
            t("Actual to date (£)"),
            t("Forecast outturn (£)"),
            t("Comments"),
        ]
    }

    fn codes(
        result: Result<(ReturnDocument, ReadReport), Vec<SheetFinding>>,
    ) -> Vec<(String, String)> {
        let mut got: Vec<(String, String)> = result
            .expect_err("refused")
            .iter()
            .map(|f| (f.code.to_string(), f.cell.clone().unwrap_or_default()))
            .collect();
        got.sort();
        got
    }

    #[test]
    fn period_forms() {
        for (text, want) in [
            ("M6", Some("M6")),
            ("m 12", Some("M12")),
            ("Month 6", Some("M6")),
            ("P6", Some("M6")),
            ("Period 06", Some("M6")),
            ("Q2", Some("Q2")),
            ("Quarter 4", Some("Q4")),
            ("Q5", None),
            ("M13", None),
            ("M0", None),
            ("June", None),
            ("", None),
        ] {
            assert_eq!(parse_period(text).as_deref(), want, "{text}");
        }
        assert_eq!(
            period_in_text("BCF Month 6 return 2025-26").as_deref(),
            Some("M6")
        );
        assert_eq!(period_in_text("Q3 monitoring").as_deref(), Some("Q3"));
        assert_eq!(period_in_text("Better Care Fund 2025-26"), None);
    }

    #[test]
    fn a_return_reads_with_its_period_cell_and_negative_actuals() {
        let b = book(vec![
            vec![t("Period:"), Cell::Empty, t("Month 6")],
            header(),
            vec![
                t("S1"),
                t("Reablement"),
                t("(1,250.50)"),
                Cell::Number(5000.0),
                t("refund"),
            ],
            vec![],
            vec![
                Cell::Number(7.0),
                t("Beds"),
                Cell::Number(0.0),
                t("£2,000"),
                Cell::Empty,
            ],
            vec![
                t("Total"),
                Cell::Empty,
                Cell::Number(1.0),
                Cell::Number(7000.0),
            ],
        ]);
        assert!(has_return(&b));
        let (doc, report) = read(&b, &ReadOptions::default()).expect("reads");
        assert_eq!(doc.format, "pooled-return/1");
        assert_eq!(doc.period, "M6");
        let lines: Vec<(&str, &str, &str, Option<&str>)> = doc
            .lines
            .iter()
            .map(|l| {
                (
                    l.scheme.as_str(),
                    l.actual_to_date.as_str(),
                    l.forecast.as_str(),
                    l.comment.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                ("S1", "-1250.50", "5000.00", Some("refund")),
                ("7", "0.00", "2000.00", None)
            ]
        );
        assert_eq!(report.header_row, Some(2));
        assert_eq!(report.skipped.len(), 2);
    }

    #[test]
    fn empty_cells_duplicates_and_negative_forecasts_are_each_reported() {
        let b = book(vec![
            vec![t("Q2 return")],
            header(),
            vec![t("S1"), t("A"), Cell::Empty, Cell::Number(10.0)],
            vec![t("S2"), t("B"), Cell::Number(1.0), Cell::Number(-10.0)],
            vec![t("S1"), t("A again"), Cell::Number(1.0), Cell::Number(1.0)],
            vec![Cell::Empty, t("C"), Cell::Number(1.0), Cell::Number(1.0)],
        ]);
        assert_eq!(
            codes(read(&b, &ReadOptions::default())),
            [
                ("E-AMOUNT".into(), "Return!D4".into()),
                ("E-DUPLICATE-ID".into(), "Return!A5".into()),
                ("E-WORKBOOK".into(), "Return!A6".into()),
                ("E-WORKBOOK".into(), "Return!C3".into()),
            ]
        );
    }

    #[test]
    fn periods_that_disagree_or_are_missing_are_refused() {
        let rows = |title: Vec<Cell>| {
            book(vec![
                title,
                header(),
                vec![t("S1"), t("A"), Cell::Number(1.0), Cell::Number(1.0)],
            ])
        };
        let given = |p: &str| ReadOptions {
            year: None,
            period: Some(p.into()),
        };
        let b = rows(vec![t("Month"), Cell::Number(6.0)]);
        assert_eq!(
            read(&b, &ReadOptions::default()).expect("reads").0.period,
            "M6"
        );
        assert_eq!(read(&b, &given("P6")).expect("reads").0.period, "M6");
        assert_eq!(
            codes(read(&b, &given("M7"))),
            [("E-PERIOD".into(), "Return!B1".into())]
        );
        let b = rows(vec![t("Period"), t("June")]);
        assert_eq!(
            codes(read(&b, &ReadOptions::default())),
            [("E-PERIOD".into(), "Return!B1".into())]
        );
        let b = rows(vec![t("Monitoring")]);
        assert_eq!(
            codes(read(&b, &ReadOptions::default())),
            [("E-PERIOD".into(), String::new())]
        );
        assert_eq!(read(&b, &given("q1")).expect("reads").0.period, "Q1");
        assert_eq!(
            codes(read(&b, &given("H1"))),
            [("E-PERIOD".into(), String::new())]
        );
    }

    #[test]
    fn a_csv_return_is_found_by_its_header_row() {
        let b = Book {
            sheets: vec![Sheet {
                name: None,
                rows: vec![
                    vec![t("Ref"), t("YTD actual"), t("FOT"), t("Notes")],
                    vec![t("S1"), t("12.5"), t("100"), t("")],
                ],
                merges: vec![],
            }],
        };
        let (doc, report) = read(
            &b,
            &ReadOptions {
                year: None,
                period: Some("Q4".into()),
            },
        )
        .expect("reads");
        assert_eq!(doc.period, "Q4");
        assert_eq!(
            doc.lines.first().map(|l| l.actual_to_date.as_str()),
            Some("12.50")
        );
        assert_eq!(report.sheet, None);
        let b = book(vec![
            header(),
            vec![t("S1"), t("A"), t("12,3x4"), Cell::Number(1.0)],
        ]);
        assert_eq!(
            codes(read(
                &b,
                &ReadOptions {
                    year: None,
                    period: Some("M1".into())
                }
            )),
            [("E-WORKBOOK".into(), "Return!C2".into())]
        );
    }
}
