//! How long the board paper of a 500-scheme plan takes: layout and PDF writing, in pounds and
//! in £000 (which adds the controlled rounding), and from plan bytes to PDF bytes; for the demo
//! plan grown to 500 schemes (3 partners) and for the 500-scheme benchmark pool (12 partners,
//! whose wide risk-share tables continue below one another).
//! Run with `cargo bench --bench board_paper`; results are in BENCHMARKS.md.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;

use pooled_core::money::Money;
use pooled_report::{PaperOptions, Units, board_paper, from_plan_bytes};
use pooled_workload;

/// The demo plan grown to `count` schemes (as the tests grow it): schemes repeated with new
/// ids, streams scaled exactly so that the funding stays within them.
fn demo_grown(count: usize) -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/demo/northbrook-2025-26.plan.json"
    );
    let mut plan: Value =
        serde_json::from_slice(&std::fs::read(path).expect("demo plan")).expect("JSON");
    let originals = plan["schemes"].as_array().expect("schemes").clone();
    let copies = count.div_ceil(originals.len()) as i64;
    for stream in plan["streams"].as_array_mut().expect("streams") {
        let amount = Money::parse(stream["amount"].as_str().unwrap_or("0")).expect("amount");
        stream["amount"] = Value::String(Money::from_pence(amount.pence() * copies).to_plain());
    }
    let schemes: Vec<Value> = (0..count)
        .map(|i| {
            let mut scheme = originals[i % originals.len()].clone();
            if i >= originals.len() {
                let id = format!(
                    "{}-{}",
                    scheme["id"].as_str().unwrap_or("S"),
                    i / originals.len()
                );
                scheme["id"] = Value::String(id);
            }
            scheme
        })
        .collect();
    plan["schemes"] = Value::Array(schemes);
    serde_json::to_vec(&plan).expect("JSON")
}

fn bench(c: &mut Criterion) {
    let date = NaiveDate::from_ymd_opt(2025, 10, 20).expect("date");
    let plans = [
        ("demo grown to 500 schemes", demo_grown(500)),
        (
            "benchmark pool, 500 schemes, 12 partners",
            workload::to_file_text(&workload::pool(500)).into_bytes(),
        ),
    ];
    for (name, bytes) in &plans {
        let input = from_plan_bytes(bytes, "Benchmark", date).expect("a valid plan");
        let mut group = c.benchmark_group(format!("board paper, {name}"));
        group.sample_size(20);
        for (units_name, units) in [("pounds", Units::Pounds), ("thousands", Units::Thousands)] {
            let options = PaperOptions { units };
            group.bench_function(units_name, |b| {
                b.iter(|| board_paper(&input, &options).expect("a paper"))
            });
        }
        group.bench_function("plan bytes to PDF, pounds", |b| {
            b.iter(|| {
                let input = from_plan_bytes(bytes, "Benchmark", date).expect("a valid plan");
                board_paper(&input, &PaperOptions::default()).expect("a paper")
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
