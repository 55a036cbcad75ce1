//! The service closure: every operation (bound directly or through resources) and every
//! shape they reach, with each reference checked for existence and kind.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, shape_path};
use crate::smithy::ast::{Model, Shape, Target};
use crate::smithy::load::UNIT;
use crate::smithy::traits;

/// What the service reaches.
#[derive(Debug, Default)]
pub struct Closure {
    /// Operation ids, sorted.
    pub operations: BTreeSet<String>,
    /// Data shape ids (structures, unions, enums, simple types, collections), sorted.
    pub shapes: BTreeSet<String>,
    /// Error ids declared on the service itself.
    pub service_errors: Vec<String>,
}

/// Walks the service and collects its closure; problems are appended to `problems`.
pub fn collect(model: &Model, service_id: &str, problems: &mut Vec<Diagnostic>) -> Closure {
    let mut walker = Walker {
        model,
        closure: Closure::default(),
        visited_resources: BTreeSet::new(),
        problems,
    };
    if let Some(Shape::Service(service)) = model.shapes.get(service_id) {
        let path = shape_path(service_id);
        for (index, op) in service.operations.iter().enumerate() {
            walker.operation(service_id, &format!("{path}.operations[{index}]"), op);
        }
        for (index, resource) in service.resources.iter().enumerate() {
            walker.resource(service_id, &format!("{path}.resources[{index}]"), resource);
        }
        for (index, error) in service.errors.iter().enumerate() {
            let at = format!("{path}.errors[{index}]");
            if walker.error(service_id, &at, error) {
                walker.closure.service_errors.push(error.target.clone());
            }
        }
    }
    walker.closure
}

struct Walker<'a> {
    model: &'a Model,
    closure: Closure,
    visited_resources: BTreeSet<String>,
    problems: &'a mut Vec<Diagnostic>,
}

