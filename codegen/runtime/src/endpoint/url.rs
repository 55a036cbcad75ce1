//! `parseURL`: a small, strict parser for `http(s)://authority/path` URLs.

use serde_json::{Map, Value};

/// The `URL` structure returned by `parseURL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Url {
    scheme: String,
    authority: String,
    path: String,
    normalized_path: String,
    is_ip: bool,
}

impl Url {
    /// The `URL` structure as a rules-engine value.
    pub(super) fn to_value(&self) -> Value {
        let mut map = Map::new();
        map.insert("scheme".into(), Value::from(self.scheme.as_str()));
        map.insert("authority".into(), Value::from(self.authority.as_str()));
        map.insert("path".into(), Value::from(self.path.as_str()));
        map.insert(
            "normalizedPath".into(),
            Value::from(self.normalized_path.as_str()),
        );
        map.insert("isIp".into(), Value::Bool(self.is_ip));
        Value::Object(map)
    }
}

/// Parses `input`; `None` unless the scheme is `http` or `https`, the host is
/// well formed, and there is no query or fragment.
pub(super) fn parse_url(input: &str) -> Option<Url> {
    let (scheme, rest) = input.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    if rest.contains(['?', '#']) || rest.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(slash) => (rest.get(..slash)?, rest.get(slash..)?),
        None => (rest, ""),
    };
    // Drop any `userinfo@` prefix.
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = split_host_port(authority)?;
    if port.is_some_and(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let is_ip = if let Some(inner) = host.strip_prefix('[') {
        if !is_ipv6(inner.strip_suffix(']')?) {
            return None;
        }
        true
    } else {
        let valid_reg_name = !host.is_empty()
            && host.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'%')
            });
        if !valid_reg_name {
            return None;
        }
        is_ipv4(host)
    };
    let normalized_path = if path.is_empty() {
        "/".to_owned()
    } else {
        let mut p = String::with_capacity(path.len() + 1);
        p.push_str(path);
        if !p.ends_with('/') {
            p.push('/');
        }
        p
    };
    Some(Url {
        scheme,
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// Splits `host[:port]`, keeping IPv6 brackets on the host.
fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let close = authority.find(']')?;
        let host = authority.get(..=close)?;
        let after = authority.get(close + 1..)?;
        if after.is_empty() {
            Some((host, None))
        } else {
            Some((host, Some(after.strip_prefix(':')?)))
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => Some((host, Some(port))),
            None => Some((authority, None)),
        }
    }
}

/// Dotted-quad IPv4 with each octet in 0..=255.
fn is_ipv4(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.iter().all(|o| {
            (1..=3).contains(&o.len())
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// A loose IPv6 check: hex groups separated by `:`, at least two colons,
/// optionally ending in an embedded IPv4 address or a `%zone`.
fn is_ipv6(text: &str) -> bool {
    let addr = text.split_once('%').map_or(text, |(a, _)| a);
    if addr.matches(':').count() < 2 {
        return false;
    }
    let (groups, tail_v4) = match addr.rsplit_once(':') {
        Some((head, last)) if last.contains('.') => (head, Some(last)),
        _ => (addr, None),
    };
    tail_v4.is_none_or(is_ipv4)
        && groups
            .split(':')
            .all(|g| g.len() <= 4 && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parsed(input: &str) -> Option<Value> {
        parse_url(input).map(|u| u.to_value())
    }

    #[test]
    fn spec_examples() {
        assert_eq!(
            parsed("https://example.com"),
            Some(
                json!({"scheme": "https", "authority": "example.com", "path": "",
                        "normalizedPath": "/", "isIp": false})
            )
        );
        assert_eq!(parsed("https://example.com:8443?foo=bar&faz=baz"), None);
        assert_eq!(
            parsed("http://example.com:80/foo/bar"),
            Some(
                json!({"scheme": "http", "authority": "example.com:80", "path": "/foo/bar",
                        "normalizedPath": "/foo/bar/", "isIp": false})
            )
        );
        assert_eq!(
            parsed("https://127.0.0.1").map(|v| v["isIp"].clone()),
            Some(json!(true))
        );
        assert_eq!(
            parsed("https://[fe80::1]").map(|v| (v["authority"].clone(), v["isIp"].clone())),
            Some((json!("[fe80::1]"), json!(true)))
        );
    }

    #[test]
    fn paths_and_authorities() {
        let v = parsed("http://user:pw@10.0.1.12:433/a/").unwrap_or_default();
        assert_eq!(v["authority"], "10.0.1.12:433");
        assert_eq!(v["path"], "/a/");
        assert_eq!(v["normalizedPath"], "/a/");
        assert_eq!(v["isIp"], true);
        let v = parsed("https://example.com/").unwrap_or_default();
        assert_eq!(v["path"], "/");
        assert_eq!(v["normalizedPath"], "/");
        assert_eq!(
            parsed("https://999.1.1.1").map(|v| v["isIp"].clone()),
            Some(json!(false))
        );
    }

    #[test]
    fn invalid_urls() {
        for bad in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://exa mple.com",
            "https://example.com#frag",
            "https://example.com:abc",
            "https://[zz::1]",
            "https://[::1",
            "not a url",
        ] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }
}
