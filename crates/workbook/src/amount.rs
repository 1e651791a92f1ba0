//! Reading amounts and percentages from cells (spec §1.4, §1.5). A number cell's binary value
//! becomes its shortest decimal text (what `{}` prints for an `f64`), then an exact
//! `rust_decimal::Decimal`; times the column's multiplier it must be within 0.000001 of a whole
//! number of pence. A text cell must be an amount as people write one (`£1,234.50`, `(2,000)`,
//! `-£12.00`, `-`), with no tolerance. Nothing here does float arithmetic.

use std::str::FromStr;

use pooled_core::findings::Code;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::book::Cell;

/// Why a cell is not an amount, in words for the message after the cell reference
/// (`'12,3x4' is not an amount`, `1234.5678 is not a whole number of pence`).
pub type Refusal = String;

/// The words for a formula cell without a cached value (spec §1.1).
pub const NO_CACHED_VALUE: &str =
    "a formula with no saved value; open and save the file in Excel or LibreOffice";

/// How far a number cell may be from a whole number of pence (§1.4).
fn amount_tolerance() -> Decimal {
    Decimal::new(1, 6)
}

/// How far a number cell may be from 6 decimal places (§1.5).
fn weight_tolerance() -> Decimal {
    Decimal::new(1, 9)
}

/// The amount in a cell, in pounds, exact to the penny: `None` for a blank cell.
/// `multiplier` is 1, or 1000 for a £000 column.
pub fn read_amount(cell: &Cell, multiplier: u32) -> Result<Option<Decimal>, Refusal> {
    let m = Decimal::from(multiplier);
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => {
            let value = parse_text(t, true, 2).ok_or_else(|| format!("'{t}' is not an amount"))?;
            let e = value
                .checked_mul(m)
                .ok_or_else(|| format!("'{t}' is too large to be an amount"))?;
            // Two decimals times a whole multiplier is always whole pence; kept as a guard.
            if e.round_dp(2) != e {
                return Err(format!("'{t}' is not a whole number of pence"));
            }
            Ok(Some(tidy(e)))
        }
        Cell::Number(f) => {
            let (shown, d) = number_decimal(*f).map_err(|why| format!("{why} is not an amount"))?;
            let e = d
                .checked_mul(m)
                .ok_or_else(|| format!("{shown} is too large to be an amount"))?;
            let p = e.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            let gap = e.checked_sub(p).map(|g| g.abs());
            if gap.is_none_or(|g| g > amount_tolerance()) {
                return Err(if multiplier == 1 {
                    format!("{shown} is not a whole number of pence")
                } else {
                    format!(
                        "{shown} (× {multiplier} = {}) is not a whole number of pence",
                        e.normalize()
                    )
                });
            }
            Ok(Some(tidy(p)))
        }
        other => Err(not_a_value(other, "an amount")),
    }
}

/// A percentage or weight in a cell, to 6 decimal places (tolerance 0.000000001); text may end
/// in `%`. `None` for a blank cell.
pub fn read_percentage(cell: &Cell) -> Result<Option<Decimal>, Refusal> {
    read_percentage_coded(cell).map_err(|(_, why)| why)
}

/// As [`read_percentage`], with the code the refusal is reported under: `E-WEIGHT` for a number
/// that is not within the tolerance of 6 decimal places (§1.5), `E-WORKBOOK` for anything else.
pub fn read_percentage_coded(cell: &Cell) -> Result<Option<Decimal>, (Code, Refusal)> {
    let unreadable = |why: String| (Code::Workbook, why);
    match cell {
        Cell::Empty => Ok(None),
        Cell::Text(t) if t.trim().is_empty() => Ok(None),
        Cell::Text(t) => {
            let value = parse_text(t, false, 6)
                .ok_or_else(|| unreadable(format!("'{t}' is not a percentage")))?;
            Ok(Some(tidy(value)))
        }
        Cell::Number(f) => {
            let (shown, d) = number_decimal(*f)
                .map_err(|why| unreadable(format!("{why} is not a percentage")))?;
            let p = d.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero);
            let gap = d.checked_sub(p).map(|g| g.abs());
            if gap.is_none_or(|g| g > weight_tolerance()) {
                return Err((
                    Code::Weight,
                    format!("{shown} has more than 6 decimal places"),
                ));
            }
            Ok(Some(tidy(p)))
        }
        other => Err(unreadable(not_a_value(other, "a percentage"))),
    }
}

