//! Serde types for the Smithy 2.0 JSON AST (<https://smithy.io/2.0/spec/json-ast.html>).
//!
//! Only the parts the generator reads are modelled; unknown keys are ignored.
//! Member order is kept as written, because it is the order users read in docs.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

/// Trait values keyed by absolute trait id (`smithy.api#documentation`, …).
pub type Traits = BTreeMap<String, Value>;

/// The shape types without members, as the JSON AST and the IDL write them.
pub const SIMPLE_TYPES: &[&str] = &[
    "blob",
    "boolean",
    "document",
    "string",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
];

/// Whether `kind` is a Smithy shape type (`structure`, `intEnum`, …, or a simple type).
pub fn is_shape_type(kind: &str) -> bool {
    SIMPLE_TYPES.contains(&kind)
        || matches!(
            kind,
            "enum"
                | "intEnum"
                | "list"
                | "set"
                | "map"
                | "structure"
                | "union"
                | "operation"
                | "service"
                | "resource"
        )
}

/// A whole model file.
#[derive(Debug, Deserialize)]
pub struct Model {
    /// The IDL version, `"2.0"` (or `"1.0"`).
    pub smithy: String,
    /// Every shape, keyed by absolute shape id.
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
}

/// A reference to another shape.
#[derive(Clone, Debug, Deserialize)]
pub struct Target {
    /// Absolute shape id of the target.
    pub target: String,
}

/// A member of an aggregate shape.
#[derive(Clone, Debug, Deserialize)]
pub struct Member {
    /// Absolute shape id of the member's target.
    pub target: String,
    /// Traits applied to the member.
    #[serde(default)]
    pub traits: Traits,
}

/// Which member of a shape, as shape ids (`Shape$member`) and JSON paths name it.
#[derive(Clone, Copy, Debug)]
pub enum MemberOf<'a> {
    /// A member of a structure, union or enum, under `members.<name>`.
    Named(&'a str),
    /// The `member` of a list, the `key` or the `value` of a map.
    Fixed(&'static str),
}

impl MemberOf<'_> {
    /// The member's id within shape `shape_id`.
    pub fn id(self, shape_id: &str) -> String {
        let (MemberOf::Named(name) | MemberOf::Fixed(name)) = self;
        format!("{shape_id}${name}")
    }

    /// The member's JSON path within shape `shape_id`.
    pub fn path(self, shape_id: &str) -> String {
        let shape = crate::diagnostic::shape_path(shape_id);
        match self {
            MemberOf::Named(name) => format!("{shape}.members.{name}"),
            MemberOf::Fixed(name) => format!("{shape}.{name}"),
        }
    }
}

/// A JSON object whose key order is kept (serde_json's `Map` sorts keys).
#[derive(Clone, Debug)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for OrderedVisitor<T> {
            type Value = Ordered<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, T>()? {
                    entries.push(entry);
                }
                Ok(Ordered(entries))
            }
        }

        deserializer.deserialize_map(OrderedVisitor(PhantomData))
    }
}

/// A shape with no members (simple types).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Simple {
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (unsupported; kept to report them).
    #[serde(default)]
    pub mixins: Vec<Target>,
}

/// A structure, union, enum or intEnum.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Aggregate {
    /// Members in model order.
    #[serde(default)]
    pub members: Ordered<Member>,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins (unsupported; kept to report them).
    #[serde(default)]
    pub mixins: Vec<Target>,
}

/// A list (or Smithy 1.0 set).
#[derive(Clone, Debug, Deserialize)]
pub struct List {
    /// The element member.
    pub member: Member,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
}

/// A map.
#[derive(Clone, Debug, Deserialize)]
pub struct Map {
    /// The key member (targets a string or enum).
    pub key: Member,
    /// The value member.
    pub value: Member,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
}

/// An operation.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Operation {
    /// Input structure, if any (`smithy.api#Unit` means none).
    pub input: Option<Target>,
    /// Output structure, if any.
    pub output: Option<Target>,
    /// Errors the operation can return.
    #[serde(default)]
    pub errors: Vec<Target>,
    /// Traits applied to the operation.
    #[serde(default)]
    pub traits: Traits,
}

/// A service.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Service {
    /// The API version, e.g. `2016-04-18`.
    #[serde(default)]
    pub version: String,
    /// Operations bound directly to the service.
    #[serde(default)]
    pub operations: Vec<Target>,
    /// Resources bound to the service.
    #[serde(default)]
    pub resources: Vec<Target>,
    /// Errors common to every operation.
    #[serde(default)]
    pub errors: Vec<Target>,
    /// Shape renames that disambiguate names in the service closure.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// Traits applied to the service.
    #[serde(default)]
    pub traits: Traits,
}

