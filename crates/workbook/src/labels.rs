//! The BCF template's labels (spec §2.2): each closed list's label written and the synonyms read,
//! matched by their normalised form, with a trailing bracketed part dropped when nothing matches.
//! An unknown label's refusal lists the labels written for that column.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use pooled_core::plan::kinds::{
    AreaOfSpend, PartnerKind, ProviderKind, RuleMethod, SchemeType, StreamKind,
};

use crate::text::normalise;

/// A label that matched nothing: the message lists the accepted labels.
pub type Refusal = String;

/// One value of a closed list: the label written, then the other labels read.
struct Entry<T: 'static> {
    value: T,
    written: &'static str,
    also: &'static [&'static str],
}

const fn entry<T>(value: T, written: &'static str, also: &'static [&'static str]) -> Entry<T> {
    Entry {
        value,
        written,
        also,
    }
}

const SCHEME_TYPES: &[Entry<SchemeType>] = &[
    entry(
        SchemeType::AssistiveTechnologies,
        "Assistive Technologies and Equipment",
        &["Assistive Technology", "Assistive Technologies"],
    ),
    entry(
        SchemeType::CareActDuties,
        "Care Act Implementation Related Duties",
        &["Care Act Duties", "Care Act"],
    ),
    entry(
        SchemeType::CarersServices,
        "Carers Services",
        &["Carers", "Support for Carers"],
    ),
    entry(
        SchemeType::CommunityBasedSchemes,
        "Community Based Schemes",
        &["Community Based Services"],
    ),
    entry(
        SchemeType::DfgRelated,
        "DFG Related Schemes",
        &["DFG Related", "Disabled Facilities Grant"],
    ),
    entry(
        SchemeType::EnablersForIntegration,
        "Enablers for Integration",
        &["Enablers"],
    ),
    entry(
        SchemeType::HighImpactChangeModel,
        "High Impact Change Model for Managing Transfer of Care",
        &["High Impact Change Model", "HICM"],
    ),
    entry(
        SchemeType::HomeCare,
        "Home Care or Domiciliary Care",
        &["Home Care", "Domiciliary Care"],
    ),
    entry(
        SchemeType::HousingRelated,
        "Housing Related Schemes",
        &["Housing Related", "Housing"],
    ),
    entry(
        SchemeType::IntegratedCarePlanning,
        "Integrated Care Planning and Navigation",
        &["Integrated Care Planning"],
    ),
    entry(
        SchemeType::BedBasedIntermediateCare,
        "Bed based intermediate Care Services",
        &["Bed Based Intermediate Care"],
    ),
    entry(
        SchemeType::HomeBasedIntermediateCare,
        "Home-based intermediate care services",
        &[
            "Home Based Intermediate Care",
            "Reablement in a Person's Own Home",
            "Reablement",
        ],
    ),
    entry(
        SchemeType::UrgentCommunityResponse,
        "Urgent Community Response",
        &["UCR", "2 Hour Urgent Community Response"],
    ),
    entry(
        SchemeType::PersonalisedBudgeting,
        "Personalised Budgeting and Commissioning",
        &["Personalised Budgeting"],
    ),
    entry(
        SchemeType::PersonalisedCareAtHome,
        "Personalised Care at Home",
        &[],
    ),
    entry(
        SchemeType::PreventionEarlyIntervention,
        "Prevention / Early Intervention",
        &["Prevention", "Early Intervention"],
    ),
    entry(
        SchemeType::ResidentialPlacements,
        "Residential Placements",
        &["Residential Care"],
    ),
    entry(
        SchemeType::WorkforceRecruitmentRetention,
        "Workforce recruitment and retention",
        &["Workforce"],
    ),
    entry(
        SchemeType::RiskReserve,
        "Risk Reserve",
        &["Contingency", "Risk Share", "Risk Pool"],
    ),
    entry(SchemeType::Other, "Other", &[]),
];

/// 2019-20's single intermediate care type, split by its sub type (§2.2).
const INTERMEDIATE_CARE_2019: &str = "intermediate care services";

const AREAS: &[Entry<AreaOfSpend>] = &[
    entry(
        AreaOfSpend::SocialCare,
        "Social Care",
        &["Adult Social Care", "ASC"],
    ),
    entry(AreaOfSpend::CommunityHealth, "Community Health", &[]),
    entry(
        AreaOfSpend::ContinuingCare,
        "Continuing Care",
        &["Continuing Health Care", "CHC"],
    ),
    entry(AreaOfSpend::PrimaryCare, "Primary Care", &[]),
    entry(AreaOfSpend::MentalHealth, "Mental Health", &[]),
    entry(AreaOfSpend::Acute, "Acute", &[]),
    entry(AreaOfSpend::Other, "Other", &[]),
];

const PROVIDERS: &[Entry<ProviderKind>] = &[
    entry(
        ProviderKind::LocalAuthority,
        "Local Authority",
        &["LA", "Council"],
    ),
    entry(
        ProviderKind::NhsCommunity,
        "NHS Community Provider",
        &["NHS Community"],
    ),
    entry(ProviderKind::NhsAcute, "NHS Acute Provider", &["NHS Acute"]),
    entry(
        ProviderKind::NhsMentalHealth,
        "NHS Mental Health Provider",
        &["NHS Mental Health"],
    ),
    entry(
        ProviderKind::Icb,
        "ICB",
        &["CCG", "CCG/ICB", "ICB/CCG", "NHS ICB", "NHS CCG"],
    ),
    entry(
        ProviderKind::PrivateSector,
        "Private Sector",
        &["Independent Sector", "Private"],
    ),
    entry(
        ProviderKind::VoluntarySector,
        "Charity / Voluntary Sector",
        &["Voluntary Sector", "Charity", "Third Sector", "VCSE"],
    ),
    entry(ProviderKind::Other, "Other", &[]),
];

const COMMISSIONERS: &[Entry<CommissionerLabel>] = &[
    entry(
        CommissionerLabel::Council,
        "Local Authority",
        &["LA", "Council"],
    ),
    entry(
        CommissionerLabel::Nhs,
        "ICB",
        &["CCG", "NHS", "CCG/ICB", "ICB/CCG", "NHS ICB", "NHS CCG"],
    ),
    entry(
        CommissionerLabel::Joint,
        "Joint",
        &["Joint Commissioner", "Joint LA and NHS"],
    ),
];

const PARTNER_KINDS: &[Entry<PartnerKind>] = &[
    entry(PartnerKind::Icb, "ICB", &["Integrated Care Board"]),
    entry(PartnerKind::Ccg, "CCG", &["Clinical Commissioning Group"]),
    entry(PartnerKind::Council, "Council", &["Local Authority"]),
    entry(PartnerKind::Other, "Other", &[]),
];

/// iBCF's label from 2025-26 (the grant's renaming).
const IBCF_FROM_2025: &str = "Local Authority Better Care Grant";
const IBCF_BEFORE_2025: &str = "iBCF";

const SOURCES: &[Entry<Source>] = &[
    entry(
        Source {
            id: "nhs-min",
            kind: StreamKind::NhsMinimum,
            nhs_pays: Some(true),
        },
        "Minimum NHS Contribution",
        &[
            "NHS Minimum Contribution",
            "Minimum CCG Contribution",
            "CCG Minimum Contribution",
            "Minimum ICB Contribution",
            "ICB Minimum Contribution",
        ],
    ),
    entry(
        Source {
            id: "ibcf",
            kind: StreamKind::Ibcf,
            nhs_pays: Some(false),
        },
        IBCF_BEFORE_2025,
        &[
            IBCF_FROM_2025,
            "Improved Better Care Fund",
            "LA Better Care Grant",
        ],
    ),
    entry(
        Source {
            id: "dfg",
            kind: StreamKind::Dfg,
            nhs_pays: Some(false),
        },
        "DFG",
        &["Disabled Facilities Grant"],
    ),
    entry(
        Source {
            id: "winter-pressures",
            kind: StreamKind::Other,
            nhs_pays: Some(false),
        },
        "Winter Pressures Grant",
        &["Winter Pressures"],
    ),
    entry(
        Source {
            id: "la-discharge",
            kind: StreamKind::LaDischarge,
            nhs_pays: Some(false),
        },
        "Local Authority Discharge Funding",
        &[
            "LA Discharge Funding",
            "Discharge Fund LA",
            "ASC Discharge Fund LA",
        ],
    ),
    entry(
        Source {
            id: "icb-discharge",
            kind: StreamKind::IcbDischarge,
            nhs_pays: Some(true),
        },
        "ICB Discharge Funding",
        &[
            "NHS Discharge Funding",
            "Discharge Fund ICB",
            "CCG Discharge Funding",
        ],
    ),
    entry(
        Source {
            id: "additional-la",
            kind: StreamKind::AdditionalLa,
            nhs_pays: Some(false),
        },
        "Additional LA Contribution",
        &[
            "Additional Local Authority Contribution",
            "Additional Council Contribution",
        ],
    ),
    entry(
        Source {
            id: "additional-nhs",
            kind: StreamKind::AdditionalNhs,
            nhs_pays: Some(true),
        },
        "Additional NHS Contribution",
        &["Additional ICB Contribution", "Additional CCG Contribution"],
    ),
    entry(
        Source {
            id: "other",
            kind: StreamKind::Other,
            nhs_pays: None,
        },
        "Other",
        &[],
    ),
];

/// The keys a label is matched by: its normalised form, then (when different) the normalised
/// form with a trailing bracketed part removed.
fn keys(label: &str) -> Vec<String> {
    let mut keys = vec![normalise(label)];
    if let Some(stem) = without_trailing_bracket(label) {
        let key = normalise(stem);
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// The text before a trailing `(…)`, nested brackets included. A bracket left open at the end
/// counts too: the template's long labels are often cut short inside their bracket.
fn without_trailing_bracket(label: &str) -> Option<&str> {
    let trimmed = label.trim_end();
    if trimmed.ends_with(')') {
        let mut depth = 0_usize;
        for (at, c) in trimmed.char_indices().rev() {
            match c {
                ')' => depth = depth.saturating_add(1),
                '(' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(&trimmed[..at]);
                    }
                }
                _ => {}
            }
        }
        None
    } else {
        let open = trimmed.rfind('(')?;
        (!trimmed[open..].contains(')')).then(|| &trimmed[..open])
    }
}

fn find<T: Copy>(table: &[Entry<T>], key: &str) -> Option<T> {
    table
        .iter()
        .find(|e| {
            normalised_label(e.written) == key || e.also.iter().any(|a| normalised_label(a) == key)
        })
        .map(|e| e.value)
}

/// The normalised form of one of the tables' own labels, worked out once: the tables are fixed
/// (a few hundred labels), and a 10,000-row sheet looks labels up in every row.
fn normalised_label(label: &'static str) -> &'static str {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let mut cache = CACHE
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(label)
        .or_insert_with(|| Box::leak(normalise(label).into_boxed_str()))
}

fn refusal(label: &str, column: &str, written: &[&str]) -> Refusal {
    format!(
        "'{}' is not {column}; use one of: {}",
        label.trim(),
        written.join(", ")
    )
}

fn written_labels<T>(table: &[Entry<T>]) -> Vec<&'static str> {
    table.iter().map(|e| e.written).collect()
}

fn lookup<T: Copy>(table: &[Entry<T>], label: &str, column: &str) -> Result<T, Refusal> {
    keys(label)
        .iter()
        .find_map(|key| find(table, key))
        .ok_or_else(|| refusal(label, column, &written_labels(table)))
}

fn written<T: Copy + PartialEq>(table: &[Entry<T>], value: T) -> &'static str {
    // Every value of each closed list has an entry (the tests check it); "Other" is a safe
    // fallback rather than a panic.
    table
        .iter()
        .find(|e| e.value == value)
        .map_or("Other", |e| e.written)
}

