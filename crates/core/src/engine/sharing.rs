//! Sharing a unit's variance by its rule (spec §3 step 3), band by band for tiered rules.

use super::units::Unit;
use crate::allocation::allocate;
use crate::money::{Money, MoneyError};
use crate::outcome::SliceWorking;
use crate::plan::model::Rule;

/// The weights a (non-tiered) rule gives each partner in a unit.
fn weights(rule: &Rule, unit: &Unit, host: usize) -> Vec<i128> {
    match rule {
        Rule::ProRataContributions => unit
            .contributions
            .iter()
            .map(|c| i128::from(c.pence()))
            .collect(),
        Rule::ProRataCommissioned => unit.commissioned.clone(),
        Rule::Fixed(shares) => shares.iter().map(|w| i128::from(w.millionths())).collect(),
        Rule::ProRataAmounts(amounts) => amounts.iter().map(|a| i128::from(a.pence())).collect(),
        Rule::Host => (0..unit.contributions.len())
            .map(|p| i128::from(p == host))
            .collect(),
        // Never reached: these rules are handled by `share` and `share_slice` directly.
        Rule::Tiered(_) | Rule::CarryForward | Rule::Agreed(_) => {
            vec![0; unit.contributions.len()]
        }
    }
}

/// Shares `amount` (the unit's signed amount to share, X) by `rule`, one slice per band.
pub fn share(
    rule: &Rule,
    amount: Money,
    unit: &Unit,
    host: usize,
) -> Result<Vec<SliceWorking>, MoneyError> {
    match rule {
        Rule::Tiered(bands) => {
            let magnitude = amount.pence().unsigned_abs();
            let mut below = 0u64;
            let mut slices = Vec::with_capacity(bands.len());
            for band in bands {
                let top = band.up_to.map_or(u64::MAX, |t| t.pence().unsigned_abs());
                let slice = magnitude.min(top) - magnitude.min(below);
                let slice = i64::try_from(slice).map_err(|_| MoneyError::Overflow)?;
                let signed = Money::from_pence(if amount.is_negative() { -slice } else { slice });
                let mut working = share_slice(&band.rule, signed, unit, host)?;
                working.up_to = band.up_to;
                slices.push(working);
                below = top;
            }
            Ok(slices)
        }
        _ => Ok(vec![share_slice(rule, amount, unit, host)?]),
    }
}

fn share_slice(
    rule: &Rule,
    amount: Money,
    unit: &Unit,
    host: usize,
) -> Result<SliceWorking, MoneyError> {
    let n = unit.contributions.len();
    let mut working = SliceWorking {
        up_to: None,
        amount,
        shares: vec![Money::ZERO; n],
        uncovered: Money::ZERO,
        carried_forward: Money::ZERO,
        zero_weights: false,
        agreed_difference: None,
    };
    if amount.is_zero() {
        return Ok(working);
    }
    if *rule == Rule::CarryForward {
        working.carried_forward = amount.checked_neg()?;
        return Ok(working);
    }
    if let Rule::Agreed(amounts) = rule {
        // The board's amounts are the shares, with the amount's sign; whatever they do not
        // account for is left as it is, so a mismatch shows rather than being scaled away.
        let mut agreed = Money::ZERO;
        for (share, &given) in working.shares.iter_mut().zip(amounts) {
            *share = if amount.is_negative() {
                given.checked_neg()?
            } else {
                given
            };
            agreed = agreed.checked_add(given)?;
        }
        let difference = amount.abs()?.checked_sub(agreed)?;
        if amount.is_positive() {
            working.uncovered = difference;
        } else {
            working.carried_forward = difference;
        }
        working.agreed_difference = Some(difference);
        return Ok(working);
    }
    match allocate(amount, &weights(rule, unit, host))? {
        Some(shares) => working.shares = shares,
        None => {
            working.zero_weights = true;
            if amount.is_positive() {
                working.uncovered = amount;
            } else {
                working.carried_forward = amount.checked_neg()?;
            }
        }
    }
    Ok(working)
}
