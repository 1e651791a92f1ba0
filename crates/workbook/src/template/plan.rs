//! Building the plan document from what was read (spec §3.3–3.5), with a map from each plan
//! path to the cell it came from, so that the plan's own rules are reported at their cells
//! (§3.6); fields that failed on reading have stand-ins and are not reported again (§5).

use std::collections::HashMap;

use pooled_core::findings::Severity;
use pooled_core::plan::PLAN_FORMAT;
use pooled_core::plan::document::{
    CommissionerDoc, FundingDoc, JointDoc, PartnerDoc, PlanDocument, SchemeDoc, StreamDoc,
};
use pooled_core::plan::entries::Entries;
use pooled_core::plan::kinds::{AreaOfSpend, PartnerKind, ProviderKind, SchemeType};
use pooled_core::plan::number_text::NumberText;

use crate::amount::{amount_text, weight_text};
use crate::finding::SheetFinding;
use crate::labels;

use super::cells::Problems;
use super::cover::Cover;
use super::rows::{Commission, SchemeRead};
use super::streams::StreamRead;

/// The council's partner id.
const COUNCIL: &str = "council";

/// Where each plan path came from, and the paths whose values are stand-ins for cells that
/// failed (already reported).
#[derive(Debug, Default)]
pub struct Places {
    /// Whether cells are recorded: only when validation has found something to place, since
    /// a 10,000-row sheet has tens of thousands of paths.
    record: bool,
    cells: HashMap<String, String>,
    failed: Vec<String>,
}

impl Places {
    fn put(&mut self, path: String, cell: Option<String>) {
        if let Some(cell) = cell {
            self.cells.insert(path, cell);
        }
    }

    fn fail(&mut self, path: String) {
        self.failed.push(path);
    }

    /// The cell of a path, or of the nearest enclosing path that has one
    /// (`schemes[2].funding[0]` → `schemes[2]`).
    pub fn cell_of(&self, path: &str) -> Option<&String> {
        let mut path = path;
        loop {
            if let Some(cell) = self.cells.get(path) {
                return Some(cell);
            }
            path = &path[..path.rfind(['.', '['])?];
        }
    }

    /// Whether a path is, or lies inside, a stand-in.
    pub fn is_failed(&self, path: &str) -> bool {
        self.failed.iter().any(|f| {
            path.strip_prefix(f.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        })
    }
}

/// A plan document and where its parts came from.
#[derive(Debug)]
pub struct Built {
    pub plan: PlanDocument,
    pub places: Places,
}

#[derive(Clone, Copy)]
pub struct Parts<'a> {
    pub year: &'a str,
    pub cover: &'a Cover,
    pub schemes: &'a [SchemeRead],
    pub streams: &'a [StreamRead],
    /// Sources the Income table lacks (reported already).
    pub missing_sources: &'a [&'static str],
}

/// Whether a financial year is before 2022-23, when CCGs were the NHS partners.
fn before_icbs(year: &str) -> bool {
    year.get(..4)
        .and_then(|y| y.parse::<u32>().ok())
        .is_some_and(|y| y < 2022)
}

/// The plan (§3.3): two partners, host the council, name and area from the HWB.
pub fn build(parts: &Parts<'_>) -> Built {
    build_recording(parts, false)
}

fn build_recording(parts: &Parts<'_>, record: bool) -> Built {
    let Parts {
        year,
        cover,
        schemes,
        streams,
        missing_sources,
    } = *parts;
    let (nhs_id, nhs_kind, nhs_word) = if before_icbs(year) {
        ("ccg", PartnerKind::Ccg, "CCG")
    } else {
        ("icb", PartnerKind::Icb, "ICB")
    };
    let council_name = match (&cover.council, &cover.hwb) {
        (Some(name), _) => name.clone(),
        (None, Some(hwb)) => format!("{hwb} Council"),
        (None, None) => "Council".to_owned(),
    };
    let partners = vec![
        PartnerDoc {
            id: COUNCIL.to_owned(),
            name: council_name,
            kind: PartnerKind::Council,
            code: None,
        },
        PartnerDoc {
            id: nhs_id.to_owned(),
            name: cover.nhs.clone().unwrap_or_else(|| nhs_word.to_owned()),
            kind: nhs_kind,
            code: None,
        },
    ];
    let mut places = Places {
        record,
        ..Places::default()
    };
    let payer = |nhs: bool| if nhs { nhs_id } else { COUNCIL };

    let stream_docs = streams
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let path = format!("streams[{k}]");
            if places.record {
                places.put(path.clone(), Some(s.amount_cell.clone()));
                places.put(format!("{path}.partner"), Some(s.payer_cell.clone()));
            }
            if s.nhs_pays.is_none() {
                places.fail(format!("{path}.partner"));
            }
            if s.failed {
                places.fail(path);
            }
            StreamDoc {
                id: s.source.id.to_owned(),
                name: labels::source_label(s.source.id, year).to_owned(),
                kind: s.source.kind,
                partner: payer(s.nhs_pays.unwrap_or(false)).to_owned(),
                amount: NumberText(amount_text(s.amount)),
            }
        })
        .collect();

    let scheme_docs = schemes
        .iter()
        .enumerate()
        .map(|(i, s)| scheme(i, s, nhs_id, missing_sources, &mut places))
        .collect();

    let name = match &cover.hwb {
        Some(hwb) => format!("{hwb} Better Care Fund {year}"),
        None => format!("Better Care Fund {year}"),
    };
    Built {
        plan: PlanDocument {
            format: PLAN_FORMAT.to_owned(),
            name,
            area: cover.hwb.clone(),
            financial_year: year.to_owned(),
            partners,
            host: COUNCIL.to_owned(),
            streams: stream_docs,
            schemes: scheme_docs,
            risk_share: None,
            requirements: None,
            contracts: None,
            instalments: None,
        },
        places,
    }
}

