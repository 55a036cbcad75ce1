//! Formatting figures for the report.

use crate::bench::stats::Stats;

/// `min – max, n = N`.
pub(super) fn spread(stats: &Stats, format: impl Fn(f64) -> String) -> String {
    format!(
        "{} – {}, n = {}",
        format(stats.min),
        format(stats.max),
        stats.count
    )
}

/// Seconds, with three decimals below ten.
pub(super) fn seconds(value: f64) -> String {
    if value < 10.0 {
        format!("{value:.3} s")
    } else {
        format!("{value:.1} s")
    }
}

/// Bytes as MiB.
pub(super) fn bytes(value: f64) -> String {
    format!("{:.2} MiB", value / 1024.0 / 1024.0)
}

/// A whole number with thousands separators.
pub(super) fn count(value: f64) -> String {
    let digits = format!("{value:.0}");
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A rate, whole.
pub(super) fn rate(value: f64) -> String {
    format!("{value:.0}")
}

#[cfg(test)]
mod tests {
    use super::{count, seconds};

    #[test]
    fn formats_figures() {
        assert_eq!(count(265_900.0), "265,900");
        assert_eq!(count(999.0), "999");
        assert_eq!(seconds(0.31234), "0.312 s");
        assert_eq!(seconds(241.26), "241.3 s");
    }
}
