//! Structural comparison of two services' request and response closures.
//!
//! Types are matched by position (the member of the same name, the element of a list), not
//! by type name: boto3 users never see shape names, and a renamed shape with the same members
//! is the same API on the wire. Each pair of named types is compared once and the outcome
//! reused wherever the pair appears again; a pair met again while it is still being compared
//! (a recursive shape) adds nothing, since its changes are reported where it was first met;
//! an outcome cut short that way is not reused, because elsewhere the pair may be met
//! outside the cycle.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::report::{Change, ChangeKind, DetailKind, Step};
use super::sketch::{Types, scalar_name};
use crate::ir::{Constraints, Member, RustType, Service, TypeDef};

/// What comparing two values found, with paths relative to them.
#[derive(Debug, Default)]
pub struct Outcome {
    /// API changes.
    pub changes: Vec<Change>,
    /// Documentation and constraint changes.
    pub details: Vec<(Vec<Step>, DetailKind)>,
}

impl Outcome {
    fn extend_under(&mut self, prefix: &[Step], other: &Outcome) {
        let under = |path: &[Step]| prefix.iter().chain(path).cloned().collect::<Vec<_>>();
        self.changes
            .extend(other.changes.iter().map(|change| Change {
                path: under(&change.path),
                kind: change.kind.clone(),
            }));
        self.details.extend(
            other
                .details
                .iter()
                .map(|(path, kind)| (under(path), kind.clone())),
        );
    }

    fn change(&mut self, path: &[Step], kind: ChangeKind) {
        self.changes.push(Change {
            path: path.to_vec(),
            kind,
        });
    }
}

/// Compares the types of an old and a new service.
pub struct Comparer<'a> {
    /// The old service's types.
    pub old: Types<'a>,
    /// The new service's types.
    pub new: Types<'a>,
    memo: HashMap<(String, String), Rc<Outcome>>,
    open: HashSet<(String, String)>,
    /// How many times a comparison stopped at a pair being compared (a cycle).
    cycles_cut: usize,
}

impl<'a> Comparer<'a> {
    /// A comparer of `old` with `new`.
    pub fn new(old: &'a Service, new: &'a Service) -> Self {
        Comparer {
            old: Types::new(old),
            new: Types::new(new),
            memo: HashMap::new(),
            open: HashSet::new(),
            cycles_cut: 0,
        }
    }

    /// Compares an operation's input (or output) structures, given by Rust name; `None` is
    /// "no structure", which compares like a structure without members.
    pub fn structures(&mut self, old: Option<&str>, new: Option<&str>) -> Outcome {
        let mut outcome = Outcome::default();
        match (old, new) {
            (Some(old), Some(new)) => outcome.extend_under(&[], &self.named(old, new)),
            (None, Some(new)) => self.members(&[], members_of(self.new.get(new)), &mut outcome),
            (Some(old), None) => self.members(members_of(self.old.get(old)), &[], &mut outcome),
            (None, None) => {}
        }
        outcome
    }

    fn named(&mut self, old: &str, new: &str) -> Rc<Outcome> {
        let key = (old.to_owned(), new.to_owned());
        if let Some(done) = self.memo.get(&key) {
            return Rc::clone(done);
        }
        if !self.open.insert(key.clone()) {
            self.cycles_cut += 1;
            return Rc::new(Outcome::default());
        }
        let cycles_cut = self.cycles_cut;
        let mut outcome = Outcome::default();
        match (self.old.get(old), self.new.get(new)) {
            (Some(TypeDef::Struct(o)), Some(TypeDef::Struct(n))) => {
                self.members(&o.members, &n.members, &mut outcome);
            }
            (Some(TypeDef::Union(o)), Some(TypeDef::Union(n))) => {
                self.members(&o.variants, &n.variants, &mut outcome);
            }
            (Some(TypeDef::Enum(o)), Some(TypeDef::Enum(n))) => {
                let values = |e: &crate::ir::Enum| -> Vec<String> {
                    e.variants.iter().map(|v| v.wire_value.clone()).collect()
                };
                enum_values(values(o), values(n), false, &mut outcome);
            }
            (Some(TypeDef::IntEnum(o)), Some(TypeDef::IntEnum(n))) => {
                let values = |e: &crate::ir::IntEnum| -> Vec<String> {
                    e.variants.iter().map(|v| v.value.to_string()).collect()
                };
                enum_values(values(o), values(n), true, &mut outcome);
            }
            (o, n) => outcome.change(
                &[],
                ChangeKind::TypeChanged {
                    old: kind_of_named(o),
                    new: kind_of_named(n),
                },
            ),
        }
        self.open.remove(&key);
        let outcome = Rc::new(outcome);
        if self.cycles_cut == cycles_cut {
            self.memo.insert(key, Rc::clone(&outcome));
        }
        outcome
    }

