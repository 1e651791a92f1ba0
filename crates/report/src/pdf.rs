//! Writing laid-out pages as a PDF with printpdf: real text in the embedded Liberation Sans
//! (selectable, searchable, read aloud by screen readers), the document's title, subject and
//! language (en-GB), and nothing that changes from one run to the next: the dates come from
//! the input and the document id from the SHA-256 of the content, so the same input gives the
//! same bytes.

use printpdf::date::{Date, DateTime, Offset, Time};
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, TextItem, TextMatrix, WindingOrder,
};
use sha2::{Digest, Sha256};

use super::fonts::{Face, Fonts};
use super::layout::{Mark, Page};
use super::{PaperInput, PaperOptions, ReportError, Units};
use pooled_core::hashing::canonical_json;

/// The font resources, named so that their (six-letter) subset tags are fixed too.
const REGULAR: &str = "PLDREG";
const BOLD: &str = "PLDBLD";

/// What the PDF says about itself.
pub struct Metadata {
    pub title: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub date: chrono::NaiveDate,
    /// Hashed into the document id, with the pages.
    pub identity: String,
}

impl Metadata {
    pub fn of(input: &PaperInput, options: &PaperOptions) -> Metadata {
        let plan = &input.plan;
        let area = plan.area.as_deref().unwrap_or("");
        let identity = format!(
            "{}\n{}\n{}\n{:?}\n{}\n{:?}\n{}",
            input.document_sha256,
            canonical_json(&input.outcome),
            input.scenario,
            input.status,
            input.generated,
            options.units,
            env!("CARGO_PKG_VERSION")
        );
        Metadata {
            title: format!("{}: board paper ({})", plan.name, input.status.label()),
            subject: format!(
                "Pooled budget, risk share and settlement for {}{}{}, scenario {}, version {}",
                area,
                if area.is_empty() { "" } else { ", " },
                plan.year,
                input.scenario,
                input.version_id()
            ),
            keywords: vec![
                "Better Care Fund".to_owned(),
                "pooled budget".to_owned(),
                "risk share".to_owned(),
                "Section 75".to_owned(),
                match options.units {
                    Units::Pounds => "pounds".to_owned(),
                    Units::Thousands => "£000".to_owned(),
                },
            ],
            date: input.generated,
            identity,
        }
    }
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: level.clamp(0.0, 1.0),
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// The drawing operations of one page: fills, then rules, then the text in one text section.
fn page_ops(page: &Page) -> Vec<Op> {
    let height = page.geometry.height;
    let mut ops = Vec::new();
    for mark in &page.marks {
        if let Mark::Fill { rect, grey: level } = mark {
            ops.push(Op::SetFillColor { col: grey(*level) });
            ops.push(Op::DrawRectangle {
                rectangle: printpdf::Rect {
                    x: Pt(rect.x),
                    y: Pt(height - rect.bottom()),
                    width: Pt(rect.w),
                    height: Pt(rect.h),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            });
        }
    }
    for mark in &page.marks {
        if let Mark::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            grey: level,
        } = mark
        {
            ops.push(Op::SetOutlineColor { col: grey(*level) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*x1, height - y1), point(*x2, height - y2)],
                    is_closed: false,
                },
            });
        }
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: grey(0.0) });
    let mut current: Option<(Face, f32)> = None;
    for mark in &page.marks {
        if let Mark::Text {
            x,
            baseline,
            style,
            text,
            ..
        } = mark
        {
            if text.is_empty() {
                continue;
            }
            if current != Some((style.face, style.size)) {
                let id = match style.face {
                    Face::Regular => REGULAR,
                    Face::Bold => BOLD,
                };
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(id.to_owned())),
                    size: Pt(style.size),
                });
                current = Some((style.face, style.size));
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(*x), Pt(height - baseline)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(text.clone())],
            });
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

fn pdf_date(date: chrono::NaiveDate) -> DateTime {
    use chrono::Datelike;
    DateTime {
        date: Date {
            year: date.year(),
            month: u8::try_from(date.month()).unwrap_or(1),
            day: u8::try_from(date.day()).unwrap_or(1),
        },
        time: Time {
            hour: 0,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        offset: Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// The PDF bytes of the pages.
pub fn write(fonts: &Fonts, pages: &[Page], meta: &Metadata) -> Result<Vec<u8>, ReportError> {
    let mut doc = PdfDocument::new(&meta.title);
    for (id, face) in [(REGULAR, Face::Regular), (BOLD, Face::Bold)] {
        doc.resources.fonts.map.insert(
            FontId(id.to_owned()),
            PdfFont::new(fonts.parsed(face).clone()),
        );
    }
    let info = &mut doc.metadata.info;
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.author = "Pooled".to_owned();
    info.creator = "Pooled board paper".to_owned();
    info.producer = format!("Pooled {} with printpdf", env!("CARGO_PKG_VERSION"));
    info.creation_date = pdf_date(meta.date);
    info.modification_date = pdf_date(meta.date);
    info.metadata_date = pdf_date(meta.date);
    let mut digest = Sha256::new();
    digest.update(meta.identity.as_bytes());
    digest.update(pages.len().to_be_bytes());
    for page in pages {
        let ops = page_ops(page);
        doc.pages.push(PdfPage::new(
            printpdf::Mm(page.geometry.width * 25.4 / 72.0),
            printpdf::Mm(page.geometry.height * 25.4 / 72.0),
            ops,
        ));
    }
    let id: Vec<u8> = digest.finalize()[..16].to_vec();

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    use lopdf::{Object, StringFormat};
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    let catalog = lo
        .catalog_mut()
        .map_err(|e| ReportError::Inconsistent(format!("the PDF has no catalogue: {e}")))?;
    catalog.set(
        "Lang",
        Object::String(b"en-GB".to_vec(), StringFormat::Literal),
    );
    catalog.set(
        "ViewerPreferences",
        lopdf::Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    // printpdf labels every document PDF/X; this one makes no such claim.
    if let Ok(info_ref) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(Object::Dictionary(info)) = lo.get_object_mut(info_ref)
    {
        info.remove(b"GTS_PDFXVersion");
        info.remove(b"Identifier");
    }
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| ReportError::Inconsistent(format!("the PDF could not be written: {e}")))?;
    Ok(bytes)
}
