//! Money as whole pence, read and written exactly.
//!
//! No float ever touches an amount: text is parsed digit by digit into an `i64` of pence, and
//! every operation that could overflow is checked and reported as [`MoneyError::Overflow`].

use std::fmt;

use serde::{Serialize, Serializer};

use crate::decimal_text::{DecimalTextError, parse_scaled};

/// The largest magnitude any amount, or any plan total, may have: £100,000,000,000.00 in pence.
pub const LIMIT_PENCE: i64 = 100_000_000_000 * 100;

/// An amount of money in pence. Signed: outcome figures can be negative (money returned).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// Why text is not an amount, or why arithmetic failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("not an amount in pounds and pence")]
    Syntax,
    #[error("more than two decimal places")]
    TooManyDecimals,
    #[error("more than £100,000,000,000.00 in magnitude")]
    OutOfRange,
    #[error("the calculation is too large to carry out exactly")]
    Overflow,
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_pence(pence: i64) -> Money {
        Money(pence)
    }

    pub const fn pence(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// True when the magnitude is within the spec's £100bn limit.
    pub fn within_limit(self) -> bool {
        self.0.unsigned_abs() <= LIMIT_PENCE as u64
    }

    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.0
            .checked_add(other.0)
            .map(Money)
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.0
            .checked_sub(other.0)
            .map(Money)
            .ok_or(MoneyError::Overflow)
    }

    pub fn checked_neg(self) -> Result<Money, MoneyError> {
        self.0.checked_neg().map(Money).ok_or(MoneyError::Overflow)
    }

    /// The magnitude, failing (rather than wrapping) only for the one value with no positive twin.
    pub fn abs(self) -> Result<Money, MoneyError> {
        self.0.checked_abs().map(Money).ok_or(MoneyError::Overflow)
    }

    /// Sums amounts, failing on overflow rather than wrapping.
    pub fn checked_sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    /// Parses an amount such as `1234567.89`, `12.5` or `-3`: an optional minus, digits, and
    /// optionally a point with one or two digits. Nothing else (no `+`, `£`, commas or exponent).
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        // 13 whole digits is past the limit already; stopping there keeps the parse overflow-free.
        let pence = parse_scaled(text, 2, 13).map_err(|e| match e {
            DecimalTextError::Syntax => MoneyError::Syntax,
            DecimalTextError::TooManyDecimals => MoneyError::TooManyDecimals,
            DecimalTextError::TooLong => MoneyError::OutOfRange,
        })?;
        if pence.unsigned_abs() > LIMIT_PENCE as u128 {
            return Err(MoneyError::OutOfRange);
        }
        Ok(Money(pence as i64))
    }

    /// The plain form used in documents: `-1500.00`, always two decimals.
    pub fn to_plain(self) -> String {
        self.to_string()
    }

    /// The form people read: `£1,234,567.89`, negatives in brackets `(£1,500.00)`.
    pub fn to_uk(self) -> String {
        let magnitude = self.0.unsigned_abs();
        let pounds = group_thousands(magnitude / 100);
        let body = format!("£{pounds}.{:02}", magnitude % 100);
        if self.0 < 0 {
            format!("({body})")
        } else {
            body
        }
    }
}

/// `1234567` → `1,234,567`.
fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl Money {
    /// `-1234.50` written into `buf`, right to left: outcomes hold a few hundred thousand
    /// amounts, and the formatting machinery would be most of the time spent writing them.
    fn write_plain(self, buf: &mut [u8; 24]) -> &str {
        let magnitude = self.0.unsigned_abs();
        let (mut pounds, pence) = (magnitude / 100, magnitude % 100);
        let mut i = buf.len();
        let mut put = |byte: u8| {
            i -= 1;
            buf[i] = byte;
        };
        put(b'0' + (pence % 10) as u8);
        put(b'0' + (pence / 10) as u8);
        put(b'.');
        loop {
            put(b'0' + (pounds % 10) as u8);
            pounds /= 10;
            if pounds == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        // At most 20 characters (i64 pence), all ASCII.
        std::str::from_utf8(&buf[i..]).unwrap_or("0.00")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write_plain(&mut [0; 24]))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.write_plain(&mut [0; 24]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<i64, MoneyError> {
        Money::parse(text).map(Money::pence)
    }

    #[test]
    fn parses_pounds_and_pence_exactly() {
        assert_eq!(p("1234567.89"), Ok(123_456_789));
        assert_eq!(p("12.5"), Ok(1250));
        assert_eq!(p("-12.5"), Ok(-1250));
        assert_eq!(p("0"), Ok(0));
        assert_eq!(p("-0.00"), Ok(0));
        assert_eq!(p("0.01"), Ok(1));
        assert_eq!(p("007.10"), Ok(710));
        assert_eq!(p("100000000000.00"), Ok(LIMIT_PENCE));
        assert_eq!(p("-100000000000"), Ok(-LIMIT_PENCE));
    }

    #[test]
    fn rejects_what_is_not_an_amount() {
        for bad in [
            "", "-", ".5", "5.", "+5", "1e5", "1E5", "£5", "1,000", " 5", "5 ", "5.0.0", "--5", "x",
        ] {
            assert_eq!(p(bad), Err(MoneyError::Syntax), "{bad:?}");
        }
        assert_eq!(p("100.001"), Err(MoneyError::TooManyDecimals));
        assert_eq!(p("100000000000.01"), Err(MoneyError::OutOfRange));
        assert_eq!(
            p("99999999999999999999999999999"),
            Err(MoneyError::OutOfRange)
        );
    }

    #[test]
    fn writes_document_and_uk_forms() {
        assert_eq!(Money::from_pence(-150_000).to_plain(), "-1500.00");
        assert_eq!(Money::from_pence(5).to_plain(), "0.05");
        assert_eq!(Money::from_pence(-5).to_plain(), "-0.05");
        assert_eq!(Money::from_pence(123_456_789).to_uk(), "£1,234,567.89");
        assert_eq!(Money::from_pence(-150_000).to_uk(), "(£1,500.00)");
        assert_eq!(Money::from_pence(99_999).to_uk(), "£999.99");
        assert_eq!(Money::ZERO.to_uk(), "£0.00");
        assert_eq!(
            Money::from_pence(i64::MIN).to_plain(),
            "-92233720368547758.08"
        );
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = Money::from_pence(i64::MAX);
        assert_eq!(
            max.checked_add(Money::from_pence(1)),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::from_pence(i64::MIN).checked_neg(),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            Money::checked_sum([Money::from_pence(1), Money::from_pence(2)]),
            Ok(Money::from_pence(3))
        );
    }
}
