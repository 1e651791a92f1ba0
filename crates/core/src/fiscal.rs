//! The UK public-sector financial year: 1 April to 31 March, months numbered from April (M1).

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A financial year, identified by the calendar year it starts in (2025 for 2025-26).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear {
    start_year: i32,
}

impl FinancialYear {
    /// Reads the document form `"2025-26"`: four digits, a hyphen, and the next year's last two.
    pub fn parse(text: &str) -> Option<FinancialYear> {
        let (first, second) = text.split_once('-')?;
        if first.len() != 4
            || second.len() != 2
            || !(first.bytes().chain(second.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let start_year: i32 = first.parse().ok()?;
        let end_suffix: i32 = second.parse().ok()?;
        ((start_year + 1) % 100 == end_suffix && start_year < 9999)
            .then_some(FinancialYear { start_year })
    }

    /// The financial year a date falls in.
    pub fn containing(date: NaiveDate) -> FinancialYear {
        let start_year = if date.month() >= 4 {
            date.year()
        } else {
            date.year() - 1
        };
        FinancialYear { start_year }
    }

    pub fn start_year(self) -> i32 {
        self.start_year
    }

    pub fn next(self) -> FinancialYear {
        FinancialYear {
            start_year: self.start_year + 1,
        }
    }

    /// 1 April of the first year.
    pub fn start(self) -> NaiveDate {
        ymd(self.start_year, 4, 1)
    }

    /// 31 March of the second year.
    pub fn end(self) -> NaiveDate {
        ymd(self.start_year + 1, 3, 31)
    }

    /// The first day of month `m` of the year, M1 = April … M12 = March.
    pub fn month_start(self, m: u32) -> NaiveDate {
        debug_assert!((1..=12).contains(&m));
        let calendar_month = (m + 2) % 12 + 1;
        let year = if calendar_month >= 4 {
            self.start_year
        } else {
            self.start_year + 1
        };
        ymd(year, calendar_month, 1)
    }

    /// The last day of month `m` of the year.
    pub fn month_end(self, m: u32) -> NaiveDate {
        if m == 12 {
            self.end()
        } else {
            self.month_start(m + 1).pred_opt().unwrap_or(NaiveDate::MAX)
        }
    }

    /// The document form, `2025-26`.
    pub fn to_document(self) -> String {
        format!("{}-{:02}", self.start_year, (self.start_year + 1) % 100)
    }
}

/// The form people read: `2025/26`.
impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start_year, (self.start_year + 1) % 100)
    }
}

/// Days from `from` to `to` inclusive that also fall between `start` and `end` inclusive.
pub fn overlap_days(from: NaiveDate, to: NaiveDate, start: NaiveDate, end: NaiveDate) -> i64 {
    let first = from.max(start);
    let last = to.min(end);
    if last < first {
        0
    } else {
        (last - first).num_days() + 1
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Years handled here come from a four-digit financial year or a valid date: always in range.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn reads_only_consecutive_years() {
        let year = FinancialYear::parse("2025-26").unwrap();
        assert_eq!(year.start(), d("2025-04-01"));
        assert_eq!(year.end(), d("2026-03-31"));
        assert_eq!(year.to_string(), "2025/26");
        assert_eq!(year.to_document(), "2025-26");
        assert_eq!(
            FinancialYear::parse("1999-00").unwrap().end(),
            d("2000-03-31")
        );
        for bad in [
            "2025-27",
            "2025/26",
            "25-26",
            "2025-2026",
            "",
            "2025-",
            "abcd-ef",
            "+025-26",
            "9999-00",
        ] {
            assert_eq!(FinancialYear::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn months_run_from_april() {
        let year = FinancialYear::parse("2023-24").unwrap();
        assert_eq!(year.month_start(1), d("2023-04-01"));
        assert_eq!(year.month_start(10), d("2024-01-01"));
        assert_eq!(year.month_end(11), d("2024-02-29"));
        assert_eq!(year.month_end(12), d("2024-03-31"));
        assert_eq!(FinancialYear::containing(d("2024-03-31")), year);
        assert_eq!(FinancialYear::containing(d("2024-04-01")), year.next());
    }

    #[test]
    fn counts_overlapping_days_inclusively() {
        assert_eq!(
            overlap_days(
                d("2024-10-15"),
                d("2027-10-14"),
                d("2025-04-01"),
                d("2026-03-31")
            ),
            365
        );
        assert_eq!(
            overlap_days(
                d("2025-07-01"),
                d("2025-07-01"),
                d("2025-04-01"),
                d("2026-03-31")
            ),
            1
        );
        assert_eq!(
            overlap_days(
                d("2024-11-01"),
                d("2025-02-28"),
                d("2025-04-01"),
                d("2026-03-31")
            ),
            0
        );
    }
}
