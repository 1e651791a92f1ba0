//! Settlement (spec §3 step 6): each non-host partner's share in a unit is owed to that unit's
//! host (a negative share is owed back). Flows are netted per pair of partners.

use std::collections::BTreeMap;

use crate::money::{Money, MoneyError};

/// Who pays whom, by partner position, netted per pair.
#[derive(Debug, PartialEq)]
pub struct Flow {
    pub from: usize,
    pub to: usize,
    pub amount: Money,
}

/// Accumulates flows and nets them per pair, ordered by the earlier- then later-listed partner.
#[derive(Default)]
pub struct Ledger {
    /// (a, b) with a < b: what a owes b, net (negative: b owes a).
    owed: BTreeMap<(usize, usize), Money>,
}

impl Ledger {
    /// Records that `debtor` owes `creditor` the signed `amount`.
    pub fn owe(&mut self, debtor: usize, creditor: usize, amount: Money) -> Result<(), MoneyError> {
        if debtor == creditor || amount.is_zero() {
            return Ok(());
        }
        let (key, signed) = if debtor < creditor {
            ((debtor, creditor), amount)
        } else {
            ((creditor, debtor), amount.checked_neg()?)
        };
        let entry = self.owed.entry(key).or_default();
        *entry = entry.checked_add(signed)?;
        Ok(())
    }

    pub fn transfers(&self) -> Result<Vec<Flow>, MoneyError> {
        let mut flows = Vec::new();
        for (&(a, b), &net) in &self.owed {
            if net.is_positive() {
                flows.push(Flow {
                    from: a,
                    to: b,
                    amount: net,
                });
            } else if net.is_negative() {
                flows.push(Flow {
                    from: b,
                    to: a,
                    amount: net.checked_neg()?,
                });
            }
        }
        Ok(flows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nets_both_directions_per_pair() {
        let mut ledger = Ledger::default();
        ledger.owe(1, 0, Money::from_pence(15_000)).unwrap();
        ledger.owe(0, 1, Money::from_pence(10_000)).unwrap(); // host 1 owes partner 0 back
        ledger.owe(2, 0, Money::from_pence(-500)).unwrap();
        ledger.owe(2, 1, Money::from_pence(700)).unwrap();
        ledger.owe(1, 2, Money::from_pence(700)).unwrap(); // cancels: no transfer
        let flows = ledger.transfers().unwrap();
        assert_eq!(
            flows,
            vec![
                Flow {
                    from: 1,
                    to: 0,
                    amount: Money::from_pence(5_000)
                },
                Flow {
                    from: 0,
                    to: 2,
                    amount: Money::from_pence(500)
                }
            ]
        );
    }
}
