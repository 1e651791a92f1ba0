//! Opening files (spec §1.1, §4): what a file is by its content, the limits checked before
//! anything is read, CSV encodings and separators, and never a panic on any input.

use std::io::{Cursor, Write};

use pooled_core::findings::Code;
use pooled_workbook::ReadOptions;
use pooled_workbook::book::Cell;
use pooled_workbook::open::{self, FileKind};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/workbooks");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).expect("fixture")
}

/// The one finding about the whole file, its words checked.
fn refused(bytes: &[u8], name: &str, words: &str) {
    let findings = open::open(bytes, name).expect_err("must be refused");
    assert!(
        findings
            .iter()
            .any(|f| f.code == Code::Workbook && f.message.contains(words)),
        "'{words}' not in {findings:#?}"
    );
}

#[test]
fn a_text_file_renamed_xlsx_is_not_a_workbook() {
    refused(b"Scheme ID,Amount\nP1,100\n", "plan.xlsx", "not a workbook");
}

#[test]
fn random_bytes_and_an_empty_file_are_refused() {
    refused(
        &[0x13, 0x37, 0xFF, 0x00, 0x42, 0x99, 0x01],
        "noise.xls",
        "not a workbook",
    );
    refused(b"", "empty.xlsx", "the file is empty");
}

#[test]
fn a_truncated_workbook_is_damaged() {
    let bytes = fixture("own-layout.xlsx");
    for keep in [30, bytes.len() / 2, bytes.len() - 30] {
        let findings = open::open(&bytes[..keep], "cut.xlsx").expect_err("must be refused");
        assert!(
            findings
                .iter()
                .all(|f| f.code == Code::Workbook && f.cell.is_none())
        );
    }
}

#[test]
fn the_fixtures_are_known_by_their_content() {
    assert_eq!(
        open::detect(&fixture("own-layout.xlsx"), "x.bin"),
        Ok(FileKind::Xlsx)
    );
    assert_eq!(
        open::detect(&fixture("expenditure.csv"), "x.csv"),
        Ok(FileKind::Csv)
    );
}

/// A zip holding a `[Content_Types].xml` naming a spreadsheet and one more part.
fn zip_with(part: &str, data: &[u8]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    out.start_file("[Content_Types].xml", options).unwrap();
    out.write_all(
        br#"<Types><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#,
    )
    .unwrap();
    out.start_file(part, options).unwrap();
    out.write_all(data).unwrap();
    out.finish().unwrap().into_inner()
}

#[test]
fn a_decompression_bomb_is_refused() {
    // 201 MB of one byte deflates to about 200 KB: over 200 MB, and 1,000 times its size.
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    out.start_file("[Content_Types].xml", options).unwrap();
    out.write_all(b"<Types ContentType=\"spreadsheetml\"/>")
        .unwrap();
    out.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let chunk = vec![b'a'; 1024 * 1024];
    for _ in 0..201 {
        out.write_all(&chunk).unwrap();
    }
    let bytes = out.finish().unwrap().into_inner();
    assert!(bytes.len() < 2 * 1024 * 1024);
    refused(&bytes, "bomb.xlsx", "decompression bomb");
}

#[test]
fn a_part_expanding_over_200_times_is_refused() {
    // 5 MB of zeros: under every size limit, but expanding about 1,000 times.
    let bytes = zip_with("xl/worksheets/sheet1.xml", &vec![0u8; 5 * 1024 * 1024]);
    refused(&bytes, "ratio.xlsx", "more than 200 times");
}

