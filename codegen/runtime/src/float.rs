//! Serde helpers for `float` and `double` members: awsJson sends the values JSON numbers
//! cannot hold as the strings `"NaN"`, `"Infinity"` and `"-Infinity"`.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

/// A float type on the wire: `f32` or `f64`.
pub trait WireFloat: Copy {
    /// Serializes a finite value as a JSON number.
    fn serialize_finite<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error>;
    /// The value as `f64`, to classify it.
    fn widen(self) -> f64;
    /// The value nearest to `value`.
    fn narrow(value: f64) -> Self;
}

impl WireFloat for f32 {
    fn serialize_finite<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f32(self)
    }
    fn widen(self) -> f64 {
        f64::from(self)
    }
    fn narrow(value: f64) -> Self {
        value as f32
    }
}

impl WireFloat for f64 {
    fn serialize_finite<S: Serializer>(self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self)
    }
    fn widen(self) -> f64 {
        self
    }
    fn narrow(value: f64) -> Self {
        value
    }
}

/// Serializes a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub fn serialize<T: WireFloat, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let wide = value.widen();
    if wide.is_nan() {
        serializer.serialize_str("NaN")
    } else if wide == f64::INFINITY {
        serializer.serialize_str("Infinity")
    } else if wide == f64::NEG_INFINITY {
        serializer.serialize_str("-Infinity")
    } else {
        value.serialize_finite(serializer)
    }
}

/// Deserializes a number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
pub fn deserialize<'de, T: WireFloat, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(FloatVisitor).map(T::narrow)
}

/// Accepts a JSON number or one of the three special strings.
struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a number, \"NaN\", \"Infinity\" or \"-Infinity\"")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<f64, E> {
        match value {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
        }
    }
}

/// The same for optional members: `None` is `null`.
pub mod option {
    use super::*;

    /// Serializes `Some` like [`super::serialize`] and `None` as `null`.
    pub fn serialize<T: WireFloat, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => super::serialize(v, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Deserializes `null` as `None`, otherwise like [`super::deserialize`].
    pub fn deserialize<'de, T: WireFloat, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(OptionVisitor(std::marker::PhantomData))
    }

    /// `null` or a float.
    struct OptionVisitor<T>(std::marker::PhantomData<T>);

    impl<'de, T: WireFloat> Visitor<'de> for OptionVisitor<T> {
        type Value = Option<T>;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("null or a float")
        }

        fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
            super::deserialize(deserializer).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, Debug)]
    struct Floats {
        #[serde(with = "super")]
        single: f32,
        #[serde(with = "super::option", default)]
        double: Option<f64>,
    }

    #[test]
    fn special_values_travel_as_strings() {
        let json = serde_json::to_string(&Floats {
            single: f32::NEG_INFINITY,
            double: Some(f64::NAN),
        })
        .unwrap();
        assert_eq!(json, r#"{"single":"-Infinity","double":"NaN"}"#);
        let back: Floats =
            serde_json::from_str(r#"{"single":"Infinity","double":"-Infinity"}"#).unwrap();
        assert_eq!(back.single, f32::INFINITY);
        assert_eq!(back.double, Some(f64::NEG_INFINITY));
    }

    #[test]
    fn finite_values_stay_numbers() {
        let json = serde_json::to_string(&Floats {
            single: 1.5,
            double: None,
        })
        .unwrap();
        assert_eq!(json, r#"{"single":1.5,"double":null}"#);
        let back: Floats = serde_json::from_str(r#"{"single":2,"double":null}"#).unwrap();
        assert_eq!(back.single, 2.0);
        assert_eq!(back.double, None);
    }

    #[test]
    fn other_strings_are_rejected() {
        assert!(serde_json::from_str::<Floats>(r#"{"single":"nan"}"#).is_err());
    }
}
