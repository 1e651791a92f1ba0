//! One call from plan text to result: read, validate, and evaluate when there is no error.
//! The command line, the store and the desktop app all go through here.

use serde::Serialize;

use crate::engine::evaluate;
use crate::findings::{Code, Finding};
use crate::outcome::{Outcome, Rejection};
use crate::plan::{Plan, PlanDocument, read_plan_bytes, validate};

/// A plan's result: its outcome, or the errors that stopped evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum Assessment {
    Evaluated(Box<Outcome>),
    Rejected(Rejection),
}

impl Assessment {
    pub fn findings(&self) -> &[Finding] {
        match self {
            Assessment::Evaluated(outcome) => &outcome.findings,
            Assessment::Rejected(rejection) => &rejection.findings,
        }
    }

    /// The outcome document as written to files and standard output: pretty JSON, fixed order.
    pub fn to_json(&self) -> String {
        let mut bytes = Vec::new();
        // Writing into memory cannot fail, and the JSON written is UTF-8.
        let _ = self.write_json(&mut bytes);
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Writes the outcome document (as [`Assessment::to_json`] gives it) to `out` as it is
    /// made, so that a large one is never held twice in memory.
    pub fn write_json<W: std::io::Write>(&self, mut out: W) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

/// Reads, checks and evaluates plan bytes.
pub fn assess_bytes(bytes: &[u8]) -> Assessment {
    match read_plan_bytes(bytes) {
        Ok(document) => assess_document(&document),
        Err(finding) => Assessment::Rejected(Rejection::new(vec![finding])),
    }
}

/// Checks and evaluates a plan document already read.
pub fn assess_document(document: &PlanDocument) -> Assessment {
    match validate(document) {
        Ok(plan) => assess_plan(&plan),
        Err(errors) => Assessment::Rejected(Rejection::new(errors)),
    }
}

/// Evaluates a plan already checked.
pub fn assess_plan(plan: &Plan) -> Assessment {
    match evaluate(plan) {
        Ok(outcome) => Assessment::Evaluated(Box::new(outcome)),
        Err(error) => Assessment::Rejected(Rejection::new(vec![Finding::new(
            Code::Amount,
            "",
            format!("The plan's figures could not be evaluated exactly: {error}."),
        )])),
    }
}
