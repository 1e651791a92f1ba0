//! Plan objects must be JSON objects. Serde's derived structs also accept an array of their
//! fields in order (`["la", "Council", "council"]`), which the spec treats as a wrong type. So
//! each struct derives with `#[serde(remote = "Self")]`, which turns the derived code into
//! inherent functions, and [`objects_only!`] supplies the trait impls, reading through
//! `deserialize_map` so that anything but an object is refused.

/// Implements `Serialize` and object-only `Deserialize` for structs derived with
/// `#[serde(remote = "Self")]`.
macro_rules! objects_only {
    ($($ty:ident),+ $(,)?) => {$(
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $ty::serialize(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor;
                impl<'de> serde::de::Visitor<'de> for ObjectVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("an object with named fields")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $ty::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                deserializer.deserialize_map(ObjectVisitor)
            }
        }
    )+};
}

pub(crate) use objects_only;
