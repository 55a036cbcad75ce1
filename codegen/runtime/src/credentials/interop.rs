//! Interoperability with `aws-credential-types`: an aws-config provider works here
//! ([`FromAwsProvider`]), and ours work where aws-config's are expected.

use aws_credential_types::provider::{self, future};

use super::{BoxFuture, Credentials, CredentialsError, ProvideCredentials};

/// Any `aws_credential_types::provider::ProvideCredentials` (e.g. aws-config's default chain)
/// as a provider for this runtime.
#[derive(Debug)]
pub struct FromAwsProvider<P>(pub P);

impl<P> ProvideCredentials for FromAwsProvider<P>
where
    P: provider::ProvideCredentials + 'static,
{
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            let theirs =
                self.0.provide_credentials().await.map_err(|e| {
                    CredentialsError::with_source("the aws-config provider failed", e)
                })?;
            Ok(Credentials::from(theirs))
        })
    }
}

impl From<aws_credential_types::Credentials> for Credentials {
    fn from(theirs: aws_credential_types::Credentials) -> Self {
        let ours = Credentials::new(
            theirs.access_key_id(),
            theirs.secret_access_key(),
            theirs.session_token().map(str::to_owned),
        );
        match theirs.expiry() {
            Some(expiry) => ours.with_expiry(expiry),
            None => ours,
        }
    }
}

impl From<Credentials> for aws_credential_types::Credentials {
    fn from(ours: Credentials) -> Self {
        aws_credential_types::Credentials::new(
            ours.access_key_id(),
            ours.secret_access_key(),
            ours.session_token().map(str::to_owned),
            ours.expiry(),
            "smithy-lean-runtime",
        )
    }
}

/// Our providers (the default chain included) can be handed to anything that takes an
/// aws-credential-types provider, e.g. an official AWS SDK client's config.
#[derive(Debug)]
pub struct IntoAwsProvider<P>(pub P);

impl<P: ProvideCredentials + std::fmt::Debug> provider::ProvideCredentials for IntoAwsProvider<P> {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            self.0
                .provide_credentials()
                .await
                .map(aws_credential_types::Credentials::from)
                .map_err(provider::error::CredentialsError::provider_error)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[tokio::test]
    async fn both_directions() {
        let expiry = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let theirs = aws_credential_types::Credentials::new(
            "AK",
            "SK",
            Some("T".into()),
            Some(expiry),
            "test",
        );
        let ours = FromAwsProvider(theirs).provide_credentials().await.unwrap();
        assert_eq!(
            ours,
            Credentials::new("AK", "SK", Some("T".into())).with_expiry(expiry)
        );
        let back = provider::ProvideCredentials::provide_credentials(&IntoAwsProvider(ours))
            .await
            .unwrap();
        assert_eq!((back.access_key_id(), back.expiry()), ("AK", Some(expiry)));
    }
}
