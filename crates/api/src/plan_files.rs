//! A plan file on its own, outside any workspace: `pooled evaluate` and `pooled check`.

use std::path::Path;

use pooled_core::assess::{Assessment, assess_bytes};
use pooled_core::plan::{read_plan_bytes, validate};
use pooled_core::rule_reading::{GroupReading, group_readings};
use pooled_core::unit_reading::{UnitReading, unit_readings};

use crate::{AppError, files};

/// Reads, checks and evaluates a plan file.
pub fn assess_file(path: &Path) -> Result<Assessment, AppError> {
    Ok(assess_bytes(&files::read(path, "the plan file")?))
}

/// A plan file checked: its assessment, and (when it has no errors) its rules in words and
/// each unit's steps in words.
pub struct Checked {
    pub assessment: Assessment,
    pub rules: Vec<GroupReading>,
    /// Each unit's steps, in the outcome's order (empty when the plan was not evaluated).
    pub units: Vec<UnitReading>,
}

pub fn check_file(path: &Path) -> Result<Checked, AppError> {
    let bytes = files::read(path, "the plan file")?;
    let plan = read_plan_bytes(&bytes)
        .ok()
        .and_then(|document| validate(&document).ok());
    let rules = plan.as_ref().map(group_readings).unwrap_or_default();
    let assessment = assess_bytes(&bytes);
    let units = match (&plan, &assessment) {
        // The outcome's own figures, read out: they cannot fail to add up.
        (Some(plan), Assessment::Evaluated(outcome)) => {
            unit_readings(plan, outcome).unwrap_or_default()
        }
        _ => Vec::new(),
    };
    Ok(Checked {
        assessment,
        rules,
        units,
    })
}
