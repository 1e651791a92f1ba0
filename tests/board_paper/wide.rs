//! A plan with a dozen partners (the benchmark pool): its risk-share tables are wider than a
//! landscape page, so they continue in a second table below; no figure is ever broken over
//! lines, and every partner's share is printed.

use pooled_report::layout::Mark;
use pooled_report::{PaperOptions, Units, pages};

use crate::support::input;

/// A figure in pounds and pence as the paper prints it, possibly ending a sentence.
fn whole_figure(token: &str) -> bool {
    let t = token.trim_end_matches(['.', ',', ';', ':']);
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    let Some(body) = t.strip_prefix('£') else {
        return false;
    };
    let Some((pounds, pence)) = body.split_once('.') else {
        return false;
    };
    let groups: Vec<&str> = pounds.split(',').collect();
    pence.len() == 2
        && pence.bytes().all(|b| b.is_ascii_digit())
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
}

#[test]
fn a_dozen_partners_never_break_a_figure_and_every_share_is_printed() {
    let plan = pooled_workload::to_file_text(&pooled_workload::pool(40));
    let input = input(plan.as_bytes());
    let pages = pages(
        &input,
        &PaperOptions {
            units: Units::Pounds,
        },
    )
    .unwrap();
    let mut runs = Vec::new();
    for page in &pages {
        for mark in &page.marks {
            if let Mark::Text { text, .. } = mark {
                runs.push(text.clone());
            }
        }
    }
    for run in &runs {
        let amounts = run.split_whitespace().filter(|t| {
            t.find('£')
                .is_some_and(|i| t[i + '£'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()))
        });
        for token in amounts {
            assert!(whole_figure(token), "a broken figure: '{token}' in '{run}'");
        }
    }
    // The core unit's table is split: its row labels come twice, and every partner heads a
    // column of one of the parts.
    let count = |needle: &str| runs.iter().filter(|r| r.as_str() == needle).count();
    assert!(count("Contribution to the unit's schemes (weights)") >= 2 || count("Step") >= 2);
    for partner in input.plan.partners.iter() {
        let words: Vec<&str> = partner.name.split_whitespace().collect();
        assert!(
            runs.iter().any(|r| r.contains(words[0])),
            "{} heads a column",
            partner.name
        );
    }
}
