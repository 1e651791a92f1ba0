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
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
