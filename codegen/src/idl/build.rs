//! Turns one parsed file into its JSON AST: shape ids resolved, members, traits and
//! shape properties in the AST's form. `apply` statements are kept for the assembly,
//! since they may target shapes of other files.

use std::collections::{BTreeMap, BTreeSet};

use super::lexer::{Cursor, Parsed, Pos};
use super::node::{Node, Object, ShapeRef, set};
use super::prelude::PRELUDE_SHAPES;
use super::syntax::{MemberDef, ParsedFile, ShapeDef, TraitApp};
use crate::smithy::shape_id;

/// One file in AST form, ready to be merged with others.
pub struct FileAst {
    /// The IDL version (`1.0` or `2.0`).
    pub version: String,
    /// Metadata entries with where each was written.
    pub metadata: Vec<(String, Node, Pos)>,
    /// Shapes by absolute id, in order, each with where it was defined.
    pub shapes: Vec<(String, Node, Pos)>,
    /// `apply` statements: target id, traits (absolute id, value, where).
    pub applies: Vec<ApplyEntry>,
}

/// Resolves relative shape ids of one file.
pub struct Resolver<'a> {
    namespace: &'a str,
    uses: BTreeMap<&'a str, &'a str>,
    defined: BTreeSet<&'a str>,
}

impl Resolver<'_> {
    /// The absolute id for `text`: a `use`d name, a shape of this file, a prelude shape,
    /// or (when `fallback` is true) a shape of this namespace; otherwise `None`.
    fn resolve(&self, text: &str, fallback: bool) -> Option<String> {
        if text.contains('#') {
            return Some(text.to_owned());
        }
        let (name, member) = shape_id::split_member(text);
        let shape = if let Some(used) = self.uses.get(name) {
            (*used).to_owned()
        } else if self.defined.contains(name) {
            format!("{}#{name}", self.namespace)
        } else if PRELUDE_SHAPES.contains(&name) {
            format!("smithy.api#{name}")
        } else if fallback {
            format!("{}#{name}", self.namespace)
        } else {
            return None;
        };
        Some(match member {
            Some(member) => format!("{shape}${member}"),
            None => shape,
        })
    }

    /// The absolute id of a reference to a shape.
    pub fn shape(&self, reference: &ShapeRef) -> String {
        self.resolve(&reference.text, true).unwrap_or_default()
    }

    /// A node with every unquoted shape id resolved; ids that name no known shape stay
    /// as the text written (as Smithy keeps them).
    pub fn node(&self, node: &Node) -> Node {
        match node {
            Node::Id(reference) => Node::String(
                self.resolve(&reference.text, false)
                    .unwrap_or_else(|| reference.text.clone()),
            ),
            Node::Array(items) => Node::Array(items.iter().map(|item| self.node(item)).collect()),
            Node::Object(entries) => Node::Object(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), self.node(value)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// A `{"target": id}` node for a reference written as a shape id.
    fn target(&self, node: &Node, cursor: &Cursor<'_>, at: Pos) -> Parsed<Node> {
        let id = match node {
            Node::Id(reference) => self.shape(reference),
            _ => return Err(cursor.error_at(at, "expected a shape id")),
        };
        Ok(Node::Object(vec![("target".to_owned(), Node::String(id))]))
    }
}

/// Builds the AST of `parsed`; `cursor` only names the file in errors.
pub fn build_file(parsed: &ParsedFile, cursor: &Cursor<'_>) -> Parsed<FileAst> {
    let namespace = parsed.namespace.as_deref().unwrap_or("");
    let mut uses = BTreeMap::new();
    for (id, pos) in &parsed.uses {
        let name = shape_id::name(id);
        if uses.insert(name, id.as_str()).is_some_and(|old| old != id) {
            return Err(cursor.error_at(
                *pos,
                format!("`use` of `{id}` conflicts with another `use` of the name `{name}`"),
            ));
        }
    }
    let mut defined = BTreeSet::new();
    for shape in &parsed.shapes {
        // A shape written twice is merged (or refused as a conflict) by the assembly.
        defined.insert(shape.name.as_str());
        if let Some(used) = uses.get(shape.name.as_str()) {
            return Err(cursor.error_at(
                shape.pos,
                format!("shape `{}` conflicts with `use {used}`", shape.name),
            ));
        }
    }
    let resolver = Resolver {
        namespace,
        uses,
        defined,
    };
    let builder = Builder {
        parsed,
        resolver: &resolver,
        cursor,
    };
    let mut shapes = Vec::new();
    let mut applies = Vec::new();
    for shape in &parsed.shapes {
        let id = format!("{namespace}#{}", shape.name);
        let (node, member_applies) = builder.shape(shape, &id)?;
        shapes.push((id, node, shape.pos));
        applies.extend(member_applies);
    }
    for apply in &parsed.applies {
        let traits = builder.traits(&apply.traits, &apply.target.text)?;
        applies.push((resolver.shape(&apply.target), apply.target.pos, traits));
    }
    let mut metadata = Vec::new();
    for (key, value, pos) in &parsed.metadata {
        if let Some(unresolved) = first_unresolved(&resolver, value) {
            return Err(cursor.error_at(
                unresolved.pos,
                format!(
                    "`{}` in metadata is not a known shape id (quote it if it is a string)",
                    unresolved.text
                ),
            ));
        }
        metadata.push((key.clone(), resolver.node(value), *pos));
    }
    Ok(FileAst {
        version: parsed.version.clone().unwrap_or_else(|| "1.0".to_owned()),
        metadata,
        shapes,
        applies,
    })
}

/// The first unquoted shape id in `node` that names no known shape.
fn first_unresolved<'n>(resolver: &Resolver<'_>, node: &'n Node) -> Option<&'n ShapeRef> {
    match node {
        Node::Id(reference) => resolver
            .resolve(&reference.text, false)
            .is_none()
            .then_some(reference),
        Node::Array(items) => items
            .iter()
            .find_map(|item| first_unresolved(resolver, item)),
        Node::Object(entries) => entries
            .iter()
            .find_map(|(_, value)| first_unresolved(resolver, value)),
        _ => None,
    }
}

/// Traits resolved and combined: absolute id, value and where each was written.
pub type ResolvedTraits = Vec<(String, Node, Pos)>;

/// An `apply` statement resolved: target id, where it was written, and its traits.
pub type ApplyEntry = (String, Pos, ResolvedTraits);

/// Builds shapes of one file.
struct Builder<'a> {
    parsed: &'a ParsedFile,
    resolver: &'a Resolver<'a>,
    cursor: &'a Cursor<'a>,
}

