//! The intermediate representation: what the emitters read.
//!
//! Lowering decides everything here once — Rust names next to wire names,
//! optionality, boxing, redaction, documentation as Markdown — so emitters
//! never look at Smithy shapes. Every list is sorted, so output order never
//! depends on traversal order.

/// A service and everything reachable from its operations.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Absolute shape id of the service shape.
    pub shape_id: String,
    /// The service shape's name, e.g. `AWSCognitoIdentityProviderService`.
    pub wire_name: String,
    /// API version, e.g. `2016-04-18`.
    pub version: String,
    /// The `aws.api#service` sdkId (else the shape name), e.g. `Cognito Identity Provider`:
    /// it names the service's `AWS_ENDPOINT_URL_<ID>` variable and config-file section.
    pub sdk_id: String,
    /// Human title (from `smithy.api#title` or the sdkId).
    pub title: String,
    /// Cargo package name of the generated crate, e.g. `cognito-identity-provider`.
    pub crate_name: String,
    /// Name of the generated client trait, e.g. `CognitoIdentityProvider`.
    pub trait_name: String,
    /// Service documentation, Markdown.
    pub docs: String,
    /// Wire protocol.
    pub protocol: Protocol,
    /// SigV4 signing name, when the service is signed.
    pub signing_name: Option<String>,
    /// The endpoint rule set, as compact JSON text.
    pub endpoint_rules: Option<String>,
    /// Whether the service is `@awsQueryCompatible` (its requests say so in a header).
    pub query_compatible: bool,
    /// Operations, sorted by wire name.
    pub operations: Vec<Operation>,
    /// Operations the client does not offer, sorted by wire name (their input and output
    /// types are still generated).
    pub unsupported_operations: Vec<UnsupportedOperation>,
    /// Data types, sorted by Rust name.
    pub types: Vec<TypeDef>,
    /// Every error the operations may return, once each, sorted by method name: the
    /// service-wide `is_…` checks.
    pub errors: Vec<ErrorRef>,
    /// Codes of the error shapes the runtime retries as transient (`@retryable` without
    /// `throttling`), in type order.
    pub retryable_errors: Vec<String>,
    /// Codes of the error shapes the runtime retries as throttling, in type order.
    pub throttling_errors: Vec<String>,
    /// Hand-written example programs the crate gets in `examples/`.
    pub examples: Vec<ExampleFile>,
}

/// A hand-written example program, copied into the generated crate's `examples/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleFile {
    /// The file name, e.g. `list_users.rs` (the crate gets `examples/list_users.rs`).
    pub name: String,
    /// Where to edit it, as shown in the copy's header, e.g. `model/examples/list_users.rs`.
    pub origin: String,
    /// The program's source.
    pub contents: String,
}

/// The protocol a service speaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#awsJson1_0`
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`
    AwsJson1_1,
    /// Anything else: types are generated, the client is not.
    Other(String),
}

impl Protocol {
    /// The `X-Amz-Json` version for awsJson protocols.
    pub fn json_version(&self) -> Option<&'static str> {
        match self {
            Protocol::AwsJson1_0 => Some("1.0"),
            Protocol::AwsJson1_1 => Some("1.1"),
            Protocol::Other(_) => None,
        }
    }

    /// Whether the generator emits a client for this protocol (types are always emitted).
    pub fn has_client(&self) -> bool {
        self.json_version().is_some()
    }

    /// The protocol trait's shape id, e.g. `aws.protocols#restJson1` (`none` when unset).
    pub fn trait_id(&self) -> &str {
        match self {
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::Other(id) => id,
        }
    }
}

/// One operation of the service.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Absolute shape id.
    pub shape_id: String,
    /// Name on the wire (`X-Amz-Target` suffix), e.g. `ListUsers`.
    pub wire_name: String,
    /// Rust method name, e.g. `list_users`.
    pub method_name: String,
    /// Name of the per-operation error enum, e.g. `ListUsersError`.
    pub error_name: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Rust name of the input structure (`None` for `smithy.api#Unit`).
    pub input: Option<String>,
    /// The input's builder type, when the fluent request sends the input through it (see
    /// [`Builder::sendable`]).
    pub builder: Option<String>,
    /// Rust name of the output structure (`None` for `smithy.api#Unit`).
    pub output: Option<String>,
    /// Errors (operation's plus service-wide), sorted by Rust name.
    pub errors: Vec<ErrorRef>,
    /// Whether requests are signed.
    pub auth: Auth,
    /// Pagination, when the operation is `@paginated`.
    pub pagination: Option<Pagination>,
    /// Why the operation has no paginator although the model paginates it (a structured
    /// page token, like DynamoDB's `ExclusiveStartKey` map), for its docs.
    pub unpaginated: Option<String>,
    /// Optional input fields marked `@idempotencyToken`: the client fills them with a fresh
    /// token when the caller leaves them unset.
    pub idempotency_tokens: Vec<String>,
    /// The `@endpoint` host prefix template (`{label}`s name `@hostLabel` input members).
    pub host_prefix: Option<String>,
}

