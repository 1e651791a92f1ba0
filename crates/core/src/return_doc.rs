//! The in-year return document (`pooled-return/1`, monitoring spec §1) as written: each
//! scheme's spend to date and forecast outturn for one period. Read from JSON or from a
//! workbook (workbook spec §6); what monitoring does with it is `monitoring.md`'s.

use serde::{Deserialize, Serialize};

/// The format name a return document carries.
pub const RETURN_FORMAT: &str = "pooled-return/1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ReturnDocument {
    pub format: String,
    /// `M1` … `M12` (M1 = April) or `Q1` … `Q4`.
    pub period: String,
    pub lines: Vec<ReturnLine>,
}

/// One scheme's line; amounts as text in pounds and pence, like the plan's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ReturnLine {
    pub scheme: String,
    pub actual_to_date: String,
    pub forecast: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub comment: Option<String>,
}
