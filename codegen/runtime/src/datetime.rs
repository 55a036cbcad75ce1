//! [`DateTime`]: the instant type used for every Smithy `timestamp` member.
//!
//! Text formats (RFC 3339, HTTP-date, epoch seconds) are delegated to
//! `aws-smithy-types`, which is already compiled as a dependency of `aws-sigv4`
//! and implements exactly the Smithy timestamp formats.

use std::fmt;
use std::ops::{Add, Mul, Shl, Shr, Sub};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_smithy_types::date_time::Format;

const NANOS_PER_SEC: u32 = 1_000_000_000;

/// An instant in time with nanosecond precision, counted from the Unix epoch.
///
/// Serialized by default as awsJson does: epoch seconds as a JSON number
/// (`1700000000` or `1700000000.5`). Members with a `@timestampFormat` trait
/// use the helper modules in [`crate::timestamp`] instead.
///
/// `Display` prints RFC 3339 (`2023-11-14T22:13:20Z`), falling back to epoch
/// seconds for instants outside the years 0001–9999.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DateTime {
    // Field order matters: the derived `Ord` compares seconds first.
    secs: i64,
    // Always in `0..NANOS_PER_SEC`, counted forward from `secs`.
    nanos: u32,
}

/// Why a [`DateTime`] could not be parsed, formatted or converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeError {
    message: String,
}

impl DateTimeError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateTimeError {}

impl DateTime {
    /// The Unix epoch, `1970-01-01T00:00:00Z`.
    pub const UNIX_EPOCH: DateTime = DateTime { secs: 0, nanos: 0 };

    /// An instant `secs` whole seconds after (or, if negative, before) the epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Self { secs, nanos: 0 }
    }

    /// An instant from whole seconds and a sub-second part counted forward.
    ///
    /// `nanos` of a second or more carry into `secs` (saturating at the range end).
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        let carry = (nanos / NANOS_PER_SEC) as i64;
        Self {
            secs: secs.saturating_add(carry),
            nanos: nanos % NANOS_PER_SEC,
        }
    }

    /// An instant from fractional epoch seconds, e.g. `1700000000.123`.
    ///
    /// The value is read through its shortest decimal representation, so
    /// `1700000000.123` gives exactly 123 ms rather than a binary-rounding
    /// artefact. Returns `None` for NaN, infinities and values outside the
    /// `i64` seconds range.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        if !secs.is_finite() {
            return None;
        }
        match shortest_decimal(secs.abs()) {
            Some((whole, nanos)) => Self::from_decimal(secs.is_sign_negative(), whole, nanos),
            // `Display` for f64 prints the shortest round-tripping decimal, never
            // in exponent notation.
            None => Self::parse_decimal_seconds(&secs.to_string()),
        }
    }

    /// Parses a decimal number of seconds such as `-12.5` or `1700000000.123456789`.
    /// Digits beyond nanosecond precision are truncated.
    fn parse_decimal_seconds(text: &str) -> Option<Self> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let mut nanos: u32 = 0;
        for i in 0..9 {
            let digit = fraction
                .as_bytes()
                .get(i)
                .map_or(0, |b| u32::from(b - b'0'));
            nanos = nanos * 10 + digit;
        }
        Self::from_decimal(negative, whole, nanos)
    }

    /// The instant `±whole.nanos` seconds.
    fn from_decimal(negative: bool, whole: i64, nanos: u32) -> Option<Self> {
        if !negative {
            return Some(Self { secs: whole, nanos });
        }
        if nanos == 0 {
            return Some(Self {
                secs: whole.checked_neg()?,
                nanos: 0,
            });
        }
        Some(Self {
            secs: whole.checked_neg()?.checked_sub(1)?,
            nanos: NANOS_PER_SEC - nanos,
        })
    }

    /// Whole seconds since the epoch (floored: `-0.5 s` has `secs() == -1`).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs), always below one second.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Fractional seconds since the epoch (loses precision far from the epoch).
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / f64::from(NANOS_PER_SEC)
    }

    /// The current time from the system clock.
    pub fn now() -> Self {
        SystemTime::now().into()
    }

    /// Parses an RFC 3339 date-time such as `2023-11-14T22:13:20.5Z`
    /// (a numeric UTC offset like `+02:00` is accepted and applied).
    pub fn parse_rfc3339(text: &str) -> Result<Self, DateTimeError> {
        Self::parse(text, Format::DateTimeWithOffset)
    }

    /// Parses an IMF-fixdate HTTP date such as `Tue, 14 Nov 2023 22:13:20 GMT`.
    pub fn parse_http_date(text: &str) -> Result<Self, DateTimeError> {
        Self::parse(text, Format::HttpDate)
    }

    /// Parses epoch seconds written as text, such as `1700000000.5`.
    pub fn parse_epoch_seconds(text: &str) -> Result<Self, DateTimeError> {
        Self::parse(text, Format::EpochSeconds)
    }

    /// Formats as RFC 3339 in UTC with up to microsecond precision.
    ///
    /// Fails for instants outside the years 0001–9999.
    pub fn to_rfc3339(&self) -> Result<String, DateTimeError> {
        self.format(Format::DateTime)
    }

    /// Formats as an IMF-fixdate HTTP date (whole seconds).
    ///
    /// Fails for instants outside the years 0001–9999.
    pub fn to_http_date(&self) -> Result<String, DateTimeError> {
        self.format(Format::HttpDate)
    }

    /// Formats as epoch seconds, e.g. `1700000000` or `1700000000.5`.
    pub fn to_epoch_seconds(&self) -> String {
        // Epoch-seconds formatting cannot fail; keep a plain fallback anyway.
        self.format(Format::EpochSeconds)
            .unwrap_or_else(|_| self.secs.to_string())
    }

    fn parse(text: &str, format: Format) -> Result<Self, DateTimeError> {
        aws_smithy_types::DateTime::from_str(text, format)
            .map(Self::from_smithy)
            .map_err(|e| DateTimeError::new(format!("invalid timestamp: {e}")))
    }

    fn format(&self, format: Format) -> Result<String, DateTimeError> {
        self.to_smithy()
            .fmt(format)
            .map_err(|e| DateTimeError::new(e.to_string()))
    }

    fn from_smithy(value: aws_smithy_types::DateTime) -> Self {
        Self::from_secs_and_nanos(value.secs(), value.subsec_nanos())
    }

    fn to_smithy(self) -> aws_smithy_types::DateTime {
        // `nanos` is always below one second, which is all this constructor requires.
        aws_smithy_types::DateTime::from_secs_and_nanos(self.secs, self.nanos)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_rfc3339() {
            Ok(text) => f.write_str(&text),
            Err(_) => f.write_str(&self.to_epoch_seconds()),
        }
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl From<SystemTime> for DateTime {
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Self::from_secs_and_nanos(
                i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                after.subsec_nanos(),
            ),
            Err(err) => {
                let before = err.duration();
                let secs = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                match before.subsec_nanos() {
                    0 => Self::from_secs(-secs),
                    nanos => Self {
                        secs: (-secs).saturating_sub(1),
                        nanos: NANOS_PER_SEC - nanos,
                    },
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = DateTimeError;

    fn try_from(value: DateTime) -> Result<Self, Self::Error> {
        let out_of_range = || DateTimeError::new("timestamp out of range for SystemTime");
        let result = if value.secs >= 0 {
            UNIX_EPOCH.checked_add(Duration::new(value.secs.unsigned_abs(), value.nanos))
        } else {
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(value.secs.unsigned_abs()))
                .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(value.nanos))))
        };
        result.ok_or_else(out_of_range)
    }
}

