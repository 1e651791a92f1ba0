//! A signatory of an agreed version: who signed, in what role, for which body, and when.

use serde::{Deserialize, Serialize};

/// One signatory of an agreed version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SignOff {
    pub name: String,
    pub role: String,
    pub organisation: String,
    /// The date signed, `YYYY-MM-DD`.
    pub date: String,
}
