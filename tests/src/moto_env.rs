//! Where the moto server is, and how to talk to it, for the end-to-end tests
//! (`tests/tests/e2e_moto.rs`, `tests/tests/e2e_lifecycle.rs`).

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use cognito_identity_provider::{Config, Credentials};

/// The variable naming the moto endpoint, e.g. `http://127.0.0.1:5000`.
pub const ENDPOINT_VARIABLE: &str = "COGNITO_ENDPOINT";

/// The moto endpoint from [`ENDPOINT_VARIABLE`]; panics, saying how to start moto, when it
/// is unset. The tests that call it are `#[ignore = "needs moto: …"]` in the workspace, so a
/// fresh clone lists them as ignored and CI (`cargo test -- --ignored`) runs them.
pub fn endpoint() -> String {
    std::env::var(ENDPOINT_VARIABLE)
        .ok()
        .filter(|url| !url.trim().is_empty())
        .unwrap_or_else(|| {
            panic!(
                "{ENDPOINT_VARIABLE} is not set: start `moto_server -H 127.0.0.1 -p PORT` and set \
                 {ENDPOINT_VARIABLE}=http://127.0.0.1:PORT (`.ci/run` does both)"
            )
        })
}

/// Configuration for moto: its endpoint, `us-east-1`, static dummy credentials.
pub fn config(endpoint: &str) -> Config {
    Config::builder()
        .endpoint_url(endpoint)
        .region("us-east-1")
        .credentials_provider(Credentials::new("AKIDMOTOTEST", "moto-secret", None))
        .build()
}

/// A name no other test of this run, nor an earlier run against the same moto, uses:
/// `prefix`, the process id, a per-process counter and the clock.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() % 100_000_000);
    format!("{prefix}-{}-{count}-{millis}", std::process::id())
}
