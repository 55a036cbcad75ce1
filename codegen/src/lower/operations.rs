//! Operation shapes → [`Operation`]s: errors, auth and pagination.
//!
//! An operation with a `@streaming` member in its input or output (an event stream, or a
//! streamed blob) is left out of the client: the awsJson client sends and receives one JSON
//! document per call, so it could only pretend to speak such an operation. Its types are
//! still generated, and the crate's documentation lists it with the reason
//! ([`unsupported_reason`]).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostic::{Diagnostic, shape_path};
use crate::ir::{
    Auth, ErrorRef, FieldRef, Operation, PaginatedItems, Pagination, RustType, Struct,
};
use crate::lower::memo::Memo;
use crate::lower::namer::CrateNames;
use crate::lower::types::{deprecation, docs_of};
use crate::naming::Scope;
use crate::smithy::ast::{Model, Operation as AstOperation, Shape, Traits};
use crate::smithy::load::UNIT;
use crate::smithy::shape_id;
use crate::smithy::traits as t;

/// Methods `Client` has besides the operations (its own and those of its derived traits),
/// which an operation's method must not shadow.
const CLIENT_METHODS: &[&str] = &["new", "from_env", "clone", "fmt"];

/// Why the client cannot call `op`, if it cannot: a member of its input or output targets
/// a `@streaming` shape.
pub fn unsupported_reason(model: &Model, op: &AstOperation) -> Option<String> {
    [("input", &op.input), ("output", &op.output)]
        .into_iter()
        .find_map(|(role, target)| {
            let Some(Shape::Structure(structure)) = model.shapes.get(&target.as_ref()?.target)
            else {
                return None;
            };
            structure.members.0.iter().find_map(|(name, member)| {
                let target = model.shapes.get(&member.target)?;
                if !t::has(target.traits(), t::STREAMING) {
                    return None;
                }
                let what = match target {
                    Shape::Union(_) => "an event stream",
                    _ => "a streamed payload",
                };
                Some(format!(
                    "its {role} member `{name}` is {what}, which this client does not support"
                ))
            })
        })
}

/// What operation lowering reads besides the operation itself.
pub struct OperationContext<'a> {
    /// Rust names of named shapes, by shape id.
    pub names: &'a BTreeMap<String, String>,
    /// Lowered structures, by Rust name.
    pub structs: &'a BTreeMap<String, &'a Struct>,
    /// Error shape ids declared on the service.
    pub service_errors: &'a [String],
    /// The service's `@paginated` defaults, if any.
    pub service_paginated: Option<&'a Value>,
    /// Whether the service signs requests at all.
    pub service_signed: bool,
    /// [`crate::naming::field_name`] of wire names.
    pub field_names: &'a Memo<'a>,
}

