//! Tests of the call path against hostile or unusual answers (mock transport), the retry
//! quota, server-requested delays and clock-skew correction.

use super::*;

#[tokio::test]
async fn arrays_never_fill_an_output_structure() {
    let mock = MockTransport::new();
    mock.push_response(200, &[("x-amzn-requestid", "r1")], r#"[["a","b"],"token"]"#);
    mock.push_json(200, "  \n[]");
    let core = client(&mock);
    for _ in 0..2 {
        match list(&core).await.unwrap_err() {
            Error::InvalidResponse(e) => {
                assert!(e.message().contains("JSON array"), "{}", e.message());
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// A `ListUsers`-shaped output: structures nested in lists, two and three levels down.
#[derive(serde::Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
struct NestedOutput {
    #[serde(default)]
    users: Vec<NestedUser>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
struct NestedUser {
    #[serde(default)]
    attributes: Vec<NestedAttribute>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(rename_all = "PascalCase")]
struct NestedAttribute {
    name: String,
    value: Option<String>,
}

#[tokio::test]
async fn nested_arrays_never_fill_an_output_structure_and_errors_say_where() {
    let mock = MockTransport::new();
    mock.push_json(200, r#"{"Users":[{"Attributes":[]},[[]]]}"#);
    mock.push_json(
        200,
        r#"{"Users":[{"Attributes":[{"Name":"a"},["email","secret@example.com"]]}]}"#,
    );
    mock.push_json(
        200,
        r#"{"Users":[{"Attributes":[{"Name":"email","Value":"x"}]}]}"#,
    );
    let core = client(&mock);
    for path in ["Users[1]", "Users[0].Attributes[1]"] {
        let result = core
            .call::<_, NestedOutput, TestError>(LIST_USERS, &input())
            .await;
        match result.unwrap_err() {
            Error::InvalidResponse(e) => {
                let message = e.message();
                assert!(message.contains("invalid type: sequence"), "{message}");
                assert!(message.contains(&format!("at {path}, line 1")), "{message}");
                assert!(!message.contains("secret"), "{message}");
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    let out: NestedOutput = core
        .call::<_, _, TestError>(LIST_USERS, &input())
        .await
        .unwrap();
    let attribute = &out.users[0].attributes[0];
    assert_eq!(
        (attribute.name.as_str(), attribute.value.as_deref()),
        ("email", Some("x"))
    );
}

#[tokio::test]
async fn arrays_never_fill_a_modelled_error() {
    let mock = MockTransport::new();
    mock.push_response(
        400,
        &[("x-amzn-errortype", "ResourceNotFoundException")],
        r#"["positional message"]"#,
    );
    let err = list(&client(&mock)).await.unwrap_err();
    match err.service_error() {
        Some(TestError::Unhandled(u)) => assert_eq!(u.code(), "ResourceNotFoundException"),
        other => panic!("an array must not decode as the modelled error: {other:?}"),
    }
}

/// The awsJson protocol tells errors by their status: a 2xx is a success, and a `__type`
/// in its body is ignored, as the AWS SDKs do.
#[tokio::test]
async fn a_success_status_with_an_error_shaped_body_is_a_success() {
    let mock = MockTransport::new();
    mock.push_json(
        200,
        r#"{"__type":"ResourceNotFoundException","message":"gone","Users":["a"]}"#,
    );
    let out = list(&client(&mock)).await.unwrap();
    assert_eq!(out.users, ["a"]);
}

#[tokio::test]
async fn messages_are_found_in_either_case() {
    let mock = MockTransport::new();
    mock.push_json(400, r#"{"__type":"X","Message":"capital"}"#);
    mock.push_json(400, r#"{"__type":"X","message":"lower"}"#);
    let core = client(&mock);
    let err = list(&core).await.unwrap_err();
    assert_eq!(err.meta().unwrap().message(), Some("capital"));
    let err = list(&core).await.unwrap_err();
    assert_eq!(err.meta().unwrap().message(), Some("lower"));
}

#[tokio::test]
async fn server_text_is_neutralised_and_cut_in_display_but_kept_whole() {
    let mock = MockTransport::new();
    let long = "A".repeat(5 * 1024 * 1024);
    let body = serde_json::json!({
        "__type": "Evil\r\nFAKE LOG LINE",
        "message": format!("line\r\nINFO forged \u{1b}[2J\u{1b}[31mred{long}"),
    });
    mock.push_response(400, &[("x-amzn-requestid", "req\u{7f}1")], body.to_string());
    let err = list(&client(&mock)).await.unwrap_err();
    let shown = err.to_string();
    assert!(
        !shown.contains(['\r', '\n', '\u{1b}']),
        "{:?}",
        &shown[..200]
    );
    assert!(
        shown.contains("line  INFO forged red"),
        "{:?}",
        &shown[..200]
    );
    assert!(shown.len() < 4096, "Display printed {} bytes", shown.len());
    assert!(shown.contains("more characters)"));
    let meta = err.meta().unwrap();
    assert!(
        meta.message().unwrap().ends_with(&long),
        "full text reachable"
    );
    // The typed error and the metadata share one copy of the message.
    let Some(TestError::Unhandled(unhandled)) = err.service_error() else {
        panic!("unexpected {err:?}");
    };
    assert!(std::ptr::eq(
        unhandled.message().unwrap(),
        meta.message().unwrap()
    ));
}

#[tokio::test]
async fn redirects_are_reported_with_their_target() {
    let mock = MockTransport::new();
    mock.push_response(301, &[("location", "https://elsewhere.example/\r\nx")], "");
    mock.push_response(301, &[("location", "https://elsewhere.example/")], "");
    let core = client(&mock);
    let err = list(&core).await.unwrap_err();
    assert_eq!(mock.request_count(), 1, "a redirect is not retried");
    assert!(!err.is_retryable());
    let err = list(&core).await.unwrap_err();
    let meta = err.meta().unwrap();
    assert_eq!(meta.location(), Some("https://elsewhere.example/"));
    assert_eq!(
        err.to_string(),
        "service error: HTTP 301 redirecting to https://elsewhere.example/"
    );
}

#[tokio::test]
async fn server_requested_delays_are_honoured() {
    let mock = MockTransport::new();
    mock.push_response(
        429,
        &[
            ("x-amz-retry-after", "300"),
            ("content-type", "application/json"),
        ],
        "{}",
    );
    mock.push_json(200, "{}");
    let started = Instant::now();
    list(&client(&mock)).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn retries_stop_when_the_quota_is_spent_and_resume_after_successes() {
    let mock = MockTransport::new();
    let core = ClientCore::new(&SERVICE, builder(&mock).max_attempts(2).build());
    // Each failing call makes one retry (cost 5): 100 of them spend the 500 tokens.
    for _ in 0..100 {
        mock.push_json(503, "");
        mock.push_json(503, "");
        list(&core).await.unwrap_err();
    }
    assert_eq!(core.retry_tokens(), 0);
    assert_eq!(mock.request_count(), 200);
    mock.push_json(503, "");
    list(&core).await.unwrap_err();
    assert_eq!(mock.request_count(), 201, "no retry without quota");
    // Five first-attempt successes pay for one more retry.
    for _ in 0..5 {
        mock.push_json(200, "{}");
        list(&core).await.unwrap();
    }
    assert_eq!(core.retry_tokens(), 5);
    mock.push_json(503, "");
    mock.push_json(200, "{}");
    list(&core).await.unwrap();
    assert_eq!(core.retry_tokens(), 5, "a success after a retry refunds it");
    // Clones share the bucket.
    assert_eq!(core.clone().retry_tokens(), core.retry_tokens());
}

#[tokio::test]
async fn clock_skew_errors_correct_the_signing_time_and_retry() {
    let mock = MockTransport::new();
    let server_time = SystemTime::now() + Duration::from_secs(3600);
    let date = crate::DateTime::from_secs_f64(
        server_time
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs() as f64,
    )
    .unwrap()
    .to_http_date()
    .unwrap();
    mock.push_response(
        400,
        &[
            ("x-amzn-errortype", "InvalidSignatureException"),
            ("date", &date),
        ],
        r#"{"message":"Signature expired"}"#,
    );
    mock.push_json(200, "{}");
    let core = client(&mock);
    list(&core).await.unwrap();
    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    let signed_at = |request: &HttpRequest| {
        request.headers["x-amz-date"]
            .to_str()
            .unwrap()
            .get(..11)
            .unwrap()
            .to_owned()
    };
    let expected = crate::DateTime::from_secs_f64(
        server_time
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_secs() as f64,
    )
    .unwrap()
    .to_rfc3339()
    .unwrap()
    .replace('-', "");
    assert_ne!(signed_at(&requests[0]), signed_at(&requests[1]));
    assert_eq!(
        signed_at(&requests[1]),
        expected[..11],
        "signed with the server's hour"
    );

    // A signature error without skew is final.
    mock.push_response(
        400,
        &[
            ("x-amzn-errortype", "InvalidSignatureException"),
            ("date", &date),
        ],
        "{}",
    );
    list(&core).await.unwrap_err();
    assert_eq!(mock.request_count(), 3);
}

#[tokio::test]
async fn adaptive_mode_slows_every_attempt_after_a_throttle() {
    let retry = crate::retry::RetryConfig {
        mode: crate::retry::RetryMode::Adaptive,
        max_attempts: 1,
    };
    let mock = MockTransport::new();
    let core = ClientCore::new(&SERVICE, builder(&mock).retry(retry).build());
    mock.push_json(200, "{}");
    mock.push_json(429, "{}");
    mock.push_json(200, "{}");
    let started = Instant::now();
    list(&core).await.unwrap();
    list(&core).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "no limit before a throttle"
    );
    // The throttle enabled the bucket at its lowest rate (0.5 requests/s), empty.
    let started = Instant::now();
    list(&core).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
}