/// awsJson default: epoch seconds as a JSON number.
impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.nanos == 0 {
            serializer.serialize_i64(self.secs)
        } else {
            serializer.serialize_f64(self.as_secs_f64())
        }
    }
}

/// awsJson default: accepts a JSON number of epoch seconds, integer or fractional.
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EpochSecondsVisitor)
    }
}

/// The decimal `Display` prints for `x` (the shortest that reads back as `x`, the closest
/// to it among those), as whole seconds and nanoseconds, found with integer arithmetic
/// instead of formatting: timestamps are parsed in bulk. `None` leaves the rare cases to
/// formatting: below 1 or from 2^53 on, powers of two (their rounding interval is lopsided),
/// exact ties, and decimals needing more than nine fraction digits.
fn shortest_decimal(x: f64) -> Option<(i64, u32)> {
    if !(1.0..9.0e15).contains(&x) {
        return None;
    }
    let bits = x.to_bits();
    let fraction_bits = bits & ((1 << 52) - 1);
    if fraction_bits == 0 {
        return None;
    }
    // x = significand / 2^k exactly, with 2^-k the spacing of doubles around x.
    let significand = (1 << 52) | fraction_bits;
    let k = 1075 - (bits >> 52) as u32;
    let whole = significand >> k;
    let remainder = significand & ((1 << k) - 1);
    // The products below stay under 2^(k + 31): 64 bits hold them for every x from 2^19
    // on (any date after 1970-01-07), where 128-bit arithmetic would cost several times
    // as many instructions per timestamp.
    let (carry, nanos) = if k <= 33 {
        nearest_fraction::<u64>(remainder, k)?
    } else {
        nearest_fraction::<u128>(remainder, k)?
    };
    Some((i64::try_from(whole + carry).ok()?, nanos))
}

