//! SHA-256 of canonical JSON: the same document always gives the same text, so the same hash.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The canonical text of a value: compact JSON in the value's own fixed field order.
pub fn canonical_json<T: Serialize>(value: &T) -> String {
    // Plan and outcome types serialise to plain JSON and cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// The SHA-256 of `text`, as 64 lower-case hex digits.
pub fn sha256_hex(text: &str) -> String {
    sha256_hex_bytes(text.as_bytes())
}

/// The SHA-256 of a file's bytes, as 64 lower-case hex digits (an imported workbook's, say).
pub fn sha256_hex_bytes(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The SHA-256 of a value's compact JSON, as hex: the same as `sha256_hex` of its
/// `serde_json::to_string`, without building the string.
pub fn sha256_hex_of_json<T: Serialize>(value: &T) -> String {
    let mut hasher = HashWriter(Sha256::new());
    // Writing into a hasher cannot fail, and the values hashed are plain JSON.
    let _ = serde_json::to_writer(&mut hasher, value);
    hex(&hasher.0.finalize())
}

/// Lower-case hex digits of bytes. Verifying a large audit trail hashes millions of entries,
/// so this avoids a `format!` per byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0x0f)] as char);
    }
    out
}

/// Feeds what serde_json writes straight into a hasher.
struct HashWriter(Sha256);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashing_json_as_it_is_written_equals_hashing_its_text() {
        let value = serde_json::json!(["a\"b", 3, null, {"k": "£1.00"}]);
        assert_eq!(
            sha256_hex_of_json(&value),
            sha256_hex(&serde_json::to_string(&value).unwrap())
        );
    }

    #[test]
    fn known_digests() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
