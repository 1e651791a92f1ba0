//! Reading Pooled's own workbook (spec §2.1, §2.4): the example reads back to its plan, and every
//! damaged cell is reported at its cell, all in one pass.

use std::io::{Read, Write};

use pooled_core::findings::Code;
use pooled_workbook::book::{Book, Cell};
use pooled_workbook::read::Document;
use pooled_workbook::{Layout, ReadOptions, SheetFinding};
use rust_decimal::Decimal;
use serde_json::Value;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../fixtures/workbooks/own-layout"
);

fn example_bytes() -> Vec<u8> {
    std::fs::read(format!("{EXAMPLE}.xlsx")).expect("the example workbook")
}

fn example_plan() -> Value {
    let text = std::fs::read_to_string(format!("{EXAMPLE}.plan.json")).expect("the example plan");
    serde_json::from_str(&text).expect("JSON")
}

/// Equality as §2.4 defines it: the same fields, lists in order, texts, and numbers written as
/// text equal as decimals (`"1250"` = `"1250.00"`).
fn assert_plan_eq(read: &Value, expected: &Value, at: &str) {
    match (read, expected) {
        (Value::Object(a), Value::Object(b)) => {
            let mut ka: Vec<&String> = a.keys().collect();
            let mut kb: Vec<&String> = b.keys().collect();
            ka.sort();
            kb.sort();
            assert_eq!(ka, kb, "fields at {at}");
            for (k, v) in a {
                assert_plan_eq(v, &b[k], &format!("{at}.{k}"));
            }
            // Key order matters for entries (shares, caps, joint splits): the plan keeps it.
            let order_a: Vec<&String> = a.keys().collect();
            let order_b: Vec<&String> = b.keys().collect();
            if at.ends_with("joint")
                || at.ends_with("shares")
                || at.ends_with("caps")
                || at.ends_with("amounts")
            {
                assert_eq!(order_a, order_b, "key order at {at}");
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "length at {at}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_plan_eq(x, y, &format!("{at}[{i}]"));
            }
        }
        (Value::String(a), Value::String(b)) => {
            let da = a.parse::<Decimal>();
            let db = b.parse::<Decimal>();
            match (da, db) {
                (Ok(x), Ok(y)) => assert_eq!(x, y, "number at {at}"),
                _ => assert_eq!(a, b, "text at {at}"),
            }
        }
        _ => assert_eq!(read, expected, "value at {at}"),
    }
}

fn read_plan(bytes: &[u8], name: &str) -> Result<Value, Vec<SheetFinding>> {
    let reading = pooled_workbook::read(bytes, name, &ReadOptions::default())?;
    assert_eq!(reading.layout, Layout::Pooled);
    match reading.document {
        Document::Plan(plan) => Ok(serde_json::to_value(&*plan).expect("plan as JSON")),
        Document::Return(_) => panic!("a return, not a plan"),
    }
}

#[test]
fn the_example_reads_back_to_its_plan() {
    let plan = read_plan(&example_bytes(), "own-layout.xlsx").expect("no findings");
    assert_plan_eq(&plan, &example_plan(), "plan");
}

// ---- damaged copies of the example ----

fn example_book() -> Book {
    pooled_workbook::open::open(&example_bytes(), "own-layout.xlsx").expect("the example opens")
}

/// (row, col), 0-based, of a reference such as `K14`.
fn position(a1: &str) -> (usize, usize) {
    let letters: String = a1.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters
        .bytes()
        .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1))
        - 1;
    let row: usize = a1[letters.len()..].parse().expect("row number");
    (row - 1, col)
}

fn set(book: &mut Book, sheet: &str, a1: &str, cell: Cell) {
    let (row, col) = position(a1);
    let sheet = book
        .sheets
        .iter_mut()
        .find(|s| s.name.as_deref() == Some(sheet))
        .expect("the sheet");
    if sheet.rows.len() <= row {
        sheet.rows.resize(row + 1, Vec::new());
    }
    let cells = &mut sheet.rows[row];
    if cells.len() <= col {
        cells.resize(col + 1, Cell::Empty);
    }
    cells[col] = cell;
}

const NO_VALUE_MARK: &str = "POOLED_NO_CACHED_VALUE";

/// The book as an XLSX file (rust_xlsxwriter), each cell as its kind: a date cell with a date
/// format, an error as a formula whose cached value is the error, and a formula with no cached
/// value written with a marker and then stripped of its `<v>` in the sheet's XML.
fn to_xlsx(book: &Book) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for sheet in &book.sheets {
        let ws = workbook.add_worksheet();
        ws.set_name(sheet.name.as_deref().unwrap_or("Sheet1"))
            .unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (u32::try_from(r).unwrap(), u16::try_from(c).unwrap());
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(f) => {
                        ws.write_number(r, c, *f).unwrap();
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean(r, c, *b).unwrap();
                    }
                    Cell::Date(f) => {
                        ws.write_number_with_format(r, c, *f, &date).unwrap();
                    }
                    Cell::Error(e) => {
                        ws.write_formula(r, c, rust_xlsxwriter::Formula::new("=1/0").set_result(e))
                            .unwrap();
                    }
                    Cell::NoCachedValue => {
                        ws.write_formula(
                            r,
                            c,
                            rust_xlsxwriter::Formula::new("=SUM(A1:A2)").set_result(NO_VALUE_MARK),
                        )
                        .unwrap();
                    }
                }
            }
        }
    }
    let bytes = workbook.save_to_buffer().unwrap();
    strip_cached_values(&bytes)
}

