//! The default credentials chain and `Config::load_from` against loopback fakes of IMDS, the
//! container endpoint and the SSO portal, with temporary profile files and token caches.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime};

use smithy_lean_runtime::credentials::ProcessEnv;
use smithy_lean_runtime::{Config, DefaultCredentialsChain, ProvideCredentials, RetryMode};
use support::{Answer, Fake, credentials_json};

/// A temporary home directory with optional `~/.aws/config` text.
fn home(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir_all(dir.path().join(".aws/sso/cache")).unwrap();
    if !config.is_empty() {
        std::fs::write(dir.path().join(".aws/config"), config).unwrap();
    }
    dir
}

/// Variables for a test: `HOME` and IMDS off unless the test adds its own.
fn env(home: &Path, vars: &[(&str, &str)]) -> ProcessEnv {
    let mut all: Vec<(String, String)> = vec![("HOME".into(), home.display().to_string())];
    if !vars.iter().any(|(k, _)| k.starts_with("AWS_EC2_METADATA")) {
        all.push(("AWS_EC2_METADATA_DISABLED".into(), "true".into()));
    }
    all.extend(vars.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    ProcessEnv::from_vars(all)
}

/// An IMDS fake: IMDSv2 token `tok`, role `app-role`, credentials `IMDS<n>` valid
/// `lifetime` seconds; counts credential fetches.
async fn imds(lifetime: u64) -> (Fake, Arc<AtomicU32>) {
    let fetches = Arc::new(AtomicU32::new(0));
    let count = fetches.clone();
    let fake = Fake::start(move |req| {
        let authorized = req
            .headers
            .get("x-aws-ec2-metadata-token")
            .map(String::as_str)
            == Some("tok");
        match (req.method.as_str(), req.path.as_str()) {
            ("PUT", "/latest/api/token")
                if req
                    .headers
                    .contains_key("x-aws-ec2-metadata-token-ttl-seconds") =>
            {
                Answer::Reply(200, "tok".into())
            }
            (_, _) if !authorized => Answer::Reply(401, String::new()),
            ("GET", "/latest/meta-data/iam/security-credentials/") => {
                Answer::Reply(200, "app-role\n".into())
            }
            ("GET", "/latest/meta-data/iam/security-credentials/app-role") => {
                let n = count.fetch_add(1, Ordering::SeqCst) + 1;
                Answer::Reply(200, credentials_json(&format!("IMDS{n}"), lifetime))
            }
            ("GET", "/latest/meta-data/placement/region") => {
                Answer::Reply(200, "eu-central-1".into())
            }
            _ => Answer::Reply(404, String::new()),
        }
    })
    .await;
    (fake, fetches)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imds_credentials_are_cached_shared_and_refreshed() {
    let home = home("");
    let (fake, fetches) = imds(400).await;
    let chain = Arc::new(
        DefaultCredentialsChain::builder()
            .env(env(
                home.path(),
                &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &fake.url)],
            ))
            // 400 s credentials refreshed 399 s early: fresh for one second.
            .refresh_before(Duration::from_secs(399))
            .build(),
    );
    let callers: Vec<_> = (0..16)
        .map(|_| {
            let chain = chain.clone();
            tokio::spawn(async move { chain.provide_credentials().await })
        })
        .collect();
    for caller in callers {
        let creds = caller.await.unwrap().unwrap();
        assert_eq!(
            (creds.access_key_id(), creds.session_token()),
            ("IMDS1", Some("token-IMDS1"))
        );
    }
    assert_eq!(
        fetches.load(Ordering::SeqCst),
        1,
        "16 concurrent callers, one fetch"
    );
    let requests_before = fake.requests().len();
    chain.provide_credentials().await.unwrap();
    assert_eq!(
        fake.requests().len(),
        requests_before,
        "no I/O once resolved"
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "IMDS2"
    );
}

