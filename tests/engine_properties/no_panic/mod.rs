//! No panic on anything: the assessment of any input, and the inputs to try on it (bytes near a
//! plan, random JSON from [`json`], mutated worked examples from [`mutations`]).

mod json;
mod mutations;

use pooled_core::findings::Severity;
use pooled_core::{Assessment, assess_bytes};
use proptest::prelude::*;
use proptest::sample::Index;

pub(crate) use json::json_document;
pub(crate) use mutations::{mutate, mutation};

use crate::checks::{check_outcome, outcome_json};
use crate::generator::evaluate_valid;
use pooled_testkit::fixtures::plan_files;

/// The assessment of any input: never a panic; rejected only with an error finding; and when
/// evaluated, every property of the generated plans holds as well.
pub(crate) fn assess_anything(bytes: &[u8]) {
    match assess_bytes(bytes) {
        Assessment::Rejected(rejection) => {
            assert_eq!(rejection.format, "pooled-outcome/1");
            assert!(
                rejection
                    .findings
                    .iter()
                    .any(|f| f.severity == Severity::Error),
                "rejected without an error: {:?}",
                rejection.findings
            );
        }
        Assessment::Evaluated(outcome) => {
            let text = std::str::from_utf8(bytes).expect("an evaluated plan is UTF-8");
            let (plan, again) = evaluate_valid(text);
            assert_eq!(outcome_json(&again), outcome_json(&outcome));
            check_outcome(&plan, &outcome);
        }
    }
}

/// Bytes near a plan: an example with a few bytes changed, cut short or cut out.
pub(crate) fn edited_example() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<Index>(),
        prop::collection::vec((any::<Index>(), any::<u8>(), 0u8..3), 1..=4),
    )
        .prop_map(|(example, edits)| {
            let all = plan_files();
            let mut bytes = all[example.index(all.len())].1.clone().into_bytes();
            for (at, byte, how) in edits {
                if bytes.is_empty() {
                    break;
                }
                let i = at.index(bytes.len());
                match how {
                    0 => bytes[i] = byte,
                    1 => bytes.truncate(i),
                    _ => {
                        bytes.drain(i..(i + usize::from(byte)).min(bytes.len()));
                    }
                }
            }
            bytes
        })
}
