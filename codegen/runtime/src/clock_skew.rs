//! [`ClockSkew`]: corrects the signing clock from the server's `Date` header when the
//! service rejects a request as signed at the wrong time, as the AWS SDKs do.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime};

use http::HeaderMap;

use crate::datetime::DateTime;

/// Error codes by which AWS services reject a request signed at the wrong time.
pub const CLOCK_SKEW_ERRORS: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// A difference between the local and the server's clock smaller than this is not
/// skew (SigV4 accepts signatures up to 5 minutes off; `Date` has whole seconds).
const SKEW_THRESHOLD: Duration = Duration::from_secs(4 * 60);

/// The offset (server time − local time) applied to the signing time of every later
/// request of one client.
#[derive(Debug, Default)]
pub struct ClockSkew {
    offset_millis: AtomicI64,
}

impl ClockSkew {
    /// The time to sign a request with: the local clock corrected by the learned offset.
    pub fn now(&self) -> SystemTime {
        shift(
            SystemTime::now(),
            self.offset_millis.load(Ordering::Relaxed),
        )
    }

    /// Learns the offset from a response rejected with `code`: when the code is a
    /// clock-skew error and its `Date` header is more than 4 minutes away from the
    /// corrected local clock. Returns whether the offset changed (the failed call is then
    /// worth retrying with the corrected time).
    pub fn observe(&self, code: &str, headers: &HeaderMap, local_now: SystemTime) -> bool {
        if !CLOCK_SKEW_ERRORS.contains(&code) {
            return false;
        }
        let Some(server) = server_time(headers) else {
            return false;
        };
        let offset = self.offset_millis.load(Ordering::Relaxed);
        let corrected = shift(local_now, offset);
        let skew = signed_millis(server, corrected);
        if skew.unsigned_abs() < SKEW_THRESHOLD.as_millis() as u64 {
            return false;
        }
        self.offset_millis
            .store(offset.saturating_add(skew), Ordering::Relaxed);
        true
    }

    /// The learned offset, positive when the server's clock is ahead.
    pub fn offset(&self) -> i64 {
        self.offset_millis.load(Ordering::Relaxed)
    }
}

/// The server's clock from an RFC 7231 `Date` header.
fn server_time(headers: &HeaderMap) -> Option<SystemTime> {
    let text = headers.get(http::header::DATE)?.to_str().ok()?;
    let seconds = DateTime::parse_http_date(text.trim()).ok()?.as_secs_f64();
    SystemTime::UNIX_EPOCH.checked_add(Duration::try_from_secs_f64(seconds).ok()?)
}

/// `a - b` in milliseconds.
fn signed_millis(a: SystemTime, b: SystemTime) -> i64 {
    match a.duration_since(b) {
        Ok(ahead) => i64::try_from(ahead.as_millis()).unwrap_or(i64::MAX),
        Err(behind) => i64::try_from(behind.duration().as_millis()).map_or(i64::MIN, |m| -m),
    }
}

/// `time` moved by `millis` (either way), saturating at what `SystemTime` can hold.
fn shift(time: SystemTime, millis: i64) -> SystemTime {
    let amount = Duration::from_millis(millis.unsigned_abs());
    let moved = if millis >= 0 {
        time.checked_add(amount)
    } else {
        time.checked_sub(amount)
    };
    moved.unwrap_or(time)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn date(text: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(http::header::DATE, HeaderValue::from_static(text));
        headers
    }

    /// 2023-11-14T22:13:20Z.
    fn local() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
    }

    #[test]
    fn learns_the_offset_from_skew_errors_only() {
        let skew = ClockSkew::default();
        // The server is 1 hour ahead.
        let ahead = date("Tue, 14 Nov 2023 23:13:20 GMT");
        assert!(!skew.observe("ValidationException", &ahead, local()));
        assert!(!skew.observe("RequestTimeTooSkewed", &HeaderMap::new(), local()));
        assert!(!skew.observe("RequestTimeTooSkewed", &date("garbage"), local()));
        assert_eq!(skew.offset(), 0);
        assert!(skew.observe("InvalidSignatureException", &ahead, local()));
        assert_eq!(skew.offset(), 3_600_000);
        // Once corrected, the same answer is not skew any more (a real signature error).
        assert!(!skew.observe("InvalidSignatureException", &ahead, local()));
        // The server 10 minutes behind the local clock.
        let behind = date("Tue, 14 Nov 2023 22:03:20 GMT");
        assert!(skew.observe("RequestTimeTooSkewed", &behind, local()));
        assert_eq!(skew.offset(), -600_000);
        let now = skew.now();
        let expected = SystemTime::now() - Duration::from_secs(600);
        assert!(signed_millis(now, expected).abs() < 5_000);
    }

    #[test]
    fn small_differences_are_not_skew() {
        let skew = ClockSkew::default();
        assert!(!skew.observe(
            "SignatureDoesNotMatch",
            &date("Tue, 14 Nov 2023 22:16:20 GMT"),
            local()
        ));
        assert_eq!(skew.offset(), 0);
    }
}