/// An amount as the plan writes it: two decimals, `"1234.50"`, `"-12.00"`.
pub fn amount_text(amount: Decimal) -> String {
    format!("{:.2}", amount.round_dp(2))
}

/// A weight or percentage as the plan writes it: no trailing zeros, `"33.333333"`, `"50"`.
pub fn weight_text(weight: Decimal) -> String {
    weight.normalize().to_string()
}

/// A zero without a sign (`-0.0` in a cell is nothing owed either way).
fn tidy(d: Decimal) -> Decimal {
    if d.is_zero() { Decimal::ZERO } else { d }
}

/// The words for a cell that holds something other than a number or text.
fn not_a_value(cell: &Cell, expected: &str) -> String {
    match cell {
        Cell::Bool(b) => format!("{} is not {expected}", if *b { "TRUE" } else { "FALSE" }),
        Cell::Date(_) => format!("a date is not {expected}"),
        Cell::Error(e) => format!("the error {e} is not {expected}"),
        Cell::NoCachedValue => NO_CACHED_VALUE.to_owned(),
        Cell::Empty | Cell::Text(_) | Cell::Number(_) => format!("this cell is not {expected}"),
    }
}

/// A number cell's value as its shortest decimal text and the exact decimal of that text; `Err`
/// with the text for a value no amount can be (infinite, not a number, too large).
fn number_decimal(f: f64) -> Result<(String, Decimal), String> {
    if !f.is_finite() {
        return Err(format!("{f}"));
    }
    let shown = format!("{f}");
    let parsed = if shown.contains(['e', 'E']) {
        // `{}` prints plain digits today; an exponent form is still read exactly if it appears.
        Decimal::from_scientific(&shown).ok()
    } else {
        Decimal::from_str_exact(&shown).ok()
    };
    match parsed {
        Some(d) => Ok((shown, d)),
        None if tiny(&shown) => {
            // More than 28 decimal places with a zero whole part: the shortest text has at most
            // 17 significant digits, so the value is below 1e-11 and, even times 1000, within the
            // tolerance of zero pence and of zero percent.
            Ok((shown, Decimal::ZERO))
        }
        None => Err(shown),
    }
}

/// Whether a plain decimal text has a zero whole part (`0.000…`, `-0.000…`).
fn tiny(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    unsigned.starts_with("0.") && !unsigned.contains(['e', 'E'])
}

/// White space people put in numbers: ordinary, non-breaking, thin, narrow and figure spaces.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}' | '\u{200a}'
        )
}

