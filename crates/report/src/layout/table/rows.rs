//! A table as atoms: its caption and header row (repeated on every page the table runs
//! onto), then one atom per row, each cell wrapped to its column and aligned.

use super::super::blocks::{Atom, Builder};
use super::super::text::{Style, fit_line, wrap};
use super::super::{Mark, Rect};
use super::{Align, Column, PAD_X, PAD_Y, Row, RowKind, Table};

impl Table {
    /// Lays the table out as atoms: caption, header row, then one atom per row.
    pub(in crate::layout) fn atoms(&self, b: &mut Builder) {
        let widths = self.widths(b.fonts, b.width);
        let mut head = Vec::new();
        if let Some(caption) = &self.caption {
            head.push(self.caption_atom(b, caption, 8.0));
        }
        if !self.plain {
            let mut header = self.header_atom(b, &widths);
            if self.caption.is_none() {
                header.space_before = 6.0;
            }
            head.push(header);
        }
        let mut repeat = Vec::new();
        if let Some(caption) = &self.caption {
            repeat.push(self.caption_atom(b, &format!("{caption} (continued)"), 0.0));
        }
        if !self.plain {
            repeat.push(self.header_atom(b, &widths));
        }
        let header_height: f32 = repeat.iter().map(|a| a.height).sum();
        let header = if repeat.is_empty() {
            None
        } else {
            b.headers.push(repeat);
            Some(b.headers.len() - 1)
        };
        let body_space = if head.is_empty() { 6.0 } else { 0.0 };
        b.atoms.extend(head);
        let max_height = (b.page_height - header_height - 4.0).max(20.0);
        for (i, row) in self.rows.iter().enumerate() {
            let mut atom = self.row_atom(b, &widths, row, max_height);
            atom.header = header;
            atom.space_before = if i == 0 { body_space } else { 0.0 };
            // A group heading stays with its first row; the first row stays with the header.
            atom.keep_with_next = row.kind == RowKind::Group;
            b.atoms.push(atom);
        }
    }

    fn caption_atom(&self, b: &Builder, caption: &str, space_before: f32) -> Atom {
        let style = Style::bold(self.size + 0.5);
        let lines = wrap(b.fonts, caption, style, b.width);
        let lh = style.line_height();
        let marks = lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| Mark::Text {
                x: b.x,
                baseline: i as f32 * lh + style.baseline_offset(),
                style,
                text: line,
                bounds: Rect {
                    x: b.x,
                    y: i as f32 * lh,
                    w: b.width,
                    h: lh,
                },
            })
            .collect::<Vec<_>>();
        Atom {
            height: marks.len() as f32 * lh + 2.0,
            space_before,
            marks,
            keep_with_next: true,
            header: None,
        }
    }

    fn header_atom(&self, b: &Builder, widths: &[f32]) -> Atom {
        let row = Row {
            kind: RowKind::Body,
            cells: self.columns.iter().map(|c| c.header.clone()).collect(),
        };
        let style = self.header_style();
        let mut atom = self.cells_atom(b, widths, &row, |_| style, f32::MAX);
        let rect = Rect {
            x: b.x,
            y: 0.0,
            w: b.width,
            h: atom.height,
        };
        atom.marks.insert(0, Mark::Fill { rect, grey: 0.88 });
        atom.marks.push(rule(b, atom.height, 0.6));
        atom.keep_with_next = true;
        atom
    }

    fn row_atom(&self, b: &Builder, widths: &[f32], row: &Row, max_height: f32) -> Atom {
        if row.kind == RowKind::Group {
            let text = row.cells.first().cloned().unwrap_or_default();
            let spanning = Table {
                columns: vec![Column::text("", 1.0)],
                rows: Vec::new(),
                caption: None,
                ..self.clone()
            };
            let row = Row {
                kind: RowKind::Group,
                cells: vec![text],
            };
            let style = self.style(RowKind::Group, 0);
            let mut atom = spanning.cells_atom(b, &[b.width], &row, |_| style, max_height);
            atom.height += 2.0;
            return atom;
        }
        let mut atom = self.cells_atom(b, widths, row, |c| self.style(row.kind, c), max_height);
        if self.plain {
            return atom;
        }
        match row.kind {
            RowKind::Subtotal => atom.marks.push(rule(b, 0.0, 0.6)),
            RowKind::Total => {
                atom.marks.push(rule(b, 0.0, 0.9));
                atom.marks.push(rule(b, atom.height, 0.9));
            }
            _ => atom.marks.push(Mark::Line {
                x1: b.x,
                y1: atom.height,
                x2: b.x + b.width,
                y2: atom.height,
                width: 0.3,
                grey: 0.7,
            }),
        }
        atom
    }

    /// One row of cells, each wrapped to its column and aligned; cells are top-aligned so that
    /// a row's figures share the baseline of its first line.
    fn cells_atom(
        &self,
        b: &Builder,
        widths: &[f32],
        row: &Row,
        style_of: impl Fn(usize) -> Style,
        max_height: f32,
    ) -> Atom {
        let mut x = b.x;
        let mut marks = Vec::new();
        let mut height: f32 = 0.0;
        for (c, width) in widths.iter().enumerate() {
            let style = style_of(c);
            let lh = style.line_height();
            let inner = (width - 2.0 * PAD_X).max(1.0);
            let hang = self.hang(b.fonts, c).min(inner / 2.0);
            let text = row.cells.get(c).map_or("", String::as_str);
            let mut lines = wrap(b.fonts, text, style, inner - hang);
            let max_lines = (((max_height - 2.0 * PAD_Y) / lh).floor() as usize).max(1);
            if lines.len() > max_lines {
                lines.truncate(max_lines);
                if let Some(last) = lines.last_mut() {
                    *last = fit_line(b.fonts, &format!("{last} …"), style, inner - hang);
                }
            }
            let align = self.columns.get(c).map_or(Align::Left, |col| col.align);
            for (i, line) in lines.iter().enumerate() {
                let line_width = b.fonts.width(line, style.face, style.size);
                let left = x + PAD_X;
                let tx = match align {
                    Align::Left => left,
                    Align::Right if line.ends_with(')') => left + inner - line_width,
                    Align::Right => left + inner - hang - line_width,
                };
                marks.push(Mark::Text {
                    x: tx,
                    baseline: PAD_Y + i as f32 * lh + style.baseline_offset(),
                    style,
                    text: line.clone(),
                    bounds: Rect {
                        x: left,
                        y: PAD_Y + i as f32 * lh,
                        w: inner,
                        h: lh,
                    },
                });
            }
            height = height.max(lines.len() as f32 * lh + 2.0 * PAD_Y);
            x += width;
        }
        Atom {
            height,
            space_before: 0.0,
            marks,
            keep_with_next: false,
            header: None,
        }
    }
}

fn rule(b: &Builder, y: f32, width: f32) -> Mark {
    Mark::Line {
        x1: b.x,
        y1: y,
        x2: b.x + b.width,
        y2: y,
        width,
        grey: 0.0,
    }
}
