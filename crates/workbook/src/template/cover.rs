//! The Cover sheet's fields (spec §3.3): in its first 50 rows, a cell whose normalised text is a
//! field's label gives the first non-empty cell to its right.

use crate::book::Book;
use crate::read::ReadReport;
use crate::text::normalise;

use super::cells::text_of;
use super::sheet_matches;

const COVER_ROWS: usize = 50;

/// What the Cover sheet gave; each field is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cover {
    /// The Health and Wellbeing Board (the plan's area).
    pub hwb: Option<String>,
    /// The financial year's text as written, and its cell.
    pub year: Option<(String, String)>,
    pub council: Option<String>,
    pub nhs: Option<String>,
}

#[derive(Clone, Copy)]
enum CoverField {
    Hwb,
    Year,
    Council,
    Nhs,
}

const LABELS: &[(CoverField, &[&str])] = &[
    (
        CoverField::Hwb,
        &[
            "health and wellbeing board",
            "health and wellbeing board hwb",
            "hwb",
        ],
    ),
    (
        CoverField::Year,
        &["financial year", "year", "planning year"],
    ),
    (CoverField::Council, &["local authority", "council"]),
    (
        CoverField::Nhs,
        &[
            "icb",
            "ccg",
            "integrated care board",
            "clinical commissioning group",
        ],
    ),
];

/// Reads the first sheet named `Cover`, if any; the first occurrence of each label counts.
pub fn read(book: &Book, report: &mut ReadReport) -> Cover {
    let mut cover = Cover::default();
    let Some(sheet) = book.sheets.iter().find(|s| {
        s.name
            .as_deref()
            .is_some_and(|n| sheet_matches(n, &["cover"]))
    }) else {
        return cover;
    };
    for (row, cells) in sheet.rows.iter().take(COVER_ROWS).enumerate() {
        for (col, cell) in cells.iter().enumerate() {
            let Ok(Some(label)) = text_of(cell) else {
                continue;
            };
            let key = normalise(&label);
            let Some(field) = LABELS
                .iter()
                .find(|(_, names)| names.contains(&key.as_str()))
                .map(|(f, _)| *f)
            else {
                continue;
            };
            let value = cells
                .iter()
                .enumerate()
                .skip(col.saturating_add(1))
                .find_map(|(c, v)| text_of(v).ok().flatten().map(|t| (t, c)));
            let Some((value, value_col)) = value else {
                continue;
            };
            let slot = match field {
                CoverField::Hwb => &mut cover.hwb,
                CoverField::Council => &mut cover.council,
                CoverField::Nhs => &mut cover.nhs,
                CoverField::Year => {
                    if cover.year.is_none() {
                        cover.year = Some((value, sheet.reference(row, value_col)));
                    }
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(value);
            }
        }
    }
    let found: Vec<&str> = [
        cover.hwb.as_ref().map(|_| "Health and Wellbeing Board"),
        cover.year.as_ref().map(|_| "financial year"),
        cover.council.as_ref().map(|_| "council"),
        cover.nhs.as_ref().map(|_| "ICB or CCG"),
    ]
    .into_iter()
    .flatten()
    .collect();
    report.notes.push(if found.is_empty() {
        format!("{}: no fields found", sheet.label())
    } else {
        format!("{}: read {}", sheet.label(), found.join(", "))
    });
    cover
}
