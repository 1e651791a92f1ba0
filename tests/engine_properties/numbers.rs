//! Writing JSON with exact number tokens: [`raw`] markers, [`to_text`], and the money and weight
//! texts a plan uses.

use pooled_core::money::Money;
use serde_json::Value;

const RAW_OPEN: &str = "\"@@RAW:";
const RAW_CLOSE: &str = "@@\"";

/// A JSON number written exactly as `token` (serde_json's own numbers would go through `f64`).
/// It is a marked string until [`to_text`] replaces it by the bare token.
pub(crate) fn raw(token: &str) -> Value {
    Value::String(format!("@@RAW:{token}@@"))
}

/// The JSON text of `value`, with every [`raw`] marker replaced by its bare token.
pub(crate) fn to_text(value: &Value) -> String {
    let marked = serde_json::to_string_pretty(value).expect("a Value always serialises");
    let mut out = String::with_capacity(marked.len());
    let mut rest = marked.as_str();
    while let Some(open) = rest.find(RAW_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + RAW_OPEN.len()..];
        let close = after.find(RAW_CLOSE).expect("a raw marker is closed");
        out.push_str(&after[..close]);
        rest = &after[close + RAW_CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

/// `12345` pence → `123.45`; `trimmed` drops trailing zero decimals (`120.00` → `120`).
pub(crate) fn money_text(pence: i64, trimmed: bool) -> String {
    let text = Money::from_pence(pence).to_plain();
    if !trimmed {
        return text;
    }
    let text = text.trim_end_matches('0');
    text.strip_suffix('.').unwrap_or(text).to_owned()
}

/// Millionths → the shortest exact decimal: `33333333` → `33.333333`, `50000000` → `50`.
pub(crate) fn weight_text(millionths: i64) -> String {
    let whole = millionths / 1_000_000;
    let fraction = millionths % 1_000_000;
    if fraction == 0 {
        whole.to_string()
    } else {
        let digits = format!("{fraction:06}");
        format!("{whole}.{}", digits.trim_end_matches('0'))
    }
}
