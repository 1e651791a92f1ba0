//! Writing Pooled's own workbook (spec §2) and the Expenditure CSV (§4): every example and demo
//! plan is written, read back with calamine and checked figure by figure against the plan and
//! its outcome; the bytes never change; LibreOffice opens, recalculates and re-saves each one
//! and its totals are Pooled's exact sums.

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use pooled_core::Assessment;
use pooled_core::findings::Severity;
use pooled_core::money::Money;
use pooled_core::outcome::Outcome;
use pooled_core::plan::PlanDocument;
use pooled_core::plan::document::CommissionerDoc;
use pooled_workbook::csv_file;
use pooled_workbook::own_layout::write::write;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");

const SHEETS: [&str; 16] = [
    "Plan",
    "Partners",
    "Income",
    "Expenditure",
    "Risk share",
    "Risk rules",
    "Risk caps",
    "Risk offsets",
    "Contracts",
    "Requirements",
    "Summary",
    "Partners' positions",
    "Units",
    "Settlement",
    "Instalments",
    "Findings",
];

const EXPENDITURE_HEADERS: [&str; 15] = [
    "Scheme ID",
    "Scheme Name",
    "Brief Description of Scheme",
    "Scheme Type",
    "Area of Spend",
    "Commissioner",
    "% NHS (if Joint Commissioner)",
    "% LA (if Joint Commissioner)",
    "Provider",
    "Source of Funding",
    "Expenditure (£)",
    "Forecast outturn (£)",
    "Funding stream",
    "Commissioning partner",
    "Risk-share group",
];

struct Example {
    name: String,
    document: PlanDocument,
    outcome: Outcome,
}

/// Every example plan without error findings, and the demo plans.
fn examples() -> Vec<Example> {
    let mut paths = Vec::new();
    for dir in ["examples", "demo"] {
        let listing = std::fs::read_dir(Path::new(FIXTURES).join(dir)).expect("fixtures");
        for entry in listing {
            let path = entry.expect("entry").path();
            if path.to_string_lossy().ends_with(".plan.json") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut examples = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).expect("plan");
        let Assessment::Evaluated(outcome) = pooled_core::assess_bytes(&bytes) else {
            continue;
        };
        if outcome
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error)
        {
            continue;
        }
        let document = pooled_core::plan::read_plan_bytes(&bytes).expect("a plan");
        let name = path.file_name().map_or_else(String::new, |n| {
            n.to_string_lossy()
                .trim_end_matches(".plan.json")
                .to_owned()
        });
        examples.push(Example {
            name,
            document,
            outcome: *outcome,
        });
    }
    assert!(examples.len() >= 10, "only {} plans found", examples.len());
    examples
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
}

fn range(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str) -> Range<Data> {
    book.worksheet_range(sheet).expect("the sheet")
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(other) => panic!("({row},{col}) is not text: {other:?}"),
    }
}

/// A number cell's exact amount, through its shortest decimal text (as the reader does).
fn money(range: &Range<Data>, row: u32, col: u32) -> Option<Money> {
    match range.get_value((row, col)) {
        None | Some(Data::Empty) => None,
        Some(Data::Float(f)) => Some(Money::parse(&format!("{f}")).expect("pence")),
        Some(Data::Int(i)) => Some(Money::parse(&i.to_string()).expect("pence")),
        Some(other) => panic!("({row},{col}) is not a number: {other:?}"),
    }
}

fn amount(text: &str) -> Money {
    Money::parse(text).expect("a plan amount")
}

fn headers(range: &Range<Data>) -> Vec<String> {
    (0..range.end().map_or(0, |(_, c)| c + 1))
        .map(|col| text(range, 0, col))
        .collect()
}

/// The formulas of a sheet, by absolute position.
fn formula(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, row: u32, col: u32) -> String {
    let formulas = book.worksheet_formula(sheet).expect("formulas");
    formulas.get_value((row, col)).cloned().unwrap_or_default()
}

