//! Data shapes → [`TypeDef`]s: members, optionality, defaults, redaction, documentation.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine;
use base64::prelude::BASE64_STANDARD;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, shape_path};
use crate::docs::html_to_markdown;
use crate::ir::{
    Constraints, DefaultValue, Deprecation, Enum, EnumVariant, ErrorInfo, IntEnum, IntEnumVariant,
    Member, RustType, Struct, StructRole, TimestampFormat, TypeDef, Union,
};
use crate::lower::memo::Memo;
use crate::naming::{Scope, UNKNOWN_VARIANT, variant_name};
use crate::smithy::ast::{Aggregate, Member as AstMember, Model, Shape, Traits};
use crate::smithy::load::UNIT;
use crate::smithy::shape_id;
use crate::smithy::trait_values::{Deprecated, EnumDefinition, Length, Pattern, Range, TraitValue};
use crate::smithy::traits as t;

/// Everything type lowering needs to know about the service.
pub struct TypeContext<'a> {
    /// The parsed model.
    pub model: &'a Model,
    /// Rust names of named shapes, by shape id.
    pub names: &'a BTreeMap<String, String>,
    /// Ids of operation input structures.
    pub inputs: &'a BTreeSet<String>,
    /// Ids of operation output structures.
    pub outputs: &'a BTreeSet<String>,
    /// [`crate::naming::field_name`] of wire names.
    pub field_names: &'a Memo<'a>,
    /// [`html_to_markdown`] of documentation.
    pub docs: &'a Memo<'a>,
}

/// True for shapes that become a generated type of their own.
pub fn is_named(shape: &Shape) -> bool {
    match shape {
        Shape::Structure(_) | Shape::Union(_) | Shape::Enum(_) | Shape::IntEnum(_) => true,
        Shape::String(simple) => t::has(&simple.traits, t::ENUM),
        _ => false,
    }
}

impl<'a> TypeContext<'a> {
    /// Lowers one named shape; problems found are appended to `problems`.
    pub fn lower(&self, id: &str, problems: &mut Vec<Diagnostic>) -> Option<TypeDef> {
        let name = self.names.get(id)?.clone();
        let shape = self.model.shapes.get(id)?;
        let docs = self.docs_of(shape.traits());
        let deprecated = deprecation(shape.traits());
        let wire_name = shape_id::name(id).to_owned();
        // Every kind of type carries the same identifying fields besides its own.
        macro_rules! type_def {
            ($kind:ident($ty:ident { $($field:ident: $value:expr),* $(,)? })) => {
                TypeDef::$kind($ty {
                    shape_id: id.to_owned(),
                    name,
                    wire_name,
                    docs,
                    deprecated,
                    $($field: $value),*
                })
            };
        }
        Some(match shape {
            Shape::Structure(aggregate) => type_def!(Struct(Struct {
                role: self.role(id, &aggregate.traits),
                builder: None,
                members: self.members(aggregate),
                sensitive: t::has(&aggregate.traits, t::SENSITIVE),
            })),
            Shape::Union(aggregate) => type_def!(Union(Union {
                variants: self.union_variants(aggregate),
                sensitive: t::has(&aggregate.traits, t::SENSITIVE),
            })),
            Shape::Enum(aggregate) => type_def!(Enum(Enum {
                variants: enum_variants(aggregate)
            })),
            Shape::String(simple) => type_def!(Enum(Enum {
                variants: legacy_enum_variants(&simple.traits)
            })),
            Shape::IntEnum(aggregate) => type_def!(IntEnum(IntEnum {
                variants: int_enum_variants(id, aggregate, problems)
            })),
            _ => return None,
        })
    }

