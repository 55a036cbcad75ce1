//! Randomness for retry jitter and idempotency tokens: decorrelated across calls, threads
//! and processes (std's per-instance SipHash keys plus the clock), not cryptographic.

use std::hash::{BuildHasher, Hasher};
use std::time::{SystemTime, UNIX_EPOCH};

/// 64 random bits.
pub(crate) fn random_u64() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    hasher.write_u32(nanos);
    hasher.finish()
}

/// A fresh idempotency token: a random (version 4) UUID, as AWS SDKs send for members
/// marked `@idempotencyToken` that the caller left unset.
pub fn idempotency_token() -> String {
    let high = random_u64();
    let low = random_u64();
    // Version 4 in the top nibble of the third group, variant 10 in the fourth.
    let high = (high & !0xF000) | 0x4000;
    let low = (low & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        high & 0xFFFF,
        low >> 48,
        low & 0xFFFF_FFFF_FFFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_version_4_uuids_and_differ() {
        let token = idempotency_token();
        let groups: Vec<&str> = token.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(groups[2].starts_with('4'), "{token}");
        assert!(
            matches!(groups[3].chars().next(), Some('8' | '9' | 'a' | 'b')),
            "{token}"
        );
        assert_ne!(token, idempotency_token());
    }
}
