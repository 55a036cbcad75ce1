//! botocore shapes → Smithy data shapes, with the facts botocore keeps as keys turned into
//! the traits Smithy uses for them.
//!
//! | botocore                                   | Smithy                                        |
//! |--------------------------------------------|-----------------------------------------------|
//! | `required: [..]`                           | `@required` on those members                  |
//! | string `enum: [..]`                        | `@enum` (Smithy 1.0 form: values, no names)   |
//! | `min`/`max`                                | `@length` (strings, blobs, lists, maps) or `@range` (numbers) |
//! | `pattern`, `sensitive`, `deprecated`, `documentation` | the trait of the same name         |
//! | `exception` (+ `fault`)                    | `@error("client")` (`@error("server")`)       |
//! | `error.httpStatusCode`, `retryable`        | `@httpError`, `@retryable`                    |
//! | structure with `document: true`            | `document`                                    |
//! | structure with `union: true`               | `union`                                       |
//! | `timestampFormat` `iso8601`/`rfc822`/`unixTimestamp` | `@timestampFormat` `date-time`/`http-date`/`epoch-seconds` |
//!
//! Not carried: member `box` (Smithy 1.0 boxing). botocore has no default values, and boto3
//! sends only what the caller sets, so every optional member stays optional — including
//! booleans and numbers, which AWS's Smithy 2.0 models sometimes give `@default(false)` /
//! `@default(0)` from shape-level boxing facts botocore does not keep. Inventing zero
//! defaults would be wrong for members like `QueryLimitType` (`min: 1`). `jsonvalue`
//! members (JSON text in a REST header) stay strings.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::model::{Shape as BotoShape, ShapeRef};
use super::service::ServiceNames;
use crate::diagnostic::{Diagnostic, shape_path};
use crate::smithy::ast::{Aggregate, List, Map, Member, Ordered, Shape, Simple, Traits};
use crate::smithy::traits as t;

/// Converts shapes of one service; problems are collected, not returned early.
pub struct ShapeConverter<'a> {
    /// Service naming.
    pub names: &'a ServiceNames,
    /// Every botocore shape, to check references.
    pub shapes: &'a BTreeMap<String, BotoShape>,
    /// Problems found so far.
    pub problems: &'a mut Vec<Diagnostic>,
}

impl ShapeConverter<'_> {
    /// The Smithy shape for the botocore shape `name`, or `None` when it cannot be converted
    /// (a problem has then been recorded).
    pub fn convert(&mut self, name: &str, shape: &BotoShape) -> Option<Shape> {
        let path = shape_path(name);
        let mut traits = common_traits(shape);
        let simple = |traits: Traits| Simple {
            traits,
            mixins: Vec::new(),
        };
        Some(match shape.kind.as_str() {
            "string" => {
                if let Some(values) = &shape.enum_values {
                    let entries: Vec<Value> = values
                        .iter()
                        .map(|value| json!({ "value": value }))
                        .collect();
                    traits.insert(t::ENUM.to_owned(), Value::Array(entries));
                }
                add_length(&mut traits, shape);
                if let Some(pattern) = &shape.pattern {
                    traits.insert(t::PATTERN.to_owned(), Value::from(pattern.clone()));
                }
                Shape::String(simple(traits))
            }
            "integer" | "long" | "float" | "double" => {
                add_range(&mut traits, shape);
                match shape.kind.as_str() {
                    "integer" => Shape::Integer(simple(traits)),
                    "long" => Shape::Long(simple(traits)),
                    "float" => Shape::Float(simple(traits)),
                    _ => Shape::Double(simple(traits)),
                }
            }
            "boolean" => Shape::Boolean(simple(traits)),
            "blob" => {
                add_length(&mut traits, shape);
                if shape.streaming {
                    traits.insert(t::STREAMING.to_owned(), json!({}));
                }
                Shape::Blob(simple(traits))
            }
            "timestamp" => {
                if let Some(format) = &shape.timestamp_format {
                    let at = format!("{path}.timestampFormat");
                    if let Some(format) = self.timestamp_format(name, &at, format) {
                        traits.insert(t::TIMESTAMP_FORMAT.to_owned(), format);
                    }
                }
                Shape::Timestamp(simple(traits))
            }
            "list" => {
                add_length(&mut traits, shape);
                let member = self.part(name, &path, "member", shape.member.as_ref())?;
                Shape::List(List { member, traits })
            }
            "map" => {
                add_length(&mut traits, shape);
                let key = self.part(name, &path, "key", shape.key.as_ref());
                let value = self.part(name, &path, "value", shape.value.as_ref());
                Shape::Map(Map {
                    key: key?,
                    value: value?,
                    traits,
                })
            }
            "structure" if shape.document => Shape::Document(simple(traits)),
            "structure" => {
                add_error_traits(&mut traits, shape);
                let aggregate = Aggregate {
                    members: self.members(name, shape),
                    traits,
                    mixins: Vec::new(),
                };
                if shape.union {
                    Shape::Union(aggregate)
                } else {
                    Shape::Structure(aggregate)
                }
            }
            other => {
                self.problems.push(Diagnostic::at_shape(
                    name,
                    format!("{path}.type"),
                    format!(
                        "unknown botocore shape type `{other}` (expected string, integer, long, \
                         float, double, boolean, blob, timestamp, list, map or structure)"
                    ),
                ));
                return None;
            }
        })
    }

    /// Structure members with `required` applied; unknown required names are reported.
    fn members(&mut self, name: &str, shape: &BotoShape) -> Ordered<Member> {
        let path = shape_path(name);
        for (index, required) in shape.required.iter().enumerate() {
            if !shape.members.0.iter().any(|(member, _)| member == required) {
                self.problems.push(Diagnostic::at_shape(
                    name,
                    format!("{path}.required[{index}]"),
                    format!("required member `{required}` is not a member of the structure"),
                ));
            }
        }
        Ordered(
            shape
                .members
                .0
                .iter()
                .map(|(member_name, reference)| {
                    let id = format!("{name}${member_name}");
                    let at = format!("{path}.members.{member_name}");
                    let mut member = self.member(&id, &at, reference);
                    if shape.required.contains(member_name) {
                        member.traits.insert(t::REQUIRED.to_owned(), json!({}));
                    }
                    (member_name.clone(), member)
                })
                .collect(),
        )
    }

    /// A list `member` or map `key`/`value`, which botocore requires.
    fn part(
        &mut self,
        name: &str,
        path: &str,
        key: &str,
        reference: Option<&ShapeRef>,
    ) -> Option<Member> {
        let Some(reference) = reference else {
            self.problems.push(Diagnostic::at_shape(
                name,
                format!("{path}.{key}"),
                format!("a botocore {} shape needs a `{key}`", shape_kind(key)),
            ));
            return None;
        };
        Some(self.member(
            &format!("{name}${key}"),
            &format!("{path}.{key}"),
            reference,
        ))
    }

    /// A reference from a member (or list element, map key/value) to its target.
    pub fn member(&mut self, id: &str, path: &str, reference: &ShapeRef) -> Member {
        self.check_target(id, path, &reference.shape);
        let mut traits = Traits::new();
        if let Some(docs) = &reference.documentation {
            traits.insert(t::DOCUMENTATION.to_owned(), Value::from(docs.clone()));
        }
        if reference.deprecated {
            traits.insert(
                t::DEPRECATED.to_owned(),
                deprecated(
                    reference.deprecated_message.as_deref(),
                    reference.deprecated_since.as_deref(),
                ),
            );
        }
        if reference.idempotency_token {
            traits.insert(t::IDEMPOTENCY_TOKEN.to_owned(), json!({}));
        }
        if let Some(format) = &reference.timestamp_format {
            let at = format!("{path}.timestampFormat");
            if let Some(format) = self.timestamp_format(id, &at, format) {
                traits.insert(t::TIMESTAMP_FORMAT.to_owned(), format);
            }
        }
        Member {
            target: self.names.id(&reference.shape),
            traits,
        }
    }

    /// Reports a reference to a shape the model does not define.
    pub fn check_target(&mut self, id: &str, path: &str, target: &str) {
        if !self.shapes.contains_key(target) {
            self.problems.push(Diagnostic::at_shape(
                id,
                format!("{path}.shape"),
                format!("target shape `{target}` does not exist in the model"),
            ));
        }
    }

    fn timestamp_format(&mut self, id: &str, path: &str, format: &str) -> Option<Value> {
        let smithy = match format {
            "iso8601" => "date-time",
            "rfc822" => "http-date",
            "unixTimestamp" => "epoch-seconds",
            other => {
                self.problems.push(Diagnostic::at_shape(
                    id,
                    path,
                    format!(
                        "unknown timestampFormat `{other}` (expected iso8601, rfc822 or unixTimestamp)"
                    ),
                ));
                return None;
            }
        };
        Some(Value::from(smithy))
    }
}

