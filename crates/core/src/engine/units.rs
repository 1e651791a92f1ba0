//! Risk units (spec §3 step 1): a group is one unit, or one per scheme when `per_scheme`. Each
//! unit carries the sums its rules need: budget, forecast, contributions and commissioned shares.

use crate::money::{Money, MoneyError};
use crate::plan::Plan;

/// One risk unit and the figures its rules are applied to.
pub struct Unit {
    pub id: String,
    pub group: usize,
    pub budget: Money,
    pub forecast: Money,
    /// cₚ(u): what each partner's streams fund in the unit's schemes.
    pub contributions: Vec<Money>,
    /// Σ budget × commissioned share, in pence × millionths of a percent, per partner.
    pub commissioned: Vec<i128>,
}

impl Unit {
    pub fn variance(&self) -> Result<Money, MoneyError> {
        self.forecast.checked_sub(self.budget)
    }
}

/// Each scheme's funding per partner, `partners` entries per scheme, scheme by scheme.
pub fn scheme_contributions(plan: &Plan) -> Result<Vec<Money>, MoneyError> {
    let n = plan.partners.len();
    let mut table = vec![Money::ZERO; plan.schemes.len() * n];
    for (s, scheme) in plan.schemes.iter().enumerate() {
        for line in &scheme.funding {
            let cell = &mut table[s * n + plan.streams[line.stream].partner];
            *cell = cell.checked_add(line.amount)?;
        }
    }
    Ok(table)
}

/// The units in evaluation order: groups in order, and within a per-scheme group its schemes.
pub fn build_units(plan: &Plan, contributions: &[Money]) -> Result<Vec<Unit>, MoneyError> {
    let n = plan.partners.len();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); plan.groups.len()];
    for (s, scheme) in plan.schemes.iter().enumerate() {
        members[scheme.group].push(s);
    }
    let mut units = Vec::new();
    for (g, group) in plan.groups.iter().enumerate() {
        if group.per_scheme {
            for &s in &members[g] {
                let id = format!("{}/{}", group.id, plan.schemes[s].id);
                units.push(unit(plan, contributions, n, id, g, &[s])?);
            }
        } else if !members[g].is_empty() {
            units.push(unit(
                plan,
                contributions,
                n,
                group.id.clone(),
                g,
                &members[g],
            )?);
        }
    }
    Ok(units)
}

fn unit(
    plan: &Plan,
    contributions: &[Money],
    n: usize,
    id: String,
    group: usize,
    schemes: &[usize],
) -> Result<Unit, MoneyError> {
    let mut unit = Unit {
        id,
        group,
        budget: Money::ZERO,
        forecast: Money::ZERO,
        contributions: vec![Money::ZERO; n],
        commissioned: vec![0; n],
    };
    for &s in schemes {
        let scheme = &plan.schemes[s];
        unit.budget = unit.budget.checked_add(scheme.budget)?;
        unit.forecast = unit.forecast.checked_add(scheme.forecast)?;
        for (p, total) in unit.contributions.iter_mut().enumerate() {
            *total = total.checked_add(contributions[s * n + p])?;
        }
        for &(p, percent) in &scheme.commissioners {
            let weight = i128::from(scheme.budget.pence()) * i128::from(percent.millionths());
            unit.commissioned[p] = unit.commissioned[p]
                .checked_add(weight)
                .ok_or(MoneyError::Overflow)?;
        }
    }
    Ok(unit)
}