impl<'a> Walker<'a> {
    /// Looks up a target, reporting a dangling reference.
    fn resolve(&mut self, from: &str, path: &str, target: &str) -> Option<&'a Shape> {
        let model: &'a Model = self.model;
        let shape = model.shapes.get(target);
        if shape.is_none() {
            self.problems.push(Diagnostic::at_shape(
                from,
                path,
                format!("target `{target}` does not exist in the model"),
            ));
        }
        shape
    }

    fn wrong_kind(&mut self, from: &str, path: &str, target: &str, found: &str, expected: &str) {
        self.problems.push(Diagnostic::at_shape(
            from,
            path,
            format!(
                "target `{target}` is {} {found}, but {} {expected} is expected here",
                article(found),
                article(expected)
            ),
        ));
    }

    fn resource(&mut self, from: &str, path: &str, target: &Target) {
        let id = target.target.as_str();
        match self.resolve(from, path, id) {
            Some(Shape::Resource(resource)) => {
                if !self.visited_resources.insert(id.to_owned()) {
                    return;
                }
                let base = shape_path(id);
                for (index, op) in resource.bound_operations().enumerate() {
                    self.operation(id, &format!("{base}.operations[{index}]"), op);
                }
                for (index, child) in resource.resources.iter().enumerate() {
                    self.resource(id, &format!("{base}.resources[{index}]"), child);
                }
            }
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(from, path, id, kind, "resource");
            }
            None => {}
        }
    }

    fn operation(&mut self, from: &str, path: &str, target: &Target) {
        let id = target.target.as_str();
        match self.resolve(from, path, id) {
            Some(Shape::Operation(operation)) => {
                if !self.closure.operations.insert(id.to_owned()) {
                    return;
                }
                let base = shape_path(id);
                for (key, io) in [("input", &operation.input), ("output", &operation.output)] {
                    if let Some(io) = io {
                        self.structure(id, &format!("{base}.{key}.target"), &io.target);
                    }
                }
                for (index, error) in operation.errors.iter().enumerate() {
                    self.error(id, &format!("{base}.errors[{index}].target"), error);
                }
            }
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(from, path, id, kind, "operation");
            }
            None => {}
        }
    }

    /// An operation input or output: a structure (or `smithy.api#Unit`).
    fn structure(&mut self, from: &str, path: &str, id: &str) {
        match self.resolve(from, path, id) {
            Some(Shape::Structure(_)) if id == UNIT => {}
            Some(Shape::Structure(_)) => self.data(from, path, id),
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(from, path, id, kind, "structure");
            }
            None => {}
        }
    }

    /// An error reference; returns whether it is a valid error structure.
    fn error(&mut self, from: &str, path: &str, target: &Target) -> bool {
        let id = target.target.as_str();
        match self.resolve(from, path, id) {
            Some(Shape::Structure(structure)) if traits::has(&structure.traits, traits::ERROR) => {
                self.data(from, path, id);
                true
            }
            Some(Shape::Structure(_)) => {
                self.problems.push(Diagnostic::at_shape(
                    from,
                    path,
                    format!("`{id}` is listed as an error but has no `smithy.api#error` trait"),
                ));
                false
            }
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(from, path, id, kind, "error structure");
                false
            }
            None => false,
        }
    }

    /// A data shape and everything it reaches; a worklist, not recursion, so a chain of
    /// any length cannot exhaust the stack.
    fn data(&mut self, from: &str, path: &str, id: &str) {
        let mut work = vec![(from.to_owned(), path.to_owned(), id.to_owned())];
        while let Some((from, path, id)) = work.pop() {
            let Some(shape) = self.resolve(&from, &path, &id) else {
                continue;
            };
            if !shape.is_data() {
                let kind = shape.kind_name();
                self.wrong_kind(&from, &path, &id, kind, "data shape");
                continue;
            }
            if !self.closure.shapes.insert(id.clone()) {
                continue;
            }
            let base = shape_path(&id);
            match shape {
                Shape::Structure(aggregate) | Shape::Union(aggregate) => {
                    for (name, member) in aggregate.members.0.iter().rev() {
                        let at = format!("{base}.members.{name}.target");
                        work.push((format!("{id}${name}"), at, member.target.clone()));
                    }
                }
                Shape::List(list) | Shape::Set(list) => {
                    let at = format!("{base}.member.target");
                    work.push((format!("{id}$member"), at, list.member.target.clone()));
                }
                Shape::Map(map) => {
                    let at = format!("{base}.value.target");
                    work.push((format!("{id}$value"), at, map.value.target.clone()));
                    let key_at = format!("{base}.key.target");
                    let key_id = format!("{id}$key");
                    if let Some(key) = self.resolve(&key_id, &key_at, &map.key.target) {
                        if matches!(key, Shape::String(_) | Shape::Enum(_)) {
                            work.push((key_id, key_at, map.key.target.clone()));
                        } else {
                            let kind = key.kind_name();
                            self.wrong_kind(
                                &key_id,
                                &key_at,
                                &map.key.target,
                                kind,
                                "string or enum",
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// `a` or `an`, by the first letter of `word`.
fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Reports aggregate shapes whose member names are equal ignoring case (Smithy forbids it,
/// and they would produce the same Rust field).
pub fn check_member_names(model: &Model, closure: &Closure, problems: &mut Vec<Diagnostic>) {
    for id in &closure.shapes {
        let Some(Shape::Structure(aggregate) | Shape::Union(aggregate)) = model.shapes.get(id)
        else {
            continue;
        };
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (name, _) in &aggregate.members.0 {
            if let Some(first) = seen.insert(name.to_lowercase(), name) {
                problems.push(Diagnostic::at_shape(
                    format!("{id}${name}"),
                    format!("{}.members.{name}", shape_path(id)),
                    format!(
                        "member `{name}` has the same name as member `{first}` after case conversion"
                    ),
                ));
            }
        }
    }
}

/// Reports constructs the generator does not support (mixins: models must be flattened).
pub fn check_supported(model: &Model, closure: &Closure, problems: &mut Vec<Diagnostic>) {
    for id in &closure.shapes {
        let mixins = match model.shapes.get(id) {
            Some(Shape::Structure(a) | Shape::Union(a) | Shape::Enum(a) | Shape::IntEnum(a)) => {
                !a.mixins.is_empty()
            }
            Some(Shape::String(s) | Shape::Integer(s)) => !s.mixins.is_empty(),
            _ => false,
        };
        if mixins {
            problems.push(Diagnostic::at_shape(
                id,
                format!("{}.mixins", shape_path(id)),
                "mixins are not supported: flatten the model (the Smithy CLI's JSON AST output does)",
            ));
        }
    }
}
