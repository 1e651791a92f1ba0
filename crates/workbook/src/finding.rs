//! What a reading found: each finding with its code, the cell it is about (`Expenditure!H14`,
//! or `K14` in a CSV) and, for findings from the plan's own validation, the plan path.

use pooled_core::findings::{Code, Finding, Severity};
use serde::Serialize;

/// One finding about a spreadsheet (workbook spec §5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct SheetFinding {
    pub severity: Severity,
    pub code: Code,
    /// The cell, as `SHEET!A1` (§1.2); absent for a finding about the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cell: Option<String>,
    /// The message; it starts with the cell reference when there is one.
    pub message: String,
    /// The plan path, for a finding from the plan's own validation (`calculation.md` §2).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
}

impl SheetFinding {
    /// An `E-WORKBOOK` error at a cell: the message is prefixed with the cell reference.
    pub fn at(cell: &str, message: impl AsRef<str>) -> SheetFinding {
        SheetFinding::coded_at(Code::Workbook, cell, message)
    }

    /// An error of any code at a cell.
    pub fn coded_at(code: Code, cell: &str, message: impl AsRef<str>) -> SheetFinding {
        SheetFinding {
            severity: code.severity(),
            code,
            cell: Some(cell.to_owned()),
            message: format!("{cell}: {}", message.as_ref()),
            path: None,
        }
    }

    /// An `E-WORKBOOK` error about the whole file (no cell).
    pub fn file(message: impl Into<String>) -> SheetFinding {
        SheetFinding {
            severity: Severity::Error,
            code: Code::Workbook,
            cell: None,
            message: message.into(),
            path: None,
        }
    }

    /// A finding of the plan's own validation, placed at `cell` when the plan path came from one.
    pub fn from_plan(finding: &Finding, cell: Option<&str>) -> SheetFinding {
        SheetFinding {
            severity: finding.severity,
            code: finding.code,
            cell: cell.map(str::to_owned),
            message: match cell {
                Some(cell) => format!("{cell}: {}", finding.message),
                None => finding.message.clone(),
            },
            path: Some(finding.path.clone()),
        }
    }
}

/// The findings document written by `pooled convert` and `pooled import` on failure:
/// `{"format": "pooled-findings/1", "findings": […]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Findings {
    pub format: String,
    pub findings: Vec<SheetFinding>,
}

impl Findings {
    pub fn new(findings: Vec<SheetFinding>) -> Findings {
        Findings {
            format: "pooled-findings/1".to_owned(),
            findings,
        }
    }
}
