//! Every error the server answers, the admin routes' included, is Wix's error body
//! (JSON): a site without Inbox, a fault status that is not an error, bodies that are
//! not what a route takes, oversized bodies, unknown routes and methods.

mod support;

use serde_json::json;
use support::{answer, Answer};
use wix_local_server::{start, LocalServer, MAX_BODY_BYTES};

const CONTACT: &str = "c0ffee00-1234-4abc-8def-0123456789ab";

async fn post(server: &LocalServer, path: &str, body: impl Into<reqwest::Body>) -> Answer {
    let request = reqwest::Client::new()
        .post(format!("{}{path}", server.base_url()))
        .header("content-type", "application/json")
        .header("authorization", "dev")
        .body(body);
    answer(request).await
}

/// Asserts Wix's error shape: a JSON `message` and a `details` object.
#[track_caller]
fn assert_wix_error(answer: &Answer, status: u16) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/json", "{}", answer.body);
    assert!(answer.body["message"].is_string(), "{}", answer.body);
    assert!(answer.body["details"].is_object(), "{}", answer.body);
}

#[tokio::test]
async fn a_visitor_on_a_site_without_inbox_gets_the_documented_error() {
    let server = start().await.unwrap();
    let inbox = server.inbox();
    inbox.set_inbox_installed(inbox.site_id(), false);
    // Before, the handler panicked and the connection was dropped.
    let answer = post(
        &server,
        "/_local/visitors",
        json!({"text": "hi"}).to_string(),
    )
    .await;
    assert_wix_error(&answer, 428);
    assert_eq!(
        answer.body["details"]["applicationError"]["code"],
        "NO_INBOX_INSTANCE"
    );
    let e = inbox.try_visitor_writes("hi").await.unwrap_err();
    assert_eq!(e.status, 428);
    // Nothing was left half done, and the server goes on.
    inbox.set_inbox_installed(inbox.site_id(), true);
    let answer = post(
        &server,
        "/_local/visitors",
        json!({"text": "hi"}).to_string(),
    )
    .await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer.body["conversationId"].is_string());
    let (_, conversation) = inbox.try_visitor_writes("hello").await.unwrap();
    assert_ne!(answer.body["conversationId"], json!(conversation));
}

#[tokio::test]
async fn a_visitor_conversion_on_a_site_without_inbox_gets_the_documented_error() {
    let server = start().await.unwrap();
    let inbox = server.inbox();
    let (visitor, conversation) = inbox.visitor_writes("hi").await;
    let member_to_be = inbox.visitor_writes("hello").await.0;
    inbox.set_inbox_installed(inbox.site_id(), false);
    // As getOrCreateConversation answers there: 428 NO_INBOX_INSTANCE, and nothing made.
    let e = inbox.convert_to_contact(&visitor).await.unwrap_err();
    assert_eq!(e.status, 428, "{e}");
    assert_eq!(
        e.body["details"]["applicationError"]["code"],
        "NO_INBOX_INSTANCE"
    );
    let participant = wix_inbox::ParticipantId::AnonymousVisitor(member_to_be);
    let e = inbox.convert_to_member(&participant).await.unwrap_err();
    assert_eq!(e.status, 428, "{e}");
    let body = json!({"participantId": {"anonymousVisitorId": visitor}, "to": "contact"});
    let answer = post(&server, "/_local/conversions", body.to_string()).await;
    assert_wix_error(&answer, 428);
    assert_eq!(
        answer.body["details"]["applicationError"]["code"],
        "NO_INBOX_INSTANCE"
    );
    let contacts = post(&server, "/contacts/v4/contacts/query", "{}".to_owned()).await;
    assert_eq!(
        contacts.body["pagingMetadata"]["total"], 0,
        "{}",
        contacts.body
    );
    // With Inbox back, the same visitor converts: they were still a visitor, in their
    // conversation.
    inbox.set_inbox_installed(inbox.site_id(), true);
    let done = inbox.convert_to_contact(&visitor).await.unwrap();
    assert_eq!(done.merges.len(), 1);
    assert_eq!(done.merges[0].old, conversation);
}

