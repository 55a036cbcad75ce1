//! Serde helpers for `timestamp` members carrying a `@timestampFormat` trait.
//!
//! Each format module works with `#[serde(with = "…")]` on a [`DateTime`] field;
//! its `option` submodule does the same for `Option<DateTime>` fields (pair it
//! with `#[serde(default, skip_serializing_if = "Option::is_none")]`):
//!
//! ```ignore
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Example {
//!     #[serde(with = "smithy_lean_runtime::timestamp::date_time")]
//!     created: DateTime,
//!     #[serde(
//!         with = "smithy_lean_runtime::timestamp::http_date::option",
//!         default,
//!         skip_serializing_if = "Option::is_none"
//!     )]
//!     modified: Option<DateTime>,
//! }
//! ```
//!
//! Members without the trait need no helper: [`DateTime`]'s own serde impls
//! use awsJson's default, epoch seconds as a JSON number.

use std::fmt;

use serde::de::{Deserializer, Visitor};
use serde::ser::{Error as _, Serializer};

use crate::datetime::{DateTime, DateTimeError, EpochSecondsVisitor};

/// `@timestampFormat("date-time")`: an RFC 3339 string such as `2023-11-14T22:13:20Z`.
pub mod date_time {
    use super::*;

    /// Serializes as an RFC 3339 string (UTC, up to microsecond precision).
    pub fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_text(value, serializer, DateTime::to_rfc3339)
    }

    /// Deserializes from an RFC 3339 string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserializer.deserialize_str(VISITOR)
    }

    const VISITOR: TextVisitor = TextVisitor {
        expecting: "an RFC 3339 date-time string",
        parse: DateTime::parse_rfc3339,
    };

    /// The same format for `Option<DateTime>` fields.
    pub mod option {
        use super::*;

        /// Serializes `Some` as an RFC 3339 string and `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<DateTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serialize_option(value, serializer, super::serialize)
        }

        /// Deserializes `null` as `None`, otherwise an RFC 3339 string.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime>, D::Error> {
            deserializer.deserialize_option(OptionVisitor(VISITOR))
        }
    }
}

/// `@timestampFormat("http-date")`: an IMF-fixdate string such as
/// `Tue, 14 Nov 2023 22:13:20 GMT`.
pub mod http_date {
    use super::*;

    /// Serializes as an HTTP date (whole seconds).
    pub fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_text(value, serializer, DateTime::to_http_date)
    }

    /// Deserializes from an HTTP date string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserializer.deserialize_str(VISITOR)
    }

    const VISITOR: TextVisitor = TextVisitor {
        expecting: "an HTTP date string",
        parse: DateTime::parse_http_date,
    };

    /// The same format for `Option<DateTime>` fields.
    pub mod option {
        use super::*;

        /// Serializes `Some` as an HTTP date and `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<DateTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serialize_option(value, serializer, super::serialize)
        }

        /// Deserializes `null` as `None`, otherwise an HTTP date string.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime>, D::Error> {
            deserializer.deserialize_option(OptionVisitor(VISITOR))
        }
    }
}

/// `@timestampFormat("epoch-seconds")`: a JSON number of seconds since the
/// epoch (the same as [`DateTime`]'s own serde impls).
pub mod epoch_seconds {
    use super::*;

    /// Serializes as a JSON number (integer when there is no sub-second part).
    pub fn serialize<S: Serializer>(value: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(value, serializer)
    }

    /// Deserializes from a JSON number, integer or fractional.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserializer.deserialize_any(VISITOR)
    }

    const VISITOR: EpochSecondsVisitor = EpochSecondsVisitor;

    /// The same format for `Option<DateTime>` fields.
    pub mod option {
        use super::*;

        /// Serializes `Some` as a JSON number and `None` as `null`.
        pub fn serialize<S: Serializer>(
            value: &Option<DateTime>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            serialize_option(value, serializer, super::serialize)
        }

        /// Deserializes `null` as `None`, otherwise a JSON number.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<DateTime>, D::Error> {
            deserializer.deserialize_option(OptionVisitor(VISITOR))
        }
    }
}

/// Writes `value` as a string in the text format `format` prints.
fn serialize_text<S: Serializer>(
    value: &DateTime,
    serializer: S,
    format: fn(&DateTime) -> Result<String, DateTimeError>,
) -> Result<S::Ok, S::Error> {
    let text = format(value).map_err(S::Error::custom)?;
    serializer.serialize_str(&text)
}

