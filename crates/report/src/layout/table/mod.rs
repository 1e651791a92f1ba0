//! Tables: columns sized to their figures, long text wrapped, a shaded header row repeated on
//! every page the table runs onto, and subtotal and total rows ruled off.

mod rows;

use super::text::{Style, wrap};
use crate::fonts::Fonts;

pub(super) const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 2.5;
/// Table text size: above the 9 pt floor.
pub const TABLE_SIZE: f32 = 9.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// How wide a column is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Width {
    /// As wide as its widest cell, which is never wrapped (figures, dates, codes), and at
    /// least `min` points.
    Fit { min: f32 },
    /// A share of the width left over, wrapping its text, at least `min` points.
    Flex { weight: f32, min: f32 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    header: String,
    align: Align,
    width: Width,
}

impl Column {
    /// Text that wraps, taking a share of the spare width.
    pub fn text(header: impl Into<String>, weight: f32) -> Column {
        Column {
            header: header.into(),
            align: Align::Left,
            width: Width::Flex {
                weight,
                min: 60.0 * weight.min(2.0),
            },
        }
    }

    /// A figure: right-aligned, never wrapped.
    pub fn figure(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            align: Align::Right,
            width: Width::Fit { min: 0.0 },
        }
    }

    /// A figure column at least `min` points wide, so that tables of the same kind line up.
    pub fn figure_at_least(header: impl Into<String>, min: f32) -> Column {
        Column {
            width: Width::Fit { min },
            ..Column::figure(header)
        }
    }

    /// A short left-aligned value that is never wrapped (a code, a date).
    pub fn short(header: impl Into<String>) -> Column {
        Column {
            header: header.into(),
            align: Align::Left,
            width: Width::Fit { min: 0.0 },
        }
    }
}

