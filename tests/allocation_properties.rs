//! Properties of the largest-remainder allocation (spec §1.1), over amounts up to ±£100bn and
//! 1–12 weights up to 10¹² each.

use pooled_core::allocation::allocate;
use pooled_core::money::Money;
use pooled_testkit::property_config;
use proptest::prelude::*;

/// The amounts the plan limits allow, in pence: up to ±10¹³ (£100bn).
const AMOUNT_LIMIT: i64 = 10_000_000_000_000;
const WEIGHT_LIMIT: i128 = 1_000_000_000_000;

fn amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        -AMOUNT_LIMIT..=AMOUNT_LIMIT,
        // Small amounts, where the leftover pennies decide most of each share.
        -1_000i64..=1_000,
        Just(AMOUNT_LIMIT),
        Just(-AMOUNT_LIMIT),
        Just(0i64),
    ]
}

/// One weight: often zero or small (so remainders tie), sometimes anything up to 10¹².
fn weight() -> impl Strategy<Value = i128> {
    prop_oneof![
        Just(0i128),
        1i128..=10,
        0i128..=WEIGHT_LIMIT,
        Just(WEIGHT_LIMIT),
    ]
}

/// 1–12 weights, at least one above zero.
fn weights() -> impl Strategy<Value = Vec<i128>> {
    (
        prop::collection::vec(weight(), 1..=12),
        any::<prop::sample::Index>(),
    )
        .prop_map(|(mut weights, pick)| {
            if weights.iter().all(|w| *w == 0) {
                let i = pick.index(weights.len());
                weights[i] = 1 + (pick.index(1_000) as i128);
            }
            weights
        })
}

/// The shares in pence; panics if the weights could not be shared.
fn split(pence: i64, weights: &[i128]) -> Vec<i64> {
    allocate(Money::from_pence(pence), weights)
        .expect("within the limits allocation is exact")
        .expect("weights are not all zero")
        .into_iter()
        .map(Money::pence)
        .collect()
}

fn total(weights: &[i128]) -> i128 {
    weights.iter().sum()
}

proptest! {
    #![proptest_config(property_config(2_000))]

    #[test]
    fn shares_sum_to_the_amount(x in amount(), w in weights()) {
        let shares = split(x, &w);
        prop_assert_eq!(shares.len(), w.len());
        prop_assert_eq!(shares.iter().map(|s| i128::from(*s)).sum::<i128>(), i128::from(x));
    }

    #[test]
    fn each_share_is_within_a_penny_of_its_exact_quota(x in amount(), w in weights()) {
        let shares = split(x, &w);
        let big_w = total(&w);
        for (share, wi) in shares.iter().zip(&w) {
            // |share − x·wᵢ/W| < 1  ⇔  |share·W − x·wᵢ| < W
            let gap = (i128::from(*share) * big_w - i128::from(x) * wi).abs();
            prop_assert!(gap < big_w, "share {} of {} with weight {}/{}", share, x, wi, big_w);
            // And the share never crosses its quota's sign.
            prop_assert!(i128::from(*share) * i128::from(x.signum()) >= 0);
        }
    }

    #[test]
    fn a_zero_weight_gets_nothing(x in amount(), w in weights()) {
        let shares = split(x, &w);
        for (share, wi) in shares.iter().zip(&w) {
            if *wi == 0 {
                prop_assert_eq!(*share, 0);
            }
        }
    }

    #[test]
    fn the_leftover_pennies_go_to_the_largest_remainders(x in amount(), w in weights()) {
        // Spec §1.1 steps 2–3 for x ≥ 0 (a negative x is the mirror, checked below): every
        // partner given a penny above its floor has a larger remainder than every partner not
        // given one, or an equal remainder and an earlier place.
        let x = x.abs();
        let shares = split(x, &w);
        let big_w = total(&w);
        let floor = |i: usize| i128::from(x) * w[i] / big_w;
        let remainder = |i: usize| i128::from(x) * w[i] % big_w;
        let bumped: Vec<bool> = (0..w.len())
            .map(|i| {
                let extra = i128::from(shares[i]) - floor(i);
                assert!(extra == 0 || extra == 1, "share {i} is {extra} pennies off its floor");
                extra == 1
            })
            .collect();
        for i in (0..w.len()).filter(|i| bumped[*i]) {
            for j in (0..w.len()).filter(|j| !bumped[*j]) {
                prop_assert!(
                    remainder(i) > remainder(j) || (remainder(i) == remainder(j) && i < j),
                    "partner {} got the penny over partner {}", i, j
                );
            }
        }
    }

    #[test]
    fn a_negative_amount_is_the_mirror_of_its_magnitude(x in amount(), w in weights()) {
        let negated: Vec<i64> = split(-x, &w).into_iter().map(|s| -s).collect();
        prop_assert_eq!(negated, split(x, &w));
    }

    #[test]
    fn only_the_ratios_of_the_weights_matter(x in amount(), w in weights(), k in 1i128..=1_000) {
        let scaled: Vec<i128> = w.iter().map(|wi| wi * k).collect();
        prop_assert_eq!(split(x, &scaled), split(x, &w));
    }

    #[test]
    fn all_zero_weights_allocate_nothing(x in amount(), n in 0usize..=12) {
        prop_assert_eq!(allocate(Money::from_pence(x), &vec![0; n]), Ok(None));
    }
}

/// The examples of spec §1.1 and the tie-break, worked by hand.
#[test]
fn hand_worked_splits() {
    // 100.00 three ways: 33.34, 33.33, 33.33 (equal remainders: partner order).
    assert_eq!(split(10_000, &[1, 1, 1]), vec![3_334, 3_333, 3_333]);
    // -0.05 over 1:1:3 → quotas −1, −1, −3 exactly.
    assert_eq!(split(-5, &[1, 1, 3]), vec![-1, -1, -3]);
    // 0.07 over 0:2:5 (W=7): quotas 0, 2, 5.
    assert_eq!(split(7, &[0, 2, 5]), vec![0, 2, 5]);
    // 0.10 over 3:3:1 (W=7): floors 4, 4, 1 (remainders 2, 2, 3): the third gets the penny.
    assert_eq!(split(10, &[3, 3, 1]), vec![4, 4, 2]);
    // The largest amount over the largest weights stays exact.
    assert_eq!(
        split(AMOUNT_LIMIT, &[WEIGHT_LIMIT; 12])[0],
        AMOUNT_LIMIT / 12 + 1
    );
}
