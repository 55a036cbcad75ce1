//! The trait impls every generated enum shares, written once as macros so each enum in
//! `types.rs` carries only what is specific to it (its variants and their wire values).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// Implements `From<String>`, `FromStr`, `AsRef<str>`, `Display`, `Default` (the empty
/// value), `Serialize` and `Deserialize` (as the wire string) for a generated string enum
/// that has `as_str()` and `From<&str>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_impls {
    ($name:ident) => {
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// The empty value: what a missing required member decodes to.
        impl ::std::default::Default for $name {
            fn default() -> Self {
                Self::from("")
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::__private::deserialize_str(deserializer)
            }
        }
    };
}

/// Implements `Default` (the value 0), `Display`, `Serialize` and `Deserialize` (as the wire
/// integer) for a generated integer enum that has `value()` and `From<i32>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __int_enum_impls {
    ($name:ident) => {
        /// The value 0: what a missing required member decodes to.
        impl ::std::default::Default for $name {
            fn default() -> Self {
                Self::from(0)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i32 as $crate::__private::serde::Deserialize>::deserialize(deserializer)
                    .map(Self::from)
            }
        }
    };
}

/// Deserializes a string enum from a JSON string without allocating for known values.
pub fn deserialize_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::deserialize_str;

    #[derive(Debug, PartialEq)]
    struct Wire(String);

    impl From<&str> for Wire {
        fn from(value: &str) -> Self {
            Wire(value.to_owned())
        }
    }

    #[test]
    fn decodes_strings_and_rejects_other_json() {
        let mut json = serde_json::Deserializer::from_str("\"ACTIVE\"");
        assert_eq!(
            deserialize_str::<_, Wire>(&mut json).unwrap(),
            Wire("ACTIVE".into())
        );
        let mut json = serde_json::Deserializer::from_str("\"esc\\u0061ped\"");
        assert_eq!(
            deserialize_str::<_, Wire>(&mut json).unwrap(),
            Wire("escaped".into())
        );
        let mut json = serde_json::Deserializer::from_str("42");
        assert!(deserialize_str::<_, Wire>(&mut json).is_err());
    }
}
