//! The engine (spec §3): a pure function from a checked [`Plan`] to its [`Outcome`]. No I/O, no
//! clock, no global state: the same plan always gives the same outcome.

mod caps;
mod contracts;
mod instalments;
mod netting;
mod requirements;
mod settlement;
mod sharing;
mod units;

use crate::findings::{Code, Finding};
use crate::money::{Money, MoneyError};
use crate::outcome::{
    Applied, ContractOutcome, Instalment, OUTCOME_FORMAT, Outcome, PartnerAmounts, PartnerOutcome,
    RequirementCheck, RequirementsOutcome, ReserveOutcome, SchemeOutcome, Totals, Transfer,
    UnitOutcome, UnitWorking,
};
use crate::plan::Plan;
use std::sync::Arc;

use settlement::Ledger;
use units::Unit;

/// Evaluates a checked plan. Fails only if a figure cannot be computed exactly, which the plan
/// limits of spec §1 rule out.
pub fn evaluate(plan: &Plan) -> Result<Outcome, MoneyError> {
    let n = plan.partners.len();
    let mut findings = Vec::new();
    let ids = partner_ids(plan);
    let contributions = units::scheme_contributions(plan)?;
    let units = units::build_units(plan, &contributions)?;
    let variances = units
        .iter()
        .map(Unit::variance)
        .collect::<Result<Vec<_>, _>>()?;
    let offsets = netting::offsets(plan, &units, &variances)?;

    let mut overspend_share = vec![Money::ZERO; n];
    let mut underspend_share = vec![Money::ZERO; n];
    let mut ledger = Ledger::default();
    let mut unit_outcomes = Vec::with_capacity(units.len());
    for (u, unit) in units.iter().enumerate() {
        let outcome = evaluate_unit(plan, &ids, unit, offsets[u], &mut findings)?;
        let group = &plan.groups[unit.group];
        for (p, &share) in outcome.allocation.amounts().iter().enumerate() {
            match outcome.applied {
                Applied::Overspend => overspend_share[p] = overspend_share[p].checked_add(share)?,
                Applied::Underspend => {
                    underspend_share[p] = underspend_share[p].checked_sub(share)?
                }
                Applied::None => {}
            }
            // An aligned budget's shares are borne where each partner spent: no money moves.
            if group.settle {
                ledger.owe(p, group.host, share)?;
            }
        }
        // Netted money passes between the groups' hosts through the plan's host, which
        // receives the contributions.
        if let Some(offset) = outcome.offset {
            ledger.owe(plan.host, group.host, offset)?;
        }
        unit_outcomes.push(outcome);
    }

    let partner_contribution = partner_contributions(plan)?;
    let mut partners = Vec::with_capacity(n);
    for (p, partner) in plan.partners.iter().enumerate() {
        let net_share = overspend_share[p].checked_sub(underspend_share[p])?;
        partners.push(PartnerOutcome {
            id: partner.id.clone(),
            contribution: partner_contribution[p],
            overspend_share: overspend_share[p],
            underspend_share: underspend_share[p],
            net_share,
            final_cost: partner_contribution[p].checked_add(net_share)?,
        });
    }

    unallocated_warnings(plan, &mut findings)?;
    let (contract_outcomes, committed) = contract_outcomes(plan, &mut findings)?;
    let schemes = scheme_outcomes(plan, &ids, &contributions, &committed, &mut findings)?;
    let requirements = requirement_checks(plan, &mut findings)?;
    let settlement = ledger
        .transfers()?
        .into_iter()
        .map(|f| Transfer {
            from: plan.partners[f.from].id.clone(),
            to: plan.partners[f.to].id.clone(),
            amount: f.amount,
        })
        .collect();

    let income = Money::checked_sum(partner_contribution.iter().copied())?;
    let budget = Money::checked_sum(plan.schemes.iter().map(|s| s.budget))?;
    let forecast = Money::checked_sum(plan.schemes.iter().map(|s| s.forecast))?;
    let totals = Totals {
        income,
        budget,
        forecast,
        variance: forecast.checked_sub(budget)?,
        unallocated_income: income.checked_sub(budget)?,
        uncovered: Money::checked_sum(unit_outcomes.iter().map(|u| u.uncovered))?,
        carried_forward: Money::checked_sum(unit_outcomes.iter().map(|u| u.carried_forward))?,
        reserve_drawn: None,
        closing_reserve: None,
    };
    let totals = with_reserve_totals(plan, totals, &unit_outcomes)?;

    Ok(Outcome {
        format: OUTCOME_FORMAT,
        financial_year: plan.year.to_document(),
        totals,
        partners,
        units: unit_outcomes,
        schemes,
        settlement,
        instalments: instalment_outcomes(plan, &partner_contribution)?,
        contracts: contract_outcomes,
        requirements,
        findings,
    })
}

