//! Findings: errors, breaches and warnings about a plan, each with a stable code and a path.

use std::fmt;

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Breach,
    Warning,
}

/// Every finding code the spec defines (§2, §3, §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, ts_rs::TS)]
pub enum Code {
    #[serde(rename = "E-FORMAT")]
    Format,
    #[serde(rename = "E-YEAR")]
    Year,
    #[serde(rename = "E-AMOUNT")]
    Amount,
    #[serde(rename = "E-WEIGHT")]
    Weight,
    #[serde(rename = "E-DUPLICATE-ID")]
    DuplicateId,
    #[serde(rename = "E-UNKNOWN-REF")]
    UnknownRef,
    #[serde(rename = "E-JOINT-SPLIT")]
    JointSplit,
    #[serde(rename = "E-OVERFUNDED")]
    Overfunded,
    #[serde(rename = "E-RULE")]
    Rule,
    #[serde(rename = "E-DATE")]
    Date,
    /// A workbook or CSV that cannot be read as a plan or a return (workbook spec §5).
    #[serde(rename = "E-WORKBOOK")]
    Workbook,
    /// A return's period that is missing, not a period, or given twice differently.
    #[serde(rename = "E-PERIOD")]
    Period,
    #[serde(rename = "B-SOCIAL-CARE")]
    SocialCareBreach,
    #[serde(rename = "B-OUT-OF-HOSPITAL")]
    OutOfHospitalBreach,
    #[serde(rename = "W-UNALLOCATED")]
    Unallocated,
    #[serde(rename = "W-ZERO-WEIGHTS")]
    ZeroWeights,
    #[serde(rename = "W-UNCOVERED")]
    Uncovered,
    #[serde(rename = "W-AGREED-DIFFERS")]
    AgreedDiffers,
    #[serde(rename = "W-OVERCOMMITTED")]
    Overcommitted,
    #[serde(rename = "W-CONTRACT-OUTSIDE-YEAR")]
    ContractOutsideYear,
}

impl Code {
    /// The code as written in documents, e.g. `E-FORMAT`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Format => "E-FORMAT",
            Code::Year => "E-YEAR",
            Code::Amount => "E-AMOUNT",
            Code::Weight => "E-WEIGHT",
            Code::DuplicateId => "E-DUPLICATE-ID",
            Code::UnknownRef => "E-UNKNOWN-REF",
            Code::JointSplit => "E-JOINT-SPLIT",
            Code::Overfunded => "E-OVERFUNDED",
            Code::Rule => "E-RULE",
            Code::Date => "E-DATE",
            Code::Workbook => "E-WORKBOOK",
            Code::Period => "E-PERIOD",
            Code::SocialCareBreach => "B-SOCIAL-CARE",
            Code::OutOfHospitalBreach => "B-OUT-OF-HOSPITAL",
            Code::Unallocated => "W-UNALLOCATED",
            Code::ZeroWeights => "W-ZERO-WEIGHTS",
            Code::Uncovered => "W-UNCOVERED",
            Code::AgreedDiffers => "W-AGREED-DIFFERS",
            Code::Overcommitted => "W-OVERCOMMITTED",
            Code::ContractOutsideYear => "W-CONTRACT-OUTSIDE-YEAR",
        }
    }

    /// The severity is fixed by the code's letter.
    pub fn severity(self) -> Severity {
        match self.as_str().as_bytes()[0] {
            b'E' => Severity::Error,
            b'B' => Severity::Breach,
            _ => Severity::Warning,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: what is wrong, in words for a finance officer, and where (a JSON path).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub path: String,
}

impl Finding {
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            severity: code.severity(),
            code,
            message: message.into(),
            path: path.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    /// One line for a person: `error E-YEAR at financial_year: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Breach => "breach",
            Severity::Warning => "warning",
        };
        if self.path.is_empty() {
            write!(f, "{severity} {}: {}", self.code, self.message)
        } else {
            write!(
                f,
                "{severity} {} at {}: {}",
                self.code, self.path, self.message
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_follows_the_code() {
        assert_eq!(Code::Format.severity(), Severity::Error);
        assert_eq!(Code::OutOfHospitalBreach.severity(), Severity::Breach);
        assert_eq!(Code::ContractOutsideYear.severity(), Severity::Warning);
    }

    #[test]
    fn serialises_codes_as_written_in_the_spec() {
        let finding = Finding::new(Code::Unallocated, "streams[0]", "£1.00 is not allocated");
        let json = serde_json::to_string(&finding).unwrap();
        assert_eq!(
            json,
            r#"{"severity":"warning","code":"W-UNALLOCATED","message":"£1.00 is not allocated","path":"streams[0]"}"#
        );
        assert_eq!(
            finding.to_string(),
            "warning W-UNALLOCATED at streams[0]: £1.00 is not allocated"
        );
    }
}
