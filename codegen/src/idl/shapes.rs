//! Shape statements: the shape type and name, mixins, `for`, members, enum members,
//! and the bodies of services, resources and operations (with inline input and output).

use super::lexer::{Cursor, Parsed, Pos, at_keyword, keyword};
use super::node::{Node, Object, ShapeRef, parse_key, parse_node, parse_object};
use super::syntax::{FileSettings, MemberDef, ParsedFile, ShapeDef, TraitApp};
use super::trait_apps::{DOCUMENTATION, parse_traits};
use crate::smithy::ast::{SIMPLE_TYPES, is_shape_type};

/// Shape types with `{ name: Target }` members.
const AGGREGATE: &[&str] = &["list", "set", "map", "structure", "union"];

/// Parses one shape statement (after its traits) and adds it, plus any inline operation
/// input and output, to `parsed`.
pub fn parse_shape(
    cursor: &mut Cursor<'_>,
    parsed: &mut ParsedFile,
    settings: &FileSettings,
    traits: Vec<TraitApp>,
) -> Parsed<()> {
    let kind_pos = cursor.pos();
    let kind = cursor
        .identifier()
        .map_err(|_| cursor.expected("a shape type (`structure`, `string`, …) or `apply`"))?;
    if !is_shape_type(&kind) {
        return Err(cursor.error_at(kind_pos, format!("unknown shape type `{kind}`")));
    }
    if settings.version_1 && matches!(kind.as_str(), "enum" | "intEnum") {
        return Err(cursor.error_at(kind_pos, format!("`{kind}` shapes need IDL version 2.0")));
    }
    if !settings.version_1 && kind == "set" {
        return Err(cursor.error_at(
            kind_pos,
            "`set` shapes are IDL 1.0 only: use a `list` with `@uniqueItems`",
        ));
    }
    cursor.require_sp()?;
    let pos = cursor.pos();
    let name = cursor.identifier()?;
    let mut shape = ShapeDef {
        name,
        kind,
        pos,
        traits,
        mixins: Vec::new(),
        members: Vec::new(),
        properties: Vec::new(),
        for_resource: None,
    };
    let mut lookahead = cursor.clone();
    lookahead.sp();
    if AGGREGATE.contains(&shape.kind.as_str()) && at_keyword(&lookahead, "for") {
        *cursor = lookahead;
        keyword(cursor, "for");
        cursor.require_sp()?;
        shape.for_resource = Some(shape_ref(cursor)?);
    }
    shape.mixins = parse_mixins(cursor, settings)?;
    if SIMPLE_TYPES.contains(&shape.kind.as_str()) {
        parsed.shapes.push(shape);
        return Ok(());
    }
    cursor.ws();
    match shape.kind.as_str() {
        "enum" | "intEnum" => shape.members = parse_members(cursor, settings, &shape.name, true)?,
        "service" | "resource" => shape.properties = parse_object(cursor, 0)?,
        "operation" => {
            shape.properties = parse_operation_body(cursor, parsed, settings, &shape.name)?
        }
        _ => shape.members = parse_members(cursor, settings, &shape.name, false)?,
    }
    parsed.shapes.push(shape);
    Ok(())
}

/// A shape id at the cursor, with its position.
fn shape_ref(cursor: &mut Cursor<'_>) -> Parsed<ShapeRef> {
    let pos = cursor.pos();
    let text = cursor.shape_id()?;
    if text.contains('$') {
        return Err(cursor.error_at(
            pos,
            format!("`{text}` names a member, but a shape is needed here"),
        ));
    }
    Ok(ShapeRef { text, pos })
}

/// An optional `with [A, B]` (the cursor is left after `]`, or where it was).
fn parse_mixins(cursor: &mut Cursor<'_>, settings: &FileSettings) -> Parsed<Vec<ShapeRef>> {
    let mut lookahead = cursor.clone();
    lookahead.sp();
    if !at_keyword(&lookahead, "with") {
        return Ok(Vec::new());
    }
    if settings.version_1 {
        return Err(lookahead.error("mixins need IDL version 2.0"));
    }
    *cursor = lookahead;
    keyword(cursor, "with");
    cursor.ws();
    cursor.expect(b'[')?;
    cursor.ws();
    let mut mixins = Vec::new();
    while cursor.peek() != Some(b']') {
        mixins.push(shape_ref(cursor)?);
        cursor.ws();
    }
    if mixins.is_empty() {
        return Err(cursor.error("`with [...]` needs at least one mixin"));
    }
    cursor.bump();
    Ok(mixins)
}

