//! Placing atoms down pages: page breaks, keeping atoms together, repeating table headers, and
//! the running header and footer added once the number of pages is known.

use super::blocks::{Atom, Builder, Section, SectionFit};
use super::geometry::{Geometry, Orientation};
use super::text::{Style, fit_line};
use super::{Block, Mark, Page, Rect};
use crate::fonts::Fonts;

/// Lays the sections out on pages. A section starts a new page when asked to or when its
/// orientation differs from the page before.
pub fn lay_out(fonts: &Fonts, sections: &[Section]) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for section in sections {
        let geometry = Geometry::a4(orientation(fonts, section));
        let fresh = match pages.last() {
            None => true,
            Some(last) => section.new_page || last.geometry.orientation != geometry.orientation,
        };
        let mut builder = Builder {
            fonts,
            x: geometry.content.x,
            width: geometry.content.w,
            page_height: geometry.content.h,
            atoms: Vec::new(),
            headers: Vec::new(),
        };
        for block in &section.blocks {
            builder.add(block);
        }
        let mut placer = Placer {
            geometry,
            y: geometry.content.y,
            page: None,
            pages: &mut pages,
        };
        if fresh {
            placer.new_page();
        } else {
            placer.resume();
        }
        placer.place_all(&builder.atoms, &builder.headers);
        placer.finish();
    }
    pages
}

/// Portrait unless asked otherwise, or unless an `Auto` section has a table too wide for it.
fn orientation(fonts: &Fonts, section: &Section) -> Orientation {
    match section.fit {
        SectionFit::Portrait => Orientation::Portrait,
        SectionFit::Landscape => Orientation::Landscape,
        SectionFit::Auto => {
            let room = Geometry::a4(Orientation::Portrait).content.w;
            if widest_table(fonts, &section.blocks) > room {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            }
        }
    }
}

fn widest_table(fonts: &Fonts, blocks: &[Block]) -> f32 {
    blocks
        .iter()
        .map(|block| match block {
            Block::Table(table) => table.natural_width(fonts),
            Block::Keep(inner) => widest_table(fonts, inner),
            _ => 0.0,
        })
        .fold(0.0, f32::max)
}

struct Placer<'p> {
    geometry: Geometry,
    y: f32,
    page: Option<Page>,
    pages: &'p mut Vec<Page>,
}

impl Placer<'_> {
    fn new_page(&mut self) {
        self.finish();
        self.page = Some(Page {
            geometry: self.geometry,
            marks: Vec::new(),
        });
        self.y = self.geometry.content.y;
    }

    /// Continues on the last page laid out (same orientation), below what is on it.
    fn resume(&mut self) {
        match self.pages.pop() {
            Some(page) => {
                self.y = page
                    .marks
                    .iter()
                    .map(|m| match m {
                        Mark::Text { bounds, .. } => bounds.bottom(),
                        Mark::Line { y1, y2, .. } => y1.max(*y2),
                        Mark::Fill { rect, .. } => rect.bottom(),
                    })
                    .fold(self.geometry.content.y, f32::max);
                self.page = Some(page);
            }
            None => self.new_page(),
        }
    }

    fn finish(&mut self) {
        if let Some(page) = self.page.take() {
            self.pages.push(page);
        }
    }

    fn at_top(&self) -> bool {
        self.y <= self.geometry.content.y
    }

    fn bottom(&self) -> f32 {
        self.geometry.content.bottom()
    }

    fn place_all(&mut self, atoms: &[Atom], headers: &[Vec<Atom>]) {
        let room = self.geometry.content.h;
        // The last atom of the chain being placed: the atoms up to it were already judged
        // together, so only an atom that does not fit at all moves to a new page. (Judging
        // each again would find a longer chain from it and break the chain it belongs to.)
        let mut chain_end = None;
        for (i, atom) in atoms.iter().enumerate() {
            let repeated: f32 = atom
                .header
                .and_then(|h| headers.get(h))
                .map_or(0.0, |h| h.iter().map(|a| a.height).sum());
            let alone_fits = self.y + atom.space_before + atom.height <= self.bottom();
            let mut keep_break = false;
            if chain_end.is_none_or(|end| i > end) {
                // The atoms that must stay together with this one, as long as they fit one page.
                let mut chain = atom.space_before + atom.height;
                let mut j = i;
                while atoms[j].keep_with_next && j + 1 < atoms.len() {
                    let next = &atoms[j + 1];
                    let longer = chain + next.space_before + next.height;
                    if longer + repeated > room {
                        break;
                    }
                    chain = longer;
                    j += 1;
                }
                let fits_here = self.y + chain <= self.bottom();
                let fits_fresh = chain - atom.space_before + repeated <= room;
                keep_break = !fits_here && fits_fresh;
                chain_end = Some(j);
            }
            if !self.at_top() && (keep_break || !alone_fits) {
                self.new_page();
                if let Some(header) = atom.header.and_then(|h| headers.get(h)) {
                    for repeat in header {
                        self.place(repeat);
                    }
                }
            }
            self.place(atom);
        }
    }

    fn place(&mut self, atom: &Atom) {
        if !self.at_top() {
            self.y += atom.space_before;
        }
        let top = self.y;
        if let Some(page) = self.page.as_mut() {
            page.marks.extend(atom.marks.iter().map(|m| m.shifted(top)));
        }
        self.y += atom.height;
    }
}

/// What the running header and footer say.
pub struct Running {
    pub title: String,
    pub status: String,
    pub footer: String,
}

/// Adds the running header (title and status) and footer (version and "Page i of N") to
/// every page.
pub fn decorate(fonts: &Fonts, pages: &mut [Page], running: &Running) {
    let count = pages.len();
    let style = Style::regular(9.0);
    let bold = Style::bold(9.0);
    for (i, page) in pages.iter_mut().enumerate() {
        let g = page.geometry;
        let left = g.content.x;
        let width = g.content.w;
        let status_width = fonts.width(&running.status, bold.face, bold.size);
        let title = fit_line(fonts, &running.title, bold, width - status_width - 18.0);
        let page_text = format!("Page {} of {count}", i + 1);
        let page_width = fonts.width(&page_text, style.face, style.size);
        let footer = fit_line(fonts, &running.footer, style, width - page_width - 18.0);
        let line = |y: f32| Mark::Line {
            x1: left,
            y1: y,
            x2: left + width,
            y2: y,
            width: 0.5,
            grey: 0.0,
        };
        let run = |text: String, x: f32, baseline: f32, style: Style| Mark::Text {
            bounds: Rect {
                x: left,
                y: baseline - style.baseline_offset(),
                w: width,
                h: style.line_height(),
            },
            x,
            baseline,
            style,
            text,
        };
        page.marks.extend([
            run(title, left, g.header_baseline, bold),
            run(
                running.status.clone(),
                left + width - status_width,
                g.header_baseline,
                bold,
            ),
            line(g.header_rule),
            line(g.footer_rule),
            run(footer, left, g.footer_baseline, style),
            run(
                page_text,
                left + width - page_width,
                g.footer_baseline,
                style,
            ),
        ]);
    }
}