/// The shortest decimal fraction of at most nine digits that lies less than half a spacing
/// (`2^-k`) from `remainder / 2^k`, the closest among those, as a carry into the whole
/// seconds (the fraction rounded up to 1) and nanoseconds; `None` for exact ties and when
/// nine digits are not enough. `W` must hold `remainder · 10^9 · 2`.
fn nearest_fraction<W>(remainder: u64, k: u32) -> Option<(u64, u32)>
where
    W: Copy
        + Ord
        + From<u64>
        + From<u32>
        + From<bool>
        + Shl<u32, Output = W>
        + Shr<u32, Output = W>
        + Add<Output = W>
        + Sub<Output = W>
        + Mul<Output = W>,
    u32: TryFrom<W>,
{
    let remainder = W::from(remainder);
    let half = (W::from(1u32) << k) >> 1;
    for digits in 0..=9 {
        let scale = W::from(POWERS_OF_TEN[digits]);
        // The nearest `digits`-digit fraction n / scale to remainder / 2^k …
        let scaled = remainder * scale;
        let below = scaled >> k;
        let rest = scaled - (below << k);
        if k > 0 && rest == half {
            return None;
        }
        let n = below + W::from(rest > half);
        // … reads back as x when it is less than half a spacing away.
        let shifted = n << k;
        let distance = shifted.max(scaled) - shifted.min(scaled);
        let twice_distance = distance + distance;
        if twice_distance == scale {
            return None;
        }
        if twice_distance < scale {
            if n == scale {
                return Some((1, 0));
            }
            let nanos = u32::try_from(n).ok()? * POWERS_OF_TEN[9 - digits];
            return Some((0, nanos));
        }
    }
    None
}

