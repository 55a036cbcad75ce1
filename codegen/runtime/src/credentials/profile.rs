//! The shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`).
//!
//! A small parser of our own rather than a generic INI crate: the AWS format has rules those
//! crates get wrong — `[profile name]` in the config file but `[name]` in the credentials
//! file, `[profile default]` winning over `[default]`, `[sso-session x]` and `[services x]`
//! sections, indented sub-properties (`s3 =` followed by `  endpoint_url = …`), comments that
//! start a line or follow whitespace, and keys that are case-sensitive. Malformed lines are
//! errors naming `file:line`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::CredentialsError;
use super::env::ProcessEnv;

/// One section's properties; a sub-property `s3 = / endpoint_url = x` is stored as
/// `s3.endpoint_url`.
pub(crate) type Properties = HashMap<String, String>;

/// Which file a text came from; decides how section names read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `~/.aws/config`: `[default]`, `[profile x]`, `[sso-session x]`, `[services x]`.
    Config,
    /// `~/.aws/credentials`: `[x]` names profile `x`.
    Credentials,
}

/// The profiles, SSO sessions and services sections of both files, merged.
///
/// `Debug` shows section names only: profiles hold secret keys.
#[derive(Clone, Default)]
pub(crate) struct ProfileSet {
    profiles: HashMap<String, Properties>,
    sso_sessions: HashMap<String, Properties>,
    services: HashMap<String, Properties>,
    /// The selected profile (`AWS_PROFILE`, else `default`).
    selected: String,
    /// The files read, for error messages.
    pub(crate) sources: String,
}

impl std::fmt::Debug for ProfileSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names = |map: &HashMap<String, Properties>| {
            let mut names: Vec<&String> = map.keys().collect();
            names.sort();
            names.into_iter().cloned().collect::<Vec<_>>()
        };
        f.debug_struct("ProfileSet")
            .field("profiles", &names(&self.profiles))
            .field("sso_sessions", &names(&self.sso_sessions))
            .field("services", &names(&self.services))
            .field("selected", &self.selected)
            .field("sources", &self.sources)
            .finish()
    }
}

impl ProfileSet {
    /// Reads the files the environment points at (`AWS_CONFIG_FILE`,
    /// `AWS_SHARED_CREDENTIALS_FILE`, else under `~/.aws`). A missing file counts as empty;
    /// an unreadable or malformed one is an error.
    pub(crate) fn load(env: &ProcessEnv) -> Result<ProfileSet, CredentialsError> {
        let config = env
            .get("AWS_CONFIG_FILE")
            .unwrap_or_else(|| "~/.aws/config".to_owned());
        let credentials = env
            .get("AWS_SHARED_CREDENTIALS_FILE")
            .unwrap_or_else(|| "~/.aws/credentials".to_owned());
        let mut set = ProfileSet {
            selected: env
                .get("AWS_PROFILE")
                .unwrap_or_else(|| "default".to_owned()),
            ..ProfileSet::default()
        };
        let paths = [
            (env.expand_home(&config), FileKind::Config),
            (env.expand_home(&credentials), FileKind::Credentials),
        ];
        let mut read = Vec::new();
        for (path, kind) in paths {
            if let Some(text) = read_optional(&path)? {
                set.add(&text, kind, &path)?;
                read.push(path.display().to_string());
            }
        }
        set.sources = if read.is_empty() {
            "no shared config or credentials file".to_owned()
        } else {
            read.join(" and ")
        };
        Ok(set)
    }

    /// Parses `text` (from `path`) and merges it in; a later file's keys win.
    pub(crate) fn add(
        &mut self,
        text: &str,
        kind: FileKind,
        path: &Path,
    ) -> Result<(), CredentialsError> {
        let sections = parse(text, path)?;
        let explicit_default = sections.iter().any(|section| {
            section
                .name
                .split_once(char::is_whitespace)
                .is_some_and(|(kind, name)| kind == "profile" && name.trim() == "default")
        });
        for section in sections {
            let target = match (kind, section.name.split_once(char::is_whitespace)) {
                (FileKind::Credentials, _) => Some((&mut self.profiles, section.name.clone())),
                (FileKind::Config, Some(("profile", name))) => {
                    Some((&mut self.profiles, name.trim().to_owned()))
                }
                (FileKind::Config, Some(("sso-session", name))) => {
                    Some((&mut self.sso_sessions, name.trim().to_owned()))
                }
                (FileKind::Config, Some(("services", name))) => {
                    Some((&mut self.services, name.trim().to_owned()))
                }
                // `[profile default]` anywhere in the file wins over `[default]`.
                (FileKind::Config, None) if section.name == "default" && !explicit_default => {
                    Some((&mut self.profiles, section.name.clone()))
                }
                // Anything else (`[foo]` in the config file) is not a profile; the SDKs
                // ignore it too.
                _ => None,
            };
            if let Some((map, name)) = target {
                map.entry(name).or_default().extend(section.properties);
            }
        }
        Ok(())
    }

    /// The selected profile's name.
    pub(crate) fn selected(&self) -> &str {
        &self.selected
    }

    /// A profile's properties.
    pub(crate) fn profile(&self, name: &str) -> Option<&Properties> {
        self.profiles.get(name)
    }

    /// An `[sso-session name]` section.
    pub(crate) fn sso_session(&self, name: &str) -> Option<&Properties> {
        self.sso_sessions.get(name)
    }

    /// A `[services name]` section.
    pub(crate) fn services(&self, name: &str) -> Option<&Properties> {
        self.services.get(name)
    }
}