/// Checks the written workbook against its plan and outcome, figure by figure.
fn check_workbook(example: &Example, bytes: &[u8]) {
    let doc = &example.document;
    let name = &example.name;
    let mut book = open(bytes);
    assert_eq!(book.sheet_names(), SHEETS, "{name}");

    let plan = range(&mut book, "Plan");
    assert_eq!(text(&plan, 1, 0), "Format");
    assert_eq!(text(&plan, 1, 1), "pooled-plan/1");
    assert_eq!(text(&plan, 2, 1), doc.name);
    assert_eq!(text(&plan, 4, 1), doc.financial_year);
    assert_eq!(text(&plan, 5, 1), doc.host);
    assert_eq!(text(&plan, 6, 0), "Instalments");

    // Income: every stream's amount exactly, then the Total row's SUM and its cached total.
    let income = range(&mut book, "Income");
    assert_eq!(
        headers(&income),
        [
            "Stream ID",
            "Stream name",
            "Source of Funding",
            "Partner",
            "Amount (£)"
        ]
    );
    let mut income_total = Money::ZERO;
    for (row, stream) in (1_u32..).zip(&doc.streams) {
        assert_eq!(text(&income, row, 0), stream.id);
        assert_eq!(money(&income, row, 4), Some(amount(stream.amount.as_str())));
        income_total = income_total
            .checked_add(amount(stream.amount.as_str()))
            .expect("sum");
    }
    let total_row = u32::try_from(doc.streams.len()).expect("rows") + 1;
    assert_eq!(text(&income, total_row, 0), "Total", "{name}");
    assert_eq!(money(&income, total_row, 4), Some(income_total), "{name}");
    assert_eq!(
        formula(&mut book, "Income", total_row, 4),
        format!("SUM(E2:E{total_row})")
    );
    assert_eq!(income_total, example.outcome.totals.income, "{name}");

    // Expenditure: one row per funding line, the scheme's fields on every row.
    let spend = range(&mut book, "Expenditure");
    assert_eq!(headers(&spend), EXPENDITURE_HEADERS, "{name}");
    let (mut row, mut spend_total, mut forecast_total) = (1_u32, Money::ZERO, Money::ZERO);
    for scheme in &doc.schemes {
        for (line, funding) in scheme.funding.iter().enumerate() {
            assert_eq!(text(&spend, row, 0), scheme.id);
            assert_eq!(text(&spend, row, 1), scheme.name);
            assert_eq!(text(&spend, row, 12), funding.stream);
            assert_eq!(
                text(&spend, row, 14),
                scheme.group.clone().unwrap_or_default()
            );
            let line_amount = amount(funding.amount.as_str());
            assert_eq!(
                money(&spend, row, 10),
                Some(line_amount),
                "{name} row {row}"
            );
            spend_total = spend_total.checked_add(line_amount).expect("sum");
            let forecast = money(&spend, row, 11);
            match (&scheme.forecast, line) {
                (Some(f), 0) => {
                    assert_eq!(forecast, Some(amount(f.as_str())));
                    forecast_total = forecast_total.checked_add(amount(f.as_str())).expect("sum");
                }
                _ => assert_eq!(forecast, None, "{name} row {row}: forecast on a later row"),
            }
            match &scheme.commissioner {
                CommissionerDoc::Partner(id) => {
                    assert_eq!(text(&spend, row, 13), *id);
                    assert_ne!(text(&spend, row, 5), "Joint");
                }
                CommissionerDoc::Joint(_) => {
                    assert_eq!(text(&spend, row, 5), "Joint");
                    assert!(
                        text(&spend, row, 13).contains("%; ")
                            || text(&spend, row, 13).ends_with('%')
                    );
                }
            }
            row += 1;
        }
    }
    assert_eq!(text(&spend, row, 0), "Total", "{name}");
    assert_eq!(money(&spend, row, 10), Some(spend_total), "{name}");
    assert_eq!(money(&spend, row, 11), Some(forecast_total), "{name}");
    assert_eq!(
        formula(&mut book, "Expenditure", row, 10),
        format!("SUM(K2:K{row})")
    );
    assert_eq!(
        formula(&mut book, "Expenditure", row, 11),
        format!("SUM(L2:L{row})")
    );
    assert_eq!(spend_total, example.outcome.totals.budget, "{name}");

    // The outcome's figures, exactly.
    let positions = range(&mut book, "Partners' positions");
    let mut contribution_total = Money::ZERO;
    for (row, partner) in (1_u32..).zip(&example.outcome.partners) {
        assert_eq!(text(&positions, row, 0), partner.id);
        assert_eq!(money(&positions, row, 1), Some(partner.contribution));
        assert_eq!(money(&positions, row, 4), Some(partner.net_share));
        assert_eq!(money(&positions, row, 5), Some(partner.final_cost));
        contribution_total = contribution_total
            .checked_add(partner.contribution)
            .expect("sum");
    }
    let last = u32::try_from(example.outcome.partners.len()).expect("rows") + 1;
    assert_eq!(text(&positions, last, 0), "Total");
    assert_eq!(money(&positions, last, 1), Some(contribution_total));
    let summary = range(&mut book, "Summary");
    assert_eq!(text(&summary, 2, 0), "Budget");
    assert_eq!(money(&summary, 2, 1), Some(example.outcome.totals.budget));
    assert_eq!(money(&summary, 4, 1), Some(example.outcome.totals.variance));
    let units = range(&mut book, "Units");
    for (row, unit) in (1_u32..).zip(&example.outcome.units) {
        assert_eq!(text(&units, row, 0), unit.id);
        assert_eq!(money(&units, row, 4), Some(unit.variance));
        for (col, (_, share)) in (6_u32..).zip(unit.allocation.iter()) {
            assert_eq!(
                money(&units, row, col),
                Some(share),
                "{name} unit {}",
                unit.id
            );
        }
    }
    let settlement = range(&mut book, "Settlement");
    for (row, transfer) in (1_u32..).zip(&example.outcome.settlement) {
        assert_eq!(money(&settlement, row, 2), Some(transfer.amount));
    }
}

