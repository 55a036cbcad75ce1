//! Load-time check of every trait the generator reads: each value must parse into its
//! typed form ([`super::trait_values`]), and a `@default` must fit the type it defaults.
//! Every malformed trait in the model is reported, each naming the shape or member, the
//! JSON path of the bad value and what is wrong. Traits the generator does not read are
//! kept as they are, unchecked.

use base64::Engine;
use base64::prelude::BASE64_STANDARD;
use serde_json::Value;

use super::ast::{Member, MemberOf, Model, Shape, Traits};
use super::trait_values::{
    Deprecated, Documentation, Endpoint, EnumDefinition, ErrorFault, HttpError, JsonName, Length,
    Malformed, Paginated, Pattern, Range, Retryable, TimestampFormat, TraitValue, check_annotation,
};
use super::traits as t;
use crate::diagnostic::{Diagnostic, Diagnostics, shape_path};

/// Traits whose value carries no data and must be an object (`{}` in the JSON AST).
const ANNOTATIONS: &[&str] = &[
    t::REQUIRED,
    t::CLIENT_OPTIONAL,
    t::SENSITIVE,
    t::IDEMPOTENCY_TOKEN,
    t::SPARSE,
    t::INPUT,
    t::OUTPUT,
    t::STREAMING,
];

/// Checks every trait of every shape and member; all problems are reported together.
pub fn check(model: &Model) -> Result<(), Diagnostics> {
    let mut problems = Vec::new();
    for (id, shape) in &model.shapes {
        let owner = Owner {
            shape_id: id,
            member: None,
            default_of: Some(shape),
            enum_kind: None,
        };
        owner.check(shape.traits(), &mut problems);
        for (which, member) in members(shape) {
            let owner = Owner {
                shape_id: id,
                member: Some(which),
                default_of: model.shapes.get(&member.target),
                enum_kind: matches!(shape, Shape::Enum(_) | Shape::IntEnum(_)).then_some(shape),
            };
            owner.check(&member.traits, &mut problems);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.sort();
        Err(Diagnostics(problems))
    }
}

/// A shape's members.
fn members(shape: &Shape) -> Vec<(MemberOf<'_>, &Member)> {
    match shape {
        Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => a
            .members
            .0
            .iter()
            .map(|(name, member)| (MemberOf::Named(name), member))
            .collect(),
        Shape::List(list) | Shape::Set(list) => vec![(MemberOf::Fixed("member"), &list.member)],
        Shape::Map(map) => vec![
            (MemberOf::Fixed("key"), &map.key),
            (MemberOf::Fixed("value"), &map.value),
        ],
        _ => Vec::new(),
    }
}

/// A shape or member whose traits are checked.
struct Owner<'a> {
    /// The shape's id.
    shape_id: &'a str,
    /// The member, when the traits are a member's.
    member: Option<MemberOf<'a>>,
    /// The shape whose type a `@default` here must fit (the member's target).
    default_of: Option<&'a Shape>,
    /// The enum or intEnum this is a member of, which decides the type of `@enumValue`.
    enum_kind: Option<&'a Shape>,
}

impl Owner<'_> {
    fn check(&self, traits: &Traits, problems: &mut Vec<Diagnostic>) {
        for (trait_id, value) in traits {
            let Some(Err(problem)) = self.check_one(trait_id, value) else {
                continue;
            };
            let (id, path) = self.id_and_path();
            problems.push(Diagnostic::at_shape(
                &id,
                format!("{path}.traits[\"{trait_id}\"]{}", problem.at),
                format!("trait {trait_id}: {}", problem.message),
            ));
        }
    }

    /// The owner's id (with `$member` for a member) and JSON path, for a problem found
    /// (formatted only then: nearly every trait is fine).
    fn id_and_path(&self) -> (String, String) {
        match self.member {
            None => (self.shape_id.to_owned(), shape_path(self.shape_id)),
            Some(member) => (member.id(self.shape_id), member.path(self.shape_id)),
        }
    }

    /// The check of one trait, `None` for traits the generator does not read.
    fn check_one(&self, trait_id: &str, value: &Value) -> Option<Result<(), Malformed>> {
        fn typed<T: TraitValue>(value: &Value) -> Result<(), Malformed> {
            T::parse(value).map(drop)
        }
        let result = match trait_id {
            Length::ID => typed::<Length>(value),
            Range::ID => typed::<Range>(value),
            Pattern::ID => typed::<Pattern>(value),
            Documentation::ID => typed::<Documentation>(value),
            Deprecated::ID => typed::<Deprecated>(value),
            ErrorFault::ID => typed::<ErrorFault>(value),
            HttpError::ID => typed::<HttpError>(value),
            Retryable::ID => typed::<Retryable>(value),
            Paginated::ID => typed::<Paginated>(value),
            TimestampFormat::ID => typed::<TimestampFormat>(value),
            JsonName::ID => typed::<JsonName>(value),
            Endpoint::ID => typed::<Endpoint>(value),
            EnumDefinition::ID => typed::<EnumDefinition>(value),
            t::DEFAULT => self
                .default_of
                .and_then(|target| default_problem(target, value))
                .map_or(Ok(()), |message| Err(Malformed::here(message))),
            t::ENUM_VALUE => enum_value(self.enum_kind?, value),
            id if ANNOTATIONS.contains(&id) => check_annotation(value),
            _ => return None,
        };
        Some(result)
    }
}