/// How a row is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    Body,
    /// A heading across the whole table for the rows that follow (kept with the next row).
    Group,
    /// Bold, ruled above.
    Subtotal,
    /// Bold, ruled above and below.
    Total,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    caption: Option<String>,
    columns: Vec<Column>,
    rows: Vec<Row>,
    size: f32,
    /// No header row and no rules: a list of labels and values.
    plain: bool,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            caption: None,
            columns,
            rows: Vec::new(),
            size: TABLE_SIZE,
            plain: false,
        }
    }

    /// Labels in bold and their values, without header or rules.
    pub fn plain(weights: [f32; 2]) -> Table {
        Table {
            plain: true,
            ..Table::new(vec![
                Column::text("", weights[0]),
                Column::text("", weights[1]),
            ])
        }
    }

    pub fn caption(mut self, caption: impl Into<String>) -> Table {
        self.caption = Some(caption.into());
        self
    }

    /// Sets the table in a different size, never below 9 pt.
    pub fn size(mut self, size: f32) -> Table {
        self.size = size.max(Style::MIN_SIZE);
        self
    }

    pub fn row(&mut self, kind: RowKind, cells: Vec<String>) {
        self.rows.push(Row { kind, cells });
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    fn style(&self, kind: RowKind, column: usize) -> Style {
        let bold = matches!(kind, RowKind::Group | RowKind::Subtotal | RowKind::Total)
            || (self.plain && column == 0);
        if bold {
            Style::bold(self.size)
        } else {
            Style::regular(self.size)
        }
    }

    fn header_style(&self) -> Style {
        Style::bold(self.size)
    }

    /// The width a column needs without wrapping (figures) or at its minimum (text). A
    /// figure column is also wide enough for its header to take at most two lines, and for a
    /// closing bracket to hang to the right of figures without one.
    fn needs(&self, fonts: &Fonts, c: usize) -> f32 {
        let column = &self.columns[c];
        match column.width {
            Width::Flex { min, .. } => min,
            Width::Fit { min } => {
                let widest = self
                    .rows
                    .iter()
                    .filter(|r| r.kind != RowKind::Group)
                    .filter_map(|r| {
                        let style = self.style(r.kind, c);
                        r.cells
                            .get(c)
                            .map(|t| fonts.width(t, style.face, style.size))
                    })
                    .fold(0.0, f32::max);
                let hang = self.hang(fonts, c);
                (header_width(fonts, &column.header, self.header_style()).max(widest)
                    + hang
                    + 2.0 * PAD_X)
                    .max(min)
            }
        }
    }

    /// Room kept at the right of a right-aligned column so that figures line up with
    /// bracketed ones: the width of ")".
    fn hang(&self, fonts: &Fonts, c: usize) -> f32 {
        match self.columns.get(c) {
            Some(Column {
                align: Align::Right,
                ..
            }) => fonts.width(")", self.style(RowKind::Body, c).face, self.size),
            _ => 0.0,
        }
    }

    /// The width the table needs to be set without squeezing any figure.
    pub fn natural_width(&self, fonts: &Fonts) -> f32 {
        (0..self.columns.len()).map(|c| self.needs(fonts, c)).sum()
    }

    /// The table as one or more tables that each fit `available` points without squeezing a
    /// figure. When the columns after the first (the row labels) do not fit beside it, they
    /// are dealt out in order, as evenly as they fit, to as many tables as needed, each
    /// repeating the row labels: a plan with a dozen partners gets its partner columns in two
    /// tables one above the other, never figures broken over lines.
    pub fn split_to_fit(&self, fonts: &Fonts, available: f32) -> Vec<Table> {
        if self.plain || self.columns.len() < 3 || self.natural_width(fonts) <= available {
            return vec![self.clone()];
        }
        let lead = self.needs(fonts, 0);
        let needs: Vec<f32> = (1..self.columns.len())
            .map(|c| self.needs(fonts, c))
            .collect();
        let fits = |part: &[f32]| lead + part.iter().sum::<f32>() <= available;
        // How many tables a greedy fill needs, then the same number dealt out evenly.
        let mut parts = 1;
        let mut width = lead;
        for (i, need) in needs.iter().enumerate() {
            if i > 0 && width + need > available {
                parts += 1;
                width = lead;
            }
            width += need;
        }
        let even = needs.len().div_ceil(parts);
        let groups: Vec<Vec<usize>> = if needs.chunks(even).all(fits) {
            (1..self.columns.len())
                .collect::<Vec<_>>()
                .chunks(even)
                .map(<[usize]>::to_vec)
                .collect()
        } else {
            let mut groups: Vec<Vec<usize>> = vec![Vec::new()];
            let mut width = lead;
            for (i, need) in needs.iter().enumerate() {
                let current = groups
                    .last_mut()
                    .filter(|g| g.is_empty() || width + need <= available);
                match current {
                    Some(group) => group.push(i + 1),
                    None => {
                        groups.push(vec![i + 1]);
                        width = lead;
                    }
                }
                width += need;
            }
            groups
        };
        if groups.len() < 2 {
            return vec![self.clone()];
        }
        groups
            .iter()
            .enumerate()
            .map(|(k, group)| self.with_columns(group, k > 0))
            .collect()
    }

    /// The row labels and the given columns; a later part says it continues the table.
    fn with_columns(&self, group: &[usize], later: bool) -> Table {
        let keep: Vec<usize> = std::iter::once(0).chain(group.iter().copied()).collect();
        let pick = |cells: &[String]| -> Vec<String> {
            keep.iter()
                .map(|&c| cells.get(c).cloned().unwrap_or_default())
                .collect()
        };
        Table {
            caption: self.caption.as_ref().map(|c| {
                if later {
                    format!("{c} (further columns)")
                } else {
                    c.clone()
                }
            }),
            columns: keep.iter().map(|&c| self.columns[c].clone()).collect(),
            rows: self
                .rows
                .iter()
                .map(|r| Row {
                    kind: r.kind,
                    cells: if r.kind == RowKind::Group {
                        r.cells.clone()
                    } else {
                        pick(&r.cells)
                    },
                })
                .collect(),
            size: self.size,
            plain: self.plain,
        }
    }

    /// Each column's width when the table is `available` points wide.
    pub fn widths(&self, fonts: &Fonts, available: f32) -> Vec<f32> {
        let mut widths: Vec<f32> = (0..self.columns.len())
            .map(|c| self.needs(fonts, c))
            .collect();
        let total: f32 = widths.iter().sum();
        let flex_weight: f32 = self
            .columns
            .iter()
            .map(|c| match c.width {
                Width::Flex { weight, .. } => weight,
                Width::Fit { .. } => 0.0,
            })
            .sum();
        if total <= available {
            let spare = available - total;
            for (c, column) in self.columns.iter().enumerate() {
                match column.width {
                    Width::Flex { weight, .. } => widths[c] += spare * weight / flex_weight,
                    Width::Fit { .. } if flex_weight == 0.0 && c == 0 => widths[c] += spare,
                    Width::Fit { .. } => {}
                }
            }
        } else {
            // Too wide even at the minimum: squeeze every column in proportion; text that
            // no longer fits is wrapped inside its cell rather than overflowing it.
            let factor = available / total;
            for width in &mut widths {
                *width *= factor;
            }
        }
        widths
    }
}

/// The narrowest width in which a header takes at most two lines (and no word is broken).
fn header_width(fonts: &Fonts, header: &str, style: Style) -> f32 {
    let longest_word = header
        .split_whitespace()
        .map(|w| fonts.width(w, style.face, style.size))
        .fold(0.0, f32::max);
    let whole = fonts.width(header, style.face, style.size);
    let mut width = longest_word.max(whole / 2.0);
    while wrap(fonts, header, style, width).len() > 2 && width < whole {
        width += 2.0;
    }
    width
}
