//! Splitting an amount among partners so the shares add up exactly (largest remainder, spec §1.1).

use crate::money::{Money, MoneyError};

/// Splits `amount` among partners in proportion to `weights` (non-negative integers on any
/// common scale), in partner order. Each share is the floor of its exact quota; the pennies left
/// go one each to the largest remainders, ties to the earlier partner. A negative amount is split
/// as its magnitude and negated, so signs never change which partner gets a penny.
///
/// Returns `None` when the weights sum to zero (nothing can be allocated). Errors only when the
/// exact products exceed 128 bits, which the plan limits rule out.
pub fn allocate(amount: Money, weights: &[i128]) -> Result<Option<Vec<Money>>, MoneyError> {
    if weights.iter().any(|w| *w < 0) {
        return Err(MoneyError::Overflow);
    }
    let total = weights
        .iter()
        .try_fold(0i128, |acc, w| acc.checked_add(*w))
        .ok_or(MoneyError::Overflow)?;
    if total == 0 {
        return Ok(None);
    }
    let negative = amount.is_negative();
    let x = i128::from(amount.pence()).abs();

    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    let mut given: i128 = 0;
    for (index, weight) in weights.iter().enumerate() {
        let product = x.checked_mul(*weight).ok_or(MoneyError::Overflow)?;
        let floor = product / total;
        given += floor;
        shares.push(floor);
        remainders.push((product % total, index));
    }
    let left = usize::try_from(x - given).map_err(|_| MoneyError::Overflow)?;
    if left > 0 {
        // Largest remainder first; equal remainders in partner order.
        remainders.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, index) in remainders.iter().take(left) {
            shares[*index] += 1;
        }
    }
    shares
        .into_iter()
        .map(|share| {
            let pence = i64::try_from(share).map_err(|_| MoneyError::Overflow)?;
            Ok(Money::from_pence(if negative { -pence } else { pence }))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(pence: i64, weights: &[i128]) -> Vec<i64> {
        allocate(Money::from_pence(pence), weights)
            .unwrap()
            .unwrap()
            .into_iter()
            .map(Money::pence)
            .collect()
    }

    #[test]
    fn equal_weights_give_extra_pennies_in_partner_order() {
        assert_eq!(split(10_000, &[1, 1, 1]), vec![3334, 3333, 3333]);
        assert_eq!(split(-10_000, &[1, 1, 1]), vec![-3334, -3333, -3333]);
        assert_eq!(split(2, &[1, 1, 1]), vec![1, 1, 0]);
    }

    #[test]
    fn largest_remainder_wins_the_penny() {
        // 24999999 × 33.333333% = 8333332.92 and × 66.666667% = 16666666.08: the first gets it.
        assert_eq!(
            split(24_999_999, &[33_333_333, 66_666_667]),
            vec![8_333_333, 16_666_666]
        );
        // 12 instalments of 2131600000p: 4 pennies left over, to the first four.
        let monthly = split(2_131_600_000, &[1; 12]);
        assert_eq!(
            &monthly[..5],
            &[
                177_633_334,
                177_633_334,
                177_633_334,
                177_633_334,
                177_633_333
            ]
        );
    }

    #[test]
    fn zero_weight_gets_nothing_and_zero_total_allocates_nothing() {
        assert_eq!(split(101, &[0, 1, 0, 1]), vec![0, 51, 0, 50]);
        assert_eq!(allocate(Money::from_pence(5), &[0, 0]), Ok(None));
        assert_eq!(allocate(Money::from_pence(5), &[]), Ok(None));
    }

    #[test]
    fn refuses_what_it_cannot_compute_exactly() {
        assert_eq!(
            allocate(Money::from_pence(i64::MAX), &[i128::MAX, 1]),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            allocate(Money::from_pence(5), &[-1, 2]),
            Err(MoneyError::Overflow)
        );
    }
}
