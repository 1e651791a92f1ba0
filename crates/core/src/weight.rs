//! Weights: fixed shares and joint-commissioning percentages, held as whole millionths.

use std::fmt;

use crate::decimal_text::{DecimalTextError, parse_scaled};

/// Millionths in one unit of weight.
pub const WEIGHT_SCALE: i64 = 1_000_000;
/// The largest weight allowed: 1,000,000.
pub const MAX_WEIGHT: i64 = 1_000_000 * WEIGHT_SCALE;

/// A non-negative weight with at most six decimal places, in millionths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weight(i64);

/// Why text is not a weight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WeightError {
    #[error("not a number")]
    Syntax,
    #[error("more than six decimal places")]
    TooManyDecimals,
    #[error("below zero")]
    Negative,
    #[error("more than 1,000,000")]
    TooLarge,
}

impl Weight {
    pub const ZERO: Weight = Weight(0);

    /// A weight from millionths; callers must keep within `0..=MAX_WEIGHT`.
    pub const fn from_millionths(millionths: i64) -> Weight {
        Weight(millionths)
    }

    pub const fn millionths(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Parses `"50"`, `"33.333333"`: digits with up to six decimals, from 0 to 1,000,000.
    pub fn parse(text: &str) -> Result<Weight, WeightError> {
        let value = parse_scaled(text, 6, 7).map_err(|e| match e {
            DecimalTextError::Syntax => WeightError::Syntax,
            DecimalTextError::TooManyDecimals => WeightError::TooManyDecimals,
            DecimalTextError::TooLong => WeightError::TooLarge,
        })?;
        if value < 0 {
            return Err(WeightError::Negative);
        }
        if value > i128::from(MAX_WEIGHT) {
            return Err(WeightError::TooLarge);
        }
        Ok(Weight(value as i64))
    }
}

impl fmt::Display for Weight {
    /// The shortest exact decimal: `50`, `33.333333`, `0.5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = self.0 / WEIGHT_SCALE;
        let fraction = self.0 % WEIGHT_SCALE;
        if fraction == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{fraction:06}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_within_the_limits() {
        assert_eq!(Weight::parse("50").map(Weight::millionths), Ok(50_000_000));
        assert_eq!(
            Weight::parse("33.333333").map(Weight::millionths),
            Ok(33_333_333)
        );
        assert_eq!(
            Weight::parse("1000000").map(Weight::millionths),
            Ok(MAX_WEIGHT)
        );
        assert_eq!(Weight::parse("0").map(Weight::millionths), Ok(0));
    }

    #[test]
    fn rejects_outside_the_limits() {
        assert_eq!(Weight::parse("1000000.000001"), Err(WeightError::TooLarge));
        assert_eq!(Weight::parse("99999999"), Err(WeightError::TooLarge));
        assert_eq!(
            Weight::parse("0.0000001"),
            Err(WeightError::TooManyDecimals)
        );
        assert_eq!(Weight::parse("-1"), Err(WeightError::Negative));
        assert_eq!(Weight::parse("1e3"), Err(WeightError::Syntax));
    }

    #[test]
    fn displays_shortest_exact_form() {
        assert_eq!(Weight::from_millionths(50_000_000).to_string(), "50");
        assert_eq!(Weight::from_millionths(33_333_333).to_string(), "33.333333");
        assert_eq!(Weight::from_millionths(500_000).to_string(), "0.5");
    }
}