/// One scheme's document; a field that failed gets a stand-in and its path is marked failed.
fn scheme(
    i: usize,
    s: &SchemeRead,
    nhs_id: &str,
    missing_sources: &[&str],
    places: &mut Places,
) -> SchemeDoc {
    let path = format!("schemes[{i}]");
    if places.record {
        places.put(path.clone(), Some(s.id_cell.clone()));
        places.put(format!("{path}.id"), Some(s.id_cell.clone()));
        places.put(format!("{path}.name"), s.name_cell());
        places.put(format!("{path}.description"), s.description_cell());
        places.put(format!("{path}.type"), s.type_cell());
        places.put(format!("{path}.area_of_spend"), s.area_cell());
        places.put(format!("{path}.provider"), s.provider_cell());
        places.put(format!("{path}.forecast"), s.forecast_cell.clone());
    }
    let mut stand_in = |field: &str, missing: bool| {
        if missing {
            places.fail(format!("{path}.{field}"));
        }
    };
    stand_in("name", s.name_text.is_none());
    stand_in("forecast", s.forecast_failed);
    let commissioner = match s.commissioner {
        Some(Commission::Council) => CommissionerDoc::Partner(COUNCIL.to_owned()),
        Some(Commission::Nhs) => CommissionerDoc::Partner(nhs_id.to_owned()),
        Some(Commission::Joint { la, nhs }) => CommissionerDoc::Joint(JointDoc {
            joint: Entries(vec![
                (COUNCIL.to_owned(), NumberText(weight_text(la))),
                (nhs_id.to_owned(), NumberText(weight_text(nhs))),
            ]),
        }),
        None => {
            stand_in("commissioner", true);
            CommissionerDoc::Partner(COUNCIL.to_owned())
        }
    };
    match s.commissioner {
        _ if !places.record => {}
        Some(Commission::Joint { .. }) => {
            // A joint split is reported at its % NHS cell (§3.6).
            places.put(format!("{path}.commissioner"), s.nhs_cell());
            places.put(format!("{path}.commissioner.joint.{COUNCIL}"), s.la_cell());
            places.put(format!("{path}.commissioner.joint.{nhs_id}"), s.nhs_cell());
        }
        _ => places.put(format!("{path}.commissioner"), s.commissioner_cell()),
    }
    let funding = s
        .lines
        .iter()
        .enumerate()
        .map(|(j, line)| {
            let line_path = format!("{path}.funding[{j}]");
            if places.record {
                places.put(line_path.clone(), Some(line.amount_cell.clone()));
                places.put(
                    format!("{line_path}.amount"),
                    Some(line.amount_cell.clone()),
                );
                places.put(
                    format!("{line_path}.stream"),
                    Some(line.source_cell.clone()),
                );
            }
            let stream = line.source.map_or("", |source| source.id);
            if stream.is_empty() || missing_sources.contains(&stream) {
                places.fail(format!("{line_path}.stream"));
            }
            if line.amount.is_none() {
                places.fail(format!("{line_path}.amount"));
            }
            FundingDoc {
                stream: stream.to_owned(),
                amount: NumberText(line.amount.map_or_else(|| "0.00".to_owned(), amount_text)),
            }
        })
        .collect();
    SchemeDoc {
        id: s.id.clone(),
        name: s.name_text.clone().unwrap_or_default(),
        scheme_type: s.scheme_type().unwrap_or(SchemeType::Other),
        area_of_spend: s.area().unwrap_or(AreaOfSpend::Other),
        commissioner,
        provider: s.provider().unwrap_or(ProviderKind::Other),
        funding,
        forecast: if s.forecast_failed {
            None
        } else {
            s.forecast.map(|f| NumberText(amount_text(f)))
        },
        group: None,
        description: s.description_text.clone(),
    }
}

/// The plan's own rules (§3.6): each error at the cell it comes from; errors about stand-ins
/// or about cells already reported are dropped. Warnings do not stop a reading.
pub fn check(parts: &Parts<'_>, plan: &PlanDocument, p: &mut Problems) {
    let Err(findings) = pooled_core::plan::validate(plan) else {
        return;
    };
    // The same parts give the same document, now with every path's cell.
    let built = build_recording(parts, true);
    for finding in findings.iter().filter(|f| f.severity == Severity::Error) {
        if built.places.is_failed(&finding.path) {
            continue;
        }
        let cell = built.places.cell_of(&finding.path);
        if cell.is_some_and(|c| p.reported(c)) {
            continue;
        }
        p.errors
            .push(SheetFinding::from_plan(finding, cell.map(String::as_str)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_the_nearest_cell_and_stand_ins() {
        let mut places = Places::default();
        places.put("schemes[2]".into(), Some("Expenditure!A9".into()));
        places.put(
            "schemes[2].funding[0].amount".into(),
            Some("Expenditure!L9".into()),
        );
        places.fail("schemes[1].commissioner".into());
        assert_eq!(
            places
                .cell_of("schemes[2].funding[0].amount")
                .map(String::as_str),
            Some("Expenditure!L9")
        );
        assert_eq!(
            places
                .cell_of("schemes[2].funding[1].stream")
                .map(String::as_str),
            Some("Expenditure!A9")
        );
        assert_eq!(places.cell_of("streams"), None);
        assert!(places.is_failed("schemes[1].commissioner.joint.icb"));
        assert!(!places.is_failed("schemes[12].commissioner"));
        assert!(!places.is_failed("schemes[1]"));
    }
}
