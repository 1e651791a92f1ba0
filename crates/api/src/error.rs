//! Errors as the command line and the window receive them: a stable code, a message in words,
//! and the findings that stopped an action so each can be shown next to its field.

use pooled_core::findings::Finding;
use pooled_core::plan::edit::EditError;
use pooled_report::ReportError;
use pooled_store::StoreError;
use pooled_workbook::SheetFinding;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize, ts_rs::TS, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    /// `S-…` from the store, or `A-…` for a request the API itself could not carry out.
    pub code: String,
    pub message: String,
    /// For a plan with errors (`S-INVALID-PLAN`, `A-INVALID-PLAN`, `A-PAPER`): every error.
    pub findings: Vec<Finding>,
    /// For a spreadsheet that cannot be read (`A-WORKBOOK`): every problem, at its cell.
    pub cells: Vec<SheetFinding>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError {
            code: code.to_owned(),
            message: message.into(),
            findings: Vec::new(),
            cells: Vec::new(),
        }
    }

    /// A spreadsheet (or a plan to be written as one) with errors: every one, at its cell.
    pub fn unreadable_sheet(message: impl Into<String>, cells: Vec<SheetFinding>) -> AppError {
        AppError {
            code: "A-WORKBOOK".to_owned(),
            message: message.into(),
            findings: Vec::new(),
            cells,
        }
    }

    /// Whether the action was refused because a spreadsheet has errors (exit 2).
    pub fn is_unreadable_sheet(&self) -> bool {
        !self.cells.is_empty()
    }

    /// The errors of a plan, with a summary of why nothing was done.
    pub fn invalid_plan(
        code: &str,
        message: impl Into<String>,
        findings: Vec<Finding>,
    ) -> AppError {
        AppError {
            code: code.to_owned(),
            message: message.into(),
            findings,
            cells: Vec::new(),
        }
    }

    /// Whether the action was refused because a plan has errors (the command line's exit 2).
    pub fn is_invalid_plan(&self) -> bool {
        self.findings.iter().any(Finding::is_error)
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
            cells: Vec::new(),
        }
    }
}

impl From<EditError> for AppError {
    fn from(error: EditError) -> AppError {
        StoreError::from(error).into()
    }
}

/// Why no board paper was made: `A-PAPER`, with the plan's errors if that is why.
impl From<ReportError> for AppError {
    fn from(error: ReportError) -> AppError {
        let message = error.to_string();
        match error {
            ReportError::InvalidPlan(findings) => {
                AppError::invalid_plan("A-PAPER", message, findings)
            }
            _ => AppError::new("A-PAPER", message),
        }
    }
}
