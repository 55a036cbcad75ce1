//! [`UnknownVariant`]: the payload of generated enums' forward-compatible catch-all.

use std::fmt;

/// A wire value that this version of the client does not know.
///
/// Generated string enums end with `Unknown(UnknownVariant)`, so values the
/// service adds later still deserialize (and serialize back unchanged). Only
/// the generated code can create one: match on the known variants instead of
/// constructing `Unknown` yourself.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct UnknownVariant(String);

impl UnknownVariant {
    /// Wraps an unrecognised wire value (generated code only, through
    /// `__private::unknown_variant`).
    pub(crate) fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The wire value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for UnknownVariant {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_wire_value() {
        let v = UnknownVariant::new("NEW_STATUS");
        assert_eq!(v.as_str(), "NEW_STATUS");
        assert_eq!(v.to_string(), "NEW_STATUS");
        assert_eq!(v.clone(), v);
        assert!(UnknownVariant::new("A") < UnknownVariant::new("B"));
    }
}