/// A resource: operations and child resources bound through it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Resource {
    /// Lifecycle operations.
    pub create: Option<Target>,
    /// Lifecycle operations.
    pub put: Option<Target>,
    /// Lifecycle operations.
    pub read: Option<Target>,
    /// Lifecycle operations.
    pub update: Option<Target>,
    /// Lifecycle operations.
    pub delete: Option<Target>,
    /// Lifecycle operations.
    pub list: Option<Target>,
    /// Instance operations.
    #[serde(default)]
    pub operations: Vec<Target>,
    /// Collection operations.
    #[serde(default, rename = "collectionOperations")]
    pub collection_operations: Vec<Target>,
    /// Child resources.
    #[serde(default)]
    pub resources: Vec<Target>,
    /// Traits applied to the resource.
    #[serde(default)]
    pub traits: Traits,
}

impl Resource {
    /// Every operation bound to this resource (not to its children), in model order.
    pub fn bound_operations(&self) -> impl Iterator<Item = &Target> {
        [
            &self.create,
            &self.put,
            &self.read,
            &self.update,
            &self.delete,
            &self.list,
        ]
        .into_iter()
        .flatten()
        .chain(&self.operations)
        .chain(&self.collection_operations)
    }
}

/// Any shape, tagged by its `type`.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
#[allow(missing_docs)]
pub enum Shape {
    Blob(Simple),
    Boolean(Simple),
    String(Simple),
    Byte(Simple),
    Short(Simple),
    Integer(Simple),
    Long(Simple),
    Float(Simple),
    Double(Simple),
    BigInteger(Simple),
    BigDecimal(Simple),
    Timestamp(Simple),
    Document(Simple),
    Enum(Aggregate),
    IntEnum(Aggregate),
    List(List),
    Set(List),
    Map(Map),
    Structure(Aggregate),
    Union(Aggregate),
    Operation(Operation),
    Service(Service),
    Resource(Resource),
}

impl Shape {
    /// The shape's own traits.
    pub fn traits(&self) -> &Traits {
        match self {
            Shape::Blob(s)
            | Shape::Boolean(s)
            | Shape::String(s)
            | Shape::Byte(s)
            | Shape::Short(s)
            | Shape::Integer(s)
            | Shape::Long(s)
            | Shape::Float(s)
            | Shape::Double(s)
            | Shape::BigInteger(s)
            | Shape::BigDecimal(s)
            | Shape::Timestamp(s)
            | Shape::Document(s) => &s.traits,
            Shape::Enum(a) | Shape::IntEnum(a) | Shape::Structure(a) | Shape::Union(a) => &a.traits,
            Shape::List(l) | Shape::Set(l) => &l.traits,
            Shape::Map(m) => &m.traits,
            Shape::Operation(o) => &o.traits,
            Shape::Service(s) => &s.traits,
            Shape::Resource(r) => &r.traits,
        }
    }

    /// The Smithy name of the shape's type, as written in the AST (`structure`, `intEnum`, …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Shape::Blob(_) => "blob",
            Shape::Boolean(_) => "boolean",
            Shape::String(_) => "string",
            Shape::Byte(_) => "byte",
            Shape::Short(_) => "short",
            Shape::Integer(_) => "integer",
            Shape::Long(_) => "long",
            Shape::Float(_) => "float",
            Shape::Double(_) => "double",
            Shape::BigInteger(_) => "bigInteger",
            Shape::BigDecimal(_) => "bigDecimal",
            Shape::Timestamp(_) => "timestamp",
            Shape::Document(_) => "document",
            Shape::Enum(_) => "enum",
            Shape::IntEnum(_) => "intEnum",
            Shape::List(_) => "list",
            Shape::Set(_) => "set",
            Shape::Map(_) => "map",
            Shape::Structure(_) => "structure",
            Shape::Union(_) => "union",
            Shape::Operation(_) => "operation",
            Shape::Service(_) => "service",
            Shape::Resource(_) => "resource",
        }
    }

    /// True for shapes that may be the target of a member (data shapes).
    pub fn is_data(&self) -> bool {
        !matches!(
            self,
            Shape::Operation(_) | Shape::Service(_) | Shape::Resource(_)
        )
    }
}
