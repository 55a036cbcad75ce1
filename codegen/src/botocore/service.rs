//! botocore `metadata` → the Smithy service shape and the namespace of every shape id.

use serde_json::{Value, json};

use super::model::{Metadata, ServiceModel};
use crate::diagnostic::Diagnostic;
use crate::smithy::ast::{Service, Shape, Target, Traits};
use crate::smithy::traits as t;

/// How AWS names the service's shapes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceNames {
    /// Smithy namespace, e.g. `com.amazonaws.cognitoidentityprovider`.
    pub namespace: String,
    /// Absolute id of the service shape, e.g.
    /// `com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService`.
    pub service_id: String,
    /// The SDK id, e.g. `Cognito Identity Provider`.
    pub sdk_id: String,
}

impl ServiceNames {
    /// The absolute id of the shape called `name` in this service's namespace.
    pub fn id(&self, name: &str) -> String {
        format!("{}#{name}", self.namespace)
    }
}

/// Derives the names the way AWS's Smithy models use them: the namespace is
/// `com.amazonaws.` plus the SDK id in lower case without spaces or dashes; the service shape
/// is named after the `json` protocol's target prefix (`AWSCognitoIdentityProviderService`,
/// `DynamoDB_20120810`), else after the SDK id without spaces.
///
/// Models older than 2018 have no `serviceId`; the SDK id is then derived as AWS did when it
/// introduced it: the abbreviation or full name without a leading `Amazon` or `AWS`.
pub fn names(metadata: &Metadata) -> Result<ServiceNames, Diagnostic> {
    let sdk_id = metadata
        .service_id
        .clone()
        .or_else(|| derived_sdk_id(metadata))
        .ok_or_else(|| {
            Diagnostic::at_shape(
                "metadata",
                "$.metadata.serviceId",
                "the model has no serviceId, serviceAbbreviation or serviceFullName to name the service by",
            )
        })?;
    let compact: String = sdk_id.chars().filter(char::is_ascii_alphanumeric).collect();
    let namespace = format!("com.amazonaws.{}", compact.to_ascii_lowercase());
    let service_name = metadata.target_prefix.clone().unwrap_or(compact);
    Ok(ServiceNames {
        service_id: format!("{namespace}#{service_name}"),
        namespace,
        sdk_id,
    })
}

fn derived_sdk_id(metadata: &Metadata) -> Option<String> {
    let name = metadata
        .service_abbreviation
        .as_deref()
        .or(metadata.service_full_name.as_deref())?;
    let trimmed = ["Amazon ", "AWS "]
        .iter()
        .fold(name.trim(), |name, prefix| {
            name.strip_prefix(prefix).unwrap_or(name)
        });
    Some(trimmed.trim().to_owned())
}

/// The service shape: version, operations and the protocol, signing and naming traits.
pub fn service_shape(
    model: &ServiceModel,
    names: &ServiceNames,
    operations: Vec<Target>,
    problems: &mut Vec<Diagnostic>,
) -> Shape {
    let metadata = &model.metadata;
    let mut traits = Traits::new();
    let mut service_trait = json!({ "sdkId": names.sdk_id });
    if let Some(prefix) = &metadata.endpoint_prefix {
        service_trait["endpointPrefix"] = Value::from(prefix.clone());
    }
    traits.insert(t::AWS_SERVICE.to_owned(), service_trait);
    match protocol_trait(metadata) {
        Some(id) => {
            traits.insert(id.to_owned(), json!({}));
        }
        None => problems.push(Diagnostic::at_shape(
            "metadata",
            "$.metadata.protocol",
            format!(
                "unknown protocol `{}` (expected json, rest-json, rest-xml, query, ec2 or smithy-rpc-v2-cbor)",
                metadata.protocol
            ),
        )),
    }
    if is_signed(metadata) {
        match metadata
            .signing_name
            .as_ref()
            .or(metadata.endpoint_prefix.as_ref())
        {
            Some(name) => {
                traits.insert(t::SIGV4.to_owned(), json!({ "name": name }));
            }
            None => problems.push(Diagnostic::at_shape(
                "metadata",
                "$.metadata.signingName",
                "a SigV4-signed service needs a signingName or an endpointPrefix",
            )),
        }
    }
    if let Some(title) = &metadata.service_full_name {
        traits.insert(t::TITLE.to_owned(), Value::from(title.clone()));
    }
    if let Some(docs) = &model.documentation {
        traits.insert(t::DOCUMENTATION.to_owned(), Value::from(docs.clone()));
    }
    Shape::Service(Service {
        version: metadata.api_version.clone(),
        operations,
        traits,
        ..Service::default()
    })
}

/// The Smithy protocol trait for botocore's protocol name.
fn protocol_trait(metadata: &Metadata) -> Option<&'static str> {
    Some(match metadata.protocol.as_str() {
        // botocore's serializer defaults to 1.0 when jsonVersion is absent.
        "json" if metadata.json_version.as_deref() == Some("1.1") => t::AWS_JSON_1_1,
        "json" => t::AWS_JSON_1_0,
        "rest-json" => "aws.protocols#restJson1",
        "rest-xml" => "aws.protocols#restXml",
        "query" => "aws.protocols#awsQuery",
        "ec2" => "aws.protocols#ec2Query",
        "smithy-rpc-v2-cbor" => "smithy.protocols#rpcv2Cbor",
        _ => return None,
    })
}

/// SigV4 when the model says so in either the old (`signatureVersion`) or new (`auth`) way.
fn is_signed(metadata: &Metadata) -> bool {
    matches!(metadata.signature_version.as_deref(), Some("v4" | "s3v4"))
        || metadata.auth.iter().any(|scheme| scheme == t::SIGV4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(json: Value) -> Metadata {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn names_follow_the_sdk_id_and_target_prefix() {
        let names = names(&metadata(json!({
            "apiVersion": "2016-04-18", "protocol": "json",
            "serviceId": "Cognito Identity Provider",
            "targetPrefix": "AWSCognitoIdentityProviderService"
        })))
        .unwrap();
        assert_eq!(names.namespace, "com.amazonaws.cognitoidentityprovider");
        assert_eq!(
            names.service_id,
            "com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService"
        );
    }

    #[test]
    fn old_models_derive_the_sdk_id_from_the_full_name() {
        let names = names(&metadata(json!({
            "apiVersion": "2016-04-18", "protocol": "rest-json",
            "serviceFullName": "Amazon Cognito Identity Provider"
        })))
        .unwrap();
        assert_eq!(names.sdk_id, "Cognito Identity Provider");
        assert_eq!(
            names.service_id,
            "com.amazonaws.cognitoidentityprovider#CognitoIdentityProvider"
        );
    }
}
