//! The engine at every size: parse and validate, evaluate, and parse + evaluate + write the
//! outcome document, for one pool of 10 to 100,000 schemes (`pooled generate pool`); and the
//! national set of 153 pools in one process. Criterion reports time per iteration and, through
//! the throughput, per scheme, so linear growth shows as a flat time per scheme.
//! Run with `cargo bench --bench engine`; results are in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

use pooled_core::assess_bytes;
use pooled_core::engine::evaluate;
use pooled_core::plan::{read_plan_bytes, validate};
use pooled_workload::to_file_text;

const SIZES: [usize; 5] = [10, 100, 1_000, 10_000, 100_000];

fn pool(c: &mut Criterion) {
    let plans: Vec<(usize, Vec<u8>)> = SIZES
        .iter()
        .map(|&n| (n, to_file_text(&pooled_workload::pool(n)).into_bytes()))
        .collect();
    let mut group = c.benchmark_group("pool");
    group.sample_size(10);
    for (n, bytes) in &plans {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(
            BenchmarkId::new("parse and validate", n),
            bytes,
            |b, bytes| b.iter(|| validate(&read_plan_bytes(bytes).expect("reads")).expect("valid")),
        );
        let plan = validate(&read_plan_bytes(bytes).expect("reads")).expect("valid");
        group.bench_with_input(BenchmarkId::new("evaluate", n), &plan, |b, plan| {
            b.iter(|| evaluate(plan).expect("evaluates"))
        });
        group.bench_with_input(
            BenchmarkId::new("parse, evaluate and write", n),
            bytes,
            |b, bytes| b.iter(|| assess_bytes(bytes).to_json()),
        );
    }
    group.finish();
}

fn national(c: &mut Criterion) {
    let plans: Vec<Vec<u8>> = pooled_workload::national()
        .iter()
        .map(|p| to_file_text(p).into_bytes())
        .collect();
    let checked: Vec<_> = plans
        .iter()
        .map(|bytes| validate(&read_plan_bytes(bytes).expect("reads")).expect("valid"))
        .collect();
    let mut group = c.benchmark_group("national set, 153 pools");
    group.sample_size(20);
    group.bench_function("evaluate", |b| {
        b.iter(|| {
            for plan in &checked {
                evaluate(plan).expect("evaluates");
            }
        })
    });
    group.bench_function("parse, evaluate and write", |b| {
        b.iter(|| {
            for bytes in &plans {
                assess_bytes(bytes).to_json();
            }
        })
    });
    group.finish();
}

criterion_group!(benches, pool, national);
criterion_main!(benches);