/// An operation the client does not offer, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnsupportedOperation {
    /// Name on the wire, e.g. `SubscribeToShard`.
    pub wire_name: String,
    /// Why, e.g. "its output is an event stream (`EventStream`)".
    pub reason: String,
}

/// A modelled error an operation may return.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRef {
    /// Rust name of the error structure (also the enum variant name).
    pub type_name: String,
    /// The error code on the wire (the shape's name).
    pub code: String,
    /// Snake-case name for the `is_…` helper.
    pub method_name: String,
}

/// How an operation authenticates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Signed with SigV4.
    SigV4,
    /// Sent unsigned (`@auth([])` or `@optionalAuth`, or an unsigned service).
    None,
}

/// Pagination of a list operation, resolved to Rust member names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pagination {
    /// Input member that carries the token.
    pub input_token: FieldRef,
    /// Output member (path) that carries the next token.
    pub output_token: Vec<FieldRef>,
    /// Output member (path) holding the items, when the model names one.
    pub items: Option<PaginatedItems>,
    /// Input member for the page size, if any.
    pub page_size: Option<FieldRef>,
}

/// A member reference in a pagination path: Rust field name plus whether it is optional.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRef {
    /// Rust field name.
    pub field: String,
    /// Whether the field is `Option<…>`.
    pub optional: bool,
}

/// Where a paginated operation's items live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaginatedItems {
    /// Path of fields from the output to the items collection.
    pub path: Vec<FieldRef>,
    /// Rust type of one item; for maps, the map type itself (items are `(key, value)`).
    pub item_type: RustType,
    /// Whether the collection is a map (items are `(key, value)` pairs).
    pub is_map: bool,
}

/// A generated data type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeDef {
    /// A structure (including inputs, outputs and errors).
    Struct(Struct),
    /// A string enum.
    Enum(Enum),
    /// An integer enum.
    IntEnum(IntEnum),
    /// A tagged union.
    Union(Union),
}

impl TypeDef {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::IntEnum(e) => &e.name,
            TypeDef::Union(u) => &u.name,
        }
    }
}

/// What role a structure plays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StructRole {
    /// An operation input: gets a builder and required-member validation.
    Input,
    /// An operation output.
    Output,
    /// An error shape.
    Error(ErrorInfo),
    /// Any other structure.
    Data,
}

/// Facts about an error shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// `true` for `@error("server")`.
    pub server_fault: bool,
    /// `@httpError` code, when modelled.
    pub http_status: Option<u16>,
    /// `@retryable`.
    pub retryable: bool,
    /// `@retryable(throttling: true)`.
    pub throttling: bool,
}

/// A structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Struct {
    /// Absolute shape id.
    pub shape_id: String,
    /// Rust type name.
    pub name: String,
    /// The shape's name on the wire (the error code, for errors).
    pub wire_name: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Role.
    pub role: StructRole,
    /// The builder (operation inputs only): its type name, unique among all type names, and
    /// one setter name per member.
    pub builder: Option<Builder>,
    /// Members in model order.
    pub members: Vec<Member>,
    /// Whether the shape itself is `@sensitive`: every member is redacted wherever it prints.
    pub sensitive: bool,
}

/// The builder of an operation input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Builder {
    /// The builder type's name, unique among all type names.
    pub name: String,
    /// The methods of each member, in member order; unique within the builder.
    pub setters: Vec<SetterNames>,
    /// Whether the client sends the input through this builder (the service has a client
    /// and exactly one of its operations takes this input), so the builder can carry a
    /// client.
    pub sendable: bool,
}

/// The builder methods of one input member, unique within their builder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetterNames {
    /// Sets the member, or for a list or map adds one item or entry, e.g. `user_pool_id`.
    pub setter: String,
    /// Replaces the member with an `Option` (the whole list or map), e.g. `set_user_pool_id`.
    pub option_setter: String,
}

