//! TypeScript declarations for everything the desktop app exchanges with the core, generated from
//! the Rust types with ts-rs so they are never written twice. `tests/typescript_bindings.rs`
//! fails when `ui/src/lib/generated/` is stale; `UPDATE_BINDINGS=1` rewrites it.

use std::path::Path;

use ts_rs::{Dependency, TS, TypeVisitor};

use crate::money::Money;
use crate::plan::entries::Entries;
use crate::plan::kinds::{
    AreaOfSpend, PartnerKind, ProviderKind, RuleMethod, SchemeType, StreamKind,
};
use crate::plan::number_text::NumberText;

/// Implements `TS` for a type written as a JSON string.
macro_rules! as_string {
    ($($ty:ty),+) => {$(
        impl TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name() -> String {
                "string".to_owned()
            }
            fn inline() -> String {
                Self::name()
            }
            fn inline_flattened() -> String {
                panic!("a string cannot be flattened")
            }
            fn decl() -> String {
                panic!("a string cannot be declared")
            }
            fn decl_concrete() -> String {
                panic!("a string cannot be declared")
            }
        }
    )+};
}

// Amounts travel as exact text ("1234.50"), never as JavaScript numbers.
as_string!(Money, NumberText);

/// An object keyed by id, in document order.
impl<T: TS> TS for Entries<T> {
    type WithoutGenerics = Entries<ts_rs::Dummy>;
    type OptionInnerType = Self;
    fn ident() -> String {
        panic!("Entries has no name of its own")
    }
    fn name() -> String {
        format!("{{ [key in string]?: {} }}", T::name())
    }
    fn inline() -> String {
        format!("{{ [key in string]?: {} }}", T::inline())
    }
    fn visit_dependencies(v: &mut impl TypeVisitor)
    where
        Self: 'static,
    {
        T::visit_dependencies(v);
    }
    fn visit_generics(v: &mut impl TypeVisitor)
    where
        Self: 'static,
    {
        T::visit_generics(v);
        v.visit::<T>();
    }
    fn inline_flattened() -> String {
        panic!("Entries cannot be flattened")
    }
    fn decl() -> String {
        panic!("Entries cannot be declared")
    }
    fn decl_concrete() -> String {
        panic!("Entries cannot be declared")
    }
}

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
