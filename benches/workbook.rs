//! Spreadsheets at the sizes the workbook issue names: writing Pooled's workbook of a
//! 10,000-scheme plan with its outcome, reading it back, and reading a 10,000-row
//! BCF-template-shaped expenditure workbook and CSV. Run with `cargo bench --bench workbook`;
//! results are in BENCHMARKS.md.

use criterion::{Criterion, criterion_group, criterion_main};
use pooled_core::assess::{Assessment, assess_document};
use pooled_core::plan::read_plan_bytes;
use pooled_workbook::{ReadOptions, own_layout, read};
use pooled_workload::to_file_text;

/// The generated 10,000-scheme pool, and its outcome.
fn plan() -> (
    pooled_core::plan::PlanDocument,
    pooled_core::outcome::Outcome,
) {
    let text = to_file_text(&pooled_workload::pool(10_000));
    let document = read_plan_bytes(text.as_bytes()).expect("the workload reads");
    let Assessment::Evaluated(outcome) = assess_document(&document) else {
        panic!("the workload evaluates")
    };
    (document, *outcome)
}

/// The header and 10,000 funding lines of a BCF-template-shaped Expenditure table (a council
/// and an ICB, as the template has): 4,000 schemes of one to four lines each, every kind of
/// commissioner, amounts with pence.
fn template_rows() -> Vec<Vec<String>> {
    const TYPES: [&str; 4] = [
        "Home-based intermediate care services",
        "Bed based intermediate Care Services",
        "Carers Services",
        "Residential Placements",
    ];
    const SOURCES: [&str; 4] = [
        "Minimum NHS Contribution",
        "iBCF",
        "DFG",
        "Additional LA Contribution",
    ];
    let mut rows = vec![
        [
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
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for line in 0..10_000_usize {
        let scheme = line * 2 / 5 + 1;
        let (commissioner, nhs, la) = match scheme % 3 {
            0 => ("Local Authority", "", ""),
            1 => ("ICB", "", ""),
            _ => ("Joint", "60", "40"),
        };
        rows.push(vec![
            format!("S{scheme:05}"),
            format!("Scheme {scheme}"),
            "Services for people leaving hospital".to_owned(),
            TYPES[scheme % 4].to_owned(),
            "Social Care".to_owned(),
            commissioner.to_owned(),
            nhs.to_owned(),
            la.to_owned(),
            "Private Sector".to_owned(),
            SOURCES[line % 4].to_owned(),
            format!("{}.{:02}", 10_000 + line * 37, line % 100),
        ]);
    }
    rows
}

/// The table as an XLSX workbook: an Expenditure sheet, amounts as number cells.
fn template_workbook(rows: &[Vec<String>]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Expenditure").expect("a sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match text.parse::<f64>() {
                Ok(number) if r > 0 && c == 10 => sheet.write_number(r, c, number),
                _ => sheet.write_string(r, c, text),
            }
            .expect("a cell");
        }
    }
    workbook.save_to_buffer().expect("the workbook")
}

/// The table as CSV text.
fn template_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut text = String::new();
    for row in rows {
        let fields: Vec<String> = row.iter().map(|f| format!("\"{f}\"")).collect();
        text.push_str(&fields.join(","));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

fn workbooks(c: &mut Criterion) {
    let (document, outcome) = plan();
    let own = own_layout::write::write(&document, &outcome).expect("writes");
    let rows = template_rows();
    let template = template_workbook(&rows);
    let csv = template_csv(&rows);
    let options = ReadOptions {
        year: Some(document.financial_year.clone()),
        period: None,
    };
    let template_options = ReadOptions {
        year: Some("2025-26".to_owned()),
        period: None,
    };
    let mut group = c.benchmark_group("workbook, 10,000 schemes");
    group.sample_size(10);
    group.bench_function("write Pooled's workbook with the outcome", |b| {
        b.iter(|| own_layout::write::write(&document, &outcome).expect("writes"))
    });
    group.bench_function("read Pooled's workbook", |b| {
        b.iter(|| read(&own, "plan.xlsx", &options).expect("reads"))
    });
    group.bench_function(
        "read a 10,000-line BCF-template-shaped expenditure workbook",
        |b| b.iter(|| read(&template, "expenditure.xlsx", &template_options).expect("reads")),
    );
    group.bench_function("read a 10,000-line expenditure CSV", |b| {
        b.iter(|| read(&csv, "expenditure.csv", &template_options).expect("reads"))
    });
    group.finish();
}

criterion_group!(benches, workbooks);
criterion_main!(benches);