/// An amount (`pounds`) or a percentage as typed: `[-][£]DIGITS[.D…]` or the same in brackets
/// (negative); DIGITS plain or grouped in threes by commas; a lone dash is zero. At most
/// `max_dp` decimals. Percentages take no `£` and may end in `%`.
fn parse_text(raw: &str, pounds: bool, max_dp: usize) -> Option<Decimal> {
    let s: String = raw.chars().filter(|c| !is_space(*c)).collect();
    let mut s = s.as_str();
    if !pounds {
        s = s.strip_suffix('%').unwrap_or(s);
    }
    if s == "-" || s == "\u{2013}" {
        return Some(Decimal::ZERO);
    }
    let (negative, body) =
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            // A sign inside brackets would be a double negative nobody means: refused.
            (true, inner)
        } else if let Some(rest) = s.strip_prefix('-') {
            (true, rest)
        } else {
            (false, s)
        };
    let body = if pounds {
        body.strip_prefix('£').unwrap_or(body)
    } else {
        body
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = whole_digits(whole)?;
    if let Some(f) = fraction
        && (f.is_empty() || f.len() > max_dp || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let text = match fraction {
        Some(f) => format!("{}{digits}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{digits}", if negative { "-" } else { "" }),
    };
    Decimal::from_str(&text).ok().map(tidy)
}

/// The digits of a whole part: plain digits, or digits grouped in threes by commas (`1,234,567`).
fn whole_digits(whole: &str) -> Option<String> {
    if whole.is_empty() {
        return None;
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let first = groups.first()?;
    let all_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if groups.len() > 1 {
        let first_ok = all_digits(first) && first.len() <= 3;
        let rest_ok = groups.iter().skip(1).all(|g| all_digits(g) && g.len() == 3);
        if !(first_ok && rest_ok) {
            return None;
        }
    } else if !all_digits(first) {
        return None;
    }
    // 28 digits is the most an exact decimal holds; a longer number is no amount.
    let digits: String = groups.concat();
    (digits.len() <= 28).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }
    fn amount(cell: Cell) -> Result<Option<String>, String> {
        read_amount(&cell, 1).map(|a| a.map(amount_text))
    }
    fn text(s: &str) -> Result<Option<String>, String> {
        amount(Cell::Text(s.to_owned()))
    }

    #[test]
    fn number_cells_follow_the_tolerance() {
        assert_eq!(
            amount(Cell::Number(1234.5000000001)),
            Ok(Some("1234.50".into()))
        );
        assert_eq!(
            amount(Cell::Number(1234.567)),
            Err("1234.567 is not a whole number of pence".into())
        );
        assert_eq!(
            amount(Cell::Number(1234.5678)),
            Err("1234.5678 is not a whole number of pence".into())
        );
        assert_eq!(
            amount(Cell::Number(0.300_000_000_000_000_04)),
            Ok(Some("0.30".into()))
        );
        assert_eq!(amount(Cell::Number(-12.0)), Ok(Some("-12.00".into())));
        assert_eq!(amount(Cell::Number(-0.0)), Ok(Some("0.00".into())));
        assert_eq!(amount(Cell::Number(1e-7)), Ok(Some("0.00".into())));
        assert_eq!(amount(Cell::Number(5e-324)), Ok(Some("0.00".into())));
        assert_eq!(
            amount(Cell::Number(1e21)),
            Ok(Some("1000000000000000000000.00".into()))
        );
        assert!(amount(Cell::Number(1e300)).is_err());
        assert!(amount(Cell::Number(f64::NAN)).is_err());
        assert!(amount(Cell::Number(f64::INFINITY)).is_err());
        // Half a penny and more from a whole penny: refused, not rounded.
        assert!(amount(Cell::Number(0.005)).is_err());
        // Within the tolerance: rounded half away from zero.
        assert_eq!(
            amount(Cell::Number(0.009_999_999_9)),
            Ok(Some("0.01".into()))
        );
        assert_eq!(
            amount(Cell::Number(-0.009_999_999_9)),
            Ok(Some("-0.01".into()))
        );
    }

    #[test]
    fn the_multiplier_applies_exactly() {
        assert_eq!(
            read_amount(&Cell::Number(1.2345), 1000).map(|a| a.map(amount_text)),
            Ok(Some("1234.50".into()))
        );
        assert!(read_amount(&Cell::Number(1.2345678), 1000).is_err());
        assert_eq!(
            read_amount(&Cell::Text("(£2,000.5)".into()), 1000).map(|a| a.map(amount_text)),
            Ok(Some("-2000500.00".into()))
        );
    }

    #[test]
    fn text_cells_follow_the_spec_examples() {
        assert_eq!(text("1234.5"), Ok(Some("1234.50".into())));
        assert_eq!(text("£1,234.50"), Ok(Some("1234.50".into())));
        assert_eq!(text("(2,000)"), Ok(Some("-2000.00".into())));
        assert_eq!(text("-£12.00"), Ok(Some("-12.00".into())));
        assert_eq!(text("(£2,000.00)"), Ok(Some("-2000.00".into())));
        assert_eq!(text("-"), Ok(Some("0.00".into())));
        assert_eq!(text("\u{2013}"), Ok(Some("0.00".into())));
        assert_eq!(text(" £ 1 234.50\u{a0}"), Ok(Some("1234.50".into())));
        assert_eq!(text("1\u{2009}234"), Ok(Some("1234.00".into())));
        assert_eq!(text("1,234,567"), Ok(Some("1234567.00".into())));
        assert_eq!(text("  "), Ok(None));
        assert_eq!(amount(Cell::Empty), Ok(None));
    }

    #[test]
    fn text_that_is_not_an_amount_is_refused() {
        assert_eq!(text("12,3x4"), Err("'12,3x4' is not an amount".into()));
        for bad in [
            "1234.5000000001",
            "12,34",
            "1,2345",
            ",123",
            "1234.",
            ".5",
            "1.234",
            "£-12",
            "(-12)",
            "(12",
            "12)",
            "--12",
            "12£",
            "1e5",
            "abc",
            "£",
            "()",
            "12%",
            "99999999999999999999999999999",
        ] {
            assert!(text(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn other_cells_are_refused_in_words() {
        assert_eq!(
            amount(Cell::Bool(true)),
            Err("TRUE is not an amount".into())
        );
        assert_eq!(
            amount(Cell::Date(45000.0)),
            Err("a date is not an amount".into())
        );
        assert_eq!(
            amount(Cell::Error("#DIV/0!".into())),
            Err("the error #DIV/0! is not an amount".into())
        );
        assert_eq!(amount(Cell::NoCachedValue), Err(NO_CACHED_VALUE.into()));
    }

    #[test]
    fn percentages_are_kept_to_six_places() {
        let pct = |c: Cell| read_percentage(&c).map(|p| p.map(weight_text));
        assert_eq!(pct(Cell::Number(0.6)), Ok(Some("0.6".into())));
        assert_eq!(pct(Cell::Number(33.333333)), Ok(Some("33.333333".into())));
        assert_eq!(
            pct(Cell::Number(33.3333330000001)),
            Ok(Some("33.333333".into()))
        );
        assert_eq!(pct(Cell::Text("60%".into())), Ok(Some("60".into())));
        assert_eq!(
            pct(Cell::Text("66.666667 %".into())),
            Ok(Some("66.666667".into()))
        );
        assert_eq!(pct(Cell::Text("40".into())), Ok(Some("40".into())));
        assert_eq!(pct(Cell::Empty), Ok(None));
        assert_eq!(
            read_percentage_coded(&Cell::Number(0.333_333_333_333_333_3)).map_err(|(c, _)| c),
            Err(Code::Weight)
        );
        assert_eq!(
            read_percentage_coded(&Cell::Text("sixty".into())),
            Err((Code::Workbook, "'sixty' is not a percentage".into()))
        );
        assert!(pct(Cell::Text("33.3333333".into())).is_err());
        assert!(pct(Cell::Text("£60".into())).is_err());
        assert!(pct(Cell::NoCachedValue).is_err());
    }

    #[test]
    fn written_texts_have_the_plan_s_form() {
        assert_eq!(amount_text(dec("1250")), "1250.00");
        assert_eq!(amount_text(dec("-12")), "-12.00");
        assert_eq!(weight_text(dec("50.000000")), "50");
        assert_eq!(weight_text(dec("33.333333")), "33.333333");
    }

    proptest! {
        #[test]
        fn any_two_place_decimal_reads_back_exactly(pence in -100_000_000_000_000i64..100_000_000_000_000i64) {
            let d = Decimal::new(pence, 2);
            // The cell holds the nearest binary64 to the decimal, as a spreadsheet would.
            let f: f64 = d.to_string().parse().unwrap();
            let read = read_amount(&Cell::Number(f), 1).unwrap().unwrap();
            prop_assert_eq!(read, d);
            let written = read_amount(&Cell::Text(amount_text(d)), 1).unwrap().unwrap();
            prop_assert_eq!(written, d);
        }

        #[test]
        fn any_text_is_read_or_refused_without_panic(s in ".{0,40}", m in prop_oneof![Just(1u32), Just(1000u32)]) {
            let _ = read_amount(&Cell::Text(s.clone()), m);
            let _ = read_percentage(&Cell::Text(s));
        }

        #[test]
        fn amount_like_text_never_panics(s in "[-(£0-9,. %)\u{a0}\u{2013}]{0,30}") {
            let _ = read_amount(&Cell::Text(s.clone()), 1000);
            let _ = read_percentage(&Cell::Text(s));
        }

        #[test]
        fn any_number_is_read_or_refused_without_panic(bits in any::<u64>(), m in prop_oneof![Just(1u32), Just(1000u32)]) {
            let f = f64::from_bits(bits);
            let _ = read_amount(&Cell::Number(f), m);
            let _ = read_percentage(&Cell::Number(f));
        }
    }
}