/// 10^0 to 10^9: the fraction scales `shortest_decimal` tries, and what turns a fraction of
/// so many digits into nanoseconds.
const POWERS_OF_TEN: [u32; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// Serde visitor reading epoch seconds from a JSON number.
pub(crate) struct EpochSecondsVisitor;

impl serde::de::Visitor<'_> for EpochSecondsVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number of seconds since the Unix epoch")
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<DateTime, E> {
        Ok(DateTime::from_secs(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<DateTime, E> {
        i64::try_from(v)
            .map(DateTime::from_secs)
            .map_err(|_| E::custom("epoch seconds out of range"))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<DateTime, E> {
        DateTime::from_secs_f64(v).ok_or_else(|| E::custom("epoch seconds out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(v: &str) -> Result<DateTime, serde_json::Error> {
        serde_json::from_str(v)
    }

    #[test]
    fn deserializes_integers_and_fractions() {
        assert_eq!(
            json("1700000000").unwrap(),
            DateTime::from_secs(1_700_000_000)
        );
        assert_eq!(
            json("1700000000.123").unwrap(),
            DateTime::from_secs_and_nanos(1_700_000_000, 123_000_000)
        );
        assert_eq!(json("1.5e9").unwrap(), DateTime::from_secs(1_500_000_000));
        assert_eq!(json("0").unwrap(), DateTime::UNIX_EPOCH);
    }

    #[test]
    fn shortest_decimal_matches_formatting() {
        let by_formatting = |x: f64| {
            let dt = DateTime::parse_decimal_seconds(&x.to_string()).unwrap();
            (dt.secs, dt.nanos)
        };
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut fast = 0;
        for i in 0..200_000 {
            let x = match i % 4 {
                // Timestamps with 0 to 9 decimals, as services send them.
                0 => {
                    let digits = (next() % 10) as i32;
                    let text = format!("{}.{}", 1_000_000_000 + next() % 1_000_000_000, next());
                    let (whole, fraction) = text.split_once('.').unwrap();
                    let fraction = &fraction[..(digits as usize).min(fraction.len())];
                    format!("{whole}.{fraction}0").parse().unwrap()
                }
                1 => f64::from_bits(0x3ff0_0000_0000_0000 + next() % 0x0350_0000_0000_0000),
                2 => (next() % 10_000_000_000) as f64 / 1000.0 + 1.0,
                _ => 1.0 + (next() % 1_000_000) as f64 * 1e-6,
            };
            if let Some((whole, nanos)) = shortest_decimal(x) {
                fast += 1;
                assert_eq!((whole, nanos), by_formatting(x), "{x}");
            }
            let negative = DateTime::from_secs_f64(-x).unwrap();
            let expected = DateTime::parse_decimal_seconds(&(-x).to_string()).unwrap();
            assert_eq!(negative, expected, "{}", -x);
        }
        assert!(fast > 150_000, "the fast path took only {fast} values");
        for x in [
            1.0,
            2.0,
            0.5,
            9.1e15,
            9.2e18,
            1_700_000_000.123,
            1.000_000_000_5_f64,
            // Either side of 2^19, where the fast path switches from 128 to 64 bits.
            524_287.999_999_9,
            524_288.123,
            524_288.000_000_001,
        ] {
            let (secs, nanos) = by_formatting(x);
            let dt = DateTime::from_secs_f64(x).unwrap();
            assert_eq!((dt.secs, dt.nanos), (secs, nanos), "{x}");
        }
    }

    #[test]
    fn deserializes_negative_values() {
        assert_eq!(json("-1").unwrap(), DateTime::from_secs(-1));
        let t = json("-1.25").unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (-2, 750_000_000));
        assert_eq!(t.as_secs_f64(), -1.25);
        let t = json("-0.5").unwrap();
        assert_eq!((t.secs(), t.subsec_nanos()), (-1, 500_000_000));
    }

    #[test]
    fn rejects_non_numbers_and_out_of_range() {
        assert!(json("\"1700000000\"").is_err());
        assert!(json("null").is_err());
        assert!(json("{}").is_err());
        assert!(json("1e300").is_err());
        assert!(json("18446744073709551615").is_err());
        assert!(DateTime::from_secs_f64(f64::NAN).is_none());
        assert!(DateTime::from_secs_f64(f64::INFINITY).is_none());
    }

    #[test]
    fn serializes_as_epoch_seconds() {
        let whole = DateTime::from_secs(1_700_000_000);
        assert_eq!(serde_json::to_string(&whole).unwrap(), "1700000000");
        let half = DateTime::from_secs_and_nanos(1_700_000_000, 500_000_000);
        assert_eq!(serde_json::to_string(&half).unwrap(), "1700000000.5");
        assert_eq!(json(&serde_json::to_string(&half).unwrap()).unwrap(), half);
    }

    #[test]
    fn orders_negative_fractions_correctly() {
        let a = DateTime::from_secs_f64(-1.5).unwrap();
        let b = DateTime::from_secs_f64(-1.25).unwrap();
        let c = DateTime::from_secs(0);
        assert!(a < b && b < c);
    }

    #[test]
    fn text_formats_round_trip() {
        let t = DateTime::from_secs_and_nanos(1_700_000_000, 250_000_000);
        assert_eq!(t.to_rfc3339().unwrap(), "2023-11-14T22:13:20.25Z");
        assert_eq!(
            DateTime::parse_rfc3339("2023-11-14T22:13:20.25Z").unwrap(),
            t
        );
        assert_eq!(
            DateTime::parse_rfc3339("2023-11-15T00:13:20.25+02:00").unwrap(),
            t
        );
        let whole = DateTime::from_secs(1_700_000_000);
        assert_eq!(
            whole.to_http_date().unwrap(),
            "Tue, 14 Nov 2023 22:13:20 GMT"
        );
        assert_eq!(
            DateTime::parse_http_date("Tue, 14 Nov 2023 22:13:20 GMT").unwrap(),
            whole
        );
        assert_eq!(t.to_epoch_seconds(), "1700000000.25");
        assert_eq!(DateTime::parse_epoch_seconds("1700000000.25").unwrap(), t);
        assert_eq!(t.to_string(), "2023-11-14T22:13:20.25Z");
        assert_eq!(format!("{t:?}"), "2023-11-14T22:13:20.25Z");
    }

    #[test]
    fn invalid_text_is_an_error() {
        assert!(DateTime::parse_rfc3339("yesterday").is_err());
        assert!(DateTime::parse_rfc3339("2023-13-01T00:00:00Z").is_err());
        assert!(DateTime::parse_rfc3339("").is_err());
        assert!(DateTime::parse_http_date("2023-11-14").is_err());
        assert!(DateTime::parse_epoch_seconds("abc").is_err());
        assert!(DateTime::from_secs(i64::MAX).to_rfc3339().is_err());
        assert_eq!(
            DateTime::from_secs(i64::MAX).to_string(),
            i64::MAX.to_string()
        );
    }

    #[test]
    fn converts_to_and_from_system_time() {
        let t = DateTime::from_secs_and_nanos(1_700_000_000, 42);
        let st = SystemTime::try_from(t).unwrap();
        assert_eq!(DateTime::from(st), t);
        let before = DateTime::from_secs_f64(-2.25).unwrap();
        let st = SystemTime::try_from(before).unwrap();
        assert_eq!(
            UNIX_EPOCH.duration_since(st).unwrap(),
            Duration::from_millis(2250)
        );
        assert_eq!(DateTime::from(st), before);
    }

    #[test]
    fn nanos_carry_into_seconds() {
        let t = DateTime::from_secs_and_nanos(1, 2_500_000_000);
        assert_eq!((t.secs(), t.subsec_nanos()), (3, 500_000_000));
    }
}
