//! A plan file on its own, outside any workspace: `pooled evaluate` and `pooled check`.

use std::path::Path;

use pooled_core::assess::{Assessment, assess_bytes};
use pooled_core::plan::{read_plan_bytes, validate};
use pooled_core::rule_reading::{GroupReading, group_readings};

use crate::{AppError, files};

/// Reads, checks and evaluates a plan file.
pub fn assess_file(path: &Path) -> Result<Assessment, AppError> {
    Ok(assess_bytes(&files::read(path, "the plan file")?))
}

/// A plan file checked: its assessment, and (when it has no errors) its rules in words.
pub struct Checked {
    pub assessment: Assessment,
    pub rules: Vec<GroupReading>,
}

pub fn check_file(path: &Path) -> Result<Checked, AppError> {
    let bytes = files::read(path, "the plan file")?;
    let rules = read_plan_bytes(&bytes)
        .ok()
        .and_then(|document| validate(&document).ok())
        .map(|plan| group_readings(&plan))
        .unwrap_or_default();
    Ok(Checked {
        assessment: assess_bytes(&bytes),
        rules,
    })
}
