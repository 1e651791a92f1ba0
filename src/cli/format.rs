//! Small helpers for output read by people: plurals, tables, values, times and years.

use pooled_api::{FinancialYear, Money};

/// `1 error`, `2 errors`, `3 breaches`, `2 entries`.
pub(super) fn plural(n: usize, word: &str) -> String {
    let word = match (n, word) {
        (1, w) => w.to_owned(),
        (_, w) if w.ends_with("ch") || w.ends_with('s') => format!("{w}es"),
        (_, w) if w.ends_with('y') => format!("{}ies", &w[..w.len() - 1]),
        (_, w) => format!("{w}s"),
    };
    format!("{n} {word}")
}

/// A financial year as people write it, `2025/26`; anything unexpected as stored.
pub(super) fn year(text: &str) -> String {
    FinancialYear::parse(text).map_or_else(|| text.to_owned(), |y| y.to_string())
}

/// An amount for a person: `£1,234.56`, negatives in brackets.
pub(super) fn money(amount: Money) -> String {
    amount.to_uk()
}

/// Quotes a path for a shell command line when it needs it.
pub(super) fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%,=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// How a table column is aligned.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    Left,
    Right,
}

/// Lays out rows in columns two spaces apart, each line indented by two spaces, trailing space
/// trimmed. Widths count characters, so `£` takes one.
pub(super) fn table(rows: &[Vec<String>], align: &[Align]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::from(" ");
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.chars().count());
            line.push(' ');
            match align.get(c).copied().unwrap_or(Align::Left) {
                Align::Left => {
                    line.push_str(cell);
                    line.push_str(&pad);
                }
                Align::Right => {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            line.push(' ');
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_and_tables() {
        assert_eq!(plural(1, "entry"), "1 entry");
        assert_eq!(plural(2, "entry"), "2 entries");
        assert_eq!(plural(0, "breach"), "0 breaches");
        assert_eq!(plural(6, "error"), "6 errors");
        let rows = vec![
            vec!["a".into(), "£1.00".into()],
            vec!["bbb".into(), "(£10.00)".into()],
        ];
        assert_eq!(
            table(&rows, &[Align::Left, Align::Right]),
            "  a       £1.00\n  bbb  (£10.00)\n"
        );
        assert_eq!(year("2025-26"), "2025/26");
        assert_eq!(shell_word("/tmp/a b"), "'/tmp/a b'");
    }
}
