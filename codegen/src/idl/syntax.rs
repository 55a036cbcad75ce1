//! What the parser reads from one file, before shape ids are resolved and the JSON AST is
//! built (resolution needs every shape of the file, including those defined later).

use super::lexer::Pos;
use super::node::{Node, Object, ShapeRef};

/// One parsed `.smithy` file.
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// The `$version` control statement's value, if any.
    pub version: Option<String>,
    /// Metadata entries in order, with where each key was written.
    pub metadata: Vec<(String, Node, Pos)>,
    /// The `namespace` statement's value.
    pub namespace: Option<String>,
    /// `use` statements: absolute shape ids with where each was written.
    pub uses: Vec<(String, Pos)>,
    /// Shape definitions in order (inline operation input and output included).
    pub shapes: Vec<ShapeDef>,
    /// `apply` statements in order.
    pub applies: Vec<Apply>,
}

/// One trait application: `@name(value)`, or a doc comment.
#[derive(Clone, Debug)]
pub struct TraitApp {
    /// The trait's shape id as written.
    pub name: ShapeRef,
    /// Its value (`{}` for an annotation trait).
    pub value: Node,
}

/// One shape statement.
#[derive(Debug)]
pub struct ShapeDef {
    /// The shape's name (relative to the file's namespace).
    pub name: String,
    /// The AST `type`: `string`, `structure`, `intEnum`, …
    pub kind: String,
    /// Where the name was written.
    pub pos: Pos,
    /// Traits applied in the statement, doc comments first.
    pub traits: Vec<TraitApp>,
    /// `with [...]` mixins.
    pub mixins: Vec<ShapeRef>,
    /// Members of aggregate and enum shapes.
    pub members: Vec<MemberDef>,
    /// Properties of services, resources and operations, as written.
    pub properties: Object,
    /// `for Resource`, whose identifiers and properties elided members may target.
    pub for_resource: Option<ShapeRef>,
}

/// One member of an aggregate or enum shape.
#[derive(Debug)]
pub struct MemberDef {
    /// The member name.
    pub name: String,
    /// Where the name was written.
    pub pos: Pos,
    /// The target as written; `None` for enum members and elided (`$name`) members.
    pub target: Option<ShapeRef>,
    /// Whether the member was written `$name` (target taken from a mixin or resource).
    pub elided: bool,
    /// Traits applied to the member.
    pub traits: Vec<TraitApp>,
    /// `= value`: the default of a structure member or the value of an enum member.
    pub value: Option<Node>,
}

/// An `apply` statement.
#[derive(Debug)]
pub struct Apply {
    /// The shape or member the traits are applied to.
    pub target: ShapeRef,
    /// The traits.
    pub traits: Vec<TraitApp>,
}

/// Per-file settings that shape statements need.
pub struct FileSettings {
    /// Suffix of inline operation input shapes (`$operationInputSuffix`).
    pub input_suffix: String,
    /// Suffix of inline operation output shapes (`$operationOutputSuffix`).
    pub output_suffix: String,
    /// Whether the file is IDL 1.0 (some 2.0 syntax is refused).
    pub version_1: bool,
}
