//! Endpoint selection: the configured endpoint URL override, else the
//! service's endpoint rules evaluated with the `AWS::Region`, `AWS::UseFIPS`,
//! `AWS::UseDualStack` and `SDK::Endpoint` built-ins.

use http::uri::{Authority, Scheme};
use http::{HeaderName, HeaderValue, Uri};

use crate::config::Config;
use crate::endpoint::{Params, RuleSet, builtins};
use crate::error::EndpointResolutionError;
use crate::redact::redact;

/// Where requests go, decided once per client.
#[derive(Debug, Clone)]
pub(crate) struct ResolvedEndpoint {
    /// The request URI (endpoint URL with the operation path `/` appended).
    pub(crate) uri: Uri,
    /// The `Host` header value (port omitted when it is the scheme's default).
    pub(crate) host: HeaderValue,
    /// Extra headers the endpoint rules asked for.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// A SigV4 signing region override from the rules' `authSchemes`.
    pub(crate) signing_region: Option<String>,
    /// A SigV4 signing name override from the rules' `authSchemes`.
    pub(crate) signing_name: Option<String>,
}

/// Resolves the endpoint for `config`, using `rules` (the JSON text of the
/// service's rule set) unless the config sets an endpoint URL for the service
/// with sdkId `service_id`.
pub(crate) fn resolve_endpoint(
    config: &Config,
    service_id: &str,
    rules: Option<&str>,
) -> Result<ResolvedEndpoint, EndpointResolutionError> {
    if let Some(url) = config.endpoint_url_for(service_id) {
        return from_url(&url);
    }
    let Some(rules) = rules else {
        return Err(EndpointResolutionError::new(
            "the service has no endpoint rules; configure an endpoint URL",
        ));
    };
    let rules = RuleSet::from_json(rules).map_err(|e| {
        EndpointResolutionError::new(format!("the service's endpoint rules are unusable: {e}"))
    })?;
    if let Some(region) = config.region() {
        let valid = !region.is_empty()
            && region.len() <= 63
            && region
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !region.starts_with('-');
        if !valid {
            return Err(EndpointResolutionError::new(format!(
                "invalid region {region:?}: expected a host label such as `us-east-1`"
            )));
        }
    }
    let mut params = Params::new()
        .with_builtin(builtins::USE_FIPS, config.use_fips())
        .with_builtin(builtins::USE_DUAL_STACK, config.use_dual_stack());
    if let Some(region) = config.region() {
        params = params.with_builtin(builtins::REGION, region);
    }
    let endpoint = rules.resolve(&params).map_err(|e| {
        let hint = if config.region().is_none() {
            " (no region is configured: set one, or AWS_REGION)"
        } else {
            ""
        };
        EndpointResolutionError::new(format!("{e}{hint}"))
    })?;
    let mut resolved = from_url(endpoint.url())?;
    for (name, values) in endpoint.headers() {
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            EndpointResolutionError::new(format!("endpoint rules set invalid header `{name}`"))
        })?;
        for value in values {
            let value = HeaderValue::from_str(value).map_err(|_| {
                EndpointResolutionError::new(format!("endpoint rules set invalid `{name}` value"))
            })?;
            resolved.headers.push((name.clone(), value));
        }
    }
    if let Some(scheme) = endpoint
        .auth_schemes()
        .iter()
        .find(|s| s.get("name").and_then(|n| n.as_str()) == Some("sigv4"))
    {
        let text = |key: &str| scheme.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        resolved.signing_region = text("signingRegion");
        resolved.signing_name = text("signingName");
    }
    Ok(resolved)
}

/// Parses an endpoint URL (`https://host[:port][/path]`) into the request URI
/// (`…/path/`) and `Host` header.
fn from_url(url: &str) -> Result<ResolvedEndpoint, EndpointResolutionError> {
    let invalid = |why: &str| {
        EndpointResolutionError::new(format!("invalid endpoint URL {:?}: {why}", redact(url)))
    };
    let uri: Uri = url.trim().parse().map_err(|_| invalid("not a URL"))?;
    let scheme = uri
        .scheme()
        .cloned()
        .ok_or_else(|| invalid("missing scheme"))?;
    if scheme != Scheme::HTTPS && scheme != Scheme::HTTP {
        return Err(invalid("scheme must be http or https"));
    }
    let authority = uri
        .authority()
        .cloned()
        .ok_or_else(|| invalid("missing host"))?;
    if authority.as_str().contains('@') {
        return Err(invalid("user information is not allowed"));
    }
    if authority.host().is_empty() {
        return Err(invalid("missing host"));
    }
    if uri.query().is_some() {
        return Err(invalid("a query string is not allowed"));
    }
    let path = format!("{}/", uri.path().trim_end_matches('/'));
    let uri = Uri::builder()
        .scheme(scheme.clone())
        .authority(authority.clone())
        .path_and_query(path)
        .build()
        .map_err(|_| invalid("not a URL"))?;
    let host = host_header(&scheme, &authority).map_err(|_| invalid("invalid host"))?;
    Ok(ResolvedEndpoint {
        uri,
        host,
        headers: Vec::new(),
        signing_region: None,
        signing_name: None,
    })
}