    /// Members matched by wire name: new ones (in the new order), then removed ones.
    fn members(&mut self, old: &[Member], new: &[Member], outcome: &mut Outcome) {
        for member in new {
            let path = [Step::Member(member.wire_name.clone())];
            let Some(before) = old.iter().find(|o| o.wire_name == member.wire_name) else {
                let sketch = self.new.sketch_member(member);
                outcome.change(&path, ChangeKind::MemberAdded { sketch });
                continue;
            };
            if before.required != member.required {
                let required = member.required;
                outcome.change(&path, ChangeKind::RequiredChanged { required });
            }
            for detail in member_details(before, member) {
                outcome.details.push((path.to_vec(), detail));
            }
            self.values(&before.ty, &member.ty, &mut path.to_vec(), outcome);
        }
        for member in old {
            if !new.iter().any(|n| n.wire_name == member.wire_name) {
                let path = [Step::Member(member.wire_name.clone())];
                let sketch = self.old.sketch_member(member);
                outcome.change(&path, ChangeKind::MemberRemoved { sketch });
            }
        }
    }

    fn values(
        &mut self,
        old: &RustType,
        new: &RustType,
        path: &mut Vec<Step>,
        outcome: &mut Outcome,
    ) {
        match (old, new) {
            (RustType::Named(o), RustType::Named(n)) => {
                let nested = self.named(o, n);
                outcome.extend_under(path, &nested);
            }
            (RustType::List { item: o, .. }, RustType::List { item: n, .. }) => {
                self.nested(Step::Item, o, n, path, outcome);
            }
            (
                RustType::Map {
                    key: ok, value: ov, ..
                },
                RustType::Map {
                    key: nk, value: nv, ..
                },
            ) => {
                self.nested(Step::Key, ok, nk, path, outcome);
                self.nested(Step::Value, ov, nv, path, outcome);
            }
            (o, n) if scalar_name(o) == scalar_name(n) => {}
            (o, n) => {
                let old = self.kind_of(&self.old, o);
                let new = self.kind_of(&self.new, n);
                outcome.change(path, ChangeKind::TypeChanged { old, new });
            }
        }
    }

    fn nested(
        &mut self,
        step: Step,
        old: &RustType,
        new: &RustType,
        path: &mut Vec<Step>,
        outcome: &mut Outcome,
    ) {
        path.push(step);
        self.values(old, new, path, outcome);
        path.pop();
    }

    fn kind_of(&self, types: &Types<'_>, ty: &RustType) -> String {
        match ty {
            RustType::Named(name) => kind_of_named(types.get(name)),
            other => scalar_name(other).to_owned(),
        }
    }
}

fn members_of(ty: Option<&TypeDef>) -> &[Member] {
    match ty {
        Some(TypeDef::Struct(s)) => &s.members,
        Some(TypeDef::Union(u)) => &u.variants,
        _ => &[],
    }
}

/// How a type change names a generated type's kind.
fn kind_of_named(ty: Option<&TypeDef>) -> String {
    match ty {
        Some(TypeDef::Struct(_)) => "structure",
        Some(TypeDef::Union(_)) => "union",
        Some(TypeDef::Enum(_)) => "string enum",
        Some(TypeDef::IntEnum(_)) => "integer enum",
        None => "document",
    }
    .to_owned()
}

fn enum_values(old: Vec<String>, new: Vec<String>, integer: bool, outcome: &mut Outcome) {
    let added: Vec<String> = new.iter().filter(|v| !old.contains(v)).cloned().collect();
    let removed: Vec<String> = old.iter().filter(|v| !new.contains(v)).cloned().collect();
    if !added.is_empty() || !removed.is_empty() {
        let values = ChangeKind::EnumValues {
            added,
            removed,
            integer,
        };
        outcome.change(&[], values);
    }
}

/// Documentation, constraint, sensitivity and deprecation changes of a member.
fn member_details(old: &Member, new: &Member) -> Vec<DetailKind> {
    let mut details = Vec::new();
    if !same_text(&old.docs, &new.docs) {
        details.push(DetailKind::Documentation);
    }
    if old.constraints != new.constraints {
        details.push(DetailKind::Constraints {
            old: describe_constraints(&old.constraints),
            new: describe_constraints(&new.constraints),
        });
    }
    if old.sensitive != new.sensitive {
        details.push(DetailKind::Sensitive {
            sensitive: new.sensitive,
        });
    }
    if old.deprecated.is_some() != new.deprecated.is_some() {
        details.push(DetailKind::Deprecated {
            deprecated: new.deprecated.is_some(),
        });
    }
    details
}

/// Whether two documentation texts say the same, whitespace aside.
pub fn same_text(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// `length 1..128, pattern ^\w+$`, or `none`.
fn describe_constraints(c: &Constraints) -> String {
    fn bounds<T: std::fmt::Display>(min: &Option<T>, max: &Option<T>) -> String {
        let show = |v: &Option<T>| v.as_ref().map(ToString::to_string).unwrap_or_default();
        format!("{}..{}", show(min), show(max))
    }
    let mut parts = Vec::new();
    if c.min_length.is_some() || c.max_length.is_some() {
        parts.push(format!("length {}", bounds(&c.min_length, &c.max_length)));
    }
    if c.min.is_some() || c.max.is_some() {
        parts.push(format!("range {}", bounds(&c.min, &c.max)));
    }
    if let Some(pattern) = &c.pattern {
        parts.push(format!("pattern {pattern}"));
    }
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}
