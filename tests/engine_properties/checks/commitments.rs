//! Checks of schemes, contracts and commitments, instalments and requirements (spec §3 steps 7–9,
//! §4).

use chrono::NaiveDate;
use pooled_core::findings::Code;
use pooled_core::outcome::Outcome;
use pooled_core::plan::kinds::{AreaOfSpend, StreamKind};
use pooled_core::plan::model::Plan;
use pooled_testkit::plans::partner_pence;

use super::has_finding;
use crate::reference::{contributions, partner_contributions};

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

fn overlap(from: NaiveDate, to: NaiveDate, start: NaiveDate, end: NaiveDate) -> i64 {
    let (first, last) = (from.max(start), to.min(end));
    if last < first { 0 } else { days(first, last) }
}

/// Schemes, contracts and commitments (spec §3 step 8, §4).
pub(super) fn check_schemes_and_contracts(plan: &Plan, outcome: &Outcome) {
    let year = plan.year;
    assert_eq!(outcome.contracts.len(), plan.contracts.len());
    let mut committed = vec![0i64; plan.schemes.len()];
    for (i, (contract, out)) in plan.contracts.iter().zip(&outcome.contracts).enumerate() {
        let id = &contract.id;
        assert_eq!(out.id, *id);
        let fy = out.fy_value.pence();
        let value = contract.value.pence();
        assert_eq!(out.monthly.len(), 12, "{id}: twelve months");
        let monthly: Vec<i64> = out.monthly.iter().map(|m| m.pence()).collect();
        assert_eq!(
            monthly.iter().sum::<i64>(),
            fy,
            "{id}: months sum to fy_value"
        );
        // fy_value is within a penny of value × (days in the year) / (all days).
        let total = days(contract.start, contract.end);
        let in_year = overlap(contract.start, contract.end, year.start(), year.end());
        let gap =
            (i128::from(fy) * i128::from(total) - i128::from(value) * i128::from(in_year)).abs();
        assert!(gap < i128::from(total), "{id}: fy_value {fy} of {value}");
        assert!((0..=value).contains(&fy), "{id}: fy_value {fy}");
        assert_eq!(
            has_finding(
                outcome,
                Code::ContractOutsideYear,
                &format!("contracts[{i}]")
            ),
            in_year == 0,
            "{id}: W-CONTRACT-OUTSIDE-YEAR iff no day in the year"
        );
        for (m, amount) in monthly.iter().enumerate() {
            let month_days = overlap(
                contract.start,
                contract.end,
                year.month_start(m as u32 + 1),
                year.month_end(m as u32 + 1),
            );
            if in_year > 0 {
                let gap = (i128::from(*amount) * i128::from(in_year)
                    - i128::from(fy) * i128::from(month_days))
                .abs();
                assert!(gap < i128::from(in_year), "{id}: M{} is {amount}", m + 1);
            } else {
                assert_eq!(*amount, 0, "{id}: M{}", m + 1);
            }
        }
        committed[contract.scheme] += fy;
    }

    let n = plan.partners.len();
    assert_eq!(outcome.schemes.len(), plan.schemes.len());
    for (s, (scheme, out)) in plan.schemes.iter().zip(&outcome.schemes).enumerate() {
        let id = &scheme.id;
        assert_eq!(out.id, *id);
        let budget: i64 = scheme.funding.iter().map(|l| l.amount.pence()).sum();
        assert_eq!(out.budget.pence(), budget, "{id}: budget = Σ funding");
        assert_eq!(out.forecast.pence(), scheme.forecast.pence(), "{id}");
        assert_eq!(
            out.variance.pence(),
            scheme.forecast.pence() - budget,
            "{id}: variance"
        );
        assert_eq!(
            partner_pence(&out.contributions),
            contributions(plan, &[s]),
            "{id}: contributions"
        );
        assert_eq!(
            out.contributions.len(),
            n,
            "{id}: contributions list every partner"
        );
        assert_eq!(out.committed.pence(), committed[s], "{id}: committed");
        assert_eq!(
            out.uncommitted.pence(),
            budget - committed[s],
            "{id}: uncommitted"
        );
        assert_eq!(
            has_finding(outcome, Code::Overcommitted, &format!("schemes[{s}]")),
            committed[s] > budget,
            "{id}: W-OVERCOMMITTED iff committed > budget"
        );
    }

    let mut funded = vec![0i64; plan.streams.len()];
    for line in plan.schemes.iter().flat_map(|s| &s.funding) {
        funded[line.stream] += line.amount.pence();
    }
    for (k, stream) in plan.streams.iter().enumerate() {
        assert!(funded[k] <= stream.amount.pence(), "stream {k} overfunded");
        assert_eq!(
            has_finding(outcome, Code::Unallocated, &format!("streams[{k}]")),
            funded[k] < stream.amount.pence(),
            "W-UNALLOCATED for stream {k}"
        );
    }
}

