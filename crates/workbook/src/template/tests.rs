//! §3's rules on awkward books built in memory.

use pooled_core::plan::document::CommissionerDoc;

use super::*;
use crate::book::{Cell, Merge};

fn t(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.into())
    }
}

fn n(v: f64) -> Cell {
    Cell::Number(v)
}

fn sheet(name: &str, rows: Vec<Vec<Cell>>) -> Sheet {
    Sheet {
        name: Some(name.into()),
        rows,
        merges: vec![],
    }
}

const HEADERS: [&str; 10] = [
    "Scheme ID",
    "Scheme Name",
    "Scheme Type",
    "Area of Spend",
    "Commissioner",
    "% NHS (if Joint Commissioner)",
    "% LA (if Joint Commissioner)",
    "Provider",
    "Source of Funding",
    "Expenditure (£)",
];

fn header() -> Vec<Cell> {
    HEADERS.iter().map(|h| t(h)).collect()
}

/// A funding line: Scheme ID, name, type, area, commissioner, % NHS, % LA, provider, source,
/// amount, all as text (empty → an empty cell).
fn line(cells: [&str; 10]) -> Vec<Cell> {
    cells.iter().map(|c| t(c)).collect()
}

fn simple(id: &str, source: &str, amount: &str) -> Vec<Cell> {
    line([
        id,
        "Reablement",
        "Reablement",
        "Social Care",
        "Local Authority",
        "",
        "",
        "Local Authority",
        source,
        amount,
    ])
}

fn book(sheets: Vec<Sheet>) -> Book {
    Book { sheets }
}

fn year(y: &str) -> ReadOptions {
    ReadOptions {
        year: Some(y.into()),
        period: None,
    }
}

fn plan(b: &Book, options: &ReadOptions) -> (PlanDocument, ReadReport) {
    match read(b, options) {
        Ok(read) => read,
        Err(findings) => panic!("refused: {findings:#?}"),
    }
}

/// The findings' codes and cells, sorted.
fn refused(b: &Book, options: &ReadOptions) -> Vec<(String, String)> {
    let findings = read(b, options).expect_err("refused");
    for f in &findings {
        if let Some(cell) = &f.cell {
            assert!(f.message.starts_with(cell.as_str()), "{}", f.message);
        }
    }
    let mut got: Vec<(String, String)> = findings
        .iter()
        .map(|f| (f.code.to_string(), f.cell.clone().unwrap_or_default()))
        .collect();
    got.sort();
    got
}

fn messages(b: &Book, options: &ReadOptions) -> Vec<String> {
    read(b, options)
        .expect_err("refused")
        .into_iter()
        .map(|f| f.message)
        .collect()
}

fn w(code: &str, cell: &str) -> (String, String) {
    (code.to_owned(), cell.to_owned())
}

