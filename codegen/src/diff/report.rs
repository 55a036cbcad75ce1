//! What a model diff found: new, removed and updated operations, and the documentation and
//! constraint changes that do not change the API. Every list is in a deterministic order.

use serde::Serialize;

/// The shape of a value, as boto3's documentation sketches it: enough to print the request
/// and response syntax of an operation or a new member "in full".
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Sketch {
    /// A value without structure, named as boto3 documents it (`string`, `integer`, …).
    Scalar {
        /// The scalar's type name.
        name: &'static str,
    },
    /// A string (or integer) with known values.
    Enum {
        /// The values, in model order.
        values: Vec<String>,
    },
    /// A list.
    List {
        /// The element.
        item: Box<Sketch>,
    },
    /// A map.
    Map {
        /// The key.
        key: Box<Sketch>,
        /// The value.
        value: Box<Sketch>,
    },
    /// A structure (or union: exactly one member is set).
    Structure {
        /// Members in model order.
        members: Vec<Field>,
        /// Whether it is a union.
        union: bool,
    },
    /// A structure already being sketched further up: the sketch stops here.
    Recursive {
        /// The shape name.
        name: String,
    },
}

/// A member of a sketched structure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    /// Name on the wire.
    pub name: String,
    /// Whether the model marks it required.
    pub required: bool,
    /// Its value.
    pub sketch: Sketch,
}

/// One step from an operation's request or response to a nested value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// A structure member, by wire name.
    Member(String),
    /// The elements of a list.
    Item,
    /// The keys of a map.
    Key,
    /// The values of a map.
    Value,
}

/// A change that makes an operation "updated".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// Where, from the request or response structure.
    pub path: Vec<Step>,
    /// What.
    pub kind: ChangeKind,
}

/// The kinds of API change.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ChangeKind {
    /// A new member; its value in full.
    MemberAdded {
        /// The new member's value.
        sketch: Sketch,
    },
    /// A member that is gone; what its value was.
    MemberRemoved {
        /// The old member's value.
        sketch: Sketch,
    },
    /// The value's kind changed (e.g. `string` → `integer`, `list` → `structure`).
    TypeChanged {
        /// The old kind.
        old: String,
        /// The new kind.
        new: String,
    },
    /// Enum values added or removed.
    EnumValues {
        /// New values, in model order.
        added: Vec<String>,
        /// Values that are gone, in the old model's order.
        removed: Vec<String>,
        /// Whether the values are integers (an `intEnum`), not strings.
        integer: bool,
    },
    /// The member became required, or stopped being required.
    RequiredChanged {
        /// Whether it is required now.
        required: bool,
    },
}

/// Which part of an operation a detail is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// The operation itself.
    Operation,
    /// Its request.
    Request,
    /// Its response.
    Response,
}

/// A change that does not make an operation "updated": documentation, constraints, and
/// other facts that leave the request and response shapes as they were.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Detail {
    /// Operation, request or response.
    pub side: Side,
    /// Where, from the request or response structure (empty for the structure itself).
    pub path: Vec<Step>,
    /// What.
    pub kind: DetailKind,
}

/// The kinds of detail.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum DetailKind {
    /// The documentation text changed.
    Documentation,
    /// Length, range or pattern constraints changed.
    Constraints {
        /// The old constraints, e.g. `length 1..128`.
        old: String,
        /// The new constraints.
        new: String,
    },
    /// The value became (or stopped being) sensitive.
    Sensitive {
        /// Whether it is sensitive now.
        sensitive: bool,
    },
    /// The operation or member became (or stopped being) deprecated.
    Deprecated {
        /// Whether it is deprecated now.
        deprecated: bool,
    },
    /// The operation may return a new error.
    ErrorAdded {
        /// The error code.
        error: String,
    },
    /// The operation no longer lists an error.
    ErrorRemoved {
        /// The error code.
        error: String,
    },
}

/// An operation's names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OperationName {
    /// As Smithy (and the wire) names it, e.g. `GetUICustomization`.
    pub smithy: String,
    /// As boto3 names the method, e.g. `get_ui_customization`.
    pub boto3: String,
}

/// An operation only the new model has.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NewOperation {
    /// Its names.
    pub name: OperationName,
    /// The request structure (`None` when the operation takes no input).
    pub request: Option<Sketch>,
    /// The response structure (`None` when it returns nothing).
    pub response: Option<Sketch>,
}

/// An operation whose request or response changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UpdatedOperation {
    /// Its names.
    pub name: OperationName,
    /// Changes of the request.
    pub request: Vec<Change>,
    /// Changes of the response.
    pub response: Vec<Change>,
}

/// Documentation and constraint changes of one operation present in both models.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperationDetails {
    /// Its names.
    pub name: OperationName,
    /// The changes.
    pub details: Vec<Detail>,
}

/// The whole comparison of two models.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The service's title (from the new model).
    pub service: String,
    /// Operations only the new model has, by Smithy name.
    pub new_operations: Vec<NewOperation>,
    /// Operations only the old model has, by Smithy name.
    pub removed_operations: Vec<OperationName>,
    /// Operations whose request or response changed, by Smithy name.
    pub updated_operations: Vec<UpdatedOperation>,
    /// Operations in both models with documentation or constraint changes, by Smithy name.
    pub details: Vec<OperationDetails>,
}

impl Report {
    /// `9 new 9 updated api methods`, with `N removed` when operations were removed.
    pub fn title(&self) -> String {
        let mut title = format!(
            "{} new {} updated",
            self.new_operations.len(),
            self.updated_operations.len()
        );
        if !self.removed_operations.is_empty() {
            title.push_str(&format!(" {} removed", self.removed_operations.len()));
        }
        title.push_str(" api methods");
        title
    }

    /// Whether the API changed at all (documentation and constraints aside).
    pub fn api_changed(&self) -> bool {
        !(self.new_operations.is_empty()
            && self.removed_operations.is_empty()
            && self.updated_operations.is_empty())
    }
}
