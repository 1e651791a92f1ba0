//! Naming cells as Excel does (spec §1.2): `Expenditure!K14`, `'6a. Expenditure'!K14` (quoted
//! when the name holds anything but letters, digits, `_` and `.`, an inner `'` doubled), and in
//! a CSV the column and record number alone, `K14`.

/// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A sheet's name as a reference writes it.
pub fn quote_sheet(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        name.to_owned()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// The reference of a cell, 0-based row and column; no sheet part for a CSV.
pub fn cell_ref(sheet: Option<&str>, row: usize, col: usize) -> String {
    let cell = format!("{}{}", column_letters(col), row + 1);
    match sheet {
        Some(name) => format!("{}!{cell}", quote_sheet(name)),
        None => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_excel_letters_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(10), "K");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn sheet_names_are_quoted_when_excel_quotes_them() {
        assert_eq!(cell_ref(Some("Expenditure"), 13, 10), "Expenditure!K14");
        assert_eq!(cell_ref(Some("Expenditure "), 13, 10), "'Expenditure '!K14");
        assert_eq!(
            cell_ref(Some("6a. Expenditure"), 8, 10),
            "'6a. Expenditure'!K9"
        );
        assert_eq!(cell_ref(Some("Bob's"), 0, 0), "'Bob''s'!A1");
        assert_eq!(cell_ref(None, 13, 10), "K14");
    }
}
