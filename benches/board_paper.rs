//! How long the board paper of a 500-scheme plan takes: layout and PDF writing, in pounds and
//! in £000 (which adds the controlled rounding), and from plan bytes to PDF bytes; for the demo
//! plan grown to 500 schemes (3 partners) and for the 500-scheme benchmark pool (12 partners,
//! whose wide risk-share tables continue below one another).
//! Run with `cargo bench --bench board_paper`; results are in BENCHMARKS.md.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

use pooled_report::{PaperOptions, Units, board_paper, from_plan_bytes};
use pooled_testkit::fixtures::demo_grown;
use pooled_workload::{pool, to_file_text};

fn bench(c: &mut Criterion) {
    let date = NaiveDate::from_ymd_opt(2025, 10, 20).expect("date");
    let plans = [
        (
            "demo grown to 500 schemes",
            serde_json::to_vec(&demo_grown(500)).expect("JSON"),
        ),
        (
            "benchmark pool, 500 schemes, 12 partners",
            to_file_text(&pool(500)).into_bytes(),
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