fn amounts(doc: &PlanDocument) -> Vec<(String, Vec<(String, String)>)> {
    doc.schemes
        .iter()
        .map(|s| {
            (
                s.id.clone(),
                s.funding
                    .iter()
                    .map(|f| (f.stream.clone(), f.amount.0.clone()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn sheet_names_lose_their_section_numbers() {
    assert!(sheet_matches("6a. Expenditure", EXPENDITURE_NAMES));
    assert!(sheet_matches("4 Income", &["income"]));
    assert!(sheet_matches(" Planned   expenditure ", EXPENDITURE_NAMES));
    assert!(!sheet_matches("Expenditure 2", EXPENDITURE_NAMES));
    assert!(!sheet_matches("2024 Expenditure", EXPENDITURE_NAMES));
}

#[test]
fn a_two_row_header_with_merged_years_reads_the_plans_year_in_thousands() {
    let mut rows = vec![vec![t("Better Care Fund 2024-25 plan (2023-25 programme)")]];
    let mut first: Vec<Cell> = header();
    first.truncate(9);
    first.push(t("Expenditure (£000)"));
    first.push(Cell::Empty);
    rows.push(first);
    let mut second = vec![Cell::Empty; 9];
    second.extend([t("2023-24"), t("2024-25")]);
    rows.push(second);
    let mut l = simple("S1", "DFG", "9");
    l.push(n(1.5));
    rows.push(l);
    let mut s = sheet("6a. Expenditure", rows);
    s.merges = vec![Merge {
        first_row: 1,
        first_col: 9,
        last_row: 1,
        last_col: 10,
    }];
    let b = book(vec![s]);
    let (doc, report) = plan(&b, &ReadOptions::default());
    assert_eq!(doc.financial_year, "2024-25");
    assert_eq!(
        amounts(&doc),
        [("S1".into(), vec![("dfg".into(), "1500.00".into())])]
    );
    let fields: Vec<&str> = report.columns.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        fields.get(9..),
        Some(
            &[
                "ignored (expenditure for 2023-24, not the plan's year)",
                "Expenditure (£000, 2024-25)"
            ][..]
        )
    );
    assert_eq!(
        report.columns.get(10).map(|c| c.cell.as_str()),
        Some("'6a. Expenditure'!K2")
    );

    // Without a year anywhere but the columns, there is no choosing.
    let mut b = b;
    if let Some(title) = b.sheets.get_mut(0).and_then(|s| s.rows.get_mut(0)) {
        *title = vec![t("Better Care Fund plan")];
    }
    let got = messages(&b, &ReadOptions::default());
    assert_eq!(
        got,
        ["'6a. Expenditure'!A2: several years of expenditure (2023-24 and 2024-25); give --year"]
    );
    assert_eq!(
        plan(&b, &year("2023-24"))
            .0
            .schemes
            .first()
            .map(|s| s.funding.len()),
        Some(1)
    );
}

#[test]
fn totals_blank_and_note_rows_are_skipped_and_lines_group_into_schemes() {
    let b = book(vec![sheet(
        "Expenditure",
        vec![
            vec![t("BCF 2025-26")],
            header(),
            simple("1", "Minimum NHS Contribution", "£1,000.00"),
            vec![],
            simple("2", "DFG", "(0.00)"),
            simple("1", "iBCF", "250.5"),
            vec![
                t("Sub-total"),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                n(1250.5),
            ],
            vec![Cell::Empty, t("Notes: figures agreed at the board")],
            vec![Cell::Empty; 9].into_iter().chain([n(99.0)]).collect(),
            vec![t("3")],
            vec![
                Cell::Empty,
                Cell::Empty,
                t("Grand total"),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                t("x"),
                t("y"),
            ],
        ],
    )]);
    let (doc, report) = plan(&b, &ReadOptions::default());
    assert_eq!(
        amounts(&doc),
        [
            (
                "1".into(),
                vec![
                    ("nhs-min".into(), "1000.00".into()),
                    ("ibcf".into(), "250.50".into())
                ]
            ),
            ("2".into(), vec![("dfg".into(), "0.00".into())]),
        ]
    );
    assert_eq!((report.schemes, report.funding_lines), (2, 3));
    let skipped: Vec<(&str, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.cell.as_str(), s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("Expenditure!A4", "blank"),
            ("Expenditure!A7", "a totals row"),
            (
                "Expenditure!A8",
                "a note: no Scheme ID, Scheme Type or Source of Funding"
            ),
            (
                "Expenditure!A9",
                "a note: no Scheme ID, Scheme Type or Source of Funding"
            ),
            (
                "Expenditure!A10",
                "a note: a Scheme ID with no Scheme Name, Scheme Type, Source of Funding or amount"
            ),
            ("Expenditure!A11", "a totals row"),
        ]
    );
    // Derived streams, in order of first appearance, each the sum of its lines; 2025-26 names.
    let streams: Vec<(&str, &str, &str, &str)> = doc
        .streams
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.name.as_str(),
                s.partner.as_str(),
                s.amount.0.as_str(),
            )
        })
        .collect();
    assert_eq!(
        streams,
        [
            ("nhs-min", "Minimum NHS Contribution", "icb", "1000.00"),
            ("dfg", "DFG", "council", "0.00"),
            (
                "ibcf",
                "Local Authority Better Care Grant",
                "council",
                "250.50"
            ),
        ]
    );
    assert_eq!(doc.name, "Better Care Fund 2025-26");
    assert_eq!(doc.host, "council");
    assert_eq!(doc.area, None);
}

#[test]
fn a_scheme_whose_rows_disagree_is_refused_at_the_disagreeing_cell() {
    let mut later = simple("7", "DFG", "5");
    if let Some(c) = later.get_mut(2) {
        *c = t("Carers Services");
    }
    if let Some(c) = later.get_mut(1) {
        *c = t("");
    }
    let b = book(vec![sheet(
        "Expenditure",
        vec![
            header(),
            vec![n(7.0)]
                .into_iter()
                .chain(simple("", "iBCF", "10").into_iter().skip(1))
                .collect(),
            simple("8", "iBCF", "1"),
            later,
        ],
    )]);
    let got = messages(&b, &year("2025-26"));
    assert_eq!(
        got,
        [
            "Expenditure!C4: Scheme Type 'Carers Services' differs from the scheme's first row, Expenditure!C2, which has 'Reablement'; a scheme's rows must agree or leave the cell empty"
        ]
    );
}

#[test]
fn an_unknown_label_lists_the_accepted_ones_and_every_problem_is_found_in_one_pass() {
    let b = book(vec![sheet(
        "Expenditure",
        vec![
            header(),
            line([
                "1",
                "A",
                "Intermediate care",
                "Social Care",
                "LA",
                "",
                "",
                "Council",
                "DFG",
                "12,3x4",
            ]),
            line([
                "2",
                "",
                "Other",
                "Somewhere",
                "Nobody",
                "",
                "",
                "",
                "Lottery",
                "",
            ]),
            line(["", "", "Other", "", "", "", "", "", "", ""]),
            line([
                "3",
                "C",
                "Other",
                "Acute",
                "ICB",
                "",
                "",
                "NHS Acute",
                "DFG",
                "-5",
            ]),
        ],
    )]);
    let got = refused(&b, &year("2025-26"));
    assert_eq!(
        got,
        [
            w("E-AMOUNT", "Expenditure!J5"),
            w("E-WORKBOOK", "Expenditure!A4"),
            w("E-WORKBOOK", "Expenditure!B3"),
            w("E-WORKBOOK", "Expenditure!C2"),
            w("E-WORKBOOK", "Expenditure!D3"),
            w("E-WORKBOOK", "Expenditure!E3"),
            w("E-WORKBOOK", "Expenditure!H3"),
            w("E-WORKBOOK", "Expenditure!I3"),
            w("E-WORKBOOK", "Expenditure!J2"),
            w("E-WORKBOOK", "Expenditure!J3"),
        ]
    );
    let text = messages(&b, &year("2025-26")).join("\n");
    assert!(
        text.contains("Expenditure!C2: 'Intermediate care' is not a Scheme Type; use one of: Assistive Technologies and Equipment,"),
        "{text}"
    );
    assert!(
        text.contains("Expenditure!J2: '12,3x4' is not an amount"),
        "{text}"
    );
    assert!(
        text.contains("Expenditure!A4: Scheme ID is missing"),
        "{text}"
    );
}

#[test]
fn joint_percentages_are_read_as_fractions_or_percents_and_must_add_up() {
    let joint = |id: &str, nhs: Cell, la: Cell| {
        let mut row = line([
            id,
            "J",
            "Other",
            "Social Care",
            "Joint",
            "",
            "",
            "Other",
            "DFG",
            "10",
        ]);
        if let Some(c) = row.get_mut(5) {
            *c = nhs;
        }
        if let Some(c) = row.get_mut(6) {
            *c = la;
        }
        row
    };
    let b = book(vec![sheet(
        "Expenditure",
        vec![
            header(),
            joint("1", n(0.6), n(0.4)),
            joint("2", t("40%"), t("60%")),
            joint("3", n(33.333333), n(66.666667)),
            joint("4", n(0.0), n(100.0)),
        ],
    )]);
    let (doc, _) = plan(&b, &year("2025-26"));
    let splits: Vec<Vec<(String, String)>> = doc
        .schemes
        .iter()
        .map(|s| match &s.commissioner {
            CommissionerDoc::Joint(j) => j
                .joint
                .iter()
                .map(|(k, v)| (k.to_owned(), v.0.clone()))
                .collect(),
            CommissionerDoc::Partner(p) => vec![(p.clone(), String::new())],
        })
        .collect();
    let pair = |la: &str, nhs: &str| {
        vec![
            ("council".to_owned(), la.to_owned()),
            ("icb".to_owned(), nhs.to_owned()),
        ]
    };
    assert_eq!(
        splits,
        [
            pair("40", "60"),
            pair("60", "40"),
            pair("66.666667", "33.333333"),
            pair("100", "0")
        ]
    );

    let b = book(vec![sheet(
        "Expenditure",
        vec![
            header(),
            joint("1", n(50.0), n(40.0)),
            joint("2", Cell::Empty, n(40.0)),
            joint("3", t("lots"), n(40.0)),
            joint("4", n(60.1234567), n(39.8765433)),
            joint("5", n(-10.0), n(110.0)),
        ],
    )]);
    assert_eq!(
        refused(&b, &year("2025-26")),
        [
            w("E-JOINT-SPLIT", "Expenditure!F2"),
            w("E-WEIGHT", "Expenditure!F5"),
            w("E-WEIGHT", "Expenditure!F6"),
            w("E-WEIGHT", "Expenditure!G5"),
            w("E-WORKBOOK", "Expenditure!F3"),
            w("E-WORKBOOK", "Expenditure!F4"),
        ]
    );
    let text = messages(&b, &year("2025-26")).join("\n");
    assert!(
        text.contains("Expenditure!F2: % NHS 50 and % LA 40 add up to 90; they must add up to 100"),
        "{text}"
    );
}

#[test]
fn intermediate_care_of_2019_20_is_split_by_its_sub_type_and_the_nhs_partner_is_a_ccg() {
    let mut head = header();
    head.insert(3, t("Sub Types"));
    let row = |id: &str, sub: &str| {
        let mut r = line([
            id,
            "IC",
            "Intermediate Care Services",
            "Social Care",
            "CCG",
            "",
            "",
            "NHS Community",
            "Minimum CCG Contribution",
            "1",
        ]);
        r.insert(3, t(sub));
        r
    };
    let b = book(vec![sheet(
        "Expenditure",
        vec![
            vec![t("BCF planning template 2019/20")],
            head,
            row("1", "Step down (discharge to assess pathway 2) beds"),
            row("2", "Reablement at home"),
            row("3", ""),
        ],
    )]);
    let (doc, _) = plan(&b, &ReadOptions::default());
    assert_eq!(doc.financial_year, "2019-20");
    let types: Vec<SchemeType> = doc.schemes.iter().map(|s| s.scheme_type).collect();
    use pooled_core::plan::kinds::SchemeType;
    assert_eq!(
        types,
        [
            SchemeType::BedBasedIntermediateCare,
            SchemeType::HomeBasedIntermediateCare,
            SchemeType::HomeBasedIntermediateCare
        ]
    );
    assert_eq!(
        doc.partners
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect::<Vec<_>>(),
        [("council", "Council"), ("ccg", "CCG")]
    );
    assert_eq!(
        doc.schemes.first().map(|s| &s.commissioner),
        Some(&CommissionerDoc::Partner("ccg".into()))
    );
    assert_eq!(doc.streams.first().map(|s| s.partner.as_str()), Some("ccg"));
}

fn income(rows: Vec<Vec<Cell>>) -> Sheet {
    let mut all = vec![
        vec![t("Income")],
        vec![t("Source of Funding"), t("Contributor"), t("Amount (£)")],
    ];
    all.extend(rows);
    sheet("4. Income", all)
}

fn cover() -> Sheet {
    sheet(
        "Cover",
        vec![
            vec![
                t("Health & Wellbeing Board (HWB):"),
                Cell::Empty,
                t("Northshire"),
            ],
            vec![t("Planning year"), t("2025/26")],
            vec![t("ICB"), t("NHS Northshire ICB")],
        ],
    )
}

#[test]
fn an_income_sheet_gives_the_streams_with_its_contributors() {
    let b = book(vec![
        cover(),
        income(vec![
            vec![t("Other"), t("ICB"), n(300.0)],
            vec![t("DFG"), Cell::Empty, n(100.0)],
            vec![t("DFG"), t("Council"), t("50")],
            vec![t("Total"), Cell::Empty, n(450.0)],
        ]),
        sheet(
            "Expenditure",
            vec![
                header(),
                simple("1", "Other", "200"),
                simple("2", "DFG", "150"),
            ],
        ),
    ]);
    let (doc, report) = plan(&b, &ReadOptions::default());
    let streams: Vec<(&str, &str, &str, &str)> = doc
        .streams
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.name.as_str(),
                s.partner.as_str(),
                s.amount.0.as_str(),
            )
        })
        .collect();
    assert_eq!(
        streams,
        [
            ("other", "Other", "icb", "300.00"),
            ("dfg", "DFG", "council", "150.00")
        ]
    );
    assert_eq!(doc.name, "Northshire Better Care Fund 2025-26");
    assert_eq!(doc.area.as_deref(), Some("Northshire"));
    assert_eq!(
        doc.partners
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["Northshire Council", "NHS Northshire ICB"]
    );
    assert!(
        report.notes.iter().any(|n| n.contains("income table")),
        "{:?}",
        report.notes
    );

    // Overfunding is reported at the stream's Income cell; a source the Income table lacks at
    // the expenditure row's source cell; Other without a contributor at its source cell; two
    // contributors for one source at the second.
    let b = book(vec![
        income(vec![
            vec![t("Other"), Cell::Empty, n(300.0)],
            vec![t("DFG"), t("LA"), n(100.0)],
            vec![t("DFG"), t("NHS"), n(1.0)],
            vec![t("iBCF"), t("Local Authority"), n(10.0)],
        ]),
        sheet(
            "Expenditure",
            vec![
                vec![t("2025-26")],
                header(),
                simple("1", "Other", "200"),
                simple("2", "iBCF", "150"),
                simple("3", "Minimum NHS Contribution", "1"),
                simple("4", "Minimum NHS Contribution", "1"),
            ],
        ),
    ]);
    assert_eq!(
        refused(&b, &ReadOptions::default()),
        [
            w("E-OVERFUNDED", "'4. Income'!C6"),
            w("E-WORKBOOK", "'4. Income'!A3"),
            w("E-WORKBOOK", "'4. Income'!B5"),
            w("E-WORKBOOK", "Expenditure!I5"),
        ]
    );
}

