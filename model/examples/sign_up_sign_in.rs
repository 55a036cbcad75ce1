//! Signs a new user up, confirms them as an administrator, signs them in with their
//! password and reads their profile with the access token.
//!
//! ```sh
//! AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
//!   cargo run --example sign_up_sign_in -- <user-pool-id> <app-client-id> <username> <password>
//! ```
//!
//! The app client must allow `USER_PASSWORD_AUTH` and have no secret. `SignUp`,
//! `InitiateAuth` and `GetUser` are sent unsigned (the model says so);
//! `AdminConfirmSignUp` is signed with the credentials from the `AWS_*` variables.

use std::process::ExitCode;

use cognito_identity_provider::types::{Attribute, AuthFlow};
use cognito_identity_provider::{Client, Config};

const USAGE: &str = "usage: sign_up_sign_in <user-pool-id> <app-client-id> <username> <password>";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pool_id, client_id, username, password] = args.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let client = Client::new(Config::from_env());
    match sign_up_and_in(&client, pool_id, client_id, username, password).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn sign_up_and_in(
    client: &Client,
    pool_id: &str,
    client_id: &str,
    username: &str,
    password: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    client
        .sign_up()
        .client_id(client_id)
        .username(username)
        .password(password)
        .user_attributes(Attribute {
            name: "email".to_owned(),
            value: Some(format!("{username}@example.com")),
        })
        .send()
        .await?;
    client
        .admin_confirm_sign_up()
        .user_pool_id(pool_id)
        .username(username)
        .send()
        .await?;
    let signed_in = client
        .initiate_auth()
        .client_id(client_id)
        .auth_flow(AuthFlow::UserPasswordAuth)
        .auth_parameters("USERNAME", username)
        .auth_parameters("PASSWORD", password)
        .send()
        .await?;
    let access_token = signed_in
        .authentication_result
        .and_then(|result| result.access_token)
        .ok_or("InitiateAuth returned a challenge instead of tokens")?;
    let user = client.get_user().access_token(access_token).send().await?;
    println!("signed in as {}", user.username);
    for attribute in &user.user_attributes {
        println!(
            "  {} = {}",
            attribute.name,
            attribute.value.as_deref().unwrap_or("-")
        );
    }
    Ok(())
}
