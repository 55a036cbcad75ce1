//! TLS trust: [`TlsConfig`] — which root certificates verify servers (the Mozilla set
//! compiled in, or with the `native-roots` feature the operating system's), plus extra
//! PEM certificates (`AWS_CA_BUNDLE`, or given in code), for a private CA or a
//! TLS-intercepting proxy.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::transport::{TransportError, TransportErrorKind};

/// The base set of trusted root certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TlsRoots {
    /// Mozilla's root certificates, compiled in (webpki-roots): the same everywhere.
    #[default]
    WebPki,
    /// The operating system's trust store, read when the client is built
    /// (rustls-native-certs; needs the `native-roots` feature).
    #[cfg(feature = "native-roots")]
    Native,
}

/// Which certificates the default transport trusts.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TlsConfig {
    pub(crate) roots: TlsRoots,
    extra_pem: Vec<Arc<[u8]>>,
    ca_bundles: Vec<PathBuf>,
}

impl fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TlsConfig")
            .field("roots", &self.roots)
            .field("extra_pem", &self.extra_pem.len())
            .field("ca_bundles", &self.ca_bundles)
            .finish()
    }
}

impl TlsConfig {
    /// Uses `roots` as the base set.
    pub fn roots(mut self, roots: TlsRoots) -> Self {
        self.roots = roots;
        self
    }

    /// Also trusts the certificates in `pem` (one or more `BEGIN CERTIFICATE` blocks).
    pub fn add_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_pem.push(Arc::from(pem.into()));
        self
    }

    /// Also trusts the certificates in the PEM file at `path` (what `AWS_CA_BUNDLE`
    /// names), read when the client is built.
    pub fn add_ca_bundle(mut self, path: impl Into<PathBuf>) -> Self {
        self.ca_bundles.push(path.into());
        self
    }

    /// The rustls client configuration: the base roots plus every extra certificate.
    /// An unreadable bundle or a PEM text without a usable certificate is an error
    /// naming it.
    pub(crate) fn client_config(&self) -> Result<rustls::ClientConfig, TransportError> {
        let mut store = base_roots(self.roots)?;
        for pem in &self.extra_pem {
            add_certificates(
                &mut store,
                pem,
                "a PEM certificate given in the configuration",
            )?;
        }
        for path in &self.ca_bundles {
            let pem = std::fs::read(path).map_err(|e| {
                tls_error(format!("cannot read the CA bundle {}: {e}", path.display()))
            })?;
            add_certificates(
                &mut store,
                &pem,
                &format!("the CA bundle {}", path.display()),
            )?;
        }
        rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error(format!("TLS setup failed: {e}")))
        .map(|builder| builder.with_root_certificates(store).with_no_client_auth())
    }
}

fn base_roots(roots: TlsRoots) -> Result<RootCertStore, TransportError> {
    match roots {
        TlsRoots::WebPki => Ok(RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        }),
        #[cfg(feature = "native-roots")]
        TlsRoots::Native => {
            let found = rustls_native_certs::load_native_certs();
            let mut store = RootCertStore::empty();
            let (added, _ignored) = store.add_parsable_certificates(found.certs);
            if added == 0 {
                let why = found
                    .errors
                    .first()
                    .map_or_else(|| "none found".to_owned(), ToString::to_string);
                return Err(tls_error(format!(
                    "no usable root certificate in the system trust store: {why}"
                )));
            }
            Ok(store)
        }
    }
}

fn add_certificates(
    store: &mut RootCertStore,
    pem: &[u8],
    what: &str,
) -> Result<(), TransportError> {
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| tls_error(format!("{what} is not valid PEM: {e}")))?;
    let (added, _ignored) = store.add_parsable_certificates(certificates);
    if added == 0 {
        return Err(tls_error(format!("{what} holds no usable certificate")));
    }
    Ok(())
}

fn tls_error(message: String) -> TransportError {
    TransportError::new(TransportErrorKind::Other, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_extra_certificates_are_named_errors() {
        let err = TlsConfig::default()
            .add_pem("no certificate here")
            .client_config()
            .unwrap_err();
        assert!(
            err.to_string().contains("holds no usable certificate"),
            "{err}"
        );
        let err = TlsConfig::default()
            .add_pem("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n")
            .client_config()
            .unwrap_err();
        assert!(err.to_string().contains("not valid PEM"), "{err}");
        let err = TlsConfig::default()
            .add_ca_bundle("/nonexistent/bundle.pem")
            .client_config()
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("cannot read the CA bundle /nonexistent/bundle.pem"),
            "{err}"
        );
        assert!(TlsConfig::default().client_config().is_ok());
    }
}
