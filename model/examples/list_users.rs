//! Lists the users of a user pool, optionally filtered, following pagination.
//!
//! ```sh
//! cargo run --example list_users -- <user-pool-id> ['email ^= "ana"'] [page-size]
//! ```
//!
//! Region, credentials and settings come from wherever the AWS CLI finds them: `AWS_*`
//! environment variables, the profile in `~/.aws/config` and `~/.aws/credentials` (keys,
//! SSO, assumed roles, `credential_process`), container credentials or EC2 instance
//! metadata. `AWS_ENDPOINT_URL` points it at a local moto server.

use std::process::ExitCode;

use cognito_identity_provider::runtime::StreamExt;
use cognito_identity_provider::types::User;
use cognito_identity_provider::{Client, Config};

const USAGE: &str = "usage: list_users <user-pool-id> [filter] [page-size]";

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(pool_id), filter, page_size) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(page_size) = page_size.map_or(Ok(60), |size| size.parse::<i32>()) else {
        eprintln!("page size must be a number\n{USAGE}");
        return ExitCode::from(2);
    };
    let config = match Config::load().await {
        Ok(config) => config,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let client = Client::new(config);
    let mut pages = client
        .list_users()
        .user_pool_id(pool_id)
        .limit(page_size)
        .set_filter(filter.cloned())
        .into_paginator();
    let (mut page_count, mut user_count) = (0, 0);
    while let Some(page) = pages.next().await {
        let users = match page {
            Ok(page) => page.users.unwrap_or_default(),
            Err(error) => {
                eprintln!("ListUsers failed: {error}");
                return ExitCode::FAILURE;
            }
        };
        page_count += 1;
        user_count += users.len();
        println!("page {page_count}: {} user(s)", users.len());
        for user in &users {
            println!("  {}", describe(user));
        }
    }
    println!("{user_count} user(s) in {page_count} page(s)");
    ExitCode::SUCCESS
}

/// `username  STATUS  email` for one user.
fn describe(user: &User) -> String {
    let email = user
        .attributes
        .iter()
        .flatten()
        .find(|attribute| attribute.name == "email")
        .and_then(|attribute| attribute.value.as_deref());
    let status = user.user_status.as_ref().map(|status| status.as_str());
    format!(
        "{}  {}  {}",
        user.username.as_deref().unwrap_or("-"),
        status.unwrap_or("-"),
        email.unwrap_or("-")
    )
}
