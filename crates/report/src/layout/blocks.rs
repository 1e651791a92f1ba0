//! What a section of the paper is made of, and how each block becomes atoms: unbreakable
//! slices of the page with their height, the space above them, and whether they must stay on
//! the same page as the next one.

use super::table::Table;
use super::text::{Style, wrap};
use super::{Mark, Rect};
use crate::fonts::Fonts;

/// Body text size, and the size of notes and table text.
pub const BODY: f32 = 10.0;
pub const NOTE: f32 = 9.0;

/// A section of the paper: its blocks, and which way up its pages are.
pub struct Section {
    pub fit: SectionFit,
    /// Start the section on a new page even if the orientation does not change.
    pub new_page: bool,
    pub blocks: Vec<Block>,
}

/// How a section chooses its page orientation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionFit {
    Portrait,
    Landscape,
    /// Portrait, unless one of its tables needs the width of a landscape page.
    Auto,
}

/// One block of a section.
pub enum Block {
    /// A heading, kept on the same page as what follows it. Level 1, 2 or 3.
    Heading {
        level: u8,
        text: String,
    },
    /// Wrapped text in one style, with space above it.
    Text {
        text: String,
        style: Style,
        space_before: f32,
    },
    Table(Table),
    /// Blocks kept on one page when they fit on one.
    Keep(Vec<Block>),
    /// Lines for signatures: for each role, its name and lines for name, signature and date.
    Signatures(Vec<String>),
}

impl Block {
    pub fn heading(level: u8, text: impl Into<String>) -> Block {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    /// A paragraph of body text.
    pub fn para(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            style: Style::regular(BODY),
            space_before: 5.0,
        }
    }

    /// A paragraph in bold.
    pub fn strong(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            style: Style::bold(BODY),
            space_before: 5.0,
        }
    }

    /// A note in the smallest size allowed.
    pub fn note(text: impl Into<String>) -> Block {
        Block::Text {
            text: text.into(),
            style: Style::regular(NOTE),
            space_before: 4.0,
        }
    }

    pub fn styled(text: impl Into<String>, style: Style, space_before: f32) -> Block {
        Block::Text {
            text: text.into(),
            style,
            space_before,
        }
    }
}

/// An unbreakable slice of a page. Marks are placed as if the atom's top were at y = 0.
#[derive(Clone, Debug)]
pub(super) struct Atom {
    pub height: f32,
    pub space_before: f32,
    pub marks: Vec<Mark>,
    pub keep_with_next: bool,
    /// For a table row: the atoms (caption and header row) to repeat above it on a new page.
    pub header: Option<usize>,
}

/// Turns blocks into atoms for a column of text `width` points wide starting at `x`.
pub(super) struct Builder<'a> {
    pub fonts: &'a Fonts,
    pub x: f32,
    pub width: f32,
    /// The height of the page's content area: no atom may be taller.
    pub page_height: f32,
    pub atoms: Vec<Atom>,
    pub headers: Vec<Vec<Atom>>,
}

impl Builder<'_> {
    pub fn add(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Text {
                text,
                style,
                space_before,
            } => self.text(text, *style, *space_before, false),
            Block::Table(table) => {
                for part in table.split_to_fit(self.fonts, self.width) {
                    part.atoms(self);
                }
            }
            Block::Keep(blocks) => {
                let first = self.atoms.len();
                for block in blocks {
                    self.add(block);
                }
                let last = self.atoms.len();
                if last > first + 1 {
                    for atom in &mut self.atoms[first..last - 1] {
                        atom.keep_with_next = true;
                    }
                }
            }
            Block::Signatures(roles) => {
                for role in roles {
                    self.signature(role);
                }
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        let (size, space) = match level {
            1 => (15.0, 16.0),
            2 => (12.0, 12.0),
            _ => (10.5, 9.0),
        };
        self.text(text, Style::bold(size), space, true);
        if level == 1 {
            // A rule under a section heading.
            if let Some(atom) = self.atoms.last_mut() {
                atom.height += 3.0;
                let y = atom.height - 1.5;
                atom.marks.push(Mark::Line {
                    x1: self.x,
                    y1: y,
                    x2: self.x + self.width,
                    y2: y,
                    width: 0.8,
                    grey: 0.0,
                });
            }
        }
    }

    /// Wrapped text, one atom per line; a heading's lines all stay with what follows, and a
    /// paragraph's first line stays with its second.
    fn text(&mut self, text: &str, style: Style, space_before: f32, keep: bool) {
        let lines = wrap(self.fonts, text, style, self.width);
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let height = style.line_height();
            let bounds = Rect {
                x: self.x,
                y: 0.0,
                w: self.width,
                h: height,
            };
            self.atoms.push(Atom {
                height,
                space_before: if i == 0 { space_before } else { 0.0 },
                marks: vec![Mark::Text {
                    x: self.x,
                    baseline: style.baseline_offset(),
                    style,
                    text: line,
                    bounds,
                }],
                keep_with_next: keep || (i == 0 && count > 1),
                header: None,
            });
        }
    }

    fn signature(&mut self, role: &str) {
        let role_style = Style::bold(10.5);
        let label = Style::regular(BODY);
        let mut marks = Vec::new();
        let role_line = super::text::fit_line(self.fonts, role, role_style, self.width);
        marks.push(Mark::Text {
            x: self.x,
            baseline: role_style.baseline_offset(),
            style: role_style,
            text: role_line,
            bounds: Rect {
                x: self.x,
                y: 0.0,
                w: self.width,
                h: role_style.line_height(),
            },
        });
        let baseline = 40.0;
        let fields = [("Name", 0.42), ("Signature", 0.36), ("Date", 0.22)];
        let mut x = self.x;
        for (name, share) in fields {
            let field_width = self.width * share;
            let text_width = self.fonts.width(name, label.face, label.size);
            marks.push(Mark::Text {
                x,
                baseline,
                style: label,
                text: name.to_owned(),
                bounds: Rect {
                    x,
                    y: baseline - label.baseline_offset(),
                    w: field_width,
                    h: label.line_height(),
                },
            });
            marks.push(Mark::Line {
                x1: x + text_width + 4.0,
                y1: baseline + 1.5,
                x2: x + field_width - 12.0,
                y2: baseline + 1.5,
                width: 0.6,
                grey: 0.0,
            });
            x += field_width;
        }
        self.atoms.push(Atom {
            height: baseline + 10.0,
            space_before: 14.0,
            marks,
            keep_with_next: false,
            header: None,
        });
    }
}
