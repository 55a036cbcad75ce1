//! [`CachedCredentials`]: keeps what a provider returned until shortly before it expires.

use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use super::{BoxFuture, Credentials, CredentialsError, ProvideCredentials};

/// How long before expiry cached credentials are refreshed (the AWS SDKs use 5 minutes).
pub const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(300);

/// A provider in front of another that caches its credentials.
///
/// Once credentials are resolved, asking again costs a read lock: no file or network I/O.
/// Credentials with an expiry are refreshed when less than the refresh margin remains; while
/// one task refreshes, concurrent callers wait for its result instead of each asking the
/// inner provider (no thundering herd). If a refresh fails while the old credentials have not
/// yet expired, the old ones are returned.
pub struct CachedCredentials {
    inner: Arc<dyn ProvideCredentials>,
    cached: RwLock<Option<Credentials>>,
    refreshing: tokio::sync::Mutex<()>,
    refresh_before: Duration,
}

impl std::fmt::Debug for CachedCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedCredentials")
            .field("refresh_before", &self.refresh_before)
            .finish_non_exhaustive()
    }
}

impl CachedCredentials {
    /// Caches `inner`, refreshing [`DEFAULT_REFRESH_BEFORE`] ahead of expiry.
    pub fn new(inner: impl ProvideCredentials) -> Self {
        Self::with_refresh_before(inner, DEFAULT_REFRESH_BEFORE)
    }

    /// Caches `inner`, refreshing `margin` ahead of expiry.
    pub fn with_refresh_before(inner: impl ProvideCredentials, margin: Duration) -> Self {
        Self {
            inner: Arc::new(inner),
            cached: RwLock::new(None),
            refreshing: tokio::sync::Mutex::new(()),
            refresh_before: margin,
        }
    }

    /// The cached credentials if they are still fresh.
    fn fresh(&self) -> Option<Credentials> {
        let cached = self.cached.read().ok()?.clone()?;
        let fresh = match cached.expiry() {
            None => true,
            Some(expiry) => SystemTime::now() + self.refresh_before < expiry,
        };
        fresh.then_some(cached)
    }

    async fn get(&self) -> Result<Credentials, CredentialsError> {
        if let Some(credentials) = self.fresh() {
            return Ok(credentials);
        }
        let _single_flight = self.refreshing.lock().await;
        // Another task may have refreshed while this one waited.
        if let Some(credentials) = self.fresh() {
            return Ok(credentials);
        }
        match self.inner.provide_credentials().await {
            Ok(credentials) => {
                if let Ok(mut cached) = self.cached.write() {
                    *cached = Some(credentials.clone());
                }
                Ok(credentials)
            }
            Err(error) => {
                let still_valid = self
                    .cached
                    .read()
                    .ok()
                    .and_then(|c| c.clone())
                    .filter(|c| c.expiry().is_none_or(|expiry| SystemTime::now() < expiry));
                still_valid.ok_or(error)
            }
        }
    }
}

impl ProvideCredentials for CachedCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(self.get())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    /// Counts calls; each answer expires `lifetime` from now; fails after `fail_after` calls.
    struct Counting {
        calls: Arc<AtomicU32>,
        lifetime: Duration,
        fail_after: u32,
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(Duration::from_millis(20)).await;
                if n > self.fail_after {
                    return Err(CredentialsError::new("inner failed"));
                }
                Ok(Credentials::new(format!("AKID{n}"), "S", None)
                    .with_expiry(SystemTime::now() + self.lifetime))
            })
        }
    }

    fn counting(lifetime: Duration, fail_after: u32) -> (Arc<AtomicU32>, Counting) {
        let calls = Arc::new(AtomicU32::new(0));
        let provider = Counting {
            calls: calls.clone(),
            lifetime,
            fail_after,
        };
        (calls, provider)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_callers_share_one_fetch() {
        let (calls, inner) = counting(Duration::from_secs(3600), u32::MAX);
        let cache = Arc::new(CachedCredentials::new(inner));
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move { cache.provide_credentials().await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap().access_key_id(), "AKID1");
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn refreshes_inside_the_margin_and_keeps_valid_ones_on_failure() {
        // Lifetime 2 s, margin 1.5 s: fresh for half a second.
        let (calls, inner) = counting(Duration::from_secs(2), 2);
        let cache = CachedCredentials::with_refresh_before(inner, Duration::from_millis(1500));
        assert_eq!(
            cache.provide_credentials().await.unwrap().access_key_id(),
            "AKID1"
        );
        assert_eq!(
            cache.provide_credentials().await.unwrap().access_key_id(),
            "AKID1"
        );
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(
            cache.provide_credentials().await.unwrap().access_key_id(),
            "AKID2"
        );
        tokio::time::sleep(Duration::from_millis(600)).await;
        // The third fetch fails, but AKID2 has not expired yet.
        assert_eq!(
            cache.provide_credentials().await.unwrap().access_key_id(),
            "AKID2"
        );
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let err = cache.provide_credentials().await.unwrap_err();
        assert_eq!(err.to_string(), "inner failed");
    }
}