/// A Scheme Type label; `sub_type` is the row's `Sub Types` cell, which decides 2019-20's
/// `Intermediate Care Services`.
pub fn scheme_type(label: &str, sub_type: Option<&str>) -> Result<SchemeType, Refusal> {
    for key in keys(label) {
        if let Some(kind) = find(SCHEME_TYPES, &key) {
            return Ok(kind);
        }
        if key == INTERMEDIATE_CARE_2019 {
            return Ok(if sub_type.is_some_and(mentions_beds) {
                SchemeType::BedBasedIntermediateCare
            } else {
                SchemeType::HomeBasedIntermediateCare
            });
        }
    }
    Err(refusal(
        label,
        "a Scheme Type",
        &written_labels(SCHEME_TYPES),
    ))
}

/// Whether a sub type names beds: the word `bed` (or its plural, as in "step-down beds").
fn mentions_beds(sub_type: &str) -> bool {
    normalise(sub_type)
        .split(' ')
        .any(|word| word == "bed" || word == "beds")
}

pub fn scheme_type_label(kind: SchemeType) -> &'static str {
    written(SCHEME_TYPES, kind)
}

pub fn area(label: &str) -> Result<AreaOfSpend, Refusal> {
    lookup(AREAS, label, "an Area of Spend")
}

