//! `@endpoint(hostPrefix: …)`: an operation's requests go to a host with a prefix, whose
//! `{label}` parts are filled from the input's `@hostLabel` members.

use http::{HeaderValue, Uri};

use crate::resolve::ResolvedEndpoint;

/// The request URI and `Host` header of `endpoint` with `template` expanded (labels read
/// from the top-level string members of the JSON `body`) and put in front of its host.
pub(crate) fn prefixed(
    template: &str,
    body: &[u8],
    endpoint: &ResolvedEndpoint,
) -> Result<(Uri, HeaderValue), String> {
    let prefix = expand(template, body)?;
    let host = endpoint
        .host
        .to_str()
        .map_err(|_| "the endpoint host is not text".to_owned())?;
    let host = HeaderValue::from_str(&format!("{prefix}{host}"))
        .map_err(|_| format!("`{prefix}` cannot start a host name"))?;
    let mut parts = endpoint.uri.clone().into_parts();
    let authority = parts
        .authority
        .as_ref()
        .ok_or_else(|| "the endpoint URL has no host".to_owned())?;
    parts.authority = Some(
        format!("{prefix}{authority}")
            .parse()
            .map_err(|_| format!("`{prefix}{authority}` is not a valid host"))?,
    );
    let uri = Uri::from_parts(parts).map_err(|e| format!("invalid prefixed endpoint URL: {e}"))?;
    Ok((uri, host))
}

/// `template` with every `{label}` replaced by the input's member of that name, which must
/// be a valid host label (letters, digits and inner hyphens, at most 63 characters).
fn expand(template: &str, body: &[u8]) -> Result<String, String> {
    let input: serde_json::Value =
        serde_json::from_slice(body).map_err(|e| format!("the input is not JSON: {e}"))?;
    let mut expanded = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        expanded.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map(|end| start + end)
            .ok_or_else(|| format!("unterminated label in host prefix `{template}`"))?;
        let name = &rest[start + 1..end];
        let value = input
            .get(name)
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| format!("the host label `{name}` is not set"))?;
        if !is_host_label(value) {
            return Err(format!(
                "the host label `{name}` is `{value}`, not a valid host label"
            ));
        }
        expanded.push_str(value);
        rest = &rest[end + 1..];
    }
    expanded.push_str(rest);
    Ok(expanded)
}

/// Letters, digits and hyphens, 1 to 63 of them, not starting or ending with a hyphen.
fn is_host_label(value: &str) -> bool {
    (1..=63).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn endpoint(url: &str) -> ResolvedEndpoint {
        let uri: Uri = url.parse().unwrap();
        ResolvedEndpoint {
            host: HeaderValue::from_str(uri.authority().unwrap().as_str()).unwrap(),
            uri,
            headers: Vec::new(),
            signing_region: None,
            signing_name: None,
        }
    }

    #[test]
    fn labels_are_filled_from_the_input() {
        let (uri, host) = prefixed(
            "foo.{label}.",
            br#"{"label":"bar"}"#,
            &endpoint("https://example.com/"),
        )
        .unwrap();
        assert_eq!(uri.to_string(), "https://foo.bar.example.com/");
        assert_eq!(host, "foo.bar.example.com");
    }

    #[test]
    fn a_label_that_is_not_a_host_label_is_refused() {
        let error = prefixed(
            "{label}.",
            br#"{"label":"a/b"}"#,
            &endpoint("https://example.com/"),
        )
        .unwrap_err();
        assert!(error.contains("not a valid host label"), "{error}");
        let error = prefixed("{label}.", b"{}", &endpoint("https://example.com/")).unwrap_err();
        assert!(error.contains("not set"), "{error}");
    }
}
