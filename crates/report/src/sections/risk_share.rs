//! Section 4: the risk share, step by step, so that a finance lead can follow every figure
//! with a calculator.

use super::{Ctx, unit};
use crate::ReportError;
use crate::layout::Block;
use pooled_core::rule_reading::group_reading;

pub(super) fn blocks(ctx: &Ctx) -> Result<Vec<Block>, ReportError> {
    let mut blocks = vec![
        Block::heading(1, "4. Risk share, step by step"),
        Block::para(
            "Risk is shared unit by unit. A risk-share group is one unit, or one unit per scheme \
             when each of its schemes is shared on its own. A unit's variance is its forecast \
             outturn less its budget: an overspend is shared by the group's overspend rule, an \
             underspend by its underspend rule. Figures here are always in pounds and pence.",
        ),
        Block::note(
            "How a share is worked out. In proportion to weights: amount × the partner's weight ÷ \
             the total of the weights, in pence, rounded down; the pennies left over go one at a \
             time to the partners whose shares were rounded down the most (the largest \
             remainders), ties to the partner listed first. An underspend is shared the same way \
             without its sign. In bands: each band takes the part of the variance between its \
             thresholds, shared by the band's own rule, and a partner's share is the sum of its \
             band shares. Caps: a share above its cap is cut back to it, and what is cut off is \
             shared in proportion to contributions among the partners not capped that \
             contribute, round after round until no share is above its cap.",
        ),
    ];
    for (g, group) in ctx.plan.groups.iter().enumerate() {
        let units: Vec<_> = ctx
            .outcome
            .units
            .iter()
            .filter(|u| u.group == group.id)
            .collect();
        // The group's heading and rules stay with its first unit.
        let mut kept = vec![
            Block::heading(2, format!("{} (group {})", group.name, group.id)),
            Block::para(group_reading(ctx.plan, group)),
        ];
        if units.is_empty() {
            kept.push(Block::note(
                "The group has no schemes, so nothing is shared.",
            ));
            blocks.push(Block::Keep(std::mem::take(&mut kept)));
        }
        for unit in units {
            kept.extend(unit::blocks(ctx, unit, g, group)?);
            blocks.push(Block::Keep(std::mem::take(&mut kept)));
        }
    }
    Ok(blocks)
}
