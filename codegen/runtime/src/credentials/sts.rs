//! STS: AssumeRole (signed with the source credentials) and AssumeRoleWithWebIdentity
//! (unsigned), over the runtime's own HTTP and SigV4.
//!
//! STS answers in XML (awsQuery). The few fields read are flat, uniquely named leaf elements
//! whose text is base64, ARNs or timestamps, so a tag search with entity decoding reads them;
//! an XML crate would add a dependency for five lookups.

use std::time::SystemTime;

use bytes::Bytes;
use http::Method;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::fetch::{Fetcher, parse_expiry, request};
use super::settings::Settings;
use super::{Credentials, CredentialsError};
use crate::sign::Signer;

/// Characters left as they are in a form-encoded value (RFC 3986 unreserved).
const FORM_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A role to assume and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RoleSpec {
    pub(crate) role_arn: String,
    pub(crate) session_name: Option<String>,
    pub(crate) external_id: Option<String>,
    pub(crate) duration_seconds: Option<String>,
}

/// Where STS calls go: `AWS_ENDPOINT_URL_STS` and the other configured endpoint settings,
/// else the regional endpoint (`us-east-1` when no region is set).
fn endpoint(settings: &Settings) -> String {
    settings.endpoint_url("STS").unwrap_or_else(|| {
        let region = settings.region().unwrap_or_else(|| "us-east-1".to_owned());
        format!("https://sts.{region}.amazonaws.com")
    })
}

/// A session name when none is configured.
fn default_session_name() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    format!("smithy-lean-{secs}")
}

/// The form body of an STS action.
fn form(action: &str, params: &[(&str, Option<&str>)]) -> Bytes {
    let mut body = format!("Action={action}&Version=2011-06-15");
    for (name, value) in params {
        if let Some(value) = value {
            body.push_str(&format!(
                "&{name}={}",
                utf8_percent_encode(value, FORM_VALUE)
            ));
        }
    }
    Bytes::from(body)
}

/// Assumes `role` with `source` credentials.
pub(crate) async fn assume_role(
    fetcher: &Fetcher,
    settings: &Settings,
    role: &RoleSpec,
    source: &Credentials,
) -> Result<Credentials, CredentialsError> {
    let extra = [
        ("ExternalId", role.external_id.as_deref()),
        ("DurationSeconds", role.duration_seconds.as_deref()),
    ];
    call(fetcher, settings, "AssumeRole", role, &extra, Some(source)).await
}

/// Exchanges a web identity token for `role` credentials (unsigned).
pub(crate) async fn assume_role_with_web_identity(
    fetcher: &Fetcher,
    settings: &Settings,
    role: &RoleSpec,
    token: &str,
) -> Result<Credentials, CredentialsError> {
    let extra = [("WebIdentityToken", Some(token))];
    call(
        fetcher,
        settings,
        "AssumeRoleWithWebIdentity",
        role,
        &extra,
        None,
    )
    .await
}

/// Sends `action` for `role` with the `extra` parameters, signed when `signer` is given,
/// and reads the credentials of the answer.
async fn call(
    fetcher: &Fetcher,
    settings: &Settings,
    action: &str,
    role: &RoleSpec,
    extra: &[(&str, Option<&str>)],
    signer: Option<&Credentials>,
) -> Result<Credentials, CredentialsError> {
    let session = role
        .session_name
        .clone()
        .unwrap_or_else(default_session_name);
    let mut params = vec![
        ("RoleArn", Some(role.role_arn.as_str())),
        ("RoleSessionName", Some(session.as_str())),
    ];
    params.extend_from_slice(extra);
    let url = endpoint(settings);
    let context = format!(
        "{action} {} at {}",
        role.role_arn,
        crate::redact::redact(&url)
    );
    let body = form(action, &params);
    let mut request = request(Method::POST, &url, &[(CONTENT_TYPE, FORM_TYPE)], body)?;
    if let Some(source) = signer {
        let region = settings.region().unwrap_or_else(|| "us-east-1".to_owned());
        Signer::default()
            .sign(&mut request, source, &region, "sts", SystemTime::now())
            .map_err(|e| CredentialsError::with_source(format!("{context}: cannot sign"), e))?;
    }
    let response = fetcher
        .send_request(request)
        .await
        .map_err(|e| CredentialsError::new(format!("{context}: {e}")))?;
    parse_credentials(&response.body, &context)
}

const CONTENT_TYPE: &str = "content-type";
const FORM_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// Reads the `Credentials` element of an AssumeRole* response.
fn parse_credentials(body: &[u8], context: &str) -> Result<Credentials, CredentialsError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| CredentialsError::new(format!("{context}: the answer is not UTF-8")))?;
    let field = |tag: &str| {
        xml_text(text, tag)
            .ok_or_else(|| CredentialsError::new(format!("{context}: the answer has no <{tag}>")))
    };
    let credentials = Credentials::new(
        field("AccessKeyId")?,
        field("SecretAccessKey")?,
        Some(field("SessionToken")?),
    );
    Ok(credentials.with_expiry(parse_expiry(&field("Expiration")?, context)?))
}

/// The decoded text of the first `<tag>…</tag>` element.
fn xml_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = start + xml[start..].find(&format!("</{tag}>"))?;
    let raw = xml[start..end].trim();
    Some(
        raw.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_encoding() {
        let body = form(
            "AssumeRole",
            &[("RoleArn", Some("arn:aws:iam::1:role/a b")), ("X", None)],
        );
        assert_eq!(
            body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b"
        );
    }

    #[test]
    fn reads_credentials_and_reports_what_is_missing() {
        let xml = "<AssumeRoleResponse><AssumeRoleResult><Credentials>\
            <AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>s&amp;k</SecretAccessKey>\
            <SessionToken>tok</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>\
            </Credentials></AssumeRoleResult></AssumeRoleResponse>";
        let creds = parse_credentials(xml.as_bytes(), "ctx").unwrap();
        assert_eq!(creds.secret_access_key(), "s&k");
        assert!(creds.expiry().is_some());
        let err = parse_credentials(b"<Error><Code>x</Code></Error>", "ctx").unwrap_err();
        assert_eq!(err.to_string(), "ctx: the answer has no <AccessKeyId>");
        let err = parse_credentials(b"\xff\xfe", "ctx").unwrap_err();
        assert_eq!(err.to_string(), "ctx: the answer is not UTF-8");
    }
}
