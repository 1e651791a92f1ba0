//! Reading text (spec §1.3): normalising headers, labels and sheet names so that they match
//! however they were typed, and cleaning kept text (names, descriptions, ids, comments).

/// `&` → ` and `; lower case; every run of characters other than letters, digits and `%` → one
/// space; trimmed. `"Home-based intermediate\ncare services"` → `home based intermediate care
/// services`.
pub fn normalise(text: &str) -> String {
    let spelled = text.replace('&', " and ");
    let mut out = String::with_capacity(spelled.len());
    let mut gap = false;
    for c in spelled.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '%' {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    out
}

/// Kept text: trimmed, and every run of white space (line breaks and non-breaking spaces
/// included) collapsed to one space.
pub fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_matches_the_spec_examples() {
        assert_eq!(
            normalise("Home-based intermediate\ncare services"),
            "home based intermediate care services"
        );
        assert_eq!(
            normalise("Prevention / Early Intervention"),
            "prevention early intervention"
        );
        assert_eq!(
            normalise("  % NHS (if Joint Commissioner) "),
            "% nhs if joint commissioner"
        );
        assert_eq!(normalise("Carers & Respite"), "carers and respite");
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn kept_text_collapses_white_space() {
        assert_eq!(
            clean("  Reablement\n beds\u{a0} (east) "),
            "Reablement beds (east)"
        );
    }
}
