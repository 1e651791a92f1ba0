//! The random choices a valid plan is built from (the `Raw*` types), and the proptest strategies
//! that make them.

use proptest::prelude::*;
use proptest::sample::{Index, select};

/// £50m in pence: the largest funding line generated.
const MAX_LINE: i64 = 5_000_000_000;
/// The largest weight the spec allows, in millionths.
const MAX_WEIGHT: i64 = 1_000_000_000_000;

#[derive(Clone, Debug)]
pub(crate) struct RawPlan {
    pub(super) start_year: i32,
    pub(super) partner_kinds: Vec<usize>,
    pub(super) host: Index,
    pub(super) streams: Vec<RawStream>,
    pub(super) schemes: Vec<RawScheme>,
    pub(super) risk_share: Option<RawRiskShare>,
    pub(super) requirements: Option<RawRequirements>,
    pub(super) contracts: Vec<RawContract>,
    pub(super) instalments: Option<u32>,
    pub(super) style: Style,
}

/// How figures are written: as JSON strings or bare numbers, with or without trailing zeros.
#[derive(Clone, Copy, Debug)]
pub(super) struct Style {
    pub(super) numbers: bool,
    pub(super) trimmed: bool,
}

#[derive(Clone, Debug)]
pub(super) struct RawStream {
    pub(super) partner: Index,
    pub(super) kind: Index,
    pub(super) unallocated: i64,
}

#[derive(Clone, Debug)]
pub(super) struct RawScheme {
    pub(super) scheme_type: Index,
    pub(super) area: Index,
    pub(super) provider: Index,
    pub(super) funding: Vec<RawFunding>,
    pub(super) forecast: RawForecast,
    pub(super) commissioner: RawCommissioner,
    /// `None`: leave `group` out when a default group exists.
    pub(super) group: Option<Index>,
}

#[derive(Clone, Debug)]
pub(super) struct RawFunding {
    pub(super) stream: Index,
    pub(super) amount: i64,
}

#[derive(Clone, Debug)]
pub(super) enum RawForecast {
    /// No `forecast`: on budget.
    Absent,
    /// Budget × millionths / 10⁶, from 0 to twice the budget.
    Ratio(i64),
    /// A few pence either side of the budget (never below zero); often the same few, so that
    /// units tie in netting.
    Nudge(i64),
    /// Any amount, so zero-budget schemes can overspend too.
    Absolute(i64),
    /// The variance of the scheme before (never below zero), so that units tie in netting.
    Repeat,
}

#[derive(Clone, Debug)]
pub(super) enum RawCommissioner {
    Alone(Index),
    Joint {
        members: Vec<bool>,
        fallback: Index,
        /// Cut points in millionths of a percent, 0..=100 000 000.
        cuts: Vec<i64>,
        whole_percents: bool,
    },
}

#[derive(Clone, Debug)]
pub(super) struct RawRiskShare {
    pub(super) default_group: Option<Index>,
    pub(super) groups: Vec<RawGroup>,
    pub(super) offsets: Option<RawOffsets>,
}

/// Netting sets (spec §2.2 `offsets`): each group joins set 1, set 2 or none; a set of fewer
/// than two groups is left out, and groups with `settle: false` never join one.
#[derive(Clone, Debug)]
pub(super) struct RawOffsets {
    /// One per possible group: 0 none, else the set.
    pub(super) set_of: Vec<u8>,
    /// Each set's members are written rotated by this much (their order in a set is no order).
    pub(super) rotate: Index,
    /// Write `"offsets": []` when no set is left.
    pub(super) keep_empty: bool,
}

/// A group's `opening_reserve`.
#[derive(Clone, Debug)]
pub(super) enum RawReserve {
    Zero,
    /// Any amount.
    Amount(i64),
    /// A multiple of the overspend left after netting (millionths, 0 to 3×): often more than the
    /// overspend, sometimes exactly it. Worked out once the plan's units are known.
    OfOverspend(i64),
}

