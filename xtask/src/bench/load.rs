//! How busy the machine is: load averages, waiting for a quiet machine, and how much CPU
//! other processes used while the benchmark ran (machine-wide busy time from `/proc/stat`
//! minus the time of this process and its children, from `/proc/self/stat`) — the load
//! average alone cannot tell the benchmark's own builds from someone else's.

use std::fs;
use std::thread;
use std::time::{Duration, Instant};

/// Clock ticks per second of `/proc` CPU times (`USER_HZ`, 100 on Linux).
const TICKS_PER_SECOND: f64 = 100.0;

/// The 1-, 5- and 15-minute load averages, from `/proc/loadavg`.
fn load_average() -> Option<[f64; 3]> {
    let text = fs::read_to_string("/proc/loadavg").ok()?;
    let mut numbers = text.split_whitespace().map(|n| n.parse::<f64>().ok());
    Some([numbers.next()??, numbers.next()??, numbers.next()??])
}

/// CPU time counters at one moment.
#[derive(Clone, Copy, Debug)]
struct CpuTicks {
    when: Instant,
    /// Ticks all CPUs spent running anything (user, nice, system, irq, softirq).
    machine_busy: u64,
    /// Ticks this process and its waited-for children spent running.
    ours: u64,
}

impl CpuTicks {
    fn now() -> Option<CpuTicks> {
        let stat = fs::read_to_string("/proc/stat").ok()?;
        let cpu: Vec<u64> = stat
            .lines()
            .next()?
            .strip_prefix("cpu ")?
            .split_whitespace()
            .map(|n| n.parse().ok())
            .collect::<Option<_>>()?;
        // user nice system idle iowait irq softirq …
        let machine_busy = cpu.get(..7)?.iter().sum::<u64>() - cpu[3] - cpu[4];
        let own = fs::read_to_string("/proc/self/stat").ok()?;
        Some(CpuTicks {
            when: Instant::now(),
            machine_busy,
            ours: own_ticks(&own)?,
        })
    }

    /// CPUs' worth of time other processes used from `earlier` to `self`.
    fn others_since(&self, earlier: &CpuTicks) -> f64 {
        let seconds = self.when.duration_since(earlier.when).as_secs_f64();
        let busy = self.machine_busy.saturating_sub(earlier.machine_busy);
        let ours = self.ours.saturating_sub(earlier.ours);
        if seconds <= 0.0 {
            return 0.0;
        }
        busy.saturating_sub(ours) as f64 / TICKS_PER_SECOND / seconds
    }
}

/// `utime + stime + cutime + cstime` of a `/proc/<pid>/stat` line.
fn own_ticks(stat: &str) -> Option<u64> {
    // Fields after the parenthesised command name, which may contain spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    fields
        .get(11..15)?
        .iter()
        .map(|n| n.parse::<u64>().ok())
        .sum()
}

/// One sample of a run's load.
#[derive(Clone, Debug)]
pub struct LoadSample {
    /// When it was taken, e.g. `before the ours debug build 1`.
    pub label: String,
    /// The 1-, 5- and 15-minute load averages.
    pub load: [f64; 3],
    /// CPUs' worth of time other processes used since the previous sample.
    pub others: Option<f64>,
}

/// Load recorded at named points of a run.
#[derive(Clone, Debug, Default)]
pub struct LoadLog {
    /// The samples, in order.
    pub samples: Vec<LoadSample>,
    last: Option<CpuTicks>,
}

impl LoadLog {
    /// Records the load now, under `label`.
    pub fn sample(&mut self, label: impl Into<String>) {
        let Some(load) = load_average() else { return };
        let ticks = CpuTicks::now();
        let others = ticks
            .zip(self.last)
            .map(|(now, last)| now.others_since(&last));
        self.last = ticks.or(self.last);
        self.samples.push(LoadSample {
            label: label.into(),
            load,
            others,
        });
    }

    /// The lowest and highest 1-minute load recorded.
    pub fn one_minute_range(&self) -> Option<(f64, f64)> {
        let ones = self.samples.iter().map(|sample| sample.load[0]);
        Some((ones.clone().reduce(f64::min)?, ones.reduce(f64::max)?))
    }

    /// The most CPU other processes used between two samples.
    pub fn others_max(&self) -> Option<f64> {
        self.samples
            .iter()
            .filter_map(|sample| sample.others)
            .reduce(f64::max)
    }
}

/// Waits until the 1-minute load is below `threshold`, checking every `poll`, for at most
/// `max_wait`. Returns whether the machine got that quiet.
pub fn wait_for_quiet(threshold: f64, poll: Duration, max_wait: Duration) -> bool {
    let started = Instant::now();
    loop {
        let Some([one, five, fifteen]) = load_average() else {
            return false;
        };
        if one < threshold {
            return true;
        }
        if started.elapsed() >= max_wait {
            return false;
        }
        eprintln!(
            "bench: load {one:.2} {five:.2} {fifteen:.2}; waiting for the 1-minute load to drop below {threshold} ({} s so far)",
            started.elapsed().as_secs()
        );
        thread::sleep(poll);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_own_cpu_ticks() {
        let stat = "42 (a (b) c) S 1 42 42 0 -1 4194560 100 0 0 0 7 3 11 2 20 0 1 0";
        assert_eq!(own_ticks(stat), Some(7 + 3 + 11 + 2));
        assert_eq!(own_ticks("42 (x) S 1"), None);
    }

    #[test]
    fn others_are_busy_time_minus_ours() {
        let earlier = CpuTicks {
            when: Instant::now(),
            machine_busy: 1_000,
            ours: 500,
        };
        let later = CpuTicks {
            when: earlier.when + Duration::from_secs(2),
            machine_busy: 1_300,
            ours: 700,
        };
        assert!((later.others_since(&earlier) - 0.5).abs() < 1e-9);
        let mut log = LoadLog::default();
        log.sample("a");
        log.sample("b");
        assert!(log.samples.is_empty() || log.samples[1].others.is_some());
    }
}
