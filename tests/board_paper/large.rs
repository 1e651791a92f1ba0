//! A 500-scheme plan: a long paper whose tables run over many pages with their header rows
//! repeated, nothing printed outside the margins or outside its cell, and a very long scheme
//! name wrapped.

// The paper is laid out in points (f32), as PDF is: checking where text runs and pixels fall
// needs the same float arithmetic as the layout (money never goes through it).
#![allow(clippy::float_arithmetic)]

use pooled_report::fonts::Fonts;
use pooled_report::layout::{Mark, Page};
use pooled_report::{PaperOptions, Units, board_paper, pages};
use pooled_testkit::pdf::{pages as text_pages, pdftoppm, pdftotext};

use crate::support::{LONG_NAME, input, large_plan};

/// Points to pixels at `dpi`.
fn px(points: f32, dpi: u32) -> f32 {
    points * dpi as f32 / 72.0
}

fn laid_out(units: Units) -> Vec<Page> {
    pages(&input(&large_plan(500)), &PaperOptions { units }).unwrap()
}

#[test]
fn every_text_run_stays_inside_its_cell_and_the_page() {
    let fonts = Fonts::get().unwrap();
    for units in [Units::Pounds, Units::Thousands] {
        let pages = laid_out(units);
        assert!(pages.len() > 20, "{} pages", pages.len());
        for (i, page) in pages.iter().enumerate() {
            let printable = page.geometry.printable();
            for mark in &page.marks {
                if let Mark::Text {
                    x,
                    style,
                    text,
                    bounds,
                    ..
                } = mark
                {
                    let width = fonts.width(text, style.face, style.size);
                    assert!(
                        style.size >= 9.0,
                        "page {}: '{text}' at {} pt",
                        i + 1,
                        style.size
                    );
                    assert!(
                        *x >= bounds.x - 0.01 && x + width <= bounds.right() + 0.01,
                        "page {}: '{text}' ({x}..{}) overflows its cell ({}..{})",
                        i + 1,
                        x + width,
                        bounds.x,
                        bounds.right()
                    );
                    assert!(
                        printable.contains(bounds, 0.01),
                        "page {}: '{text}' outside the page",
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn tables_run_over_pages_with_their_header_rows_repeated() {
    let pdf = board_paper(&input(&large_plan(500)), &PaperOptions::default()).unwrap();
    let text = pdftotext(&pdf);
    let pages = text_pages(&text);
    let count = pages.len();
    assert!(count > 20, "{count} pages");
    let continued = |caption: &str| {
        pages
            .iter()
            .filter(|p| p.contains(&format!("{caption} (continued)")))
            .count()
    };
    let expenditure = continued("Expenditure by scheme, grouped by risk-share group");
    let commitments = continued("Committed and uncommitted by scheme");
    assert!(
        expenditure >= 10,
        "{expenditure} continued pages of expenditure"
    );
    assert!(
        commitments >= 5,
        "{commitments} continued pages of commitments"
    );
    for page in pages.iter().filter(|p| p.contains("(continued)")) {
        // The header row comes straight after the continued caption.
        let after: Vec<&str> = page
            .lines()
            .skip_while(|l| !l.contains("(continued)"))
            .skip(1)
            .take(2)
            .collect();
        assert!(
            after
                .iter()
                .any(|l| l.contains("Scheme") && l.contains("Budget")),
            "no repeated header: {after:?}"
        );
    }
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {count}", i + 1)));
    }
}

#[test]
fn a_very_long_scheme_name_wraps_over_several_lines() {
    let text = pdftotext(&board_paper(&input(&large_plan(60)), &PaperOptions::default()).unwrap());
    let words: Vec<&str> = LONG_NAME.split_whitespace().collect();
    let first = text
        .lines()
        .position(|l| l.contains("Integrated home care,"))
        .unwrap();
    let lines: Vec<&str> = text.lines().skip(first).take(12).collect();
    let joined = lines.join(" ");
    let mut found = 0;
    for word in &words {
        if joined.contains(word) {
            found += 1;
        }
    }
    assert_eq!(
        found,
        words.len(),
        "every word of the name is printed: {lines:?}"
    );
    let last_word_line = lines.iter().position(|l| l.contains("two)")).unwrap();
    assert!(
        last_word_line >= 3,
        "the name takes at least four lines: {lines:?}"
    );
}

#[test]
fn every_page_has_ink_inside_the_margins_only() {
    let dpi = 50;
    let pdf = board_paper(&input(&large_plan(500)), &PaperOptions::default()).unwrap();
    let rasters = pdftoppm(&pdf, dpi);
    let pages = laid_out(Units::Pounds);
    assert_eq!(rasters.len(), pages.len());
    for (i, (raster, page)) in rasters.iter().zip(&pages).enumerate() {
        let printable = page.geometry.printable();
        // One pixel of slack for anti-aliasing.
        let (left, right) = (px(printable.x, dpi) - 1.0, px(printable.right(), dpi) + 1.0);
        let (top, bottom) = (
            px(printable.y, dpi) - 1.0,
            px(printable.bottom(), dpi) + 1.0,
        );
        let mut inked = 0;
        for y in 0..raster.height {
            for x in 0..raster.width {
                if raster.pixels[y * raster.width + x] < 230 {
                    inked += 1;
                    let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
                    assert!(
                        fx >= left && fx <= right && fy >= top && fy <= bottom,
                        "page {}: ink at ({x}, {y}) px outside the margins",
                        i + 1
                    );
                }
            }
        }
        assert!(inked > 500, "page {} is (nearly) blank", i + 1);
    }
}
