//! Retry policy, AWS "standard" mode: [`RetryConfig`], which failures are transient,
//! exponential backoff with full jitter, and server-requested delays. The retry quota is
//! in [`RetryQuota`], clock-skew correction in [`ClockSkew`].
//!
//! [`RetryQuota`]: crate::retry::RetryQuota
//! [`ClockSkew`]: crate::retry::ClockSkew

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use http::HeaderMap;

use crate::error_response::ErrorResponse;
use crate::transport::{TransportError, TransportErrorKind};

pub use crate::clock_skew::{CLOCK_SKEW_ERRORS, ClockSkew};
pub use crate::retry_quota::{
    INITIAL_RETRY_TOKENS, NO_RETRY_INCREMENT, RETRY_COST, RETRY_TIMEOUT_COST, RetryQuota,
};

/// How failed calls are retried (`retry_mode` in the AWS config file, `AWS_RETRY_MODE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RetryMode {
    /// The AWS SDKs' standard mode: transient errors and throttling retried with
    /// exponential backoff and full jitter, bounded by a per-client retry quota.
    #[default]
    Standard,
    /// Standard mode plus a client-side rate limiter: after a throttling response, each
    /// attempt (the first one included) waits for a token from a bucket whose rate
    /// follows the measured sending rate (cut by 30% per throttle, grown back on a
    /// CUBIC curve). For clients that call one throttled resource and can wait.
    Adaptive,
}

/// A retry mode name this client does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsupportedRetryMode(String);

impl fmt::Display for UnsupportedRetryMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unsupported retry mode {:?} (supported: standard, adaptive, legacy)",
            self.0
        )
    }
}

impl std::error::Error for UnsupportedRetryMode {}

impl FromStr for RetryMode {
    type Err = UnsupportedRetryMode;

    /// `standard`, `adaptive`, or `legacy` (each SDK's own older policy; read as
    /// standard, as the Rust AWS SDK does), in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let name = text.trim();
        if name.eq_ignore_ascii_case("standard") || name.eq_ignore_ascii_case("legacy") {
            Ok(RetryMode::Standard)
        } else if name.eq_ignore_ascii_case("adaptive") {
            Ok(RetryMode::Adaptive)
        } else {
            Err(UnsupportedRetryMode(name.to_owned()))
        }
    }
}

/// Default number of attempts, the first one included.
pub(crate) const DEFAULT_MAX_ATTEMPTS: u32 = 3;

/// The retry settings of a client: the mode and the number of attempts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// The retry mode.
    pub mode: RetryMode,
    /// Attempts per call, the first one included (at least 1; 1 disables retries).
    pub max_attempts: u32,
}

impl Default for RetryConfig {
    /// Standard mode, 3 attempts.
    fn default() -> Self {
        Self {
            mode: RetryMode::Standard,
            max_attempts: DEFAULT_MAX_ATTEMPTS,
        }
    }
}

/// Error codes that mean "slow down", for every AWS service.
pub const THROTTLING_ERRORS: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient failures, for every AWS service.
pub const TRANSIENT_ERRORS: &[&str] =
    &["RequestTimeout", "RequestTimeoutException", "InternalError"];

/// Whether a service error response is worth retrying: throttling codes,
/// transient codes, the service's own `@retryable` and throttling codes,
/// HTTP 429, and 5xx statuses other than 501 (Not Implemented).
pub(crate) fn is_retryable_response(
    response: &ErrorResponse,
    retryable_codes: &[&str],
    throttling_codes: &[&str],
) -> bool {
    let code = response.code();
    let status = response.status();
    let transient = !code.is_empty()
        && [TRANSIENT_ERRORS, retryable_codes]
            .iter()
            .any(|list| list.contains(&code));
    transient
        || is_throttling_response(response, throttling_codes)
        || (status >= 500 && status != 501)
}

/// Whether a service error response means "slow down": HTTP 429, a throttling code
/// shared by AWS services, or one of the service's `@retryable(throttling: true)` codes.
pub(crate) fn is_throttling_response(response: &ErrorResponse, throttling_codes: &[&str]) -> bool {
    let code = response.code();
    response.status() == 429
        || (!code.is_empty()
            && (THROTTLING_ERRORS.contains(&code) || throttling_codes.contains(&code)))
}

/// Whether a transport failure is worth retrying: connect failures (the
/// request was not sent), timeouts, and connections that broke mid-exchange
/// (typically a pooled connection the server closed as the request went out),
/// as AWS SDKs' standard mode does. Only `Other` (a request the transport
/// cannot send at all) is final.
pub(crate) fn is_retryable_transport(error: &TransportError) -> bool {
    matches!(
        error.kind(),
        TransportErrorKind::Connect | TransportErrorKind::Timeout | TransportErrorKind::Io
    )
}