    fn role(&self, id: &str, traits: &Traits) -> StructRole {
        if self.inputs.contains(id) {
            StructRole::Input
        } else if let Some(kind) = t::string(traits, t::ERROR) {
            let retryable = traits.get(t::RETRYABLE);
            StructRole::Error(ErrorInfo {
                server_fault: kind == "server",
                http_status: traits
                    .get(t::HTTP_ERROR)
                    .and_then(Value::as_u64)
                    .and_then(|code| u16::try_from(code).ok()),
                retryable: retryable.is_some(),
                throttling: retryable
                    .and_then(|value| value.get("throttling"))
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            })
        } else if self.outputs.contains(id) {
            StructRole::Output
        } else {
            StructRole::Data
        }
    }

    /// [`docs_of`], remembered per documentation text.
    fn docs_of(&self, traits: &'a Traits) -> String {
        t::string(traits, t::DOCUMENTATION)
            .map(|html| self.docs.get(html))
            .unwrap_or_default()
    }

    fn members(&self, aggregate: &'a Aggregate) -> Vec<Member> {
        // Smithy 2.0 optionality: `@input` members are implicitly `@clientOptional`.
        let all_optional = t::has(&aggregate.traits, t::INPUT);
        let mut scope = Scope::default();
        aggregate
            .members
            .0
            .iter()
            .map(|(wire_name, member)| {
                let rust_name = scope.claim(self.field_names.get(wire_name));
                let mut lowered = self.member(wire_name, rust_name, member);
                let required = t::has(&member.traits, t::REQUIRED);
                lowered.required = required;
                lowered.optional = all_optional
                    || t::has(&member.traits, t::CLIENT_OPTIONAL)
                    || !(required || lowered.default.is_some() || self.has_zero_default(member));
                if lowered.optional {
                    lowered.default = None;
                }
                lowered
            })
            .collect()
    }

    /// A `@default` equal to the type's zero value also makes the member non-optional.
    fn has_zero_default(&self, member: &AstMember) -> bool {
        match self.default_value_json(member) {
            Some(Value::Null) | None => false,
            Some(_) => true,
        }
    }

    fn default_value_json<'b>(&'b self, member: &'b AstMember) -> Option<&'b Value> {
        member.traits.get(t::DEFAULT).or_else(|| {
            self.model
                .shapes
                .get(&member.target)
                .and_then(|shape| shape.traits().get(t::DEFAULT))
        })
    }

    fn union_variants(&self, aggregate: &'a Aggregate) -> Vec<Member> {
        let mut scope = Scope::with_reserved([UNKNOWN_VARIANT]);
        aggregate
            .members
            .0
            .iter()
            .map(|(wire_name, member)| {
                let rust_name = scope.claim(variant_name(wire_name));
                let mut lowered = self.member(wire_name, rust_name, member);
                lowered.optional = false;
                lowered.default = None;
                lowered
            })
            .collect()
    }

    /// The parts of a member that do not depend on its container.
    fn member(&self, wire_name: &str, rust_name: String, member: &'a AstMember) -> Member {
        let target = self.model.shapes.get(&member.target);
        let target_traits = target.map(Shape::traits);
        let format = t::string(&member.traits, t::TIMESTAMP_FORMAT).and_then(timestamp_format);
        let mut ty = self.rust_type(&member.target);
        if let (Some(format), RustType::Timestamp(_)) = (format, &ty) {
            ty = RustType::Timestamp(format);
        }
        let docs = match self.docs_of(&member.traits) {
            docs if docs.is_empty() => target_traits
                .map(|traits| self.docs_of(traits))
                .unwrap_or_default(),
            docs => docs,
        };
        Member {
            wire_name: wire_name.to_owned(),
            rust_name,
            default: self
                .default_value_json(member)
                .and_then(|value| default_value(&ty, value)),
            ty,
            optional: true,
            required: false,
            sensitive: t::has(&member.traits, t::SENSITIVE) || self.is_sensitive(&member.target),
            deprecated: deprecation(&member.traits),
            boxed: false,
            idempotency_token: t::has(&member.traits, t::IDEMPOTENCY_TOKEN),
            docs,
            constraints: constraints(&member.traits, target_traits),
        }
    }

