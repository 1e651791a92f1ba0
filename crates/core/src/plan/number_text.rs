//! Numbers kept as the exact text the author wrote, whether a JSON string or a JSON number.
//!
//! Reading a JSON number through `f64` would change `0.1` or a 17-digit amount, so the reader
//! captures the raw token instead. Checking the text (decimals, limits) is validation's job, so
//! that a bad figure is reported alongside every other error rather than stopping the read.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// The text of a number as written: `"1234.50"` and `1234.50` both give `1234.50`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NumberText(pub String);

/// An amount of money as written, checked by validation.
pub type AmountText = NumberText;
/// A weight or percentage as written, checked by validation.
pub type WeightText = NumberText;

impl NumberText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for NumberText {
    fn from(text: &str) -> Self {
        NumberText(text.to_owned())
    }
}

impl fmt::Display for NumberText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for NumberText {
    /// Always written as a JSON string, the spec's preferred form for amounts.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for NumberText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: Box<RawValue> = Deserialize::deserialize(deserializer)?;
        let token = raw.get();
        match token.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(token)
                .map(NumberText)
                .map_err(de::Error::custom),
            Some(b'-' | b'0'..=b'9') => Ok(NumberText(token.to_owned())),
            _ => Err(de::Error::custom(format!(
                "expected a number written as text such as \"1234.56\", found {}",
                describe_token(token)
            ))),
        }
    }
}

fn describe_token(token: &str) -> &'static str {
    match token.as_bytes().first() {
        Some(b'{') => "an object",
        Some(b'[') => "a list",
        Some(b't' | b'f') => "true or false",
        Some(b'n') => "null",
        _ => "something else",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_exact_text_of_strings_and_numbers() {
        let read: Vec<NumberText> =
            serde_json::from_str(r#"["1234.50", 1234.50, 0.1, 12345678901234567.891, -3, 1e5]"#)
                .unwrap();
        let texts: Vec<&str> = read.iter().map(NumberText::as_str).collect();
        assert_eq!(
            texts,
            [
                "1234.50",
                "1234.50",
                "0.1",
                "12345678901234567.891",
                "-3",
                "1e5"
            ]
        );
        assert_eq!(serde_json::to_string(&read[1]).unwrap(), r#""1234.50""#);
    }

    #[test]
    fn refuses_other_json_types() {
        for bad in ["true", "null", "{}", "[]"] {
            assert!(serde_json::from_str::<NumberText>(bad).is_err(), "{bad}");
        }
    }
}