#[tokio::test]
async fn imds_garbage_and_hangs_are_named_errors() {
    let home = home("");
    let garbage = Fake::start(|req| match req.method.as_str() {
        "PUT" => Answer::Reply(200, "tok".into()),
        _ => Answer::Reply(200, "<html><body>captive portal</body></html>".into()),
    })
    .await;
    let chain = DefaultCredentialsChain::builder()
        .env(env(
            home.path(),
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &garbage.url)],
        ))
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert!(
        err.starts_with("no credentials found; tried environment: AWS_ACCESS_KEY_ID is not set"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "EC2 instance metadata: IMDS {}: no instance role",
            garbage.url
        )),
        "{err}"
    );

    let hanging = Fake::start(|_| Answer::Hang).await;
    let chain = DefaultCredentialsChain::builder()
        .env(env(
            home.path(),
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &hanging.url)],
        ))
        .build();
    let started = Instant::now();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        err.contains(&format!(
            "IMDS token: {}/latest/api/token: no answer within 1000 ms",
            hanging.url
        )),
        "{err}"
    );
}

#[tokio::test]
async fn nothing_configured_lists_every_source() {
    let home = home("");
    let chain = DefaultCredentialsChain::builder()
        .env(env(home.path(), &[]))
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    let expected = "no credentials found; tried environment: AWS_ACCESS_KEY_ID is not set; \
         web identity token: AWS_WEB_IDENTITY_TOKEN_FILE is not set; \
         profile: no profile `default` in no shared config or credentials file; \
         container: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set; \
         EC2 instance metadata: AWS_EC2_METADATA_DISABLED is true";
    assert_eq!(err, expected);
}

#[tokio::test]
async fn container_credentials_with_a_token_file() {
    let home = home("");
    let fake = Fake::start(
        |req| match req.headers.get("authorization").map(String::as_str) {
            Some("Bearer pod-token") if req.path == "/v1/credentials" => {
                Answer::Reply(200, credentials_json("CONTAINER", 3600))
            }
            _ => Answer::Reply(403, "denied".into()),
        },
    )
    .await;
    let token_file = home.path().join("token");
    std::fs::write(&token_file, "Bearer pod-token\n").unwrap();
    let url = format!("{}/v1/credentials", fake.url);
    let chain = DefaultCredentialsChain::builder()
        .env(env(
            home.path(),
            &[
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url),
                (
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
                    &token_file.display().to_string(),
                ),
            ],
        ))
        .build();
    let creds = chain.provide_credentials().await.unwrap();
    assert_eq!(creds.access_key_id(), "CONTAINER");
    assert!(creds.expiry().is_some());

    // A wrong token: the error names the endpoint and the status.
    let chain = DefaultCredentialsChain::builder()
        .env(env(
            home.path(),
            &[
                ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &url),
                ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrong"),
            ],
        ))
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert!(
        err.starts_with(&format!(
            "container credentials failed: {url}: HTTP 403 denied"
        )),
        "{err}"
    );
}

const SSO_CONFIG: &str = "\
[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n\
[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://corp.awsapps.com/start\n\
[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n\
sso_account_id = 210987654321\nsso_role_name = Reader\n";

/// sha1("corp") and sha1("https://legacy.awsapps.com/start"): the cache file names
/// `aws sso login` writes.
const CORP_CACHE: &str = "ee0bfd2552fbd840c02cc48b6e823320543c450f.json";
const LEGACY_CACHE: &str = "79e435d7a515078e81c9dffc35f38d5687ebd3a7.json";