/// Variance, netting, reserve, sharing, caps and their working for one unit (spec §3 steps
/// 2–4a). `offset` is the unit's netting (`None` outside any netting set).
fn evaluate_unit(
    plan: &Plan,
    ids: &Arc<[String]>,
    unit: &Unit,
    offset: Option<Money>,
    findings: &mut Vec<Finding>,
) -> Result<UnitOutcome, MoneyError> {
    let group = &plan.groups[unit.group];
    let n = plan.partners.len();
    let variance = unit.variance()?;
    let shared_variance = variance.checked_sub(offset.unwrap_or(Money::ZERO))?;
    let drawn = match group.opening_reserve {
        Some(reserve) if shared_variance.is_positive() => shared_variance.min(reserve),
        _ => Money::ZERO,
    };
    let to_share = shared_variance.checked_sub(drawn)?;
    let (applied, rule) = if to_share.is_positive() {
        (Applied::Overspend, Some(&group.overspend))
    } else if to_share.is_negative() {
        (Applied::Underspend, Some(&group.underspend))
    } else {
        (Applied::None, None)
    };
    let side = if applied == Applied::Overspend {
        "overspend"
    } else {
        "underspend"
    };
    let caps = caps::unit_caps(group, unit);
    let mut working = UnitWorking {
        contributions: unit.contributions.clone(),
        caps: caps.clone(),
        ..UnitWorking::default()
    };
    let mut shares = vec![Money::ZERO; n];
    let mut uncovered = Money::ZERO;
    // What is left uncovered by zero weights or caps, as against an agreed rule's difference.
    let mut unshared = Money::ZERO;
    let mut carried_forward = Money::ZERO;
    if let Some(rule) = rule {
        working.slices = sharing::share(rule, to_share, unit, group.host)?;
        for slice in &working.slices {
            for (total, add) in shares.iter_mut().zip(&slice.shares) {
                *total = total.checked_add(*add)?;
            }
            uncovered = uncovered.checked_add(slice.uncovered)?;
            if slice.agreed_difference.is_none() {
                unshared = unshared.checked_add(slice.uncovered)?;
            }
            carried_forward = carried_forward.checked_add(slice.carried_forward)?;
        }
        if working.slices.iter().any(|s| s.zero_weights) {
            findings.push(Finding::new(
                Code::ZeroWeights,
                format!("units.{}", unit.id),
                format!(
                    "In '{}', the {side} rule gives every partner a weight of zero, so part of the {side} could not be shared.",
                    unit.id,
                ),
            ));
        }
        if let Some(difference) = working.slices.iter().find_map(|s| s.agreed_difference)
            && !difference.is_zero()
        {
            let (more_or_less, left) = if difference.is_negative() {
                (
                    "more",
                    if applied == Applied::Overspend {
                        "the partners are charged more than the overspend"
                    } else {
                        "the partners are paid back more than the underspend"
                    },
                )
            } else {
                (
                    "less",
                    if applied == Applied::Overspend {
                        "the rest is left uncovered"
                    } else {
                        "the rest stays in the pool"
                    },
                )
            };
            findings.push(Finding::new(
                Code::AgreedDiffers,
                format!("units.{}", unit.id),
                format!(
                    "In '{}', the amounts agreed by the board add up to {} {more_or_less} than the {side} of {} to be shared, so {left}.",
                    unit.id,
                    difference.abs()?.to_uk(),
                    to_share.abs()?.to_uk(),
                ),
            ));
        }
    }
    if applied == Applied::Overspend {
        working.cap_rounds = caps::apply_caps(&mut shares, &caps, &unit.contributions)?;
        for round in &working.cap_rounds {
            uncovered = uncovered.checked_add(round.uncovered)?;
            unshared = unshared.checked_add(round.uncovered)?;
        }
    }
    if unshared.is_positive() {
        findings.push(Finding::new(
            Code::Uncovered,
            format!("units.{}", unit.id),
            format!(
                "{} of the overspend in '{}' falls to no partner: it is uncovered.",
                unshared.to_uk(),
                unit.id
            ),
        ));
    }
    let reserve = match group.opening_reserve {
        Some(opening) => Some(ReserveOutcome {
            opening,
            drawn,
            closing: opening.checked_sub(drawn)?.checked_add(carried_forward)?,
        }),
        None => None,
    };
    Ok(UnitOutcome {
        id: unit.id.clone(),
        group: group.id.clone(),
        budget: unit.budget,
        forecast: unit.forecast,
        variance,
        offset,
        shared_variance: offset.map(|_| shared_variance),
        reserve,
        applied,
        allocation: PartnerAmounts::new(ids.clone(), shares),
        uncovered,
        carried_forward,
        settled: (!group.settle).then_some(false),
        working,
    })
}