/// The zip again, with the marked formulas' cached values removed (as a file saved by a program
/// that does not calculate holds them).
fn strip_cached_values(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.ends_with(".xml") {
            let text = String::from_utf8(data).unwrap();
            let marked = format!(" t=\"str\"><f>SUM(A1:A2)</f><v>{NO_VALUE_MARK}</v>");
            data = text.replace(&marked, "><f>SUM(A1:A2)</f>").into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Each damage: the sheet, the cell, what is put there, the code and words expected at that cell.
fn damages() -> Vec<(&'static str, &'static str, Cell, Code, &'static str)> {
    vec![
        (
            "Expenditure",
            "K3",
            Cell::Text("12,3x4".into()),
            Code::Workbook,
            "Expenditure!K3: '12,3x4' is not an amount",
        ),
        (
            "Expenditure",
            "D5",
            Cell::Text("Intermediate care".into()),
            Code::Workbook,
            "Expenditure!D5: 'Intermediate care' is not a Scheme Type; use one of: Assistive Technologies and Equipment",
        ),
        (
            "Expenditure",
            "B5",
            Cell::Text("Reablement".into()),
            Code::Workbook,
            "Expenditure!B5: 'Reablement' does not agree with the first row of scheme P2, which has 'Home-based intermediate care' (Expenditure!B4)",
        ),
        (
            "Expenditure",
            "F2",
            Cell::Text("ICB".into()),
            Code::Workbook,
            "Expenditure!F2: 'ICB' does not agree with the Commissioning partner (Expenditure!N2); write Local Authority",
        ),
        (
            "Expenditure",
            "J5",
            Cell::Text("DFG".into()),
            Code::Workbook,
            "Expenditure!J5: 'DFG' does not agree with the funding stream 'ibcf'",
        ),
        (
            "Expenditure",
            "L2",
            Cell::NoCachedValue,
            Code::Workbook,
            "Expenditure!L2: a formula with no saved value; open and save the file in Excel or LibreOffice",
        ),
        (
            "Expenditure",
            "K7",
            Cell::Error("#DIV/0!".into()),
            Code::Workbook,
            "Expenditure!K7: the error #DIV/0! is not an amount",
        ),
        (
            "Expenditure",
            "E6",
            Cell::Empty,
            Code::Workbook,
            "Expenditure!E6: Area of Spend is empty",
        ),
        (
            "Expenditure",
            "K6",
            Cell::Number(-5.0),
            Code::Amount,
            "Expenditure!K6: ",
        ),
        (
            "Expenditure",
            "M2",
            Cell::Text("nhs-minimum".into()),
            Code::UnknownRef,
            "Expenditure!M2: ",
        ),
        (
            "Income",
            "E2",
            Cell::Number(1234.5678),
            Code::Workbook,
            "Income!E2: 1234.5678 is not a whole number of pence",
        ),
        (
            "Partners",
            "C3",
            Cell::Text("Hospital".into()),
            Code::Workbook,
            "Partners!C3: 'Hospital' is not a partner Kind",
        ),
        (
            "Plan",
            "B7",
            Cell::Text("four".into()),
            Code::Workbook,
            "Plan!B7: 'four' is not a whole number",
        ),
        (
            "Risk rules",
            "C5",
            Cell::Number(4.0),
            Code::Workbook,
            "'Risk rules'!C5: band 4 of group 'shared'",
        ),
        (
            "Risk rules",
            "G3",
            Cell::Number(0.333_333_333_3),
            Code::Weight,
            "'Risk rules'!G3: 0.3333333333 has more than 6 decimal places",
        ),
        (
            "Risk rules",
            "E7",
            Cell::Text("Split it".into()),
            Code::Workbook,
            "'Risk rules'!E7: 'Split it' is not a Method; use one of:",
        ),
        (
            "Risk caps",
            "A2",
            Cell::Text("nowhere".into()),
            Code::Workbook,
            "'Risk caps'!A2: 'nowhere' is not a group on the Risk share sheet",
        ),
    ]
}

fn cell_of(message: &str) -> &str {
    message.split(": ").next().unwrap_or_default()
}

#[test]
fn the_example_written_again_reads_the_same() {
    // The copies below are written by rust_xlsxwriter, not LibreOffice: the undamaged copy
    // must read as the original does, or the damage tests would prove nothing.
    let plan = read_plan(&to_xlsx(&example_book()), "copy.xlsx").expect("no findings");
    assert_plan_eq(&plan, &example_plan(), "plan");
}

#[test]
fn each_damaged_cell_is_reported_at_its_cell() {
    for (sheet, a1, cell, code, words) in damages() {
        let mut book = example_book();
        set(&mut book, sheet, a1, cell.clone());
        let findings = read_plan(&to_xlsx(&book), "damaged.xlsx")
            .expect_err(&format!("{sheet}!{a1} = {cell:?} must be refused"));
        let at = cell_of(words);
        let found = findings
            .iter()
            .find(|f| f.cell.as_deref() == Some(at) && f.message.starts_with(words))
            .unwrap_or_else(|| panic!("{words} not found in {findings:#?}"));
        assert_eq!(found.code, code, "{found:?}");
        assert_eq!(
            findings.len(),
            1,
            "{sheet}!{a1}: one damage, one finding, not noise: {findings:#?}"
        );
    }
}

#[test]
fn a_plan_error_names_its_cell_and_its_plan_path() {
    let mut book = example_book();
    set(&mut book, "Expenditure", "K6", Cell::Number(-5.0));
    let findings = read_plan(&to_xlsx(&book), "damaged.xlsx").unwrap_err();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].cell.as_deref(), Some("Expenditure!K6"));
    assert_eq!(
        findings[0].path.as_deref(),
        Some("schemes[2].funding[0].amount")
    );
}

