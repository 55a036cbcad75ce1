//! Generator configuration: per-service choices that the model itself cannot carry.
//!
//! It is read from JSON (`model/codegen.json` in this repository), keyed by service shape id,
//! so one file serves our model and the full AWS model of the same service:
//!
//! ```json
//! { "services": { "com.amazonaws.cognitoidentityprovider#AWSCognitoIdentityProviderService": {
//!     "rename": { "com.amazonaws.cognitoidentityprovider#IdentityProviderTypeType": "ProviderType" },
//!     "examples": ["examples/list_users.rs"]
//! } } }
//! ```
//!
//! `examples` name hand-written programs, relative to the configuration file, that are
//! copied into the crate's `examples/`. [`Config::load`] reads them with the configuration
//! (the one place the generator library touches the file system, so that every caller
//! generates the same crate); [`Config::from_json`] alone leaves them unread.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::ir::ExampleFile;

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
    /// Example programs to copy into the crate's `examples/`, as paths relative to the
    /// configuration file (`.rs` files with distinct names).
    #[serde(default)]
    pub examples: Vec<String>,
    /// The contents of [`examples`](Self::examples), filled in by [`Config::load`].
    #[serde(skip)]
    pub example_files: Vec<ExampleFile>,
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

    /// Reads the configuration file at `path` and every example it names. `shown_as` is how
    /// headers name the configuration file (e.g. `model/codegen.json`); examples are shown
    /// relative to it, so headers do not depend on where the checkout lives.
    pub fn load(path: &Path, shown_as: &str) -> Result<Config, String> {
        let read = |path: &Path, what: &str| {
            std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {what} {}: {e}", path.display()))
        };
        let mut config = Config::from_json(&read(path, "config")?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let base = path.parent().unwrap_or(Path::new(""));
        let shown_base = shown_as.rsplit_once('/').map_or("", |(dir, _)| dir);
        for (service_id, service) in &mut config.services {
            let mut names = BTreeSet::new();
            for example in &service.examples {
                let name = example_name(example)
                    .filter(|name| names.insert(*name))
                    .ok_or_else(|| {
                        format!(
                            "{}: {service_id}: example `{example}` must be a relative path to \
                             a `.rs` file whose name no other example has",
                            path.display()
                        )
                    })?;
                let origin = if shown_base.is_empty() {
                    example.clone()
                } else {
                    format!("{shown_base}/{example}")
                };
                service.example_files.push(ExampleFile {
                    name: name.to_owned(),
                    origin,
                    contents: read(&base.join(example), "example")?,
                });
            }
        }
        Ok(config)
    }

    /// The settings for a service, or the defaults.
    pub fn service(&self, service_id: &str) -> ServiceConfig {
        self.services.get(service_id).cloned().unwrap_or_default()
    }
}

/// The file name of an example path: relative, `/`-separated, without `..`, ending in `.rs`.
fn example_name(path: &str) -> Option<&str> {
    let parts: Vec<&str> = path.split('/').collect();
    let valid = !path.starts_with('/')
        && parts
            .iter()
            .all(|part| !part.is_empty() && *part != "." && *part != "..");
    let name = parts.last().filter(|_| valid)?;
    let stem = name.strip_suffix(".rs")?;
    let is_identifier = stem.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && stem.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_identifier.then_some(*name)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SERVICE: &str = "example#Svc";

    /// A scratch directory with `config/codegen.json` naming `examples`, and the given files.
    fn scratch(test: &str, examples: &[&str], files: &[(&str, &str)]) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("codegen-config-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("config/examples")).unwrap();
        let config = serde_json::json!({"services": {SERVICE: {"examples": examples}}});
        std::fs::write(dir.join("config/codegen.json"), config.to_string()).unwrap();
        for (path, contents) in files {
            std::fs::write(dir.join("config").join(path), contents).unwrap();
        }
        dir
    }

    #[test]
    fn load_reads_examples_relative_to_the_config() {
        let dir = scratch(
            "reads",
            &["examples/demo.rs"],
            &[("examples/demo.rs", "fn main() {}\n")],
        );
        let config = Config::load(&dir.join("config/codegen.json"), "model/codegen.json").unwrap();
        let files = config.service(SERVICE).example_files;
        assert_eq!(
            files,
            [ExampleFile {
                name: "demo.rs".to_owned(),
                origin: "model/examples/demo.rs".to_owned(),
                contents: "fn main() {}\n".to_owned(),
            }]
        );
        let from_json =
            Config::from_json(r#"{"services": {"example#Svc": {"examples": ["a.rs"]}}}"#);
        assert!(from_json.unwrap().service(SERVICE).example_files.is_empty());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn load_rejects_bad_or_missing_examples() {
        for (test, examples) in [
            ("absolute", vec!["/etc/passwd.rs"]),
            ("parent", vec!["../x.rs"]),
            ("not_rust", vec!["examples/demo.txt"]),
            ("bad_name", vec!["examples/my-demo.rs"]),
            ("duplicate", vec!["examples/demo.rs", "demo.rs"]),
            ("missing", vec!["examples/absent.rs"]),
        ] {
            let files = [("examples/demo.rs", ""), ("demo.rs", "")];
            let dir = scratch(test, &examples, &files);
            let error = Config::load(&dir.join("config/codegen.json"), "codegen.json").unwrap_err();
            assert!(
                error.contains(SERVICE) || error.contains("absent.rs"),
                "{test}: {error}"
            );
            std::fs::remove_dir_all(dir).unwrap();
        }
    }
}
