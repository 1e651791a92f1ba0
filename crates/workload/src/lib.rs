//! Deterministic workloads for the benchmarks: plans of any size shaped like a large pooled fund,
//! a national set shaped like every Health and Wellbeing Board's, and a large workspace. The same
//! arguments always give the same bytes, so they are generated when needed (`pooled generate`)
//! and never committed.

mod national;
mod pool;
mod random;
mod workspace;

pub use national::{NATIONAL_POOLS, national};
pub use pool::pool;
pub use workspace::{WorkspaceShape, WorkspaceTotals, build_workspace};

use serde_json::Value;

use pooled_core::money::Money;

/// Whole pounds in pence.
const fn pounds(n: i64) -> i64 {
    n * 100
}

/// Pence as the amount text plans hold: `123456` → `"1234.56"`.
fn amount(pence: i64) -> Value {
    Value::String(Money::from_pence(pence).to_plain())
}

/// A kind's name as plans write it (`home_care`), from the core's own list.
fn name_of<T: serde::Serialize>(kind: &T) -> Value {
    serde_json::to_value(kind).unwrap_or(Value::Null)
}

/// A plan as a file holds it: pretty JSON with a final newline.
pub fn to_file_text(plan: &Value) -> String {
    serde_json::to_string_pretty(plan).unwrap_or_default() + "\n"
}