#[tokio::test]
async fn an_injected_status_must_be_an_error_status() {
    let server = start().await.unwrap();
    for status in [101, 200, 204, 302, 399, 600, 999] {
        let body = json!({"failNext": {"status": status, "count": 1}}).to_string();
        let answer = post(&server, "/_local/faults", body).await;
        assert_wix_error(&answer, 400);
        assert_eq!(
            answer.body["details"]["validationError"]["fieldViolations"][0]["field"],
            "failNext.status",
            "{status}: {}",
            answer.body
        );
        // Nothing was injected: the next call is answered as usual.
        let body = json!({"participantId": {"contactId": CONTACT}}).to_string();
        let answer = post(&server, "/inbox/v2/conversations", body).await;
        assert_eq!(answer.status, 200, "after {status}: {}", answer.body);
    }
    for status in [400, 429, 503, 599] {
        let body = json!({"failNext": {"status": status, "count": 1}}).to_string();
        assert_eq!(post(&server, "/_local/faults", body).await.status, 200);
        let body = json!({"participantId": {"contactId": CONTACT}}).to_string();
        let answer = post(&server, "/inbox/v2/conversations", body).await;
        assert_wix_error(&answer, status);
    }
}

#[tokio::test]
#[should_panic(expected = "an error status")]
async fn the_fault_handle_refuses_a_status_that_is_not_an_error() {
    let server = start().await.unwrap();
    server.faults().fail_next(101, 1);
}

#[tokio::test]
async fn bad_admin_bodies_are_wix_errors() {
    let server = start().await.unwrap();
    let cases = [
        ("/_local/visitors", "not json".to_owned()),
        (
            "/_local/visitors",
            json!({"txt": "missing text"}).to_string(),
        ),
        ("/_local/visitors", json!({"text": 5}).to_string()),
        ("/_local/conversions", json!({"to": "member"}).to_string()),
        (
            "/_local/conversions",
            json!({"participantId": {"contactId": CONTACT}, "to": "visitor"}).to_string(),
        ),
        (
            "/_local/faults",
            json!({"failNext": {"status": 500}}).to_string(),
        ),
        (
            "/_local/faults",
            json!({"corruptNext": {"kind": "eaten", "count": 1}}).to_string(),
        ),
        ("/_local/faults", "[]".to_owned()),
    ];
    for (path, body) in cases {
        let answer = post(&server, path, body.clone()).await;
        assert!(
            answer.body["details"]["validationError"].is_object(),
            "{path} {body}: {}",
            answer.body
        );
        assert_wix_error(&answer, 400);
    }
    // Without a content type, refused in the same shape: the admin routes take JSON
    // only, so that no web page can post to them (admin_routes.rs).
    let request = reqwest::Client::new()
        .post(format!("{}/_local/visitors", server.base_url()))
        .body(json!({"text": "hi"}).to_string());
    assert_wix_error(&answer(request).await, 415);
}

#[tokio::test]
async fn an_oversized_body_is_a_wix_413() {
    let server = start().await.unwrap();
    // One byte over: the server reads the whole body before refusing it.
    let oversized = "x".repeat(MAX_BODY_BYTES + 1);
    for path in [
        "/inbox/v2/messages",
        "/inbox/v2/conversations",
        "/_local/visitors",
    ] {
        let answer = post(&server, path, oversized.clone()).await;
        assert_wix_error(&answer, 413);
        assert!(
            answer.body["message"]
                .as_str()
                .unwrap()
                .contains(&MAX_BODY_BYTES.to_string()),
            "{path}: {}",
            answer.body
        );
    }
    // At the limit, a body is read (and refused for what it is, not for its size).
    let answer = post(&server, "/_local/visitors", "x".repeat(MAX_BODY_BYTES)).await;
    assert_wix_error(&answer, 400);
}

#[tokio::test]
async fn unknown_routes_and_methods_are_wix_errors() {
    let server = start().await.unwrap();
    let http = reqwest::Client::new();
    let base = server.base_url();
    let got = answer(http.get(format!("{base}/nowhere"))).await;
    assert_wix_error(&got, 404);
    let got = answer(http.get(format!("{base}/_local/visitors"))).await;
    assert_wix_error(&got, 405);
    let got = answer(
        http.delete(format!("{base}/inbox/v2/messages"))
            .header("authorization", "dev"),
    )
    .await;
    assert_wix_error(&got, 405);
}
