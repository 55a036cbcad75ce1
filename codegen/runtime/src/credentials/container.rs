//! Container credentials (ECS tasks, EKS Pod Identity): `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`
//! or `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
//! `AWS_CONTAINER_AUTHORIZATION_TOKEN`.

use bytes::Bytes;
use http::{Method, Uri};

use super::env::ProcessEnv;
use super::fetch::{Fetcher, parse_credential_document};
use super::{Credentials, CredentialsError};

/// The ECS agent's address for relative URIs.
const ECS_HOST: &str = "http://169.254.170.2";

/// The credentials URL the environment names, `None` when neither variable is set. A full
/// URI over plain HTTP must point at a loopback or container-agent address (as in the SDKs).
pub(crate) fn url(env: &ProcessEnv) -> Option<Result<String, CredentialsError>> {
    if let Some(relative) = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
        return Some(Ok(format!("{ECS_HOST}{relative}")));
    }
    let full = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")?;
    let refuse = |why: &str| {
        CredentialsError::new(format!(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI `{full}`: {why}"
        ))
    };
    let Ok(uri) = full.parse::<Uri>() else {
        return Some(Err(refuse("not a valid URL")));
    };
    let host = uri.host().unwrap_or_default().trim_matches(['[', ']']);
    let allowed = match uri.scheme_str() {
        Some("https") => true,
        Some("http") => {
            host == "localhost"
                || host == "169.254.170.2"
                || host == "169.254.170.23"
                || host.eq_ignore_ascii_case("fd00:ec2::23")
                || host
                    .parse::<std::net::IpAddr>()
                    .is_ok_and(|ip| ip.is_loopback())
        }
        _ => false,
    };
    Some(if allowed {
        Ok(full.clone())
    } else {
        Err(refuse(
            "plain HTTP is only allowed to loopback and container-agent addresses",
        ))
    })
}

/// Fetches credentials from `url`, with the authorization token the environment gives.
pub(crate) async fn fetch(
    fetcher: &Fetcher,
    env: &ProcessEnv,
    url: &str,
) -> Result<Credentials, CredentialsError> {
    let token = match env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
        Some(path) => Some(
            std::fs::read_to_string(&path)
                .map(|t| t.trim().to_owned())
                .map_err(|e| {
                    CredentialsError::with_source(
                        format!("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE {path}: cannot read it"),
                        e,
                    )
                })?,
        ),
        None => env.get("AWS_CONTAINER_AUTHORIZATION_TOKEN"),
    };
    let headers: Vec<(&str, &str)> = token
        .as_deref()
        .map(|t| vec![("authorization", t)])
        .unwrap_or_default();
    let response = fetcher
        .send(Method::GET, url, &headers, Bytes::new())
        .await?;
    parse_credential_document(&response.body, &crate::redact::redact(url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_from_the_environment() {
        let env = ProcessEnv::from_vars([("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds")]);
        assert_eq!(url(&env).unwrap().unwrap(), "http://169.254.170.2/v2/creds");
        for ok in [
            "http://127.0.0.1:8/c",
            "https://example.com/c",
            "http://[::1]:9/c",
        ] {
            let env = ProcessEnv::from_vars([("AWS_CONTAINER_CREDENTIALS_FULL_URI", ok)]);
            assert_eq!(url(&env).unwrap().unwrap(), ok);
        }
        let env =
            ProcessEnv::from_vars([("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://evil.com/")]);
        let err = url(&env).unwrap().unwrap_err();
        assert!(
            err.to_string().contains("only allowed to loopback"),
            "{err}"
        );
        assert!(url(&ProcessEnv::from_vars::<&str, &str>([])).is_none());
    }
}