#[test]
fn derived_other_has_no_payer() {
    let b = book(vec![sheet(
        "Expenditure",
        vec![
            header(),
            simple("1", "Other", "1"),
            simple("2", "Other", "2"),
        ],
    )]);
    let got = messages(&b, &year("2025-26"));
    assert_eq!(
        got,
        ["Expenditure!I2: cannot tell who pays 'Other'; add an Income sheet with its Contributor"]
    );
}

#[test]
fn missing_columns_and_header_rows_are_named() {
    let mut head = header();
    head.retain(|c| !matches!(c, Cell::Text(s) if s == "Area of Spend" || s == "Provider"));
    let b = book(vec![sheet("Expenditure", vec![head, vec![t("1")]])]);
    assert_eq!(
        messages(&b, &year("2025-26")),
        [
            "Expenditure!A1: no Area of Spend column in this header row; add a column headed 'Area of Spend'",
            "Expenditure!A1: no Provider column in this header row; add a column headed 'Provider'",
        ]
    );

    let b = book(vec![sheet(
        "Expenditure",
        vec![vec![
            t("Scheme ID"),
            t("Scheme Name"),
            t("Scheme Type"),
            t("Amount"),
        ]],
    )]);
    assert!(has_expenditure(&b));
    assert_eq!(
        messages(&b, &ReadOptions::default()),
        [
            "Expenditure: no header row with Scheme ID, Scheme Type, Source of Funding and Expenditure in rows 1–30 (the closest, row 1, has no Source of Funding)"
        ]
    );
    assert!(!has_expenditure(&book(vec![sheet(
        "Notes",
        vec![vec![t("Scheme ID")]]
    )])));

    // Two columns of one field: refused at the second header.
    let mut head = header();
    head.push(t("Ref"));
    let b = book(vec![sheet(
        "Plan sheet",
        vec![head, simple("1", "DFG", "1")],
    )]);
    assert_eq!(
        refused(&b, &year("2025-26")),
        [w("E-WORKBOOK", "'Plan sheet'!K1")]
    );
}

