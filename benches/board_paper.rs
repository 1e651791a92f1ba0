//! How long the board paper of a 500-scheme plan takes: layout and PDF writing, in pounds and
//! in £000 (which adds the controlled rounding), and from plan bytes to PDF bytes.
//! Run with `cargo bench --bench board_paper`; results are in BENCHMARKS.md.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;

use pooled::report::{PaperOptions, Units, board_paper, from_plan_bytes};

/// The demo plan grown to `count` schemes (as the tests grow it): schemes repeated with new
/// ids, streams scaled so that the funding stays within them.
fn large_plan(count: usize) -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/demo/northbrook-2025-26.plan.json"
    );
    let mut plan: Value =
        serde_json::from_slice(&std::fs::read(path).expect("demo plan")).expect("JSON");
    let originals = plan["schemes"].as_array().expect("schemes").clone();
    let copies = count.div_ceil(originals.len());
    for stream in plan["streams"].as_array_mut().expect("streams") {
        let amount: f64 = stream["amount"]
            .as_str()
            .and_then(|a| a.parse().ok())
            .unwrap_or(0.0);
        stream["amount"] = Value::String(format!("{:.2}", (amount * copies as f64).ceil()));
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
    let bytes = large_plan(500);
    let date = NaiveDate::from_ymd_opt(2025, 10, 20).expect("date");
    let input = from_plan_bytes(&bytes, "Benchmark", date).expect("a valid plan");
    let mut group = c.benchmark_group("board paper, 500 schemes");
    group.sample_size(20);
    for (name, units) in [("pounds", Units::Pounds), ("thousands", Units::Thousands)] {
        let options = PaperOptions { units };
        group.bench_function(name, |b| {
            b.iter(|| board_paper(&input, &options).expect("a paper"))
        });
    }
    group.bench_function("plan bytes to PDF, pounds", |b| {
        b.iter(|| {
            let input = from_plan_bytes(&bytes, "Benchmark", date).expect("a valid plan");
            board_paper(&input, &PaperOptions::default()).expect("a paper")
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