/// `host` or `host:port`, leaving out the scheme's default port as clients do.
fn host_header(scheme: &Scheme, authority: &Authority) -> Result<HeaderValue, http::Error> {
    let default_port = if *scheme == Scheme::HTTPS { 443 } else { 80 };
    let text = match authority.port_u16() {
        Some(port) if port != default_port => format!("{}:{port}", authority.host()),
        _ => authority.host().to_owned(),
    };
    Ok(HeaderValue::from_str(&text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{
      "version": "1.0",
      "parameters": {
        "Region": {"builtIn": "AWS::Region", "required": false, "type": "String"},
        "UseFIPS": {"builtIn": "AWS::UseFIPS", "required": true, "default": false, "type": "Boolean"},
        "UseDualStack": {"builtIn": "AWS::UseDualStack", "required": true, "default": false, "type": "Boolean"},
        "Endpoint": {"builtIn": "SDK::Endpoint", "required": false, "type": "String"}
      },
      "rules": [
        {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
         "rules": [
           {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
            "endpoint": {"url": "https://svc-fips.{Region}.amazonaws.com", "properties": {}, "headers": {}},
            "type": "endpoint"},
           {"conditions": [],
            "endpoint": {"url": "https://svc.{Region}.amazonaws.com",
                         "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "signingName": "svc"}]},
                         "headers": {"x-extra": ["1"]}},
            "type": "endpoint"}
         ], "type": "tree"},
        {"conditions": [], "error": "Invalid Configuration: Missing Region", "type": "error"}
      ]
    }"#;

    fn config() -> crate::config::ConfigBuilder {
        Config::builder()
    }

    #[test]
    fn override_wins_and_is_normalized() {
        let cfg = config()
            .region("us-east-1")
            .endpoint_url("http://localhost:5000")
            .build();
        let e = resolve_endpoint(&cfg, "Test", Some(RULES)).unwrap();
        assert_eq!(e.uri, "http://localhost:5000/");
        assert_eq!(e.host, "localhost:5000");
        let cfg = config()
            .endpoint_url("https://example.com:443/prefix/")
            .build();
        let e = resolve_endpoint(&cfg, "Test", None).unwrap();
        assert_eq!(e.uri, "https://example.com:443/prefix/");
        assert_eq!(e.host, "example.com");
    }

    #[test]
    fn invalid_overrides_are_errors() {
        for url in [
            "localhost:5000",
            "ftp://x",
            "not a url",
            "http://",
            "http://u:p@host/",
            "http://h/?q=1",
            "",
        ] {
            let cfg = config().endpoint_url(url).build();
            let err = resolve_endpoint(&cfg, "Test", None).unwrap_err();
            assert!(!err.to_string().contains("u:p"), "{err}");
        }
    }

    #[test]
    fn rules_use_builtins() {
        let e =
            resolve_endpoint(&config().region("eu-west-1").build(), "Test", Some(RULES)).unwrap();
        assert_eq!(e.uri, "https://svc.eu-west-1.amazonaws.com/");
        assert_eq!(e.host, "svc.eu-west-1.amazonaws.com");
        assert_eq!(e.headers.len(), 1);
        assert_eq!(e.signing_region.as_deref(), Some("eu-west-1"));
        assert_eq!(e.signing_name.as_deref(), Some("svc"));
        let fips = config().region("us-east-1").use_fips(true).build();
        let e = resolve_endpoint(&fips, "Test", Some(RULES)).unwrap();
        assert_eq!(e.uri, "https://svc-fips.us-east-1.amazonaws.com/");
    }

    #[test]
    fn missing_region_rules_or_garbage_rules_are_errors() {
        let err = resolve_endpoint(&config().build(), "Test", Some(RULES)).unwrap_err();
        assert!(err.to_string().contains("Missing Region"), "{err}");
        assert!(err.to_string().contains("AWS_REGION"), "{err}");
        let err =
            resolve_endpoint(&config().region("us-east-1").build(), "Test", None).unwrap_err();
        assert!(err.to_string().contains("no endpoint rules"), "{err}");
        let err = resolve_endpoint(
            &config().region("us-east-1").build(),
            "Test",
            Some("{not json"),
        )
        .unwrap_err();
        assert!(err.to_string().contains("unusable"), "{err}");
    }

    #[test]
    fn rejects_regions_that_are_not_host_labels() {
        for region in ["", "evil.com/", "us east", "-x", "a#b"] {
            let cfg = config().region(region).build();
            let err = resolve_endpoint(&cfg, "Test", Some(RULES)).unwrap_err();
            assert!(err.to_string().contains("invalid region"), "{err}");
        }
    }
}
