//! `credential_process`: runs the profile's command and reads the JSON it prints.

use super::fetch::parse_credential_document;
use super::{Credentials, CredentialsError};

/// Runs `command` through the platform shell; a non-zero exit, output that is not a version 1
/// credentials document, or a missing field is an error naming the profile.
pub(crate) async fn run(command: &str, profile: &str) -> Result<Credentials, CredentialsError> {
    let context = format!("credential_process of profile `{profile}`");
    let owned = command.to_owned();
    let output = tokio::task::spawn_blocking(move || shell(&owned).output())
        .await
        .map_err(|e| CredentialsError::new(format!("{context}: {e}")))?
        .map_err(|e| CredentialsError::with_source(format!("{context}: cannot run"), e))?;
    if !output.status.success() {
        let stderr: String = String::from_utf8_lossy(&output.stderr)
            .chars()
            .take(300)
            .collect();
        return Err(CredentialsError::new(format!(
            "{context}: exited with {}: {}",
            output.status,
            stderr.trim()
        )));
    }
    let version = serde_json::from_slice::<serde_json::Value>(&output.stdout)
        .ok()
        .and_then(|v| v.get("Version").and_then(serde_json::Value::as_i64));
    if version != Some(1) {
        return Err(CredentialsError::new(format!(
            "{context}: the output is not a JSON object with \"Version\": 1"
        )));
    }
    parse_credential_document(&output.stdout, &context)
}

/// The command run by `sh -c` (or `cmd /C` on Windows).
fn shell(command: &str) -> std::process::Command {
    let (program, flag) = if cfg!(windows) {
        ("cmd", "/C")
    } else {
        ("sh", "-c")
    };
    let mut shell = std::process::Command::new(program);
    shell.args([flag, command]);
    shell
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reads_the_printed_document() {
        let command = r#"echo '{"Version":1,"AccessKeyId":"AK","SecretAccessKey":"SK","SessionToken":"ST","Expiration":"2030-01-01T00:00:00Z"}'"#;
        let creds = run(command, "p").await.unwrap();
        assert_eq!(
            (creds.access_key_id(), creds.session_token()),
            ("AK", Some("ST"))
        );
        assert!(creds.expiry().is_some());
    }

    #[tokio::test]
    async fn failures_name_the_profile() {
        let err = run("echo nope >&2; exit 3", "p").await.unwrap_err();
        assert_eq!(
            err.to_string(),
            "credential_process of profile `p`: exited with exit status: 3: nope"
        );
        let err = run("echo '{\"Version\":2}'", "p").await.unwrap_err();
        assert!(err.to_string().ends_with("with \"Version\": 1"), "{err}");
        let err = run("echo '{\"Version\":1,\"AccessKeyId\":\"A\"}'", "p")
            .await
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "credential_process of profile `p`: no SecretAccessKey"
        );
    }
}