#[derive(Clone, Debug)]
pub(super) struct RawGroup {
    pub(super) host: Option<Index>,
    pub(super) overspend: RawRule,
    pub(super) underspend: RawRule,
    pub(super) per_scheme: Option<bool>,
    /// One per possible partner; only the plan's partners are used.
    pub(super) caps: Vec<Option<i64>>,
    pub(super) cap_at_contribution: Option<bool>,
    /// Left out on a `per_scheme` group.
    pub(super) reserve: Option<RawReserve>,
    /// `None`: no `settle`; `Some(false)` is left out for a group in a netting set.
    pub(super) settle: Option<bool>,
}

#[derive(Clone, Debug)]
pub(super) enum RawRule {
    ProRataContributions,
    ProRataCommissioned,
    Fixed(RawShares),
    Host,
    Tiered(Vec<RawBand>),
    CarryForward,
    /// `pro_rata_amounts`: amounts in pence per possible partner (`None` leaves it out).
    ProRataAmounts(RawShares),
    Agreed(RawAgreed),
}

/// An `agreed` rule: a total split among the partners. The total is worked out from the amount
/// shared (X) of one of the group's units once the plan's units are known.
#[derive(Clone, Debug)]
pub(super) struct RawAgreed {
    pub(super) total: RawAgreedTotal,
    /// Which of the group's units (those on the rule's side) the total is measured against.
    pub(super) unit: Index,
    /// Split weights per possible partner (`None` leaves the partner out).
    pub(super) split: Vec<Option<i64>>,
    /// Who takes the whole when every weight is zero.
    pub(super) fallback: Index,
}

#[derive(Clone, Debug)]
pub(super) enum RawAgreedTotal {
    /// Exactly |X|.
    Exact,
    /// |X| × millionths / 10⁶, below 1.
    Less(i64),
    /// |X| plus at least a penny (|X| × millionths / 10⁶).
    More(i64),
    /// All amounts zero.
    Zero,
    /// Any amount.
    Free(i64),
}

#[derive(Clone, Debug)]
pub(super) struct RawShares {
    /// Millionths per possible partner; `None` leaves the partner out.
    pub(super) weights: Vec<Option<i64>>,
    /// Who gets weight 1 when every listed weight is zero.
    pub(super) fallback: Index,
}

#[derive(Clone, Debug)]
pub(super) struct RawBand {
    /// How far this band's threshold is above the previous one (unused for the last band).
    pub(super) step: i64,
    pub(super) rule: RawRule,
}

#[derive(Clone, Debug)]
pub(super) struct RawRequirements {
    pub(super) social_care: Option<i64>,
    pub(super) out_of_hospital: Option<i64>,
}

#[derive(Clone, Debug)]
pub(super) struct RawContract {
    pub(super) scheme: Index,
    pub(super) value: i64,
    /// Days from 1 April of the plan year to the start.
    pub(super) start_offset: i64,
    /// Days from the start to the end.
    pub(super) length: i64,
}

fn line_amount() -> impl Strategy<Value = i64> {
    prop_oneof![
        2 => Just(0i64),
        2 => 1i64..=10_000,
        4 => 0i64..=MAX_LINE,
        2 => (0i64..=50_000).prop_map(|pounds| pounds * 100_000),
        1 => Just(MAX_LINE),
    ]
}

fn unallocated_amount() -> impl Strategy<Value = i64> {
    prop_oneof![3 => Just(0i64), 1 => 1i64..=100, 2 => 0i64..=1_000_000_000]
}

fn forecast() -> impl Strategy<Value = RawForecast> {
    prop_oneof![
        1 => Just(RawForecast::Absent),
        5 => (0i64..=2_000_000).prop_map(RawForecast::Ratio),
        2 => prop_oneof![-300i64..=300, -3i64..=3].prop_map(RawForecast::Nudge),
        1 => Just(RawForecast::Repeat),
        1 => (0i64..=MAX_LINE).prop_map(RawForecast::Absolute),
    ]
}

