//! Amounts keyed by partner id, every partner in partner order: `{"icb": "…", "council": "…"}`
//! in the outcome document. The ids are one list shared by every such object of an outcome, so
//! a 100,000-scheme outcome does not copy a dozen ids for each scheme.

use std::sync::Arc;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::money::Money;

#[derive(Clone, Debug, PartialEq)]
pub struct PartnerAmounts {
    ids: Arc<[String]>,
    amounts: Vec<Money>,
}

impl PartnerAmounts {
    /// One amount per id, in the same order.
    pub fn new(ids: Arc<[String]>, amounts: Vec<Money>) -> PartnerAmounts {
        debug_assert_eq!(ids.len(), amounts.len());
        PartnerAmounts { ids, amounts }
    }

    /// The amounts in partner order.
    pub fn amounts(&self) -> &[Money] {
        &self.amounts
    }

    /// The amounts in partner order, to change (the ids stay as they are).
    pub fn amounts_mut(&mut self) -> &mut [Money] {
        &mut self.amounts
    }

    /// (partner id, amount) in partner order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Money)> {
        self.ids
            .iter()
            .map(String::as_str)
            .zip(self.amounts.iter().copied())
    }

    pub fn get(&self, id: &str) -> Option<Money> {
        self.iter().find(|(k, _)| *k == id).map(|(_, m)| m)
    }

    pub fn len(&self) -> usize {
        self.amounts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.amounts.is_empty()
    }
}

impl Serialize for PartnerAmounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (id, amount) in self.iter() {
            map.serialize_entry(id, &amount)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_an_object_in_partner_order() {
        let ids: Arc<[String]> = ["icb".to_owned(), "council".to_owned()].into();
        let amounts = PartnerAmounts::new(ids, vec![Money::from_pence(150), Money::from_pence(-5)]);
        assert_eq!(
            serde_json::to_string(&amounts).unwrap(),
            r#"{"icb":"1.50","council":"-0.05"}"#
        );
        assert_eq!(amounts.get("council"), Some(Money::from_pence(-5)));
        assert_eq!(amounts.get("other"), None);
    }
}