/// Reads a file, `None` when it does not exist.
fn read_optional(path: &Path) -> Result<Option<String>, CredentialsError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CredentialsError::with_source(
            format!("cannot read {}", path.display()),
            e,
        )),
    }
}

/// One `[name]` section as written.
struct Section {
    name: String,
    properties: Properties,
}

/// Splits a file into sections; errors name `path:line`.
fn parse(text: &str, path: &Path) -> Result<Vec<Section>, CredentialsError> {
    let mut sections: Vec<Section> = Vec::new();
    // The property whose indented continuation lines are sub-properties.
    let mut parent: Option<String> = None;
    for (index, raw) in text.lines().enumerate() {
        let at = || PathBuf::from(format!("{}:{}", path.display(), index + 1));
        let error = |what: &str| CredentialsError::new(format!("{}: {what}", at().display()));
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        if trimmed.starts_with('[') {
            let body = strip_comment(trimmed);
            let name = body
                .strip_prefix('[')
                .and_then(|b| b.strip_suffix(']'))
                .ok_or_else(|| error("a section header must end with `]`"))?
                .trim();
            if name.is_empty() {
                return Err(error("empty section name"));
            }
            sections.push(Section {
                name: name.to_owned(),
                properties: Properties::new(),
            });
            parent = None;
            continue;
        }
        let section = sections
            .last_mut()
            .ok_or_else(|| error("a property before any `[section]`"))?;
        let indented = raw.starts_with([' ', '\t']);
        let (key, value) = trimmed
            .split_once('=')
            .ok_or_else(|| error("expected `key = value`"))?;
        let (key, value) = (key.trim(), strip_comment(value.trim()));
        if key.is_empty() {
            return Err(error("a property without a name"));
        }
        match (&parent, indented) {
            (Some(parent), true) => {
                section
                    .properties
                    .insert(format!("{parent}.{key}"), value.to_owned());
            }
            _ => {
                parent = value.is_empty().then(|| key.to_owned());
                section.properties.insert(key.to_owned(), value.to_owned());
            }
        }
    }
    Ok(sections)
}

/// Drops a ` #…` or ` ;…` comment (a comment marker must follow whitespace).
fn strip_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if (*b == b'#' || *b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return value[..i].trim_end();
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(config: &str, credentials: &str) -> ProfileSet {
        let mut set = ProfileSet::default();
        set.add(config, FileKind::Config, Path::new("config"))
            .unwrap();
        set.add(credentials, FileKind::Credentials, Path::new("credentials"))
            .unwrap();
        set
    }

    #[test]
    fn sections_of_both_files() {
        let set = set(
            "[default]\nregion = eu-west-1\n[profile dev]\nregion=us-east-2 # ohio\n\
             role_arn = arn:aws:iam::1:role/r;x\n[sso-session corp]\nsso_region = eu-north-1\n\
             [services local]\nsts =\n  endpoint_url = http://localhost:1\n[plain]\nregion = x\n",
            "# keys\n[dev]\naws_access_key_id = AKID\n[default]\nregion = ignored-no\n",
        );
        let dev = set.profile("dev").unwrap();
        assert_eq!(dev["region"], "us-east-2");
        assert_eq!(dev["role_arn"], "arn:aws:iam::1:role/r;x");
        assert_eq!(dev["aws_access_key_id"], "AKID");
        assert_eq!(set.sso_session("corp").unwrap()["sso_region"], "eu-north-1");
        assert_eq!(
            set.services("local").unwrap()["sts.endpoint_url"],
            "http://localhost:1"
        );
        assert!(
            set.profile("plain").is_none(),
            "[plain] in config is no profile"
        );
        let debug = format!("{set:?}");
        assert!(
            debug.contains("\"dev\"") && !debug.contains("AKID"),
            "{debug}"
        );
        // The credentials file wins for the same key.
        assert_eq!(set.profile("default").unwrap()["region"], "ignored-no");
    }

    #[test]
    fn profile_default_wins_over_default() {
        let set = set("[default]\nregion = a\n[profile default]\nregion = b\n", "");
        assert_eq!(set.profile("default").unwrap()["region"], "b");
    }

    #[test]
    fn malformed_lines_name_file_and_line() {
        let mut set = ProfileSet::default();
        let cases = [
            (
                "region = x\n",
                "config:1: a property before any `[section]`",
            ),
            ("[default]\nregion\n", "config:2: expected `key = value`"),
            ("[default\n", "config:1: a section header must end with `]`"),
            ("[ ]\n", "config:1: empty section name"),
            ("[a]\n = v\n", "config:2: a property without a name"),
        ];
        for (text, expected) in cases {
            let err = set
                .add(text, FileKind::Config, Path::new("config"))
                .unwrap_err();
            assert_eq!(err.to_string(), expected, "{text:?}");
        }
    }

    #[test]
    fn missing_files_are_empty_and_env_paths_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("cfg");
        std::fs::write(&config, "[profile p]\nregion = r\n").unwrap();
        let env = ProcessEnv::from_vars([
            ("AWS_CONFIG_FILE", config.display().to_string()),
            (
                "AWS_SHARED_CREDENTIALS_FILE",
                dir.path().join("nope").display().to_string(),
            ),
            ("AWS_PROFILE", "p".to_owned()),
        ]);
        let set = ProfileSet::load(&env).unwrap();
        assert_eq!(set.selected(), "p");
        assert_eq!(set.profile("p").unwrap()["region"], "r");
        assert!(set.sources.ends_with("cfg"), "{}", set.sources);
    }
}