/// Adds the reserve totals when any group keeps a reserve: what was drawn, and what every such
/// group closes with (a group with no schemes closes at its opening reserve).
fn with_reserve_totals(
    plan: &Plan,
    mut totals: Totals,
    units: &[UnitOutcome],
) -> Result<Totals, MoneyError> {
    if plan.groups.iter().all(|g| g.opening_reserve.is_none()) {
        return Ok(totals);
    }
    totals.reserve_drawn = Some(Money::checked_sum(
        units.iter().filter_map(|u| u.reserve.map(|r| r.drawn)),
    )?);
    let mut closing = Money::ZERO;
    for group in &plan.groups {
        let Some(opening) = group.opening_reserve else {
            continue;
        };
        let unit = units.iter().find(|u| u.group == group.id);
        let group_closing = unit.and_then(|u| u.reserve).map_or(opening, |r| r.closing);
        closing = closing.checked_add(group_closing)?;
    }
    totals.closing_reserve = Some(closing);
    Ok(totals)
}

/// The plan's partner ids, shared by every by-partner object of the outcome.
fn partner_ids(plan: &Plan) -> Arc<[String]> {
    plan.partners.iter().map(|p| p.id.clone()).collect()
}

/// Cₚ: the sum of each partner's stream amounts.
fn partner_contributions(plan: &Plan) -> Result<Vec<Money>, MoneyError> {
    let mut totals = vec![Money::ZERO; plan.partners.len()];
    for stream in &plan.streams {
        totals[stream.partner] = totals[stream.partner].checked_add(stream.amount)?;
    }
    Ok(totals)
}

fn unallocated_warnings(plan: &Plan, findings: &mut Vec<Finding>) -> Result<(), MoneyError> {
    let mut funded = vec![Money::ZERO; plan.streams.len()];
    for line in plan.schemes.iter().flat_map(|s| &s.funding) {
        funded[line.stream] = funded[line.stream].checked_add(line.amount)?;
    }
    for (k, stream) in plan.streams.iter().enumerate() {
        let left = stream.amount.checked_sub(funded[k])?;
        if left.is_positive() {
            findings.push(Finding::new(
                Code::Unallocated,
                format!("streams[{k}]"),
                format!(
                    "{} of stream '{}' is not allocated to any scheme.",
                    left.to_uk(),
                    stream.name
                ),
            ));
        }
    }
    Ok(())
}

