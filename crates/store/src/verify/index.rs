//! Change entries by change id. Change ids run 1, 2, 3… in the order changes were saved, so a
//! table indexed by id holds a million of them with one lookup each, where a hash map spends
//! most of verification's time; an id far outside that range (only a tampered file has one)
//! goes in a small map beside it.

use std::collections::HashMap;

use super::Fingerprint;

/// What the trail says of one change: the entry's seq and its fingerprint, and whether the
/// change's row has been found.
#[derive(Clone, Copy)]
pub(super) struct Vouch {
    pub seq: i64,
    pub print: Fingerprint,
    pub found: bool,
}

#[derive(Default)]
pub(super) struct ChangeIndex {
    dense: Vec<Option<Vouch>>,
    /// Ids below this go in `dense`: fixed when the index is made, so memory stays bounded.
    limit: usize,
    sparse: HashMap<i64, Vouch>,
}

impl ChangeIndex {
    /// An index for about `expected` changes (the number of change rows).
    pub fn with_capacity(expected: usize) -> ChangeIndex {
        ChangeIndex {
            dense: Vec::with_capacity(expected + 1),
            // Twice the expected ids (at least a thousand), so gaps cost little.
            limit: expected.saturating_mul(2).max(1024),
            sparse: HashMap::new(),
        }
    }

    fn slot(&self, id: i64) -> Option<usize> {
        usize::try_from(id).ok().filter(|&i| i < self.limit)
    }

    pub fn insert(&mut self, id: i64, seq: i64, print: Fingerprint) {
        let vouch = Vouch {
            seq,
            print,
            found: false,
        };
        match self.slot(id) {
            Some(i) => {
                if i >= self.dense.len() {
                    self.dense.resize(i + 1, None);
                }
                self.dense[i] = Some(vouch);
            }
            None => {
                self.sparse.insert(id, vouch);
            }
        }
    }

    pub fn get_mut(&mut self, id: i64) -> Option<&mut Vouch> {
        match usize::try_from(id).ok().filter(|&i| i < self.dense.len()) {
            Some(i) => self.dense[i].as_mut(),
            None => self.sparse.get_mut(&id),
        }
    }

    pub fn get(&self, id: i64) -> Option<&Vouch> {
        match usize::try_from(id).ok().filter(|&i| i < self.dense.len()) {
            Some(i) => self.dense[i].as_ref(),
            None => self.sparse.get(&id),
        }
    }

    /// Every change the trail vouches for, as (change id, vouch), in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &Vouch)> {
        let dense = self
            .dense
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.as_ref().map(|v| (i as i64, v)));
        dense.chain(self.sparse.iter().map(|(id, v)| (*id, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::ChangeIndex;

    #[test]
    fn ids_near_and_far_are_found_and_marked() {
        let mut index = ChangeIndex::with_capacity(3);
        for id in [1, 2, 3, 5, 1 << 40, -4] {
            index.insert(id, id * 10, [id as u8; 32]);
        }
        assert_eq!(index.get(5).map(|v| v.seq), Some(50));
        assert_eq!(index.get(1 << 40).map(|v| v.seq), Some(10 << 40));
        assert_eq!(index.get(-4).map(|v| v.seq), Some(-40));
        assert!(index.get(4).is_none() && index.get(6).is_none() && index.get(0).is_none());
        index.get_mut(2).unwrap().found = true;
        let unfound: Vec<i64> = {
            let mut ids: Vec<i64> = index
                .iter()
                .filter(|(_, v)| !v.found)
                .map(|(id, _)| id)
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(unfound, vec![-4, 1, 3, 5, 1 << 40]);
    }
}
