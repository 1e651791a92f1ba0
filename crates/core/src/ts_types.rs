//! How the core's own string-like types appear in the window's TypeScript (see
//! `pooled_api::typescript`): amounts travel as exact text, never as JavaScript numbers.

use ts_rs::{TS, TypeVisitor};

use crate::money::Money;
use crate::plan::entries::Entries;
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
