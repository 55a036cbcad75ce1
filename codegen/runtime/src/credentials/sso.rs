//! SSO (IAM Identity Center): the token `aws sso login` cached under `~/.aws/sso/cache`, then
//! the portal's GetRoleCredentials.
//!
//! Both profile forms work: `sso_session = name` with an `[sso-session name]` section (the
//! cache file is named after the session), and the legacy `sso_start_url` / `sso_region` keys
//! in the profile (named after the start URL). Refreshing the token is `aws sso login`'s job:
//! an expired token is an error saying so.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::Method;
use serde::Deserialize;

use super::fetch::{Fetcher, parse_expiry};
use super::profile::Properties;
use super::settings::Settings;
use super::{Credentials, CredentialsError};

/// What an SSO profile names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SsoSpec {
    /// The `sso_session` name, or the legacy start URL: what the cache file is named after.
    cache_key: String,
    region: String,
    account_id: String,
    role_name: String,
}

impl SsoSpec {
    /// The SSO settings of `profile`, `None` when it has none.
    pub(crate) fn from_profile(
        settings: &Settings,
        name: &str,
        profile: &Properties,
    ) -> Option<Result<SsoSpec, CredentialsError>> {
        let error = |what: String| CredentialsError::new(format!("profile `{name}`: {what}"));
        let key = |props: &Properties, key: &str| props.get(key).filter(|v| !v.is_empty()).cloned();
        let (cache_key, region) = if let Some(session) = key(profile, "sso_session") {
            let Some(section) = settings.profiles.sso_session(&session) else {
                return Some(Err(error(format!("no [sso-session {session}] section"))));
            };
            (session, key(section, "sso_region"))
        } else {
            (key(profile, "sso_start_url")?, key(profile, "sso_region"))
        };
        let required = |field: &str, value: Option<String>| {
            value.ok_or_else(|| error(format!("SSO needs `{field}`")))
        };
        Some((|| {
            Ok(SsoSpec {
                region: required("sso_region", region)?,
                account_id: required("sso_account_id", key(profile, "sso_account_id"))?,
                role_name: required("sso_role_name", key(profile, "sso_role_name"))?,
                cache_key,
            })
        })())
    }
}

/// The fields of a cached token this provider reads.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CachedToken {
    access_token: String,
    expires_at: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentialsResponse {
    role_credentials: RoleCredentials,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoleCredentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    /// Milliseconds since the epoch.
    expiration: u64,
}

/// Reads the cached token and exchanges it for role credentials.
pub(crate) async fn role_credentials(
    fetcher: &Fetcher,
    settings: &Settings,
    spec: &SsoSpec,
) -> Result<Credentials, CredentialsError> {
    // The cache names the file by SHA-1 (the AWS CLI's convention, not a security use).
    let sha1 = ring::digest::digest(
        &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        spec.cache_key.as_bytes(),
    );
    let digest = hex::encode(sha1);
    let path = settings
        .env
        .expand_home(&format!("~/.aws/sso/cache/{digest}.json"));
    let shown = path.display();
    let text = std::fs::read_to_string(&path).map_err(|e| {
        CredentialsError::with_source(
            format!("SSO token cache {shown}: cannot read it (run `aws sso login`)"),
            e,
        )
    })?;
    let token: CachedToken = serde_json::from_str(&text).map_err(|e| {
        CredentialsError::new(format!("SSO token cache {shown}: not a token ({e})"))
    })?;
    let expires = parse_expiry(&token.expires_at, &format!("SSO token cache {shown}"))?;
    if expires <= SystemTime::now() {
        return Err(CredentialsError::new(format!(
            "SSO token cache {shown}: the token expired at {} (run `aws sso login`)",
            token.expires_at
        )));
    }
    let base = settings
        .endpoint_url("SSO")
        .unwrap_or_else(|| format!("https://portal.sso.{}.amazonaws.com", spec.region));
    let url = format!(
        "{}/federation/credentials?account_id={}&role_name={}",
        base.trim_end_matches('/'),
        percent_encoding::utf8_percent_encode(&spec.account_id, percent_encoding::NON_ALPHANUMERIC),
        percent_encoding::utf8_percent_encode(&spec.role_name, percent_encoding::NON_ALPHANUMERIC),
    );
    let context = format!(
        "SSO GetRoleCredentials for {} in account {}",
        spec.role_name, spec.account_id
    );
    let response = fetcher
        .send(
            Method::GET,
            &url,
            &[("x-amz-sso_bearer_token", &token.access_token)],
            Bytes::new(),
        )
        .await
        .map_err(|e| CredentialsError::new(format!("{context}: {e}")))?;
    let answer: RoleCredentialsResponse = serde_json::from_slice(&response.body)
        .map_err(|e| CredentialsError::new(format!("{context}: unexpected answer ({e})")))?;
    let role = answer.role_credentials;
    Ok(Credentials::new(
        role.access_key_id,
        role.secret_access_key,
        role.session_token,
    )
    .with_expiry(SystemTime::UNIX_EPOCH + Duration::from_millis(role.expiration)))
}
