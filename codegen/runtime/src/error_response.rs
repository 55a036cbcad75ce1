//! [`ErrorResponse`]: a non-2xx awsJson response, decoded just enough to pick
//! the typed error; [`Unhandled`]: the catch-all for codes an operation does
//! not model.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http::HeaderMap;
use serde::de::DeserializeOwned;

use crate::objects_only;
use crate::server_text::ServerText;
use crate::transport::HttpResponse;

/// The longest non-JSON body excerpt kept as a message.
const MAX_SNIPPET_CHARS: usize = 200;

/// Code, message, HTTP status and request id of a service error.
///
/// `Display` prints the server's text through [`ServerText`] (control characters and
/// terminal escapes neutralised, long messages cut); the accessors return it unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorMeta {
    code: String,
    // Shared, not copied, between the clones an error carries (a message can be megabytes).
    message: Option<Arc<str>>,
    status: u16,
    request_id: Option<String>,
    location: Option<String>,
    retryable: bool,
}

impl ErrorMeta {
    /// The error code, e.g. `ResourceNotFoundException` (empty if the
    /// response carried none).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The human-readable message, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The `x-amzn-requestid` of the response, to quote to AWS support.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The `Location` header of a redirect (3xx) response. The client does not follow
    /// redirects: an awsJson endpoint never sends one, so a redirect means the configured
    /// endpoint is wrong, and this says where the server points instead.
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// Whether the client classified this error as transient (throttling,
    /// server error, or a code the service marks `@retryable`).
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }
}

impl fmt::Display for ErrorMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.code.is_empty() {
            write!(f, "HTTP {}", self.status)?;
        } else {
            write!(f, "{} (HTTP {})", ServerText::new(&self.code), self.status)?;
        }
        if let Some(location) = &self.location {
            write!(f, " redirecting to {}", ServerText::new(location))?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {}", ServerText::new(message))?;
        }
        Ok(())
    }
}

/// A non-2xx response: what generated error enums are built from.
///
/// `Debug` prints the body length, not the body.
#[derive(Clone)]
pub struct ErrorResponse {
    meta: ErrorMeta,
    body: Bytes,
}

impl fmt::Debug for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorResponse")
            .field("meta", &self.meta)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl ErrorResponse {
    /// Decodes an error response. Never fails: bodies that are not JSON
    /// (HTML error pages, XML from proxies, nothing at all) give an empty
    /// code and, when non-empty, a short excerpt as the message.
    pub fn from_http(response: &HttpResponse) -> Self {
        Self::from_parts(
            response.status.as_u16(),
            &response.headers,
            response.body.clone(),
        )
    }

    /// Decodes an error response from its status, headers and body.
    pub fn from_parts(status: u16, headers: &HeaderMap, body: Bytes) -> Self {
        let json = serde_json::from_slice::<serde_json::Value>(&body).ok();
        let object = json.as_ref().and_then(|v| v.as_object());
        let body_field = |names: &[&str]| {
            names.iter().find_map(|name| {
                object
                    .and_then(|o| o.get(*name))
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            })
        };
        let code = header(headers, "x-amzn-errortype")
            .or_else(|| body_field(&["__type", "code", "Code"]))
            .map(|raw| sanitize_code(&raw).to_owned())
            .unwrap_or_default();
        let message = if json.is_some() {
            body_field(&["message", "Message", "errorMessage"])
        } else {
            snippet(&body)
        };
        let request_id =
            header(headers, "x-amzn-requestid").or_else(|| header(headers, "x-amz-request-id"));
        let location = (300..400)
            .contains(&status)
            .then(|| header(headers, "location"))
            .flatten();
        Self {
            meta: ErrorMeta {
                code,
                message: message.map(Arc::from),
                status,
                request_id,
                location,
                retryable: false,
            },
            body,
        }
    }

    /// The error code with any `namespace#` prefix and `:suffix` removed.
    pub fn code(&self) -> &str {
        self.meta.code()
    }

    /// The error message, if any.
    pub fn message(&self) -> Option<&str> {
        self.meta.message()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.meta.status()
    }

    /// The request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// Code, message, status and request id.
    pub fn meta(&self) -> &ErrorMeta {
        &self.meta
    }

    /// Records the client's retry classification in the metadata.
    pub(crate) fn set_retryable(&mut self, retryable: bool) {
        self.meta.retryable = retryable;
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Deserializes the body as a modelled error structure (an empty body
    /// reads as `{}`). Every structure in it must be a JSON object: an array, which would
    /// otherwise fill a structure's fields by position, is refused at any depth.
    pub fn parse_body<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        match first_json_byte(&self.body) {
            None => objects_only::from_slice(b"{}"),
            Some(_) => objects_only::from_slice(&self.body),
        }
    }

    /// The modelled error `T` wrapped by `variant`, or — when the body does not decode as
    /// `T` — the catch-all wrapped by `unhandled`. Generated error enums call this once per
    /// modelled code.
    pub fn into_modelled<T: DeserializeOwned, E>(
        self,
        variant: fn(T) -> E,
        unhandled: fn(Unhandled) -> E,
    ) -> E {
        match self.parse_body() {
            Ok(error) => variant(error),
            Err(_) => unhandled(self.into_unhandled()),
        }
    }

    /// Turns this response into the catch-all error for unmodelled codes.
    pub fn into_unhandled(self) -> Unhandled {
        Unhandled {
            meta: Box::new(self.meta),
        }
    }
}

/// An error the operation does not model (unknown code, undecodable body,
/// proxy or load-balancer error page).
///
/// Displays as `CODE (HTTP 500): message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhandled {
    // Boxed so generated error enums stay small.
    meta: Box<ErrorMeta>,
}

