//! The runtime's default credentials chain against moto's STS: AssumeRole (a profile's
//! `role_arn`, chained, refreshed before expiry) and AssumeRoleWithWebIdentity (the
//! `AWS_WEB_IDENTITY_TOKEN_FILE` variables). moto serves STS on the same endpoint as Cognito
//! (`COGNITO_ENDPOINT`); the tests are ignored by default and `cargo test -- --ignored` runs them
//! (they fail without it).

use std::path::Path;
use std::time::{Duration, SystemTime};

use codegen_tests::moto_env::endpoint;
use smithy_lean_runtime::credentials::ProcessEnv;
use smithy_lean_runtime::{DefaultCredentialsChain, ProvideCredentials};

/// The variables of a test: a temporary home, moto as STS, no IMDS.
fn env(home: &Path, sts: &str, vars: &[(&str, &str)]) -> ProcessEnv {
    let mut all = vec![
        ("HOME".to_owned(), home.display().to_string()),
        ("AWS_ENDPOINT_URL_STS".to_owned(), sts.to_owned()),
        ("AWS_REGION".to_owned(), "us-east-1".to_owned()),
        ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
    ];
    all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    ProcessEnv::from_vars(all)
}

/// A temporary home whose `~/.aws/config` is `config`.
fn home(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join(".aws")).unwrap();
    std::fs::write(dir.path().join(".aws/config"), config).unwrap();
    dir
}

const CONFIG: &str = "\
[profile base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n\
[profile deploy]\nrole_arn = arn:aws:iam::123456789012:role/deploy\nsource_profile = base\n\
duration_seconds = 900\nrole_session_name = ci\n\
[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/admin\nsource_profile = deploy\n";

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn assume_role_chain_against_moto() {
    let sts = endpoint();
    let home = home(CONFIG);
    for profile in ["deploy", "admin"] {
        let chain = DefaultCredentialsChain::builder()
            .env(env(home.path(), &sts, &[("AWS_PROFILE", profile)]))
            .build();
        let creds = chain
            .provide_credentials()
            .await
            .expect("AssumeRole through moto");
        assert!(creds.access_key_id().starts_with("ASIA"), "{creds:?}");
        assert_ne!(creds.access_key_id(), "AKIDBASE");
        assert!(creds.session_token().is_some_and(|t| !t.is_empty()));
        let expiry = creds.expiry().expect("temporary credentials expire");
        assert!(expiry > SystemTime::now(), "{creds:?}");
    }
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn assumed_role_is_refreshed_before_it_expires() {
    let sts = endpoint();
    let home = home(CONFIG);
    // 900 s credentials refreshed 898 s early: fresh for about two seconds.
    let chain = DefaultCredentialsChain::builder()
        .env(env(home.path(), &sts, &[("AWS_PROFILE", "deploy")]))
        .refresh_before(Duration::from_secs(898))
        .build();
    let first = chain.provide_credentials().await.expect("AssumeRole");
    let left = first
        .expiry()
        .unwrap()
        .duration_since(SystemTime::now())
        .unwrap();
    assert!(
        left <= Duration::from_secs(900),
        "DurationSeconds honoured: {left:?}"
    );
    let again = chain.provide_credentials().await.unwrap();
    assert_eq!(again.access_key_id(), first.access_key_id(), "cached");
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let refreshed = chain.provide_credentials().await.unwrap();
    assert_ne!(
        refreshed.access_key_id(),
        first.access_key_id(),
        "refreshed"
    );
}

#[tokio::test]
#[ignore = "needs moto: set COGNITO_ENDPOINT (`.ci/run` starts moto)"]
async fn web_identity_token_file_against_moto() {
    let sts = endpoint();
    let home = home("");
    let token = home.path().join("token");
    std::fs::write(&token, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwb2QifQ.c2ln\n").unwrap();
    let token = token.display().to_string();
    let vars = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", token.as_str()),
        ("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/pod"),
        ("AWS_ROLE_SESSION_NAME", "pod-session"),
    ];
    let chain = DefaultCredentialsChain::builder()
        .env(env(home.path(), &sts, &vars))
        .build();
    let creds = chain
        .provide_credentials()
        .await
        .expect("AssumeRoleWithWebIdentity");
    assert!(creds.access_key_id().starts_with("ASIA"), "{creds:?}");
    assert!(creds.expiry().is_some_and(|e| e > SystemTime::now()));

    // Without AWS_ROLE_ARN the chain stops and says why.
    let chain = DefaultCredentialsChain::builder()
        .env(env(home.path(), &sts, &vars[..1]))
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert!(
        err.starts_with("web identity token credentials failed: AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not"),
        "{err}"
    );
}
