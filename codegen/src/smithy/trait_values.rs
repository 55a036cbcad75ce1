//! Typed values of the traits the generator reads, parsed from their JSON nodes.
//!
//! Each type's [`TraitValue::parse`] is the one place that decides what a well-formed value
//! is: the loader runs it on each such trait of every shape and member and reports what fails
//! ([`super::trait_check`]), and [`TraitValue::get`] runs it again to hand lowering the
//! typed value, which after a successful load cannot fail.

use std::fmt;

use serde_json::{Map, Value};

use super::ast::Traits;
use super::traits as t;

/// Why a trait value is malformed: where inside the value and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// JSON path suffix inside the trait value (`.min`, `[2].value`), empty for the value itself.
    pub at: String,
    /// What is wrong, e.g. `"min" must be a non-negative integer, found "three"`.
    pub message: String,
}

impl Malformed {
    /// A problem with the whole value.
    pub fn here(message: impl Into<String>) -> Self {
        Malformed {
            at: String::new(),
            message: message.into(),
        }
    }

    /// A problem with the object key `key`.
    fn key(key: &str, expected: &str, found: &Value) -> Self {
        Malformed {
            at: format!(".{key}"),
            message: format!("{key:?} must be {expected}, found {found}"),
        }
    }

    /// The same problem, one level further out (inside element `index` of an array).
    fn in_element(self, index: usize) -> Self {
        Malformed {
            at: format!("[{index}]{}", self.at),
            message: self.message,
        }
    }
}

/// A trait whose value has a fixed shape the generator reads.
pub trait TraitValue: Sized {
    /// The absolute trait id, e.g. `smithy.api#length`.
    const ID: &'static str;

    /// Parses the trait's JSON value.
    fn parse(value: &Value) -> Result<Self, Malformed>;

    /// The trait's typed value among `traits`, if present. The loader has rejected every
    /// malformed value, so for a loaded model `None` means "absent".
    fn get(traits: &Traits) -> Option<Self> {
        Self::parse(traits.get(Self::ID)?).ok()
    }
}

/// `@length`: inclusive bounds on the size of a string, blob, list or map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Length {
    /// Smallest allowed size.
    pub min: Option<u64>,
    /// Largest allowed size.
    pub max: Option<u64>,
}

impl TraitValue for Length {
    const ID: &'static str = t::LENGTH;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        let (min, max) = bounds(value, Value::as_u64, "a non-negative integer")?;
        Ok(Length { min, max })
    }
}

/// `@range`: inclusive bounds on a number.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Range {
    /// Smallest allowed value.
    pub min: Option<f64>,
    /// Largest allowed value.
    pub max: Option<f64>,
}

impl TraitValue for Range {
    const ID: &'static str = t::RANGE;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        let (min, max) = bounds(value, Value::as_f64, "a number")?;
        Ok(Range { min, max })
    }
}

/// `@pattern`: the regular expression a string must match, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern(pub String);

impl TraitValue for Pattern {
    const ID: &'static str = t::PATTERN;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        string(value, "a regular expression (a string)").map(|pattern| Pattern(pattern.to_owned()))
    }
}

/// `@documentation`: CommonMark or HTML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Documentation(pub String);

impl TraitValue for Documentation {
    const ID: &'static str = t::DOCUMENTATION;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        string(value, "a string").map(|text| Documentation(text.to_owned()))
    }
}

/// `@deprecated`: optional message and version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecated {
    /// Why, or what to use instead.
    pub message: Option<String>,
    /// Since when (free text, often a date or version).
    pub since: Option<String>,
}

impl TraitValue for Deprecated {
    const ID: &'static str = t::DEPRECATED;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        let fields = object(value)?;
        Ok(Deprecated {
            message: optional_string(fields, "message")?,
            since: optional_string(fields, "since")?,
        })
    }
}

/// `@error`: who is at fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorFault {
    /// The caller (`"client"`).
    Client,
    /// The service (`"server"`).
    Server,
}

impl TraitValue for ErrorFault {
    const ID: &'static str = t::ERROR;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        match value.as_str() {
            Some("client") => Ok(ErrorFault::Client),
            Some("server") => Ok(ErrorFault::Server),
            _ => Err(Malformed::here(format!(
                "must be \"client\" or \"server\", found {value}"
            ))),
        }
    }
}

/// `@httpError`: the HTTP status code of an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpError(pub u16);

