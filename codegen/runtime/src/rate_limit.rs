//! [`ClientRateLimiter`]: the adaptive retry mode's client-side rate limiter, as the AWS
//! SDKs specify it — a token bucket whose fill rate follows a CUBIC curve: cut to 70% of
//! the measured sending rate on each throttling response, grown back along the cubic
//! curve on successes. Off until the first throttling response.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The share of the rate kept after a throttling response.
const BETA: f64 = 0.7;
/// How fast the cubic curve grows the rate back.
const SCALE_CONSTANT: f64 = 0.4;
/// Weight of the newest measurement in the smoothed sending rate.
const SMOOTH: f64 = 0.8;
/// The lowest fill rate, in requests per second.
const MIN_FILL_RATE: f64 = 0.5;
/// The smallest bucket capacity, in requests.
const MIN_CAPACITY: f64 = 1.0;

/// Shared by every call of one client in adaptive mode.
#[derive(Debug)]
pub(crate) struct ClientRateLimiter {
    start: Instant,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    enabled: bool,
    fill_rate: f64,
    max_capacity: f64,
    current_capacity: f64,
    last_refill: Option<f64>,
    measured_rate: f64,
    last_rate_bucket: f64,
    request_count: u64,
    last_max_rate: f64,
    last_throttle: f64,
    time_window: f64,
}

impl Default for ClientRateLimiter {
    fn default() -> Self {
        Self {
            start: Instant::now(),
            state: Mutex::new(State::default()),
        }
    }
}

impl ClientRateLimiter {
    fn now(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // A panic elsewhere cannot leave the numbers unusable: keep going with them.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits until the bucket allows one more request (at once while not enabled).
    pub(crate) async fn acquire(&self) {
        let wait = self.state().acquire(self.now());
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }

    /// Records a response: a throttling one cuts the rate, any other lets it grow.
    pub(crate) fn record(&self, throttled: bool) {
        self.state().record(throttled, self.now());
    }

    /// The bucket's fill rate in requests per second, once enabled.
    #[cfg(test)]
    fn fill_rate(&self) -> Option<f64> {
        let state = self.state();
        state.enabled.then_some(state.fill_rate)
    }
}

impl State {
    /// Takes one token, returning how long to wait for it (the capacity may go negative:
    /// later callers then wait longer, in arrival order).
    fn acquire(&mut self, now: f64) -> Duration {
        if !self.enabled {
            return Duration::ZERO;
        }
        self.refill(now);
        let wait = if self.current_capacity >= 1.0 {
            0.0
        } else {
            (1.0 - self.current_capacity) / self.fill_rate
        };
        self.current_capacity -= 1.0;
        Duration::try_from_secs_f64(wait).unwrap_or(Duration::ZERO)
    }

    fn refill(&mut self, now: f64) {
        if let Some(last) = self.last_refill {
            let added = (now - last).max(0.0) * self.fill_rate;
            self.current_capacity = (self.current_capacity + added).min(self.max_capacity);
        }
        self.last_refill = Some(now);
    }

    fn record(&mut self, throttled: bool, now: f64) {
        self.update_measured_rate(now);
        let calculated = if throttled {
            let rate = if self.enabled {
                self.measured_rate.min(self.fill_rate)
            } else {
                self.measured_rate
            };
            self.last_max_rate = rate;
            self.update_time_window();
            self.last_throttle = now;
            self.enabled = true;
            rate * BETA
        } else {
            self.update_time_window();
            SCALE_CONSTANT * (now - self.last_throttle - self.time_window).powi(3)
                + self.last_max_rate
        };
        let new_rate = calculated.min(2.0 * self.measured_rate);
        self.refill(now);
        self.fill_rate = new_rate.max(MIN_FILL_RATE);
        self.max_capacity = new_rate.max(MIN_CAPACITY);
        self.current_capacity = self.current_capacity.min(self.max_capacity);
    }

    fn update_time_window(&mut self) {
        self.time_window = (self.last_max_rate * (1.0 - BETA) / SCALE_CONSTANT).cbrt();
    }

    /// Requests per second, measured in half-second buckets and smoothed.
    fn update_measured_rate(&mut self, now: f64) {
        let bucket = (now * 2.0).floor() / 2.0;
        self.request_count += 1;
        if bucket > self.last_rate_bucket {
            let current = self.request_count as f64 / (bucket - self.last_rate_bucket);
            self.measured_rate = current * SMOOTH + self.measured_rate * (1.0 - SMOOTH);
            self.request_count = 0;
            self.last_rate_bucket = bucket;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` responses spread evenly over `[from, to)` seconds.
    fn responses(state: &mut State, from: f64, to: f64, count: u32, throttled: bool) {
        for i in 0..count {
            state.record(
                throttled,
                from + (to - from) * f64::from(i) / f64::from(count),
            );
        }
    }

    #[test]
    fn off_until_throttled_then_cut_to_seventy_percent_of_the_measured_rate() {
        let mut state = State::default();
        responses(&mut state, 0.0, 10.0, 200, false);
        assert!(!state.enabled);
        assert_eq!(state.acquire(10.0), Duration::ZERO);
        let measured = state.measured_rate;
        assert!(
            (15.0..25.0).contains(&measured),
            "about 20 requests/s: {measured}"
        );
        state.record(true, 10.0);
        assert!(state.enabled);
        let expected = measured * BETA;
        assert!(
            (state.fill_rate - expected).abs() < 1.0,
            "{} vs {expected}",
            state.fill_rate
        );
    }

    #[test]
    fn an_empty_bucket_makes_callers_wait_in_turn() {
        let mut state = State {
            enabled: true,
            fill_rate: 2.0,
            max_capacity: 2.0,
            current_capacity: 2.0,
            last_refill: Some(0.0),
            ..State::default()
        };
        assert_eq!(state.acquire(0.0), Duration::ZERO);
        assert_eq!(state.acquire(0.0), Duration::ZERO);
        assert_eq!(state.acquire(0.0), Duration::from_millis(500));
        assert_eq!(state.acquire(0.0), Duration::from_millis(1000));
        // Two seconds later four tokens have come in: the debt of two is paid, two left.
        assert_eq!(state.acquire(2.0), Duration::ZERO);
    }

    #[test]
    fn successes_grow_the_rate_back_along_the_cubic_curve() {
        let mut state = State::default();
        responses(&mut state, 0.0, 5.0, 100, false);
        state.record(true, 5.0);
        let cut = state.fill_rate;
        responses(&mut state, 5.0, 8.0, 20, false);
        let early = state.fill_rate;
        responses(&mut state, 8.0, 20.0, 400, false);
        let late = state.fill_rate;
        assert!(early < late, "{cut} -> {early} -> {late}");
        assert!(late > cut, "{cut} -> {late}");
        // Another throttle cuts it again.
        state.record(true, 20.0);
        assert!(state.fill_rate < late);
    }

    #[tokio::test]
    async fn the_limiter_is_off_until_a_throttle() {
        let limiter = ClientRateLimiter::default();
        limiter.acquire().await;
        assert_eq!(limiter.fill_rate(), None);
        limiter.record(true);
        assert_eq!(limiter.fill_rate(), Some(MIN_FILL_RATE));
    }
}
