//! IR types → [`Sketch`]es, and the lookup of a service's types by Rust name.

use std::collections::HashMap;

use super::report::{Field, Sketch};
use crate::ir::{Member, RustType, Service, TypeDef};

/// A service's generated types, by Rust name.
pub struct Types<'a> {
    by_name: HashMap<&'a str, &'a TypeDef>,
}

impl<'a> Types<'a> {
    /// Indexes the types of `service`.
    pub fn new(service: &'a Service) -> Self {
        Types {
            by_name: service.types.iter().map(|ty| (ty.name(), ty)).collect(),
        }
    }

    /// The type called `name`, if the service has it.
    pub fn get(&self, name: &str) -> Option<&'a TypeDef> {
        self.by_name.get(name).copied()
    }

    /// The sketch of a structure (or any type) by Rust name.
    pub fn sketch_named(&self, name: &str) -> Sketch {
        self.sketch(&RustType::Named(name.to_owned()), &mut Vec::new())
    }

    /// The sketch of a member's value.
    pub fn sketch_member(&self, member: &Member) -> Sketch {
        self.sketch(&member.ty, &mut Vec::new())
    }

    /// The sketch of `ty`; `open` holds the structures being sketched around it, where a
    /// recursive reference stops.
    fn sketch(&self, ty: &RustType, open: &mut Vec<String>) -> Sketch {
        match ty {
            RustType::Named(name) => self.sketch_type(name, open),
            RustType::List { item, .. } => Sketch::List {
                item: Box::new(self.sketch(item, open)),
            },
            RustType::Map { key, value, .. } => Sketch::Map {
                key: Box::new(self.sketch(key, open)),
                value: Box::new(self.sketch(value, open)),
            },
            scalar => Sketch::Scalar {
                name: scalar_name(scalar),
            },
        }
    }

    fn sketch_type(&self, name: &str, open: &mut Vec<String>) -> Sketch {
        let Some(ty) = self.get(name) else {
            return Sketch::Scalar { name: "document" };
        };
        let (members, union) = match ty {
            TypeDef::Enum(e) => {
                return Sketch::Enum {
                    values: e.variants.iter().map(|v| v.wire_value.clone()).collect(),
                };
            }
            TypeDef::IntEnum(_) => return Sketch::Scalar { name: "integer" },
            TypeDef::Struct(s) => (&s.members, false),
            TypeDef::Union(u) => (&u.variants, true),
        };
        let wire = wire_name(ty);
        if open.contains(&wire) {
            return Sketch::Recursive { name: wire };
        }
        open.push(wire);
        let members = members
            .iter()
            .map(|member| Field {
                name: member.wire_name.clone(),
                required: member.required,
                sketch: self.sketch(&member.ty, open),
            })
            .collect();
        open.pop();
        Sketch::Structure { members, union }
    }
}

/// The shape name of a generated type.
pub fn wire_name(ty: &TypeDef) -> String {
    match ty {
        TypeDef::Struct(s) => &s.wire_name,
        TypeDef::Enum(e) => &e.wire_name,
        TypeDef::IntEnum(e) => &e.wire_name,
        TypeDef::Union(u) => &u.wire_name,
    }
    .clone()
}

/// The name boto3's documentation gives a non-generated type.
pub fn scalar_name(ty: &RustType) -> &'static str {
    match ty {
        RustType::String => "string",
        RustType::Bool => "boolean",
        RustType::I8 => "byte",
        RustType::I16 => "short",
        RustType::I32 => "integer",
        RustType::I64 => "long",
        RustType::F32 => "float",
        RustType::F64 => "double",
        RustType::BigNumber => "decimal",
        RustType::Blob => "blob",
        RustType::Timestamp(_) => "timestamp",
        RustType::Document => "document",
        RustType::Unit => "unit",
        RustType::Named(_) => "structure",
        RustType::List { .. } => "list",
        RustType::Map { .. } => "map",
    }
}
