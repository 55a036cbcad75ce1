//! [`MockTransport`]: canned responses for tests, always compiled (it is tiny).
//!
//! ```ignore
//! let mock = MockTransport::new();
//! mock.push_json(200, r#"{"Users":[]}"#);
//! let config = Config::builder().region("us-east-1").transport(mock.clone()).build();
//! // … call the client …
//! assert_eq!(mock.requests()[0].headers["x-amz-target"], "AWSCognitoIdentityProviderService.ListUsers");
//! ```

use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

use crate::transport::{BoxFuture, HttpRequest, HttpResponse, HttpTransport, TransportError};

/// One queued reply.
enum Reply {
    Response(HttpResponse),
    Error(TransportError),
    Never,
}

#[derive(Default)]
struct State {
    replies: VecDeque<Reply>,
    requests: Vec<HttpRequest>,
}

/// A transport answering from a queue of canned replies, in order, and
/// recording every request it receives.
///
/// Clones share the queue and the record, so keep a clone for assertions
/// after handing one to the config. When the queue is empty, requests fail
/// with a [`TransportError`] of kind `Other`.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

impl MockTransport {
    /// An empty mock.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking test thread must not hide the record from the others.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues a response. Header pairs that are not valid HTTP are skipped;
    /// a status outside 100–999 becomes 500.
    pub fn push_response(&self, status: u16, headers: &[(&str, &str)], body: impl Into<Bytes>) {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_bytes()),
                HeaderValue::from_str(value),
            ) {
                map.append(name, value);
            }
        }
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        self.push_http_response(HttpResponse {
            status,
            headers: map,
            body: body.into(),
        });
    }

    /// Queues a response with an awsJson content type and the given body.
    pub fn push_json(&self, status: u16, body: &str) {
        self.push_response(
            status,
            &[("content-type", "application/x-amz-json-1.1")],
            body.to_owned(),
        );
    }

    /// Queues a fully built response.
    pub fn push_http_response(&self, response: HttpResponse) {
        self.lock().replies.push_back(Reply::Response(response));
    }

    /// Queues a transport failure.
    pub fn push_error(&self, error: TransportError) {
        self.lock().replies.push_back(Reply::Error(error));
    }

    /// Queues a reply that never comes: the request pends forever (to test timeouts).
    pub fn push_never(&self) {
        self.lock().replies.push_back(Reply::Never);
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.lock().requests.clone()
    }

    /// How many requests were received.
    pub fn request_count(&self) -> usize {
        self.lock().requests.len()
    }

    /// How many queued replies have not been used yet.
    pub fn remaining(&self) -> usize {
        self.lock().replies.len()
    }
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("MockTransport")
            .field("queued", &state.replies.len())
            .field("requests", &state.requests)
            .finish()
    }
}

impl HttpTransport for MockTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let reply = {
            let mut state = self.lock();
            state.requests.push(request);
            state.replies.pop_front()
        };
        Box::pin(async move {
            match reply {
                Some(Reply::Response(response)) => Ok(response),
                Some(Reply::Error(error)) => Err(error),
                Some(Reply::Never) => std::future::pending().await,
                None => Err(TransportError::other("mock transport: no response queued")),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{Method, Uri};
    use std::time::Duration;

    fn request() -> HttpRequest {
        let mut headers = HeaderMap::new();
        headers.insert("authorization", HeaderValue::from_static("SECRET-SIG"));
        HttpRequest {
            method: Method::POST,
            uri: Uri::from_static("http://localhost/"),
            headers,
            body: Bytes::from_static(b"{}"),
        }
    }

    #[tokio::test]
    async fn replays_in_order_and_records() {
        let mock = MockTransport::new();
        mock.push_response(201, &[("x-a", "1"), ("bad header", "x")], "one");
        mock.push_error(TransportError::connect("refused"));
        mock.push_response(1000, &[], "");
        let first = mock.send(request()).await.unwrap();
        assert_eq!(first.status, StatusCode::CREATED);
        assert_eq!(first.headers.len(), 1);
        assert_eq!(first.body, "one");
        assert!(mock.send(request()).await.unwrap_err().is_connect());
        let third = mock.send(request()).await.unwrap();
        assert_eq!(third.status, StatusCode::INTERNAL_SERVER_ERROR);
        let err = mock.send(request()).await.unwrap_err();
        assert!(err.to_string().contains("no response queued"));
        assert_eq!(mock.request_count(), 4);
        assert_eq!(mock.requests()[0].body, "{}");
        assert_eq!(mock.remaining(), 0);
        assert!(!format!("{mock:?}").contains("SECRET-SIG"));
    }

    #[tokio::test]
    async fn never_answers() {
        let mock = MockTransport::new();
        mock.push_never();
        let outcome = tokio::time::timeout(Duration::from_millis(20), mock.send(request())).await;
        assert!(outcome.is_err());
        assert_eq!(mock.request_count(), 1);
    }
}