/// Writes `Some` with `serialize_some` and `None` as `null`: the `option` modules' serializer.
fn serialize_option<S, F>(
    value: &Option<DateTime>,
    serializer: S,
    serialize_some: F,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    F: FnOnce(&DateTime, S) -> Result<S::Ok, S::Error>,
{
    match value {
        Some(value) => serialize_some(value, serializer),
        None => serializer.serialize_none(),
    }
}

/// Reads a string and parses it with one of [`DateTime`]'s text parsers.
struct TextVisitor {
    expecting: &'static str,
    parse: fn(&str) -> Result<DateTime, DateTimeError>,
}

impl Visitor<'_> for TextVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<DateTime, E> {
        (self.parse)(v).map_err(E::custom)
    }
}

/// Maps `null` to `None` and anything else through the wrapped visitor.
struct OptionVisitor<V>(V);

impl<'de, V: Visitor<'de, Value = DateTime>> Visitor<'de> for OptionVisitor<V> {
    type Value = Option<DateTime>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(" or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self.0).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::DateTime;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Formats {
        #[serde(with = "crate::timestamp::date_time")]
        rfc: DateTime,
        #[serde(with = "crate::timestamp::http_date")]
        http: DateTime,
        #[serde(with = "crate::timestamp::epoch_seconds")]
        epoch: DateTime,
        #[serde(
            with = "crate::timestamp::date_time::option",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        rfc_opt: Option<DateTime>,
        #[serde(
            with = "crate::timestamp::http_date::option",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        http_opt: Option<DateTime>,
        #[serde(
            with = "crate::timestamp::epoch_seconds::option",
            default,
            skip_serializing_if = "Option::is_none"
        )]
        epoch_opt: Option<DateTime>,
    }

    fn sample() -> Formats {
        let t = DateTime::from_secs(1_700_000_000);
        Formats {
            rfc: DateTime::from_secs_and_nanos(1_700_000_000, 5_000_000),
            http: t,
            epoch: DateTime::from_secs_and_nanos(1_700_000_000, 500_000_000),
            rfc_opt: Some(t),
            http_opt: Some(t),
            epoch_opt: Some(t),
        }
    }

    #[test]
    fn round_trips_every_format() {
        let text = serde_json::to_string(&sample()).unwrap();
        assert_eq!(
            text,
            r#"{"rfc":"2023-11-14T22:13:20.005Z","http":"Tue, 14 Nov 2023 22:13:20 GMT","epoch":1700000000.5,"rfc_opt":"2023-11-14T22:13:20Z","http_opt":"Tue, 14 Nov 2023 22:13:20 GMT","epoch_opt":1700000000}"#
        );
        assert_eq!(serde_json::from_str::<Formats>(&text).unwrap(), sample());
    }

    #[test]
    fn options_accept_missing_and_null() {
        let text = r#"{"rfc":"2023-11-14T22:13:20Z","http":"Tue, 14 Nov 2023 22:13:20 GMT","epoch":1,"rfc_opt":null,"http_opt":null}"#;
        let parsed: Formats = serde_json::from_str(text).unwrap();
        assert_eq!(
            (parsed.rfc_opt, parsed.http_opt, parsed.epoch_opt),
            (None, None, None)
        );
        let none = Formats {
            rfc_opt: None,
            http_opt: None,
            epoch_opt: None,
            ..sample()
        };
        assert!(!serde_json::to_string(&none).unwrap().contains("_opt"));
    }

    #[test]
    fn wrong_shapes_are_errors() {
        let base = r#""http":"Tue, 14 Nov 2023 22:13:20 GMT","epoch":1"#;
        for rfc in [r#""not a date""#, "1700000000", r#""2023-11-14""#, "true"] {
            let text = format!(r#"{{"rfc":{rfc},{base}}}"#);
            assert!(serde_json::from_str::<Formats>(&text).is_err(), "{text}");
        }
        let text =
            r#"{"rfc":"2023-11-14T22:13:20Z","http":"Tue, 14 Nov 2023 22:13:20 GMT","epoch":"1"}"#;
        assert!(serde_json::from_str::<Formats>(text).is_err());
        let text = r#"{"rfc":"2023-11-14T22:13:20Z","http":"Tue, 14 Nov 2023 22:13:20 GMT","epoch":1,"rfc_opt":5}"#;
        assert!(serde_json::from_str::<Formats>(text).is_err());
    }

    #[test]
    fn unformattable_dates_fail_to_serialize() {
        let far = Formats {
            rfc: DateTime::from_secs(i64::MAX),
            ..sample()
        };
        assert!(serde_json::to_string(&far).is_err());
    }
}