/// The text of one part of the workbook's zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

#[test]
fn every_plan_is_written_with_its_exact_figures() {
    for example in examples() {
        let bytes = write(&example.document, &example.outcome).expect("written");
        check_workbook(&example, &bytes);
        let styles = part(&bytes, "xl/styles.xml");
        assert!(
            styles.contains(r##"formatCode="#,##0.00;(#,##0.00)""##),
            "{}: money format",
            example.name
        );
        // Bold header font.
        assert!(styles.contains("<b/>"), "{}", example.name);
        let sheet = part(&bytes, "xl/worksheets/sheet4.xml");
        assert!(sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ));
        assert!(sheet.contains("<cols>"), "fixed column widths");
    }
}

#[test]
fn weights_and_dates_have_their_formats() {
    let all = examples();
    let joint = all
        .iter()
        .find(|e| {
            e.document
                .schemes
                .iter()
                .any(|s| matches!(s.commissioner, CommissionerDoc::Joint(_)))
        })
        .expect("an example with a joint commissioner");
    let bytes = write(&joint.document, &joint.outcome).expect("written");
    assert!(part(&bytes, "xl/styles.xml").contains(r##"formatCode="0.######""##));
    let spend = range(&mut open(&bytes), "Expenditure");
    let row = (1..)
        .find(|&r| text(&spend, r, 5) == "Joint")
        .expect("a joint row");
    let (nhs, la) = (
        spend.get_value((row, 6)).cloned(),
        spend.get_value((row, 7)).cloned(),
    );
    let percent = |d: Option<Data>| match d {
        Some(Data::Float(f)) => format!("{f}"),
        other => panic!("{other:?}"),
    };
    // The two sides of a joint split are percentages adding to 100.
    let sum = percent(nhs)
        .parse::<rust_decimal::Decimal>()
        .expect("decimal")
        + percent(la)
            .parse::<rust_decimal::Decimal>()
            .expect("decimal");
    assert_eq!(sum.normalize().to_string(), "100");

    let with_contracts = all
        .iter()
        .find(|e| e.document.contracts.as_ref().is_some_and(|c| !c.is_empty()))
        .expect("an example with contracts");
    let bytes = write(&with_contracts.document, &with_contracts.outcome).expect("written");
    assert!(part(&bytes, "xl/styles.xml").contains(r#"formatCode="yyyy-mm-dd""#));
    let contracts = range(&mut open(&bytes), "Contracts");
    assert!(
        matches!(contracts.get_value((1, 5)), Some(Data::DateTime(_))),
        "a date cell: {:?}",
        contracts.get_value((1, 5))
    );
}

#[test]
fn the_same_plan_gives_the_same_bytes_whenever_it_is_written() {
    let all = examples();
    let first: Vec<Vec<u8>> = all
        .iter()
        .map(|e| write(&e.document, &e.outcome).expect("written"))
        .collect();
    // A second apart, so a clock value in the file would show.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    for (example, earlier) in all.iter().zip(&first) {
        let later = write(&example.document, &example.outcome).expect("written");
        assert!(later == *earlier, "{}: the bytes differ", example.name);
        let core = part(&later, "docProps/core.xml");
        assert!(
            core.contains(">2000-01-01T00:00:00Z</dcterms:created>"),
            "{core}"
        );
        assert!(
            core.contains(">2000-01-01T00:00:00Z</dcterms:modified>"),
            "{core}"
        );
    }
}

#[test]
fn the_csv_is_the_expenditure_sheet() {
    for example in examples() {
        let bytes = csv_file::write(&example.document);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
        assert!(text.ends_with("\r\n"));
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert_eq!(lines[0], EXPENDITURE_HEADERS.join(","));
        let rows: usize = example
            .document
            .schemes
            .iter()
            .map(|s| s.funding.len())
            .sum();
        // Header, the rows, and the empty text after the last CRLF: no totals row.
        assert_eq!(lines.len(), rows + 2, "{}", example.name);
        let first = &example.document.schemes[0];
        let amount_text = amount(first.funding[0].amount.as_str()).to_plain();
        assert!(lines[1].starts_with(&format!("{},", first.id)));
        assert!(
            lines[1].contains(&format!(",{amount_text},")),
            "{}",
            lines[1]
        );
    }
    // Quoting: a comma, a quote or a line break.
    let mut example = examples().remove(0);
    example.document.schemes[0].name = "Beds, \"step down\"\nnorth".to_owned();
    let text = String::from_utf8(csv_file::write(&example.document)).expect("UTF-8");
    assert!(
        text.contains(",\"Beds, \"\"step down\"\"\nnorth\","),
        "{text}"
    );
}

/// Equality as §2.4 defines it: the same fields, lists in order, texts, and numbers written as
/// text equal as decimals (`"1250"` = `"1250.00"`).
fn assert_plan_eq(read: &serde_json::Value, expected: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (read, expected) {
        (Value::Object(a), Value::Object(b)) => {
            let keys_a: Vec<&String> = a.keys().collect();
            let keys_b: Vec<&String> = b.keys().collect();
            let (mut sorted_a, mut sorted_b) = (keys_a.clone(), keys_b.clone());
            sorted_a.sort();
            sorted_b.sort();
            assert_eq!(sorted_a, sorted_b, "fields at {at}");
            for (k, v) in a {
                assert_plan_eq(v, &b[k], &format!("{at}.{k}"));
            }
            if ["joint", "shares", "caps", "amounts"]
                .iter()
                .any(|k| at.ends_with(k))
            {
                assert_eq!(keys_a, keys_b, "key order at {at}");
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "length at {at}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_plan_eq(x, y, &format!("{at}[{i}]"));
            }
        }
        (Value::String(a), Value::String(b)) => {
            match (
                a.parse::<rust_decimal::Decimal>(),
                b.parse::<rust_decimal::Decimal>(),
            ) {
                (Ok(x), Ok(y)) => assert_eq!(x, y, "number at {at}"),
                _ => assert_eq!(a, b, "text at {at}"),
            }
        }
        _ => assert_eq!(read, expected, "value at {at}"),
    }
}

/// Reads a workbook back with Pooled's reader and compares it with the plan it was written from.
fn assert_reads_back(example: &Example, bytes: &[u8], at: &str) {
    let reading =
        pooled_workbook::read(bytes, "book.xlsx", &pooled_workbook::ReadOptions::default())
            .unwrap_or_else(|findings| panic!("{at} does not read back: {findings:#?}"));
    assert_eq!(reading.layout, pooled_workbook::Layout::Pooled, "{at}");
    let pooled_workbook::read::Document::Plan(plan) = reading.document else {
        panic!("{at}: a return, not a plan");
    };
    let read = serde_json::to_value(&*plan).expect("JSON");
    let expected = serde_json::to_value(&example.document).expect("JSON");
    assert_plan_eq(&read, &expected, at);
}

#[test]
fn every_workbook_reads_back_to_its_plan() {
    for example in examples() {
        let bytes = write(&example.document, &example.outcome).expect("written");
        assert_reads_back(&example, &bytes, &example.name);
    }
}

// ---- LibreOffice ----

/// A private directory under the system's temporary directory, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pooled-write-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The same workbook with every SUM's cached value replaced by 0, so that only a real
/// recalculation can bring the totals back.
fn without_cached_totals(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("a part");
        let name = file.name().expect("a part name").to_string();
        let mut content = Vec::new();
        file.read_to_end(&mut content).expect("read");
        if name.starts_with("xl/worksheets/") {
            let mut xml = String::from_utf8(content).expect("UTF-8");
            let mut at = 0;
            while let Some(found) = xml[at..].find("<f>SUM(") {
                let start = at + found;
                let v_open = start + xml[start..].find("<v>").expect("cached value") + 3;
                let v_close = v_open + xml[v_open..].find("</v>").expect("end");
                xml.replace_range(v_open..v_close, "0");
                at = v_open;
            }
            content = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&content).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

/// LibreOffice's profile for one run: always recalculate formulas when loading a file, so that
/// the re-saved values are LibreOffice's own and not the cached ones.
fn profile(dir: &Path) -> String {
    let user = dir.join("profile/user");
    std::fs::create_dir_all(&user).expect("profile");
    let recalc = |mode: &str| {
        format!(
            r#"<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="{mode}" oor:op="fuse"><value>0</value></prop></item>"#
        )
    };
    let xcu = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{}
{}
</oor:items>
"#,
        recalc("OOXMLRecalcMode"),
        recalc("ODFRecalcMode")
    );
    std::fs::write(user.join("registrymodifications.xcu"), xcu).expect("settings");
    format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    )
}

/// The money total of a sheet's Total row.
fn total(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, col: u32) -> Money {
    let range = range(book, sheet);
    let row = (1..=range.end().map_or(0, |(r, _)| r))
        .find(|&r| text(&range, r, 0) == "Total")
        .unwrap_or_else(|| panic!("{sheet} has a Total row"));
    money(&range, row, col).unwrap_or_else(|| panic!("{sheet} total"))
}

#[test]
fn libreoffice_recalculates_and_resaves_every_workbook_with_the_same_totals() {
    let soffice = ["soffice", "libreoffice"]
        .into_iter()
        .find(|program| {
            Command::new(program)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect(
            "LibreOffice (soffice) is not installed: `apt-get install -y --no-install-recommends \
             libreoffice-calc-nogui` (scripts/setup.sh installs it with POOLED_SETUP_TESTS=1)",
        );

    let dir = scratch("libreoffice");
    let (inputs, outputs) = (dir.join("in"), dir.join("out"));
    std::fs::create_dir_all(&inputs).expect("in");
    let all = examples();
    // The demo plans and the example with most rules, each written as Pooled writes it and also
    // with its cached totals blanked out (only recalculation can restore those).
    let chosen: Vec<&Example> = all
        .iter()
        .filter(|e| {
            e.name.contains("2025-26")
                || e.name == "tiered-bands-caps"
                || e.name == "reserve-and-offsets"
        })
        .collect();
    assert!(chosen.len() >= 3, "the demo plans and examples");
    let mut files = Vec::new();
    for example in &chosen {
        let bytes = write(&example.document, &example.outcome).expect("written");
        for (suffix, content) in [
            ("", bytes.clone()),
            ("-blanked", without_cached_totals(&bytes)),
        ] {
            let path = inputs.join(format!("{}{suffix}.xlsx", example.name));
            std::fs::write(&path, content).expect("write input");
            files.push(path);
        }
    }
    let status = Command::new(soffice)
        .arg(profile(&dir))
        .args([
            "--headless",
            "--norestore",
            "--calc",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(&outputs)
        .args(&files)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );

    for example in &chosen {
        let budget = example.outcome.totals.budget;
        let income = example.outcome.totals.income;
        let forecast = Money::checked_sum(
            example
                .document
                .schemes
                .iter()
                .filter_map(|s| s.forecast.as_ref().map(|f| amount(f.as_str()))),
        )
        .expect("sum");
        let contributions =
            Money::checked_sum(example.outcome.partners.iter().map(|p| p.contribution))
                .expect("sum");
        for suffix in ["", "-blanked"] {
            let path = outputs.join(format!("{}{suffix}.xlsx", example.name));
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}", path.display()));
            let mut book = open(&bytes);
            assert_eq!(book.sheet_names(), SHEETS);
            let at = format!("{}{suffix}", example.name);
            assert_eq!(total(&mut book, "Income", 4), income, "{at}");
            assert_eq!(total(&mut book, "Expenditure", 10), budget, "{at}");
            assert_eq!(total(&mut book, "Expenditure", 11), forecast, "{at}");
            assert_eq!(
                total(&mut book, "Partners' positions", 1),
                contributions,
                "{at}"
            );
            // The re-saved workbook still has the plan's own figures, cell for cell, and reads
            // back to the plan.
            check_workbook(example, &bytes);
            assert_reads_back(example, &bytes, &at);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