/// A structure member (or union variant).
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Name on the wire (JSON key).
    pub wire_name: String,
    /// Rust field name (snake case, escaped).
    pub rust_name: String,
    /// Rust type, without the `Option`.
    pub ty: RustType,
    /// Whether the field is `Option<…>`.
    pub optional: bool,
    /// Whether the model marks the member `@required` (checked for inputs).
    pub required: bool,
    /// `@default` value, when not the type's zero value.
    pub default: Option<DefaultValue>,
    /// Whether `Debug` must redact the value.
    pub sensitive: bool,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Whether the field must be boxed to break a recursive cycle.
    pub boxed: bool,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// Documentation, Markdown (member docs, else the target's).
    pub docs: String,
    /// Constraints, as documentation-only facts.
    pub constraints: Constraints,
}

/// Validation facts from `@length`, `@range` and `@pattern`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// `@length` min.
    pub min_length: Option<u64>,
    /// `@length` max.
    pub max_length: Option<u64>,
    /// `@range` min.
    pub min: Option<f64>,
    /// `@range` max.
    pub max: Option<f64>,
    /// `@pattern`.
    pub pattern: Option<String>,
}

/// A Rust type used by a member.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RustType {
    /// `String`
    String,
    /// `bool`
    Bool,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// Arbitrary precision number (`bigInteger`, `bigDecimal`).
    BigNumber,
    /// Bytes, base64 on the wire.
    Blob,
    /// A point in time, in the given wire format.
    Timestamp(TimestampFormat),
    /// Untyped JSON.
    Document,
    /// No value (a union variant targeting `smithy.api#Unit`).
    Unit,
    /// A generated type, by Rust name.
    Named(String),
    /// `Vec<T>`; `sparse` lists hold `Option<T>`.
    List {
        /// Element type.
        item: Box<RustType>,
        /// `@sparse`.
        sparse: bool,
    },
    /// `HashMap<K, V>`; `sparse` maps hold `Option<V>`.
    Map {
        /// Key type (`String` or a string enum).
        key: Box<RustType>,
        /// Value type.
        value: Box<RustType>,
        /// `@sparse`.
        sparse: bool,
    },
}

/// Wire format of a timestamp.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimestampFormat {
    /// Seconds since the epoch, as a JSON number (the awsJson default).
    EpochSeconds,
    /// RFC 3339 string.
    DateTime,
    /// RFC 7231 IMF-fixdate string.
    HttpDate,
}

/// A `@default` value that differs from the type's zero value.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string (or string enum value).
    String(String),
    /// An integer enum value.
    IntEnum(i32),
    /// A timestamp, as epoch seconds.
    Timestamp(f64),
    /// A blob's bytes (decoded from the model's base64).
    Blob(Vec<u8>),
    /// A document that is not `null`.
    Document(serde_json::Value),
}

/// `@deprecated` details.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deprecation {
    /// Why, or what to use instead.
    pub message: Option<String>,
    /// Since which version or date.
    pub since: Option<String>,
}

/// A string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// Absolute shape id.
    pub shape_id: String,
    /// The shape's name, e.g. `UserStatusType`.
    pub wire_name: String,
    /// Rust type name.
    pub name: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Known values, in model order.
    pub variants: Vec<EnumVariant>,
}

/// A known value of a string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// Value on the wire.
    pub wire_value: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
}

/// An integer enum.
#[derive(Clone, Debug, PartialEq)]
pub struct IntEnum {
    /// Absolute shape id.
    pub shape_id: String,
    /// The shape's name, e.g. `UserStatusType`.
    pub wire_name: String,
    /// Rust type name.
    pub name: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Known values, in model order.
    pub variants: Vec<IntEnumVariant>,
}

/// A known value of an integer enum.
#[derive(Clone, Debug, PartialEq)]
pub struct IntEnumVariant {
    /// Rust variant name.
    pub rust_name: String,
    /// Value on the wire.
    pub value: i32,
    /// Documentation, Markdown.
    pub docs: String,
}

/// A tagged union: exactly one member is set.
#[derive(Clone, Debug, PartialEq)]
pub struct Union {
    /// Absolute shape id.
    pub shape_id: String,
    /// The shape's name, e.g. `UserStatusType`.
    pub wire_name: String,
    /// Rust type name.
    pub name: String,
    /// Documentation, Markdown.
    pub docs: String,
    /// Deprecation, if any.
    pub deprecated: Option<Deprecation>,
    /// Variants in model order; `rust_name` is PascalCase here.
    pub variants: Vec<Member>,
    /// Whether the shape itself is `@sensitive`: every variant's value is redacted.
    pub sensitive: bool,
}
