//! Page geometry: A4 in portrait or landscape, the margins, and where the header, the content
//! and the footer go. Lengths are in points (1/72 inch); y is measured down from the page top.

/// Millimetres to points.
pub const fn mm(value: f32) -> f32 {
    value * 72.0 / 25.4
}

const A4_SHORT: f32 = 595.276;
const A4_LONG: f32 = 841.89;

/// Which way up a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// A rectangle, `y` being its top edge measured down from the page top.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// True when `other` lies inside this rectangle, allowing `slack` points for rounding.
    pub fn contains(&self, other: &Rect, slack: f32) -> bool {
        other.x >= self.x - slack
            && other.y >= self.y - slack
            && other.right() <= self.right() + slack
            && other.bottom() <= self.bottom() + slack
    }
}

/// The boxes of one page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    pub orientation: Orientation,
    pub width: f32,
    pub height: f32,
    /// Where the body of the paper goes.
    pub content: Rect,
    /// The baseline of the running header, and the rule under it.
    pub header_baseline: f32,
    pub header_rule: f32,
    /// The rule above the running footer, and its baseline.
    pub footer_rule: f32,
    pub footer_baseline: f32,
}

/// Nothing is printed closer to the paper's edge than this (header and footer included).
pub const PRINT_MARGIN: f32 = mm(15.0);

impl Geometry {
    pub fn a4(orientation: Orientation) -> Geometry {
        let (width, height) = match orientation {
            Orientation::Portrait => (A4_SHORT, A4_LONG),
            Orientation::Landscape => (A4_LONG, A4_SHORT),
        };
        let side = mm(20.0);
        let top = mm(26.0);
        let bottom = mm(26.0);
        Geometry {
            orientation,
            width,
            height,
            content: Rect {
                x: side,
                y: top,
                w: width - 2.0 * side,
                h: height - top - bottom,
            },
            header_baseline: mm(19.0),
            header_rule: mm(21.0),
            footer_rule: height - mm(23.0),
            footer_baseline: height - mm(19.0),
        }
    }

    /// The part of the page anything may be printed on.
    pub fn printable(&self) -> Rect {
        Rect {
            x: PRINT_MARGIN,
            y: PRINT_MARGIN,
            w: self.width - 2.0 * PRINT_MARGIN,
            h: self.height - 2.0 * PRINT_MARGIN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_content_and_footer_lie_inside_the_printable_area() {
        for orientation in [Orientation::Portrait, Orientation::Landscape] {
            let g = Geometry::a4(orientation);
            let printable = g.printable();
            assert!(printable.contains(&g.content, 0.0));
            assert!(g.header_baseline - 9.0 > printable.y);
            assert!(g.header_rule < g.content.y);
            assert!(g.footer_rule > g.content.bottom());
            assert!(g.footer_baseline + 3.0 < printable.bottom());
        }
    }
}
