//! The paper's typeface: Liberation Sans (SIL Open Font License 1.1, see
//! `assets/fonts/LICENSE-OFL.txt`), compiled into the program so the paper looks the same on
//! every machine and `£` and every other character render. Widths are read from the font itself,
//! rounded exactly as the PDF's `/W` table rounds them, so measured text matches printed text.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::ReportError;

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Bold.ttf");

/// The two faces the paper uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

/// Advance widths in thousandths of an em, by character.
struct Widths {
    /// Code points below 0x3000, the ones a board paper uses.
    table: Vec<u16>,
    /// Everything else, as the font maps it.
    rest: BTreeMap<u32, u16>,
    /// The width of the missing-glyph box, for characters the font lacks.
    missing: u16,
}

impl Widths {
    const TABLE: u32 = 0x3000;

    fn of(font: &ParsedFont) -> Widths {
        let units = u32::from(font.units_per_em.max(1));
        let scaled = |gid: u16| {
            let raw = u32::from(font.get_glyph_width(gid).unwrap_or(0));
            // Truncated, as printpdf writes the `/W` array.
            u16::try_from(raw * 1000 / units).unwrap_or(u16::MAX)
        };
        let missing = scaled(0);
        let mut table = vec![missing; Widths::TABLE as usize];
        let mut rest = BTreeMap::new();
        for (&code, &gid) in &font.codepoint_to_glyph {
            if code < Widths::TABLE {
                table[code as usize] = scaled(gid);
            } else {
                rest.insert(code, scaled(gid));
            }
        }
        Widths {
            table,
            rest,
            missing,
        }
    }

    fn get(&self, ch: char) -> u16 {
        let code = u32::from(ch);
        if code < Widths::TABLE {
            self.table[code as usize]
        } else {
            self.rest.get(&code).copied().unwrap_or(self.missing)
        }
    }
}

/// The parsed faces and their widths, loaded once per process.
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    regular_widths: Widths,
    bold_widths: Widths,
}

static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();

impl Fonts {
    /// The fonts, parsed on first use.
    pub fn get() -> Result<&'static Fonts, ReportError> {
        FONTS
            .get_or_init(Fonts::load)
            .as_ref()
            .ok_or(ReportError::Font)
    }

    fn load() -> Option<Fonts> {
        let parse = |bytes: &[u8], name: &str| {
            let mut font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
            font.font_name = Some(name.to_owned());
            Some(font)
        };
        let regular = parse(REGULAR_TTF, "LiberationSans")?;
        let bold = parse(BOLD_TTF, "LiberationSans-Bold")?;
        Some(Fonts {
            regular_widths: Widths::of(&regular),
            bold_widths: Widths::of(&bold),
            regular,
            bold,
        })
    }

    pub fn parsed(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The width of `text` set in `face` at `size` points, in points.
    pub fn width(&self, text: &str, face: Face, size: f32) -> f32 {
        let widths = match face {
            Face::Regular => &self.regular_widths,
            Face::Bold => &self.bold_widths,
        };
        let milli: u64 = text.chars().map(|c| u64::from(widths.get(c))).sum();
        milli as f32 * size / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_from_the_font() {
        let fonts = Fonts::get().unwrap();
        // Liberation Sans: digits are 556/1000 em, so ten digits at 10 pt are 55.6 pt.
        let ten = fonts.width("0123456789", Face::Regular, 10.0);
        assert!((ten - 55.6).abs() < 0.01, "{ten}");
        assert!(fonts.width("£", Face::Regular, 10.0) > 5.0);
        assert!(fonts.width("Total", Face::Bold, 10.0) > fonts.width("Total", Face::Regular, 10.0));
        assert_eq!(fonts.width("", Face::Regular, 10.0), 0.0);
    }
}