impl<'a> OperationContext<'a> {
    /// Lowers every operation; method names are unique across the client.
    pub fn lower_all(
        &self,
        operations: &[(&'a str, &'a AstOperation)],
        crate_names: &mut CrateNames,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<Operation> {
        let mut methods = Scope::with_reserved(CLIENT_METHODS.iter().copied());
        let mut lowered: Vec<Operation> = operations
            .iter()
            .map(|(id, op)| {
                let method_name = methods.claim(self.field_names.get(shape_id::name(id)));
                let error_name = crate_names.error_enum(shape_id::name(id));
                self.lower(id, op, (method_name, error_name), problems)
            })
            .collect();
        lowered.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
        lowered
    }

    fn lower(
        &self,
        id: &str,
        op: &'a AstOperation,
        (method_name, error_name): (String, String),
        problems: &mut Vec<Diagnostic>,
    ) -> Operation {
        let wire_name = shape_id::name(id).to_owned();
        let io = |target: &Option<crate::smithy::ast::Target>| {
            target
                .as_ref()
                .filter(|target| target.target != UNIT)
                .and_then(|target| self.names.get(&target.target).cloned())
        };
        let input = io(&op.input);
        let output = io(&op.output);
        let mut errors: Vec<ErrorRef> = op
            .errors
            .iter()
            .map(|target| target.target.as_str())
            .chain(self.service_errors.iter().map(String::as_str))
            .filter_map(|error_id| {
                Some(ErrorRef {
                    type_name: self.names.get(error_id)?.clone(),
                    code: shape_id::name(error_id).to_owned(),
                    method_name: self
                        .field_names
                        .get(shape_id::name(error_id))
                        .trim_start_matches("r#")
                        .to_owned(),
                })
            })
            .collect();
        errors.sort_by(|a, b| a.type_name.cmp(&b.type_name));
        errors.dedup();
        let (pagination, unpaginated) = self.pagination(
            id,
            &op.traits,
            input.as_deref(),
            output.as_deref(),
            problems,
        );
        let idempotency_tokens = input
            .as_deref()
            .and_then(|name| self.structs.get(name))
            .map(|input| {
                input
                    .members
                    .iter()
                    .filter(|m| m.idempotency_token && m.optional && m.ty == RustType::String)
                    .map(|m| m.rust_name.clone())
                    .collect()
            })
            .unwrap_or_default();
        Operation {
            shape_id: id.to_owned(),
            error_name,
            method_name,
            docs: docs_of(&op.traits),
            deprecated: deprecation(&op.traits),
            auth: self.auth(&op.traits),
            input,
            builder: None,
            output,
            errors,
            pagination,
            unpaginated,
            idempotency_tokens,
            host_prefix: t::field(&op.traits, t::ENDPOINT, "hostPrefix").map(str::to_owned),
            wire_name,
        }
    }

    /// `@auth([])` and `@optionalAuth` operations are sent unsigned.
    fn auth(&self, traits: &Traits) -> Auth {
        let no_auth = traits
            .get(t::AUTH)
            .and_then(Value::as_array)
            .is_some_and(|schemes| schemes.is_empty());
        if !self.service_signed || no_auth || t::has(traits, t::OPTIONAL_AUTH) {
            Auth::None
        } else {
            Auth::SigV4
        }
    }

    fn pagination(
        &self,
        id: &str,
        traits: &Traits,
        input: Option<&str>,
        output: Option<&str>,
        problems: &mut Vec<Diagnostic>,
    ) -> (Option<Pagination>, Option<String>) {
        let Some(own) = traits.get(t::PAGINATED) else {
            return (None, None);
        };
        let setting = |key: &str| {
            own.get(key)
                .or_else(|| {
                    self.service_paginated
                        .and_then(|defaults| defaults.get(key))
                })
                .and_then(Value::as_str)
        };
        let mut report = |message: String| {
            problems.push(Diagnostic::at_shape(
                id,
                format!("{}.traits[\"{}\"]", shape_path(id), t::PAGINATED),
                message,
            ));
        };
        let (Some(input_token), Some(output_token)) =
            (setting("inputToken"), setting("outputToken"))
        else {
            report("`@paginated` needs inputToken and outputToken".to_owned());
            return (None, None);
        };
        let input = input.and_then(|name| self.structs.get(name).copied());
        let output = output.and_then(|name| self.structs.get(name).copied());
        let (Some(input), Some(output)) = (input, output) else {
            report("a paginated operation needs an input and an output structure".to_owned());
            return (None, None);
        };
        let resolved = (
            self.path(input, input_token),
            self.path(output, output_token),
            setting("items").map(|items| self.path(output, items)),
            setting("pageSize").map(|size| self.path(input, size)),
        );
        match resolved {
            // Paginators pass tokens as strings. An operation with a structured token
            // (DynamoDB's `ExclusiveStartKey` map) gets no paginator; the method itself is
            // unaffected and callers copy the token themselves.
            (Some((_, input_ty)), Some((_, output_ty)), _, _)
                if input_ty != RustType::String || output_ty != RustType::String =>
            {
                let reason = format!(
                    "no paginator: its page token (`{input_token}` in, `{output_token}` out) \
                     is structured, not a string; copy the output token into the next input"
                );
                (None, Some(reason))
            }
            (Some(mut input_token), Some((output_token, _)), items, page_size) => {
                let pagination = Some(Pagination {
                    input_token: input_token.0.remove(0),
                    output_token,
                    items: items.flatten().and_then(|(path, ty)| items_of(path, ty)),
                    page_size: page_size.flatten().map(|mut size| size.0.remove(0)),
                });
                (pagination, None)
            }
            _ => {
                report(format!(
                    "`@paginated` names a member that does not exist (inputToken `{input_token}`, \
                     outputToken `{output_token}`)"
                ));
                (None, None)
            }
        }
    }

    /// Resolves a dotted member path (`Result.NextToken`) from a structure.
    fn path(&self, start: &Struct, dotted: &str) -> Option<(Vec<FieldRef>, RustType)> {
        let mut current = start;
        let mut fields = Vec::new();
        let mut segments = dotted.split('.').peekable();
        while let Some(segment) = segments.next() {
            let member = current.members.iter().find(|m| m.wire_name == segment)?;
            fields.push(FieldRef {
                field: member.rust_name.clone(),
                optional: member.optional,
            });
            if segments.peek().is_none() {
                return Some((fields, member.ty.clone()));
            }
            let RustType::Named(next) = &member.ty else {
                return None;
            };
            current = self.structs.get(next.as_str())?;
        }
        None
    }
}

fn items_of(path: Vec<FieldRef>, ty: RustType) -> Option<PaginatedItems> {
    match ty {
        RustType::List { item, .. } => Some(PaginatedItems {
            path,
            item_type: *item,
            is_map: false,
        }),
        map @ RustType::Map { .. } => Some(PaginatedItems {
            path,
            item_type: map,
            is_map: true,
        }),
        _ => None,
    }
}
