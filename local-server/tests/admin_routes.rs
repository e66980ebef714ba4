//! The `/_local/` routes are no way in for a web page or a stranger: they need the
//! token when the server has one and take JSON only (a browser sends JSON across
//! origins only after a preflight the server never allows). The faults they set are
//! checked before anything changes, and fire only on requests that pass the
//! credential check.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use support::{answer, assert_error, Answer};
use wix_local_server::{start, start_with, LocalServer, ServerConfig, MAX_LATENCY};

const CONTACT: &str = "c0ffee00-1234-4abc-8def-0123456789ab";
const TOKEN: &str = "local-admin-token";

async fn server_with_token() -> LocalServer {
    start_with(ServerConfig {
        accepted_credentials: Some(vec![TOKEN.into()]),
        ..ServerConfig::default()
    })
    .await
    .unwrap()
}

/// `method` on `path` with these headers (`None`: left out) and `body`.
async fn call(
    server: &LocalServer,
    method: &str,
    path: &str,
    authorization: Option<&str>,
    content_type: Option<&str>,
    body: &str,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = reqwest::Client::new()
        .request(method, format!("{}{path}", server.base_url()))
        .body(body.to_owned());
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    if let Some(value) = content_type {
        request = request.header("content-type", value);
    }
    answer(request).await
}

/// An admin POST with the token and a JSON body.
async fn admin(server: &LocalServer, path: &str, body: Value) -> Answer {
    let body = body.to_string();
    call(
        server,
        "POST",
        path,
        Some(TOKEN),
        Some("application/json"),
        &body,
    )
    .await
}

/// getOrCreateConversation with `authorization`: the status.
async fn api_status(server: &LocalServer, authorization: Option<&str>) -> Answer {
    let body = json!({"participantId": {"contactId": CONTACT}}).to_string();
    let path = "/inbox/v2/conversations";
    call(
        server,
        "POST",
        path,
        authorization,
        Some("application/json"),
        &body,
    )
    .await
}

