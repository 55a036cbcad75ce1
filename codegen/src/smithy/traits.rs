//! Trait ids, and plain JSON reads of trait values (the typed reads are
//! [`super::trait_values::TraitValue::get`]).

use serde_json::Value;

use super::ast::Traits;

/// `smithy.api#documentation`
pub const DOCUMENTATION: &str = "smithy.api#documentation";
/// `smithy.api#required`
pub const REQUIRED: &str = "smithy.api#required";
/// `smithy.api#default`
pub const DEFAULT: &str = "smithy.api#default";
/// `smithy.api#clientOptional`
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
/// `smithy.api#sensitive`
pub const SENSITIVE: &str = "smithy.api#sensitive";
/// `smithy.api#deprecated`
pub const DEPRECATED: &str = "smithy.api#deprecated";
/// `smithy.api#enumValue`
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
/// `smithy.api#enum` (Smithy 1.0 enum trait on strings)
pub const ENUM: &str = "smithy.api#enum";
/// `smithy.api#error`
pub const ERROR: &str = "smithy.api#error";
/// `smithy.api#httpError`
pub const HTTP_ERROR: &str = "smithy.api#httpError";
/// `smithy.api#retryable`
pub const RETRYABLE: &str = "smithy.api#retryable";
/// `smithy.api#paginated`
pub const PAGINATED: &str = "smithy.api#paginated";
/// `smithy.api#idempotencyToken`
pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
/// `smithy.api#timestampFormat`
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
/// `smithy.api#sparse`
pub const SPARSE: &str = "smithy.api#sparse";
/// `smithy.api#jsonName`
pub const JSON_NAME: &str = "smithy.api#jsonName";
/// `smithy.api#length`
pub const LENGTH: &str = "smithy.api#length";
/// `smithy.api#range`
pub const RANGE: &str = "smithy.api#range";
/// `smithy.api#pattern`
pub const PATTERN: &str = "smithy.api#pattern";
/// `smithy.api#input`
pub const INPUT: &str = "smithy.api#input";
/// `smithy.api#output`
pub const OUTPUT: &str = "smithy.api#output";
/// `smithy.api#auth`
pub const AUTH: &str = "smithy.api#auth";
/// `smithy.api#optionalAuth`
pub const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
/// `smithy.api#title`
pub const TITLE: &str = "smithy.api#title";
/// `smithy.api#streaming`
pub const STREAMING: &str = "smithy.api#streaming";
/// `aws.api#service`
pub const AWS_SERVICE: &str = "aws.api#service";
/// `aws.auth#sigv4`
pub const SIGV4: &str = "aws.auth#sigv4";
/// `smithy.api#endpoint`
pub const ENDPOINT: &str = "smithy.api#endpoint";
/// `aws.protocols#awsQueryCompatible`
pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
/// `aws.protocols#awsJson1_0`
pub const AWS_JSON_1_0: &str = "aws.protocols#awsJson1_0";
/// `aws.protocols#awsJson1_1`
pub const AWS_JSON_1_1: &str = "aws.protocols#awsJson1_1";
/// `smithy.rules#endpointRuleSet`
pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";

/// True when the trait is present (whatever its value).
pub fn has(traits: &Traits, id: &str) -> bool {
    traits.contains_key(id)
}

/// The trait's value when it is a string.
pub fn string<'a>(traits: &'a Traits, id: &str) -> Option<&'a str> {
    traits.get(id).and_then(Value::as_str)
}

/// A string field of an object-valued trait, e.g. `aws.api#service` → `sdkId`.
pub fn field<'a>(traits: &'a Traits, id: &str, key: &str) -> Option<&'a str> {
    traits.get(id)?.get(key)?.as_str()
}
