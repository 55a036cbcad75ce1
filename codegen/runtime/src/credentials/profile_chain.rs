//! Credentials from the selected profile: static keys, `credential_process`, SSO, a web
//! identity token file, or a `role_arn` assumed through STS with credentials from a
//! `source_profile` (chains of any length, cycles detected) or a `credential_source`.

use super::env::ProcessEnv;
use super::fetch::Fetcher;
use super::imds::Imds;
use super::profile::Properties;
use super::settings::Settings;
use super::sso::{SsoSpec, role_credentials};
use super::sts::{RoleSpec, assume_role, assume_role_with_web_identity};
use super::{Credentials, CredentialsError, EnvironmentCredentials, container, process};

/// Where the first credentials of a profile chain come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Base {
    Static(Credentials),
    Process { command: String, profile: String },
    Sso(SsoSpec),
    WebIdentity { token_file: String, role: RoleSpec },
    Environment,
    Ec2InstanceMetadata,
    EcsContainer,
}

/// A base and the roles assumed in turn from it (innermost first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) base: Base,
    pub(crate) roles: Vec<RoleSpec>,
}

/// Works out the plan for the selected profile; `Ok(None)` when that profile does not exist
/// (so the chain goes on), an error for a profile that cannot give credentials.
pub(crate) fn plan(settings: &Settings) -> Result<Option<Plan>, CredentialsError> {
    let selected = settings.profiles.selected();
    if settings.profiles.profile(selected).is_none() {
        return Ok(None);
    }
    let mut visited = Vec::new();
    let mut roles = Vec::new();
    let mut name = selected.to_owned();
    loop {
        let error = |what: String| {
            CredentialsError::new(format!(
                "profile `{name}` in {}: {what}",
                settings.profiles.sources
            ))
        };
        if visited.contains(&name) {
            visited.push(name.clone());
            return Err(error(format!(
                "source_profile cycle: {}",
                visited.join(" -> ")
            )));
        }
        visited.push(name.clone());
        let Some(profile) = settings.profiles.profile(&name) else {
            return Err(error(
                "no such profile (named as a source_profile)".to_owned(),
            ));
        };
        let get = |key: &str| profile.get(key).filter(|v| !v.is_empty()).cloned();
        let static_keys = static_credentials(profile);
        if let Some(role_arn) = get("role_arn") {
            let role = RoleSpec {
                role_arn,
                session_name: get("role_session_name"),
                external_id: get("external_id"),
                duration_seconds: get("duration_seconds"),
            };
            if let Some(token_file) = get("web_identity_token_file") {
                roles.reverse();
                return Ok(Some(Plan {
                    base: Base::WebIdentity { token_file, role },
                    roles,
                }));
            }
            roles.push(role);
            match (get("source_profile"), get("credential_source")) {
                (Some(_), Some(_)) => {
                    return Err(error(
                        "both source_profile and credential_source are set".to_owned(),
                    ));
                }
                (Some(source), None) if source == name => {
                    let base = static_keys.ok_or_else(|| {
                        error("source_profile names itself but it has no static keys".to_owned())
                    })?;
                    roles.reverse();
                    return Ok(Some(Plan {
                        base: Base::Static(base),
                        roles,
                    }));
                }
                (Some(source), None) => name = source,
                (None, Some(source)) => {
                    let base = match source.as_str() {
                        "Environment" => Base::Environment,
                        "Ec2InstanceMetadata" => Base::Ec2InstanceMetadata,
                        "EcsContainer" => Base::EcsContainer,
                        other => {
                            return Err(error(format!(
                                "credential_source `{other}` is not Environment, \
                                 Ec2InstanceMetadata or EcsContainer"
                            )));
                        }
                    };
                    roles.reverse();
                    return Ok(Some(Plan { base, roles }));
                }
                (None, None) => {
                    return Err(error(
                        "role_arn needs source_profile or credential_source".to_owned(),
                    ));
                }
            }
            continue;
        }
        let base = if let Some(sso) = SsoSpec::from_profile(settings, &name, profile) {
            Base::Sso(sso?)
        } else if let Some(command) = get("credential_process") {
            Base::Process {
                command,
                profile: name.clone(),
            }
        } else if let Some(keys) = static_keys {
            Base::Static(keys)
        } else {
            return Err(error(
                "no credentials (no keys, credential_process, SSO or role_arn)".to_owned(),
            ));
        };
        roles.reverse();
        return Ok(Some(Plan { base, roles }));
    }
}

/// `aws_access_key_id` and `aws_secret_access_key` (and `aws_session_token`) of a profile.
fn static_credentials(profile: &Properties) -> Option<Credentials> {
    let get = |key: &str| profile.get(key).filter(|v| !v.is_empty()).cloned();
    Some(Credentials::new(
        get("aws_access_key_id")?,
        get("aws_secret_access_key")?,
        get("aws_session_token"),
    ))
}