/// Sets the declared uncompressed size of every entry (local header and central directory)
/// to `size`, leaving the data as it is: a directory that lies.
fn declare_size(bytes: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 4 <= bytes.len() {
        match &bytes[i..i + 4] {
            // Local file header: uncompressed size at 22.
            [0x50, 0x4B, 0x03, 0x04] if i + 26 <= bytes.len() => {
                bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            }
            // Central directory header: uncompressed size at 24.
            [0x50, 0x4B, 0x01, 0x02] if i + 28 <= bytes.len() => {
                bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
            _ => {}
        }
        i += 1;
    }
}

#[test]
fn a_zip_declaring_a_huge_part_is_refused_before_inflating() {
    let mut bytes = zip_with("xl/worksheets/sheet1.xml", b"<worksheet/>");
    declare_size(&mut bytes, 4_000_000_000);
    refused(&bytes, "huge.xlsx", "over 200 MB");
}

#[test]
fn a_zip_declaring_a_small_part_is_still_limited_while_inflating() {
    // The directory says 10 bytes; the part inflates to 5 MB of zeros.
    let mut bytes = zip_with("xl/worksheets/sheet1.xml", &vec![0u8; 5 * 1024 * 1024]);
    declare_size(&mut bytes, 10);
    let findings = open::open(&bytes, "liar.xlsx").expect_err("must be refused");
    assert!(
        findings.iter().all(|f| f.code == Code::Workbook),
        "{findings:#?}"
    );
}

#[test]
fn a_file_over_50_mb_is_refused_before_anything_is_read() {
    let mut bytes = fixture("own-layout.xlsx");
    bytes.resize(open::MAX_FILE_BYTES + 1, 0);
    refused(&bytes, "big.xlsx", "over the limit of 50 MB");
}

/// A minimal OLE2 compound file: the header, then a directory sector holding the root entry and
/// an `EncryptionInfo` stream, as a password-protected Office file holds.
fn ole_with_stream(name: &str) -> Vec<u8> {
    let mut bytes = vec![0u8; 512 * 3];
    bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    bytes[26..28].copy_from_slice(&3u16.to_le_bytes()); // major version 3
    bytes[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes()); // little-endian
    bytes[30..32].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    let entry = |bytes: &mut Vec<u8>, at: usize, name: &str, kind: u8| {
        let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        bytes[at..at + utf16.len()].copy_from_slice(&utf16);
        let length = u16::try_from(utf16.len() + 2).unwrap();
        bytes[at + 64..at + 66].copy_from_slice(&length.to_le_bytes());
        bytes[at + 66] = kind;
    };
    entry(&mut bytes, 512, "Root Entry", 5);
    entry(&mut bytes, 512 + 128, name, 2);
    bytes
}

#[test]
fn a_password_protected_file_is_refused_as_such() {
    refused(
        &ole_with_stream("EncryptionInfo"),
        "locked.xlsx",
        "protected by a password",
    );
    // An OLE2 file without it is taken for an XLS (and this one is then found damaged).
    assert_eq!(
        open::detect(&ole_with_stream("Workbook"), "x.xls"),
        Ok(FileKind::Xls)
    );
    refused(
        &ole_with_stream("Workbook"),
        "x.xls",
        "damaged or is not a workbook",
    );
}

fn csv_rows(bytes: &[u8]) -> Vec<Vec<Cell>> {
    let book = open::open(bytes, "table.csv").expect("the CSV reads");
    assert_eq!(book.sheets.len(), 1);
    assert_eq!(book.sheets[0].name, None);
    book.sheets[0].rows.clone()
}

fn text(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

#[test]
fn a_windows_1252_csv_reads_its_pound_signs() {
    // "£1,234.50" in Windows-1252: £ is byte 0xA3, which alone is not UTF-8.
    let bytes = b"Scheme ID,Amount\r\nP1,\"\xA31,234.50\"\r\n";
    assert_eq!(
        csv_rows(bytes),
        vec![
            vec![text("Scheme ID"), text("Amount")],
            vec![text("P1"), text("£1,234.50")]
        ]
    );
}

#[test]
fn a_utf8_csv_drops_its_byte_order_mark() {
    let bytes = "\u{feff}Scheme ID,Amount\nP1,£12\n".as_bytes();
    assert_eq!(csv_rows(bytes)[0][0], text("Scheme ID"));
    assert_eq!(csv_rows(bytes)[1][1], text("£12"));
}

#[test]
fn a_semicolon_csv_with_quoted_line_breaks_reads_by_records() {
    let bytes = "Better Care Fund 2025-26\n\
                 Scheme ID;Scheme Name;Amount\n\
                 P1;\"Care homes;\nolder people\";\"1.234,5\"\n\
                 P2;\"Say \"\"hello\"\"\";;\n"
        .as_bytes();
    let rows = csv_rows(bytes);
    assert_eq!(rows.len(), 4, "records, not lines: {rows:#?}");
    assert_eq!(rows[0], vec![text("Better Care Fund 2025-26")]);
    assert_eq!(rows[2][1], text("Care homes;\nolder people"));
    assert_eq!(rows[2][2], text("1.234,5"));
    assert_eq!(
        rows[3],
        vec![text("P2"), text("Say \"hello\""), Cell::Empty, Cell::Empty]
    );
}

#[test]
fn a_comma_csv_with_a_semicolon_title_stays_comma_separated() {
    // The first line holding either is the one that decides.
    let rows = csv_rows(b"Scheme ID,Name,Note\nP1,A,\"x;y;z\"\n");
    assert_eq!(rows[1], vec![text("P1"), text("A"), text("x;y;z")]);
}

#[test]
fn an_unclosed_quote_is_reported_at_its_cell() {
    let findings = open::open(b"Scheme ID,Name\nP1,\"Care homes\n", "t.csv").unwrap_err();
    assert_eq!(findings[0].cell.as_deref(), Some("B2"));
}

#[test]
fn more_than_100_000_records_are_refused() {
    let mut csv = String::from("Scheme ID,Amount\n");
    for i in 0..100_000 {
        csv.push_str(&format!("S{i},1\n"));
    }
    refused(csv.as_bytes(), "long.csv", "more than 100,000 rows");
}

// ---- no panics, on a recorded seed ----

/// The seed convention of the workspace's property tests (`pooled-testkit`'s
/// `property_config`, which this crate cannot depend on without a cycle through `pooled-api`):
/// `POOLED_PROPERTY_SEED` (a number, or `random`), else the workspace's default seed, printed so
/// that a failure can be replayed.
fn property_config(cases: u32) -> Config {
    const DEFAULT_PROPERTY_SEED: u64 = 20_251_014;
    let seed = match std::env::var("POOLED_PROPERTY_SEED") {
        Err(_) => DEFAULT_PROPERTY_SEED,
        Ok(text) if text.trim().eq_ignore_ascii_case("random") => {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            h.finish()
        }
        Ok(text) => text
            .trim()
            .parse()
            .expect("POOLED_PROPERTY_SEED: a whole number, or random"),
    };
    eprintln!("POOLED_PROPERTY_SEED={seed}");
    Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

fn fixture_workbooks() -> Vec<Vec<u8>> {
    let mut names: Vec<_> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx" || x == "csv"))
        .collect();
    names.sort();
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// What may be done to a copy of a real workbook.
#[derive(Clone, Debug)]
enum Damage {
    Flip { at: usize, bits: u8 },
    Truncate { keep: usize },
    Overwrite { at: usize, bytes: Vec<u8> },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Damage::Flip { at, bits }),
        any::<usize>().prop_map(|keep| Damage::Truncate { keep }),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..64)
        )
            .prop_map(|(at, bytes)| Damage::Overwrite { at, bytes }),
    ]
}

