//! A small layout engine for the board paper: blocks of text and tables are cut into
//! unbreakable pieces ("atoms"), which are placed down A4 pages, breaking pages where needed,
//! keeping headings with what follows and small blocks together, and repeating a table's header
//! row on every page it runs onto. Running headers and footers ("Page i of N") are added once
//! the number of pages is known. The result is a list of pages of marks: text runs, rules and
//! fills, each text run with the box it must stay inside.

mod blocks;
mod flow;
pub mod geometry;
mod table;
pub mod text;

pub use blocks::{Block, Section, SectionFit};
pub use flow::{Running, decorate, lay_out};
pub use geometry::{Geometry, Orientation, Rect};
pub use table::{Align, Column, Row, RowKind, Table};
pub use text::Style;

/// One thing drawn on a page. Coordinates are points, y measured down from the page top.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// A run of text on one line; `bounds` is the box (a table cell, the content area) it must
    /// stay inside.
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        text: String,
        bounds: Rect,
    },
    /// A straight rule, `grey` from 0 (black) to 1 (white).
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        grey: f32,
    },
    /// A filled rectangle, for the shading behind table headers.
    Fill { rect: Rect, grey: f32 },
}

impl Mark {
    /// The same mark moved down by `dy`.
    fn shifted(&self, dy: f32) -> Mark {
        match self {
            Mark::Text {
                x,
                baseline,
                style,
                text,
                bounds,
            } => Mark::Text {
                x: *x,
                baseline: baseline + dy,
                style: *style,
                text: text.clone(),
                bounds: Rect {
                    y: bounds.y + dy,
                    ..*bounds
                },
            },
            Mark::Line {
                x1,
                y1,
                x2,
                y2,
                width,
                grey,
            } => Mark::Line {
                x1: *x1,
                y1: y1 + dy,
                x2: *x2,
                y2: y2 + dy,
                width: *width,
                grey: *grey,
            },
            Mark::Fill { rect, grey } => Mark::Fill {
                rect: Rect {
                    y: rect.y + dy,
                    ..*rect
                },
                grey: *grey,
            },
        }
    }
}

/// One laid-out page.
#[derive(Clone, Debug)]
pub struct Page {
    pub geometry: Geometry,
    pub marks: Vec<Mark>,
}

#[cfg(test)]
mod tests;