impl Unhandled {
    /// The error code (empty if the response carried none).
    pub fn code(&self) -> &str {
        self.meta.code()
    }

    /// The error message, if any.
    pub fn message(&self) -> Option<&str> {
        self.meta.message()
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.meta.status()
    }

    /// The request id, if the response carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// Code, message, status and request id.
    pub fn meta(&self) -> &ErrorMeta {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.meta, f)
    }
}

impl std::error::Error for Unhandled {}

/// The first byte of `body` that is not JSON whitespace, if any.
pub(crate) fn first_json_byte(body: &[u8]) -> Option<u8> {
    body.iter().copied().find(|b| !b.is_ascii_whitespace())
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

/// `aws.protocoltests#FooError:http://internal.amazon.com/…` → `FooError`.
fn sanitize_code(raw: &str) -> &str {
    let without_suffix = raw.split(':').next().unwrap_or(raw);
    let name = match without_suffix.rsplit_once('#') {
        Some((_, name)) => name,
        None => without_suffix,
    };
    name.trim()
}

/// The start of a non-JSON body as printable text, or `None` if empty.
fn snippet(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    for (count, c) in text
        .split_whitespace()
        .flat_map(|w| w.chars().chain([' ']))
        .enumerate()
    {
        if count >= MAX_SNIPPET_CHARS {
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
    }
    let trimmed = out.trim_end();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn parse(
        headers: &[(&'static str, &'static str)],
        body: &'static str,
        status: u16,
    ) -> ErrorResponse {
        let mut map = HeaderMap::new();
        for (k, v) in headers {
            map.insert(*k, HeaderValue::from_static(v));
        }
        ErrorResponse::from_parts(status, &map, Bytes::from_static(body.as_bytes()))
    }

    #[test]
    fn code_from_header_wins_and_is_sanitized() {
        let e = parse(
            &[
                (
                    "x-amzn-errortype",
                    "UserNotFoundException:http://internal.amazon.com/coral/x/",
                ),
                ("x-amzn-requestid", "req-1"),
            ],
            r#"{"__type":"Other","message":"User does not exist."}"#,
            400,
        );
        assert_eq!(e.code(), "UserNotFoundException");
        assert_eq!(e.message(), Some("User does not exist."));
        assert_eq!(e.request_id(), Some("req-1"));
        assert_eq!(e.status(), 400);
    }

    #[test]
    fn code_from_body_type_with_namespace() {
        let e = parse(
            &[],
            r#"{"__type":"com.amazonaws.cognito#InvalidParameterException","Message":"bad"}"#,
            400,
        );
        assert_eq!(e.code(), "InvalidParameterException");
        assert_eq!(e.message(), Some("bad"));
        let e = parse(&[], r#"{"code":"ns#Thing:suffix"}"#, 400);
        assert_eq!(e.code(), "Thing");
        assert_eq!(e.message(), None);
        assert_eq!(e.request_id(), None);
    }

    #[test]
    fn non_json_bodies_never_panic() {
        let html = parse(
            &[],
            "<html><body><h1>500 Internal Server Error</h1>\n</body></html>",
            500,
        );
        assert_eq!(html.code(), "");
        assert_eq!(html.status(), 500);
        assert_eq!(
            html.message(),
            Some("<html><body><h1>500 Internal Server Error</h1> </body></html>")
        );
        let xml = parse(
            &[("x-amz-request-id", "xml-req")],
            "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>",
            403,
        );
        assert_eq!((xml.code(), xml.status()), ("", 403));
        assert_eq!(xml.request_id(), Some("xml-req"));
        let empty = parse(&[], "", 502);
        assert_eq!(
            (empty.code(), empty.message(), empty.status()),
            ("", None, 502)
        );
        assert_eq!(empty.clone().into_unhandled().to_string(), "HTTP 502");
        let array = parse(&[], "[1,2]", 400);
        assert_eq!((array.code(), array.message()), ("", None));
        let long = "x".repeat(1000);
        let e = ErrorResponse::from_parts(500, &HeaderMap::new(), Bytes::from(long));
        assert_eq!(e.message().unwrap().chars().count(), MAX_SNIPPET_CHARS + 1);
        let binary = ErrorResponse::from_parts(
            500,
            &HeaderMap::new(),
            Bytes::from_static(&[0xff, 0x00, 0x41]),
        );
        assert!(binary.message().is_some());
    }

    #[test]
    fn parse_body_and_unhandled() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Modelled {
            message: Option<String>,
        }
        let e = parse(
            &[("x-amzn-requestid", "r")],
            r#"{"__type":"X","message":"m","extra":1}"#,
            400,
        );
        assert_eq!(
            e.parse_body::<Modelled>().unwrap().message.as_deref(),
            Some("m")
        );
        assert!(parse(&[], "", 400).parse_body::<Modelled>().is_ok());
        assert!(parse(&[], "<html>", 400).parse_body::<Modelled>().is_err());
        assert!(format!("{e:?}").contains("body_len"));
        let unhandled = e.into_unhandled();
        assert_eq!(unhandled.to_string(), "X (HTTP 400): m");
        assert_eq!(
            (
                unhandled.code(),
                unhandled.message(),
                unhandled.status(),
                unhandled.request_id()
            ),
            ("X", Some("m"), 400, Some("r"))
        );
    }
}