/// The kind of shape that has a `member` (list) or `key`/`value` (map).
fn shape_kind(part: &str) -> &'static str {
    if part == "member" { "list" } else { "map" }
}

/// The `@deprecated` trait value.
pub fn deprecated(message: Option<&str>, since: Option<&str>) -> Value {
    let mut value = json!({});
    if let Some(message) = message {
        value["message"] = Value::from(message);
    }
    if let Some(since) = since {
        value["since"] = Value::from(since);
    }
    value
}

/// Documentation, deprecation and sensitivity, which any shape may have.
fn common_traits(shape: &BotoShape) -> Traits {
    let mut traits = Traits::new();
    if let Some(docs) = &shape.documentation {
        traits.insert(t::DOCUMENTATION.to_owned(), Value::from(docs.clone()));
    }
    if shape.deprecated {
        traits.insert(
            t::DEPRECATED.to_owned(),
            deprecated(shape.deprecated_message.as_deref(), None),
        );
    }
    if shape.sensitive {
        traits.insert(t::SENSITIVE.to_owned(), json!({}));
    }
    traits
}

fn bounds(shape: &BotoShape) -> Option<Value> {
    if shape.min.is_none() && shape.max.is_none() {
        return None;
    }
    let mut value = json!({});
    if let Some(min) = &shape.min {
        value["min"] = Value::Number(min.clone());
    }
    if let Some(max) = &shape.max {
        value["max"] = Value::Number(max.clone());
    }
    Some(value)
}

fn add_length(traits: &mut Traits, shape: &BotoShape) {
    if let Some(bounds) = bounds(shape) {
        traits.insert(t::LENGTH.to_owned(), bounds);
    }
}

fn add_range(traits: &mut Traits, shape: &BotoShape) {
    if let Some(bounds) = bounds(shape) {
        traits.insert(t::RANGE.to_owned(), bounds);
    }
}

fn add_error_traits(traits: &mut Traits, shape: &BotoShape) {
    if !shape.exception {
        return;
    }
    let kind = if shape.fault { "server" } else { "client" };
    traits.insert(t::ERROR.to_owned(), Value::from(kind));
    if let Some(code) = shape.error.as_ref().and_then(|e| e.http_status_code) {
        traits.insert(t::HTTP_ERROR.to_owned(), Value::from(code));
    }
    if let Some(retryable) = &shape.retryable {
        traits.insert(
            t::RETRYABLE.to_owned(),
            json!({ "throttling": retryable.throttling }),
        );
    }
}
