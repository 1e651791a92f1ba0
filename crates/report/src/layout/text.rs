//! Text: styles, tidying what people typed, measuring and wrapping to a width.

use crate::fonts::{Face, Fonts};

/// A face at a size. Body text is never set below [`Style::MIN_SIZE`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
}

impl Style {
    pub const MIN_SIZE: f32 = 9.0;

    pub const fn regular(size: f32) -> Style {
        Style {
            face: Face::Regular,
            size,
        }
    }

    pub const fn bold(size: f32) -> Style {
        Style {
            face: Face::Bold,
            size,
        }
    }

    /// Baseline to baseline.
    pub fn line_height(self) -> f32 {
        self.size * 1.25
    }

    /// From the top of a line to its baseline (Liberation Sans ascends 0.905 em; the rest of
    /// the line height is shared above and below).
    pub fn baseline_offset(self) -> f32 {
        self.size * (0.905 + (1.25 - 0.905 - 0.212) / 2.0)
    }
}

/// One line a person reads: runs of white space become one space, control characters go.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            space = !out.is_empty();
        } else if !ch.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// Wraps text into lines no wider than `max` points: between words where it can, inside a word
/// (after a hyphen or slash if there is one, else anywhere) when a word alone is too wide.
pub fn wrap(fonts: &Fonts, text: &str, style: Style, max: f32) -> Vec<String> {
    let text = clean(text);
    let fits = |s: &str| fonts.width(s, style.face, style.size) <= max;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while !fits(rest) {
            let cut = break_point(rest, &fits);
            lines.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        line = rest.to_owned();
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where to cut a word too wide for the line: after the last hyphen or slash that fits, else
/// after the last character that fits, and always after at least one character.
fn break_point(word: &str, fits: &dyn Fn(&str) -> bool) -> usize {
    let ends: Vec<usize> = word.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    let first = ends.first().copied().unwrap_or(word.len());
    let fitting: Vec<usize> = ends
        .iter()
        .copied()
        .take_while(|&end| fits(&word[..end]))
        .collect();
    let soft = fitting
        .iter()
        .rev()
        .find(|&&end| word[..end].ends_with(['-', '/', '–']))
        .copied();
    soft.or(fitting.last().copied())
        .unwrap_or(first)
        .min(word.len())
}

/// The text, shortened with an ellipsis if needed so that it fits `max` points on one line.
pub fn fit_line(fonts: &Fonts, text: &str, style: Style, max: f32) -> String {
    let text = clean(text);
    if fonts.width(&text, style.face, style.size) <= max {
        return text;
    }
    let mut shortened: String = text.clone();
    while !shortened.is_empty() {
        shortened.pop();
        let candidate = format!("{}…", shortened.trim_end());
        if fonts.width(&candidate, style.face, style.size) <= max {
            return candidate;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().unwrap()
    }

    #[test]
    fn tidies_white_space_and_control_characters() {
        assert_eq!(clean("  Home\tcare \n\u{7}lot 1  "), "Home care lot 1");
        assert_eq!(clean(""), "");
    }

    #[test]
    fn every_wrapped_line_fits() {
        let style = Style::regular(10.0);
        let long = "Integrated community reablement and rehabilitation service for people leaving \
                    hospital across Northbrook, Dales and Eastmoor localities (phase two) \
                    Supercalifragilisticexpialidociouslylongwordwithoutanybreaks/and-some-hyphens";
        for max in [30.0, 60.0, 120.0, 400.0] {
            let lines = wrap(fonts(), long, style, max);
            assert!(!lines.is_empty());
            for line in &lines {
                assert!(
                    fonts().width(line, style.face, style.size) <= max,
                    "{line} > {max}"
                );
            }
            let rejoined: String = lines.concat().split_whitespace().collect();
            let original: String = long.split_whitespace().collect();
            assert_eq!(rejoined, original, "no character is lost");
        }
        assert_eq!(wrap(fonts(), "", style, 50.0), vec![String::new()]);
    }

    #[test]
    fn long_words_break_after_a_hyphen_when_they_can() {
        let lines = wrap(fonts(), "pathway-one-discharge", Style::regular(10.0), 60.0);
        assert!(lines[0].ends_with('-'), "{lines:?}");
    }

    #[test]
    fn fitted_lines_are_shortened_with_an_ellipsis() {
        let style = Style::bold(9.0);
        let text = "A very long plan name that will not fit in a running header at all";
        let line = fit_line(fonts(), text, style, 100.0);
        assert!(line.ends_with('…'));
        assert!(fonts().width(&line, style.face, style.size) <= 100.0);
        assert_eq!(fit_line(fonts(), "Short", style, 100.0), "Short");
    }
}
