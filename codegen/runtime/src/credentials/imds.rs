//! EC2 instance metadata (IMDSv2): a session token, then the instance role's name, then its
//! credentials; also the instance's region. Short timeouts, so a machine that is not an EC2
//! instance finds out quickly.

use std::time::Duration;

use bytes::Bytes;
use http::Method;

use super::fetch::{Fetcher, parse_credential_document};
use super::settings::Settings;
use super::{Credentials, CredentialsError};

/// The deadline of each IMDS request.
pub(crate) const IMDS_TIMEOUT: Duration = Duration::from_secs(1);

/// The instance metadata service, as configured.
pub(crate) struct Imds {
    fetcher: Fetcher,
    endpoint: String,
}

impl Imds {
    /// IMDS at `AWS_EC2_METADATA_SERVICE_ENDPOINT` (else the profile's
    /// `ec2_metadata_service_endpoint`, else `http://169.254.169.254`); `None` when
    /// `AWS_EC2_METADATA_DISABLED` is true.
    pub(crate) fn new(fetcher: &Fetcher, settings: &Settings) -> Option<Imds> {
        if settings.env.flag("AWS_EC2_METADATA_DISABLED") {
            return None;
        }
        let endpoint = settings
            .env
            .get("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            .or_else(|| settings.profile_value("ec2_metadata_service_endpoint"))
            .unwrap_or_else(|| "http://169.254.169.254".to_owned());
        Some(Imds {
            fetcher: fetcher.with_timeout(IMDS_TIMEOUT),
            endpoint: endpoint.trim_end_matches('/').to_owned(),
        })
    }

    /// The instance role's credentials.
    pub(crate) async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        let token = self.token().await?;
        let listing = self
            .get("/latest/meta-data/iam/security-credentials/", &token)
            .await?;
        let role = listing.lines().next().unwrap_or_default().trim();
        let plausible = !role.is_empty()
            && role.len() <= 128
            && role
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c));
        if !plausible {
            return Err(CredentialsError::new(format!(
                "IMDS {}: no instance role (the role listing is not a role name)",
                self.endpoint
            )));
        }
        let path = format!("/latest/meta-data/iam/security-credentials/{role}");
        let document = self.get(&path, &token).await?;
        parse_credential_document(
            document.as_bytes(),
            &format!("IMDS {}{path}", self.endpoint),
        )
    }

    /// The instance's region.
    pub(crate) async fn region(&self) -> Result<String, CredentialsError> {
        let token = self.token().await?;
        let region = self
            .get("/latest/meta-data/placement/region", &token)
            .await?;
        let region = region.trim();
        let plausible = !region.is_empty()
            && region.len() <= 32
            && region
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        if plausible {
            Ok(region.to_owned())
        } else {
            Err(CredentialsError::new(format!(
                "IMDS {}: the region answer is not a region name",
                self.endpoint
            )))
        }
    }

    /// An IMDSv2 session token.
    async fn token(&self) -> Result<String, CredentialsError> {
        let url = format!("{}/latest/api/token", self.endpoint);
        let response = self
            .fetcher
            .send(
                Method::PUT,
                &url,
                &[("x-aws-ec2-metadata-token-ttl-seconds", "21600")],
                Bytes::new(),
            )
            .await
            .map_err(|e| CredentialsError::new(format!("IMDS token: {e}")))?;
        let token = String::from_utf8(response.body.to_vec()).unwrap_or_default();
        if token.trim().is_empty() || token.len() > 4096 {
            return Err(CredentialsError::new(format!(
                "IMDS {url}: the answer is not a token"
            )));
        }
        Ok(token.trim().to_owned())
    }

    /// A metadata path's text.
    async fn get(&self, path: &str, token: &str) -> Result<String, CredentialsError> {
        let url = format!("{}{path}", self.endpoint);
        let response = self
            .fetcher
            .send(
                Method::GET,
                &url,
                &[("x-aws-ec2-metadata-token", token)],
                Bytes::new(),
            )
            .await?;
        String::from_utf8(response.body.to_vec())
            .map_err(|_| CredentialsError::new(format!("IMDS {url}: the answer is not UTF-8")))
    }
}