impl TraitValue for HttpError {
    const ID: &'static str = t::HTTP_ERROR;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        value
            .as_u64()
            .filter(|code| (100..=599).contains(code))
            .and_then(|code| u16::try_from(code).ok())
            .map(HttpError)
            .ok_or_else(|| {
                Malformed::here(format!(
                    "must be an HTTP status code (100 to 599), found {value}"
                ))
            })
    }
}

/// `@retryable`: the error may succeed when retried.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retryable {
    /// The error means "slow down".
    pub throttling: bool,
}

impl TraitValue for Retryable {
    const ID: &'static str = t::RETRYABLE;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        Ok(Retryable {
            throttling: optional_bool(object(value)?, "throttling")?,
        })
    }
}

/// `@paginated`: the member names that drive pagination (on an operation or a service).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paginated {
    /// Input member holding the continuation token.
    pub input_token: Option<String>,
    /// Output member path holding the next token.
    pub output_token: Option<String>,
    /// Output member path holding the page's items.
    pub items: Option<String>,
    /// Input member holding the page size.
    pub page_size: Option<String>,
}

impl TraitValue for Paginated {
    const ID: &'static str = t::PAGINATED;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        let fields = object(value)?;
        Ok(Paginated {
            input_token: optional_string(fields, "inputToken")?,
            output_token: optional_string(fields, "outputToken")?,
            items: optional_string(fields, "items")?,
            page_size: optional_string(fields, "pageSize")?,
        })
    }
}

/// `@timestampFormat`: how a timestamp is written on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `date-time` (RFC 3339).
    DateTime,
    /// `epoch-seconds`.
    EpochSeconds,
    /// `http-date` (RFC 7231 IMF-fixdate).
    HttpDate,
}

impl TraitValue for TimestampFormat {
    const ID: &'static str = t::TIMESTAMP_FORMAT;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        match value.as_str() {
            Some("date-time") => Ok(TimestampFormat::DateTime),
            Some("epoch-seconds") => Ok(TimestampFormat::EpochSeconds),
            Some("http-date") => Ok(TimestampFormat::HttpDate),
            _ => Err(Malformed::here(format!(
                "must be \"date-time\", \"epoch-seconds\" or \"http-date\", found {value}"
            ))),
        }
    }
}

/// `@jsonName`: the member's key in JSON documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonName(pub String);

impl TraitValue for JsonName {
    const ID: &'static str = t::JSON_NAME;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        string(value, "a string").map(|name| JsonName(name.to_owned()))
    }
}

/// `@endpoint`: the host prefix template of an operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// E.g. `{Bucket}.`.
    pub host_prefix: String,
}

impl TraitValue for Endpoint {
    const ID: &'static str = t::ENDPOINT;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        let fields = object(value)?;
        match fields.get("hostPrefix") {
            Some(Value::String(prefix)) => Ok(Endpoint {
                host_prefix: prefix.clone(),
            }),
            Some(found) => Err(Malformed::key("hostPrefix", "a string", found)),
            None => Err(Malformed::here("needs \"hostPrefix\"")),
        }
    }
}

/// One entry of the Smithy 1.0 `@enum` trait.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnumEntry {
    /// The wire value.
    pub value: String,
    /// The symbolic name, if given.
    pub name: Option<String>,
    /// Documentation of the value.
    pub documentation: Option<String>,
    /// Whether the value is deprecated.
    pub deprecated: bool,
}

/// `@enum` (Smithy 1.0, on strings): the allowed values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnumDefinition(pub Vec<EnumEntry>);

impl TraitValue for EnumDefinition {
    const ID: &'static str = t::ENUM;

    fn parse(value: &Value) -> Result<Self, Malformed> {
        let Value::Array(entries) = value else {
            return Err(Malformed::here(format!(
                "must be an array of enum definitions, found {value}"
            )));
        };
        if entries.is_empty() {
            return Err(Malformed::here("must list at least one value"));
        }
        let entry = |entry: &Value| -> Result<EnumEntry, Malformed> {
            let fields = object(entry)?;
            let value = match fields.get("value") {
                Some(Value::String(value)) => value.clone(),
                Some(found) => return Err(Malformed::key("value", "a string", found)),
                None => return Err(Malformed::here("needs a \"value\"")),
            };
            match fields.get("tags") {
                None => {}
                Some(Value::Array(tags)) if tags.iter().all(Value::is_string) => {}
                Some(found) => return Err(Malformed::key("tags", "an array of strings", found)),
            }
            Ok(EnumEntry {
                value,
                name: optional_string(fields, "name")?,
                documentation: optional_string(fields, "documentation")?,
                deprecated: optional_bool(fields, "deprecated")?,
            })
        };
        entries
            .iter()
            .enumerate()
            .map(|(index, value)| entry(value).map_err(|problem| problem.in_element(index)))
            .collect::<Result<_, _>>()
            .map(EnumDefinition)
    }
}