/// Each contract's part of the plan year, and what is committed per scheme.
fn contract_outcomes(
    plan: &Plan,
    findings: &mut Vec<Finding>,
) -> Result<(Vec<ContractOutcome>, Vec<Money>), MoneyError> {
    let mut committed = vec![Money::ZERO; plan.schemes.len()];
    let mut outcomes = Vec::with_capacity(plan.contracts.len());
    for (i, contract) in plan.contracts.iter().enumerate() {
        let part = contracts::year_part(contract, plan.year)?;
        if !part.in_year {
            findings.push(Finding::new(
                Code::ContractOutsideYear,
                format!("contracts[{i}]"),
                format!(
                    "Contract '{}' runs from {} to {}, with no day in {}.",
                    contract.name, contract.start, contract.end, plan.year
                ),
            ));
        }
        committed[contract.scheme] = committed[contract.scheme].checked_add(part.fy_value)?;
        outcomes.push(ContractOutcome {
            id: contract.id.clone(),
            fy_value: part.fy_value,
            monthly: part.monthly,
        });
    }
    Ok((outcomes, committed))
}

fn scheme_outcomes(
    plan: &Plan,
    ids: &Arc<[String]>,
    contributions: &[Money],
    committed: &[Money],
    findings: &mut Vec<Finding>,
) -> Result<Vec<SchemeOutcome>, MoneyError> {
    let n = plan.partners.len();
    let mut outcomes = Vec::with_capacity(plan.schemes.len());
    for (s, scheme) in plan.schemes.iter().enumerate() {
        if committed[s] > scheme.budget {
            findings.push(Finding::new(
                Code::Overcommitted,
                format!("schemes[{s}]"),
                format!(
                    "Scheme '{}' has contracts worth {} in {} against a budget of {}.",
                    scheme.name,
                    committed[s].to_uk(),
                    plan.year,
                    scheme.budget.to_uk()
                ),
            ));
        }
        outcomes.push(SchemeOutcome {
            id: scheme.id.clone(),
            budget: scheme.budget,
            forecast: scheme.forecast,
            variance: scheme.forecast.checked_sub(scheme.budget)?,
            contributions: PartnerAmounts::new(
                ids.clone(),
                contributions[s * n..(s + 1) * n].to_vec(),
            ),
            committed: committed[s],
            uncommitted: scheme.budget.checked_sub(committed[s])?,
        });
    }
    Ok(outcomes)
}

fn instalment_outcomes(
    plan: &Plan,
    contributions: &[Money],
) -> Result<Vec<Instalment>, MoneyError> {
    let mut out = Vec::new();
    for (p, partner) in plan.partners.iter().enumerate() {
        if p == plan.host || !contributions[p].is_positive() {
            continue;
        }
        for (due, amount) in instalments::schedule(contributions[p], plan.instalments, plan.year)? {
            out.push(Instalment {
                partner: partner.id.clone(),
                due: due.to_string(),
                amount,
            });
        }
    }
    Ok(out)
}

fn requirement_checks(
    plan: &Plan,
    findings: &mut Vec<Finding>,
) -> Result<RequirementsOutcome, MoneyError> {
    let req = plan.requirements;
    Ok(RequirementsOutcome {
        nhs_min_social_care: req
            .nhs_min_social_care
            .map(|required| {
                let planned = requirements::social_care_planned(plan)?;
                requirement(
                    required,
                    planned,
                    Code::SocialCareBreach,
                    "nhs_min_social_care",
                    "social care",
                    findings,
                )
            })
            .transpose()?,
        nhs_min_out_of_hospital: req
            .nhs_min_out_of_hospital
            .map(|required| {
                let planned = requirements::out_of_hospital_planned(plan)?;
                let what = "NHS-commissioned out-of-hospital services";
                requirement(
                    required,
                    planned,
                    Code::OutOfHospitalBreach,
                    "nhs_min_out_of_hospital",
                    what,
                    findings,
                )
            })
            .transpose()?,
    })
}

/// One ring-fence check, with a breach finding when the planned amount falls short.
fn requirement(
    required: Money,
    planned: Money,
    code: Code,
    key: &str,
    what: &str,
    findings: &mut Vec<Finding>,
) -> Result<RequirementCheck, MoneyError> {
    let check = RequirementCheck { required, planned };
    if !check.is_met() {
        findings.push(Finding::new(
            code,
            format!("requirements.{key}"),
            format!(
                "The NHS minimum contribution puts {} into {what}, {} short of the {} required.",
                planned.to_uk(),
                required.checked_sub(planned)?.to_uk(),
                required.to_uk()
            ),
        ));
    }
    Ok(check)
}