fn commissioner() -> impl Strategy<Value = RawCommissioner> {
    prop_oneof![
        any::<Index>().prop_map(RawCommissioner::Alone),
        (
            prop::collection::vec(any::<bool>(), 4),
            any::<Index>(),
            prop::collection::vec(0i64..=100_000_000, 3),
            any::<bool>(),
        )
            .prop_map(|(members, fallback, cuts, whole_percents)| {
                RawCommissioner::Joint {
                    members,
                    fallback,
                    cuts,
                    whole_percents,
                }
            }),
    ]
}

prop_compose! {
    fn scheme()(
        scheme_type in any::<Index>(),
        area in any::<Index>(),
        provider in any::<Index>(),
        funding in prop::collection::vec(
            (any::<Index>(), line_amount())
                .prop_map(|(stream, amount)| RawFunding { stream, amount }),
            1..=3,
        ),
        forecast in forecast(),
        commissioner in commissioner(),
        group in prop::option::of(any::<Index>()),
    ) -> RawScheme {
        RawScheme { scheme_type, area, provider, funding, forecast, commissioner, group }
    }
}

fn fixed_weight() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(0i64)),
        2 => (1i64..=100).prop_map(|w| Some(w * 1_000_000)),
        2 => (0i64..=MAX_WEIGHT).prop_map(Some),
        1 => (1i64..=999_999).prop_map(Some),
    ]
}

fn stated_amount() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(0i64)),
        2 => (1i64..=10_000).prop_map(Some),
        3 => (0i64..=MAX_LINE).prop_map(Some),
    ]
}

/// A rule allowed in a band: neither tiered, carry-forward nor agreed.
fn band_rule() -> BoxedStrategy<RawRule> {
    prop_oneof![
        4 => Just(RawRule::ProRataContributions),
        4 => Just(RawRule::ProRataCommissioned),
        4 => (prop::collection::vec(fixed_weight(), 4), any::<Index>())
            .prop_map(|(weights, fallback)| RawRule::Fixed(RawShares { weights, fallback })),
        4 => Just(RawRule::Host),
        3 => (prop::collection::vec(stated_amount(), 4), any::<Index>()).prop_map(
            |(weights, fallback)| RawRule::ProRataAmounts(RawShares { weights, fallback })
        ),
    ]
    .boxed()
}

fn agreed_rule() -> BoxedStrategy<RawRule> {
    let total = prop_oneof![
        3 => Just(RawAgreedTotal::Exact),
        2 => (0i64..1_000_000).prop_map(RawAgreedTotal::Less),
        2 => (0i64..=1_000_000).prop_map(RawAgreedTotal::More),
        1 => Just(RawAgreedTotal::Zero),
        1 => (0i64..=MAX_LINE).prop_map(RawAgreedTotal::Free),
    ];
    let weight = prop_oneof![
        1 => Just(None),
        1 => Just(Some(0i64)),
        3 => (1i64..=100).prop_map(Some),
    ];
    (
        total,
        any::<Index>(),
        prop::collection::vec(weight, 4),
        any::<Index>(),
    )
        .prop_map(|(total, unit, split, fallback)| {
            RawRule::Agreed(RawAgreed {
                total,
                unit,
                split,
                fallback,
            })
        })
        .boxed()
}

fn tiered_rule() -> BoxedStrategy<RawRule> {
    let step = prop_oneof![1i64..=10_000, 1i64..=3_000_000_000];
    prop::collection::vec(
        (step, band_rule()).prop_map(|(step, rule)| RawBand { step, rule }),
        2..=3,
    )
    .prop_map(RawRule::Tiered)
    .boxed()
}

fn overspend_rule() -> BoxedStrategy<RawRule> {
    prop_oneof![6 => band_rule(), 2 => tiered_rule(), 1 => agreed_rule()].boxed()
}

fn underspend_rule() -> BoxedStrategy<RawRule> {
    prop_oneof![
        6 => band_rule(),
        2 => tiered_rule(),
        2 => Just(RawRule::CarryForward),
        1 => agreed_rule(),
    ]
    .boxed()
}