pub fn area_label(area: AreaOfSpend) -> &'static str {
    written(AREAS, area)
}

pub fn provider(label: &str) -> Result<ProviderKind, Refusal> {
    lookup(PROVIDERS, label, "a Provider")
}

pub fn provider_label(provider: ProviderKind) -> &'static str {
    written(PROVIDERS, provider)
}

/// A source of funding (§2.2's table): its source id (`nhs-min`, `ibcf`, …), the stream kind,
/// and who pays it (`Some(true)` the NHS, `Some(false)` the council, `None` for `Other`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    pub id: &'static str,
    pub kind: StreamKind,
    pub nhs_pays: Option<bool>,
}

pub fn source(label: &str) -> Result<Source, Refusal> {
    keys(label)
        .iter()
        .find_map(|key| find(SOURCES, key))
        .ok_or_else(|| {
            // Both of iBCF's names are labels written (before and from 2025-26).
            let mut accepted = written_labels(SOURCES);
            if let Some(at) = accepted.iter().position(|l| *l == IBCF_BEFORE_2025) {
                accepted.insert(at.saturating_add(1), IBCF_FROM_2025);
            }
            refusal(label, "a Source of Funding", &accepted)
        })
}

/// Whether iBCF goes by its 2025-26 name in a financial year such as `"2025-26"`.
fn ibcf_renamed(financial_year: &str) -> bool {
    financial_year
        .trim()
        .get(..4)
        .and_then(|start| start.parse::<u32>().ok())
        .is_some_and(|start| start >= 2025)
}

