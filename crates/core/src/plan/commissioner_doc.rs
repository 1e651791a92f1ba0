//! Reading a scheme's `commissioner`: a partner id, or `{"joint": {PARTNER: PERCENT, …}}`.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use super::document::{CommissionerDoc, JointDoc};

impl<'de> Deserialize<'de> for CommissionerDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CommissionerVisitor)
    }
}

struct CommissionerVisitor;

impl<'de> Visitor<'de> for CommissionerVisitor {
    type Value = CommissionerDoc;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"a partner id, or {"joint": {PARTNER: PERCENT, …}}"#)
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
        Ok(CommissionerDoc::Partner(id.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut joint = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "joint" if joint.is_none() => joint = Some(map.next_value()?),
                "joint" => return Err(de::Error::duplicate_field("joint")),
                other => return Err(de::Error::unknown_field(other, &["joint"])),
            }
        }
        let joint = joint.ok_or_else(|| de::Error::missing_field("joint"))?;
        Ok(CommissionerDoc::Joint(JointDoc { joint }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_partner_or_a_joint_split_with_exact_percentages() {
        let one: CommissionerDoc = serde_json::from_str(r#""icb""#).unwrap();
        assert_eq!(one, CommissionerDoc::Partner("icb".into()));
        let joint: CommissionerDoc =
            serde_json::from_str(r#"{"joint": {"icb": 33.333333, "la": "66.666667"}}"#).unwrap();
        let CommissionerDoc::Joint(JointDoc { joint }) = joint else {
            panic!("not joint")
        };
        let read: Vec<(&str, &str)> = joint.iter().map(|(k, v)| (k, v.as_str())).collect();
        assert_eq!(read, [("icb", "33.333333"), ("la", "66.666667")]);
        assert_eq!(
            serde_json::to_string(&CommissionerDoc::Joint(JointDoc { joint })).unwrap(),
            r#"{"joint":{"icb":"33.333333","la":"66.666667"}}"#
        );
    }

    #[test]
    fn refuses_other_shapes() {
        for bad in [
            r#"{"jiont": {}}"#,
            r#"{}"#,
            "3",
            "[]",
            r#"{"joint": {}, "joint": {}}"#,
        ] {
            assert!(
                serde_json::from_str::<CommissionerDoc>(bad).is_err(),
                "{bad}"
            );
        }
    }
}
