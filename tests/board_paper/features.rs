//! The optional features on the paper (spec §2.2): each unit's steps read out with its figures
//! (netting, the reserve drawn and closing, caps, an agreed split as the board's recorded
//! decision, an aligned budget that moves no money), the working table's rows from variance to
//! reserve, and in the settlement the flows netting makes beside the netted transfers.

use pooled_core::money::Money;
use pooled_report::Units;
use pooled_testkit::fixtures::{example, expected_outcome};
use pooled_testkit::pdf::{flat, pdftotext};
use pooled_testkit::plans::sorted_fields;
use serde_json::Value;

use crate::anything::FEATURE_EXAMPLES;
use crate::support::paper;

fn text_of(name: &str) -> String {
    pdftotext(&paper(&example(name), Units::Pounds))
}

fn uk(amount: &Value) -> String {
    Money::parse(amount.as_str().unwrap()).unwrap().to_uk()
}

/// `text` holds every phrase of `phrases`, each told apart when missing.
fn holds(name: &str, text: &str, phrases: &[&str]) {
    for phrase in phrases {
        assert!(
            text.contains(phrase),
            "{name}: '{phrase}' is not on the paper\n{text}"
        );
    }
}

/// A table row: its label then its figures, as `pdftotext -layout` prints it on one line.
fn row(text: &str, label: &str, figures: &[&str]) -> bool {
    text.lines().any(|line| {
        let line = flat(line);
        line.starts_with(label)
            && line[label.len()..].split_whitespace().collect::<Vec<_>>() == figures
    })
}

#[test]
fn final_costs_and_transfers_are_the_outcomes() {
    for name in FEATURE_EXAMPLES {
        let text = text_of(name);
        let flat = flat(&text);
        let outcome = expected_outcome(name);
        let plan: Value = serde_json::from_slice(&example(name)).unwrap();
        let names = sorted_fields(&plan["partners"], &["id", "name"]);
        let name_of = |id: &str| names.iter().find(|p| p[0] == id).unwrap()[1].clone();
        for partner in outcome["partners"].as_array().unwrap() {
            let cost = uk(&partner["final_cost"]);
            let id = partner["id"].as_str().unwrap();
            assert!(
                text.lines()
                    .any(|l| l.trim_start().starts_with(&name_of(id)) && l.contains(&cost)),
                "{name}: {} final cost {cost}",
                name_of(id)
            );
        }
        for t in outcome["settlement"].as_array().unwrap() {
            let sentence = format!(
                "{} pays {} {}.",
                name_of(t["from"].as_str().unwrap()),
                name_of(t["to"].as_str().unwrap()),
                uk(&t["amount"])
            );
            assert!(flat.contains(&sentence), "{name}: {sentence}");
        }
    }
}

#[test]
fn netting_and_reserves_are_read_out_step_by_step() {
    let name = "reserve-and-offsets";
    let text = text_of(name);
    let flat = flat(&text);
    holds(
        name,
        &flat,
        &[
            // The council-hosted pool: netted, the reserve drawn, shared, capped, closed.
            "Council-hosted pool overspent by £855,555.55. £429,507.08 of it was covered by \
             underspends in ICB-hosted pool, each scheme on its own (netted against other \
             pools), leaving £426,048.47. The reserve of £250,000.00 brought forward met \
             £250,000.00 of that, leaving £176,048.47 to share, which was shared in proportion \
             to contributions: Example ICB £118,894.51, Example Borough Council £57,153.96.",
            "Caps: Example Borough Council's share of £57,153.96 was cut back to its cap of \
             £50,000.00; the £7,153.96 cut off was passed to Example ICB in proportion to \
             contributions. Final shares: Example ICB £126,048.47, Example Borough Council \
             £50,000.00. The reserve closes at £0.00.",
            // Netting within a group shared scheme by scheme.
            "Scheme C1 (Intermediate care beds) overspent by £120,000.00. £60,242.55 of it was \
             covered by underspends in other schemes of its group (netted against other pools), \
             leaving £59,757.45 to share",
            "Scheme C2 (Care co-ordination) underspent by £489,749.63. £489,749.63 of it went to \
             cover overspends in Council-hosted pool and other schemes of its group (netted \
             against other pools), leaving nothing to share.",
            // An underspend carried forward into the reserve.
            "Discharge funds underspent by £126,543.22, which stays in the pool. £126,543.22 was \
             carried forward into the reserve, which closes at £166,543.22, having opened at \
             £40,000.00.",
            // The summary's reserve totals and its check.
            "£250,000.00 of the overspend is met from reserves brought forward; the reserves \
             close at £166,543.22.",
            "less £250,000.00 drawn from reserves.",
        ],
    );
    // The working table, from the variance to the amount shared, then the reserve.
    let rows: [(&str, &[&str]); 9] = [
        ("Variance (forecast outturn less budget)", &["£855,555.55"]),
        ("Netted against other pools", &["(£429,507.08)"]),
        ("Variance after netting", &["£426,048.47"]),
        (
            "Drawn from the reserve (£250,000.00 brought forward)",
            &["(£250,000.00)"],
        ),
        ("Left to share", &["£176,048.47"]),
        ("Final share", &["£126,048.47", "£50,000.00", "£176,048.47"]),
        ("Reserve brought forward", &["£40,000.00"]),
        ("Carried forward into the reserve", &["£126,543.22"]),
        ("Reserve at close", &["£166,543.22"]),
    ];
    for (label, figures) in rows {
        assert!(
            row(&text, label, figures),
            "{name}: row {label} {figures:?}\n{text}"
        );
    }
    assert!(row(&text, "Reserve at close", &["£0.00"]), "{text}");
    assert!(
        row(&text, "Variance after netting: to share", &["£59,757.45"]),
        "{text}"
    );
}