fn cache_token(home: &Path, file: &str, token: &str, expires: SystemTime) {
    let expires = smithy_lean_runtime::DateTime::from(expires)
        .to_rfc3339()
        .unwrap();
    let text =
        format!(r#"{{"accessToken":"{token}","expiresAt":"{expires}","region":"eu-west-1"}}"#);
    std::fs::write(home.join(".aws/sso/cache").join(file), text).unwrap();
}

async fn sso_portal() -> Fake {
    Fake::start(|req| {
        let role = match (req.headers.get("x-amz-sso_bearer_token").map(String::as_str), req.path.as_str()) {
            (Some("corp-token"), "/federation/credentials?account_id=123456789012&role_name=Admin") => "SSOCORP",
            (Some("legacy-token"), "/federation/credentials?account_id=210987654321&role_name=Reader") => "SSOLEGACY",
            _ => return Answer::Reply(401, r#"{"message":"bad token"}"#.into()),
        };
        let ms = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_millis() + 3_600_000;
        Answer::Reply(
            200,
            format!(r#"{{"roleCredentials":{{"accessKeyId":"{role}","secretAccessKey":"s","sessionToken":"t","expiration":{ms}}}}}"#),
        )
    })
    .await
}

#[tokio::test]
async fn sso_session_and_legacy_profiles() {
    let home = home(SSO_CONFIG);
    let portal = sso_portal().await;
    let in_an_hour = SystemTime::now() + Duration::from_secs(3600);
    cache_token(home.path(), CORP_CACHE, "corp-token", in_an_hour);
    cache_token(home.path(), LEGACY_CACHE, "legacy-token", in_an_hour);
    for (profile, key) in [("dev", "SSOCORP"), ("legacy", "SSOLEGACY")] {
        let chain = DefaultCredentialsChain::builder()
            .env(env(
                home.path(),
                &[
                    ("AWS_PROFILE", profile),
                    ("AWS_ENDPOINT_URL_SSO", &portal.url),
                ],
            ))
            .build();
        let creds = chain.provide_credentials().await.unwrap();
        assert_eq!(creds.access_key_id(), key);
        let left = creds
            .expiry()
            .unwrap()
            .duration_since(SystemTime::now())
            .unwrap();
        assert!(left > Duration::from_secs(3500), "{left:?}");
    }
}

#[tokio::test]
async fn expired_or_missing_sso_tokens_say_so() {
    let home = home(SSO_CONFIG);
    let portal = sso_portal().await;
    let vars = [
        ("AWS_PROFILE", "dev"),
        ("AWS_ENDPOINT_URL_SSO", portal.url.as_str()),
    ];
    let chain = DefaultCredentialsChain::builder()
        .env(env(home.path(), &vars))
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert!(
        err.contains(CORP_CACHE) && err.contains("cannot read it (run `aws sso login`)"),
        "{err}"
    );

    cache_token(
        home.path(),
        CORP_CACHE,
        "corp-token",
        SystemTime::now() - Duration::from_secs(60),
    );
    let chain = DefaultCredentialsChain::builder()
        .env(env(home.path(), &vars))
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert!(
        err.starts_with("profile credentials failed: SSO token cache "),
        "{err}"
    );
    assert!(
        err.contains("the token expired at") && err.contains("aws sso login"),
        "{err}"
    );
    assert!(portal.requests().is_empty(), "an expired token is not sent");
}

#[tokio::test]
async fn static_profile_process_profile_and_bad_files() {
    let home = home(
        "[default]\nregion = eu-west-2\n\
         [profile proc]\ncredential_process = echo '{\"Version\":1,\"AccessKeyId\":\"PROC\",\"SecretAccessKey\":\"s\"}'\n",
    );
    std::fs::write(
        home.path().join(".aws/credentials"),
        "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n",
    )
    .unwrap();
    let chain = DefaultCredentialsChain::builder()
        .env(env(home.path(), &[]))
        .build();
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "FILEKEY"
    );
    if cfg!(unix) {
        let chain = DefaultCredentialsChain::builder()
            .env(env(home.path(), &[("AWS_PROFILE", "proc")]))
            .build();
        assert_eq!(
            chain.provide_credentials().await.unwrap().access_key_id(),
            "PROC"
        );
    }
    // The environment comes first.
    let chain = DefaultCredentialsChain::builder()
        .env(env(
            home.path(),
            &[
                ("AWS_ACCESS_KEY_ID", "ENVKEY"),
                ("AWS_SECRET_ACCESS_KEY", "x"),
            ],
        ))
        .build();
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "ENVKEY"
    );

    let bad = home.path().join("bad-config");
    std::fs::write(&bad, "[default]\nthis line has no equals sign\n").unwrap();
    let bad_env = env(
        home.path(),
        &[("AWS_CONFIG_FILE", &bad.display().to_string())],
    );
    let chain = DefaultCredentialsChain::builder()
        .env(bad_env.clone())
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert_eq!(err, format!("{}:2: expected `key = value`", bad.display()));
    let err = Config::load_from(bad_env).await.unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "cannot load the AWS configuration: {}:2: expected `key = value`",
            bad.display()
        )
    );
}

