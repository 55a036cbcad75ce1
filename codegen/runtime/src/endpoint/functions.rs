//! Pure library functions of the rules engine that work on plain values:
//! `getAttr`, `substring`, `isValidHostLabel`, `uriEncode` and
//! `aws.isVirtualHostableS3Bucket`.
//!
//! `parseURL` lives in `url.rs`, `aws.parseArn` in `arn.rs` and
//! `aws.partition` in `partitions.rs`.

use serde_json::Value;

/// One step of a `getAttr` path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PathStep<'a> {
    Key(&'a str),
    Index(usize),
}

/// Parses a path such as `dnsSuffix`, `a.b[0]` or `[1]`; `None` if malformed.
fn parse_path(path: &str) -> Option<Vec<PathStep<'_>>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        match part.find('[') {
            Some(open) => {
                let key = part.get(..open)?;
                if !key.is_empty() {
                    steps.push(PathStep::Key(key));
                }
                let index = part.get(open + 1..)?.strip_suffix(']')?;
                if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                steps.push(PathStep::Index(index.parse().ok()?));
            }
            None if part.is_empty() => return None,
            None => steps.push(PathStep::Key(part)),
        }
    }
    Some(steps)
}

/// `getAttr(value, path)`: the value at `path`, or `None` when any step is
/// missing, out of range, applied to the wrong kind of value, or the path
/// is malformed.
pub(super) fn get_attr(value: &Value, path: &str) -> Option<Value> {
    let mut current = value;
    for step in parse_path(path)? {
        current = match step {
            PathStep::Key(key) => current.as_object()?.get(key)?,
            PathStep::Index(index) => current.as_array()?.get(index)?,
        };
    }
    match current {
        Value::Null => None,
        other => Some(other.clone()),
    }
}

/// `substring(input, start, stop, reverse)`: `None` when the input has
/// non-ASCII characters, the range is empty or inverted, or the input is
/// too short. With `reverse`, indices count from the end of the string.
pub(super) fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let start = usize::try_from(start).ok()?;
    let stop = usize::try_from(stop).ok()?;
    let len = input.len();
    if start >= stop || len < stop {
        return None;
    }
    let (from, to) = if reverse {
        (len - stop, len - start)
    } else {
        (start, stop)
    };
    input.get(from..to).map(str::to_owned)
}

/// One RFC 1123 label: 1 to 63 ASCII letters, digits or hyphens, starting
/// with a letter or digit.
fn is_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match bytes.first() {
        Some(first) if first.is_ascii_alphanumeric() && bytes.len() <= 63 => bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-'),
        _ => false,
    }
}

/// `isValidHostLabel(value, allowSubDomains)`.
pub(super) fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_host_label)
    } else {
        is_host_label(value)
    }
}

/// `uriEncode(value)`: percent-encodes every byte except the RFC 3986
/// unreserved characters, with uppercase hex digits.
pub(super) fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// Whether a string looks like a dotted IPv4 address (`\d+\.\d+\.\d+\.\d+`).
fn looks_like_ipv4(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: a valid host
/// label (or dotted labels) that is also a DNS-compatible bucket name:
/// 3 to 63 lowercase letters, digits, hyphens (and dots when allowed),
/// starting and ending with a letter or digit, and not an IPv4 address.
pub(super) fn is_virtual_hostable_s3_bucket(value: &str, allow_sub_domains: bool) -> bool {
    if !is_valid_host_label(value, allow_sub_domains) {
        return false;
    }
    let bytes = value.as_bytes();
    let edge_ok = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    (3..=63).contains(&bytes.len())
        && edge_ok(bytes.first())
        && edge_ok(bytes.last())
        && bytes.iter().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || *b == b'-'
                || (allow_sub_domains && *b == b'.')
        })
        && !looks_like_ipv4(value)
        && !value.contains(".-")
        && !value.contains("-.")
        && !value.contains("..")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn get_attr_paths() {
        let v = json!({"a": {"b": ["x", "y"]}, "list": [1, 2], "n": null});
        assert_eq!(get_attr(&v, "a.b[1]"), Some(json!("y")));
        assert_eq!(get_attr(&v, "a.b[2]"), None);
        assert_eq!(get_attr(&v, "list[0]"), Some(json!(1)));
        assert_eq!(get_attr(&json!(["q"]), "[0]"), Some(json!("q")));
        assert_eq!(get_attr(&v, "missing"), None);
        assert_eq!(get_attr(&v, "n"), None);
        assert_eq!(get_attr(&v, "a..b"), None);
        assert_eq!(get_attr(&v, "list[x]"), None);
        assert_eq!(get_attr(&v, "list[0"), None);
        assert_eq!(get_attr(&json!("str"), "a"), None);
    }

    #[test]
    fn substring_cases() {
        assert_eq!(substring("abcdef", 0, 4, false).as_deref(), Some("abcd"));
        assert_eq!(substring("abcdef", 0, 4, true).as_deref(), Some("cdef"));
        assert_eq!(substring("abcdef", 1, 3, true).as_deref(), Some("de"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abcdef", 3, 3, false), None);
        assert_eq!(substring("abcdef", 4, 2, false), None);
        assert_eq!(substring("abcdef", -1, 2, false), None);
        assert_eq!(substring("ab\u{e9}def", 0, 2, false), None);
        assert_eq!(substring("--x-s3", 0, 6, false).as_deref(), Some("--x-s3"));
    }

    #[test]
    fn host_labels() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(is_valid_host_label("a", false));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label("-abc", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(is_valid_host_label("a.b", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label("a b", false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(is_valid_host_label(&"a".repeat(63), false));
    }

    #[test]
    fn uri_encoding() {
        assert_eq!(uri_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(uri_encode("bucket!"), "bucket%21");
        assert_eq!(uri_encode("a b/c?d"), "a%20b%2Fc%3Fd");
        assert_eq!(uri_encode("\u{e9}"), "%C3%A9");
    }

    #[test]
    fn s3_buckets() {
        assert!(is_virtual_hostable_s3_bucket("bucket-name", false));
        assert!(!is_virtual_hostable_s3_bucket("bucket.name", false));
        assert!(is_virtual_hostable_s3_bucket("bucket.name", true));
        assert!(!is_virtual_hostable_s3_bucket("Bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("bucket-", false));
        assert!(!is_virtual_hostable_s3_bucket("192.168.1.1", true));
        assert!(!is_virtual_hostable_s3_bucket("a.-b", true));
        assert!(!is_virtual_hostable_s3_bucket("bucket_name", false));
    }
}