fn apply(mut bytes: Vec<u8>, damages: &[Damage]) -> Vec<u8> {
    for d in damages {
        if bytes.is_empty() {
            break;
        }
        let len = bytes.len();
        match d {
            Damage::Flip { at, bits } => bytes[at % len] ^= bits,
            Damage::Truncate { keep } => bytes.truncate(keep % len),
            Damage::Overwrite { at, bytes: new } => {
                let start = at % len;
                for (i, b) in new.iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(start + i) {
                        *slot = *b;
                    }
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(property_config(300))]

    #[test]
    fn random_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        name in prop_oneof![Just("f.xlsx"), Just("f.csv"), Just("f.ods"), Just("f")],
    ) {
        let _ = open::open(&bytes, name);
        let _ = pooled_workbook::read(&bytes, name, &ReadOptions::default());
    }

    #[test]
    fn damaged_real_workbooks_never_panic(
        which in any::<usize>(),
        damages in proptest::collection::vec(damage(), 1..4),
    ) {
        let fixtures = fixture_workbooks();
        let original = fixtures[which % fixtures.len()].clone();
        let bytes = apply(original, &damages);
        let _ = open::open(&bytes, "damaged.xlsx");
        let _ = pooled_workbook::read(&bytes, "damaged.xlsx", &ReadOptions::default());
        let _ = pooled_workbook::read(&bytes, "damaged.csv", &ReadOptions::default());
    }
}

fn any_cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        Just(Cell::Empty),
        ".{0,12}".prop_map(Cell::Text),
        prop_oneof![
            Just("Yes"),
            Just("No"),
            Just("P1"),
            Just("county"),
            Just("icb"),
            Just("shared"),
            Just("county: 40%; icb: 60%"),
            Just("county:"),
            Just(":;:"),
            Just("Fixed shares"),
            Just("Agreed amounts"),
            Just("Overspend"),
            Just("Total"),
            Just("(£1,000)"),
            Just("-"),
            Just("2025-04-01"),
            Just("Joint"),
            Just("ICB"),
            Just("iBCF"),
            Just("Other"),
        ]
        .prop_map(|t| Cell::Text(t.to_owned())),
        any::<f64>().prop_map(Cell::Number),
        (-3i32..1_000_000).prop_map(|n| Cell::Number(f64::from(n))),
        any::<bool>().prop_map(Cell::Bool),
        any::<f64>().prop_map(Cell::Date),
        Just(Cell::Error("#REF!".to_owned())),
        Just(Cell::NoCachedValue),
    ]
}

proptest! {
    #![proptest_config(property_config(300))]

    /// Pooled's own workbook with any cells changed to anything: read or refused, never a panic.
    #[test]
    fn own_workbooks_with_any_cells_changed_never_panic(
        edits in proptest::collection::vec((0usize..16, 0usize..12, 0usize..17, any_cell()), 1..12),
    ) {
        static EXAMPLE: std::sync::OnceLock<pooled_workbook::book::Book> = std::sync::OnceLock::new();
        let mut book = EXAMPLE
            .get_or_init(|| open::open(&fixture("own-layout.xlsx"), "own-layout.xlsx").unwrap())
            .clone();
        for (sheet, row, col, cell) in edits {
            let count = book.sheets.len();
            let sheet = &mut book.sheets[sheet % count];
            if sheet.rows.len() <= row {
                sheet.rows.resize(row + 1, Vec::new());
            }
            let cells = &mut sheet.rows[row];
            if cells.len() <= col {
                cells.resize(col + 1, Cell::Empty);
            }
            cells[col] = cell;
        }
        let _ = pooled_workbook::own_layout::read::read(&book);
    }
}
