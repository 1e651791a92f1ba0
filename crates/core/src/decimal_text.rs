//! The one grammar for decimal text in a plan: an optional minus, digits, and optionally a point
//! followed by digits. Amounts and weights both use it, with their own number of decimals.

/// Why text is not a decimal of the expected shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalTextError {
    /// Not digits with an optional point (covers `+`, `£`, commas, spaces and exponents).
    Syntax,
    /// More decimal places than allowed.
    TooManyDecimals,
    /// More whole digits than any allowed value can have.
    TooLong,
}

/// Parses `text` into an integer scaled by 10^`decimals`: `"12.5"` with 2 decimals is 1250.
/// Values with more than `max_whole_digits` significant whole digits give `TooLong`, which keeps
/// the result far inside `i128`.
pub fn parse_scaled(
    text: &str,
    decimals: u32,
    max_whole_digits: usize,
) -> Result<i128, DecimalTextError> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return Err(DecimalTextError::Syntax),
        None => (body, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(DecimalTextError::Syntax);
    }
    if fraction.len() > decimals as usize {
        return Err(DecimalTextError::TooManyDecimals);
    }
    let whole = whole.trim_start_matches('0');
    if whole.len() > max_whole_digits {
        return Err(DecimalTextError::TooLong);
    }
    let digit = |b: u8| i128::from(b - b'0');
    let mut value: i128 = whole.bytes().fold(0, |acc, b| acc * 10 + digit(b));
    let mut fraction_digits = fraction.bytes();
    for _ in 0..decimals {
        value = value * 10 + fraction_digits.next().map_or(0, digit);
    }
    Ok(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_by_the_number_of_decimals() {
        assert_eq!(parse_scaled("12.5", 2, 20), Ok(1250));
        assert_eq!(parse_scaled("33.333333", 6, 20), Ok(33_333_333));
        assert_eq!(parse_scaled("-0.1", 6, 20), Ok(-100_000));
        assert_eq!(parse_scaled("0007", 0, 1), Ok(7));
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "", "-", ".5", "5.", "+5", "1e5", "£5", "1,000", " 5", "5.0.0", "--5", "0x10",
        ] {
            assert_eq!(
                parse_scaled(bad, 2, 20),
                Err(DecimalTextError::Syntax),
                "{bad:?}"
            );
        }
        assert_eq!(
            parse_scaled("1.234", 2, 20),
            Err(DecimalTextError::TooManyDecimals)
        );
        assert_eq!(parse_scaled("1234", 2, 3), Err(DecimalTextError::TooLong));
    }
}