#[tokio::test]
async fn config_reads_environment_profile_and_imds() {
    let home = home(
        "[default]\nregion = eu-west-2\nmax_attempts = 5\nretry_mode = adaptive\n\
         endpoint_url = http://localhost:4566\n",
    );
    let config = Config::load_from(env(home.path(), &[])).await.unwrap();
    assert_eq!(config.region(), Some("eu-west-2"));
    assert_eq!(config.max_attempts(), 5);
    assert_eq!(config.retry().mode, RetryMode::Adaptive);
    assert_eq!(config.endpoint_url(), Some("http://localhost:4566"));
    let config = Config::load_from(env(
        home.path(),
        &[
            ("AWS_REGION", "ap-south-1"),
            ("AWS_MAX_ATTEMPTS", "2"),
            ("AWS_RETRY_MODE", "standard"),
        ],
    ))
    .await
    .unwrap();
    assert_eq!(config.region(), Some("ap-south-1"));
    assert_eq!(
        (config.max_attempts(), config.retry().mode),
        (2, RetryMode::Standard)
    );
    let err = Config::load_from(env(home.path(), &[("AWS_MAX_ATTEMPTS", "many")]))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .ends_with("AWS_MAX_ATTEMPTS: max_attempts `many` is not a positive whole number")
    );

    // No region anywhere: IMDS is asked.
    let empty = self::home("");
    let (fake, _) = imds(3600).await;
    let config = Config::load_from(env(
        empty.path(),
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &fake.url)],
    ))
    .await
    .unwrap();
    assert_eq!(config.region(), Some("eu-central-1"));
}

/// A fake STS answering AssumeRole with keys named after the role (`KEY-<role name>`).
async fn fake_sts() -> Fake {
    Fake::start(|req| {
        let Some(arn) = req.body.split('&').find_map(|p| p.strip_prefix("RoleArn=")) else {
            return Answer::Reply(400, "<Error><Code>MissingParameter</Code></Error>".into());
        };
        let role = arn.rsplit("%2F").next().unwrap_or_default().to_owned();
        let expiry = smithy_lean_runtime::DateTime::from(SystemTime::now() + Duration::from_secs(3600))
            .to_rfc3339()
            .unwrap();
        Answer::Reply(
            200,
            format!(
                "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>KEY-{role}</AccessKeyId>\
                 <SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>\
                 <Expiration>{expiry}</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>"
            ),
        )
    })
    .await
}

#[tokio::test]
async fn role_chains_sign_each_step_with_the_previous_credentials() {
    let sts = fake_sts().await;
    let home = home(
        "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = middle\n\
         role_session_name = s1\nexternal_id = ext\n\
         [profile middle]\nrole_arn = arn:aws:iam::1:role/middle\nsource_profile = base\n\
         [profile base]\naws_access_key_id = BASEKEY\naws_secret_access_key = b\n\
         [profile loop1]\nrole_arn = arn:aws:iam::1:role/l1\nsource_profile = loop2\n\
         [profile loop2]\nrole_arn = arn:aws:iam::1:role/l2\nsource_profile = loop1\n",
    );
    let chain = DefaultCredentialsChain::builder()
        .env(env(
            home.path(),
            &[("AWS_PROFILE", "top"), ("AWS_ENDPOINT_URL_STS", &sts.url)],
        ))
        .build();
    assert_eq!(
        chain.provide_credentials().await.unwrap().access_key_id(),
        "KEY-top"
    );
    let requests = sts.requests();
    assert_eq!(requests.len(), 2);
    let signer = |i: usize| requests[i].headers["authorization"].clone();
    assert!(signer(0).contains("Credential=BASEKEY/"), "{}", signer(0));
    assert!(
        signer(1).contains("Credential=KEY-middle/"),
        "{}",
        signer(1)
    );
    assert!(
        requests[1]
            .body
            .contains("RoleSessionName=s1&ExternalId=ext"),
        "{}",
        requests[1].body
    );
    assert_eq!(requests[1].headers["x-amz-security-token"], "t");

    let chain = DefaultCredentialsChain::builder()
        .env(env(
            home.path(),
            &[("AWS_PROFILE", "loop1"), ("AWS_ENDPOINT_URL_STS", &sts.url)],
        ))
        .build();
    let err = chain.provide_credentials().await.unwrap_err().to_string();
    assert!(
        err.contains("source_profile cycle: loop1 -> loop2 -> loop1"),
        "{err}"
    );
    assert_eq!(sts.requests().len(), 2, "a cycle is found before any call");
}
