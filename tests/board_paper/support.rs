//! What the other modules share.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use pooled_core::money::Money;
use pooled_report::{PaperInput, PaperOptions, Units, board_paper, from_plan_bytes};
use serde_json::Value;

/// The worked examples that evaluate (the sixth has errors on purpose).
pub(crate) const EXAMPLES: [&str; 5] = [
    "fixed-50-50",
    "tiered-bands-caps",
    "two-hosts-reserve-caps",
    "own-risk-per-scheme",
    "contracts-and-breach",
];

pub(crate) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn fixture(relative: &str) -> Vec<u8> {
    std::fs::read(root().join("fixtures").join(relative)).unwrap()
}

pub(crate) fn example_plan(name: &str) -> Vec<u8> {
    fixture(&format!("examples/{name}.plan.json"))
}

pub(crate) fn demo_plan() -> Vec<u8> {
    fixture("demo/northbrook-2025-26.plan.json")
}

/// The expected outcome of a worked example, as shipped beside it.
pub(crate) fn expected_outcome(name: &str) -> Value {
    serde_json::from_slice(&fixture(&format!("examples/{name}.outcome.json"))).unwrap()
}

pub(crate) fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 20).unwrap()
}

pub(crate) fn input(plan: &[u8]) -> PaperInput {
    from_plan_bytes(plan, "Test scenario", date()).unwrap()
}

pub(crate) fn paper(plan: &[u8], units: Units) -> Vec<u8> {
    board_paper(&input(plan), &PaperOptions { units }).unwrap()
}

/// A directory of its own under the system temp dir, removed when the test ends.
pub(crate) struct TempDir(PathBuf);

impl TempDir {
    pub(crate) fn new(name: &str) -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("pooled-paper-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub(crate) fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `pdftotext -layout` of PDF bytes.
pub(crate) fn pdftotext(pdf: &[u8]) -> String {
    let dir = TempDir::new("text");
    let file = dir.path("paper.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One page rendered in grey: width, height and one byte per pixel (0 black, 255 white).
pub(crate) struct Raster {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

/// Every page rendered by `pdftoppm -gray` at `dpi`.
pub(crate) fn pdftoppm(pdf: &[u8], dpi: u32) -> Vec<Raster> {
    let dir = TempDir::new("raster");
    let file = dir.path("paper.pdf");
    std::fs::write(&file, pdf).unwrap();
    let status = Command::new("pdftoppm")
        .args(["-gray", "-r", &dpi.to_string()])
        .arg(&file)
        .arg(dir.path("page"))
        .status()
        .expect("pdftoppm runs (install poppler-utils)");
    assert!(status.success());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir.0)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| read_pgm(&std::fs::read(f).unwrap()))
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
        fields.push(std::str::from_utf8(&bytes[start..at]).unwrap().to_owned());
    }
    assert_eq!(fields[0], "P5");
    let width: usize = fields[1].parse().unwrap();
    let height: usize = fields[2].parse().unwrap();
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height);
    Raster {
        width,
        height,
        pixels,
    }
}

/// The demo plan grown to `count` schemes: its schemes repeated with new ids, every stream
/// scaled up so the funding stays within it, and scheme 0 given a name of about 200 characters.
pub(crate) fn large_plan(count: usize) -> Vec<u8> {
    let mut plan: Value = serde_json::from_slice(&demo_plan()).unwrap();
    let originals = plan["schemes"].as_array().unwrap().clone();
    let copies = count.div_ceil(originals.len());
    for stream in plan["streams"].as_array_mut().unwrap() {
        let pence = Money::parse(stream["amount"].as_str().unwrap())
            .unwrap()
            .pence();
        stream["amount"] = Value::String(Money::from_pence(pence * copies as i64).to_plain());
    }
    let mut schemes = Vec::new();
    for i in 0..count {
        let mut scheme = originals[i % originals.len()].clone();
        if i >= originals.len() {
            let id = format!("{}-{}", scheme["id"].as_str().unwrap(), i / originals.len());
            scheme["id"] = Value::String(id);
        }
        schemes.push(scheme);
    }
    schemes[0]["name"] = Value::String(LONG_NAME.to_owned());
    plan["schemes"] = Value::Array(schemes);
    serde_json::to_vec_pretty(&plan).unwrap()
}

pub(crate) const LONG_NAME: &str = "Integrated home care, reablement and discharge-to-assess \
    service for people leaving Northbrook General and Eastmoor Community hospitals, including \
    night sitting, equipment, minor adaptations and carers' breaks (phase two)";

/// Figures in a printed line: `1,234`, `(56)`, `0`.
pub(crate) fn figure(token: &str) -> Option<i64> {
    let (negative, body) = match token.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, token),
    };
    let groups: Vec<&str> = body.split(',').collect();
    let well_formed = !body.is_empty()
        && groups[0].len() <= 3
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3)
        && body.chars().all(|c| c.is_ascii_digit() || c == ',');
    if !well_formed {
        return None;
    }
    let value: i64 = body.replace(',', "").parse().ok()?;
    Some(if negative { -value } else { value })
}
