//! Dates and times as Pooled reads and writes them: calendar dates exactly `YYYY-MM-DD` (plan
//! files, sign-offs, the command line), and the moments the workspace records, in UTC to the
//! millisecond. Every date Pooled reads goes through [`parse_iso_date`], and every moment is
//! shown through [`Timestamp`], so they are read and written the same way everywhere.

use std::fmt;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A calendar date written exactly `YYYY-MM-DD`; anything else (`2025-1-4`, `2025-02-30`,
/// a time after the date) is not one.
pub fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shape_ok {
        return None;
    }
    let year = text[0..4].parse().ok()?;
    let month = text[5..7].parse().ok()?;
    let day = text[8..10].parse().ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Why a typed date was not taken, in words.
pub fn not_a_date(text: &str) -> String {
    format!("'{text}' is not a date written YYYY-MM-DD")
}

/// `14 October 2025`, as board papers write dates.
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A moment recorded in the workspace, kept as the text recorded (`2025-10-14T09:30:12.345Z`,
/// UTC), which is what the audit trail's hashes cover.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// The moment as the workspace records it.
    pub fn at(moment: DateTime<Utc>) -> Timestamp {
        Timestamp(moment.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
    }

    /// A recorded moment, as read back from the workspace.
    pub fn recorded(text: impl Into<String>) -> Timestamp {
        Timestamp(text.into())
    }

    /// The text recorded.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn moment(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.0)
            .ok()
            .map(|m| m.with_timezone(&Utc))
    }

    /// The day (UTC), for filtering by date.
    pub fn day(&self) -> Option<NaiveDate> {
        self.moment().map(|m| m.date_naive())
    }

    /// `2025-10-14 09:30:12`, for one-line-an-entry listings (UTC); the recorded text itself
    /// if it is not a moment.
    pub fn to_listing(&self) -> String {
        self.moment().map_or_else(
            || self.0.clone(),
            |m| m.format("%Y-%m-%d %H:%M:%S").to_string(),
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_exactly_year_month_day() {
        assert_eq!(
            parse_iso_date("2025-10-14"),
            NaiveDate::from_ymd_opt(2025, 10, 14)
        );
        for bad in [
            "2025-1-04",
            "2025-02-30",
            "14/10/2025",
            "2025-10-14T00:00",
            "",
            "２０２５-10-14",
        ] {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
        assert_eq!(
            long_date(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap()),
            "1 April 2025"
        );
    }

    #[test]
    fn timestamps_keep_their_text_and_read_as_moments() {
        let moment = DateTime::parse_from_rfc3339("2025-10-14T09:30:12.345Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = Timestamp::at(moment);
        assert_eq!(at.as_str(), "2025-10-14T09:30:12.345Z");
        assert_eq!(at.to_listing(), "2025-10-14 09:30:12");
        assert_eq!(at.day(), NaiveDate::from_ymd_opt(2025, 10, 14));
        let odd = Timestamp::recorded("yesterday");
        assert_eq!(odd.to_listing(), "yesterday");
        assert_eq!(odd.day(), None);
    }
}