    /// The Rust type of a member targeting `id`.
    pub fn rust_type(&self, id: &str) -> RustType {
        if id == UNIT {
            return RustType::Unit;
        }
        let Some(shape) = self.model.shapes.get(id) else {
            return RustType::Document;
        };
        if is_named(shape) {
            return RustType::Named(self.names.get(id).cloned().unwrap_or_default());
        }
        match shape {
            Shape::Blob(_) => RustType::Blob,
            Shape::Boolean(_) => RustType::Bool,
            Shape::String(_) => RustType::String,
            Shape::Byte(_) => RustType::I8,
            Shape::Short(_) => RustType::I16,
            Shape::Integer(_) => RustType::I32,
            Shape::Long(_) => RustType::I64,
            Shape::Float(_) => RustType::F32,
            Shape::Double(_) => RustType::F64,
            Shape::BigInteger(_) | Shape::BigDecimal(_) => RustType::BigNumber,
            Shape::Timestamp(simple) => RustType::Timestamp(
                t::string(&simple.traits, t::TIMESTAMP_FORMAT)
                    .and_then(timestamp_format)
                    .unwrap_or(TimestampFormat::EpochSeconds),
            ),
            Shape::List(list) | Shape::Set(list) => RustType::List {
                item: Box::new(self.element_type(&list.member)),
                sparse: t::has(&list.traits, t::SPARSE),
            },
            Shape::Map(map) => RustType::Map {
                key: Box::new(self.rust_type(&map.key.target)),
                value: Box::new(self.element_type(&map.value)),
                sparse: t::has(&map.traits, t::SPARSE),
            },
            _ => RustType::Document,
        }
    }

    /// A collection element, honouring a `@timestampFormat` on the element member.
    fn element_type(&self, member: &AstMember) -> RustType {
        match (
            self.rust_type(&member.target),
            t::string(&member.traits, t::TIMESTAMP_FORMAT).and_then(timestamp_format),
        ) {
            (RustType::Timestamp(_), Some(format)) => RustType::Timestamp(format),
            (ty, _) => ty,
        }
    }

    /// Whether values of shape `id` must be redacted by the containing type.
    fn is_sensitive(&self, id: &str) -> bool {
        let Some(shape) = self.model.shapes.get(id) else {
            return false;
        };
        if t::has(shape.traits(), t::SENSITIVE) {
            return true;
        }
        match shape {
            Shape::List(list) | Shape::Set(list) => {
                t::has(&list.member.traits, t::SENSITIVE) || self.is_sensitive(&list.member.target)
            }
            Shape::Map(map) => [&map.key, &map.value]
                .iter()
                .any(|m| t::has(&m.traits, t::SENSITIVE) || self.is_sensitive(&m.target)),
            _ => false,
        }
    }
}

/// Markdown documentation from a shape's or member's traits.
pub fn docs_of(traits: &Traits) -> String {
    t::string(traits, t::DOCUMENTATION)
        .map(html_to_markdown)
        .unwrap_or_default()
}

/// `@deprecated` details, if the trait is present.
pub fn deprecation(traits: &Traits) -> Option<Deprecation> {
    let Deprecated { message, since } = Deprecated::get(traits)?;
    Some(Deprecation { message, since })
}

fn timestamp_format(name: &str) -> Option<TimestampFormat> {
    match name {
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        _ => None,
    }
}

/// The member's own constraints, each bound falling back to the target shape's.
fn constraints(member: &Traits, target: Option<&Traits>) -> Constraints {
    let length = |traits: &Traits| Length::get(traits).unwrap_or_default();
    let range = |traits: &Traits| Range::get(traits).unwrap_or_default();
    let (own_length, target_length) = (length(member), target.map(length).unwrap_or_default());
    let (own_range, target_range) = (range(member), target.map(range).unwrap_or_default());
    Constraints {
        min_length: own_length.min.or(target_length.min),
        max_length: own_length.max.or(target_length.max),
        min: own_range.min.or(target_range.min),
        max: own_range.max.or(target_range.max),
        pattern: Pattern::get(member)
            .or_else(|| target.and_then(Pattern::get))
            .map(|Pattern(pattern)| pattern),
    }
}

