//! Netting sets (spec §3 step 2a): before any sharing, the overspends and underspends of the
//! units of a netting set cancel out as far as they can. Netting changes no total: the offsets
//! of a set sum to zero and no unit changes sign.

use super::units::Unit;
use crate::allocation::allocate;
use crate::money::{Money, MoneyError};
use crate::plan::Plan;

/// Each unit's offset, in unit order: `Some(o)` for a unit of a group in a netting set (o is
/// positive for an overspending unit, negative for an underspending one, zero when nothing is
/// netted), `None` for a unit in no set.
pub fn offsets(
    plan: &Plan,
    units: &[Unit],
    variances: &[Money],
) -> Result<Vec<Option<Money>>, MoneyError> {
    let mut offsets = vec![None; units.len()];
    for set in &plan.offsets {
        let members: Vec<usize> = (0..units.len())
            .filter(|&u| set.contains(&units[u].group))
            .collect();
        let over: Vec<i128> = members
            .iter()
            .map(|&u| i128::from(variances[u].pence().max(0)))
            .collect();
        let under: Vec<i128> = members
            .iter()
            .map(|&u| i128::from((-variances[u].pence()).max(0)))
            .collect();
        let netted = Money::from_pence(
            i64::try_from(over.iter().sum::<i128>().min(under.iter().sum::<i128>()))
                .map_err(|_| MoneyError::Overflow)?,
        );
        for &u in &members {
            offsets[u] = Some(Money::ZERO);
        }
        if netted.is_zero() {
            continue;
        }
        let covered = allocate(netted, &over)?.ok_or(MoneyError::Overflow)?;
        let used = allocate(netted, &under)?.ok_or(MoneyError::Overflow)?;
        for (k, &u) in members.iter().enumerate() {
            offsets[u] = Some(covered[k].checked_sub(used[k])?);
        }
    }
    Ok(offsets)
}