/// Carries out a plan: gets the base credentials, then assumes each role in turn.
pub(crate) async fn execute(
    plan: &Plan,
    settings: &Settings,
    fetcher: &Fetcher,
) -> Result<Credentials, CredentialsError> {
    let mut credentials = match &plan.base {
        Base::Static(credentials) => credentials.clone(),
        Base::Process { command, profile } => process::run(command, profile).await?,
        Base::Sso(spec) => role_credentials(fetcher, settings, spec).await?,
        Base::WebIdentity { token_file, role } => {
            web_identity(fetcher, settings, &settings.env, token_file, role).await?
        }
        Base::Environment => EnvironmentCredentials::with_env(settings.env.clone()).read()?,
        Base::Ec2InstanceMetadata => {
            let imds = Imds::new(fetcher, settings).ok_or_else(|| {
                CredentialsError::new("credential_source Ec2InstanceMetadata: IMDS is disabled")
            })?;
            imds.credentials().await?
        }
        Base::EcsContainer => {
            let url = container::url(&settings.env).ok_or_else(|| {
                CredentialsError::new(
                    "credential_source EcsContainer: no AWS_CONTAINER_CREDENTIALS_*_URI is set",
                )
            })??;
            container::fetch(fetcher, &settings.env, &url).await?
        }
    };
    for role in &plan.roles {
        credentials = assume_role(fetcher, settings, role, &credentials).await?;
    }
    Ok(credentials)
}

/// Reads the token file (again each time: it is rotated) and exchanges it with STS.
pub(crate) async fn web_identity(
    fetcher: &Fetcher,
    settings: &Settings,
    env: &ProcessEnv,
    token_file: &str,
    role: &RoleSpec,
) -> Result<Credentials, CredentialsError> {
    let path = env.expand_home(token_file);
    let token = std::fs::read_to_string(&path).map_err(|e| {
        CredentialsError::with_source(
            format!("web identity token file {}: cannot read it", path.display()),
            e,
        )
    })?;
    assume_role_with_web_identity(fetcher, settings, role, token.trim()).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::profile::{FileKind, ProfileSet};
    use std::path::Path;

    fn settings(profile: &str, config: &str) -> Settings {
        let env = ProcessEnv::from_vars([("HOME", "/nonexistent"), ("AWS_PROFILE", profile)]);
        let mut profiles = ProfileSet::load(&env).unwrap();
        profiles
            .add(config, FileKind::Config, Path::new("cfg"))
            .unwrap();
        profiles.sources = "cfg".to_owned();
        Settings { env, profiles }
    }

    fn role(arn: &str) -> RoleSpec {
        RoleSpec {
            role_arn: arn.to_owned(),
            session_name: None,
            external_id: None,
            duration_seconds: None,
        }
    }

    const CONFIG: &str = "\
[profile keys]\naws_access_key_id = AK\naws_secret_access_key = SK\n\
[profile a]\nrole_arn = arn:a\nsource_profile = b\n\
[profile b]\nrole_arn = arn:b\nsource_profile = keys\n\
[profile self]\nrole_arn = arn:self\nsource_profile = self\naws_access_key_id = AK2\naws_secret_access_key = SK2\n\
[profile cyc1]\nrole_arn = arn:1\nsource_profile = cyc2\n\
[profile cyc2]\nrole_arn = arn:2\nsource_profile = cyc1\n\
[profile lost]\nrole_arn = arn:l\nsource_profile = nowhere\n\
[profile env]\nrole_arn = arn:e\ncredential_source = Environment\n\
[profile weird]\nrole_arn = arn:w\ncredential_source = Moon\n\
[profile proc]\ncredential_process = /bin/creds --x\n\
[profile empty]\nregion = us-east-1\n\
[profile sso]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\n\
[profile ssobroken]\nsso_session = missing\n\
[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://x\n";

    #[test]
    fn role_chains_run_innermost_first() {
        let plan = plan(&settings("a", CONFIG)).unwrap().unwrap();
        assert_eq!(plan.base, Base::Static(Credentials::new("AK", "SK", None)));
        assert_eq!(plan.roles, vec![role("arn:b"), role("arn:a")]);
        let plan = super::plan(&settings("self", CONFIG)).unwrap().unwrap();
        assert_eq!(
            plan.base,
            Base::Static(Credentials::new("AK2", "SK2", None))
        );
        assert_eq!(plan.roles, vec![role("arn:self")]);
        let plan = super::plan(&settings("env", CONFIG)).unwrap().unwrap();
        assert_eq!(
            (plan.base, plan.roles),
            (Base::Environment, vec![role("arn:e")])
        );
        let plan = super::plan(&settings("proc", CONFIG)).unwrap().unwrap();
        assert!(matches!(plan.base, Base::Process { .. }));
        let plan = super::plan(&settings("sso", CONFIG)).unwrap().unwrap();
        assert!(matches!(plan.base, Base::Sso(_)));
        assert_eq!(super::plan(&settings("absent", CONFIG)).unwrap(), None);
    }

    #[test]
    fn bad_profiles_are_named() {
        let cases = [
            (
                "cyc1",
                "profile `cyc1` in cfg: source_profile cycle: cyc1 -> cyc2 -> cyc1",
            ),
            (
                "lost",
                "profile `nowhere` in cfg: no such profile (named as a source_profile)",
            ),
            (
                "weird",
                "profile `weird` in cfg: credential_source `Moon` is not Environment, \
                 Ec2InstanceMetadata or EcsContainer",
            ),
            (
                "empty",
                "profile `empty` in cfg: no credentials (no keys, credential_process, SSO or role_arn)",
            ),
            (
                "ssobroken",
                "profile `ssobroken`: no [sso-session missing] section",
            ),
        ];
        for (profile, expected) in cases {
            let err = plan(&settings(profile, CONFIG)).unwrap_err();
            assert_eq!(err.to_string(), expected);
        }
    }
}