/// The label written for a source in a financial year (`"2025-26"`: iBCF is Local Authority
/// Better Care Grant from 2025-26).
pub fn source_label(source_id: &str, financial_year: &str) -> &'static str {
    if source_id == "ibcf" && ibcf_renamed(financial_year) {
        return IBCF_FROM_2025;
    }
    SOURCES
        .iter()
        .find(|e| e.value.id == source_id)
        .map_or("Other", |e| e.written)
}

/// The label of a stream kind in Pooled's own workbook (`Other` for `other`).
pub fn stream_kind_label(kind: StreamKind, financial_year: &str) -> &'static str {
    let source_id = match kind {
        StreamKind::NhsMinimum => "nhs-min",
        StreamKind::Ibcf => "ibcf",
        StreamKind::Dfg => "dfg",
        StreamKind::LaDischarge => "la-discharge",
        StreamKind::IcbDischarge => "icb-discharge",
        StreamKind::AdditionalLa => "additional-la",
        StreamKind::AdditionalNhs => "additional-nhs",
        StreamKind::Other => "other",
    };
    source_label(source_id, financial_year)
}

/// The commissioner column of the template (§3.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommissionerLabel {
    Council,
    Nhs,
    Joint,
}

pub fn commissioner(label: &str) -> Result<CommissionerLabel, Refusal> {
    lookup(COMMISSIONERS, label, "a Commissioner")
}

