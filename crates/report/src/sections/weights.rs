//! The weights a rule shares by, as printed beside a unit's working: what each partner
//! commissions, and a rule in a few words.

use super::Ctx;
use pooled_core::money::Money;
use pooled_core::plan::model::Rule;
use pooled_core::rule_reading::fixed_shares;
use pooled_core::weight::Weight;

/// A rule in a few words, for a row label.
pub(super) fn short_label(ctx: &Ctx, rule: &Rule, host: usize) -> String {
    match rule {
        Rule::ProRataContributions => "in proportion to contributions".to_owned(),
        Rule::ProRataCommissioned => "in proportion to what each commissions".to_owned(),
        Rule::Fixed(weights) => format!("fixed shares ({})", fixed_shares(ctx.plan, weights)),
        Rule::Host => format!("all to the host, {}", ctx.partner(host)),
        Rule::CarryForward => "carried forward in the pool".to_owned(),
        Rule::Tiered(_) => "in bands".to_owned(),
        // The amounts are in their own row of the working (the weights, or the shares).
        Rule::ProRataAmounts(_) => "in proportion to stated amounts".to_owned(),
        Rule::Agreed(_) => "as the partnership board decided and recorded".to_owned(),
    }
}

/// What each partner commissions in the unit, the weights of a commissioned rule: percentages
/// for a single scheme, else the exact sum of budget × percentage.
pub(super) fn commissioned_row(ctx: &Ctx, schemes: &[usize]) -> Vec<String> {
    let plan = ctx.plan;
    let n = plan.partners.len();
    if let [s] = schemes {
        let scheme = &plan.schemes[*s];
        let mut row = vec![format!(
            "Share of scheme {} commissioned (weights)",
            scheme.id
        )];
        for p in 0..n {
            let percent = scheme
                .commissioners
                .iter()
                .find(|(q, _)| *q == p)
                .map_or(Weight::ZERO, |(_, w)| *w);
            row.push(format!("{percent}%"));
        }
        row.push("100%".to_owned());
        return row;
    }
    // Budget in pence × percentage in millionths: pounds × 10^10.
    let mut weights = vec![0i128; n];
    for &s in schemes {
        let scheme = &plan.schemes[s];
        for &(p, percent) in &scheme.commissioners {
            if let Some(w) = weights.get_mut(p) {
                *w += i128::from(scheme.budget.pence()) * i128::from(percent.millionths());
            }
        }
    }
    let mut row = vec!["Budget commissioned by each partner (weights)".to_owned()];
    row.extend(weights.iter().map(|w| exact_pounds(*w)));
    row.push(exact_pounds(weights.iter().sum()));
    row
}

/// An amount in units of £10^-10, written exactly: `£1,666,666.6633333333`.
fn exact_pounds(value: i128) -> String {
    const SCALE: i128 = 10_000_000_000;
    let pounds = Money::from_pence(i64::try_from(value / SCALE * 100).unwrap_or(i64::MAX));
    let whole = pounds.to_uk();
    let whole = whole.trim_end_matches(".00");
    let fraction = format!("{:010}", value % SCALE);
    let trimmed = fraction.trim_end_matches('0');
    let digits = if trimmed.len() < 2 {
        &fraction[..2]
    } else {
        trimmed
    };
    format!("{whole}.{digits}")
}

#[cfg(test)]
mod tests {
    use super::exact_pounds;

    #[test]
    fn writes_commissioned_weights_exactly() {
        assert_eq!(
            exact_pounds(16_666_666_633_333_333),
            "£1,666,666.6633333333"
        );
        assert_eq!(exact_pounds(400_000_000_000_000_000), "£40,000,000.00");
        assert_eq!(exact_pounds(5_000_000_000), "£0.50");
    }
}