/// `{ members }` of an aggregate shape, or of an enum when `enum_members`.
fn parse_members(
    cursor: &mut Cursor<'_>,
    settings: &FileSettings,
    shape_name: &str,
    enum_members: bool,
) -> Parsed<Vec<MemberDef>> {
    cursor.expect(b'{')?;
    let mut members: Vec<MemberDef> = Vec::new();
    let shape_name = shape_name.to_owned();
    loop {
        let traits = parse_traits(cursor)?;
        if cursor.peek() == Some(b'}') {
            if !traits.iter().all(|t| t.name.text == DOCUMENTATION) {
                return Err(cursor.expected("a member after its traits"));
            }
            cursor.bump();
            return Ok(members);
        }
        let member = parse_member(cursor, settings, enum_members, traits)?;
        if members.iter().any(|m| m.name == member.name) {
            return Err(cursor.error_at(
                member.pos,
                format!("duplicate member `{}` of `{shape_name}`", member.name),
            ));
        }
        members.push(member);
    }
}

/// One member: `name: Target`, `$name`, or an enum's `NAME`, each with an optional
/// `= value`.
fn parse_member(
    cursor: &mut Cursor<'_>,
    settings: &FileSettings,
    enum_member: bool,
    traits: Vec<TraitApp>,
) -> Parsed<MemberDef> {
    let elided = !enum_member && cursor.peek() == Some(b'$');
    if elided {
        if settings.version_1 {
            return Err(cursor.error("elided members need IDL version 2.0"));
        }
        cursor.bump();
    }
    let pos = cursor.pos();
    if cursor.at_end() {
        return Err(cursor.expected("`}`"));
    }
    let name = cursor.identifier()?;
    let target = if enum_member || elided {
        None
    } else {
        cursor.sp();
        cursor.expect(b':')?;
        cursor.sp();
        Some(shape_ref(cursor)?)
    };
    let mut lookahead = cursor.clone();
    lookahead.sp();
    let value = if lookahead.peek() == Some(b'=') {
        if settings.version_1 {
            return Err(lookahead.error("default values need IDL version 2.0"));
        }
        *cursor = lookahead;
        cursor.bump();
        cursor.sp();
        let value = parse_node(cursor, 1)?;
        cursor.sp();
        cursor.eat(b',');
        if cursor.peek() != Some(b'}') {
            cursor.br()?;
        }
        Some(value)
    } else {
        None
    };
    Ok(MemberDef {
        name,
        pos,
        target,
        elided,
        traits,
        value,
    })
}

/// An operation body: `input`, `output` (each `: Target` or `:= inline structure`) and
/// `errors`, each at most once.
fn parse_operation_body(
    cursor: &mut Cursor<'_>,
    parsed: &mut ParsedFile,
    settings: &FileSettings,
    operation: &str,
) -> Parsed<Object> {
    cursor.expect(b'{')?;
    cursor.ws();
    let mut properties: Object = Vec::new();
    while cursor.peek() != Some(b'}') {
        let pos = cursor.pos();
        let key = parse_key(cursor)?;
        if properties.iter().any(|(k, _)| *k == key) {
            return Err(cursor.error_at(pos, format!("duplicate operation property `{key}`")));
        }
        cursor.ws();
        let value = if cursor.starts_with(":=") && matches!(key.as_str(), "input" | "output") {
            if settings.version_1 {
                return Err(cursor.error("inline input and output need IDL version 2.0"));
            }
            cursor.bump();
            cursor.bump();
            let suffix = if key == "input" {
                &settings.input_suffix
            } else {
                &settings.output_suffix
            };
            let name = format!("{operation}{suffix}");
            inline_structure(cursor, parsed, settings, &key, name, pos)?
        } else {
            cursor.expect(b':')?;
            cursor.ws();
            parse_node(cursor, 1)?
        };
        properties.push((key, value));
        cursor.ws();
    }
    cursor.bump();
    Ok(properties)
}

/// An inline input or output structure (`:= @traits with [Mixins] { members }`), added
/// to `parsed` as `name` with `@input` or `@output`; returns the reference to it.
fn inline_structure(
    cursor: &mut Cursor<'_>,
    parsed: &mut ParsedFile,
    settings: &FileSettings,
    key: &str,
    name: String,
    pos: Pos,
) -> Parsed<Node> {
    let mut traits = vec![TraitApp {
        name: ShapeRef {
            text: format!("smithy.api#{key}"),
            pos,
        },
        value: Node::empty_object(),
    }];
    traits.extend(parse_traits(cursor)?);
    let mut for_resource = None;
    if at_keyword(cursor, "for") {
        keyword(cursor, "for");
        cursor.require_sp()?;
        for_resource = Some(shape_ref(cursor)?);
    }
    let mixins = parse_mixins(cursor, settings)?;
    cursor.ws();
    let members = parse_members(cursor, settings, &name, false)?;
    parsed.shapes.push(ShapeDef {
        name: name.clone(),
        kind: "structure".to_owned(),
        pos,
        traits,
        mixins,
        members,
        properties: Vec::new(),
        for_resource,
    });
    Ok(Node::Id(ShapeRef { text: name, pos }))
}
