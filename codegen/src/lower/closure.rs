//! The service closure: every operation (bound directly or through resources) and every
//! shape they reach, with each reference checked for existence and kind.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, shape_path};
use crate::smithy::ast::{MemberOf, Model, Shape, Target};
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
        let listed = |list, index| Site::Listed {
            shape: service_id,
            list,
            index,
            suffix: "",
        };
        for (index, op) in service.operations.iter().enumerate() {
            walker.operation(listed("operations", index), op);
        }
        for (index, resource) in service.resources.iter().enumerate() {
            walker.resource(listed("resources", index), resource);
        }
        for (index, error) in service.errors.iter().enumerate() {
            if walker.error(listed("errors", index), error) {
                walker.closure.service_errors.push(error.target.clone());
            }
        }
    }
    walker.closure
}

/// Where a reference is written: the shape or member that makes it, and the JSON path of
/// the reference. Formatted only for a problem (nearly every reference is fine).
#[derive(Clone, Copy)]
enum Site<'a> {
    /// Entry `index` of list `list` of shape `shape`, then `suffix` (`""` or `.target`).
    Listed {
        shape: &'a str,
        list: &'static str,
        index: usize,
        suffix: &'static str,
    },
    /// The `input` or `output` of operation `shape`.
    Field { shape: &'a str, field: &'static str },
    /// The target of a member of `shape`.
    Member {
        shape: &'a str,
        member: MemberOf<'a>,
    },
}

impl Site<'_> {
    /// The shape or member id a problem here is reported on.
    fn from(self) -> String {
        match self {
            Site::Listed { shape, .. } | Site::Field { shape, .. } => shape.to_owned(),
            Site::Member { shape, member } => member.id(shape),
        }
    }

    /// The JSON path of the reference.
    fn path(self) -> String {
        match self {
            Site::Listed {
                shape,
                list,
                index,
                suffix,
            } => format!("{}.{list}[{index}]{suffix}", shape_path(shape)),
            Site::Field { shape, field } => format!("{}.{field}.target", shape_path(shape)),
            Site::Member { shape, member } => format!("{}.target", member.path(shape)),
        }
    }

    /// A problem found here.
    fn problem(self, message: String) -> Diagnostic {
        Diagnostic::at_shape(self.from(), self.path(), message)
    }
}

struct Walker<'a> {
    model: &'a Model,
    closure: Closure,
    visited_resources: BTreeSet<String>,
    problems: &'a mut Vec<Diagnostic>,
}

impl<'a> Walker<'a> {
    /// Looks up a target, reporting a dangling reference.
    fn resolve(&mut self, site: Site<'_>, target: &str) -> Option<&'a Shape> {
        let model: &'a Model = self.model;
        let shape = model.shapes.get(target);
        if shape.is_none() {
            self.problems
                .push(site.problem(format!("target `{target}` does not exist in the model")));
        }
        shape
    }

    fn wrong_kind(&mut self, site: Site<'_>, target: &str, found: &str, expected: &str) {
        self.problems.push(site.problem(format!(
            "target `{target}` is {} {found}, but {} {expected} is expected here",
            article(found),
            article(expected)
        )));
    }

    fn resource(&mut self, site: Site<'_>, target: &Target) {
        let id = target.target.as_str();
        match self.resolve(site, id) {
            Some(Shape::Resource(resource)) => {
                if !self.visited_resources.insert(id.to_owned()) {
                    return;
                }
                let listed = |list, index| Site::Listed {
                    shape: id,
                    list,
                    index,
                    suffix: "",
                };
                for (index, op) in resource.bound_operations().enumerate() {
                    self.operation(listed("operations", index), op);
                }
                for (index, child) in resource.resources.iter().enumerate() {
                    self.resource(listed("resources", index), child);
                }
            }
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(site, id, kind, "resource");
            }
            None => {}
        }
    }

    fn operation(&mut self, site: Site<'_>, target: &Target) {
        let id = target.target.as_str();
        match self.resolve(site, id) {
            Some(Shape::Operation(operation)) => {
                if !self.closure.operations.insert(id.to_owned()) {
                    return;
                }
                for (field, io) in [("input", &operation.input), ("output", &operation.output)] {
                    if let Some(io) = io {
                        self.structure(Site::Field { shape: id, field }, &io.target);
                    }
                }
                for (index, error) in operation.errors.iter().enumerate() {
                    let site = Site::Listed {
                        shape: id,
                        list: "errors",
                        index,
                        suffix: ".target",
                    };
                    self.error(site, error);
                }
            }
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(site, id, kind, "operation");
            }
            None => {}
        }
    }

    /// An operation input or output: a structure (or `smithy.api#Unit`).
    fn structure(&mut self, site: Site<'_>, id: &str) {
        match self.resolve(site, id) {
            Some(Shape::Structure(_)) if id == UNIT => {}
            Some(Shape::Structure(_)) => self.data(site, id),
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(site, id, kind, "structure");
            }
            None => {}
        }
    }

    /// An error reference; returns whether it is a valid error structure.
    fn error(&mut self, site: Site<'_>, target: &Target) -> bool {
        let id = target.target.as_str();
        match self.resolve(site, id) {
            Some(Shape::Structure(structure)) if traits::has(&structure.traits, traits::ERROR) => {
                self.data(site, id);
                true
            }
            Some(Shape::Structure(_)) => {
                self.problems.push(site.problem(format!(
                    "`{id}` is listed as an error but has no `smithy.api#error` trait"
                )));
                false
            }
            Some(other) => {
                let kind = other.kind_name();
                self.wrong_kind(site, id, kind, "error structure");
                false
            }
            None => false,
        }
    }

    /// A data shape and everything it reaches; a worklist, not recursion, so a chain of
    /// any length cannot exhaust the stack.
    fn data(&mut self, site: Site<'_>, id: &str) {
        let mut work = vec![(site, id)];
        while let Some((site, id)) = work.pop() {
            let Some(shape) = self.resolve(site, id) else {
                continue;
            };
            if !shape.is_data() {
                let kind = shape.kind_name();
                self.wrong_kind(site, id, kind, "data shape");
                continue;
            }
            if !self.closure.shapes.insert(id.to_owned()) {
                continue;
            }
            let member = |member| Site::Member { shape: id, member };
            match shape {
                Shape::Structure(aggregate) | Shape::Union(aggregate) => {
                    for (name, target) in aggregate.members.0.iter().rev() {
                        work.push((member(MemberOf::Named(name)), &target.target));
                    }
                }
                Shape::List(list) | Shape::Set(list) => {
                    work.push((member(MemberOf::Fixed("member")), &list.member.target));
                }
                Shape::Map(map) => {
                    work.push((member(MemberOf::Fixed("value")), &map.value.target));
                    let key_site = member(MemberOf::Fixed("key"));
                    if let Some(key) = self.resolve(key_site, &map.key.target) {
                        if matches!(key, Shape::String(_) | Shape::Enum(_)) {
                            work.push((key_site, &map.key.target));
                        } else {
                            let kind = key.kind_name();
                            self.wrong_kind(key_site, &map.key.target, kind, "string or enum");
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