#[test]
fn the_year_comes_from_the_option_the_cover_the_title_or_the_column() {
    let exp = |title: &str, amount_header: &str| {
        let mut head = header();
        if let Some(c) = head.get_mut(9) {
            *c = t(amount_header);
        }
        sheet(
            "Expenditure",
            vec![vec![t(title)], head, simple("1", "DFG", "1")],
        )
    };
    let y = |b: &Book, o: &ReadOptions| plan(b, o).0.financial_year;
    let b = book(vec![cover(), exp("BCF 2023-24", "Expenditure 2022-23")]);
    assert_eq!(y(&b, &year("2024-2025")), "2024-25");
    assert_eq!(y(&b, &ReadOptions::default()), "2025-26");
    let b = book(vec![exp("BCF 2023-25 and 2023-24", "Expenditure 2022-23")]);
    assert_eq!(y(&b, &ReadOptions::default()), "2023-24");
    let b = book(vec![exp("BCF 2023-25", "Expenditure 2022/23 (£)")]);
    assert_eq!(y(&b, &ReadOptions::default()), "2022-23");
    let b = book(vec![exp("BCF", "Expenditure")]);
    assert_eq!(
        messages(&b, &ReadOptions::default()),
        ["financial year not found; give --year"]
    );
    assert_eq!(
        messages(&b, &year("2025")),
        ["--year '2025' is not a financial year; write it as 2025-26"]
    );
}