/// An `@enumValue` is a string in an enum and an integer in an intEnum.
fn enum_value(enum_shape: &Shape, value: &Value) -> Result<(), Malformed> {
    let (fits, expected) = match enum_shape {
        Shape::IntEnum(_) => (value.is_i64(), "an integer in an intEnum"),
        _ => (value.is_string(), "a string in an enum"),
    };
    if fits {
        Ok(())
    } else {
        Err(Malformed::here(format!(
            "must be {expected}, found {value}"
        )))
    }
}

/// Why `value` cannot be the default of a `target` shape, if it cannot: integers in range,
/// floats finite and in range, timestamps as epoch seconds a `DateTime` can hold, strings
/// for strings and enums, booleans for booleans, empty lists and maps.
fn default_problem(target: &Shape, value: &Value) -> Option<String> {
    // `null` removes an inherited default.
    if value.is_null() {
        return None;
    }
    let (kind, min, max) = match target {
        Shape::Blob(_) => {
            return match value {
                Value::String(text) => BASE64_STANDARD.decode(text).err().map(|e| {
                    format!("the default of a blob must be base64 text, not {value}: {e}")
                }),
                _ => Some(format!(
                    "the default of a blob must be base64 text, not {value}"
                )),
            };
        }
        Shape::String(_) | Shape::Enum(_) => {
            return (!value.is_string()).then(|| {
                format!(
                    "the default of a {} must be a string, not {value}",
                    target.kind_name()
                )
            });
        }
        Shape::Boolean(_) => {
            return (!value.is_boolean())
                .then(|| format!("the default of a boolean must be true or false, not {value}"));
        }
        Shape::IntEnum(_) => {
            return (!value.is_i64())
                .then(|| format!("the default of an intEnum must be an integer, not {value}"));
        }
        Shape::BigInteger(_) | Shape::BigDecimal(_) => {
            return (!value.is_number()).then(|| {
                format!(
                    "the default of a {} must be a number, not {value}",
                    target.kind_name()
                )
            });
        }
        Shape::List(_) | Shape::Set(_) => {
            return (value.as_array().is_none_or(|items| !items.is_empty()))
                .then(|| format!("the default of a list can only be [], not {value}"));
        }
        Shape::Map(_) => {
            return (value.as_object().is_none_or(|entries| !entries.is_empty()))
                .then(|| format!("the default of a map can only be {{}}, not {value}"));
        }
        Shape::Byte(_) => ("byte", f64::from(i8::MIN), f64::from(i8::MAX)),
        Shape::Short(_) => ("short", f64::from(i16::MIN), f64::from(i16::MAX)),
        Shape::Integer(_) => ("integer", f64::from(i32::MIN), f64::from(i32::MAX)),
        // An i64 bound as f64 rounds up to 2^63, which is itself out of range.
        Shape::Long(_) => ("long", -(2f64.powi(63)), 2f64.powi(63) - 1024.0),
        Shape::Float(_) => ("float", f64::from(f32::MIN), f64::from(f32::MAX)),
        Shape::Double(_) => ("double", f64::MIN, f64::MAX),
        // Epoch seconds from year 1 to 9999, the range `DateTime` formats.
        Shape::Timestamp(_) => ("timestamp", -62_135_596_800.0, 253_402_300_799.0),
        Shape::Document(_) => return None,
        _ => {
            return Some(format!(
                "a {} cannot have a default, found {value}",
                target.kind_name()
            ));
        }
    };
    let Value::Number(number) = value else {
        // A timestamp may default to a date-time string.
        return (kind != "timestamp" || !value.is_string())
            .then(|| format!("the default of a {kind} must be a number, not {value}"));
    };
    let integral = matches!(kind, "byte" | "short" | "integer" | "long");
    let in_range = match (number.as_i64(), number.as_f64()) {
        // Any JSON integer that fits an i64 fits a long.
        (Some(_), _) if kind == "long" => true,
        (_, Some(n)) => n.is_finite() && n >= min && n <= max && (!integral || n.fract() == 0.0),
        _ => false,
    };
    (!in_range).then(|| format!("the default {number} does not fit the {kind} type"))
}