/// Instalments (spec §3 step 7): every non-host partner with a contribution pays it in n parts.
pub(super) fn check_instalments(plan: &Plan, outcome: &Outcome) {
    let n = plan.instalments;
    assert!([1, 2, 4, 12].contains(&n));
    let contribution = partner_contributions(plan);
    let mut expected_rows = Vec::new();
    for (p, partner) in plan.partners.iter().enumerate() {
        let rows: Vec<_> = outcome
            .instalments
            .iter()
            .filter(|i| i.partner == partner.id)
            .collect();
        if p == plan.host || contribution[p] <= 0 {
            assert!(rows.is_empty(), "{}: pays no instalments", partner.id);
            continue;
        }
        assert_eq!(rows.len(), n as usize, "{}: instalment count", partner.id);
        let amounts: Vec<i64> = rows.iter().map(|i| i.amount.pence()).collect();
        assert_eq!(
            amounts.iter().sum::<i64>(),
            contribution[p],
            "{}: instalments sum to the contribution",
            partner.id
        );
        let floor = contribution[p] / i64::from(n);
        assert!(
            amounts.windows(2).all(|w| w[0] >= w[1])
                && amounts.iter().all(|a| *a == floor || *a == floor + 1),
            "{}: equal instalments, pennies first: {amounts:?}",
            partner.id
        );
        for k in 0..n {
            let due = plan.year.month_start(1 + k * (12 / n)).to_string();
            expected_rows.push((partner.id.clone(), due));
        }
    }
    let rows: Vec<(String, String)> = outcome
        .instalments
        .iter()
        .map(|i| (i.partner.clone(), i.due.clone()))
        .collect();
    assert_eq!(rows, expected_rows, "instalments by partner, then date");
}

/// Requirements (spec §3 step 9).
pub(super) fn check_requirements(plan: &Plan, outcome: &Outcome) {
    let nhs_min = |scheme: &pooled_core::plan::model::Scheme| -> i64 {
        scheme
            .funding
            .iter()
            .filter(|l| plan.streams[l.stream].kind == StreamKind::NhsMinimum)
            .map(|l| l.amount.pence())
            .sum()
    };
    let social_care: i64 = plan
        .schemes
        .iter()
        .filter(|s| s.area_of_spend == AreaOfSpend::SocialCare)
        .map(nhs_min)
        .sum();
    let exact: i128 = plan
        .schemes
        .iter()
        .filter(|s| {
            !matches!(
                s.area_of_spend,
                AreaOfSpend::SocialCare | AreaOfSpend::Acute
            )
        })
        .map(|s| {
            let nhs_percent: i128 = s
                .commissioners
                .iter()
                .filter(|(p, _)| plan.partners[*p].kind.is_nhs())
                .map(|(_, w)| i128::from(w.millionths()))
                .sum();
            i128::from(nhs_min(s)) * nhs_percent
        })
        .sum();
    let whole = 100_000_000i128; // 100% in millionths
    let out_of_hospital = i64::try_from((2 * exact + whole) / (2 * whole)).unwrap();

    let r = &outcome.requirements;
    let cases = [
        (
            plan.requirements.nhs_min_social_care,
            r.nhs_min_social_care,
            social_care,
            Code::SocialCareBreach,
            "requirements.nhs_min_social_care",
        ),
        (
            plan.requirements.nhs_min_out_of_hospital,
            r.nhs_min_out_of_hospital,
            out_of_hospital,
            Code::OutOfHospitalBreach,
            "requirements.nhs_min_out_of_hospital",
        ),
    ];
    for (required, check, planned, code, path) in cases {
        match (required, check) {
            (None, None) => assert!(!has_finding(outcome, code, path)),
            (Some(required), Some(check)) => {
                assert_eq!(check.required, required, "{path}");
                assert_eq!(check.planned.pence(), planned, "{path}: planned");
                assert_eq!(
                    has_finding(outcome, code, path),
                    planned < required.pence(),
                    "{path}: breach iff planned < required"
                );
            }
            (required, check) => panic!("{path}: required {required:?}, outcome {check:?}"),
        }
    }
}