#[test]
fn scheme_ids_are_text_as_shown_and_forecasts_add_up() {
    let mut head = header();
    head.push(t("Forecast outturn (£)"));
    head.push(t("Brief Description"));
    let with = |id: Cell, source: &str, forecast: Cell, description: &str| {
        let mut r = simple("", source, "100");
        if let Some(c) = r.get_mut(0) {
            *c = id;
        }
        r.push(forecast);
        r.push(t(description));
        r
    };
    let b = book(vec![sheet(
        "Expenditure",
        vec![
            head,
            with(n(7.0), "DFG", n(90.0), "Adaptations"),
            with(t(" S 8 "), "DFG", Cell::Empty, ""),
            with(n(7.0), "iBCF", t("£20.50"), ""),
            with(n(7.5), "iBCF", Cell::Empty, ""),
        ],
    )]);
    let (doc, _) = plan(&b, &year("2025-26"));
    let read: Vec<(&str, Option<&str>, Option<&str>)> = doc
        .schemes
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.forecast.as_ref().map(|f| f.0.as_str()),
                s.description.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        read,
        [
            ("7", Some("110.50"), Some("Adaptations")),
            ("S 8", None, None),
            ("7.5", None, None)
        ]
    );
}

#[test]
fn a_book_without_an_expenditure_table_is_not_one() {
    let b = book(vec![sheet("Summary", vec![vec![t("Total"), n(1.0)]])]);
    assert!(!has_expenditure(&b));
    assert_eq!(
        read(&b, &ReadOptions::default())
            .map(|_| ())
            .map_err(|f| f.len()),
        Err(1)
    );
    assert!(!has_expenditure(&Book::default()));
}

