//! [`RetryQuota`]: the standard retry mode's token bucket, shared by every call of one
//! client, so that a struggling service is not hammered by retries from all of them.

use std::sync::atomic::{AtomicU32, Ordering};

/// Tokens in a new bucket (and its ceiling).
pub const INITIAL_RETRY_TOKENS: u32 = 500;
/// Tokens one retry costs.
pub const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout or a broken connection costs.
pub const RETRY_TIMEOUT_COST: u32 = 10;
/// Tokens a call that succeeded at its first attempt gives back.
pub const NO_RETRY_INCREMENT: u32 = 1;

/// A retry token bucket: each retry takes tokens, a call that succeeds after retrying
/// returns what its last retry took, and one that succeeds at once adds
/// [`NO_RETRY_INCREMENT`]. When the bucket cannot pay, calls stop retrying (they return
/// their last error) until successes refill it.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: AtomicU32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self {
            tokens: AtomicU32::new(INITIAL_RETRY_TOKENS),
        }
    }
}

impl RetryQuota {
    /// Takes the cost of one retry (`timeout`: after a timeout or a broken connection),
    /// returning what was taken, or `None` when the bucket cannot pay.
    pub fn acquire(&self, timeout: bool) -> Option<u32> {
        let cost = if timeout {
            RETRY_TIMEOUT_COST
        } else {
            RETRY_COST
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                tokens.checked_sub(cost)
            })
            .ok()
            .map(|_| cost)
    }

    /// Records a successful call: gives back `taken` (what its last retry cost), or
    /// [`NO_RETRY_INCREMENT`] when it needed no retry, never beyond the initial level.
    pub fn release(&self, taken: Option<u32>) {
        let amount = taken.unwrap_or(NO_RETRY_INCREMENT);
        // The closure always returns `Some`, so the update cannot fail.
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |tokens| {
                Some(tokens.saturating_add(amount).min(INITIAL_RETRY_TOKENS))
            });
    }

    /// The tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_drain_the_bucket_and_successes_refill_it() {
        let quota = RetryQuota::default();
        assert_eq!(quota.acquire(false), Some(RETRY_COST));
        assert_eq!(quota.acquire(true), Some(RETRY_TIMEOUT_COST));
        assert_eq!(quota.available(), 500 - 5 - 10);
        // A success after a retry gives back what that retry took.
        quota.release(Some(RETRY_TIMEOUT_COST));
        assert_eq!(quota.available(), 495);
        // 99 more ordinary retries empty it down to 0; the next one is refused.
        for _ in 0..99 {
            assert!(quota.acquire(false).is_some());
        }
        assert_eq!(quota.available(), 0);
        assert_eq!(quota.acquire(false), None);
        assert_eq!(quota.acquire(true), None);
        // Successes at the first attempt add one token each.
        for _ in 0..5 {
            quota.release(None);
        }
        assert_eq!(quota.acquire(true), None);
        assert_eq!(quota.acquire(false), Some(RETRY_COST));
    }

    #[test]
    fn never_fills_beyond_the_initial_level() {
        let quota = RetryQuota::default();
        quota.release(None);
        quota.release(Some(RETRY_TIMEOUT_COST));
        assert_eq!(quota.available(), INITIAL_RETRY_TOKENS);
    }
}
