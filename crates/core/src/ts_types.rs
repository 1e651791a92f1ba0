//! How the core's own string-like types appear in the window's TypeScript (see
//! `pooled_api::typescript`): amounts travel as exact text, never as JavaScript numbers.

use ts_rs::{TS, TypeVisitor};

use crate::money::Money;
use crate::outcome::PartnerAmounts;
use crate::plan::entries::Entries;
use crate::plan::number_text::NumberText;

/// Implements `TS` for a type serialised by hand, as the TypeScript type given. Such a type is
/// only ever used inline: ts-rs never asks to declare or flatten it.
macro_rules! written_as {
    ($($ty:ty => $ts:literal),+ $(,)?) => {$(
        impl TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name() -> String {
                $ts.to_owned()
            }
            fn inline() -> String {
                Self::name()
            }
            fn inline_flattened() -> String {
                panic!("{} cannot be flattened", $ts)
            }
            fn decl() -> String {
                panic!("{} cannot be declared", $ts)
            }
            fn decl_concrete() -> String {
                panic!("{} cannot be declared", $ts)
            }
        }
    )+};
}

// Amounts travel as exact text ("1234.50"), never as JavaScript numbers.
written_as!(
    Money => "string",
    NumberText => "string",
    PartnerAmounts => "{ [key in string]?: string }",
);

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
