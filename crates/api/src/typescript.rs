//! TypeScript declarations for everything the desktop app exchanges with the core, generated from
//! the Rust types with ts-rs so they are never written twice. `tests/typescript_bindings.rs`
//! fails when `ui/src/lib/generated/` is stale; `UPDATE_BINDINGS=1` rewrites it.

use std::path::Path;

use pooled_core::plan::kinds::{
    AreaOfSpend, PartnerKind, ProviderKind, RuleMethod, SchemeType, StreamKind,
};
use ts_rs::{Dependency, TS};

/// Writes the declaration of `T` and everything it uses into `dir`.
pub fn export<T: TS + 'static + ?Sized>(dir: &Path) -> Result<(), ts_rs::ExportError> {
    T::export_all_to(dir)
}

/// The names of the dependencies of `T`, for checking that nothing is left out.
pub fn dependencies<T: TS + 'static + ?Sized>() -> Vec<Dependency> {
    T::dependencies()
}

/// `labels.ts`: the words people read for each value of the closed lists, taken from the Rust
/// lists so the app and the board paper always agree.
pub fn labels_module() -> String {
    fn table<K: serde::Serialize + Copy>(
        name: &str,
        all: &[K],
        label: fn(K) -> &'static str,
    ) -> String {
        let rows: Vec<String> = all
            .iter()
            .map(|k| {
                let key = serde_json::to_value(k).unwrap_or_default();
                format!("  {}: {},", key, serde_json::Value::from(label(*k)))
            })
            .collect();
        format!(
            "export const {name} = {{\n{}\n}} as const;\n",
            rows.join("\n")
        )
    }
    [
        "// Generated from src/plan/kinds.rs by tests/typescript_bindings.rs. Do not edit.\n"
            .to_owned(),
        table("PARTNER_KIND_LABELS", PartnerKind::ALL, PartnerKind::label),
        table("STREAM_KIND_LABELS", StreamKind::ALL, StreamKind::label),
        table("SCHEME_TYPE_LABELS", SchemeType::ALL, SchemeType::label),
        table("AREA_OF_SPEND_LABELS", AreaOfSpend::ALL, AreaOfSpend::label),
        table(
            "PROVIDER_KIND_LABELS",
            ProviderKind::ALL,
            ProviderKind::label,
        ),
        table("RULE_METHOD_LABELS", RuleMethod::ALL, RuleMethod::label),
    ]
    .join("\n")
}
