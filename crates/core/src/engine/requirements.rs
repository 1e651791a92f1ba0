//! BCF ring-fence checks (spec §3 step 9): NHS minimum money to social care, and to
//! NHS-commissioned out-of-hospital services.

use crate::money::{Money, MoneyError};
use crate::plan::Plan;
use crate::plan::kinds::{AreaOfSpend, StreamKind};
use crate::weight::WEIGHT_SCALE;

/// NHS minimum funding on social-care schemes.
pub fn social_care_planned(plan: &Plan) -> Result<Money, MoneyError> {
    let mut total = Money::ZERO;
    for scheme in plan
        .schemes
        .iter()
        .filter(|s| s.area_of_spend == AreaOfSpend::SocialCare)
    {
        total = total.checked_add(nhs_minimum_funding(plan, scheme)?)?;
    }
    Ok(total)
}

/// NHS minimum funding on schemes neither social care nor acute, times the share commissioned by
/// NHS partners; summed exactly and rounded once to the penny, half away from zero.
pub fn out_of_hospital_planned(plan: &Plan) -> Result<Money, MoneyError> {
    // Percent in millionths: 100% is 100 × WEIGHT_SCALE.
    let whole = 100 * i128::from(WEIGHT_SCALE);
    let mut exact: i128 = 0;
    for scheme in &plan.schemes {
        if matches!(
            scheme.area_of_spend,
            AreaOfSpend::SocialCare | AreaOfSpend::Acute
        ) {
            continue;
        }
        let nhs_percent: i128 = scheme
            .commissioners
            .iter()
            .filter(|(p, _)| plan.partners[*p].kind.is_nhs())
            .map(|(_, w)| i128::from(w.millionths()))
            .sum();
        let funding = i128::from(nhs_minimum_funding(plan, scheme)?.pence());
        exact = exact
            .checked_add(funding * nhs_percent)
            .ok_or(MoneyError::Overflow)?;
    }
    let rounded = (exact + whole / 2) / whole; // exact ≥ 0, so this is half away from zero
    i64::try_from(rounded)
        .map(Money::from_pence)
        .map_err(|_| MoneyError::Overflow)
}

fn nhs_minimum_funding(
    plan: &Plan,
    scheme: &crate::plan::model::Scheme,
) -> Result<Money, MoneyError> {
    let lines = scheme
        .funding
        .iter()
        .filter(|l| plan.streams[l.stream].kind == StreamKind::NhsMinimum);
    Money::checked_sum(lines.map(|l| l.amount))
}
