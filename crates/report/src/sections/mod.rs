//! The sections of the paper, in order, each built from the plan and its outcome.

mod cash;
mod cover;
mod expenditure;
mod funding;
mod profile;
mod requirements;
mod risk_share;
mod signoff;
mod summary;
mod unit;
mod weights;

use std::ops::Range;

use super::layout::{Section, SectionFit};
use super::{PaperInput, ReportError, Units};
use pooled_core::money::Money;
use pooled_core::outcome::Outcome;
use pooled_core::plan::Plan;
use pooled_core::plan::model::Scheme;

/// Items listed group by group: `order` holds the items' indices, group after group in key
/// order and each in the plan's order; `ranges` the rows of each group that has items, and
/// `keys` which group each range is; `all` is every row in one range when no group has any.
pub(super) struct Grouped {
    pub order: Vec<usize>,
    pub ranges: Vec<Range<usize>>,
    pub keys: Vec<usize>,
}

impl Grouped {
    /// Groups `items` items by their key, for keys `0..keys`.
    pub fn by(keys: usize, items: usize, key_of: impl Fn(usize) -> usize) -> Grouped {
        let mut grouped = Grouped {
            order: Vec::with_capacity(items),
            ranges: Vec::new(),
            keys: Vec::new(),
        };
        for key in 0..keys {
            let start = grouped.order.len();
            grouped
                .order
                .extend((0..items).filter(|&i| key_of(i) == key));
            if grouped.order.len() > start {
                grouped.ranges.push(start..grouped.order.len());
                grouped.keys.push(key);
            }
        }
        grouped
    }

    /// The row ranges to cast with: the groups, or one empty range when there are none.
    pub fn ranges_or_all(&self) -> Vec<Range<usize>> {
        if self.ranges.is_empty() {
            crate::figures::one_group(0)
        } else {
            self.ranges.clone()
        }
    }
}

/// What every section reads from.
pub(super) struct Ctx<'a> {
    pub input: &'a PaperInput,
    pub plan: &'a Plan,
    pub outcome: &'a Outcome,
    pub units: Units,
}

impl Ctx<'_> {
    pub fn partner(&self, p: usize) -> &str {
        self.plan.partners.get(p).map_or("?", |x| x.name.as_str())
    }

    pub fn partner_index(&self, id: &str) -> Option<usize> {
        self.plan.partners.iter().position(|p| p.id == id)
    }

    pub fn partner_by_id(&self, id: &str) -> String {
        self.partner_index(id)
            .map_or_else(|| id.to_owned(), |p| self.partner(p).to_owned())
    }

    /// `Northbrook Council`, or `Joint: Northbrook Council 40%, North ICB 60%`.
    pub fn commissioner(&self, scheme: &Scheme) -> String {
        match scheme.commissioners.as_slice() {
            [(p, _)] => self.partner(*p).to_owned(),
            joint => {
                let parts: Vec<String> = joint
                    .iter()
                    .map(|(p, w)| format!("{} {w}%", self.partner(*p)))
                    .collect();
                format!("Joint: {}", parts.join(", "))
            }
        }
    }
}

/// Says so when a printed total is not the figure the outcome holds (never expected: the two
/// are the same sums).
pub(super) fn same(printed: Money, outcome: Money, what: &str) -> Result<(), ReportError> {
    if printed == outcome {
        Ok(())
    } else {
        Err(ReportError::Inconsistent(format!(
            "{what}: {} against {} in the outcome",
            printed.to_uk(),
            outcome.to_uk()
        )))
    }
}

/// Says so when `parts` do not add up to the outcome's `total`.
pub(super) fn adds_up(parts: &[Money], total: Money, what: &str) -> Result<(), ReportError> {
    same(Money::checked_sum(parts.iter().copied())?, total, what)
}

/// The outcome must list the plan's partners, schemes and contracts in the plan's order.
fn check(plan: &Plan, outcome: &Outcome) -> Result<(), ReportError> {
    let ids = |a: Vec<&str>, b: Vec<&str>, what: &str| {
        if a == b {
            Ok(())
        } else {
            Err(ReportError::Inconsistent(format!("its {what} differ")))
        }
    };
    ids(
        plan.partners.iter().map(|p| p.id.as_str()).collect(),
        outcome.partners.iter().map(|p| p.id.as_str()).collect(),
        "partners",
    )?;
    ids(
        plan.schemes.iter().map(|s| s.id.as_str()).collect(),
        outcome.schemes.iter().map(|s| s.id.as_str()).collect(),
        "schemes",
    )?;
    ids(
        plan.contracts.iter().map(|c| c.id.as_str()).collect(),
        outcome.contracts.iter().map(|c| c.id.as_str()).collect(),
        "contracts",
    )?;
    let n = plan.partners.len();
    let shaped = outcome.units.iter().all(|u| {
        u.allocation.len() == n
            && u.working.contributions.len() == n
            && u.working.caps.len() == n
            && u.working.slices.iter().all(|s| s.shares.len() == n)
            && plan.groups.iter().any(|g| g.id == u.group)
    }) && outcome.schemes.iter().all(|s| s.contributions.len() == n)
        && outcome.contracts.iter().all(|c| c.monthly.len() == 12);
    if shaped {
        Ok(())
    } else {
        Err(ReportError::Inconsistent(
            "its units do not fit the plan".to_owned(),
        ))
    }
}

/// Every section of the paper, in order.
pub(super) fn build(input: &PaperInput, units: Units) -> Result<Vec<Section>, ReportError> {
    check(&input.plan, &input.outcome)?;
    let ctx = Ctx {
        input,
        plan: &input.plan,
        outcome: &input.outcome,
        units,
    };
    let mut first = cover::blocks(&ctx);
    first.extend(summary::blocks(&ctx)?);
    first.extend(funding::blocks(&ctx)?);
    let mut sections = vec![
        Section {
            fit: SectionFit::Portrait,
            new_page: true,
            blocks: first,
        },
        Section {
            fit: SectionFit::Landscape,
            new_page: true,
            blocks: expenditure::blocks(&ctx)?,
        },
        Section {
            fit: SectionFit::Auto,
            new_page: true,
            blocks: risk_share::blocks(&ctx)?,
        },
    ];
    sections.extend(cash::sections(&ctx)?);
    sections.push(Section {
        fit: SectionFit::Portrait,
        new_page: true,
        blocks: requirements::blocks(&ctx)?,
    });
    sections.push(Section {
        fit: SectionFit::Portrait,
        new_page: false,
        blocks: signoff::blocks(&ctx),
    });
    Ok(sections)
}
