//! Serde types for botocore's `service-2.json` and `paginators-1.json`.
//!
//! Only the keys the conversion reads are modelled; unknown keys are ignored, like botocore
//! itself does. Structure members keep their model order.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::smithy::ast::Ordered;

/// A whole `service-2.json`.
#[derive(Debug, Deserialize)]
pub struct ServiceModel {
    /// Service-wide facts: protocol, version, names.
    pub metadata: Metadata,
    /// Service documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Operations by name.
    pub operations: BTreeMap<String, Operation>,
    /// Shapes by name.
    #[serde(default)]
    pub shapes: BTreeMap<String, Shape>,
}

/// The `metadata` object.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// API version, e.g. `2016-04-18`.
    pub api_version: String,
    /// Wire protocol: `json`, `rest-json`, `rest-xml`, `query`, `ec2`, `smithy-rpc-v2-cbor`.
    pub protocol: String,
    /// `1.0` or `1.1` for the `json` protocol.
    #[serde(default)]
    pub json_version: Option<String>,
    /// `X-Amz-Target` prefix of the `json` protocol; AWS names the Smithy service shape so.
    #[serde(default)]
    pub target_prefix: Option<String>,
    /// Endpoint prefix, e.g. `cognito-idp`; also the default signing name.
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    /// SigV4 signing name when it differs from the endpoint prefix.
    #[serde(default)]
    pub signing_name: Option<String>,
    /// `v4`, `s3v4`, `bearer`, … (older models).
    #[serde(default)]
    pub signature_version: Option<String>,
    /// Auth scheme ids, e.g. `["aws.auth#sigv4"]` (newer models).
    #[serde(default)]
    pub auth: Vec<String>,
    /// The SDK id, e.g. `Cognito Identity Provider` (absent in models before 2018).
    #[serde(default)]
    pub service_id: Option<String>,
    /// Full name, e.g. `Amazon Cognito Identity Provider`.
    #[serde(default)]
    pub service_full_name: Option<String>,
    /// Short name, e.g. `Amazon SES`, when the model has one.
    #[serde(default)]
    pub service_abbreviation: Option<String>,
}

/// A reference to a shape, with the facts botocore attaches to the reference (members,
/// list elements, operation inputs).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    /// Name of the target shape.
    pub shape: String,
    /// Documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Deprecated member.
    #[serde(default)]
    pub deprecated: bool,
    /// Why it is deprecated.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// Since when it is deprecated.
    #[serde(default)]
    pub deprecated_since: Option<String>,
    /// Filled in with a fresh token when the caller leaves it empty.
    #[serde(default)]
    pub idempotency_token: bool,
    /// Timestamp format of this member (overrides the shape's).
    #[serde(default)]
    pub timestamp_format: Option<String>,
}

/// An operation.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Input structure, if any.
    #[serde(default)]
    pub input: Option<ShapeRef>,
    /// Output structure, if any.
    #[serde(default)]
    pub output: Option<ShapeRef>,
    /// Errors the operation can return.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Deprecated operation.
    #[serde(default)]
    pub deprecated: bool,
    /// Why it is deprecated.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// Older auth marker: `none` means unsigned.
    #[serde(default)]
    pub authtype: Option<String>,
    /// Newer auth list: `["smithy.api#noAuth"]` means unsigned.
    #[serde(default)]
    pub auth: Option<Vec<String>>,
}

/// `error` details of an exception structure.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    /// The HTTP status code the service answers with.
    #[serde(default)]
    pub http_status_code: Option<u16>,
}

/// `retryable` details of an exception structure.
#[derive(Debug, Deserialize)]
pub struct Retryable {
    /// A throttling error (retried with more back-off).
    #[serde(default)]
    pub throttling: bool,
}

/// Any shape: botocore uses one flat object whose keys depend on `type`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    /// `string`, `integer`, `structure`, `list`, `map`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Structure members, in model order.
    #[serde(default)]
    pub members: Ordered<ShapeRef>,
    /// Names of required members.
    #[serde(default)]
    pub required: Vec<String>,
    /// List element.
    #[serde(default)]
    pub member: Option<ShapeRef>,
    /// Map key.
    #[serde(default)]
    pub key: Option<ShapeRef>,
    /// Map value.
    #[serde(default)]
    pub value: Option<ShapeRef>,
    /// Known values of a string.
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    /// Minimum length (strings, blobs, collections) or value (numbers).
    #[serde(default)]
    pub min: Option<serde_json::Number>,
    /// Maximum length (strings, blobs, collections) or value (numbers).
    #[serde(default)]
    pub max: Option<serde_json::Number>,
    /// Regular expression a string must match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Values must not be logged.
    #[serde(default)]
    pub sensitive: bool,
    /// The structure is an error.
    #[serde(default)]
    pub exception: bool,
    /// The error is the service's fault (a server error).
    #[serde(default)]
    pub fault: bool,
    /// Error details (HTTP status code).
    #[serde(default)]
    pub error: Option<ErrorDetails>,
    /// The error may be retried.
    #[serde(default)]
    pub retryable: Option<Retryable>,
    /// The structure stands for an untyped JSON document.
    #[serde(default)]
    pub document: bool,
    /// The structure is a tagged union (exactly one member set).
    #[serde(default)]
    pub union: bool,
    /// Deprecated shape.
    #[serde(default)]
    pub deprecated: bool,
    /// Why it is deprecated.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// Documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Timestamp wire format: `iso8601`, `rfc822` or `unixTimestamp`.
    #[serde(default)]
    pub timestamp_format: Option<String>,
    /// A streaming blob.
    #[serde(default)]
    pub streaming: bool,
}

/// A whole `paginators-1.json`.
#[derive(Debug, Deserialize)]
pub struct Paginators {
    /// Paginator settings by operation name.
    pub pagination: BTreeMap<String, Paginator>,
}

/// How one operation pages. Tokens may be one name or several (or a JMESPath expression).
#[derive(Debug, Deserialize)]
pub struct Paginator {
    /// Input member that carries the token.
    pub input_token: Value,
    /// Output member (path) that carries the next token.
    pub output_token: Value,
    /// Input member for the page size.
    #[serde(default)]
    pub limit_key: Option<String>,
    /// Output member (path) holding the items.
    #[serde(default)]
    pub result_key: Option<Value>,
}
