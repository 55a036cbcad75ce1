//! [`Blob`]: binary data, carried as base64 text in JSON.

use std::fmt;

/// Binary data for Smithy `blob` members; base64 (standard alphabet, padded)
/// on the wire.
///
/// `Debug` prints only the length, since blobs may hold key material.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps the given bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Self(bytes.into())
    }

    /// Returns the bytes, consuming the blob.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// The number of bytes.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the blob holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Blob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.0
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl serde::Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&aws_smithy_types::base64::encode(&self.0))
    }
}

impl<'de> serde::Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Base64Visitor)
    }
}

struct Base64Visitor;

impl serde::de::Visitor<'_> for Base64Visitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Blob, E> {
        aws_smithy_types::base64::decode(v)
            .map(Blob)
            .map_err(|_| E::custom("invalid base64 in blob"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        let blob = Blob::from(b"hello, world".to_vec());
        let text = serde_json::to_string(&blob).unwrap();
        assert_eq!(text, r#""aGVsbG8sIHdvcmxk""#);
        assert_eq!(serde_json::from_str::<Blob>(&text).unwrap(), blob);
        assert_eq!(serde_json::to_string(&Blob::default()).unwrap(), r#""""#);
        assert_eq!(
            serde_json::from_str::<Blob>(r#""""#).unwrap(),
            Blob::default()
        );
        let bytes: Vec<u8> = (0..=255).collect();
        let blob = Blob::new(bytes.clone());
        let back: Blob = serde_json::from_str(&serde_json::to_string(&blob).unwrap()).unwrap();
        assert_eq!(back.into_inner(), bytes);
    }

    #[test]
    fn invalid_input_is_an_error() {
        assert!(serde_json::from_str::<Blob>(r#""not base64!""#).is_err());
        assert!(serde_json::from_str::<Blob>("[1,2,3]").is_err());
        assert!(serde_json::from_str::<Blob>("12").is_err());
    }

    #[test]
    fn accessors_and_debug() {
        let blob = Blob::from(&b"secret"[..]);
        assert_eq!(blob.as_ref(), b"secret");
        assert_eq!(blob.len(), 6);
        assert!(!blob.is_empty());
        assert_eq!(format!("{blob:?}"), "Blob(6 bytes)");
        assert_eq!(Vec::from(blob), b"secret".to_vec());
    }
}
