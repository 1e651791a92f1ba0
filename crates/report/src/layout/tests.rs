//! The layout engine's own promises: every text run fits the box it was placed in, nothing
//! goes outside the content area (or, for the running header and footer, the printable area),
//! tables repeat their header on every page, and kept blocks stay together.

use super::*;
use crate::fonts::Fonts;

fn fonts() -> &'static Fonts {
    Fonts::get().unwrap()
}

fn long_table(rows: usize) -> Table {
    table_of("S", rows)
}

fn table_of(prefix: &str, rows: usize) -> Table {
    let mut table = Table::new(vec![
        Column::short("Id"),
        Column::text("Name", 2.0),
        Column::figure("Budget"),
        Column::figure("Variance"),
    ])
    .caption("A long table");
    for i in 0..rows {
        let name = if i % 7 == 0 {
            "A scheme whose name is far too long for its column and must wrap over several \
             lines without ever running into the figures beside it, Supercalifragilistic/long-word"
                .to_owned()
        } else {
            format!("Scheme {i}")
        };
        table.row(
            RowKind::Body,
            vec![
                format!("{prefix}{i:03}"),
                name,
                format!("£{},{:03}.00", i * 7, i),
                format!("(£{i}.50)"),
            ],
        );
    }
    table.row(
        RowKind::Body,
        vec![
            "B".into(),
            "Bracketed".into(),
            "(£5.00)".into(),
            "£0.00".into(),
        ],
    );
    table.row(
        RowKind::Total,
        vec![
            String::new(),
            "Total".into(),
            "£1.00".into(),
            "(£2.00)".into(),
        ],
    );
    table
}

