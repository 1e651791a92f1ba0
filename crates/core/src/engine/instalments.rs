//! Contribution instalments (spec §3 step 7): each non-host partner pays its contribution to the
//! plan's host in equal instalments, due on the first of M1, M(1+12/n), …

use chrono::NaiveDate;

use crate::allocation::allocate;
use crate::fiscal::FinancialYear;
use crate::money::{Money, MoneyError};

/// The due dates and amounts for one partner's contribution in `count` instalments.
pub fn schedule(
    contribution: Money,
    count: u32,
    year: FinancialYear,
) -> Result<Vec<(NaiveDate, Money)>, MoneyError> {
    let count = count.clamp(1, 12);
    let amounts = allocate(contribution, &vec![1; count as usize])?.unwrap_or_default();
    let step = 12 / count;
    Ok(amounts
        .into_iter()
        .enumerate()
        .map(|(k, amount)| (year.month_start(1 + k as u32 * step), amount))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarterly_from_april_with_pennies_first() {
        let year = FinancialYear::parse("2025-26").unwrap();
        let plan = schedule(Money::from_pence(876_543_210), 4, year).unwrap();
        let dates: Vec<String> = plan.iter().map(|(d, _)| d.to_string()).collect();
        assert_eq!(
            dates,
            ["2025-04-01", "2025-07-01", "2025-10-01", "2026-01-01"]
        );
        let amounts: Vec<i64> = plan.iter().map(|(_, a)| a.pence()).collect();
        assert_eq!(
            amounts,
            [219_135_803, 219_135_803, 219_135_802, 219_135_802]
        );
        let half_yearly: Vec<String> = schedule(Money::from_pence(3), 2, year)
            .unwrap()
            .iter()
            .map(|(d, _)| d.to_string())
            .collect();
        assert_eq!(half_yearly, ["2025-04-01", "2025-10-01"]);
    }
}