/// An annotation trait's value, which must be an (empty) object: `@required`, `@sensitive`, …
pub fn check_annotation(value: &Value) -> Result<(), Malformed> {
    match value {
        Value::Object(_) => Ok(()),
        _ => Err(Malformed::here(format!(
            "is an annotation trait and must be an object ({{}}), found {value}"
        ))),
    }
}

/// The value as an object. Keys the generator does not read are allowed (Smithy only warns
/// about them, and AWS's published models have some, e.g. `maxResults` in `@paginated`).
fn object(value: &Value) -> Result<&Map<String, Value>, Malformed> {
    match value {
        Value::Object(fields) => Ok(fields),
        _ => Err(Malformed::here(format!("must be an object, found {value}"))),
    }
}

/// The `min` and `max` of a bounds trait, each read by `read` (`expected` says what it
/// takes): at least one of them given, and `min` not above `max`.
fn bounds<T: PartialOrd + fmt::Display>(
    value: &Value,
    read: fn(&Value) -> Option<T>,
    expected: &str,
) -> Result<(Option<T>, Option<T>), Malformed> {
    let fields = object(value)?;
    let bound = |key: &str| match fields.get(key) {
        None => Ok(None),
        Some(found) => read(found)
            .map(Some)
            .ok_or_else(|| Malformed::key(key, expected, found)),
    };
    match (bound("min")?, bound("max")?) {
        (Some(min), Some(max)) if min > max => Err(Malformed::here(format!(
            "\"min\" ({min}) is greater than \"max\" ({max})"
        ))),
        (None, None) => Err(Malformed::here("needs \"min\", \"max\" or both")),
        bounds => Ok(bounds),
    }
}

/// An optional boolean field of an object, `false` when absent.
fn optional_bool(fields: &Map<String, Value>, key: &str) -> Result<bool, Malformed> {
    match fields.get(key) {
        None => Ok(false),
        Some(Value::Bool(flag)) => Ok(*flag),
        Some(found) => Err(Malformed::key(key, "a boolean", found)),
    }
}

/// The value as a string, or what was expected instead.
fn string<'a>(value: &'a Value, expected: &str) -> Result<&'a str, Malformed> {
    value
        .as_str()
        .ok_or_else(|| Malformed::here(format!("must be {expected}, found {value}")))
}

/// An optional string field of an object.
fn optional_string(fields: &Map<String, Value>, key: &str) -> Result<Option<String>, Malformed> {
    match fields.get(key) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(found) => Err(Malformed::key(key, "a string", found)),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn problem<T: TraitValue + fmt::Debug>(value: Value) -> String {
        let problem = T::parse(&value).expect_err("malformed");
        format!("{}: {}", problem.at, problem.message)
    }

    #[test]
    fn bounds_are_typed_ordered_and_present() {
        assert_eq!(
            Length::parse(&json!({"min": 1, "max": 3})),
            Ok(Length {
                min: Some(1),
                max: Some(3)
            })
        );
        assert_eq!(
            problem::<Length>(json!({"min": -1})),
            ".min: \"min\" must be a non-negative integer, found -1"
        );
        assert_eq!(
            problem::<Length>(json!({"max": 1.5})),
            ".max: \"max\" must be a non-negative integer, found 1.5"
        );
        assert_eq!(
            problem::<Length>(json!({})),
            ": needs \"min\", \"max\" or both"
        );
        assert_eq!(
            problem::<Range>(json!({"max": "ten"})),
            ".max: \"max\" must be a number, found \"ten\""
        );
        assert_eq!(
            problem::<Range>(json!({"min": 2.5, "max": -1})),
            ": \"min\" (2.5) is greater than \"max\" (-1)"
        );
        assert_eq!(problem::<Range>(json!(5)), ": must be an object, found 5");
    }

    #[test]
    fn enum_entries_name_the_bad_element() {
        assert_eq!(
            problem::<EnumDefinition>(json!([{"value": "a"}, {"value": "b", "deprecated": "yes"}])),
            "[1].deprecated: \"deprecated\" must be a boolean, found \"yes\""
        );
        assert_eq!(
            problem::<EnumDefinition>(json!([])),
            ": must list at least one value"
        );
    }
}