fn texts(page: &Page) -> Vec<(&str, f32, Style, Rect)> {
    page.marks
        .iter()
        .filter_map(|m| match m {
            Mark::Text {
                x,
                style,
                text,
                bounds,
                ..
            } => Some((text.as_str(), *x, *style, *bounds)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_text_run_fits_its_box_and_the_page() {
    for fit in [SectionFit::Portrait, SectionFit::Landscape] {
        let sections = vec![Section {
            fit,
            new_page: true,
            blocks: vec![
                Block::heading(1, "1. A heading"),
                Block::para("Some words. ".repeat(80)),
                Block::Table(long_table(150)),
            ],
        }];
        let mut pages = lay_out(fonts(), &sections);
        decorate(
            fonts(),
            &mut pages,
            &Running {
                title: "A title ".repeat(30),
                status: "DRAFT".into(),
                footer: "Version abc".into(),
            },
        );
        assert!(pages.len() > 3);
        for page in &pages {
            let g = page.geometry;
            for (text, x, style, bounds) in texts(page) {
                let width = fonts().width(text, style.face, style.size);
                assert!(x >= bounds.x - 0.01, "'{text}' starts left of its box");
                assert!(
                    x + width <= bounds.right() + 0.01,
                    "'{text}' overflows its box"
                );
                assert!(style.size >= Style::MIN_SIZE);
                let in_content = g.content.contains(&bounds, 0.01);
                let running = bounds.bottom() <= g.header_rule || bounds.y >= g.footer_rule;
                assert!(in_content || running, "'{text}' outside the content area");
                assert!(g.printable().contains(&bounds, 0.01));
            }
        }
    }
}

#[test]
fn a_table_repeats_its_header_on_every_page_it_runs_onto() {
    let sections = vec![Section {
        fit: SectionFit::Portrait,
        new_page: true,
        blocks: vec![Block::Table(long_table(200))],
    }];
    let pages = lay_out(fonts(), &sections);
    assert!(pages.len() >= 4);
    for (i, page) in pages.iter().enumerate() {
        let words: Vec<&str> = texts(page).iter().map(|t| t.0).collect();
        let caption = if i == 0 {
            "A long table"
        } else {
            "A long table (continued)"
        };
        assert_eq!(words.first(), Some(&caption), "page {}", i + 1);
        assert!(words.contains(&"Budget") && words.contains(&"Variance"));
    }
}

#[test]
fn kept_blocks_move_to_a_new_page_whole() {
    let filler = Block::Table(long_table(38));
    let kept = Block::Keep(vec![
        Block::heading(3, "Kept together"),
        Block::para("The heading, this paragraph and the table stay on one page."),
        Block::Table(table_of("K", 6)),
    ]);
    let sections = vec![Section {
        fit: SectionFit::Portrait,
        new_page: true,
        blocks: vec![filler, kept],
    }];
    let pages = lay_out(fonts(), &sections);
    let page_of = |needle: &str| {
        pages
            .iter()
            .position(|p| texts(p).iter().any(|t| t.0 == needle))
            .unwrap()
    };
    assert_eq!(page_of("Kept together"), page_of("K005"));
    assert_eq!(page_of("Kept together"), page_of("K000"));
    assert_eq!(
        page_of("Kept together"),
        1,
        "the kept block did not fit under the filler"
    );
}

#[test]
fn figures_line_up_with_bracketed_figures() {
    let sections = vec![Section {
        fit: SectionFit::Portrait,
        new_page: true,
        blocks: vec![Block::Table(long_table(3))],
    }];
    let pages = lay_out(fonts(), &sections);
    let t = texts(&pages[0]);
    let right = |needle: &str| {
        t.iter()
            .find(|x| x.0 == needle)
            .map(|x| x.1 + fonts().width(x.0, x.2.face, x.2.size))
            .unwrap()
    };
    let paren = fonts().width(")", crate::fonts::Face::Regular, 9.5);
    // "£7,001.00" ends one bracket's width before "(£5.00)" in the same column does.
    assert!((right("£7,001.00") + paren - right("(£5.00)")).abs() < 0.01);
}

#[test]
fn a_chain_of_kept_blocks_is_placed_as_judged_and_never_broken_again() {
    // A heading and a paragraph kept with a table too long for one page: the heading and every
    // line of the paragraph go to the same page, the table follows them.
    let filler = Block::Table(long_table(30));
    let words =
        "Each scheme is shared on its own, in proportion to what each partner commissions. "
            .repeat(6);
    let kept = Block::Keep(vec![
        Block::heading(3, "A group heading"),
        Block::para(words),
        Block::Keep(vec![Block::Table(table_of("K", 60))]),
    ]);
    let sections = vec![Section {
        fit: SectionFit::Landscape,
        new_page: true,
        blocks: vec![filler, kept],
    }];
    let pages = lay_out(fonts(), &sections);
    let pages_with = |pred: &dyn Fn(&str) -> bool| -> Vec<usize> {
        let mut found: Vec<usize> = pages
            .iter()
            .enumerate()
            .filter(|(_, p)| texts(p).iter().any(|t| pred(t.0)))
            .map(|(i, _)| i)
            .collect();
        found.dedup();
        found
    };
    let heading = pages_with(&|t| t == "A group heading");
    let paragraph =
        pages_with(&|t| t.contains("partner commissions") || t.starts_with("Each scheme"));
    assert_eq!(heading.len(), 1);
    assert_eq!(
        paragraph, heading,
        "the paragraph is split from its heading or over pages"
    );
    assert_eq!(
        pages_with(&|t| t == "K000"),
        heading,
        "the table starts under them"
    );
}

#[test]
fn a_table_too_wide_for_the_page_continues_in_tables_below_that_repeat_the_labels() {
    let partners = 14;
    let mut columns = vec![Column::text("Step", 2.2)];
    columns.extend((0..partners).map(|p| Column::figure(format!("Partner number {p}"))));
    columns.push(Column::figure("Total"));
    let mut table = Table::new(columns);
    for row in ["Weights", "Share of the overspend"] {
        let mut cells = vec![row.to_owned()];
        cells.extend((0..partners).map(|p| format!("£{p}1,234,567.{p:02}")));
        cells.push("£99,999,999.99".to_owned());
        table.row(RowKind::Body, cells);
    }
    let sections = vec![Section {
        fit: SectionFit::Landscape,
        new_page: true,
        blocks: vec![Block::Table(table)],
    }];
    let pages = lay_out(fonts(), &sections);
    assert_eq!(pages.len(), 1);
    let t: Vec<&str> = texts(&pages[0]).iter().map(|x| x.0).collect();
    // Every figure whole, exactly once; the labels and the header of the labels repeated.
    for p in 0..partners {
        let figure = format!("£{p}1,234,567.{p:02}");
        assert_eq!(
            t.iter().filter(|x| **x == figure).count(),
            2,
            "{figure} in {t:?}"
        );
    }
    assert_eq!(t.iter().filter(|x| **x == "£99,999,999.99").count(), 2);
    let parts = t.iter().filter(|x| **x == "Step").count();
    assert!(parts >= 2, "split into {parts} tables");
    assert_eq!(t.iter().filter(|x| **x == "Weights").count(), parts);
    assert_eq!(
        t.iter().filter(|x| **x == "Total").count(),
        1,
        "the total column once, last"
    );
}
