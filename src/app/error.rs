//! Errors as the window receives them: a stable code, a message in words, and the findings that
//! stopped a save so each can be shown next to its field.

use serde::Serialize;

use crate::findings::Finding;
use crate::report::ReportError;
use crate::store::StoreError;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// `S-…` from the store, or `A-…` for a request the app itself could not make sense of.
    pub code: String,
    pub message: String,
    /// For `S-INVALID-PLAN`: every error the change would have caused.
    pub findings: Vec<Finding>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError {
            code: code.to_owned(),
            message: message.into(),
            findings: Vec::new(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        let findings = match &error {
            StoreError::InvalidPlan(findings) => findings.clone(),
            _ => Vec::new(),
        };
        let message = match &error {
            StoreError::InvalidPlan(findings) if findings.len() == 1 => {
                format!("Nothing was saved: {}", findings[0].message)
            }
            _ => error.to_string(),
        };
        AppError {
            code: error.code().to_owned(),
            message,
            findings,
        }
    }
}

/// Why no board paper was made: `A-PAPER` (with the plan's errors, if that is why), or the
/// store's own code when the scenario could not be read.
impl From<ReportError> for AppError {
    fn from(error: ReportError) -> AppError {
        let message = error.to_string();
        match error {
            ReportError::Store(error) => error.into(),
            ReportError::InvalidPlan(findings) => AppError {
                code: "A-PAPER".to_owned(),
                message,
                findings,
            },
            _ => AppError::new("A-PAPER", message),
        }
    }
}
