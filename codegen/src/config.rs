//! Generator configuration: per-service choices that the model itself cannot carry.
//!
//! It is read from JSON (`model/codegen.json` in this repository), keyed by service shape id,
//! so one file serves our model and the full AWS model of the same service:
//!
//! ```json
//! { "services": { "com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService": {
//!     "rename": { "com.amazonaws.cognitoidentityprovider#IdentityProviderTypeType": "ProviderType" }
//! } } }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};

/// The whole configuration file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Settings per service, keyed by absolute service shape id.
    #[serde(default)]
    pub services: BTreeMap<String, ServiceConfig>,
}

/// Settings for one service.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceConfig {
    /// Cargo package name of the generated crate (default: the sdkId in kebab case).
    #[serde(default)]
    pub crate_name: Option<String>,
    /// Shape id → Rust type name, in the spirit of the Smithy service `rename` property.
    /// Applied after the model's own `rename` and before the `Type`-suffix rule.
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
}

impl Config {
    /// Parses the configuration JSON; errors carry line and column.
    pub fn from_json(text: &str) -> Result<Config, Diagnostics> {
        serde_json::from_str(text).map_err(|error| {
            Diagnostics::one(Diagnostic {
                location: Location::Text {
                    line: error.line(),
                    column: error.column(),
                },
                message: format!("invalid codegen configuration: {error}"),
            })
        })
    }

    /// The settings for a service, or the defaults.
    pub fn service(&self, service_id: &str) -> ServiceConfig {
        self.services.get(service_id).cloned().unwrap_or_default()
    }
}