#[test]
fn every_damage_at_once_is_reported_in_one_pass() {
    let mut book = example_book();
    for (sheet, a1, cell, _, _) in damages() {
        set(&mut book, sheet, a1, cell);
    }
    let findings = read_plan(&to_xlsx(&book), "damaged.xlsx").unwrap_err();
    for (_, _, _, code, words) in damages() {
        assert!(
            findings
                .iter()
                .any(|f| f.code == code && f.message.starts_with(words)),
            "{words} not found in {findings:#?}"
        );
    }
}

#[test]
fn missing_sheets_and_columns_are_named() {
    let mut book = example_book();
    book.sheets
        .retain(|s| s.name.as_deref() != Some("Partners"));
    set(
        &mut book,
        "Expenditure",
        "D1",
        Cell::Text("Kind of scheme".into()),
    );
    let findings = read_plan(&to_xlsx(&book), "damaged.xlsx").unwrap_err();
    assert!(
        findings
            .iter()
            .any(|f| f.cell.is_none() && f.message.contains("the sheet 'Partners' is missing")),
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .any(|f| f.cell.as_deref() == Some("Expenditure!A1")
                && f.message.contains("'Scheme Type' is missing")),
        "{findings:#?}"
    );
}

#[test]
fn optional_sheets_and_cells_read_as_absent_and_edits_read_back() {
    let mut book = example_book();
    // A line added at the bottom for scheme P1, with only its own cells filled in.
    set(&mut book, "Expenditure", "A8", Cell::Text("P1".into()));
    set(
        &mut book,
        "Expenditure",
        "K8",
        Cell::Text("£1,000.50".into()),
    );
    set(
        &mut book,
        "Expenditure",
        "M8",
        Cell::Text("disch-la".into()),
    );
    // The totals row moves down; the Income amount follows so the pool is not overfunded.
    set(&mut book, "Expenditure", "L8", Cell::Empty);
    set(&mut book, "Expenditure", "A9", Cell::Text("Total".into()));
    set(&mut book, "Income", "E4", Cell::Number(2_001_000.5));
    // A description and an opening reserve column, as a finance lead might add them.
    set(
        &mut book,
        "Expenditure",
        "C2",
        Cell::Text("  Care  homes\n(older people) ".into()),
    );
    let plan = read_plan(&to_xlsx(&book), "edited.xlsx").expect("no findings");
    let mut expected = example_plan();
    expected["schemes"][0]["funding"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"stream": "disch-la", "amount": "1000.50"}));
    expected["schemes"][0]["description"] = Value::String("Care homes (older people)".into());
    expected["streams"][2]["amount"] = Value::String("2001000.50".into());
    assert_plan_eq(&plan, &expected, "plan");
}

#[test]
fn the_report_says_what_was_read() {
    let reading =
        pooled_workbook::read(&example_bytes(), "own-layout.xlsx", &ReadOptions::default())
            .unwrap();
    assert_eq!(reading.report.sheet.as_deref(), Some("Expenditure"));
    assert_eq!(reading.report.header_row, Some(1));
    assert_eq!(reading.report.schemes, 3);
    assert_eq!(reading.report.funding_lines, 6);
    assert_eq!(reading.report.columns.len(), 15);
    assert_eq!(reading.report.columns[10].cell, "Expenditure!K1");
    assert_eq!(reading.report.columns[10].field, "Expenditure (£)");
    assert_eq!(reading.report.skipped.len(), 1, "the totals row");
}

#[test]
fn the_example_saved_by_libreoffice_as_ods_and_xls_reads_the_same() {
    // Converted from the XLSX with `soffice --headless --convert-to ods` (and `xls`).
    for name in ["own-layout.ods", "own-layout.xls"] {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/").to_owned() + name;
        let bytes = std::fs::read(&path).expect("the converted example");
        let plan = read_plan(&bytes, name).unwrap_or_else(|f| panic!("{name}: {f:#?}"));
        assert_plan_eq(&plan, &example_plan(), name);
    }
}
