//! Contracts (spec §3 step 8): a contract's value split over the financial years its period
//! touches by days, then the plan year's part split over M1–M12 by days.

use crate::allocation::allocate;
use crate::fiscal::{FinancialYear, overlap_days};
use crate::money::{Money, MoneyError};
use crate::plan::model::Contract;

/// The part of a contract's value in `year` and its monthly profile; `None` when the contract
/// has no day in the year (its value is then all in other years).
pub struct YearPart {
    pub fy_value: Money,
    pub monthly: Vec<Money>,
    pub in_year: bool,
}

pub fn year_part(contract: &Contract, year: FinancialYear) -> Result<YearPart, MoneyError> {
    let first = FinancialYear::containing(contract.start);
    let last = FinancialYear::containing(contract.end);
    let in_year = first <= year && year <= last;
    let mut fy_value = Money::ZERO;
    if in_year {
        let mut weights = Vec::new();
        let mut fy = first;
        while fy <= last {
            weights.push(i128::from(overlap_days(
                contract.start,
                contract.end,
                fy.start(),
                fy.end(),
            )));
            fy = fy.next();
        }
        let parts = allocate(contract.value, &weights)?.unwrap_or_default();
        let index = (year.start_year() - first.start_year()) as usize;
        fy_value = parts.get(index).copied().unwrap_or_default();
    }
    let month_days: Vec<i128> = (1..=12)
        .map(|m| {
            i128::from(overlap_days(
                contract.start,
                contract.end,
                year.month_start(m),
                year.month_end(m),
            ))
        })
        .collect();
    let monthly = allocate(fy_value, &month_days)?.unwrap_or_else(|| vec![Money::ZERO; 12]);
    Ok(YearPart {
        fy_value,
        monthly,
        in_year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract(value: i64, start: &str, end: &str) -> Contract {
        Contract {
            id: "K".into(),
            name: "K".into(),
            provider: None,
            scheme: 0,
            value: Money::from_pence(value),
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
        }
    }

    #[test]
    fn splits_by_days_across_years_then_months() {
        let year = FinancialYear::parse("2025-26").unwrap();
        // Three years of 365 days each fall 2024-10-15..2027-10-14; 2025-26 holds a third.
        let part = year_part(&contract(1_000_000_000, "2024-10-15", "2027-10-14"), year).unwrap();
        assert_eq!(part.fy_value, Money::from_pence(333_333_333));
        assert_eq!(part.monthly[0], Money::from_pence(27_397_260));
        assert_eq!(
            Money::checked_sum(part.monthly.iter().copied()).unwrap(),
            part.fy_value
        );
    }

    #[test]
    fn a_contract_outside_the_year_has_nothing_in_it() {
        let year = FinancialYear::parse("2025-26").unwrap();
        let part = year_part(&contract(12_000_000, "2024-11-01", "2025-02-28"), year).unwrap();
        assert!(!part.in_year);
        assert_eq!(part.fy_value, Money::ZERO);
        assert_eq!(part.monthly, vec![Money::ZERO; 12]);
    }

    #[test]
    fn a_part_year_contract_profiles_only_its_months() {
        let year = FinancialYear::parse("2025-26").unwrap();
        let part = year_part(&contract(3_000, "2025-07-01", "2025-07-31"), year).unwrap();
        assert_eq!(part.fy_value.pence(), 3_000);
        assert_eq!(part.monthly[3].pence(), 3_000);
        assert_eq!(part.monthly.iter().filter(|m| !m.is_zero()).count(), 1);
    }
}
