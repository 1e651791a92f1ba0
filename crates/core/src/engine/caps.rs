//! Caps on overspend shares (spec §3 step 4): cut shares back to caps and pass the excess on to
//! partners not capped that contribute to the unit, until no share exceeds its cap.

use super::units::Unit;
use crate::allocation::allocate;
use crate::money::{Money, MoneyError};
use crate::outcome::CapRound;
use crate::plan::model::Group;

/// Each partner's cap in a unit: the smaller of its `caps` entry and, with `cap_at_contribution`,
/// its contribution to the unit.
pub fn unit_caps(group: &Group, unit: &Unit) -> Vec<Option<Money>> {
    group
        .caps
        .iter()
        .zip(&unit.contributions)
        .map(|(cap, contribution)| {
            let by_contribution = group.cap_at_contribution.then_some(*contribution);
            match (*cap, by_contribution) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        })
        .collect()
}

/// Applies caps to `shares` in place and returns each round taken. Each round caps at least one
/// more partner, so there are at most as many rounds as partners.
pub fn apply_caps(
    shares: &mut [Money],
    caps: &[Option<Money>],
    contributions: &[Money],
) -> Result<Vec<CapRound>, MoneyError> {
    let mut capped = vec![false; shares.len()];
    let mut rounds = Vec::new();
    loop {
        let mut excess = Money::ZERO;
        let mut newly_capped = Vec::new();
        for (p, share) in shares.iter_mut().enumerate() {
            if let Some(cap) = caps[p]
                && *share > cap
            {
                excess = excess.checked_add(share.checked_sub(cap)?)?;
                *share = cap;
                capped[p] = true;
                newly_capped.push(p);
            }
        }
        if newly_capped.is_empty() {
            return Ok(rounds);
        }
        let weights: Vec<i128> = contributions
            .iter()
            .zip(&capped)
            .map(|(c, is_capped)| {
                if *is_capped {
                    0
                } else {
                    i128::from(c.pence().max(0))
                }
            })
            .collect();
        let mut round = CapRound {
            capped: newly_capped,
            excess,
            redistributed: vec![Money::ZERO; shares.len()],
            uncovered: Money::ZERO,
        };
        match allocate(excess, &weights)? {
            Some(extra) => {
                for (share, add) in shares.iter_mut().zip(&extra) {
                    *share = share.checked_add(*add)?;
                }
                round.redistributed = extra;
                rounds.push(round);
            }
            None => {
                round.uncovered = excess;
                rounds.push(round);
                return Ok(rounds);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pounds: i64) -> Money {
        Money::from_pence(pounds * 100)
    }

    #[test]
    fn excess_moves_to_uncapped_contributors_until_none_exceeds() {
        // A is capped at 100; its excess 60 goes to B and C 1:1; B then exceeds its 110 cap.
        let mut shares = vec![m(160), m(100), m(40)];
        let rounds = apply_caps(
            &mut shares,
            &[Some(m(100)), Some(m(110)), None],
            &[m(1), m(1), m(1)],
        )
        .unwrap();
        assert_eq!(shares, vec![m(100), m(110), m(90)]);
        assert_eq!(rounds.len(), 2);
        assert_eq!((rounds[0].excess, rounds[1].excess), (m(60), m(20)));
        assert_eq!(rounds[1].capped, vec![1]);
    }

    #[test]
    fn excess_with_nobody_left_is_uncovered() {
        let mut shares = vec![m(150), m(50)];
        let rounds = apply_caps(&mut shares, &[Some(m(100)), None], &[m(5), m(0)]).unwrap();
        assert_eq!(shares, vec![m(100), m(50)]);
        assert_eq!(rounds[0].uncovered, m(50));
    }

    #[test]
    fn no_caps_no_rounds() {
        let mut shares = vec![m(10)];
        assert!(
            apply_caps(&mut shares, &[None], &[m(1)])
                .unwrap()
                .is_empty()
        );
        assert_eq!(shares, vec![m(10)]);
    }
}