fn reserve() -> impl Strategy<Value = Option<RawReserve>> {
    prop_oneof![
        12 => Just(None),
        1 => Just(Some(RawReserve::Zero)),
        2 => (0i64..=MAX_LINE).prop_map(|a| Some(RawReserve::Amount(a))),
        3 => (0i64..=3_000_000).prop_map(|r| Some(RawReserve::OfOverspend(r))),
        1 => Just(Some(RawReserve::OfOverspend(1_000_000))),
    ]
}

fn settle() -> impl Strategy<Value = Option<bool>> {
    prop_oneof![12 => Just(None), 1 => Just(Some(true)), 3 => Just(Some(false))]
}

fn offsets() -> impl Strategy<Value = Option<RawOffsets>> {
    let sets = (
        prop::collection::vec(
            prop_oneof![1 => Just(0u8), 2 => Just(1u8), 2 => Just(2u8)],
            4,
        ),
        any::<Index>(),
        any::<bool>(),
    )
        .prop_map(|(set_of, rotate, keep_empty)| RawOffsets {
            set_of,
            rotate,
            keep_empty,
        });
    prop::option::weighted(0.6, sets)
}

fn cap() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        5 => Just(None),
        1 => Just(Some(0i64)),
        2 => (0i64..=100_000).prop_map(Some),
        3 => (0i64..=2_000_000_000).prop_map(Some),
    ]
}

prop_compose! {
    fn group()(
        host in prop::option::of(any::<Index>()),
        overspend in overspend_rule(),
        underspend in underspend_rule(),
        per_scheme in prop::option::of(any::<bool>()),
        caps in prop::collection::vec(cap(), 4),
        cap_at_contribution in prop::option::of(any::<bool>()),
        reserve in reserve(),
        settle in settle(),
    ) -> RawGroup {
        RawGroup {
            host, overspend, underspend, per_scheme, caps, cap_at_contribution, reserve, settle,
        }
    }
}

prop_compose! {
    fn contract()(
        scheme in any::<Index>(),
        value in prop_oneof![Just(0i64), 0i64..=MAX_LINE],
        start_offset in -800i64..=800,
        length in prop_oneof![0i64..=40, 0i64..=1_500],
    ) -> RawContract {
        RawContract { scheme, value, start_offset, length }
    }
}

prop_compose! {
    fn stream()(
        partner in any::<Index>(),
        kind in any::<Index>(),
        unallocated in unallocated_amount(),
    ) -> RawStream {
        RawStream { partner, kind, unallocated }
    }
}

fn risk_share() -> impl Strategy<Value = Option<RawRiskShare>> {
    let groups = (
        prop::option::of(any::<Index>()),
        prop_oneof![3 => prop::collection::vec(group(), 1..=3), 1 => prop::collection::vec(group(), 4..=4)],
        offsets(),
    )
        .prop_map(|(default_group, groups, offsets)| RawRiskShare {
            default_group,
            groups,
            offsets,
        });
    prop::option::weighted(0.9, groups)
}

fn requirements() -> impl Strategy<Value = Option<RawRequirements>> {
    let amount = || prop::option::of(0i64..=10_000_000_000);
    prop::option::of(
        (amount(), amount()).prop_map(|(social_care, out_of_hospital)| RawRequirements {
            social_care,
            out_of_hospital,
        }),
    )
}

prop_compose! {
    pub(crate) fn raw_plan()(
        start_year in 2020i32..=2030,
        partner_kinds in prop::collection::vec(0usize..4, 1..=4),
        host in any::<Index>(),
        streams in prop::collection::vec(stream(), 1..=6),
        schemes in prop::collection::vec(scheme(), 1..=15),
        risk_share in risk_share(),
        requirements in requirements(),
        contracts in prop::collection::vec(contract(), 0..=4),
        instalments in prop::option::of(select(vec![1u32, 2, 4, 12])),
        style in (any::<bool>(), any::<bool>())
            .prop_map(|(numbers, trimmed)| Style { numbers, trimmed }),
    ) -> RawPlan {
        RawPlan {
            start_year,
            partner_kinds,
            host,
            streams,
            schemes,
            risk_share,
            requirements,
            contracts,
            instalments,
            style,
        }
    }
}