/// Partner kinds as Pooled's own `Partners` sheet writes and reads them.
pub fn partner_kind(label: &str) -> Result<PartnerKind, Refusal> {
    lookup(PARTNER_KINDS, label, "a partner Kind")
}

pub fn partner_kind_label(kind: PartnerKind) -> &'static str {
    written(PARTNER_KINDS, kind)
}

/// Risk-share method labels as Pooled's own workbook writes them (spec §2.1); a tiered rule is
/// told by its band numbers, so `Tiered` is written only for a band nested in a band.
pub const RULE_METHODS: &[(RuleMethod, &str)] = &[
    (
        RuleMethod::ProRataContributions,
        "Pro rata to contributions",
    ),
    (RuleMethod::ProRataCommissioned, "Pro rata to commissioning"),
    (RuleMethod::Fixed, "Fixed shares"),
    (RuleMethod::Host, "Host bears"),
    (RuleMethod::CarryForward, "Carry forward"),
    (RuleMethod::ProRataAmounts, "Pro rata to stated amounts"),
    (RuleMethod::Agreed, "Agreed amounts"),
];

/// The label written for a method.
pub fn rule_method_label(method: RuleMethod) -> &'static str {
    RULE_METHODS
        .iter()
        .find(|(m, _)| *m == method)
        .map_or("Tiered", |(_, label)| label)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Within one table, no normalised label may name two values.
    fn assert_unambiguous<T: Copy + PartialEq + std::fmt::Debug>(table: &[Entry<T>]) {
        let mut seen: Vec<(String, T)> = Vec::new();
        for e in table {
            for label in std::iter::once(&e.written).chain(e.also.iter()) {
                let key = normalise(label);
                if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                    assert_eq!(*other, e.value, "{label} names two values");
                }
                seen.push((key, e.value));
            }
        }
    }

    #[test]
    fn every_scheme_type_round_trips_and_every_synonym_reads() {
        assert_eq!(SCHEME_TYPES.len(), SchemeType::ALL.len());
        for &kind in SchemeType::ALL {
            assert_eq!(scheme_type(scheme_type_label(kind), None), Ok(kind));
        }
        assert_unambiguous(SCHEME_TYPES);
        for e in SCHEME_TYPES {
            for synonym in e.also {
                assert_eq!(scheme_type(synonym, None), Ok(e.value), "{synonym}");
            }
        }
        assert_eq!(
            scheme_type_label(SchemeType::HomeBasedIntermediateCare),
            "Home-based intermediate care services"
        );
        assert_eq!(
            scheme_type("prevention & early intervention", None),
            Err(refusal(
                "prevention & early intervention",
                "a Scheme Type",
                &written_labels(SCHEME_TYPES)
            ))
        );
        assert_eq!(
            scheme_type("  PREVENTION/early-intervention ", None),
            Ok(SchemeType::PreventionEarlyIntervention)
        );
        assert_eq!(
            scheme_type("Reablement in a person’s own home", None),
            Ok(SchemeType::HomeBasedIntermediateCare)
        );
    }

    #[test]
    fn a_trailing_bracket_is_dropped_when_nothing_matches() {
        assert_eq!(
            scheme_type(
                "Bed based intermediate Care Services (Reablement, rehabilitation, wider short-term services)",
                None
            ),
            Ok(SchemeType::BedBasedIntermediateCare)
        );
        // A bracket cut short by the template's column width.
        assert_eq!(
            scheme_type(
                "Bed based intermediate Care Services (Reablement, rehab",
                None
            ),
            Ok(SchemeType::BedBasedIntermediateCare)
        );
        assert_eq!(
            provider("Private Sector (incl. (some) nested)"),
            Ok(ProviderKind::PrivateSector)
        );
        assert_eq!(area("Acute (hospital)"), Ok(AreaOfSpend::Acute));
        assert!(area("Hospital (Acute)").is_err());
        assert_eq!(without_trailing_bracket("Acute"), None);
    }

    #[test]
    fn intermediate_care_of_2019_20_is_split_by_its_sub_type() {
        assert_eq!(
            scheme_type(
                "Intermediate Care Services",
                Some("Step down (discharge to assess pathway-2) beds")
            ),
            Ok(SchemeType::BedBasedIntermediateCare)
        );
        assert_eq!(
            scheme_type(
                "Intermediate Care Services",
                Some("Bed-based intermediate care")
            ),
            Ok(SchemeType::BedBasedIntermediateCare)
        );
        assert_eq!(
            scheme_type(
                "Intermediate care services",
                Some("Reablement/Rehabilitation services")
            ),
            Ok(SchemeType::HomeBasedIntermediateCare)
        );
        // `bed` as a word, not inside another word.
        assert_eq!(
            scheme_type("Intermediate Care Services", Some("Embedded therapy")),
            Ok(SchemeType::HomeBasedIntermediateCare)
        );
        assert_eq!(
            scheme_type("Intermediate Care Services", None),
            Ok(SchemeType::HomeBasedIntermediateCare)
        );
        assert_eq!(
            scheme_type("Intermediate Care Services (2019-20)", Some("beds")),
            Ok(SchemeType::BedBasedIntermediateCare)
        );
    }

    #[test]
    fn an_unknown_scheme_type_lists_the_labels_written() {
        let refused = scheme_type("Intermediate care", None).unwrap_err();
        assert!(
            refused.starts_with(
                "'Intermediate care' is not a Scheme Type; use one of: Assistive Technologies and Equipment, Care Act Implementation Related Duties, "
            ),
            "{refused}"
        );
        assert!(refused.ends_with("Risk Reserve, Other"), "{refused}");
        assert!(scheme_type("", None).is_err());
    }

    #[test]
    fn areas_round_trip_and_read_their_synonyms() {
        assert_eq!(AREAS.len(), AreaOfSpend::ALL.len());
        for &a in AreaOfSpend::ALL {
            assert_eq!(area(area_label(a)), Ok(a));
        }
        assert_unambiguous(AREAS);
        for (label, expected) in [
            ("Adult Social Care", AreaOfSpend::SocialCare),
            ("ASC", AreaOfSpend::SocialCare),
            ("Continuing Health Care", AreaOfSpend::ContinuingCare),
            ("chc", AreaOfSpend::ContinuingCare),
        ] {
            assert_eq!(area(label), Ok(expected), "{label}");
        }
        assert_eq!(
            area("Hospital"),
            Err("'Hospital' is not an Area of Spend; use one of: Social Care, Community Health, Continuing Care, Primary Care, Mental Health, Acute, Other".to_owned())
        );
    }

    #[test]
    fn providers_round_trip_and_read_their_synonyms() {
        assert_eq!(PROVIDERS.len(), ProviderKind::ALL.len());
        for &p in ProviderKind::ALL {
            assert_eq!(provider(provider_label(p)), Ok(p));
        }
        assert_unambiguous(PROVIDERS);
        for e in PROVIDERS {
            for synonym in e.also {
                assert_eq!(provider(synonym), Ok(e.value), "{synonym}");
            }
        }
        assert_eq!(
            provider_label(ProviderKind::VoluntarySector),
            "Charity / Voluntary Sector"
        );
        assert!(provider("GP").unwrap_err().starts_with(
            "'GP' is not a Provider; use one of: Local Authority, NHS Community Provider"
        ));
    }

    #[test]
    fn commissioners_read_every_label() {
        assert_unambiguous(COMMISSIONERS);
        for e in COMMISSIONERS {
            assert_eq!(commissioner(e.written), Ok(e.value));
            for synonym in e.also {
                assert_eq!(commissioner(synonym), Ok(e.value), "{synonym}");
            }
        }
        assert_eq!(commissioner("Joint LA & NHS"), Ok(CommissionerLabel::Joint));
        assert_eq!(
            commissioner("Provider"),
            Err(
                "'Provider' is not a Commissioner; use one of: Local Authority, ICB, Joint"
                    .to_owned()
            )
        );
    }

    #[test]
    fn partner_kinds_round_trip_and_read_their_long_names() {
        assert_eq!(PARTNER_KINDS.len(), PartnerKind::ALL.len());
        for &k in PartnerKind::ALL {
            assert_eq!(partner_kind(partner_kind_label(k)), Ok(k));
        }
        assert_unambiguous(PARTNER_KINDS);
        assert_eq!(partner_kind("Integrated Care Board"), Ok(PartnerKind::Icb));
        assert_eq!(
            partner_kind("Clinical Commissioning Group"),
            Ok(PartnerKind::Ccg)
        );
        assert_eq!(partner_kind("local authority"), Ok(PartnerKind::Council));
        assert_eq!(
            partner_kind("Trust"),
            Err("'Trust' is not a partner Kind; use one of: ICB, CCG, Council, Other".to_owned())
        );
    }

    #[test]
    fn sources_read_every_label_with_their_stream_and_payer() {
        assert_unambiguous(SOURCES);
        for e in SOURCES {
            assert_eq!(source(e.written), Ok(e.value));
            for synonym in e.also {
                assert_eq!(source(synonym), Ok(e.value), "{synonym}");
            }
        }
        let ibcf = source("Local Authority Better Care Grant").unwrap();
        assert_eq!(
            (ibcf.id, ibcf.kind, ibcf.nhs_pays),
            ("ibcf", StreamKind::Ibcf, Some(false))
        );
        let winter = source("Winter Pressures").unwrap();
        assert_eq!(
            (winter.id, winter.kind, winter.nhs_pays),
            ("winter-pressures", StreamKind::Other, Some(false))
        );
        assert_eq!(source("Other").unwrap().nhs_pays, None);
        assert_eq!(
            source("Minimum CCG Contribution").unwrap().nhs_pays,
            Some(true)
        );
        assert_eq!(source("iBCF (grant)").unwrap().id, "ibcf");
        let refused = source("BCF").unwrap_err();
        assert_eq!(
            refused,
            "'BCF' is not a Source of Funding; use one of: Minimum NHS Contribution, iBCF, Local Authority Better Care Grant, DFG, Winter Pressures Grant, Local Authority Discharge Funding, ICB Discharge Funding, Additional LA Contribution, Additional NHS Contribution, Other"
        );
    }

    #[test]
    fn ibcf_takes_the_years_own_name() {
        assert_eq!(source_label("ibcf", "2019-20"), "iBCF");
        assert_eq!(source_label("ibcf", "2024-25"), "iBCF");
        assert_eq!(
            source_label("ibcf", "2025-26"),
            "Local Authority Better Care Grant"
        );
        assert_eq!(
            source_label("ibcf", "2026-27"),
            "Local Authority Better Care Grant"
        );
        assert_eq!(
            source_label("winter-pressures", "2019-20"),
            "Winter Pressures Grant"
        );
        assert_eq!(
            source_label("nhs-min", "2025-26"),
            "Minimum NHS Contribution"
        );
        assert_eq!(source_label("unknown", "2025-26"), "Other");
        assert_eq!(stream_kind_label(StreamKind::Ibcf, "2024-25"), "iBCF");
        assert_eq!(
            stream_kind_label(StreamKind::Ibcf, "2025-26"),
            "Local Authority Better Care Grant"
        );
        assert_eq!(stream_kind_label(StreamKind::Other, "2019-20"), "Other");
    }

    #[test]
    fn every_stream_kind_label_reads_back_as_its_kind() {
        for &kind in StreamKind::ALL {
            for year in ["2019-20", "2025-26"] {
                let label = stream_kind_label(kind, year);
                assert_eq!(source(label).map(|s| s.kind), Ok(kind), "{label}");
            }
        }
    }
}