#[test]
fn a_csv_with_semicolons_and_a_windows_1252_pound_reads_exactly() {
    let mut bytes: Vec<u8> = b"BCF plan 2024-25;;\r\n".to_vec();
    bytes.extend_from_slice(HEADERS.join(";").replace('\u{a3}', "\u{1}").as_bytes());
    // `Expenditure (£)` in Windows-1252: the pound sign is the single byte 0xA3.
    let text_bytes: Vec<u8> = bytes
        .into_iter()
        .flat_map(|b| if b == 1 { vec![0xA3] } else { vec![b] })
        .collect();
    let mut bytes = text_bytes;
    bytes.extend_from_slice(b"\r\n7;Reablement;Reablement;Social Care;Local Authority;;;Local Authority;DFG;\xA31.234,50\r\n");
    bytes.extend_from_slice(
        b"8;Beds;Reablement;Social Care;Local Authority;;;Local Authority;DFG;\"\xA31,234.50\"\r\n",
    );
    bytes.extend_from_slice(
        b"9;Beds;Reablement;Social Care;Local Authority;;;Local Authority;DFG;1234.5000000001\r\n",
    );
    let Ok(csv) = crate::csv_file::read(&bytes) else {
        panic!("the CSV did not open");
    };
    assert_eq!(csv.sheets.first().and_then(|s| s.name.clone()), None);
    let got = refused(&csv, &ReadOptions::default());
    assert_eq!(got, [w("E-WORKBOOK", "J3"), w("E-WORKBOOK", "J5")]);
    let text = messages(&csv, &ReadOptions::default()).join("\n");
    assert!(text.contains("J3: '£1.234,50' is not an amount"), "{text}");
}

#[test]
fn a_header_cell_merged_only_to_look_wide_does_not_swallow_the_first_row() {
    let mut head = header();
    head.insert(2, Cell::Empty);
    let mut row = simple("1", "DFG", "10");
    row.insert(2, Cell::Empty);
    let mut s = sheet("Expenditure", vec![head, row]);
    s.merges = vec![Merge {
        first_row: 0,
        first_col: 1,
        last_row: 0,
        last_col: 2,
    }];
    let (doc, report) = plan(&book(vec![s]), &year("2025-26"));
    assert_eq!(
        amounts(&doc),
        [("1".into(), vec![("dfg".into(), "10.00".into())])]
    );
    assert_eq!(report.header_row, Some(1));
}
