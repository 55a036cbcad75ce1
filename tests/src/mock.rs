//! Wire-test support: the generated Cognito client over the runtime's [`MockTransport`],
//! with credentials whose secret parts are easy to search for in `Debug` output.

use std::time::Duration;

use cognito_identity_provider::{Client, Config, Credentials};
use serde_json::Value;
use smithy_lean_runtime::{ConfigBuilder, HttpRequest, MockTransport};

/// The access key id the mock clients sign with (not secret).
pub const ACCESS_KEY_ID: &str = "AKIDWIRETEST";
/// The secret key the mock clients sign with; it must never show up in output.
pub const SECRET_ACCESS_KEY: &str = "wire-secret-access-key";
/// The session token the mock clients send; it must never show up in `Debug` output.
pub const SESSION_TOKEN: &str = "wire-session-token";

/// A config sending through `mock`: region `us-east-1`, temporary credentials, and a 1 ms
/// backoff so retry tests do not wait.
pub fn config(mock: &MockTransport) -> ConfigBuilder {
    Config::builder()
        .region("us-east-1")
        .credentials_provider(Credentials::new(
            ACCESS_KEY_ID,
            SECRET_ACCESS_KEY,
            Some(SESSION_TOKEN.to_owned()),
        ))
        .base_backoff(Duration::from_millis(1))
        .transport(mock.clone())
}

/// A client with [`config`].
pub fn client(mock: &MockTransport) -> Client {
    Client::new(config(mock).build())
}

/// The only request `mock` received (panics when it received none or several).
pub fn only_request(mock: &MockTransport) -> HttpRequest {
    let mut requests = mock.requests();
    assert_eq!(requests.len(), 1, "expected exactly one request");
    requests.remove(0)
}

/// A request header as text (panics when it is missing or not text).
pub fn header<'a>(request: &'a HttpRequest, name: &str) -> &'a str {
    let value = request.headers.get(name);
    let value = value.unwrap_or_else(|| panic!("request has no `{name}` header"));
    value.to_str().expect("header is text")
}

/// The request body as JSON (panics when it is not JSON).
pub fn body_json(request: &HttpRequest) -> Value {
    serde_json::from_slice(&request.body).expect("the request body is JSON")
}