#[tokio::test]
async fn with_a_token_the_admin_routes_need_it() {
    let server = server_with_token().await;
    let visitor = admin(&server, "/_local/visitors", json!({"text": "hi"})).await;
    assert_eq!(visitor.status, 200, "{}", visitor.body);
    let conversion = json!({
        "participantId": {"anonymousVisitorId": visitor.body["anonymousVisitorId"]},
        "to": "contact",
    });
    let routes = [
        (
            "POST",
            "/_local/faults",
            json!({"failNext": {"status": 503, "count": 1}}),
        ),
        ("POST", "/_local/visitors", json!({"text": "hi"})),
        ("POST", "/_local/conversions", conversion.clone()),
        ("GET", "/_local/stats", Value::Null),
    ];
    for (method, path, body) in &routes {
        let body = if body.is_null() {
            String::new()
        } else {
            body.to_string()
        };
        for authorization in [None, Some("someone-else"), Some("")] {
            let got = call(
                &server,
                method,
                path,
                authorization,
                Some("application/json"),
                &body,
            )
            .await;
            assert_error(&got, 401, None);
        }
    }
    // Nothing was done: no fault injected, no visitor made, no conversion.
    assert_eq!(api_status(&server, Some(TOKEN)).await.status, 200);
    let stats = call(&server, "GET", "/_local/stats", Some(TOKEN), None, "").await;
    assert_eq!(stats.status, 200, "{}", stats.body);
    let converted = admin(&server, "/_local/conversions", conversion).await;
    assert_eq!(
        converted.status, 200,
        "the visitor was still a visitor: {}",
        converted.body
    );
    assert_eq!(converted.body["merges"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn without_a_token_the_admin_routes_stay_open_to_local_tools() {
    let server = start().await.unwrap();
    let got = call(
        &server,
        "POST",
        "/_local/visitors",
        None,
        Some("application/json"),
        r#"{"text": "hi"}"#,
    )
    .await;
    assert_eq!(got.status, 200, "{}", got.body);
    let got = call(&server, "GET", "/_local/stats", None, None, "").await;
    assert_eq!(got.status, 200, "{}", got.body);
}

#[tokio::test]
async fn the_admin_routes_take_json_content_types_only() {
    for server in [start().await.unwrap(), server_with_token().await] {
        let fault = json!({"failNext": {"status": 503, "count": 1}}).to_string();
        // What a page of another origin can send without a preflight, and no type.
        for content_type in [
            Some("text/plain"),
            Some("text/plain;charset=UTF-8"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
            Some("application/jsonp"),
            None,
        ] {
            let got = call(
                &server,
                "POST",
                "/_local/faults",
                Some(TOKEN),
                content_type,
                &fault,
            )
            .await;
            assert_error(&got, 415, None);
            let got = call(
                &server,
                "POST",
                "/_local/visitors",
                Some(TOKEN),
                content_type,
                r#"{"text": "hi"}"#,
            )
            .await;
            assert_error(&got, 415, None);
        }
        // Nothing was injected.
        assert_eq!(api_status(&server, Some(TOKEN)).await.status, 200);
        for content_type in [
            "application/json",
            "Application/JSON; charset=utf-8",
            "application/merge-patch+json",
        ] {
            let got = call(
                &server,
                "POST",
                "/_local/visitors",
                Some(TOKEN),
                Some(content_type),
                r#"{"text": "hi"}"#,
            )
            .await;
            assert_eq!(got.status, 200, "{content_type}: {}", got.body);
        }
    }
}

#[tokio::test]
async fn latency_is_capped() {
    let server = start().await.unwrap();
    let max_ms = MAX_LATENCY.as_millis() as u64;
    for latency in [json!(u64::MAX), json!(max_ms + 1)] {
        let got = admin(&server, "/_local/faults", json!({"latencyMs": latency})).await;
        assert_error(&got, 400, None);
        assert_eq!(
            got.body["details"]["validationError"]["fieldViolations"][0]["field"], "latencyMs",
            "{}",
            got.body
        );
        assert!(
            got.body["message"]
                .as_str()
                .unwrap()
                .contains(&max_ms.to_string()),
            "{}",
            got.body
        );
    }
    // The cap itself is taken (then taken back, before any call waits for it).
    let got = admin(&server, "/_local/faults", json!({"latencyMs": max_ms})).await;
    assert_eq!(got.status, 200, "{}", got.body);
    let got = admin(&server, "/_local/faults", json!({"clear": true})).await;
    assert_eq!(got.status, 200, "{}", got.body);
    // Nothing was left waiting: the next call is answered (a hang fails the test at
    // the client's timeout).
    let answered = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap()
        .post(format!("{}/inbox/v2/conversations", server.base_url()))
        .header("authorization", "dev")
        .body(json!({"participantId": {"contactId": CONTACT}}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answered.status(), 200);
}

#[tokio::test]
#[should_panic(expected = "at most")]
async fn the_fault_handle_refuses_latency_over_the_cap() {
    let server = start().await.unwrap();
    server
        .faults()
        .set_latency(MAX_LATENCY + Duration::from_millis(1));
}

#[tokio::test]
async fn an_application_error_needs_a_known_method_and_a_code() {
    let server = start().await.unwrap();
    for (fault, field) in [
        (
            json!({"method": "getConversaton", "code": "CONVERSATION_NOT_FOUND", "count": 1}),
            "applicationError.method",
        ),
        (
            json!({"method": "", "code": "CONVERSATION_NOT_FOUND", "count": 1}),
            "applicationError.method",
        ),
        (
            json!({"method": "getOrCreateConversation", "code": "", "count": 1}),
            "applicationError.code",
        ),
        (
            json!({"method": "getOrCreateConversation", "code": "  ", "count": 1}),
            "applicationError.code",
        ),
    ] {
        let got = admin(
            &server,
            "/_local/faults",
            json!({"applicationError": fault}),
        )
        .await;
        assert_error(&got, 400, None);
        assert_eq!(
            got.body["details"]["validationError"]["fieldViolations"][0]["field"], field,
            "{fault}: {}",
            got.body
        );
        // Nothing was injected.
        assert_eq!(
            api_status(&server, Some("dev")).await.status,
            200,
            "{fault}"
        );
    }
    // A method of any of the three APIs, with a code, is injected.
    let fault =
        json!({"method": "getOrCreateConversation", "code": "NO_INBOX_INSTANCE", "count": 1});
    assert_eq!(
        admin(
            &server,
            "/_local/faults",
            json!({"applicationError": fault})
        )
        .await
        .status,
        200
    );
    assert_error(
        &api_status(&server, Some("dev")).await,
        428,
        Some("NO_INBOX_INSTANCE"),
    );
}

#[tokio::test]
#[should_panic(expected = "no method")]
async fn the_fault_handle_refuses_an_unknown_method() {
    let server = start().await.unwrap();
    server
        .faults()
        .application_error_next("sendMesage", "CONVERSATION_NOT_FOUND", 1);
}

#[tokio::test]
#[should_panic(expected = "empty")]
async fn the_fault_handle_refuses_an_empty_code() {
    let server = start().await.unwrap();
    server.faults().application_error_next("sendMessage", "", 1);
}

#[tokio::test]
async fn faults_fire_only_after_the_credential_check() {
    let server = server_with_token().await;
    let faults = server.faults();
    faults.fail_next(503, 1);
    faults.corrupt_next(wix_local_server::BodyFault::Malformed, 1);
    faults.application_error_next("getOrCreateConversation", "NO_INBOX_INSTANCE", 1);
    // Refused for their credentials, with the usual body: no fault is used up.
    for authorization in [None, Some("wrong")] {
        assert_error(&api_status(&server, authorization).await, 401, None);
    }
    // The next authenticated calls get them, in order: the status (with the spoiled
    // body), then the application error, then a plain answer.
    let response = reqwest::Client::new()
        .post(format!("{}/inbox/v2/conversations", server.base_url()))
        .header("authorization", TOKEN)
        .body(json!({"participantId": {"contactId": CONTACT}}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(serde_json::from_str::<Value>(&response.text().await.unwrap()).is_err());
    assert_error(
        &api_status(&server, Some(TOKEN)).await,
        428,
        Some("NO_INBOX_INSTANCE"),
    );
    assert_eq!(api_status(&server, Some(TOKEN)).await.status, 200);
    // Every request was counted, refused or not.
    assert_eq!(server.inbox().request_count("getOrCreateConversation"), 5);
}
