//! Reading plan text into a [`PlanDocument`]. Anything that stops the document being understood
//! (bad JSON, a wrong type, an unknown or missing field, an unknown list value) is one `E-FORMAT`
//! finding naming the JSON path and line; every other check belongs to validation.

use serde::{Deserialize, Serialize};

use super::document::{PLAN_FORMAT, PlanDocument};
use super::objects_only::objects_only;
use crate::findings::{Code, Finding};

/// Reads a plan from bytes, which must be UTF-8 JSON.
pub fn read_plan_bytes(bytes: &[u8]) -> Result<PlanDocument, Finding> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Finding::new(
            Code::Format,
            "",
            format!("The file is not a plan: it is not UTF-8 text ({e})."),
        )
    })?;
    read_plan(text)
}

/// Reads a plan from JSON text.
pub fn read_plan(text: &str) -> Result<PlanDocument, Finding> {
    // A plan that reads is read once, without tracking where the reader is; only a plan that
    // does not is read again to say why, and where.
    let mut deserializer = serde_json::Deserializer::from_str(text);
    if let Ok(document) = PlanDocument::deserialize(&mut deserializer)
        && deserializer.end().is_ok()
        && document.format == PLAN_FORMAT
    {
        return Ok(document);
    }
    explain(text)
}

/// Why a plan does not read, as one finding.
fn explain(text: &str) -> Result<PlanDocument, Finding> {
    check_format_first(text)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let document: PlanDocument =
        serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
            let path = error.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let inner = error.into_inner();
            let place = if path.is_empty() {
                String::new()
            } else {
                format!(" at {path}")
            };
            Finding::new(
                Code::Format,
                path,
                format!("The plan could not be read{place}: {inner}."),
            )
        })?;
    deserializer.end().map_err(|e| {
        Finding::new(
            Code::Format,
            "",
            format!("The plan could not be read: unexpected text after the plan ({e})."),
        )
    })?;
    Ok(document)
}

/// Just the `format` field of a document, whatever else it holds.
#[derive(Serialize, Deserialize)]
#[serde(remote = "Self")]
struct FormatOnly {
    format: Option<serde_json::Value>,
}
objects_only!(FormatOnly);

/// A document of another format would otherwise fail on its first unfamiliar field, which would
/// hide the real reason; so the `format` field is looked at before anything else.
fn check_format_first(text: &str) -> Result<(), Finding> {
    let Ok(FormatOnly {
        format: Some(format),
    }) = serde_json::from_str::<FormatOnly>(text)
    else {
        return Ok(()); // unreadable or without `format`: the full read will say why
    };
    if format.as_str() == Some(PLAN_FORMAT) {
        return Ok(());
    }
    Err(Finding::new(
        Code::Format,
        "format",
        format!(
            "This is not a Pooled plan: \"format\" is {format}, and this version reads only \"{PLAN_FORMAT}\"."
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"format": "pooled-plan/1", "name": "P", "financial_year": "2025-26",
        "partners": [{"id": "la", "name": "Council", "kind": "council"}], "host": "la",
        "streams": [], "schemes": []}"#;

    #[test]
    fn reads_a_minimal_plan() {
        let plan = read_plan(MINIMAL).unwrap();
        assert_eq!(plan.partners[0].id, "la");
        assert_eq!(plan.instalments, None);
    }

    #[test]
    fn names_the_path_of_a_structural_problem() {
        let bad = MINIMAL.replace(r#""kind": "council""#, r#""kind": "county""#);
        let finding = read_plan(&bad).unwrap_err();
        assert_eq!(
            (finding.code, finding.path.as_str()),
            (Code::Format, "partners[0].kind")
        );
        assert!(
            finding.message.contains("unknown variant `county`"),
            "{}",
            finding.message
        );
        assert!(finding.message.contains("line 2"), "{}", finding.message);

        let extra = MINIMAL.replace(r#""host": "la","#, r#""host": "la", "hots": 1,"#);
        assert_eq!(read_plan(&extra).unwrap_err().path, "hots");
        let missing = MINIMAL.replace(r#""host": "la","#, "");
        assert!(
            read_plan(&missing)
                .unwrap_err()
                .message
                .contains("missing field `host`")
        );
    }

    #[test]
    fn objects_written_as_arrays_are_refused() {
        let whole = r#"["pooled-plan/1","P",null,"2025-26",[["la","C","council"]],"la",[],[]]"#;
        let finding = read_plan(whole).unwrap_err();
        assert_eq!((finding.code, finding.path.as_str()), (Code::Format, ""));
        assert!(
            finding.message.contains("expected an object"),
            "{}",
            finding.message
        );
        let partner = MINIMAL.replace(
            r#"{"id": "la", "name": "Council", "kind": "council"}"#,
            r#"["la", "Council", "council"]"#,
        );
        let finding = read_plan(&partner).unwrap_err();
        assert_eq!(
            (finding.code, finding.path.as_str()),
            (Code::Format, "partners[0]")
        );
        assert!(
            finding
                .message
                .contains("expected an object with named fields"),
            "{}",
            finding.message
        );
    }

    #[test]
    fn refuses_other_formats_and_non_json() {
        let other = MINIMAL.replace("pooled-plan/1", "pooled-plan/2");
        let finding = read_plan(&other).unwrap_err();
        assert_eq!(
            (finding.code, finding.path.as_str()),
            (Code::Format, "format")
        );
        assert_eq!(read_plan("not json").unwrap_err().code, Code::Format);
        assert_eq!(
            read_plan(&format!("{MINIMAL} {{}}")).unwrap_err().code,
            Code::Format
        );
        assert_eq!(
            read_plan_bytes(&[0xff, 0xfe]).unwrap_err().code,
            Code::Format
        );
    }
}