impl Builder<'_> {
    /// Whether the file is IDL 1.0.
    fn version_1(&self) -> bool {
        self.parsed
            .version
            .as_deref()
            .is_none_or(|v| v.starts_with('1'))
    }

    /// Resolves trait names and values; the same trait twice is an error (doc comments
    /// give way to an explicit `@documentation`).
    fn traits(&self, traits: &[TraitApp], owner: &str) -> Parsed<ResolvedTraits> {
        let mut resolved: ResolvedTraits = Vec::new();
        for app in traits {
            let id = self.resolver.shape(&app.name);
            let value = self.resolver.node(&app.value);
            if self.version_1() && matches!(id.as_str(), "smithy.api#mixin" | "smithy.api#default")
            {
                return Err(self.cursor.error_at(
                    app.name.pos,
                    format!("`@{id}` on `{owner}` needs IDL version 2.0"),
                ));
            }
            match resolved.iter_mut().find(|(existing, _, _)| *existing == id) {
                Some(entry) if id == super::trait_apps::DOCUMENTATION => entry.1 = value,
                Some(entry) if entry.1 == value => {}
                Some(_) => {
                    return Err(self
                        .cursor
                        .error_at(app.name.pos, format!("trait `{id}` is applied twice")));
                }
                None => resolved.push((id, value, app.name.pos)),
            }
        }
        Ok(resolved)
    }

    /// The AST of one shape, plus `apply` entries for traits on inherited members.
    fn shape(&self, shape: &ShapeDef, id: &str) -> Parsed<(Node, Vec<ApplyEntry>)> {
        let mut object: Object = vec![("type".to_owned(), Node::String(shape.kind.clone()))];
        let mut applies = Vec::new();
        if !shape.mixins.is_empty() {
            let mixins = shape
                .mixins
                .iter()
                .map(|mixin| {
                    Node::Object(vec![(
                        "target".to_owned(),
                        Node::String(self.resolver.shape(mixin)),
                    )])
                })
                .collect();
            object.push(("mixins".to_owned(), Node::Array(mixins)));
        }
        match shape.kind.as_str() {
            "list" | "set" | "map" => {
                let allowed: &[&str] = if shape.kind == "map" {
                    &["key", "value"]
                } else {
                    &["member"]
                };
                for member in &shape.members {
                    if !allowed.contains(&member.name.as_str()) {
                        return Err(self.cursor.error_at(
                            member.pos,
                            format!(
                                "{} `{}` cannot have member `{}` (only {})",
                                shape.kind,
                                shape.name,
                                member.name,
                                allowed.join(" and ")
                            ),
                        ));
                    }
                    if let Some(node) = self.member(shape, member, id, &mut applies)? {
                        object.push((member.name.clone(), node));
                    }
                }
            }
            "structure" | "union" | "enum" | "intEnum" => {
                if shape.kind.ends_with("num")
                    && shape.members.is_empty()
                    && shape.mixins.is_empty()
                {
                    return Err(self.cursor.error_at(
                        shape.pos,
                        format!("{} `{}` needs at least one member", shape.kind, shape.name),
                    ));
                }
                let mut members = Vec::new();
                for member in &shape.members {
                    if let Some(node) = self.member(shape, member, id, &mut applies)? {
                        members.push((member.name.clone(), node));
                    }
                }
                object.push(("members".to_owned(), Node::Object(members)));
            }
            "operation" | "service" | "resource" => self.properties(shape, &mut object)?,
            _ => {}
        }
        let traits = self.traits(&shape.traits, &shape.name)?;
        if !traits.is_empty() {
            object.push(("traits".to_owned(), traits_node(traits)));
        }
        Ok((Node::Object(object), applies))
    }

    /// One member's AST, or `None` when it is inherited from a mixin (its traits then go
    /// to an `apply` entry).
    fn member(
        &self,
        shape: &ShapeDef,
        member: &MemberDef,
        shape_id: &str,
        applies: &mut Vec<ApplyEntry>,
    ) -> Parsed<Option<Node>> {
        let mut traits = self.traits(&member.traits, &format!("{}${}", shape.name, member.name))?;
        let is_enum = matches!(shape.kind.as_str(), "enum" | "intEnum");
        let target = if is_enum {
            let value = match (&member.value, shape.kind.as_str()) {
                (Some(value), _) => Some(self.resolver.node(value)),
                (None, _) if self.inherited(shape, &member.name, 0).is_some() => None,
                (None, "enum") => Some(Node::String(member.name.clone())),
                (None, _) if traits.iter().any(|(id, _, _)| id == "smithy.api#enumValue") => None,
                (None, _) => {
                    return Err(self.cursor.error_at(
                        member.pos,
                        format!("intEnum member `{}` needs a value", member.name),
                    ));
                }
            };
            if let Some(value) = &value {
                check_enum_value(&shape.kind, value)
                    .map_err(|message| self.cursor.error_at(member.pos, message))?;
            }
            if let Some(value) = value
                && !traits.iter().any(|(id, _, _)| id == "smithy.api#enumValue")
            {
                traits.push(("smithy.api#enumValue".to_owned(), value, member.pos));
            }
            "smithy.api#Unit".to_owned()
        } else if let Some(target) = &member.target {
            self.resolver.shape(target)
        } else if let Some(inherited) = self.inherited(shape, &member.name, 0) {
            let mixin_target = inherited.target.as_ref().map(|t| self.resolver.shape(t));
            if shape.for_resource.is_some()
                && let (Ok(from_resource), Some(from_mixin)) =
                    (self.resource_member_target(shape, member), mixin_target)
                && from_resource != from_mixin
            {
                return Err(self.cursor.error_at(member.pos, format!(
                    "elided member `{shape_id}${}` is `{from_resource}` in the resource but `{from_mixin}` in a mixin",
                    member.name
                )));
            }
            if !traits.is_empty() {
                applies.push((format!("{shape_id}${}", member.name), member.pos, traits));
            }
            return Ok(None);
        } else {
            self.resource_member_target(shape, member)?
        };
        if !is_enum && let Some(value) = &member.value {
            if traits.iter().any(|(id, _, _)| id == "smithy.api#default") {
                return Err(self
                    .cursor
                    .error_at(member.pos, "a member has both `= value` and `@default`"));
            }
            traits.push((
                "smithy.api#default".to_owned(),
                self.resolver.node(value),
                member.pos,
            ));
        }
        let mut object = vec![("target".to_owned(), Node::String(target))];
        if !traits.is_empty() {
            object.push(("traits".to_owned(), traits_node(traits)));
        }
        Ok(Some(Node::Object(object)))
    }

    /// Member `name` of a mixin of `shape` (of this file, followed transitively).
    fn inherited(&self, shape: &ShapeDef, name: &str, depth: usize) -> Option<&MemberDef> {
        if depth >= 32 {
            return None;
        }
        shape.mixins.iter().find_map(|mixin| {
            let mixin = self.local_shape(mixin)?;
            mixin
                .members
                .iter()
                .find(|m| m.name == name)
                .or_else(|| self.inherited(mixin, name, depth + 1))
        })
    }

    /// The shape of this file a reference names, if any.
    fn local_shape(&self, reference: &ShapeRef) -> Option<&ShapeDef> {
        let id = self.resolver.shape(reference);
        self.parsed
            .shapes
            .iter()
            .find(|shape| format!("{}#{}", self.resolver.namespace, shape.name) == id)
    }

    /// The target of an elided member taken from the `for` resource's identifiers or
    /// properties.
    fn resource_member_target(&self, shape: &ShapeDef, member: &MemberDef) -> Parsed<String> {
        let not_found = || {
            self.cursor.error_at(
                member.pos,
                format!(
                    "elided member `${}` is in no mixin or `for` resource of this file",
                    member.name
                ),
            )
        };
        let resource = shape
            .for_resource
            .as_ref()
            .and_then(|r| self.local_shape(r))
            .ok_or_else(not_found)?;
        ["identifiers", "properties"]
            .iter()
            .filter_map(|key| resource.properties.iter().find(|(k, _)| k == key))
            .find_map(|(_, entries)| match entries.get(&member.name) {
                Some(Node::Id(reference)) => Some(self.resolver.shape(reference)),
                _ => None,
            })
            .ok_or_else(not_found)
    }

    /// The properties of a service, resource or operation in AST form.
    fn properties(&self, shape: &ShapeDef, object: &mut Object) -> Parsed<()> {
        let (single, lists, maps): (&[&str], &[&str], &[&str]) = match shape.kind.as_str() {
            "operation" => (&["input", "output"], &["errors"], &[]),
            "service" => (&[], &["operations", "resources", "errors"], &[]),
            _ => (
                &["create", "put", "read", "update", "delete", "list"],
                &["operations", "collectionOperations", "resources"],
                &["identifiers", "properties"],
            ),
        };
        for (key, value) in &shape.properties {
            let key_str = key.as_str();
            if key_str == "properties" && self.version_1() {
                return Err(self
                    .cursor
                    .error_at(shape.pos, "resource `properties` need IDL version 2.0"));
            }
            let built = if single.contains(&key_str) {
                self.resolver_target(value, shape.pos)?
            } else if lists.contains(&key_str) {
                let Node::Array(items) = value else {
                    return Err(self
                        .cursor
                        .error_at(shape.pos, format!("`{key}` must be a list of shape ids")));
                };
                Node::Array(
                    items
                        .iter()
                        .map(|item| self.resolver_target(item, shape.pos))
                        .collect::<Parsed<_>>()?,
                )
            } else if maps.contains(&key_str) {
                let Node::Object(entries) = value else {
                    return Err(self
                        .cursor
                        .error_at(shape.pos, format!("`{key}` must map names to shape ids")));
                };
                Node::Object(
                    entries
                        .iter()
                        .map(|(name, item)| {
                            Ok((name.clone(), self.resolver_target(item, shape.pos)?))
                        })
                        .collect::<Parsed<_>>()?,
                )
            } else if shape.kind == "service" && key_str == "version" {
                match value {
                    Node::String(_) => value.clone(),
                    _ => {
                        return Err(self
                            .cursor
                            .error_at(shape.pos, "a service `version` must be a string"));
                    }
                }
            } else if shape.kind == "service" && key_str == "rename" {
                self.rename(value, shape.pos)?
            } else {
                return Err(self.cursor.error_at(
                    shape.pos,
                    format!("unknown {} property `{key}`", shape.kind),
                ));
            };
            set(object, key, built);
        }
        Ok(())
    }

    fn resolver_target(&self, node: &Node, at: Pos) -> Parsed<Node> {
        self.resolver.target(node, self.cursor, at)
    }

    /// A service's `rename` map: keys are shape ids (resolved), values new names.
    fn rename(&self, value: &Node, at: Pos) -> Parsed<Node> {
        let Node::Object(entries) = value else {
            return Err(self
                .cursor
                .error_at(at, "`rename` must map shape ids to names"));
        };
        entries
            .iter()
            .map(|(key, name)| match name {
                Node::String(_) => Ok((
                    self.resolver.shape(&ShapeRef {
                        text: key.clone(),
                        pos: at,
                    }),
                    name.clone(),
                )),
                _ => Err(self.cursor.error_at(at, "`rename` values must be strings")),
            })
            .collect::<Parsed<_>>()
            .map(Node::Object)
    }
}

/// An enum value must be a non-empty string, an intEnum value a 32-bit integer.
fn check_enum_value(kind: &str, value: &Node) -> Result<(), String> {
    match (kind, value) {
        ("enum", Node::String(text)) if !text.is_empty() => Ok(()),
        ("intEnum", Node::Number(number))
            if number.as_i64().is_some_and(|n| i32::try_from(n).is_ok()) =>
        {
            Ok(())
        }
        ("enum", _) => Err(format!(
            "enum members need a non-empty string value, not {}",
            value.to_json()
        )),
        _ => Err(format!(
            "intEnum members need a 32-bit integer value, not {}",
            value.to_json()
        )),
    }
}

/// The `traits` object of resolved traits.
pub fn traits_node(traits: ResolvedTraits) -> Node {
    Node::Object(
        traits
            .into_iter()
            .map(|(id, value, _)| (id, value))
            .collect(),
    )
}