/// A `@default` that differs from the Rust type's own `Default`, or `None`.
fn default_value(ty: &RustType, value: &Value) -> Option<DefaultValue> {
    match (ty, value) {
        (RustType::Bool, Value::Bool(true)) => Some(DefaultValue::Bool(true)),
        (RustType::I8 | RustType::I16 | RustType::I32 | RustType::I64, Value::Number(n)) => {
            n.as_i64().filter(|n| *n != 0).map(DefaultValue::Int)
        }
        (RustType::F32 | RustType::F64, Value::Number(n)) => {
            n.as_f64().filter(|n| *n != 0.0).map(DefaultValue::Float)
        }
        (RustType::String, Value::String(s)) if !s.is_empty() => {
            Some(DefaultValue::String(s.clone()))
        }
        (RustType::Named(_), Value::String(s)) => Some(DefaultValue::String(s.clone())),
        (RustType::Named(_), Value::Number(n)) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(DefaultValue::IntEnum),
        (RustType::Timestamp(_), Value::Number(n)) => n
            .as_f64()
            .filter(|n| *n != 0.0)
            .map(DefaultValue::Timestamp),
        // The loader has rejected defaults that are not base64 (smithy::trait_check).
        (RustType::Blob, Value::String(s)) if !s.is_empty() => {
            BASE64_STANDARD.decode(s).ok().map(DefaultValue::Blob)
        }
        (RustType::Document, value) if !value.is_null() => {
            Some(DefaultValue::Document(value.clone()))
        }
        _ => None,
    }
}

fn enum_variants(aggregate: &Aggregate) -> Vec<EnumVariant> {
    let mut scope = Scope::with_reserved([UNKNOWN_VARIANT]);
    aggregate
        .members
        .0
        .iter()
        .map(|(name, member)| EnumVariant {
            rust_name: scope.claim(variant_name(name)),
            wire_value: t::string(&member.traits, t::ENUM_VALUE)
                .unwrap_or(name)
                .to_owned(),
            docs: docs_of(&member.traits),
            deprecated: deprecation(&member.traits),
        })
        .collect()
}

/// Smithy 1.0 `@enum` trait entries: `{ "value": …, "name": …, "documentation": … }`.
fn legacy_enum_variants(traits: &Traits) -> Vec<EnumVariant> {
    let mut scope = Scope::with_reserved([UNKNOWN_VARIANT]);
    let EnumDefinition(entries) = EnumDefinition::get(traits).unwrap_or_default();
    entries
        .into_iter()
        .map(|entry| EnumVariant {
            rust_name: scope.claim(variant_name(entry.name.as_ref().unwrap_or(&entry.value))),
            docs: entry
                .documentation
                .as_deref()
                .map(html_to_markdown)
                .unwrap_or_default(),
            deprecated: entry.deprecated.then(Deprecation::default),
            wire_value: entry.value,
        })
        .collect()
}

fn int_enum_variants(
    id: &str,
    aggregate: &Aggregate,
    problems: &mut Vec<Diagnostic>,
) -> Vec<IntEnumVariant> {
    let mut scope = Scope::with_reserved([UNKNOWN_VARIANT]);
    aggregate
        .members
        .0
        .iter()
        .filter_map(|(name, member)| {
            let value = member
                .traits
                .get(t::ENUM_VALUE)
                .and_then(Value::as_i64)
                .and_then(|value| i32::try_from(value).ok());
            if value.is_none() {
                problems.push(Diagnostic::at_shape(
                    format!("{id}${name}"),
                    format!("{}.members.{name}.traits", shape_path(id)),
                    "intEnum member needs an integer `smithy.api#enumValue`",
                ));
            }
            Some(IntEnumVariant {
                rust_name: scope.claim(variant_name(name)),
                value: value?,
                docs: docs_of(&member.traits),
            })
        })
        .collect()
}
