//! Hiding the secrets a URL may carry before it is shown in an error or a `Debug` dump.

/// The URL with any `user:password@` part hidden.
pub(crate) fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://***@{}", &rest[at + 1..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_user_info() {
        assert_eq!(redact("http://user:pw@host:1/x"), "http://***@host:1/x");
        assert_eq!(redact("https://host/a@b"), "https://host/a@b");
    }
}
