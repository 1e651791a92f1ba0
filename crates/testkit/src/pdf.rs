//! A board paper as a reader meets it: through poppler-utils' `pdftotext`, `pdftoppm`,
//! `pdfinfo` and `pdffonts` (install poppler-utils).

use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

use crate::TempDir;

/// What `tool ARGS paper.pdf AFTER` prints, run on PDF bytes written to `dir/paper.pdf`.
fn run(dir: &TempDir, tool: &str, args: &[&str], pdf: &[u8], after: &[&OsStr]) -> Vec<u8> {
    let file = dir.path("paper.pdf");
    std::fs::write(&file, pdf).expect("a PDF file written");
    let out = Command::new(tool)
        .args(args)
        .arg(&file)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// What `pdfinfo`, `pdffonts` (or any poppler tool taking just the file) prints.
pub fn poppler(tool: &str, pdf: &[u8]) -> String {
    let dir = TempDir::new(tool);
    String::from_utf8_lossy(&run(&dir, tool, &[], pdf, &[])).into_owned()
}

/// `pdftotext -layout` of PDF bytes: pages are separated by form feeds.
pub fn pdftotext(pdf: &[u8]) -> String {
    let dir = TempDir::new("pdftotext");
    let args = ["-layout", "-enc", "UTF-8"];
    let text = run(&dir, "pdftotext", &args, pdf, &[OsStr::new("-")]);
    String::from_utf8(text).expect("pdftotext writes UTF-8")
}

/// The pages of `pdftotext` output that have anything on them.
pub fn pages(text: &str) -> Vec<&str> {
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect()
}

/// Text with every run of white space made one space, for phrases that may wrap.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One page rendered in grey: width, height and one byte per pixel (0 black, 255 white).
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

/// Every page rendered by `pdftoppm -gray` at `dpi`.
pub fn pdftoppm(pdf: &[u8], dpi: u32) -> Vec<Raster> {
    let dir = TempDir::new("pdftoppm");
    let prefix = dir.path("page");
    run(
        &dir,
        "pdftoppm",
        &["-gray", "-r", &dpi.to_string()],
        pdf,
        &[prefix.as_os_str()],
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.root())
        .expect("the pages' folder")
        .map(|e| e.expect("a page").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| read_pgm(&std::fs::read(f).expect("a page")))
        .collect()
}

/// A binary PGM (P5) with an 8-bit maximum.
fn read_pgm(bytes: &[u8]) -> Raster {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let width: usize = fields[1].parse().expect("a width");
    let height: usize = fields[2].parse().expect("a height");
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    Raster {
        width,
        height,
        pixels,
    }
}