/// Delay before retry number `retry` (1 for the first retry): a uniformly
/// random duration in `[0, min(max, base * 2^(retry-1))]` ("full jitter").
pub(crate) fn backoff(retry: u32, base: Duration, max: Duration) -> Duration {
    let exponent = retry.saturating_sub(1).min(30);
    let ceiling = base.saturating_mul(1u32 << exponent).min(max);
    // `try_from` rather than `mul_f64`, which panics when rounding pushes a
    // huge configured cap past `Duration::MAX`.
    Duration::try_from_secs_f64(ceiling.as_secs_f64() * random_fraction())
        .map_or(ceiling, |delay| delay.min(ceiling))
}

/// The delay the server asks for before a retry: `x-amz-retry-after` (milliseconds),
/// else `Retry-After` (whole seconds; its HTTP-date form is not used), capped at `max`
/// so that a server cannot park a client beyond the backoff cap.
pub(crate) fn server_delay(headers: &HeaderMap, max: Duration) -> Option<Duration> {
    let number =
        |name: &str| -> Option<u64> { headers.get(name)?.to_str().ok()?.trim().parse().ok() };
    let delay = number("x-amz-retry-after")
        .map(Duration::from_millis)
        .or_else(|| number("retry-after").map(Duration::from_secs))?;
    Some(delay.min(max))
}

/// A random number in `[0, 1)`.
fn random_fraction() -> f64 {
    // 53 random bits scaled into [0, 1).
    (crate::random::random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use http::{HeaderMap, HeaderValue};

    fn response(status: u16, code: &'static str) -> ErrorResponse {
        let mut headers = HeaderMap::new();
        if !code.is_empty() {
            headers.insert("x-amzn-errortype", HeaderValue::from_static(code));
        }
        ErrorResponse::from_parts(status, &headers, Bytes::new())
    }

    #[test]
    fn classifies_responses() {
        let retryable = |status, code| {
            is_retryable_response(&response(status, code), &["MyRetryable"], &["MyThrottle"])
        };
        assert!(retryable(500, ""));
        assert!(retryable(503, "ServiceUnavailable"));
        assert!(retryable(504, ""));
        assert!(!retryable(501, ""));
        assert!(retryable(429, ""));
        assert!(retryable(400, "ThrottlingException"));
        assert!(retryable(400, "TooManyRequestsException"));
        assert!(retryable(400, "RequestLimitExceeded"));
        assert!(retryable(400, "PriorRequestNotComplete"));
        assert!(retryable(400, "MyRetryable"));
        assert!(retryable(400, "MyThrottle"));
        assert!(!retryable(400, "ValidationException"));
        assert!(!retryable(400, "NotAuthorizedException"));
        assert!(!retryable(403, ""));
        assert!(!retryable(404, "ResourceNotFoundException"));
    }

    #[test]
    fn classifies_transport_errors() {
        assert!(is_retryable_transport(&TransportError::connect("refused")));
        assert!(is_retryable_transport(&TransportError::timeout("slow")));
        assert!(is_retryable_transport(&TransportError::io(
            "connection closed before message completed"
        )));
        assert!(!is_retryable_transport(&TransportError::other(
            "bad request"
        )));
    }

    #[test]
    fn server_delay_prefers_milliseconds_and_is_capped() {
        let max = Duration::from_secs(20);
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (k, v) in pairs {
                map.insert(*k, HeaderValue::from_static(v));
            }
            map
        };
        assert_eq!(server_delay(&headers(&[]), max), None);
        assert_eq!(
            server_delay(
                &headers(&[("x-amz-retry-after", "1500"), ("retry-after", "9")]),
                max
            ),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            server_delay(&headers(&[("retry-after", "3")]), max),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            server_delay(&headers(&[("retry-after", "86400")]), max),
            Some(max)
        );
        assert_eq!(
            server_delay(
                &headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
                max
            ),
            None
        );
        assert_eq!(
            server_delay(&headers(&[("x-amz-retry-after", "-5")]), max),
            None
        );
    }

    #[test]
    fn retry_modes_parse() {
        assert_eq!("standard".parse(), Ok(RetryMode::Standard));
        assert_eq!(" Legacy ".parse(), Ok(RetryMode::Standard));
        assert_eq!("ADAPTIVE".parse(), Ok(RetryMode::Adaptive));
        let err = "fast".parse::<RetryMode>().unwrap_err();
        assert!(err.to_string().contains("\"fast\""), "{err}");
        assert_eq!(RetryConfig::default().max_attempts, 3);
    }

    #[test]
    fn backoff_is_bounded_and_jittered() {
        let base = Duration::from_millis(100);
        let max = Duration::from_secs(20);
        for retry in 1..=40 {
            let ceiling = base.saturating_mul(1 << (retry - 1).min(30)).min(max);
            for _ in 0..20 {
                assert!(backoff(retry, base, max) <= ceiling);
            }
        }
        let samples: Vec<Duration> = (0..50).map(|_| backoff(5, base, max)).collect();
        assert!(samples.iter().any(|d| *d != samples[0]), "no jitter");
        assert_eq!(backoff(3, Duration::ZERO, max), Duration::ZERO);
        assert!(backoff(u32::MAX, Duration::MAX, max) <= max);
        for _ in 0..100 {
            backoff(40, Duration::MAX, Duration::MAX);
        }
    }
}
