//! Merges the ASTs of several files into one model: shapes (identical duplicates allowed,
//! others are conflicts), metadata (lists concatenate) and `apply` statements.

use std::collections::BTreeMap;

use super::build::FileAst;
use super::lexer::Pos;
use super::node::{Node, Object, get_mut, set};
use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::smithy::shape_id;

/// A diagnostic at `pos` in `file`.
pub fn located(file: &str, pos: Pos, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        location: Location::Source {
            file: file.to_owned(),
            line: pos.line,
            column: pos.column,
        },
        message: message.into(),
    }
}

/// One model under construction: shapes in order with an index by id.
#[derive(Default)]
struct Model {
    version_2: bool,
    metadata: Object,
    metadata_from: BTreeMap<String, (String, Pos)>,
    shapes: Object,
    index: BTreeMap<String, usize>,
    defined_at: Vec<(String, Pos)>,
}

/// Merges `files` (each named for errors) into one JSON AST model; every problem found
/// is reported.
pub fn assemble(files: Vec<(String, FileAst)>) -> Result<Node, Diagnostics> {
    let mut model = Model::default();
    let mut problems = Vec::new();
    let mut applies = Vec::new();
    for (file, ast) in files {
        model.version_2 |= ast.version.starts_with('2');
        for (key, value, pos) in ast.metadata {
            if let Err(problem) = model.add_metadata(&file, key, value, pos) {
                problems.push(problem);
            }
        }
        for (id, shape, pos) in ast.shapes {
            if let Err(problem) = model.add_shape(&file, id, shape, pos) {
                problems.push(problem);
            }
        }
        applies.extend(ast.applies.into_iter().map(|apply| (file.clone(), apply)));
    }
    for (file, (target, pos, traits)) in applies {
        for (trait_id, value, trait_pos) in traits {
            if let Err(message) = model.apply(&target, &trait_id, value) {
                let message = format!("{message} (applied to `{target}`)");
                let at = if message.starts_with("conflicting") {
                    trait_pos
                } else {
                    pos
                };
                problems.push(located(&file, at, message));
            }
        }
    }
    problems.extend(super::validate::check_traits(&mut model.shapes));
    if !problems.is_empty() {
        return Err(Diagnostics(problems));
    }
    let version = if model.version_2 { "2.0" } else { "1.0" };
    let mut root = vec![("smithy".to_owned(), Node::String(version.to_owned()))];
    if !model.metadata.is_empty() {
        root.push(("metadata".to_owned(), Node::Object(model.metadata)));
    }
    root.push(("shapes".to_owned(), Node::Object(model.shapes)));
    Ok(Node::Object(root))
}

impl Model {
    fn add_metadata(
        &mut self,
        file: &str,
        key: String,
        value: Node,
        pos: Pos,
    ) -> Result<(), Diagnostic> {
        match get_mut(&mut self.metadata, &key) {
            None => {
                self.metadata_from
                    .insert(key.clone(), (file.to_owned(), pos));
                self.metadata.push((key, value));
            }
            Some(Node::Array(existing)) if matches!(value, Node::Array(_)) => {
                if let Node::Array(items) = value {
                    existing.extend(items);
                }
            }
            Some(existing) if *existing == value => {}
            Some(_) => {
                let (other_file, other) = &self.metadata_from[&key];
                return Err(located(
                    file,
                    pos,
                    format!(
                        "metadata `{key}` conflicts with its value at {other_file}:{}:{}",
                        other.line, other.column
                    ),
                ));
            }
        }
        Ok(())
    }

    fn add_shape(
        &mut self,
        file: &str,
        id: String,
        shape: Node,
        pos: Pos,
    ) -> Result<(), Diagnostic> {
        if let Some(&index) = self.index.get(&id) {
            if self.shapes[index].1 == shape {
                return Ok(());
            }
            let (other_file, other) = &self.defined_at[index];
            return Err(located(
                file,
                pos,
                format!(
                    "conflicting shape definition for `{id}`: also defined at {other_file}:{}:{}",
                    other.line, other.column
                ),
            ));
        }
        self.index.insert(id.clone(), self.shapes.len());
        self.defined_at.push((file.to_owned(), pos));
        self.shapes.push((id, shape));
        Ok(())
    }

    /// Applies one trait to a shape or member; traits on members inherited from mixins
    /// become `apply` entries, as in Smithy's JSON AST.
    fn apply(&mut self, target: &str, trait_id: &str, value: Node) -> Result<(), String> {
        let (shape_id, member) = shape_id::split_member(target);
        let Some(&index) = self.index.get(shape_id) else {
            return Err(if shape_id.starts_with("smithy.api#") {
                format!("cannot apply traits to the prelude shape `{shape_id}`")
            } else {
                format!("`apply` targets `{target}`, which is not defined")
            });
        };
        let Node::Object(shape) = &mut self.shapes[index].1 else {
            return Err(format!("`{shape_id}` is not a shape object"));
        };
        let has_mixins = shape.iter().any(|(key, _)| key == "mixins");
        let holder = match member {
            None => Some(shape),
            Some(member) => member_object(shape, member),
        };
        match holder {
            Some(holder) => add_trait(holder, trait_id, value),
            None if has_mixins => {
                let index = match self.index.get(target) {
                    Some(&index) => index,
                    None => {
                        let entry = vec![("type".to_owned(), Node::String("apply".to_owned()))];
                        self.index.insert(target.to_owned(), self.shapes.len());
                        self.defined_at
                            .push((String::new(), Pos { line: 0, column: 0 }));
                        self.shapes.push((target.to_owned(), Node::Object(entry)));
                        self.shapes.len() - 1
                    }
                };
                match &mut self.shapes[index].1 {
                    Node::Object(entry) => add_trait(entry, trait_id, value),
                    _ => Err(format!("`{target}` is not a shape object")),
                }
            }
            None => Err(format!(
                "`apply` targets `{target}`, but `{shape_id}` has no such member"
            )),
        }
    }
}

/// The object of member `name` of a shape: in `members`, or `member`/`key`/`value`.
pub fn member_object<'a>(shape: &'a mut Object, name: &str) -> Option<&'a mut Object> {
    let in_members = shape.iter().any(|(key, _)| key == "members");
    let holder = if in_members {
        match get_mut(shape, "members") {
            Some(Node::Object(members)) => get_mut(members, name),
            _ => None,
        }
    } else if matches!(name, "member" | "key" | "value") {
        get_mut(shape, name)
    } else {
        None
    };
    match holder {
        Some(Node::Object(member)) => Some(member),
        _ => None,
    }
}

/// Adds a trait to the `traits` of a shape or member: list values concatenate, an equal
/// value is kept, another value is a conflict.
pub fn add_trait(holder: &mut Object, trait_id: &str, value: Node) -> Result<(), String> {
    if get_mut(holder, "traits").is_none() {
        set(holder, "traits", Node::empty_object());
    }
    let Some(Node::Object(traits)) = get_mut(holder, "traits") else {
        return Err("`traits` is not an object".to_owned());
    };
    match get_mut(traits, trait_id) {
        None => traits.push((trait_id.to_owned(), value)),
        Some(Node::Array(existing)) if matches!(value, Node::Array(_)) => {
            if let Node::Array(items) = value {
                existing.extend(items);
            }
        }
        Some(existing) if *existing == value => {}
        Some(_) => return Err(format!("conflicting values of trait `{trait_id}`")),
    }
    Ok(())
}