#[test]
fn the_settlement_shows_the_flows_netting_makes() {
    let name = "reserve-and-offsets";
    let flat = flat(&text_of(name));
    holds(
        name,
        &flat,
        &[
            "Example ICB pays Example Borough Council £555,555.55.",
            "How the transfers are made up",
            "Share of Council-hosted pool: Example ICB pays Example Borough Council £126,048.47, \
             Example ICB's share of the overspend.",
            "Netting between pools: Example Borough Council pays Example ICB £60,242.55, the \
             part of the overspend of scheme C1 (Intermediate care beds) covered by \
             underspends elsewhere, passed from the plan's host to the unit's host.",
            "Netting between pools: Example ICB pays Example Borough Council £489,749.63, the \
             part of the underspend of scheme C2 (Care co-ordination) used to cover \
             overspends elsewhere, passed from the unit's host to the plan's host.",
            "Netted: Example ICB pays Example Borough Council £126,048.47 − £60,242.55 + \
             £489,749.63 = £555,555.55.",
        ],
    );
    // £126,048.47 + £489,749.63 − £60,242.55 = £555,555.55: the flows are the transfer.
    let before = flat.find("How the transfers are made up").unwrap();
    assert!(flat.find("£555,555.55.").unwrap() < before);

    // Without netting, the settlement reads as before: no flows.
    for name in ["aligned-no-settlement", "agreed-and-amounts", "fixed-50-50"] {
        let other = pooled_testkit::pdf::flat(&text_of(name));
        assert!(!other.contains("How the transfers are made up"), "{name}");
        assert!(!other.contains("Netting between pools"), "{name}");
    }
}

#[test]
fn an_aligned_budget_says_no_money_moves() {
    let name = "aligned-no-settlement";
    let flat = flat(&text_of(name));
    holds(
        name,
        &flat,
        &[
            "Scheme LA-CC (Community care placements) overspent by £4,325,000.00, which was \
             shared in proportion to what each partner commissions: Example Borough Council \
             £4,325,000.00; others nothing. This is an aligned budget: no money moves; each \
             partner bears its share where it spent.",
            "Scheme TF-1 (Integrated neighbourhood teams) underspent by £41,999.99, which was \
             shared in proportion to what each partner commissions: Example Borough Council \
             £21,000.00, NHS Example CCG £20,999.99; others nothing. This is an aligned budget",
            "Pooled budget overspent by £53,000.00, which was shared in proportion to \
             contributions: Example Borough Council £13,610.68, NHS Example CCG £39,389.32; \
             others nothing.",
            // The settlement: only the pooled budget's share moves.
            "NHS Example CCG pays Example Borough Council £39,389.32. Pooled aligned budgets \
             (lead commissioners) is an aligned budget: its shares are in the partners' final \
             costs, but no money moves for them; each partner bears its share where it spent.",
        ],
    );
    assert_eq!(
        flat.matches("This is an aligned budget: no money moves")
            .count(),
        3,
        "one for each aligned unit"
    );
}

#[test]
fn an_agreed_split_is_the_boards_recorded_decision() {
    let name = "agreed-and-amounts";
    let text = text_of(name);
    let flat = flat(&text);
    holds(
        name,
        &flat,
        &[
            "Discharge funds underspent by £262,345.67, which was shared as the partnership \
             board decided and recorded: Example Metropolitan Borough Council £100,000.00, \
             Example ICB (locality) £150,000.00; the agreed amounts add up to £12,345.67 less \
             than the underspend, which stays in the pool.",
            "Winter pressures overspent by £75,678.90, which was shared as the partnership board \
             decided and recorded: Example Metropolitan Borough Council £30,000.00, Example ICB \
             (locality) £45,678.90.",
            "Shared risk pool overspent by £1,234,567.89, which was shared in bands: the first \
             £300,000.00 in proportion to contributions, giving Example Metropolitan Borough \
             Council £85,714.29, Example ICB (locality) £214,285.71; the £934,567.89 above \
             £300,000.00 in proportion to stated amounts (Example Metropolitan Borough Council \
             £95,312,000.00, Example ICB (locality) £141,880,500.00), giving Example \
             Metropolitan Borough Council £375,541.11, Example ICB (locality) £559,026.78. In \
             all: Example Metropolitan Borough Council £461,255.40, Example ICB (locality) \
             £773,312.49.",
            "£12,345.67 of underspend stays in the pool and is carried forward.",
            "W-AGREED-DIFFERS",
        ],
    );
    assert!(
        row(
            &text,
            "Band 2: stated amounts (weights)",
            &["£95,312,000.00", "£141,880,500.00", "£237,192,500.00"]
        ),
        "{text}"
    );
    // What the agreed amounts leave is in the total column, and the row's label says why.
    let short = text
        .lines()
        .find(|l| l.contains("The agreed amounts fall short of the underspend"))
        .unwrap_or_else(|| panic!("no row for the agreed difference\n{text}"));
    assert!(short.trim_end().ends_with("£12,345.67"), "{short}");
    assert!(
        text.lines()
            .any(|l| l.contains("The underspend: as the partnership board")
                && l.contains("(£100,000.00)")
                && l.contains("(£150,000.00)")),
        "{text}"
    );
    assert!(
        row(
            &text,
            "Final share",
            &["(£100,000.00)", "(£150,000.00)", "(£250,000.00)"]
        ),
        "{text}"
    );
}

#[test]
fn a_plan_without_the_features_reads_as_before() {
    let flat = flat(&text_of("fixed-50-50"));
    for absent in [
        "netted against",
        "reserve",
        "aligned budget",
        "Left to share",
        "Netting between pools",
        "decided and recorded",
    ] {
        assert!(
            !flat.contains(absent),
            "'{absent}' on a plan without the features"
        );
    }
}
