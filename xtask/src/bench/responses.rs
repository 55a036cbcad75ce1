//! The canned Cognito responses the loopback server returns: `ListUsers` with 60 users (the
//! service's largest page) or with 1 user, and a `ListUserPools` page for the `list` mode.

use serde_json::{Value, json};

/// Users in the large `ListUsers` response.
pub const LARGE_PAGE: usize = 60;

/// The id of the pool that every canned response is about.
pub const POOL_ID: &str = "us-east-1_bench";

/// A `ListUsers` response body with `users` users and a pagination token.
pub fn list_users(users: usize) -> Vec<u8> {
    let users: Vec<Value> = (0..users).map(user).collect();
    let body = json!({ "Users": users, "PaginationToken": "bench-next-page-token" });
    body.to_string().into_bytes()
}

/// A `ListUserPools` response body with one pool, [`POOL_ID`].
pub fn list_user_pools() -> Vec<u8> {
    let body = json!({
        "UserPools": [{
            "Id": POOL_ID,
            "Name": "bench",
            "Status": "Enabled",
            "LastModifiedDate": 1_700_000_000.5,
            "CreationDate": 1_690_000_000.25,
            "LambdaConfig": {}
        }]
    });
    body.to_string().into_bytes()
}

/// One realistic user: attributes, dates, status and MFA options, as Cognito sends them.
fn user(index: usize) -> Value {
    json!({
        "Username": format!("user-{index:04}"),
        "Attributes": [
            { "Name": "sub", "Value": format!("5b7a2c3e-0000-4000-8000-{index:012}") },
            { "Name": "email", "Value": format!("user{index}@example.com") },
            { "Name": "email_verified", "Value": "true" },
            { "Name": "name", "Value": format!("Bench User {index}") },
            { "Name": "custom:tenant", "Value": "tenant-42" }
        ],
        "UserCreateDate": 1_690_000_000.123 + index as f64,
        "UserLastModifiedDate": 1_700_000_000.456 + index as f64,
        "Enabled": true,
        "UserStatus": if index.is_multiple_of(7) { "FORCE_CHANGE_PASSWORD" } else { "CONFIRMED" },
        "MFAOptions": [{ "DeliveryMedium": "SMS", "AttributeName": "phone_number" }]
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn pages_have_the_requested_users() {
        let body: serde_json::Value = serde_json::from_slice(&super::list_users(60)).unwrap();
        assert_eq!(body["Users"].as_array().unwrap().len(), 60);
        assert_eq!(body["Users"][7]["UserStatus"], "FORCE_CHANGE_PASSWORD");
        let pools: serde_json::Value = serde_json::from_slice(&super::list_user_pools()).unwrap();
        assert_eq!(pools["UserPools"][0]["Id"], super::POOL_ID);
    }
}
